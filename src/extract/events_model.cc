// The learned event-type classifier (events_model.h, doc/events.md): hashed
// features of a candidate event, an averaged perceptron, the model file and
// its use at the end of FindEvents.
#include "extract/events_model.h"

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <cstring>
#include <mutex>
#include <utility>

#include "util/crc32c.h"

extern "C" const unsigned char dl_event_model[];
extern "C" const unsigned char dl_event_model_end[];

namespace dateline::events {

namespace {

constexpr char kMagic[5] = {'D', 'L', 'E', 'V', 'M'};
constexpr uint8_t kVersion = 1;
constexpr size_t kHeader = 5 + 1 + 4 + 4 + 4;  // magic, version, count, two margins
constexpr size_t kEntry = 8 + 4;               // key, weight
constexpr uint32_t kMaxEntries = 1u << 22;

// FNV-1a, 32 bits: the same on every platform.
uint32_t Fnv(std::string_view s, uint32_t h = 2166136261u) {
  for (unsigned char ch : s) h = (h ^ ch) * 16777619u;
  return h;
}

// Letters, digits, apostrophes, hyphens and any non-ASCII byte make words.
bool WordByte(std::string_view text, uint32_t i) {
  const auto ch = static_cast<unsigned char>(text[i]);
  return ch >= 0x80 || (ch >= '0' && ch <= '9') || (ch >= 'a' && ch <= 'z') ||
         (ch >= 'A' && ch <= 'Z') || ch == '\'' || ch == '-';
}

struct Token {
  std::string lower;
  uint32_t start, end;
};

// The words of text[b, e): letters, digits and any non-ASCII byte; lower
// case for ASCII.
std::vector<Token> Tokens(std::string_view text, uint32_t b, uint32_t e) {
  std::vector<Token> out;
  e = std::min<uint32_t>(e, static_cast<uint32_t>(text.size()));
  for (uint32_t i = b; i < e;) {
    if (!WordByte(text, i)) {
      ++i;
      continue;
    }
    Token t{"", i, i};
    while (i < e && WordByte(text, i)) {
      const char ch = text[i++];
      t.lower.push_back(ch >= 'A' && ch <= 'Z' ? static_cast<char>(ch - 'A' + 'a') : ch);
    }
    t.end = i;
    out.push_back(std::move(t));
  }
  return out;
}

// The start of the word before the trigger's first word (the sentence's
// start at most): the features look one word back.
uint32_t WindowStart(std::string_view text, const Event& ev) {
  const uint32_t b = ev.start;
  uint32_t i = std::min<uint32_t>(ev.trigger_start, static_cast<uint32_t>(text.size()));
  while (i > b && WordByte(text, i - 1)) --i;  // into the trigger's first word
  while (i > b && !WordByte(text, i - 1)) --i;
  while (i > b && WordByte(text, i - 1)) --i;
  return std::max(i, b);
}

// The end of the fourth word after the trigger (the sentence's end at most):
// the features look four words ahead.
uint32_t WindowEnd(std::string_view text, const Event& ev) {
  const uint32_t e = std::min<uint32_t>(ev.end, static_cast<uint32_t>(text.size()));
  uint32_t i = std::min(ev.trigger_end, e);
  while (i < e && WordByte(text, i)) ++i;  // the trigger's last word
  for (int n = 0; n < 4; ++n) {
    while (i < e && !WordByte(text, i)) ++i;
    while (i < e && WordByte(text, i)) ++i;
  }
  return i;
}

bool Determiner(std::string_view w) {
  static constexpr std::string_view kWords[] = {
      "the", "a",    "an",    "its", "their", "his", "her",  "de",     "het", "een", "zijn",
      "hun", "der",  "die",   "das", "den",   "dem", "ein",  "eine",   "le",  "la",  "les",
      "l'",  "un",   "une",   "el",  "los",   "las", "una",  "sus",    "su",  "ses", "son",
      "sa",  "this", "these", "two", "three", "all", "some", "several"};
  return std::find(std::begin(kWords), std::end(kWords), w) != std::end(kWords);
}

// Collects the feature hashes of one candidate.
class Features {
 public:
  void Add(std::string_view name, std::string_view value) {
    out_.push_back(Fnv(value, Fnv(name) * 16777619u ^ 0x9e3779b9u));
  }
  std::vector<uint32_t> Take() {
    std::sort(out_.begin(), out_.end());
    out_.erase(std::unique(out_.begin(), out_.end()), out_.end());
    return std::move(out_);
  }

 private:
  std::vector<uint32_t> out_;
};

std::string Prefix(std::string_view w, size_t n) { return std::string(w.substr(0, n)); }
std::string Suffix(std::string_view w, size_t n) {
  return std::string(w.substr(w.size() > n ? w.size() - n : 0));
}

void ActorFeatures(const Event& ev, Features* f) {
  f->Add("src", ev.sources.empty() ? "-" : ev.sources[0].group.empty() ? "+" : ev.sources[0].group);
  f->Add("tgt", ev.targets.empty() ? "-" : ev.targets[0].group.empty() ? "+" : ev.targets[0].group);
  f->Add("r+src+tgt",
         ev.type + (ev.sources.empty() ? "-" : "+") + (ev.targets.empty() ? "-" : "+"));
}

// The words around the trigger: before, after, and the head of its object
// (the first word after it that is no article or possessive).
void ContextFeatures(const std::vector<Token>& t, size_t first, size_t last, const std::string& r,
                     const std::string& stem, Features* f) {
  const std::string none = "<s>";
  const std::string p1 = first > 0 ? t[first - 1].lower : none;
  const std::string p2 = first > 1 ? t[first - 2].lower : none;
  const std::string n1 = last + 1 < t.size() ? t[last + 1].lower : "</s>";
  const std::string n2 = last + 2 < t.size() ? t[last + 2].lower : "</s>";
  std::string head = "</s>";
  for (size_t k = last + 1; k < t.size() && k <= last + 4; ++k) {
    if (!Determiner(t[k].lower)) {
      head = t[k].lower;
      break;
    }
  }
  f->Add("p1", p1);
  f->Add("n1", n1);
  f->Add("oh", Prefix(head, 6));
  f->Add("st+oh", stem + " " + Prefix(head, 6));
  f->Add("r+n1", r + " " + n1);
  f->Add("first", first == 0 ? "y" : "n");
}

}  // namespace

int TypeClass(std::string_view type) {
  const std::vector<std::string_view>& types = EventTypes();
  for (size_t i = 0; i < types.size(); ++i) {
    if (types[i] == type) return static_cast<int>(i);
  }
  return -1;
}

std::vector<uint32_t> EventFeatures(std::string_view text, std::string_view lang,
                                    const std::vector<Event>& events, size_t i) {
  const Event& ev = events[i];
  Features f;
  const std::vector<Token> t = Tokens(text, WindowStart(text, ev), WindowEnd(text, ev));
  size_t first = 0;
  while (first + 1 < t.size() && t[first].end <= ev.trigger_start) ++first;
  size_t last = first;
  while (last + 1 < t.size() && t[last + 1].start < ev.trigger_end) ++last;
  const std::string l(lang), r = ev.type;
  const std::string word = t.empty() ? "" : t[first].lower;
  const std::string stem = l + ":" + Prefix(word, 5);
  f.Add("bias", "");
  f.Add("r", r);
  f.Add("rm", r + "/" + ev.mode);
  f.Add("rl", r + "/" + l);
  f.Add("mod", std::string(EventModalityName(ev.modality)));
  f.Add("r+mod", r + "/" + std::string(EventModalityName(ev.modality)));
  f.Add("st", stem);
  f.Add("sf", l + ":" + Suffix(word, 3));
  f.Add("r+st", r + " " + stem);
  std::string trig;
  for (size_t k = first; k <= last && k < t.size(); ++k) trig += t[k].lower + " ";
  if (!t.empty()) ContextFeatures(t, first, last, r, stem, &f);
  ActorFeatures(ev, &f);
  for (size_t k = 0; k < events.size(); ++k) {
    if (k != i && events[k].start == ev.start) f.Add("other", r + " " + events[k].type);
  }
  return f.Take();
}

void CompileRows(EventModel* m) {
  m->rows.clear();
  for (const auto& [key, w] : m->weights) m->rows[static_cast<uint32_t>(key >> 5)][key & 31] = w;
}

std::vector<float> ClassScores(const EventModel& m, const std::vector<uint32_t>& f) {
  std::vector<float> s(kModelClasses, 0.0f);
  for (uint32_t h : f) {
    const auto it = m.rows.find(h);
    if (it == m.rows.end()) continue;
    for (int c = 0; c < kModelClasses; ++c) s[c] += it->second[c];
  }
  return s;
}

int DecideScores(const std::vector<float>& s, int rule, float retype_margin, float drop_margin) {
  if (rule < 0 || rule >= kModelClasses || s.size() != kModelClasses) return rule;
  int best = rule;
  for (int c = 0; c < kModelClasses; ++c) {
    if (s[c] > s[best]) best = c;
  }
  const float margin = s[best] - s[rule];
  if (best == kNoEventClass) return margin > drop_margin ? best : rule;
  return margin > retype_margin ? best : rule;
}

int Decide(const EventModel& m, const std::vector<uint32_t>& f, int rule) {
  if (rule < 0 || rule >= kModelClasses) return rule;
  return DecideScores(ClassScores(m, f), rule, m.retype_margin, m.drop_margin);
}

// ---------------------------------------------------------------- training

namespace {

uint64_t SplitMix(uint64_t* state) {
  uint64_t z = (*state += 0x9e3779b97f4a7c15ull);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
  return z ^ (z >> 31);
}

// Averaged perceptron state: weights, and for the average the sum of
// updates weighted by the step they were made at.
struct Averaged {
  std::unordered_map<uint64_t, float> w, u;
  float step = 1;
  void Update(uint64_t key, float delta) {
    w[key] += delta;
    u[key] += step * delta;
  }
  float Score(const std::vector<uint32_t>& f, int c) const {
    float s = 0;
    for (uint32_t h : f) {
      const auto it = w.find(uint64_t{h} << 5 | static_cast<uint64_t>(c));
      if (it != w.end()) s += it->second;
    }
    return s;
  }
};

int Predict(const Averaged& a, const EventExample& ex) {
  int best = ex.rule;
  float best_s = a.Score(ex.features, best);
  for (int c = 0; c < kModelClasses; ++c) {
    const float s = a.Score(ex.features, c);
    if (s > best_s) best = c, best_s = s;
  }
  return best;
}

}  // namespace

EventModel TrainEventModel(const std::vector<EventExample>& examples, const TrainOptions& opt) {
  Averaged a;
  std::vector<size_t> order(examples.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  uint64_t state = opt.seed;
  for (int epoch = 0; epoch < opt.epochs; ++epoch) {
    for (size_t i = order.size(); i > 1; --i) std::swap(order[i - 1], order[SplitMix(&state) % i]);
    for (size_t i : order) {
      const EventExample& ex = examples[i];
      const int p = Predict(a, ex);
      if (p != ex.gold) {
        for (uint32_t h : ex.features) {
          a.Update(uint64_t{h} << 5 | static_cast<uint64_t>(ex.gold), 1);
          a.Update(uint64_t{h} << 5 | static_cast<uint64_t>(p), -1);
        }
      }
      a.step += 1;
    }
  }
  EventModel m;
  for (const auto& [key, w] : a.w) {
    const float avg = w - a.u[key] / a.step;
    if (avg > 1e-4f || avg < -1e-4f) m.weights[key] = avg;
  }
  CompileRows(&m);
  return m;
}

// ---------------------------------------------------------------- model file

namespace {

void PutU32(std::string* out, uint32_t v) {
  for (int i = 0; i < 4; ++i) out->push_back(static_cast<char>((v >> (8 * i)) & 0xFF));
}
void PutU64(std::string* out, uint64_t v) {
  for (int i = 0; i < 8; ++i) out->push_back(static_cast<char>((v >> (8 * i)) & 0xFF));
}
void PutF32(std::string* out, float f) {
  uint32_t v;
  std::memcpy(&v, &f, 4);
  PutU32(out, v);
}
uint64_t GetLe(std::string_view b, size_t at, int n) {
  uint64_t v = 0;
  for (int i = n - 1; i >= 0; --i) v = v << 8 | static_cast<unsigned char>(b[at + i]);
  return v;
}
float GetF32(std::string_view b, size_t at) {
  const uint32_t v = static_cast<uint32_t>(GetLe(b, at, 4));
  float f;
  std::memcpy(&f, &v, 4);
  return f;
}

}  // namespace

std::string SerializeEventModel(const EventModel& m) {
  std::vector<std::pair<uint64_t, float>> sorted(m.weights.begin(), m.weights.end());
  std::sort(sorted.begin(), sorted.end());
  std::string out(kMagic, sizeof kMagic);
  out.push_back(static_cast<char>(kVersion));
  PutU32(&out, static_cast<uint32_t>(sorted.size()));
  PutF32(&out, m.retype_margin);
  PutF32(&out, m.drop_margin);
  for (const auto& [key, w] : sorted) {
    PutU64(&out, key);
    PutF32(&out, w);
  }
  PutU32(&out, crc32c::Value(out));
  return out;
}

bool ParseEventModel(std::string_view b, EventModel* m, std::string* error) {
  auto fail = [&](const std::string& why) {
    *error = "event model: " + why;
    return false;
  };
  if (b.size() < kHeader + 4 || std::memcmp(b.data(), kMagic, sizeof kMagic) != 0)
    return fail("not an event model file (no DLEVM header)");
  if (static_cast<uint8_t>(b[5]) != kVersion)
    return fail("version " + std::to_string(static_cast<uint8_t>(b[5])) + ", expected " +
                std::to_string(kVersion) + " (retrain with bench/events/train.sh)");
  const uint32_t n = static_cast<uint32_t>(GetLe(b, 6, 4));
  if (n > kMaxEntries || b.size() != kHeader + size_t{n} * kEntry + 4)
    return fail("truncated or of the wrong size");
  const size_t body = b.size() - 4;
  if (crc32c::Value(b.substr(0, body)) != static_cast<uint32_t>(GetLe(b, body, 4)))
    return fail("checksum mismatch (damaged file)");
  EventModel out;
  out.retype_margin = GetF32(b, 10);
  out.drop_margin = GetF32(b, 14);
  for (size_t at = kHeader; at < body; at += kEntry) {
    const uint64_t key = GetLe(b, at, 8);
    const float w = GetF32(b, at + 8);
    if ((key & 31) >= kModelClasses || !(w == w)) return fail("bad weight entry");
    out.weights[key] = w;
  }
  CompileRows(&out);
  *m = std::move(out);
  return true;
}

// ---------------------------------------------------------------- use

namespace {
std::atomic<bool> g_enabled{true};
}  // namespace

void SetEventModelEnabled(bool on) { g_enabled.store(on); }
bool EventModelEnabled() { return g_enabled.load(); }

const EventModel* BundledEventModel() {
  static const EventModel* const kModel = []() -> const EventModel* {
    const std::string_view bytes(reinterpret_cast<const char*>(dl_event_model),
                                 static_cast<size_t>(dl_event_model_end - dl_event_model));
    if (bytes.empty()) return nullptr;
    auto* m = new EventModel;
    std::string error;
    if (ParseEventModel(bytes, m, &error)) return m;
    std::fprintf(stderr, "dateline: bundled %s; using the hand rules alone\n", error.c_str());
    delete m;
    return nullptr;
  }();
  return kModel;
}

void ApplyEventModel(const EventModel& m, std::string_view text, std::string_view lang,
                     std::vector<Event>* events) {
  std::vector<int> decision(events->size());
  for (size_t i = 0; i < events->size(); ++i) {
    const int rule = TypeClass((*events)[i].type);
    decision[i] = rule < 0 ? rule : Decide(m, EventFeatures(text, lang, *events, i), rule);
  }
  std::vector<Event> kept;
  kept.reserve(events->size());
  for (size_t i = 0; i < events->size(); ++i) {
    Event& ev = (*events)[i];
    if (decision[i] == kNoEventClass) continue;
    if (decision[i] >= 0 && EventTypes()[decision[i]] != ev.type) {
      ev.type = std::string(EventTypes()[decision[i]]);
      ev.mode.clear();
      if (ev.type != "ASSAULT") ev.fatalities = -1, ev.number_start = ev.number_end = 0;
    }
    kept.push_back(std::move(ev));
  }
  *events = std::move(kept);
}

}  // namespace dateline::events
