// Fuzz target: an entity-tagger model file (`dateline train-ner` output,
// doc/ner-model.md): the input after its first byte, or, when that byte is odd,
// the bundled Dutch model with the rest of the input applied as byte patches
// (fuzz_util.h). Invariant: Load refuses or accepts, never crashes; an
// accepted model tags text with mentions inside the text, in order, not
// overlapping.
#include <memory>
#include <string>
#include <vector>

#include "dateline/entities.h"
#include "fuzz_util.h"

extern "C" const unsigned char dl_ner_model_nl[];
extern "C" const unsigned char dl_ner_model_nl_end[];

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using dateline::fuzz::Require;
  static const std::string path = dateline::fuzz::ScratchPath(".dlner");
  dateline::fuzz::Input in(data, size);
  std::string bytes;
  if (in.Byte() & 1) {
    bytes.assign(reinterpret_cast<const char*>(dl_ner_model_nl),
                 static_cast<size_t>(dl_ner_model_nl_end - dl_ner_model_nl));
    dateline::fuzz::ApplyPatches(in.Rest(), &bytes);
  } else {
    bytes.assign(in.Rest());
  }
  dateline::fuzz::WriteFile(path, bytes);
  std::unique_ptr<dateline::NerTagger> model;
  if (!dateline::NerTagger::Load(path, &model).ok()) return 0;
  const std::string text =
      "Khalifa Haftar sprak donderdag in Tripoli met de VN over de conferentie in Ghadames.";
  std::vector<dateline::EntityMention> found;
  model->Tag(text, &found);
  uint32_t last_end = 0;
  for (const auto& m : found) {
    Require(m.start >= last_end && m.start < m.end && m.end <= text.size(), "mention span");
    last_end = m.end;
  }
  return 0;
}
