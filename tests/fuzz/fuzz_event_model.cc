// Fuzz target: an event-type classifier model file (bench/events/train.sh
// output, doc/events.md "The type classifier"): the input after its first
// byte, or, when that byte is odd, the bundled model with the rest of the
// input applied as byte patches (fuzz_util.h). Invariant: ParseEventModel
// refuses or accepts, never crashes or reads past its bytes; an accepted
// model applied to the events of a sentence keeps every event's spans.
#include <string>
#include <vector>

#include "dateline/annotate.h"
#include "extract/events_model.h"
#include "fuzz_util.h"

extern "C" const unsigned char dl_event_model[];
extern "C" const unsigned char dl_event_model_end[];

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using dateline::fuzz::Require;
  dateline::fuzz::Input in(data, size);
  std::string bytes;
  if (in.Byte() & 1) {
    bytes.assign(reinterpret_cast<const char*>(dl_event_model),
                 static_cast<size_t>(dl_event_model_end - dl_event_model));
    dateline::fuzz::ApplyPatches(in.Rest(), &bytes);
  } else {
    bytes.assign(in.Rest());
  }
  dateline::events::EventModel model;
  std::string error;
  if (!dateline::events::ParseEventModel(bytes, &model, &error)) {
    Require(!error.empty(), "a refused model has a message");
    return 0;
  }
  static const std::string text = "Police arrested three journalists in Cairo on Monday.";
  static const std::vector<dateline::Event> found =
      dateline::AnnotateText(text, "en", *dateline::Date::Parse("2019-04-06")).text.events;
  std::vector<dateline::Event> events = found;
  dateline::events::ApplyEventModel(model, text, "en", &events);
  Require(events.size() <= found.size(), "the model never adds events");
  for (const auto& e : events)
    Require(e.trigger_start < e.trigger_end && e.trigger_end <= text.size(), "trigger span");
  return 0;
}
