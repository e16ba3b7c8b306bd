// Character encodings of web pages: choosing the charset (HTTP header, <meta>,
// byte-order mark, detection) and converting to UTF-8 with ICU's converters.
#pragma once

#include <string>
#include <string_view>

namespace dateline::web {

/// The result of decoding a page.
struct DecodedPage {
  std::string utf8;      // the page as UTF-8 (BOM removed)
  std::string encoding;  // canonical name of the encoding used, e.g. "windows-1252"
  std::string how;       // "http", "meta", "bom", "utf-8" (valid UTF-8) or "detected"
  size_t replaced = 0;   // bytes that could not be converted (became U+FFFD)
};

/// Maps a charset label to the name ICU should use, following browsers:
/// "iso-8859-1", "latin1", "us-ascii" -> "windows-1252"; "gb2312", "gbk" -> "GB18030";
/// "x-sjis" -> "Shift_JIS" ... Returns "" for an empty label.
std::string NormalizeCharsetLabel(std::string_view label);

/// The charset of a Content-Type value ("text/html; charset=UTF-8" -> "UTF-8"), or "".
std::string CharsetFromContentType(std::string_view content_type);

/// The charset declared by <meta charset> or <meta http-equiv=Content-Type> in the
/// first 4 KiB of `bytes` (a byte scan, as browsers pre-scan), or "".
std::string PrescanMetaCharset(std::string_view bytes);

/// Decodes `bytes` to UTF-8. The charset is taken from `http_charset`, else the
/// page's <meta>, else a BOM, else the bytes when they are valid UTF-8, else ICU's
/// detector (ucsdet). A label ICU does not know falls through to the next source.
/// Returns "" on success, else the reason the page cannot be decoded.
std::string DecodePage(std::string_view bytes, std::string_view http_charset, DecodedPage* out);

/// True if `s` is entirely valid UTF-8.
bool IsValidUtf8(std::string_view s);

}  // namespace dateline::web
