// DetectLanguage(): CLD2 in plain-text mode, mapped to ISO 639-1.
#include <unicode/utf8.h>

#include <algorithm>
#include <cstdio>  // compact_lang_det.h needs FILE
#include <string>
#include <string_view>

#include "dateline/text.h"

// clang-format off
#include <cld2/public/compact_lang_det.h>
// clang-format on

namespace dateline::text {
namespace {

// Below this many letters CLD2's answer is a guess; report "und".
constexpr int kMinTextBytes = 12;
// CLD2 gets slow and gains nothing from huge inputs.
constexpr size_t kMaxDetectBytes = 64 * 1024;

// CLD2 requires valid UTF-8: replace invalid bytes by spaces.
std::string SanitizeUtf8(std::string_view in) {
  std::string out;
  out.reserve(in.size());
  const auto* s = reinterpret_cast<const uint8_t*>(in.data());
  const int32_t n = static_cast<int32_t>(in.size());
  int32_t i = 0;
  while (i < n) {
    const int32_t start = i;
    UChar32 c;
    U8_NEXT(s, i, n, c);
    if (c < 0) {
      out.push_back(' ');
    } else {
      out.append(in.data() + start, static_cast<size_t>(i - start));
    }
  }
  return out;
}

// Cuts at a character boundary at most `max` bytes in.
std::string_view Prefix(std::string_view s, size_t max) {
  if (s.size() <= max) return s;
  size_t cut = max;
  while (cut > 0 && (static_cast<unsigned char>(s[cut]) & 0xC0) == 0x80) --cut;
  return s.substr(0, cut);
}

}  // namespace

LanguageGuess DetectLanguage(std::string_view utf8) {
  LanguageGuess guess{"und", 0.0f};
  const std::string text = SanitizeUtf8(Prefix(utf8, kMaxDetectBytes));
  CLD2::Language lang3[3];
  int percent3[3] = {0, 0, 0};
  double scores3[3] = {0, 0, 0};
  int text_bytes = 0;
  bool reliable = false;
  const CLD2::Language lang = CLD2::ExtDetectLanguageSummary(
      text.data(), static_cast<int>(text.size()), /*is_plain_text=*/true, /*tld_hint=*/nullptr,
      /*encoding_hint=*/0, CLD2::UNKNOWN_LANGUAGE, lang3, percent3, scores3, &text_bytes,
      &reliable);
  if (lang == CLD2::UNKNOWN_LANGUAGE || text_bytes < kMinTextBytes) return guess;
  std::string code = NormalizeLanguageCode(CLD2::LanguageCode(lang));
  if (code.empty()) return guess;
  float confidence = static_cast<float>(std::clamp(percent3[0], 0, 100)) / 100.0f;
  if (!reliable) confidence *= 0.5f;
  guess.lang = std::move(code);
  guess.confidence = confidence;
  return guess;
}

}  // namespace dateline::text
