// Building the extraction tree from libxml2's HTML parser.
#include "ingest/web/html_tree.h"

#include <libxml/HTMLparser.h>
#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/tree.h>

#include <algorithm>
#include <cctype>
#include <cstring>
#include <mutex>
#include <unordered_map>

namespace dateline::web {
namespace {

enum class Kind { kKeep, kDrop, kMetaOnly };

struct TagInfo {
  Tag tag;
  Kind kind;
};

const std::unordered_map<std::string_view, TagInfo>& TagTable() {
  static const auto* table = new std::unordered_map<std::string_view, TagInfo>{
      {"html", {Tag::kHtml, Kind::kKeep}},
      {"body", {Tag::kBody, Kind::kKeep}},
      {"p", {Tag::kP, Kind::kKeep}},
      {"div", {Tag::kDiv, Kind::kKeep}},
      {"span", {Tag::kSpan, Kind::kKeep}},
      {"a", {Tag::kA, Kind::kKeep}},
      {"h1", {Tag::kH1, Kind::kKeep}},
      {"h2", {Tag::kH2, Kind::kKeep}},
      {"h3", {Tag::kH3, Kind::kKeep}},
      {"h4", {Tag::kH4, Kind::kKeep}},
      {"h5", {Tag::kH5, Kind::kKeep}},
      {"h6", {Tag::kH6, Kind::kKeep}},
      {"li", {Tag::kLi, Kind::kKeep}},
      {"ul", {Tag::kUl, Kind::kKeep}},
      {"ol", {Tag::kOl, Kind::kKeep}},
      {"dl", {Tag::kDl, Kind::kKeep}},
      {"dt", {Tag::kDt, Kind::kKeep}},
      {"dd", {Tag::kDd, Kind::kKeep}},
      {"blockquote", {Tag::kBlockquote, Kind::kKeep}},
      {"pre", {Tag::kPre, Kind::kKeep}},
      {"table", {Tag::kTable, Kind::kKeep}},
      {"tr", {Tag::kTr, Kind::kKeep}},
      {"td", {Tag::kTd, Kind::kKeep}},
      {"th", {Tag::kTh, Kind::kKeep}},
      {"br", {Tag::kBr, Kind::kKeep}},
      {"hr", {Tag::kHr, Kind::kKeep}},
      {"figure", {Tag::kFigure, Kind::kKeep}},
      {"figcaption", {Tag::kFigcaption, Kind::kKeep}},
      {"nav", {Tag::kNav, Kind::kKeep}},
      {"footer", {Tag::kFooter, Kind::kKeep}},
      {"header", {Tag::kHeader, Kind::kKeep}},
      {"aside", {Tag::kAside, Kind::kKeep}},
      {"form", {Tag::kForm, Kind::kKeep}},
      {"article", {Tag::kArticle, Kind::kKeep}},
      {"main", {Tag::kMain, Kind::kKeep}},
      {"section", {Tag::kSection, Kind::kKeep}},
      {"time", {Tag::kTime, Kind::kKeep}},
      {"img", {Tag::kImg, Kind::kKeep}},
      {"center", {Tag::kCenter, Kind::kKeep}},
      {"address", {Tag::kAddress, Kind::kKeep}},
      {"details", {Tag::kDetails, Kind::kKeep}},
      {"summary", {Tag::kSummary, Kind::kKeep}},
      {"menu", {Tag::kMenu, Kind::kKeep}},
      {"caption", {Tag::kCaption, Kind::kKeep}},
      {"tbody", {Tag::kTbody, Kind::kKeep}},
      {"fieldset", {Tag::kFieldset, Kind::kKeep}},
      {"label", {Tag::kLabel, Kind::kKeep}},
      {"head", {Tag::kOther, Kind::kMetaOnly}},
      {"script", {Tag::kOther, Kind::kMetaOnly}},
      {"meta", {Tag::kOther, Kind::kMetaOnly}},
      {"link", {Tag::kOther, Kind::kMetaOnly}},
      {"title", {Tag::kOther, Kind::kMetaOnly}},
      {"style", {Tag::kOther, Kind::kDrop}},
      {"noscript", {Tag::kOther, Kind::kDrop}},
      {"template", {Tag::kOther, Kind::kDrop}},
      {"svg", {Tag::kOther, Kind::kDrop}},
      {"math", {Tag::kOther, Kind::kDrop}},
      {"iframe", {Tag::kOther, Kind::kDrop}},
      {"object", {Tag::kOther, Kind::kDrop}},
      {"embed", {Tag::kOther, Kind::kDrop}},
      {"canvas", {Tag::kOther, Kind::kDrop}},
      {"video", {Tag::kOther, Kind::kDrop}},
      {"audio", {Tag::kOther, Kind::kDrop}},
      {"select", {Tag::kOther, Kind::kDrop}},
      {"textarea", {Tag::kOther, Kind::kDrop}},
      {"input", {Tag::kOther, Kind::kDrop}},
      {"button", {Tag::kOther, Kind::kDrop}},
      {"option", {Tag::kOther, Kind::kDrop}},
      {"picture", {Tag::kOther, Kind::kDrop}},
      {"source", {Tag::kOther, Kind::kDrop}},
  };
  return *table;
}

bool ContainsAny(std::string_view s, std::initializer_list<std::string_view> words) {
  for (std::string_view w : words) {
    if (s.find(w) != std::string_view::npos) return true;
  }
  return false;
}

// True if `s` has `w` as a whole token (tokens split at non-alphanumerics).
bool HasToken(std::string_view s, std::initializer_list<std::string_view> words) {
  size_t i = 0;
  while (i < s.size()) {
    while (i < s.size() && !std::isalnum(static_cast<unsigned char>(s[i]))) ++i;
    size_t j = i;
    while (j < s.size() && std::isalnum(static_cast<unsigned char>(s[j]))) ++j;
    const std::string_view tok = s.substr(i, j - i);
    for (std::string_view w : words) {
      if (tok == w) return true;
    }
    i = j;
  }
  return false;
}

uint8_t ClassifyHint(std::string_view h) {
  uint8_t f = 0;
  if (ContainsAny(h, {"comment", "disqus", "respond", "reply", "discussion"})) f |= kHintComment;
  if (ContainsAny(h, {"share",
                      "sharing",
                      "social",
                      "related",
                      "recommend",
                      "cookie",
                      "consent",
                      "gdpr",
                      "newsletter",
                      "subscri",
                      "signup",
                      "sign-up",
                      "advert",
                      "sponsor",
                      "outbrain",
                      "taboola",
                      "popup",
                      "modal",
                      "promo",
                      "breadcrumb",
                      "sidebar",
                      "widget",
                      "paywall",
                      "most-popular",
                      "mostpopular",
                      "trending",
                      "more-from",
                      "morefrom",
                      "read-more",
                      "readmore",
                      "tag-list",
                      "taglist",
                      "pagination",
                      "author-bio",
                      "authorbio",
                      "about-author",
                      "about-the-author",
                      "author-box",
                      "authorbox",
                      "author-info",
                      "reading-time",
                      "readingtime",
                      "toolbar",
                      "follow",
                      "print-only",
                      "skip-link",
                      "skiplink",
                      "teaser",
                      "recirc",
                      "donate"}) ||
      HasToken(h, {"ad",         "ads",      "adv",     "nav",      "navbar",  "menu",
                   "tags",       "tag",      "share",   "social",   "related", "dfp",
                   "banner",     "masthead", "topics",  "keywords", "signin",  "login",
                   "newsletter", "subnav",   "pager",   "hidden",   "byline",  "dateline",
                   "timestamp",  "credit",   "credits", "copyright"})) {
    f |= kHintBoiler;
  }
  if (HasToken(h, {"meta", "author", "header", "footer", "caption"}) ||
      ContainsAny(
          h, {"footer", "caption", "credit", "masthead", "metadata", "byline", "author", "dateline",
              "timestamp", "post-meta", "entry-meta", "article-meta", "meta-data"})) {
    f |= kHintNegative;
  }
  // Embedded posts (tweets, Instagram...) quoted by the article are part of it.
  if (ContainsAny(h, {"embed", "twitter-tweet", "instagram-media"})) f &= ~kHintBoiler;
  if (ContainsAny(
          h, {"article", "content", "story", "entry", "post", "body", "text", "main", "blog"})) {
    f |= kHintPositive;
  }
  if (ContainsAny(h, {"date", "time", "posted", "published", "byline", "dateline", "meta"}))
    f |= kHintDate;
  if (ContainsAny(h, {"author", "byline", "writer", "reporter"})) f |= kHintAuthor;
  if (ContainsAny(h, {"sr-only", "screen-reader", "visually-hidden", "visuallyhidden",
                      "screenreader", "offscreen"}))
    f |= kHintHidden;
  return f;
}

std::string Lower(std::string_view s) {
  if (s.empty()) return std::string();
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
  }
  return out;
}

uint32_t CountChars(std::string_view s) {
  uint32_t n = 0;
  for (unsigned char c : s) {
    if ((c & 0xC0) == 0x80) continue;
    if (c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f') continue;
    ++n;
  }
  return n;
}

// Builds the tree from libxml2's SAX events (no libxml2 tree is built).
class Builder {
 public:
  explicit Builder(HtmlTree* t) : t_(t) {}

  static void OnStart(void* ctx, const xmlChar* name, const xmlChar** atts) {
    static_cast<Builder*>(ctx)->Start(reinterpret_cast<const char*>(name),
                                      reinterpret_cast<const char**>(atts));
  }
  static void OnEnd(void* ctx, const xmlChar*) { static_cast<Builder*>(ctx)->End(); }
  static void OnText(void* ctx, const xmlChar* ch, int len) {
    static_cast<Builder*>(ctx)->Text(
        std::string_view(reinterpret_cast<const char*>(ch), static_cast<size_t>(std::max(len, 0))));
  }
  static void Quiet(void*, const char*, ...) {}

  void Finish() {
    for (Node& n : t_->nodes) {
      if (n.tag == Tag::kText) n.text = std::string_view(t_->arena).substr(n.text_off, n.text_len);
    }
  }

 private:
  enum Mode : uint8_t { kNode, kTransparent, kDropped, kMeta, kTitle, kJsonLd };
  struct Open {
    int32_t node;  // the nearest kept node (parent for children)
    Mode mode;
  };

  int32_t Parent() const { return stack_.empty() ? 0 : stack_.back().node; }
  Mode TopMode() const { return stack_.empty() ? kNode : stack_.back().mode; }
  bool Dropped() const { return drop_depth_ > 0; }

  int32_t Add(Tag tag, int32_t parent) {
    const int32_t id = static_cast<int32_t>(t_->nodes.size());
    t_->nodes.emplace_back();
    Node& n = t_->nodes.back();
    n.tag = tag;
    n.parent = parent;
    Node& p = t_->nodes[parent];
    if (p.last_child >= 0) {
      t_->nodes[p.last_child].next = id;
    } else {
      p.first_child = id;
    }
    p.last_child = id;
    return id;
  }

  void Text(std::string_view s) {
    if (s.empty() || Dropped()) return;
    const Mode m = TopMode();
    if (m == kTitle) {
      if (t_->meta.title.size() < 4096) t_->meta.title.append(s);
      return;
    }
    if (m == kJsonLd) {
      if (!t_->meta.json_ld.empty()) t_->meta.json_ld.back().append(s);
      return;
    }
    if (m == kMeta || meta_depth_ > 0) return;
    const int32_t parent = Parent();
    Node& p = t_->nodes[parent];
    if (p.last_child >= 0 && t_->nodes[p.last_child].tag == Tag::kText &&
        t_->nodes[p.last_child].text_off + t_->nodes[p.last_child].text_len == t_->arena.size()) {
      t_->arena.append(s);
      t_->nodes[p.last_child].text_len += static_cast<uint32_t>(s.size());
      return;
    }
    const int32_t id = Add(Tag::kText, parent);
    t_->nodes[id].text_off = static_cast<uint32_t>(t_->arena.size());
    t_->nodes[id].text_len = static_cast<uint32_t>(s.size());
    t_->arena.append(s);
  }

  void End() {
    if (stack_.empty()) return;
    const Mode m = stack_.back().mode;
    if (m == kDropped) --drop_depth_;
    if (m == kMeta) --meta_depth_;
    stack_.pop_back();
  }

  void Start(const char* cname, const char** atts) {
    const std::string_view name = cname != nullptr ? cname : "";
    if (Dropped()) {
      ++drop_depth_;
      stack_.push_back({Parent(), kDropped});
      return;
    }
    const auto& table = TagTable();
    auto it = table.find(name);
    const TagInfo info = it != table.end() ? it->second : TagInfo{Tag::kOther, Kind::kKeep};

    std::string_view cls, id_attr, itemprop, rel, href, content, datetime, prop, nm, type, lang;
    bool hidden = false, nav_role = false;
    for (const char** a = atts; a != nullptr && a[0] != nullptr; a += 2) {
      const std::string_view an = a[0];
      const std::string_view av = a[1] != nullptr ? a[1] : "";
      if (an == "class") {
        cls = av;
      } else if (an == "id") {
        id_attr = av;
      } else if (an == "itemprop") {
        itemprop = av;
      } else if (an == "rel") {
        rel = av;
      } else if (an == "href") {
        href = av;
      } else if (an == "content") {
        content = av;
      } else if (an == "datetime") {
        datetime = av;
      } else if (an == "property") {
        prop = av;
      } else if (an == "name" || an == "http-equiv") {
        if (nm.empty()) nm = av;
      } else if (an == "type") {
        type = av;
      } else if (an == "lang" || an == "xml:lang") {
        lang = av;
      } else if (an == "hidden") {
        hidden = true;
      } else if (an == "aria-hidden") {
        hidden = hidden || Lower(av) == "true";
      } else if (an == "style") {
        if (av.find("none") != std::string_view::npos ||
            av.find("hidden") != std::string_view::npos) {
          std::string st = Lower(av);
          st.erase(std::remove(st.begin(), st.end(), ' '), st.end());
          if (st.find("display:none") != std::string::npos ||
              st.find("visibility:hidden") != std::string::npos)
            hidden = true;
        }
      } else if (an == "role") {
        const std::string r = Lower(av);
        nav_role = r == "navigation" || r == "complementary" || r == "contentinfo" ||
                   r == "banner" || r == "search" || r == "dialog" || r == "alertdialog" ||
                   r == "menu" || r == "menubar";
      }
    }
    const std::string itemprop_l = Lower(itemprop);

    if (name == "meta") {
      std::string key = Lower(!prop.empty() ? prop : !nm.empty() ? nm : itemprop);
      if (!key.empty() && !content.empty()) t_->meta.meta.emplace_back(key, std::string(content));
      if (itemprop_l == "datepublished" && !content.empty())
        t_->meta.itemprop_dates.emplace_back(content);
      if (itemprop_l == "author" && !content.empty())
        t_->meta.itemprop_authors.emplace_back(content);
      stack_.push_back({Parent(), kMeta});
      ++meta_depth_;
      return;
    }
    if (name == "link") {
      if (t_->meta.canonical.empty() && HasToken(Lower(rel), {"canonical"}) && !href.empty())
        t_->meta.canonical = std::string(href);
      stack_.push_back({Parent(), kMeta});
      ++meta_depth_;
      return;
    }
    if (name == "title" && t_->meta.title.empty()) {
      stack_.push_back({Parent(), kTitle});
      return;
    }
    if (name == "script") {
      if (Lower(type) == "application/ld+json" && t_->meta.json_ld.size() < 32) {
        t_->meta.json_ld.emplace_back();
        stack_.push_back({Parent(), kJsonLd});
      } else {
        ++drop_depth_;
        stack_.push_back({Parent(), kDropped});
      }
      return;
    }
    if (name == "html" && t_->meta.html_lang.empty()) t_->meta.html_lang = std::string(lang);
    if (info.kind == Kind::kDrop || name == "title") {
      ++drop_depth_;
      stack_.push_back({Parent(), kDropped});
      return;
    }
    if (info.kind == Kind::kMetaOnly || meta_depth_ > 0) {
      ++meta_depth_;
      stack_.push_back({Parent(), kMeta});
      return;
    }
    if (stack_.size() > 400) {  // absurd nesting: later elements add their text only
      stack_.push_back({Parent(), kTransparent});
      return;
    }

    const int32_t id = Add(info.tag, Parent());
    stack_.push_back({id, kNode});
    uint8_t hints = 0;
    if (!cls.empty() || !id_attr.empty() || nav_role) {
      std::string h = Lower(cls);
      if (!id_attr.empty()) {
        h.push_back(' ');
        h += Lower(id_attr);
      }
      if (nav_role) h += " nav";
      auto hit = hint_cache_.find(h);
      if (hit == hint_cache_.end()) hit = hint_cache_.emplace(h, ClassifyHint(h)).first;
      hints = hit->second;
    }
    if (itemprop_l == "articlebody" || itemprop_l == "articletext") hints |= kHintArticleBody;
    if (hidden) hints |= kHintHidden;
    t_->nodes[id].hints = hints;
    if (info.tag == Tag::kA && !href.empty()) t_->nodes[id].link = true;
    if (info.tag == Tag::kTime && !datetime.empty()) {
      t_->meta.time_nodes.push_back(id);
      t_->meta.time_values.emplace_back(datetime);
    }
    if (itemprop_l == "datepublished") {
      if (!datetime.empty()) {
        t_->meta.itemprop_dates.emplace_back(datetime);
      } else if (!content.empty()) {
        t_->meta.itemprop_dates.emplace_back(content);
      } else {
        t_->meta.itemprop_date_nodes.push_back(id);
      }
    }
    if (itemprop_l == "author" || itemprop_l == "creator") {
      if (!content.empty()) {
        t_->meta.itemprop_authors.emplace_back(content);
      } else {
        t_->meta.itemprop_author_nodes.push_back(id);
      }
    }
    if (info.tag == Tag::kA && HasToken(Lower(rel), {"author"}))
      t_->meta.rel_author_nodes.push_back(id);
    if (info.tag == Tag::kH1) t_->meta.h1_nodes.push_back(id);
  }

  HtmlTree* t_;
  std::vector<Open> stack_;
  int drop_depth_ = 0;
  int meta_depth_ = 0;
  std::unordered_map<std::string, uint8_t> hint_cache_;
};

void InitLibxml() {
  static std::once_flag once;
  std::call_once(once, [] { xmlInitParser(); });
}

}  // namespace

std::string CollapseSpace(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  bool space = false;
  for (size_t i = 0; i < s.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(s[i]);
    bool ws = c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f' || c == '\v';
    if (c == 0xC2 && i + 1 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0xA0) {
      ws = true;
      ++i;
    }
    if (ws) {
      space = !out.empty();
      continue;
    }
    if (space) out.push_back(' ');
    space = false;
    out.push_back(static_cast<char>(c));
  }
  return out;
}

std::string NodeText(const HtmlTree& tree, int32_t node, size_t max_bytes) {
  std::string raw;
  // Iterative pre-order walk of the subtree.
  std::vector<int32_t> stack{node};
  while (!stack.empty() && raw.size() < max_bytes) {
    const int32_t i = stack.back();
    stack.pop_back();
    const Node& n = tree.nodes[i];
    if (n.tag == Tag::kText) {
      raw += n.text;
      continue;
    }
    if (n.tag == Tag::kBr || n.tag == Tag::kP || n.tag == Tag::kDiv || n.tag == Tag::kLi) {
      raw.push_back(' ');
    }
    std::vector<int32_t> kids;
    for (int32_t c = n.first_child; c >= 0; c = tree.nodes[c].next) kids.push_back(c);
    for (auto it = kids.rbegin(); it != kids.rend(); ++it) stack.push_back(*it);
  }
  return CollapseSpace(raw);
}

namespace {

bool NameAt(std::string_view s, size_t i, std::string_view name) {
  if (i + name.size() > s.size()) return false;
  for (size_t k = 0; k < name.size(); ++k) {
    if (std::tolower(static_cast<unsigned char>(s[i + k])) != name[k]) return false;
  }
  const size_t e = i + name.size();
  return e == s.size() || s[e] == '>' || s[e] == '/' ||
         std::isspace(static_cast<unsigned char>(s[e]));
}

size_t FindCI(std::string_view s, size_t from, std::string_view needle) {
  while (from < s.size()) {
    const void* p = std::memchr(s.data() + from, '<', s.size() - from);
    if (p == nullptr) return std::string_view::npos;
    const size_t i = static_cast<size_t>(static_cast<const char*>(p) - s.data());
    if (i + needle.size() <= s.size()) {
      bool eq = true;
      for (size_t k = 1; k < needle.size() && eq; ++k)
        eq = std::tolower(static_cast<unsigned char>(s[i + k])) == needle[k];
      if (eq) return i;
    }
    from = i + 1;
  }
  return std::string_view::npos;
}

}  // namespace

std::string StripRawTextElements(std::string_view in) {
  // Elements whose content never reaches the article (scripts other than JSON-LD,
  // styles, SVG drawings, noscript fallbacks, templates) and comments are cut
  // before parsing: they are often most of a page's bytes. The parser still sees
  // every other byte as written.
  std::string out;
  out.reserve(in.size());
  size_t copied = 0, i = 0;
  static const std::string_view kCut[] = {"script", "style", "svg", "noscript", "template"};
  while (i < in.size()) {
    const void* p = std::memchr(in.data() + i, '<', in.size() - i);
    if (p == nullptr) break;
    i = static_cast<size_t>(static_cast<const char*>(p) - in.data());
    if (in.compare(i, 4, "<!--") == 0) {
      size_t end = in.find("-->", i + 4);
      end = end == std::string_view::npos ? in.size() : end + 3;
      out.append(in.substr(copied, i - copied));
      copied = i = end;
      continue;
    }
    bool cut = false;
    for (std::string_view name : kCut) {
      if (!NameAt(in, i + 1, name)) continue;
      size_t open_end = in.find('>', i);
      if (open_end == std::string_view::npos) break;
      if (name == "script") {
        std::string open(in.substr(i, open_end - i));
        for (char& c : open) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        if (open.find("ld+json") != std::string::npos) break;  // keep JSON-LD
      }
      const std::string close = "</" + std::string(name);
      size_t end = FindCI(in, open_end + 1, close);
      if (end == std::string_view::npos) break;  // unclosed: leave it to the parser
      end = in.find('>', end);
      end = end == std::string_view::npos ? in.size() : end + 1;
      out.append(in.substr(copied, i - copied));
      copied = i = end;
      cut = true;
      break;
    }
    if (!cut) ++i;
  }
  out.append(in.substr(copied));
  return out;
}

std::string BuildHtmlTree(std::string_view utf8_in, HtmlTree* out) {
  InitLibxml();
  const std::string stripped = StripRawTextElements(utf8_in);
  const std::string_view utf8 = stripped;
  out->nodes.clear();
  out->meta = PageMeta();
  if (utf8.size() > static_cast<size_t>(INT32_MAX)) return "page larger than 2 GiB";
  out->nodes.reserve(utf8.size() / 60 + 16);
  out->arena.reserve(utf8.size() / 3 + 64);
  out->nodes.emplace_back();  // root
  out->nodes[0].tag = Tag::kHtml;
  htmlParserCtxtPtr ctxt =
      htmlCreateMemoryParserCtxt(utf8.empty() ? "" : utf8.data(), static_cast<int>(utf8.size()));
  if (ctxt == nullptr) return "the HTML parser could not read the page";
  htmlCtxtUseOptions(
      ctxt, HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | HTML_PARSE_NONET);
  Builder b(out);
  htmlSAXHandler sax{};
  sax.startElement = Builder::OnStart;
  sax.endElement = Builder::OnEnd;
  sax.characters = Builder::OnText;
  sax.ignorableWhitespace = Builder::OnText;
  sax.cdataBlock = Builder::OnText;
  sax.warning = Builder::Quiet;
  sax.error = Builder::Quiet;
  sax.fatalError = Builder::Quiet;
  *ctxt->sax = sax;
  ctxt->userData = &b;
  if (xmlCharEncodingHandlerPtr utf8h = xmlFindCharEncodingHandler("UTF-8")) {
    xmlSwitchToEncoding(ctxt, utf8h);
  }
  htmlParseDocument(ctxt);
  if (ctxt->myDoc != nullptr) xmlFreeDoc(ctxt->myDoc);
  ctxt->myDoc = nullptr;
  htmlFreeParserCtxt(ctxt);
  b.Finish();
  // Subtree statistics, children before parents (pre-order indices grow downwards).
  std::vector<uint8_t> in_link(out->nodes.size(), 0), in_p(out->nodes.size(), 0);
  for (size_t i = 1; i < out->nodes.size(); ++i) {
    const Node& n = out->nodes[i];
    const int32_t p = n.parent;
    in_link[i] = in_link[p] || n.link;
    in_p[i] = in_p[p] || n.tag == Tag::kP;
  }
  for (size_t i = out->nodes.size(); i-- > 1;) {
    Node& n = out->nodes[i];
    if (n.tag == Tag::kText) {
      n.text_chars = CountChars(n.text);
      if (in_link[i]) n.link_chars = n.text_chars;
      if (in_p[i]) n.p_chars = n.text_chars;
    }
    Node& p = out->nodes[n.parent];
    p.text_chars += n.text_chars;
    p.link_chars += n.link_chars;
    p.p_chars += n.p_chars;
  }
  return "";
}

}  // namespace dateline::web
