// Charset choice and conversion to UTF-8 (ICU ucnv for conversion, ucsdet for detection).
#include "ingest/web/encoding.h"

#include <unicode/ucnv.h>
#include <unicode/ucnv_err.h>
#include <unicode/ucsdet.h>
#include <unicode/ustring.h>

#include <algorithm>
#include <cstring>
#include <vector>

#include "dateline/ingest.h"
#include "util/utf8.h"

namespace dateline::web {
namespace {

char Lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c; }

std::string LowerTrim(std::string_view s) {
  size_t b = 0, e = s.size();
  while (b < e && (s[b] == ' ' || s[b] == '\t' || s[b] == '"' || s[b] == '\'')) ++b;
  while (e > b && (s[e - 1] == ' ' || s[e - 1] == '\t' || s[e - 1] == '"' || s[e - 1] == '\'' ||
                   s[e - 1] == ';' || s[e - 1] == '\r' || s[e - 1] == '\n'))
    --e;
  std::string out;
  out.reserve(e - b);
  for (size_t i = b; i < e; ++i) out.push_back(Lower(s[i]));
  return out;
}

bool IsLabelChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
         c == '_' || c == '.' || c == ':';
}

// The charset token after "charset" at `pos` in `s` (lower-cased), or "".
std::string CharsetTokenAt(std::string_view s, size_t pos) {
  size_t i = pos + 7;
  while (i < s.size() && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r')) ++i;
  if (i >= s.size() || s[i] != '=') return "";
  ++i;
  while (i < s.size() && (s[i] == ' ' || s[i] == '\t' || s[i] == '"' || s[i] == '\'')) ++i;
  size_t b = i;
  while (i < s.size() && IsLabelChar(s[i])) ++i;
  return LowerTrim(s.substr(b, i - b));
}

// Counts the bytes ICU could not convert, then substitutes U+FFFD for them.
struct CountingContext {
  size_t count = 0;
};

void CountingCallback(const void* context, UConverterToUnicodeArgs* args, const char* code_units,
                      int32_t length, UConverterCallbackReason reason, UErrorCode* err) {
  if (reason == UCNV_ILLEGAL || reason == UCNV_UNASSIGNED || reason == UCNV_IRREGULAR) {
    const_cast<CountingContext*>(static_cast<const CountingContext*>(context))->count +=
        static_cast<size_t>(std::max<int32_t>(length, 1));
  }
  UCNV_TO_U_CALLBACK_SUBSTITUTE(nullptr, args, code_units, length, reason, err);
}

// Converts with ICU; returns false if ICU does not know `name`.
bool Convert(std::string_view bytes, const std::string& name, std::string* out, size_t* replaced) {
  UErrorCode err = U_ZERO_ERROR;
  UConverter* conv = ucnv_open(name.c_str(), &err);
  if (U_FAILURE(err) || conv == nullptr) return false;
  CountingContext ctx;
  UConverterToUCallback old_cb;
  const void* old_ctx;
  ucnv_setToUCallBack(conv, CountingCallback, &ctx, &old_cb, &old_ctx, &err);
  std::vector<UChar> u(bytes.size() + 16);
  const char* src = bytes.data();
  const char* src_end = bytes.data() + bytes.size();
  size_t used = 0;
  for (;;) {
    UChar* target = u.data() + used;
    UChar* target_end = u.data() + u.size();
    err = U_ZERO_ERROR;
    ucnv_toUnicode(conv, &target, target_end, &src, src_end, nullptr, /*flush=*/true, &err);
    used = static_cast<size_t>(target - u.data());
    if (err == U_BUFFER_OVERFLOW_ERROR) {
      u.resize(u.size() * 2);
      continue;
    }
    break;
  }
  ucnv_close(conv);
  if (U_FAILURE(err)) return false;
  out->clear();
  out->reserve(used + used / 2);
  // UTF-16 -> UTF-8 by hand (unpaired surrogates become U+FFFD).
  for (size_t i = 0; i < used; ++i) {
    uint32_t c = u[i];
    if (c >= 0xD800 && c <= 0xDBFF && i + 1 < used && u[i + 1] >= 0xDC00 && u[i + 1] <= 0xDFFF) {
      c = 0x10000 + ((c - 0xD800) << 10) + (u[i + 1] - 0xDC00);
      ++i;
    } else if (c >= 0xD800 && c <= 0xDFFF) {
      c = 0xFFFD;
    }
    util::AppendUtf8(static_cast<char32_t>(c), out);
  }
  *replaced = ctx.count;
  return true;
}

// Too many unconvertible bytes: the page is not in this encoding.
bool TooManyErrors(size_t replaced, size_t size) { return replaced > 16 && replaced * 50 > size; }

std::string Detect(std::string_view bytes, int32_t* confidence) {
  UErrorCode err = U_ZERO_ERROR;
  UCharsetDetector* det = ucsdet_open(&err);
  if (U_FAILURE(err)) return "";
  const size_t n = std::min<size_t>(bytes.size(), 256 * 1024);
  ucsdet_setText(det, bytes.data(), static_cast<int32_t>(n), &err);
  ucsdet_enableInputFilter(det, true);
  const UCharsetMatch* m = ucsdet_detect(det, &err);
  std::string name;
  *confidence = 0;
  if (U_SUCCESS(err) && m != nullptr) {
    const char* nm = ucsdet_getName(m, &err);
    if (U_SUCCESS(err) && nm != nullptr) name = nm;
    *confidence = ucsdet_getConfidence(m, &err);
  }
  ucsdet_close(det);
  return name;
}

}  // namespace

bool IsValidUtf8(std::string_view s) {
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  const size_t n = s.size();
  size_t i = 0;
  while (i < n) {
    // Fast path over ASCII, 8 bytes at a time.
    while (i + 8 <= n) {
      uint64_t w;
      std::memcpy(&w, p + i, 8);
      if (w & 0x8080808080808080ULL) break;
      i += 8;
    }
    if (i >= n) break;
    const unsigned c = p[i];
    if (c < 0x80) {
      ++i;
      continue;
    }
    size_t len;
    unsigned lo = 0x80, hi = 0xBF;
    if (c >= 0xC2 && c <= 0xDF) {
      len = 2;
    } else if (c >= 0xE0 && c <= 0xEF) {
      len = 3;
      if (c == 0xE0) lo = 0xA0;
      if (c == 0xED) hi = 0x9F;
    } else if (c >= 0xF0 && c <= 0xF4) {
      len = 4;
      if (c == 0xF0) lo = 0x90;
      if (c == 0xF4) hi = 0x8F;
    } else {
      return false;
    }
    if (i + len > n) return false;
    if (p[i + 1] < lo || p[i + 1] > hi) return false;
    for (size_t k = 2; k < len; ++k) {
      if (p[i + k] < 0x80 || p[i + k] > 0xBF) return false;
    }
    i += len;
  }
  return true;
}

std::string NormalizeCharsetLabel(std::string_view label) {
  const std::string l = LowerTrim(label);
  if (l.empty()) return "";
  struct Alias {
    const char* label;
    const char* name;
  };
  static const Alias kAliases[] = {
      {"utf-8", "UTF-8"},
      {"utf8", "UTF-8"},
      {"unicode-1-1-utf-8", "UTF-8"},
      {"iso-8859-1", "windows-1252"},
      {"iso8859-1", "windows-1252"},
      {"iso_8859-1", "windows-1252"},
      {"latin1", "windows-1252"},
      {"latin-1", "windows-1252"},
      {"l1", "windows-1252"},
      {"us-ascii", "windows-1252"},
      {"ascii", "windows-1252"},
      {"cp1252", "windows-1252"},
      {"x-cp1252", "windows-1252"},
      {"cp819", "windows-1252"},
      {"ibm819", "windows-1252"},
      {"iso-8859-9", "windows-1254"},
      {"latin5", "windows-1254"},
      {"iso-8859-11", "windows-874"},
      {"tis-620", "windows-874"},
      {"gb2312", "GB18030"},
      {"gbk", "GB18030"},
      {"x-gbk", "GB18030"},
      {"cp936", "GB18030"},
      {"euc-cn", "GB18030"},
      {"gb_2312-80", "GB18030"},
      {"gb18030", "GB18030"},
      {"shift_jis", "windows-31j"},
      {"shift-jis", "windows-31j"},
      {"sjis", "windows-31j"},
      {"x-sjis", "windows-31j"},
      {"ms_kanji", "windows-31j"},
      {"cp932", "windows-31j"},
      {"windows-31j", "windows-31j"},
      {"euc-kr", "windows-949"},
      {"ks_c_5601-1987", "windows-949"},
      {"cp1256", "windows-1256"},
      {"cp1251", "windows-1251"},
      {"koi8-r", "KOI8-R"},
      {"koi8r", "KOI8-R"},
      {"koi8-u", "KOI8-U"},
      {"iso-8859-8-i", "ISO-8859-8"},
      {"x-mac-roman", "macintosh"},
      {"utf-16", "UTF-8"},
      {"utf-16le", "UTF-8"},  // a <meta> read as ASCII cannot mean UTF-16
      {"utf-16be", "UTF-8"},
  };
  for (const Alias& a : kAliases) {
    if (l == a.label) return a.name;
  }
  return l;
}

std::string CharsetFromContentType(std::string_view ct) {
  std::string lower;
  lower.reserve(ct.size());
  for (char c : ct) lower.push_back(Lower(c));
  const size_t p = lower.find("charset");
  if (p == std::string::npos) return "";
  return CharsetTokenAt(lower, p);
}

std::string PrescanMetaCharset(std::string_view bytes) {
  const std::string_view head = bytes.substr(0, std::min<size_t>(bytes.size(), 16384));
  std::string lower(head.size(), ' ');
  for (size_t i = 0; i < head.size(); ++i) lower[i] = Lower(head[i]);
  size_t pos = 0;
  while ((pos = lower.find("<meta", pos)) != std::string::npos) {
    size_t end = lower.find('>', pos);
    if (end == std::string::npos) end = lower.size();
    const std::string_view tag = std::string_view(lower).substr(pos, end - pos);
    const size_t c = tag.find("charset");
    if (c != std::string_view::npos) {
      std::string label = CharsetTokenAt(tag, c);
      if (!label.empty()) return label;
    }
    pos = end;
  }
  return "";
}

std::string DecodePage(std::string_view bytes, std::string_view http_charset, DecodedPage* out) {
  out->utf8.clear();
  out->encoding.clear();
  out->how.clear();
  out->replaced = 0;
  // A byte-order mark is unambiguous; it wins (as in browsers).
  struct Bom {
    std::string_view bytes;
    const char* name;
  };
  static const Bom kBoms[] = {{"\xEF\xBB\xBF", "UTF-8"},
                              {std::string_view("\xFF\xFE", 2), "UTF-16LE"},
                              {std::string_view("\xFE\xFF", 2), "UTF-16BE"}};
  std::vector<std::pair<std::string, std::string>> tries;  // (name, how)
  for (const Bom& b : kBoms) {
    if (bytes.substr(0, b.bytes.size()) == b.bytes) {
      bytes.remove_prefix(b.bytes.size());
      tries.emplace_back(b.name, "bom");
      break;
    }
  }
  if (tries.empty()) {
    const std::string http = NormalizeCharsetLabel(http_charset);
    if (!http.empty()) tries.emplace_back(http, "http");
    const std::string meta = NormalizeCharsetLabel(PrescanMetaCharset(bytes));
    if (!meta.empty() && meta != http) tries.emplace_back(meta, "meta");
  }
  std::string failures;
  for (const auto& [name, how] : tries) {
    std::string utf8;
    size_t replaced = 0;
    if (name == "UTF-8") {
      utf8.assign(bytes);
      if (!IsValidUtf8(utf8)) replaced = ingest::RepairUtf8(&utf8);
    } else if (!Convert(bytes, name, &utf8, &replaced)) {
      failures += (failures.empty() ? "" : "; ") + std::string("unknown charset \"") + name +
                  "\" (" + how + ")";
      continue;
    }
    if (TooManyErrors(replaced, bytes.size())) {
      failures += (failures.empty() ? "" : "; ") + std::to_string(replaced) + " bytes invalid in " +
                  name + " (" + how + ")";
      continue;
    }
    out->utf8 = std::move(utf8);
    out->encoding = name;
    out->how = how;
    out->replaced = replaced;
    return "";
  }
  if (IsValidUtf8(bytes)) {
    out->utf8.assign(bytes);
    out->encoding = "UTF-8";
    out->how = "utf-8";
    return "";
  }
  int32_t confidence = 0;
  const std::string detected = NormalizeCharsetLabel(Detect(bytes, &confidence));
  if (!detected.empty() && confidence >= 10) {
    std::string utf8;
    size_t replaced = 0;
    if (Convert(bytes, detected, &utf8, &replaced) && !TooManyErrors(replaced, bytes.size())) {
      out->utf8 = std::move(utf8);
      out->encoding = detected;
      out->how = "detected";
      out->replaced = replaced;
      return "";
    }
  }
  std::string reason = "cannot decode the page";
  if (!failures.empty()) reason += ": " + failures;
  reason += detected.empty() ? "; charset detection failed"
                             : "; detected " + detected + " (confidence " +
                                   std::to_string(confidence) + ") does not fit";
  return reason;
}

}  // namespace dateline::web
