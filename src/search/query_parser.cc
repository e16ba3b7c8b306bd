// Query parser: a small lexer and a recursive-descent parser producing a QueryNode tree.
// The accepted syntax and the tree it produces are described in doc/query-syntax.md.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "dateline/query.h"

namespace dateline::search {

namespace {

using Kind = QueryNode::Kind;
using Occur = QueryNode::Occur;

constexpr int kMaxDepth = 100;  // nested groups plus stacked prefix operators

// ---------------------------------------------------------------------------
// Characters

// Byte length of the whitespace character at s[i] (ASCII or Unicode), or 0.
size_t SpaceLen(std::string_view s, size_t i) {
  if (i >= s.size()) return 0;
  unsigned char c = static_cast<unsigned char>(s[i]);
  if (c == ' ' || (c >= '\t' && c <= '\r')) return 1;
  auto at = [&](size_t k) { return i + k < s.size() ? static_cast<unsigned char>(s[i + k]) : 0; };
  if (c == 0xC2 && (at(1) == 0x85 || at(1) == 0xA0)) return 2;  // NEL, NBSP
  if (c == 0xE1 && at(1) == 0x9A && at(2) == 0x80) return 3;    // U+1680
  if (c == 0xE3 && at(1) == 0x80 && at(2) == 0x80) return 3;    // U+3000
  if (c == 0xE2 && at(1) == 0x81 && at(2) == 0x9F) return 3;    // U+205F
  if (c == 0xE2 && at(1) == 0x80) {
    unsigned char d = at(2);
    if (d <= 0x8B || d == 0xA8 || d == 0xA9 || d == 0xAF) return 3;  // U+2000..200B, 2028/9, 202F
  }
  return 0;
}

// Byte length of a quotation mark at s[i] that opens a phrase: " “ ” „ (else 0, also past the
// end).
size_t QuoteLen(std::string_view s, size_t i) {
  if (i >= s.size()) return 0;
  if (s[i] == '"') return 1;
  if (i + 2 < s.size() && s[i] == '\xE2' && s[i + 1] == '\x80' &&
      (s[i + 2] == '\x9C' || s[i + 2] == '\x9D' || s[i + 2] == '\x9E')) {
    return 3;
  }
  return 0;
}

// Byte length of a quotation mark at s[i] that closes a phrase: " “ ” (not „), else 0.
size_t CloseQuoteLen(std::string_view s, size_t i) {
  size_t n = QuoteLen(s, i);
  return n == 3 && s[i + 2] == '\x9E' ? 0 : n;
}

// True where a word ends: the end, whitespace, a parenthesis or a quotation mark.
bool IsDelim(std::string_view s, size_t i) {
  return i >= s.size() || s[i] == '(' || s[i] == ')' || SpaceLen(s, i) > 0 || QuoteLen(s, i) > 0;
}

// 1-based column (in code points) of byte offset `pos`.
size_t Column(std::string_view s, size_t pos) {
  size_t col = 1;
  for (size_t i = 0; i < pos && i < s.size(); ++i) {
    if ((static_cast<unsigned char>(s[i]) & 0xC0) != 0x80) ++col;
  }
  return col;
}

Status Error(std::string_view query, size_t pos, std::string_view msg) {
  return Status::InvalidArgument("column " + std::to_string(Column(query, pos)) + ": " +
                                 std::string(msg));
}

std::string AsciiLower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

// ---------------------------------------------------------------------------
// Lexer

bool IsAnnotField(std::string_view name) {
  return name == "person" || name == "org" || name == "place" || name == "entity" ||
         name == "country" || name == "near" || name == "event-date" || name == "source";
}

enum class Tok {
  kEnd,
  kWord,
  kPhrase,
  kLParen,
  kRParen,
  kPrefix,
  kAnd,
  kOr,
  kField,
  kLang,
  kDate,
  kAnnot,  // person:/org:/place:/entity:/country:/near:/event-date:/source: with its value
};

struct Token {
  Tok kind = Tok::kEnd;
  std::string text;              // word, phrase, lang: or date: value
  size_t pos = 0;                // byte offset in the query
  Occur occur = Occur::kShould;  // for kPrefix
  Field field = Field::kAll;     // for kField
  std::string name;              // for kAnnot and kDate: the field name
};

class Lexer {
 public:
  explicit Lexer(std::string_view q) : q_(q) {}
  Status Run(std::vector<Token>* out);

 private:
  Status Next();
  Status LexPhrase();
  Status LexWord();
  Status LexFieldValue(std::string_view name, size_t name_pos, size_t value_pos);
  Status LexDateValue(size_t value_pos);
  Status LexAnnotValue(std::string name, size_t name_pos, size_t value_pos);
  size_t RunEnd(size_t i) const {
    while (!IsDelim(q_, i)) ++i;
    return i;
  }
  void Push(Tok kind, size_t pos, std::string text = {}) {
    Token t;
    t.kind = kind;
    t.pos = pos;
    t.text = std::move(text);
    toks_.push_back(std::move(t));
  }

  std::string_view q_;
  size_t i_ = 0;
  std::vector<Token> toks_;
};

Status Lexer::Run(std::vector<Token>* out) {
  while (true) {
    while (i_ < q_.size() && SpaceLen(q_, i_) > 0) i_ += SpaceLen(q_, i_);
    if (i_ >= q_.size()) break;
    DL_RETURN_IF_ERROR(Next());
  }
  Push(Tok::kEnd, q_.size());
  *out = std::move(toks_);
  return Status::OK();
}

Status Lexer::Next() {
  char c = q_[i_];
  if (c == '(' || c == ')') {
    Push(c == '(' ? Tok::kLParen : Tok::kRParen, i_++);
    return Status::OK();
  }
  if (QuoteLen(q_, i_) > 0) return LexPhrase();
  // + - ! are prefix operators when something (not a space or ')') follows them.
  bool prefix_char = c == '+' || c == '-' || c == '!';
  if (prefix_char && i_ + 1 < q_.size() && SpaceLen(q_, i_ + 1) == 0 && q_[i_ + 1] != ')') {
    Push(Tok::kPrefix, i_);
    toks_.back().occur = c == '+' ? Occur::kMust : Occur::kMustNot;
    ++i_;
    return Status::OK();
  }
  return LexWord();
}

Status Lexer::LexPhrase() {
  size_t open = i_;
  size_t begin = i_ + QuoteLen(q_, i_);
  size_t end = begin;
  while (end < q_.size() && CloseQuoteLen(q_, end) == 0) ++end;
  i_ = end < q_.size() ? end + CloseQuoteLen(q_, end) : end;
  std::string_view text = q_.substr(begin, end - begin);
  size_t k = 0;
  while (k < text.size() && SpaceLen(text, k) > 0) k += SpaceLen(text, k);
  if (k == text.size()) return Error(q_, open, "empty phrase");
  Push(Tok::kPhrase, open, std::string(text));
  return Status::OK();
}

Status Lexer::LexWord() {
  size_t start = i_;
  i_ = RunEnd(start);
  std::string_view word = q_.substr(start, i_ - start);
  if (word == "AND" || word == "&&") {
    Push(Tok::kAnd, start);
  } else if (word == "OR" || word == "||") {
    Push(Tok::kOr, start);
  } else if (word == "NOT") {
    Push(Tok::kPrefix, start);
    toks_.back().occur = Occur::kMustNot;
  } else if (size_t colon = word.find(':'); colon != std::string_view::npos) {
    std::string name = AsciiLower(word.substr(0, colon));
    if (name == "title" || name == "text" || name == "lang" || name == "date") {
      return LexFieldValue(name, start, start + colon + 1);
    }
    if (IsAnnotField(name)) return LexAnnotValue(name, start, start + colon + 1);
    Push(Tok::kWord, start, std::string(word));
  } else {
    Push(Tok::kWord, start, std::string(word));
  }
  return Status::OK();
}

// Lexes what follows `name:`; value_pos is the byte after the colon.
Status Lexer::LexFieldValue(std::string_view name, size_t name_pos, size_t value_pos) {
  i_ = value_pos;
  bool opens = i_ < q_.size() && (q_[i_] == '(' || QuoteLen(q_, i_) > 0);
  if (IsDelim(q_, i_) && !(opens && (name == "title" || name == "text"))) {
    return Error(q_, name_pos, std::string(name) + ": needs a value right after the colon");
  }
  if (name == "date") return LexDateValue(value_pos);
  if (name == "lang") {
    i_ = RunEnd(value_pos);
    Push(Tok::kLang, value_pos, std::string(q_.substr(value_pos, i_ - value_pos)));
    return Status::OK();
  }
  Push(Tok::kField, name_pos);
  toks_.back().field = name == "title" ? Field::kTitle : Field::kText;
  if (opens) return Status::OK();  // the group or phrase is lexed as usual
  i_ = RunEnd(value_pos);          // a word, taken literally (no operators)
  Push(Tok::kWord, value_pos, std::string(q_.substr(value_pos, i_ - value_pos)));
  return Status::OK();
}

// person:/org:/place:/entity:/country:/near:/source: take a quoted phrase or a run;
// event-date: takes what date: takes.
Status Lexer::LexAnnotValue(std::string name, size_t name_pos, size_t value_pos) {
  i_ = value_pos;
  if (IsDelim(q_, i_) && QuoteLen(q_, i_) == 0) {
    return Error(q_, name_pos, name + ": needs a value right after the colon");
  }
  if (name == "event-date") {
    DL_RETURN_IF_ERROR(LexDateValue(value_pos));
    toks_.back().name = name;
    return Status::OK();
  }
  std::string value;
  if (const size_t ql = QuoteLen(q_, i_); ql > 0) {
    size_t end = i_ + ql;
    while (end < q_.size() && CloseQuoteLen(q_, end) == 0) ++end;
    value = std::string(q_.substr(i_ + ql, end - i_ - ql));
    i_ = end < q_.size() ? end + CloseQuoteLen(q_, end) : end;
  } else {
    i_ = RunEnd(value_pos);
    value = std::string(q_.substr(value_pos, i_ - value_pos));
  }
  if (value.find_first_not_of(" \t") == std::string::npos) {
    return Error(q_, name_pos, name + ": needs a value");
  }
  Push(Tok::kAnnot, value_pos, std::move(value));
  toks_.back().name = std::move(name);
  return Status::OK();
}

// date: takes a bracketed range (which may contain spaces) or a single run.
Status Lexer::LexDateValue(size_t value_pos) {
  if (q_[value_pos] == '[' || q_[value_pos] == '{') {
    size_t close = q_.find_first_of("]}", value_pos);
    if (close == std::string_view::npos) {
      return Error(q_, value_pos, "date range is not closed with ] or }");
    }
    i_ = close + 1;
  } else {
    i_ = RunEnd(value_pos);
  }
  Push(Tok::kDate, value_pos, std::string(q_.substr(value_pos, i_ - value_pos)));
  return Status::OK();
}

// ---------------------------------------------------------------------------
// Dates

Date FromDays(int32_t days) {
  int32_t y;
  unsigned m, d;
  CivilFromDays(days, &y, &m, &d);
  Date out;
  out.year = y;
  out.month = static_cast<uint8_t>(m);
  out.day = static_cast<uint8_t>(d);
  out.precision = Date::Precision::kDay;
  return out;
}

// The day `days` as a Date, or an error when it falls outside 0000..9999.
Status DayDate(std::string_view q, size_t pos, int32_t days, std::optional<Date>* out) {
  Date d = FromDays(days);
  if (d.year < 0 || d.year > 9999) return Error(q, pos, "date out of range");
  *out = d;
  return Status::OK();
}

// Parses one bound at byte `pos`: "*" (open) or a date.
Status ParseBound(std::string_view q, size_t pos, std::string_view s, std::optional<Date>* out) {
  out->reset();
  if (s == "*") return Status::OK();
  *out = Date::Parse(s);
  if (!*out) return Error(q, pos, "bad date '" + std::string(s) + "'");
  return Status::OK();
}

// Splits the inside of a [range] into whitespace-separated words with their offsets.
std::vector<std::pair<std::string_view, size_t>> SplitWords(std::string_view q, size_t b,
                                                            size_t e) {
  std::vector<std::pair<std::string_view, size_t>> out;
  size_t i = b;
  while (i < e) {
    if (size_t n = SpaceLen(q, i); n > 0) {
      i += n;
      continue;
    }
    size_t start = i;
    while (i < e && SpaceLen(q, i) == 0) ++i;
    out.emplace_back(q.substr(start, i - start), start);
  }
  return out;
}

// date:[A TO B]; `{` / `}` exclude their bound.
Status ParseDateRange(std::string_view q, const Token& t, QueryNode* n) {
  size_t b = t.pos + 1, e = t.pos + t.text.size() - 1;
  auto words = SplitWords(q, b, e);
  if (words.size() != 3 || (words[1].first != "TO" && words[1].first != "to")) {
    return Error(q, t.pos, "date range must look like [2019-04-01 TO 2019-04-30]");
  }
  DL_RETURN_IF_ERROR(ParseBound(q, words[0].second, words[0].first, &n->from));
  DL_RETURN_IF_ERROR(ParseBound(q, words[2].second, words[2].first, &n->to));
  if (t.text.front() == '{' && n->from) {
    DL_RETURN_IF_ERROR(DayDate(q, words[0].second, n->from->LastDay() + 1, &n->from));
  }
  if (t.text.back() == '}' && n->to) {
    DL_RETURN_IF_ERROR(DayDate(q, words[2].second, n->to->FirstDay() - 1, &n->to));
  }
  return Status::OK();
}

// date:2019-04, date:>=2019-04-01, date:>2019-04-01, date:<=2019-04-30, date:<2019-05.
Status ParseDateCompare(std::string_view q, const Token& t, QueryNode* n) {
  std::string_view s = t.text;
  size_t op_len = s.starts_with(">=") || s.starts_with("<=") ? 2 : (s[0] == '>' || s[0] == '<');
  std::optional<Date> d;
  std::string_view value = s.substr(op_len);
  if (value == "*") return Error(q, t.pos, "date: needs a date");
  DL_RETURN_IF_ERROR(ParseBound(q, t.pos + op_len, value, &d));
  size_t pos = t.pos + op_len;
  if (op_len == 0) {
    n->from = n->to = d;
  } else if (s[0] == '>') {
    n->from = d;
    if (op_len == 1) DL_RETURN_IF_ERROR(DayDate(q, pos, d->LastDay() + 1, &n->from));
  } else {
    n->to = d;
    if (op_len == 1) DL_RETURN_IF_ERROR(DayDate(q, pos, d->FirstDay() - 1, &n->to));
  }
  return Status::OK();
}

Status ParseDate(std::string_view q, const Token& t, QueryNode* n) {
  n->kind = t.name == "event-date" ? Kind::kEventDate : Kind::kDateRange;
  bool bracket = t.text[0] == '[' || t.text[0] == '{';
  DL_RETURN_IF_ERROR(bracket ? ParseDateRange(q, t, n) : ParseDateCompare(q, t, n));
  if (n->from && n->to && n->from->FirstDay() > n->to->LastDay()) {
    return Error(q, t.pos, "date range ends before it starts");
  }
  return Status::OK();
}

// ---------------------------------------------------------------------------
// Annotation filters

// One number of near:LAT,LON,KM, within [lo, hi].
Status ParseNumber(std::string_view q, size_t pos, std::string_view s, double lo, double hi,
                   const char* what, double* out) {
  std::string str(s);
  char* end = nullptr;
  *out = std::strtod(str.c_str(), &end);
  if (str.empty() || end != str.c_str() + str.size() || !(*out >= lo && *out <= hi)) {
    return Error(q, pos, std::string("near: bad ") + what + " '" + str + "'");
  }
  return Status::OK();
}

Status ParseNear(std::string_view q, const Token& t, QueryNode* n) {
  n->kind = Kind::kNear;
  std::string_view v = t.text;
  const size_t c1 = v.find(','), c2 = c1 == v.npos ? v.npos : v.find(',', c1 + 1);
  if (c2 == v.npos || v.find(',', c2 + 1) != v.npos) {
    return Error(q, t.pos, "near: must look like near:32.9,13.2,50 (latitude,longitude,km)");
  }
  DL_RETURN_IF_ERROR(ParseNumber(q, t.pos, v.substr(0, c1), -90, 90, "latitude", &n->lat));
  DL_RETURN_IF_ERROR(ParseNumber(q, t.pos + c1 + 1, v.substr(c1 + 1, c2 - c1 - 1), -180, 180,
                                 "longitude", &n->lon));
  DL_RETURN_IF_ERROR(
      ParseNumber(q, t.pos + c2 + 1, v.substr(c2 + 1), 0.001, 20000, "distance", &n->km));
  return Status::OK();
}

Status ParseAnnot(std::string_view q, const Token& t, QueryNode* n) {
  if (t.name == "near") return ParseNear(q, t, n);
  n->text = t.text;
  if (t.name == "country" || t.name == "source") {
    n->kind = t.name == "country" ? Kind::kCountry : Kind::kSource;
    return Status::OK();
  }
  n->kind = Kind::kEntity;
  n->entity_type = t.name == "person" ? 'P' : t.name == "org" ? 'O' : t.name == "place" ? 'L' : 'A';
  return Status::OK();
}

// ---------------------------------------------------------------------------
// Languages

bool IsLangCode(std::string_view code) {
  if (code.size() < 2 || code.size() > 3) return false;
  for (char c : code) {
    if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))) return false;
  }
  return true;
}

// lang:nl -> one kLang node; lang:nl,de -> a Boolean of should kLang nodes.
Status ParseLang(std::string_view q, const Token& t, QueryNode* n) {
  std::vector<QueryNode> codes;
  size_t start = 0;
  while (true) {
    size_t comma = t.text.find(',', start);
    std::string_view code = std::string_view(t.text).substr(start, comma - start);
    if (!IsLangCode(code)) {
      return Error(q, t.pos + start, "lang: expects language codes such as nl or nl,de");
    }
    QueryNode leaf;
    leaf.kind = Kind::kLang;
    leaf.text = AsciiLower(code);
    codes.push_back(std::move(leaf));
    if (comma == std::string::npos) break;
    start = comma + 1;
  }
  if (codes.size() == 1) {
    *n = std::move(codes[0]);
  } else {
    n->kind = Kind::kBoolean;
    n->children = std::move(codes);
  }
  return Status::OK();
}

// ---------------------------------------------------------------------------
// Parser

void ApplyField(Field field, QueryNode* n) {
  if ((n->kind == Kind::kTerm || n->kind == Kind::kPhrase) && n->field == Field::kAll) {
    n->field = field;
  }
  for (QueryNode& c : n->children) ApplyField(field, &c);
}

QueryNode MakeBoolean(std::vector<QueryNode> children) {
  QueryNode n;
  n.kind = Kind::kBoolean;
  n.children = std::move(children);
  return n;
}

// Turns the clauses of a group (or the whole query) into one Boolean node.
QueryNode BuildGroup(std::vector<QueryNode> clauses) {
  if (clauses.size() == 1 && clauses[0].kind == Kind::kBoolean &&
      clauses[0].occur == Occur::kShould) {
    return std::move(clauses[0]);  // `(a OR b)`, `(a AND b)`, `((a b))`: no extra level
  }
  for (QueryNode& c : clauses) {
    if (c.occur == Occur::kShould && c.IsFilter()) c.occur = Occur::kMust;
  }
  return MakeBoolean(std::move(clauses));
}

class Parser {
 public:
  Parser(std::string_view q, std::vector<Token> toks) : q_(q), toks_(std::move(toks)) {}
  Status ParseRoot(QueryNode* out);

 private:
  const Token& Peek() const { return toks_[i_]; }
  bool At(Tok kind) const { return Peek().kind == kind; }
  bool AtClauseEnd() const {
    return At(Tok::kEnd) || At(Tok::kRParen) || At(Tok::kAnd) || At(Tok::kOr);
  }
  Status ParseSequence(int depth, std::vector<QueryNode>* clauses);
  Status ParseChain(int depth, Tok op, QueryNode* out);
  Status ParseUnary(int depth, QueryNode* out);
  Status ParsePrimary(int depth, QueryNode* out);
  Status ParseParens(int depth, QueryNode* out);
  Status ParseFielded(int depth, QueryNode* out);

  std::string_view q_;
  std::vector<Token> toks_;
  size_t i_ = 0;
};

Status Parser::ParseRoot(QueryNode* out) {
  std::vector<QueryNode> clauses;
  DL_RETURN_IF_ERROR(ParseSequence(0, &clauses));
  if (At(Tok::kRParen)) return Error(q_, Peek().pos, "')' without '('");
  if (clauses.empty()) clauses.emplace_back();  // kMatchAll
  *out = BuildGroup(std::move(clauses));
  out->occur = Occur::kShould;
  return Status::OK();
}

// Juxtaposed clauses up to the end or a ')'.
Status Parser::ParseSequence(int depth, std::vector<QueryNode>* clauses) {
  while (!At(Tok::kEnd) && !At(Tok::kRParen)) {
    if (At(Tok::kAnd) || At(Tok::kOr)) {
      return Error(q_, Peek().pos, "operator has no clause before it");
    }
    QueryNode clause;
    DL_RETURN_IF_ERROR(ParseChain(depth, Tok::kOr, &clause));
    clauses->push_back(std::move(clause));
  }
  return Status::OK();
}

// `x OR y OR ...` (op kOr, operands are AND chains) or `x AND y AND ...` (operands are
// unary clauses). A single operand is returned as is.
Status Parser::ParseChain(int depth, Tok op, QueryNode* out) {
  auto operand = [&](QueryNode* n) {
    return op == Tok::kOr ? ParseChain(depth, Tok::kAnd, n) : ParseUnary(depth, n);
  };
  DL_RETURN_IF_ERROR(operand(out));
  if (!At(op)) return Status::OK();
  std::vector<QueryNode> operands;
  operands.push_back(std::move(*out));
  while (At(op)) {
    size_t op_pos = Peek().pos;
    ++i_;
    if (AtClauseEnd()) return Error(q_, op_pos, "operator has no clause after it");
    operands.emplace_back();
    DL_RETURN_IF_ERROR(operand(&operands.back()));
  }
  if (op == Tok::kAnd) {
    for (QueryNode& c : operands) {
      if (c.occur == Occur::kShould) c.occur = Occur::kMust;
    }
  }
  *out = MakeBoolean(std::move(operands));
  return Status::OK();
}

// [+ | - | ! | NOT]* primary. Stacked prefixes nest: `--a` is -(-a).
Status Parser::ParseUnary(int depth, QueryNode* out) {
  if (!At(Tok::kPrefix)) return ParsePrimary(depth, out);
  const size_t prefix_pos = Peek().pos;
  const Occur occur = Peek().occur;
  ++i_;
  if (AtClauseEnd()) return Error(q_, prefix_pos, "operator has no clause after it");
  if (At(Tok::kPrefix)) {
    if (depth + 1 > kMaxDepth) return Error(q_, Peek().pos, "query nests too deeply");
    QueryNode inner;
    DL_RETURN_IF_ERROR(ParseUnary(depth + 1, &inner));
    *out = MakeBoolean({});
    out->children.push_back(std::move(inner));
  } else {
    DL_RETURN_IF_ERROR(ParsePrimary(depth, out));
  }
  out->occur = occur;
  return Status::OK();
}

Status Parser::ParsePrimary(int depth, QueryNode* out) {
  const Token& t = Peek();
  switch (t.kind) {
    case Tok::kWord:
      out->kind = t.text == "*" ? Kind::kMatchAll : Kind::kTerm;
      if (t.text != "*") out->text = t.text;
      break;
    case Tok::kPhrase:
      out->kind = Kind::kPhrase;
      out->text = t.text;
      break;
    case Tok::kLParen:
      return ParseParens(depth, out);
    case Tok::kField:
      return ParseFielded(depth, out);
    case Tok::kLang:
      DL_RETURN_IF_ERROR(ParseLang(q_, t, out));
      break;
    case Tok::kDate:
      DL_RETURN_IF_ERROR(ParseDate(q_, t, out));
      break;
    case Tok::kAnnot:
      DL_RETURN_IF_ERROR(ParseAnnot(q_, t, out));
      break;
    default:
      return Error(q_, t.pos, "expected a word, phrase or group");
  }
  ++i_;
  return Status::OK();
}

Status Parser::ParseParens(int depth, QueryNode* out) {
  size_t open = Peek().pos;
  if (depth + 1 > kMaxDepth) return Error(q_, open, "query nests too deeply");
  ++i_;
  std::vector<QueryNode> clauses;
  DL_RETURN_IF_ERROR(ParseSequence(depth + 1, &clauses));
  if (!At(Tok::kRParen)) return Error(q_, open, "'(' is never closed");
  if (clauses.empty()) return Error(q_, open, "empty parentheses");
  ++i_;
  *out = BuildGroup(std::move(clauses));
  return Status::OK();
}

// title:/text: followed (as the lexer guarantees) by a word, a phrase or a group.
Status Parser::ParseFielded(int depth, QueryNode* out) {
  Field field = Peek().field;
  ++i_;
  DL_RETURN_IF_ERROR(ParsePrimary(depth, out));
  ApplyField(field, out);
  return Status::OK();
}

// ---------------------------------------------------------------------------
// DebugString

void AppendDebug(const QueryNode& n, std::string* out);

void AppendField(Field f, std::string* out) {
  if (f == Field::kTitle) *out += "title:";
  if (f == Field::kText) *out += "text:";
}

void AppendBoolean(const QueryNode& n, std::string* out) {
  *out += '(';
  for (size_t k = 0; k < n.children.size(); ++k) {
    const QueryNode& c = n.children[k];
    if (k > 0) *out += ' ';
    if (c.occur == Occur::kMust) *out += '+';
    if (c.occur == Occur::kMustNot) *out += '-';
    AppendDebug(c, out);
  }
  *out += ')';
}

void AppendDebug(const QueryNode& n, std::string* out) {
  switch (n.kind) {
    case Kind::kBoolean:
      AppendBoolean(n, out);
      break;
    case Kind::kTerm:
      AppendField(n.field, out);
      *out += n.text;
      break;
    case Kind::kPhrase:
      AppendField(n.field, out);
      *out += '"' + n.text + '"';
      break;
    case Kind::kLang:
      *out += "lang:" + n.text;
      break;
    case Kind::kDateRange:
      *out += "date:[" + (n.from ? n.from->ToString() : "*") + " TO " +
              (n.to ? n.to->ToString() : "*") + "]";
      break;
    case Kind::kMatchAll:
      *out += '*';
      break;
    case Kind::kEntity: {
      const char t = n.entity_type;
      *out += t == 'P' ? "person:" : t == 'O' ? "org:" : t == 'L' ? "place:" : "entity:";
      *out += '"' + n.text + '"';
      break;
    }
    case Kind::kCountry:
      *out += "country:" + n.text;
      break;
    case Kind::kSource:
      *out += "source:\"" + n.text + '"';
      break;
    case Kind::kNear: {
      char buf[96];
      std::snprintf(buf, sizeof buf, "near:%g,%g,%g", n.lat, n.lon, n.km);
      *out += buf;
      break;
    }
    case Kind::kEventDate:
      *out += "event-date:[" + (n.from ? n.from->ToString() : "*") + " TO " +
              (n.to ? n.to->ToString() : "*") + "]";
      break;
  }
}

}  // namespace

bool QueryNode::IsFilter() const {
  if (kind == Kind::kLang || kind == Kind::kDateRange || kind == Kind::kEntity ||
      kind == Kind::kCountry || kind == Kind::kNear || kind == Kind::kEventDate ||
      kind == Kind::kSource) {
    return true;
  }
  if (kind != Kind::kBoolean || children.empty()) return false;
  for (const QueryNode& c : children) {
    if (!c.IsFilter()) return false;
  }
  return true;
}

std::string QueryNode::DebugString() const {
  std::string out;
  AppendDebug(*this, &out);
  return out;
}

Status ParseQuery(std::string_view query, QueryNode* out) {
  std::vector<Token> toks;
  DL_RETURN_IF_ERROR(Lexer(query).Run(&toks));
  QueryNode root;
  DL_RETURN_IF_ERROR(Parser(query, std::move(toks)).ParseRoot(&root));
  *out = std::move(root);
  return Status::OK();
}

}  // namespace dateline::search
