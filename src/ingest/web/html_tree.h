// A compact DOM for article extraction, built from libxml2's HTML parser, with
// the page's metadata (<meta>, <link rel=canonical>, JSON-LD, <html lang>) collected
// on the way.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace dateline::web {

enum class Tag : uint8_t {
  kOther,
  kText,
  kHtml,
  kBody,
  kP,
  kDiv,
  kSpan,
  kA,
  kH1,
  kH2,
  kH3,
  kH4,
  kH5,
  kH6,
  kLi,
  kUl,
  kOl,
  kDl,
  kDt,
  kDd,
  kBlockquote,
  kPre,
  kTable,
  kTr,
  kTd,
  kTh,
  kBr,
  kHr,
  kFigure,
  kFigcaption,
  kNav,
  kFooter,
  kHeader,
  kAside,
  kForm,
  kArticle,
  kMain,
  kSection,
  kTime,
  kImg,
  kCenter,
  kAddress,
  kDetails,
  kSummary,
  kMenu,
  kCaption,
  kTbody,
  kFieldset,
  kLabel,
};

/// Class/id hints of an element.
enum HintFlags : uint8_t {
  kHintPositive = 1,      // article, content, story, entry, post, body, text, main
  kHintNegative = 2,      // weak: footer, meta, caption, banner... (a positive hint overrides)
  kHintBoiler = 4,        // strong: share, social, related, cookie, newsletter, advert...
  kHintComment = 8,       // comments (always removed)
  kHintArticleBody = 16,  // itemprop=articleBody
  kHintDate = 32,         // date, time, posted, published, byline...
  kHintAuthor = 64,       // author, byline
  kHintHidden = 128,      // hidden, display:none, aria-hidden, sr-only
};

struct Node {
  Tag tag = Tag::kOther;
  uint8_t hints = 0;
  bool junk = false;
  bool link = false;  // <a href>
  int32_t parent = -1;
  int32_t first_child = -1;
  int32_t last_child = -1;
  int32_t next = -1;
  uint32_t text_chars = 0;  // characters of text in the subtree (not counting spaces)
  uint32_t link_chars = 0;  // of which inside <a href>
  uint32_t p_chars = 0;     // of which inside <p>
  std::string_view text;    // text nodes: the text (entities decoded), in HtmlTree::arena
  uint32_t text_off = 0, text_len = 0;
};

/// Metadata collected while building the tree.
struct PageMeta {
  std::vector<std::pair<std::string, std::string>> meta;  // (lower-case name/property, content)
  std::vector<std::string> json_ld;
  std::string title;                         // <title>
  std::string html_lang;                     // <html lang>
  std::string canonical;                     // <link rel=canonical href>
  std::vector<int32_t> time_nodes;           // <time datetime>: node index
  std::vector<std::string> time_values;      // and its datetime value
  std::vector<int32_t> itemprop_date_nodes;  // itemprop=datePublished (element without content)
  std::vector<std::string> itemprop_dates;   // itemprop=datePublished content/datetime values
  std::vector<int32_t> itemprop_author_nodes;
  std::vector<std::string> itemprop_authors;  // content values
  std::vector<int32_t> rel_author_nodes;      // <a rel=author>
  std::vector<int32_t> h1_nodes;
};

struct HtmlTree {
  std::vector<Node> nodes;  // pre-order; nodes[0] is the root
  PageMeta meta;
  std::string arena;  // the text of all text nodes
};

/// Parses UTF-8 HTML with libxml2's HTML parser (SAX events) and builds the tree. Returns "" or an
/// error reason.
std::string BuildHtmlTree(std::string_view utf8, HtmlTree* out);

/// `html` without comments and without script (except JSON-LD), style, svg,
/// noscript and template elements: what the tree never uses, cut before parsing.
std::string StripRawTextElements(std::string_view html);

/// The text of a subtree with whitespace collapsed (junk included).
std::string NodeText(const HtmlTree& tree, int32_t node, size_t max_bytes = 1 << 20);

/// Collapses whitespace runs (ASCII and no-break space) to one space and trims.
std::string CollapseSpace(std::string_view s);

}  // namespace dateline::web
