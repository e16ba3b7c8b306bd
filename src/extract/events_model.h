// The learned event-type classifier of the event finder (events_model.cc,
// doc/events.md "The type classifier"): an averaged perceptron over hashed
// features of a candidate event that the hand rules found (its trigger, the
// words around it, its rule type, its actors), which confirms the rule type,
// replaces it, or drops the candidate as no event. The bundled model is
// models/events/event_types.dlevm, trained by bench/events/train.sh.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "dateline/events.h"

namespace dateline::events {

/// Class index of "no event"; 0..15 are the types of EventTypes().
inline constexpr int kNoEventClass = 16;
inline constexpr int kModelClasses = 17;

/// A trained model: a weight per (feature hash, class), and the margins by
/// which the model must beat the rule type to replace it or drop the event.
struct EventModel {
  std::unordered_map<uint64_t, float> weights;  // key: feature hash << 5 | class
  /// The weights by feature, all classes in a row (CompileRows): one lookup per feature.
  std::unordered_map<uint32_t, std::array<float, kModelClasses>> rows;
  float retype_margin = 0;  // to replace the rule type
  float drop_margin = 0;    // to drop the candidate
};

/// Fills m->rows from m->weights (done by TrainEventModel and ParseEventModel).
void CompileRows(EventModel* m);

/// The hashed features of candidate event `i` of `events` (all the
/// candidates of `text`): its sentence, trigger, rule type, actors and the
/// types of the other candidates of its sentence. Deterministic across
/// platforms.
std::vector<uint32_t> EventFeatures(std::string_view text, std::string_view lang,
                                    const std::vector<Event>& events, size_t i);

/// The score of every class for features `f`.
std::vector<float> ClassScores(const EventModel& m, const std::vector<uint32_t>& f);

/// The class a model gives a candidate whose rule type is class `rule`:
/// `rule` unless another class (a type, or kNoEventClass) beats it by the
/// model's margin.
int Decide(const EventModel& m, const std::vector<uint32_t>& f, int rule);

/// Decide on given class scores and margins.
int DecideScores(const std::vector<float>& scores, int rule, float retype_margin,
                 float drop_margin);

/// The class index of a PLOVER type, -1 when it is none.
int TypeClass(std::string_view type);

/// One training example: features, the rule's class and the gold class.
struct EventExample {
  std::vector<uint32_t> features;
  int rule = 0, gold = kNoEventClass;
  int group = 0;  // examples of one article share a group (cross-validation folds)
};

struct TrainOptions {
  int epochs = 10;
  uint64_t seed = 1;  // the order of examples in each epoch
};

/// An averaged perceptron trained on `examples` (margins left at 0).
EventModel TrainEventModel(const std::vector<EventExample>& examples, const TrainOptions& opt);

/// The bytes of a model file: magic "DLEVM", version, counts, margins,
/// sorted weights, CRC32C of all that.
std::string SerializeEventModel(const EventModel& m);
/// Reads a model file; false with a message in *error when it is damaged,
/// of another version or fails its checksum. Never reads past `bytes`.
bool ParseEventModel(std::string_view bytes, EventModel* m, std::string* error);

/// The bundled model, parsed once; nullptr when none is bundled or it is
/// damaged (then a message is written to stderr once). Thread-safe.
const EventModel* BundledEventModel();

/// Whether FindEvents applies the bundled model (default true); the
/// training tool turns it off to see the rules' own candidates.
void SetEventModelEnabled(bool on);
bool EventModelEnabled();

/// Applies `m` to the events FindEvents found in `text`: retypes or drops them.
void ApplyEventModel(const EventModel& m, std::string_view text, std::string_view lang,
                     std::vector<Event>* events);

}  // namespace dateline::events
