// Building the extraction tree from libxml2's HTML parser.
#include "ingest/web/html_tree.h"

#include <libxml/HTMLparser.h>
#include <libxml/parser.h>
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
  if (ContainsAny(h, {"share", "sharing", "social", "related", "recommend", "cookie", "consent",
                      "gdpr", "newsletter", "subscri", "signup", "sign-up", "advert", "sponsor",
                      "outbrain", "taboola", "popup", "modal", "promo", "breadcrumb", "sidebar",
                      "widget", "paywall", "most-popular", "mostpopular", "trending", "more-from",
                      "morefrom", "read-more", "readmore", "tag-list", "taglist", "pagination",
                      "author-bio", "authorbio", "toolbar", "follow", "print-only", "skip-link",
                      "skiplink", "teaser", "recirc", "donate"}) ||
      HasToken(h, {"ad", "ads", "adv", "nav", "navbar", "menu", "tags", "tag", "share", "social",
                   "related", "rail", "dfp", "banner", "masthead", "topics", "keywords",
                   "signin", "login", "newsletter", "subnav", "pager", "hidden", "byline",
                   "dateline", "timestamp", "credit", "credits", "copyright"})) {
    f |= kHintBoiler;
  }
  if (HasToken(h, {"meta", "author", "header", "footer", "caption"}) ||
      ContainsAny(h, {"footer", "caption", "credit", "masthead", "metadata", "byline", "author",
                      "dateline", "timestamp", "post-meta", "entry-meta", "article-meta",
                      "meta-data"})) {
    f |= kHintNegative;
  }
  if (ContainsAny(h, {"article", "content", "story", "entry", "post", "body", "text", "main",
                      "blog"})) {
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

// The value of an attribute (entities decoded).
std::string AttrValue(xmlAttr* a) {
  if (a->children == nullptr) return "";
  if (a->children->next == nullptr && a->children->type == XML_TEXT_NODE &&
      a->children->content != nullptr) {
    return reinterpret_cast<const char*>(a->children->content);
  }
  xmlChar* v = xmlNodeListGetString(a->doc, a->children, 1);
  std::string out = v != nullptr ? reinterpret_cast<const char*>(v) : "";
  xmlFree(v);
  return out;
}

std::string Lower(std::string_view s) {
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

class Builder {
 public:
  explicit Builder(HtmlTree* t) : t_(t) {}

  void Visit(xmlNode* x, int32_t parent, bool keep, int depth) {
    for (xmlNode* c = x; c != nullptr; c = c->next) VisitOne(c, parent, keep, depth);
  }

 private:
  int32_t Add(Tag tag, int32_t parent) {
    const int32_t id = static_cast<int32_t>(t_->nodes.size());
    t_->nodes.emplace_back();
    Node& n = t_->nodes.back();
    n.tag = tag;
    n.parent = parent;
    if (parent >= 0) {
      Node& p = t_->nodes[parent];
      if (p.last_child >= 0) {
        t_->nodes[p.last_child].next = id;
      } else {
        p.first_child = id;
      }
      p.last_child = id;
    }
    return id;
  }

  void VisitOne(xmlNode* x, int32_t parent, bool keep, int depth) {
    if (x->type == XML_TEXT_NODE || x->type == XML_CDATA_SECTION_NODE) {
      if (!keep || parent < 0 || x->content == nullptr) return;
      const char* s = reinterpret_cast<const char*>(x->content);
      const int32_t id = Add(Tag::kText, parent);
      t_->nodes[id].text = s;
      return;
    }
    if (x->type != XML_ELEMENT_NODE || x->name == nullptr) return;
    if (depth > 400) return;
    const std::string_view name = reinterpret_cast<const char*>(x->name);
    const auto& table = TagTable();
    auto it = table.find(name);
    TagInfo info = it != table.end() ? it->second : TagInfo{Tag::kOther, Kind::kKeep};

    // Attributes we use.
    std::string cls, id_attr, itemprop, rel, href, content, datetime, prop, nm, type, lang,
        charset_unused;
    bool hidden = false;
    for (xmlAttr* a = x->properties; a != nullptr; a = a->next) {
      if (a->name == nullptr) continue;
      const std::string_view an = reinterpret_cast<const char*>(a->name);
      if (an == "class") {
        cls = Lower(AttrValue(a));
      } else if (an == "id") {
        id_attr = Lower(AttrValue(a));
      } else if (an == "itemprop") {
        itemprop = Lower(AttrValue(a));
      } else if (an == "rel") {
        rel = Lower(AttrValue(a));
      } else if (an == "href") {
        href = AttrValue(a);
      } else if (an == "content") {
        content = AttrValue(a);
      } else if (an == "datetime") {
        datetime = AttrValue(a);
      } else if (an == "property") {
        prop = Lower(AttrValue(a));
      } else if (an == "name" || an == "http-equiv") {
        if (nm.empty()) nm = Lower(AttrValue(a));
      } else if (an == "type") {
        type = Lower(AttrValue(a));
      } else if (an == "lang" || an == "xml:lang") {
        lang = AttrValue(a);
      } else if (an == "hidden") {
        hidden = true;
      } else if (an == "aria-hidden") {
        hidden = hidden || Lower(AttrValue(a)) == "true";
      } else if (an == "style") {
        std::string st = Lower(AttrValue(a));
        st.erase(std::remove(st.begin(), st.end(), ' '), st.end());
        if (st.find("display:none") != std::string::npos ||
            st.find("visibility:hidden") != std::string::npos)
          hidden = true;
      } else if (an == "role") {
        const std::string r = Lower(AttrValue(a));
        if (r == "navigation" || r == "complementary" || r == "contentinfo" || r == "banner" ||
            r == "search" || r == "dialog" || r == "alertdialog" || r == "menu" || r == "menubar")
          id_attr += " nav";
      }
    }

    // Metadata.
    if (name == "meta") {
      const std::string& key = !prop.empty() ? prop : !nm.empty() ? nm : itemprop;
      if (!key.empty() && !content.empty()) t_->meta.meta.emplace_back(key, content);
      if (itemprop == "datepublished" && !content.empty()) t_->meta.itemprop_dates.push_back(content);
      if (itemprop == "author" && !content.empty()) t_->meta.itemprop_authors.push_back(content);
      return;
    }
    if (name == "link") {
      if (t_->meta.canonical.empty() && HasToken(rel, {"canonical"}) && !href.empty())
        t_->meta.canonical = href;
      return;
    }
    if (name == "title") {
      if (t_->meta.title.empty() && x->children != nullptr) {
        xmlChar* v = xmlNodeGetContent(x);
        if (v != nullptr) t_->meta.title = reinterpret_cast<const char*>(v);
        xmlFree(v);
      }
      return;
    }
    if (name == "script") {
      if (type == "application/ld+json") {
        xmlChar* v = xmlNodeGetContent(x);
        if (v != nullptr) t_->meta.json_ld.emplace_back(reinterpret_cast<const char*>(v));
        xmlFree(v);
      }
      return;
    }
    if (name == "html" && t_->meta.html_lang.empty()) t_->meta.html_lang = lang;
    if (info.kind == Kind::kDrop) return;
    if (info.kind == Kind::kMetaOnly || !keep) {
      Visit(x->children, parent, false, depth + 1);
      return;
    }

    const int32_t id = Add(info.tag, parent);
    uint8_t hints = 0;
    if (!cls.empty() || !id_attr.empty()) {
      std::string h = cls;
      if (!id_attr.empty()) {
        h.push_back(' ');
        h += id_attr;
      }
      hints = ClassifyHint(h);
    }
    if (itemprop == "articlebody" || itemprop == "articletext") hints |= kHintArticleBody;
    if (hidden) hints |= kHintHidden;
    t_->nodes[id].hints = hints;
    if (info.tag == Tag::kA && !href.empty()) {
      // Mark as a link by keeping href presence in the text field (elements have no text).
      t_->nodes[id].text = "\x01";
    }
    if (info.tag == Tag::kTime && !datetime.empty()) {
      t_->meta.time_nodes.push_back(id);
      t_->meta.time_values.push_back(datetime);
    }
    if (itemprop == "datepublished") {
      if (!datetime.empty()) {
        t_->meta.itemprop_dates.push_back(datetime);
      } else if (!content.empty()) {
        t_->meta.itemprop_dates.push_back(content);
      } else {
        t_->meta.itemprop_date_nodes.push_back(id);
      }
    }
    if (itemprop == "author" || itemprop == "creator") {
      if (!content.empty()) {
        t_->meta.itemprop_authors.push_back(content);
      } else {
        t_->meta.itemprop_author_nodes.push_back(id);
      }
    }
    if (info.tag == Tag::kA && HasToken(rel, {"author"})) t_->meta.rel_author_nodes.push_back(id);
    if (info.tag == Tag::kH1) t_->meta.h1_nodes.push_back(id);
    Visit(x->children, id, true, depth + 1);
  }

  HtmlTree* t_;
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

std::string BuildHtmlTree(std::string_view utf8, HtmlTree* out) {
  InitLibxml();
  out->nodes.clear();
  out->meta = PageMeta();
  if (utf8.size() > static_cast<size_t>(INT32_MAX)) return "page larger than 2 GiB";
  htmlDocPtr doc = htmlReadMemory(utf8.data(), static_cast<int>(utf8.size()), nullptr, "UTF-8",
                                  HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
                                      HTML_PARSE_NONET | HTML_PARSE_COMPACT);
  if (doc == nullptr) return "the HTML parser could not read the page";
  out->nodes.reserve(utf8.size() / 40 + 16);
  out->nodes.emplace_back();  // root
  out->nodes[0].tag = Tag::kHtml;
  Builder b(out);
  b.Visit(doc->children, 0, true, 0);
  xmlFreeDoc(doc);
  // Subtree statistics, children before parents (pre-order indices grow downwards).
  std::vector<uint8_t> in_link(out->nodes.size(), 0), in_p(out->nodes.size(), 0);
  for (size_t i = 1; i < out->nodes.size(); ++i) {
    const Node& n = out->nodes[i];
    const int32_t p = n.parent;
    in_link[i] = in_link[p] || (n.tag == Tag::kA && n.text == "\x01");
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
