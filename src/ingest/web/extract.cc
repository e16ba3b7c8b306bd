// Article extraction: choosing the article's container by the value of its text
// blocks, cleaning paragraphs, and reading title, date, authors, language and URL.
#include <simdjson.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>

#include "dateline/document.h"
#include "dateline/text.h"
#include "dateline/web.h"
#include "ingest/web/dates.h"
#include "ingest/web/encoding.h"
#include "ingest/web/html_tree.h"
#include "util/json.h"

namespace dateline::web {
namespace {

bool IsBlockTag(Tag t) {
  switch (t) {
    case Tag::kHtml:
    case Tag::kBody:
    case Tag::kP:
    case Tag::kDiv:
    case Tag::kH1:
    case Tag::kH2:
    case Tag::kH3:
    case Tag::kH4:
    case Tag::kH5:
    case Tag::kH6:
    case Tag::kLi:
    case Tag::kUl:
    case Tag::kOl:
    case Tag::kDl:
    case Tag::kDt:
    case Tag::kDd:
    case Tag::kBlockquote:
    case Tag::kPre:
    case Tag::kTable:
    case Tag::kTr:
    case Tag::kHr:
    case Tag::kFigure:
    case Tag::kFigcaption:
    case Tag::kNav:
    case Tag::kFooter:
    case Tag::kHeader:
    case Tag::kAside:
    case Tag::kForm:
    case Tag::kArticle:
    case Tag::kMain:
    case Tag::kSection:
    case Tag::kCenter:
    case Tag::kAddress:
    case Tag::kDetails:
    case Tag::kSummary:
    case Tag::kMenu:
    case Tag::kCaption:
    case Tag::kTbody:
    case Tag::kFieldset:
      return true;
    default:
      return false;
  }
}

bool IsHeading(Tag t) {
  return t == Tag::kH1 || t == Tag::kH2 || t == Tag::kH3 || t == Tag::kH4 || t == Tag::kH5 ||
         t == Tag::kH6;
}

// ---------------------------------------------------------------- junk marking

void MarkJunk(HtmlTree* tree) {
  auto& nodes = tree->nodes;
  const uint32_t total_p = nodes.empty() ? 0 : nodes[0].p_chars;
  const double total_nonlink = nodes.empty() ? 0.0 : nodes[0].text_chars - nodes[0].link_chars;
  for (size_t i = 1; i < nodes.size(); ++i) {
    Node& n = nodes[i];
    if (n.tag == Tag::kText) continue;
    if (nodes[n.parent].junk) {
      n.junk = true;
      continue;
    }
    // A container holding most of the page's paragraph text is not furniture,
    // whatever its class says (comments excepted).
    if (n.tag == Tag::kHtml || n.tag == Tag::kBody) continue;
    const bool holds_article =
        n.p_chars >= 300 && n.p_chars * 10 >= total_p * 6 && n.link_chars * 3 < n.text_chars;
    // Boxes named like furniture but holding real paragraphs are left to the scorer.
    constexpr double kShare = 0.3;  // of the page's non-link text
    const bool holds_text = (n.p_chars >= 400 || (n.text_chars - n.link_chars >= 600 &&
                                                  n.link_chars * 3 < n.text_chars)) &&
                            n.text_chars - n.link_chars >= kShare * total_nonlink;
    bool junk = false;
    switch (n.tag) {
      case Tag::kNav:
      case Tag::kAside:
      case Tag::kFooter:
      case Tag::kFigcaption:
      case Tag::kMenu:
      case Tag::kHeader:
      case Tag::kForm:
      case Tag::kFigure:
      case Tag::kAddress:
      case Tag::kCaption:
        junk = !holds_article;
        break;
      default:
        break;
    }
    if (n.hints & kHintHidden) junk = true;
    if (n.hints & kHintComment) junk = junk || !holds_article || n.p_chars * 10 < total_p * 9;
    if ((n.hints & kHintBoiler) && !(n.hints & kHintArticleBody)) junk = junk || !holds_text;
    if ((n.hints & kHintNegative) && !(n.hints & (kHintPositive | kHintArticleBody)))
      junk = junk || !holds_text;
    n.junk = junk;
  }
}

// ---------------------------------------------------------------- blocks

struct Block {
  std::string text;
  uint32_t chars = 0;
  uint32_t link_chars = 0;
  Tag tag = Tag::kOther;  // the nearest block element
  bool in_list = false;
  bool in_quote = false;  // inside <blockquote> (quoted posts keep their links)
};

struct Range {
  int32_t node;
  uint32_t begin, end;  // block indices
};

class BlockMaker {
 public:
  explicit BlockMaker(const HtmlTree& t) : t_(t) {}

  void Run() { Walk(0, false, Tag::kBody, false); }
  std::vector<Block>& blocks() { return blocks_; }
  std::vector<Range>& ranges() { return ranges_; }

 private:
  void Flush(Tag tag, bool in_list) {
    // Trim spaces around line breaks and at the ends.
    std::string out;
    out.reserve(cur_.size());
    size_t i = 0;
    while (i < cur_.size() && (cur_[i] == ' ' || cur_[i] == '\n')) ++i;
    for (; i < cur_.size(); ++i) {
      const char c = cur_[i];
      if (c == '\n') {
        while (!out.empty() && out.back() == ' ') out.pop_back();
        if (!out.empty() && out.back() != '\n') out.push_back('\n');
        while (i + 1 < cur_.size() && cur_[i + 1] == ' ') ++i;
      } else {
        out.push_back(c);
      }
    }
    while (!out.empty() && (out.back() == ' ' || out.back() == '\n')) out.pop_back();
    if (!out.empty() && chars_ > 0) {
      Block b;
      b.text = std::move(out);
      b.chars = chars_;
      b.link_chars = link_chars_;
      b.tag = tag;
      b.in_list = in_list;
      b.in_quote = quote_depth_ > 0;
      blocks_.push_back(std::move(b));
    }
    cur_.clear();
    chars_ = link_chars_ = 0;
  }

  void AppendText(std::string_view s, bool in_link) {
    bool space = !cur_.empty() && (cur_.back() == ' ' || cur_.back() == '\n');
    for (size_t i = 0; i < s.size(); ++i) {
      const unsigned char c = static_cast<unsigned char>(s[i]);
      bool ws = c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f' || c == '\v';
      if (c == 0xC2 && i + 1 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0xA0) {
        ws = true;
        ++i;
      }
      if (ws) {
        if (!space && !cur_.empty()) cur_.push_back(' ');
        space = true;
        continue;
      }
      space = false;
      cur_.push_back(static_cast<char>(c));
      if ((c & 0xC0) != 0x80) {
        ++chars_;
        if (in_link) ++link_chars_;
      }
    }
  }

  void Walk(int32_t id, bool in_link, Tag block_tag, bool in_list) {
    const Node& n = t_.nodes[id];
    if (n.tag == Tag::kText) {
      AppendText(n.text, in_link);
      return;
    }
    if (n.junk) {
      if (IsBlockTag(n.tag)) Flush(block_tag, in_list);
      return;
    }
    if (n.tag == Tag::kBr) {
      cur_.push_back('\n');
      return;
    }
    const bool block = IsBlockTag(n.tag);
    if (n.link) in_link = true;
    if (!block) {
      if ((n.tag == Tag::kTd || n.tag == Tag::kTh) && !cur_.empty() && cur_.back() != ' ')
        cur_.push_back(' ');
      for (int32_t c = n.first_child; c >= 0; c = t_.nodes[c].next)
        Walk(c, in_link, block_tag, in_list);
      if (n.tag == Tag::kTd || n.tag == Tag::kTh) cur_.push_back(' ');
      return;
    }
    Flush(block_tag, in_list);
    const bool list = in_list || n.tag == Tag::kLi;
    const uint32_t begin = static_cast<uint32_t>(blocks_.size());
    const size_t range_index = ranges_.size();
    ranges_.push_back({id, begin, begin});
    if (n.tag == Tag::kBlockquote) ++quote_depth_;
    for (int32_t c = n.first_child; c >= 0; c = t_.nodes[c].next) Walk(c, in_link, n.tag, list);
    Flush(n.tag, list);
    if (n.tag == Tag::kBlockquote) --quote_depth_;
    ranges_[range_index].end = static_cast<uint32_t>(blocks_.size());
  }

  const HtmlTree& t_;
  std::vector<Block> blocks_;
  std::vector<Range> ranges_;
  std::string cur_;
  uint32_t chars_ = 0, link_chars_ = 0;
  int quote_depth_ = 0;
};

bool HasSentenceEnd(std::string_view s) {
  for (char c : s) {
    if (c == '.' || c == '!' || c == '?' || c == ':' || c == ';') return true;
  }
  return s.find("\xE3\x80\x82") != std::string_view::npos ||  // 。
         s.find("\xD8\x9F") != std::string_view::npos;        // ؟
}

double BlockValue(const Block& b) {
  if (b.chars == 0) return 0;
  const double ld = static_cast<double>(b.link_chars) / b.chars;
  if (ld > 0.5) return -static_cast<double>(b.chars);
  if (IsHeading(b.tag) || b.tag == Tag::kTr) return 0;
  if (b.chars >= 80) return b.chars * (1 - ld);
  if (b.chars >= 25 && HasSentenceEnd(b.text)) return 0.5 * b.chars * (1 - ld);
  return -0.5 * b.chars;
}

// ---------------------------------------------------------------- JSON-LD

struct JsonLdInfo {
  std::string headline, date, body, lang, url;
  std::vector<std::string> authors;
  bool found = false;
};

bool IsArticleType(simdjson::dom::element e) {
  auto check = [](std::string_view t) {
    return t.find("Article") != std::string_view::npos || t == "BlogPosting" ||
           t == "ReportageNews" || t == "LiveBlogPosting" || t == "Report" ||
           t == "SocialMediaPosting" || t == "AnalysisNewsArticle" || t == "Posting";
  };
  auto type = e["@type"];
  if (type.error()) return false;
  if (type.is_string()) return check(type.get_string().value());
  if (type.is_array()) {
    for (auto t : type.get_array()) {
      if (t.is_string() && check(t.get_string().value())) return true;
    }
  }
  return false;
}

void AuthorsFromJson(simdjson::dom::element a, std::vector<std::string>* out, int depth = 0) {
  if (depth > 3) return;
  if (a.is_string()) {
    out->emplace_back(a.get_string().value());
  } else if (a.is_array()) {
    for (auto x : a.get_array()) AuthorsFromJson(x, out, depth + 1);
  } else if (a.is_object()) {
    auto name = a["name"];
    if (!name.error() && name.is_string()) out->emplace_back(name.get_string().value());
  }
}

void ScanJsonLd(simdjson::dom::element e, JsonLdInfo* info, int depth) {
  if (depth > 6 || info->found) return;
  if (e.is_array()) {
    for (auto x : e.get_array()) ScanJsonLd(x, info, depth + 1);
    return;
  }
  if (!e.is_object()) return;
  auto graph = e["@graph"];
  if (!graph.error()) ScanJsonLd(graph.value(), info, depth + 1);
  if (info->found || !IsArticleType(e)) return;
  info->found = true;
  auto str = [&](const char* key, std::string* out) {
    auto v = e[key];
    if (!v.error() && v.is_string()) *out = std::string(v.get_string().value());
  };
  str("headline", &info->headline);
  str("datePublished", &info->date);
  if (info->date.empty()) str("dateCreated", &info->date);
  str("articleBody", &info->body);
  str("inLanguage", &info->lang);
  str("url", &info->url);
  auto author = e["author"];
  if (!author.error()) AuthorsFromJson(author.value(), &info->authors);
  if (info->authors.empty()) {
    auto creator = e["creator"];
    if (!creator.error()) AuthorsFromJson(creator.value(), &info->authors);
  }
}

JsonLdInfo ParseJsonLd(const std::vector<std::string>& scripts) {
  JsonLdInfo info;
  simdjson::dom::parser parser;
  for (const std::string& raw : scripts) {
    std::string_view s = raw;
    // Tolerate wrappers seen in the wild: HTML comments and CDATA markers.
    for (std::string_view junk : {"<!--", "//<![CDATA[", "<![CDATA["}) {
      const size_t p = s.find(junk);
      if (p != std::string_view::npos && s.find_first_not_of(" \t\r\n") == p)
        s.remove_prefix(p + junk.size());
    }
    const size_t open = s.find_first_of("{[");
    const size_t close = s.find_last_of("}]");
    if (open == std::string_view::npos || close == std::string_view::npos || close < open) continue;
    s = s.substr(open, close - open + 1);
    simdjson::padded_string padded(s);
    simdjson::dom::element root;
    if (parser.parse(padded).get(root) != simdjson::SUCCESS) continue;
    ScanJsonLd(root, &info, 0);
    if (info.found) break;
  }
  return info;
}

// ---------------------------------------------------------------- metadata helpers

std::string MetaValue(const PageMeta& m, std::initializer_list<std::string_view> keys) {
  for (std::string_view k : keys) {
    for (const auto& [key, value] : m.meta) {
      if (key == k && !value.empty()) return value;
    }
  }
  return "";
}

bool InBoilerplate(const HtmlTree& t, int32_t id) {
  for (int32_t p = id; p >= 0; p = t.nodes[p].parent) {
    const uint8_t h = t.nodes[p].hints;
    if (h & kHintComment) return true;
    if ((h & kHintBoiler) && !(h & (kHintDate | kHintAuthor))) {
      // "related", "share", "recommend" lists carry other articles' dates.
      return true;
    }
  }
  return false;
}

std::string Trim(std::string_view s) { return CollapseSpace(s); }

bool StartsWithCI(std::string_view s, std::string_view prefix) {
  if (s.size() < prefix.size()) return false;
  for (size_t i = 0; i < prefix.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(s[i])) != prefix[i]) return false;
  }
  return true;
}

void AddAuthors(std::string_view raw, std::vector<std::string>* out) {
  std::string s = Trim(raw);
  for (std::string_view prefix : {"by ", "von ", "par ", "door ", "por ", "di ", "av ", "af ",
                                  "written by ", "posted by ", "text: ", "author: "}) {
    if (StartsWithCI(s, prefix)) {
      s = s.substr(prefix.size());
      break;
    }
  }
  // Cut at separators that start other information.
  for (std::string_view stop : {" | ", "\n", " - ", " – ", " — ", " on ", ", updated", " updated",
                                " published", "posted "}) {
    const size_t p = s.find(stop);
    if (p != std::string::npos && p > 0) s.resize(p);
  }
  std::vector<std::string> parts;
  std::string cur;
  auto split_point = [&](size_t i, size_t* len) {
    for (std::string_view sep :
         {" and ", " und ", " et ", " en ", " y ", " e ", ", ", " & ", "; "}) {
      if (s.compare(i, sep.size(), sep) == 0) {
        *len = sep.size();
        return true;
      }
    }
    return false;
  };
  for (size_t i = 0; i < s.size();) {
    size_t len = 0;
    if (split_point(i, &len)) {
      parts.push_back(cur);
      cur.clear();
      i += len;
    } else {
      cur.push_back(s[i]);
      ++i;
    }
  }
  parts.push_back(cur);
  for (std::string& p : parts) {
    p = Trim(p);
    while (!p.empty() && (p.back() == ',' || p.back() == '.' || p.back() == ':')) p.pop_back();
    if (p.size() < 3 || p.size() > 60) continue;
    if (p.find("http") != std::string::npos || p.find('@') != std::string::npos) continue;
    if (std::any_of(p.begin(), p.end(), [](char c) { return c >= '0' && c <= '9'; })) continue;
    const bool dup = std::any_of(out->begin(), out->end(), [&](const std::string& a) {
      return text::Fold(a) == text::Fold(p);
    });
    if (!dup) out->push_back(p);
    if (out->size() >= 10) return;
  }
}

std::string ResolveUrl(std::string_view href, std::string_view base) {
  std::string h = Trim(href);
  if (h.empty()) return "";
  if (h.find("://") != std::string::npos) return h;
  const size_t scheme_end = base.find("://");
  if (scheme_end == std::string_view::npos) return h;
  if (h.rfind("//", 0) == 0) return std::string(base.substr(0, scheme_end + 1)) + h;
  const size_t host_end = base.find('/', scheme_end + 3);
  const std::string origin(base.substr(0, host_end));
  if (h[0] == '/') return origin + h;
  return h;  // other relative forms are rare for canonical links; keep as written
}

std::string ChooseTitle(const HtmlTree& t, const JsonLdInfo& ld) {
  const std::string og = Trim(MetaValue(t.meta, {"og:title", "twitter:title"}));
  const std::string title_tag = Trim(t.meta.title);
  std::string h1;
  for (int32_t id : t.meta.h1_nodes) {
    if (InBoilerplate(t, id)) continue;
    h1 = NodeText(t, id, 2048);
    if (!h1.empty()) break;
  }
  if (!h1.empty() && h1.size() >= 10 &&
      (og.find(h1) != std::string::npos || title_tag.find(h1) != std::string::npos ||
       ld.headline.find(h1) != std::string::npos))
    return h1;
  if (!og.empty()) return og;
  if (!ld.headline.empty()) return Trim(ld.headline);
  if (!h1.empty()) return h1;
  // "Headline | Site name": keep the longest part.
  std::string best;
  size_t start = 0;
  while (start <= title_tag.size()) {
    size_t p = title_tag.size();
    size_t sep_len = 0;
    for (std::string_view sep : {" | ", " - ", " – ", " — ", " :: "}) {
      const size_t q = title_tag.find(sep, start);
      if (q != std::string::npos && q < p) {
        p = q;
        sep_len = sep.size();
      }
    }
    const std::string part = title_tag.substr(start, p - start);
    if (part.size() > best.size()) best = part;
    if (sep_len == 0) break;
    start = p + sep_len;
  }
  return best;
}

void ChooseDate(const HtmlTree& t, const JsonLdInfo& ld, std::string_view url,
                std::string_view canonical, const std::vector<std::string>& byline_blocks,
                Article* a) {
  auto take = [&](std::string_view value, const char* source) {
    if (!a->date.empty()) return;
    std::string d = NormalizeDateValue(value);
    if (!d.empty()) {
      a->date = std::move(d);
      a->date_source = source;
    }
  };
  take(MetaValue(t.meta, {"article:published_time", "og:article:published_time"}),
       "article:published_time");
  take(ld.date, "json-ld");
  for (size_t i = 0; i < t.meta.time_nodes.size() && a->date.empty(); ++i) {
    if (InBoilerplate(t, t.meta.time_nodes[i])) continue;
    take(t.meta.time_values[i], "time");
  }
  for (const std::string& v : t.meta.itemprop_dates) take(v, "itemprop");
  for (int32_t id : t.meta.itemprop_date_nodes) take(NodeText(t, id, 512), "itemprop");
  take(MetaValue(t.meta, {"datepublished", "pubdate", "publishdate", "publish-date", "publish_date",
                          "article.published", "article_date_original", "parsely-pub-date",
                          "sailthru.date", "dc.date.issued", "dc.date", "dcterms.created",
                          "dcterms.date", "date", "og:published_time", "article.created",
                          "original-publish-date", "last-modified"}),
       "meta");
  for (std::string_view u : {url, canonical}) {
    if (!a->date.empty()) break;
    std::string d = DateFromUrl(u);
    if (!d.empty()) {
      a->date = d;
      a->date_source = "url";
    }
  }
  if (a->date.empty()) {
    // Byline text: elements whose class or id speaks of dates, then short text near the top.
    for (size_t i = 1; i < t.nodes.size() && a->date.empty(); ++i) {
      const Node& n = t.nodes[i];
      if (n.tag == Tag::kText || !(n.hints & kHintDate) || n.text_chars > 300 || n.text_chars < 6)
        continue;
      if (InBoilerplate(t, static_cast<int32_t>(i))) continue;
      std::string d = DateFromText(NodeText(t, static_cast<int32_t>(i), 2048));
      if (!d.empty()) {
        a->date = d;
        a->date_source = "byline";
      }
    }
    // The author links' surroundings ("Von Anna Schmidt, 6. April 2019").
    for (const std::vector<int32_t>* v :
         {&t.meta.rel_author_nodes, &t.meta.itemprop_author_nodes}) {
      for (int32_t id : *v) {
        if (!a->date.empty()) break;
        const int32_t p = t.nodes[id].parent;
        if (p < 0 || t.nodes[p].text_chars > 300) continue;
        std::string d = DateFromText(NodeText(t, p, 2048));
        if (!d.empty()) {
          a->date = d;
          a->date_source = "byline";
        }
      }
    }
    // Short lines above and around the article's start.
    for (const std::string& b : byline_blocks) {
      if (!a->date.empty()) break;
      std::string d = DateFromText(b);
      if (!d.empty()) {
        a->date = d;
        a->date_source = "byline";
      }
    }
  }
}

void ChooseAuthors(const HtmlTree& t, const JsonLdInfo& ld, Article* a) {
  for (const std::string& s : ld.authors) AddAuthors(s, &a->authors);
  if (a->authors.empty()) {
    for (const auto& [key, value] : t.meta.meta) {
      if (key == "author" || key == "article:author" || key == "dc.creator" ||
          key == "sailthru.author" || key == "parsely-author" || key == "byl") {
        if (value.find("://") == std::string::npos) AddAuthors(value, &a->authors);
      }
    }
  }
  if (a->authors.empty()) {
    for (const std::string& s : t.meta.itemprop_authors) AddAuthors(s, &a->authors);
    for (int32_t id : t.meta.itemprop_author_nodes) {
      if (!InBoilerplate(t, id) && t.nodes[id].text_chars < 200)
        AddAuthors(NodeText(t, id, 512), &a->authors);
    }
  }
  if (a->authors.empty()) {
    for (int32_t id : t.meta.rel_author_nodes) {
      if (!InBoilerplate(t, id)) AddAuthors(NodeText(t, id, 512), &a->authors);
    }
  }
  if (a->authors.empty()) {
    for (size_t i = 1; i < t.nodes.size() && a->authors.empty(); ++i) {
      const Node& n = t.nodes[i];
      if (n.tag == Tag::kText || !(n.hints & kHintAuthor) || n.text_chars > 120 || n.text_chars < 3)
        continue;
      if (n.hints & kHintComment) continue;
      AddAuthors(NodeText(t, static_cast<int32_t>(i), 512), &a->authors);
    }
  }
}

// Short lines that are page furniture, not article text.
bool IsFurniture(const Block& b) {
  if (b.text.front() == '<' && b.text.back() == '>') return true;  // markup left as text
  if (b.chars < 250) {
    std::string low;
    for (char c : b.text)
      low.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
    if (low.find("newsletter") != std::string::npos &&
        (low.find("subscri") != std::string::npos || low.find("sign up") != std::string::npos ||
         low.find("inbox") != std::string::npos))
      return true;
  }
  if (b.chars < 400) {
    std::string low;
    for (char c : b.text)
      low.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
    if (low.find("cookie") != std::string::npos &&
        (low.find("accept") != std::string::npos || low.find("consent") != std::string::npos ||
         low.find("privacy") != std::string::npos ||
         low.find("uses cookies") != std::string::npos ||
         low.find("use cookies") != std::string::npos ||
         low.find("utiliza cookies") != std::string::npos ||
         low.find("utilise des cookies") != std::string::npos ||
         low.find("verwendet cookies") != std::string::npos))
      return true;
  }
  if (b.chars <= 40 && !DateFromText(b.text).empty()) {
    // A line that is only a date ("Wednesday November 20, 2019", "06.04.2019 12:00").
    size_t letters = 0;
    for (char c : b.text) letters += std::isalpha(static_cast<unsigned char>(c)) ? 1 : 0;
    if (letters <= 24) return true;
  }
  static const char* const kPrefixes[] = {"advertisement",
                                          "advertising",
                                          "anzeige",
                                          "publicité",
                                          "publicidad",
                                          "share this",
                                          "share on",
                                          "read more",
                                          "read also",
                                          "see also",
                                          "related:",
                                          "sign up",
                                          "subscribe",
                                          "follow us",
                                          "click here",
                                          "all rights reserved",
                                          "copyright",
                                          "©",
                                          "photo:",
                                          "image:",
                                          "getty images",
                                          "skip to",
                                          "lire aussi",
                                          "lees ook",
                                          "mehr zum thema",
                                          "leia também",
                                          "leer más",
                                          "continue reading",
                                          "scroll to",
                                          "tweet",
                                          "email this",
                                          "tempo de leitura",
                                          "reading time",
                                          "min read",
                                          "lesezeit",
                                          "temps de lecture",
                                          "this post may contain",
                                          "this article contains affiliate",
                                          "like this story",
                                          "sponsored links"};
  if (b.chars > 120) return false;
  std::string low;
  for (char c : b.text.substr(0, 40))
    low.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
  for (const char* p : kPrefixes) {
    if (low.rfind(p, 0) == 0) return true;
  }
  return false;
}

// A short line without sentence punctuation: a label when it ends the article.
bool IsEndLabel(const Block& b) {
  constexpr uint32_t kLabel = 25;
  if (b.chars >= kLabel && !(IsHeading(b.tag) && b.chars < 2 * kLabel)) return false;
  const char last = b.text.back();
  return last != '.' && last != '!' && last != '?' && last != '"' && last != ')' &&
         b.text.find("\xE3\x80\x82") == std::string::npos;
}

// "By Jane Doe, 6 April 2019": a byline line, not article text.
bool IsByline(const Block& b) {
  if (b.chars > 120) return false;
  std::string low;
  for (char c : b.text.substr(0, 12))
    low.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
  for (std::string_view p : {"by ", "von ", "par ", "door ", "por ", "di ", "written by",
                             "posted by", "publié le", "published"}) {
    if (low.rfind(p, 0) == 0) {
      const char last = b.text.back();
      return last != '.' || !DateFromText(b.text).empty();
    }
  }
  return false;
}

}  // namespace

std::string UrlHost(std::string_view url) {
  const size_t s = url.find("://");
  if (s == std::string_view::npos) return "";
  size_t b = s + 3;
  size_t e = url.find_first_of("/?#", b);
  if (e == std::string_view::npos) e = url.size();
  std::string_view host = url.substr(b, e - b);
  const size_t at = host.rfind('@');
  if (at != std::string_view::npos) host.remove_prefix(at + 1);
  const size_t colon = host.rfind(':');
  if (colon != std::string_view::npos && host.find(']') == std::string_view::npos)
    host = host.substr(0, colon);
  std::string out(host);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

Status ExtractArticle(std::string_view html, std::string_view url, std::string_view http_charset,
                      Article* out) {
  *out = Article();
  DecodedPage page;
  if (std::string why = DecodePage(html, http_charset, &page); !why.empty())
    return Status::InvalidArgument(why);
  out->encoding = page.encoding;
  out->encoding_source = page.how;
  HtmlTree tree;
  if (std::string why = BuildHtmlTree(page.utf8, &tree); !why.empty())
    return Status::InvalidArgument(why);
  page.utf8.clear();
  page.utf8.shrink_to_fit();
  MarkJunk(&tree);

  BlockMaker maker(tree);
  maker.Run();
  const std::vector<Block>& blocks = maker.blocks();
  const std::vector<Range>& ranges = maker.ranges();
  std::vector<double> prefix(blocks.size() + 1, 0.0);
  for (size_t i = 0; i < blocks.size(); ++i) prefix[i + 1] = prefix[i] + BlockValue(blocks[i]);

  // The container whose blocks are worth the most; deeper wins ties.
  int best = -1;
  double best_score = -1e300;
  for (size_t r = 0; r < ranges.size(); ++r) {
    const Range& rg = ranges[r];
    double score = prefix[rg.end] - prefix[rg.begin];
    const Node& n = tree.nodes[rg.node];
    if (n.hints & kHintArticleBody) score *= 1.1;
    if (score >= best_score) {
      best_score = score;
      best = static_cast<int>(r);
    }
  }

  const JsonLdInfo ld = ParseJsonLd(tree.meta.json_ld);
  out->title = ChooseTitle(tree, ld);
  const std::string folded_title = text::Fold(out->title);
  std::string body;
  std::vector<const Block*> kept;
  std::vector<std::string> byline_blocks;
  if (best >= 0) {
    const Range& rg = ranges[best];
    // Short lines just before the container and at its start may carry the byline.
    for (uint32_t i = rg.begin >= 8 ? rg.begin - 8 : 0; i < rg.end && i < rg.begin + 8; ++i) {
      if (blocks[i].chars < 150) byline_blocks.push_back(blocks[i].text);
    }
    // Link lists inside the container (teasers, "more stories", tag clouds).
    constexpr double kPruneLd = 0.3;
    std::vector<uint8_t> drop(rg.end - rg.begin, 0);
    for (size_t r = static_cast<size_t>(best) + 1; r < ranges.size() && ranges[r].begin < rg.end;
         ++r) {
      const Node& n = tree.nodes[ranges[r].node];
      const uint32_t nb = ranges[r].end - ranges[r].begin;
      if (n.text_chars >= 100 && n.link_chars >= kPruneLd * n.text_chars && nb >= 3 &&
          n.text_chars < 150 * nb) {
        for (uint32_t i = ranges[r].begin; i < ranges[r].end; ++i) drop[i - rg.begin] = 1;
      }
    }
    for (uint32_t i = rg.begin; i < rg.end; ++i) {
      const Block& b = blocks[i];
      if (drop[i - rg.begin]) continue;
      if (IsByline(b)) continue;
      const double ld_ratio = b.chars ? static_cast<double>(b.link_chars) / b.chars : 0;
      if (ld_ratio > 0.5 && !b.in_quote) continue;
      if (IsFurniture(b)) continue;
      if (IsHeading(b.tag) && text::Fold(b.text) == folded_title) continue;
      kept.push_back(&b);
    }
  }
  // Labels left at either end ("Highlights", "You may also like", "More in Amsterdam").
  while (!kept.empty() && IsEndLabel(*kept.back())) kept.pop_back();
  size_t first = 0;
  while (first < kept.size() && IsEndLabel(*kept[first])) ++first;
  for (size_t i = first; i < kept.size(); ++i) {
    if (!body.empty()) body += "\n\n";
    body += kept[i]->text;
  }
  out->text = std::move(body);

  std::string canonical = tree.meta.canonical;
  if (canonical.empty()) canonical = MetaValue(tree.meta, {"og:url"});
  canonical = ResolveUrl(canonical, url);
  if (canonical.find("://") == std::string::npos) canonical.clear();
  ChooseDate(tree, ld, url, canonical, byline_blocks, out);
  ChooseAuthors(tree, ld, out);

  // Language: <html lang> checked against detection on the text.
  out->lang_declared = text::NormalizeLanguageCode(tree.meta.html_lang);
  if (out->lang_declared.empty()) {
    out->lang_declared = text::NormalizeLanguageCode(
        MetaValue(tree.meta, {"content-language", "og:locale", "language", "dc.language"}));
  }
  if (out->lang_declared.empty() && !ld.lang.empty())
    out->lang_declared = text::NormalizeLanguageCode(ld.lang);
  const std::string sample = out->title + "\n" + out->text.substr(0, 20000);
  const text::LanguageGuess guess = text::DetectLanguage(sample);
  const bool confident = guess.lang != "und" && guess.confidence >= 0.7f && out->text.size() >= 200;
  if (out->lang_declared.empty() || (confident && guess.lang != out->lang_declared)) {
    out->lang = guess.lang == "und" ? out->lang_declared : guess.lang;
  } else {
    out->lang = out->lang_declared;
  }

  out->url = canonical.empty() ? std::string(url) : canonical;
  return Status::OK();
}

std::string ArticleJson(const Article& a) {
  std::string j = "{\"title\":";
  AppendJsonString(&j, a.title);
  j += ",\"text\":";
  AppendJsonString(&j, a.text);
  j += ",\"date\":";
  if (a.date.empty()) {
    j += "null";
  } else {
    AppendJsonString(&j, a.date);
  }
  j += ",\"date_source\":";
  if (a.date_source.empty()) {
    j += "null";
  } else {
    AppendJsonString(&j, a.date_source);
  }
  j += ",\"authors\":[";
  for (size_t i = 0; i < a.authors.size(); ++i) {
    if (i) j += ',';
    AppendJsonString(&j, a.authors[i]);
  }
  j += "],\"lang\":";
  AppendJsonString(&j, a.lang);
  j += ",\"url\":";
  AppendJsonString(&j, a.url);
  j += "}";
  return j;
}

}  // namespace dateline::web
