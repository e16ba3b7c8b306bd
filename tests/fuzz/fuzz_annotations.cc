// Fuzz target: the stored annotations blob (doc/index-format.md). Input: a mode
// byte, two length bytes, the title and the text the blob applies to, then the
// blob itself, or (odd mode) byte patches (fuzz_util.h) applied to the encoded
// annotations the extractors find in the text.
// Invariant: DecodeAnnotations accepts or refuses, never crashes; what it
// accepts lies inside the fields, and encoding it again gives a blob that
// decodes to the same mentions.
#include <string>

#include "dateline/annotate.h"
#include "fuzz_util.h"

namespace {

using dateline::fuzz::Require;

void CheckInside(const dateline::FieldAnnotations& f, std::string_view field) {
  for (const auto& e : f.entities)
    Require(e.start <= e.end && e.end <= field.size(), "entity span");
  for (const auto& p : f.places) Require(p.start <= p.end && p.end <= field.size(), "place span");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  dateline::fuzz::Input in(data, size);
  const uint8_t mode = in.Byte();
  const size_t title_len = in.Byte(), text_len = in.Byte() * 4;
  const std::string_view title = in.Take(title_len), text = in.Take(text_len);
  std::string blob;
  if (mode & 1) {
    blob = dateline::EncodeAnnotations(dateline::AnnotateText(text, "en", dateline::Date{}));
    dateline::fuzz::ApplyPatches(in.Rest(), &blob);
  } else {
    blob.assign(in.Rest());
  }
  dateline::Annotations a;
  if (!dateline::DecodeAnnotations(blob, title, text, &a)) return 0;
  CheckInside(a.title, title);
  CheckInside(a.text, text);
  dateline::Annotations b;
  Require(dateline::DecodeAnnotations(dateline::EncodeAnnotations(a), title, text, &b),
          "re-encoded annotations do not decode");
  Require(a.title.entities.size() == b.title.entities.size() &&
              a.text.entities.size() == b.text.entities.size() &&
              a.text.places.size() == b.text.places.size() &&
              a.event_spans.size() == b.event_spans.size(),
          "re-encoded annotations differ");
  return 0;
}
