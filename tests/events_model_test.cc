// The event-type classifier (src/extract/events_model.cc): features, training,
// the model file and its checks, and the bundled model on sentences written
// for this test.
#include "extract/events_model.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <string>
#include <vector>

#include "dateline/annotate.h"
#include "dateline/events.h"
#include "event_finder_util.h"

namespace dateline {
namespace {

using eventfinder::EventsOf;

// Candidates of the rules alone (the model off) for a few sentences, with
// the gold class of each: a toy training set.
std::vector<events::EventExample> ToyExamples() {
  struct Item {
    const char* text;
    const char* gold;  // "" no event
  };
  const Item items[] = {
      {"Police arrested three journalists in Cairo on Monday.", "COERCE"},
      {"Israeli jets bombed targets in Gaza on Tuesday.", "ASSAULT"},
      // Toy labels that differ from the rules, so that the model has something to learn.
      {"The two presidents met in Paris on Friday.", "AGREE"},
      {"Analysts said the attack last year had changed the city.", ""},
      {"Protesters marched through Khartoum demanding civilian rule.", "PROTEST"},
  };
  std::vector<events::EventExample> out;
  events::SetEventModelEnabled(false);
  for (const Item& it : items) {
    const std::vector<Event> ev = EventsOf(it.text, "en");
    for (size_t i = 0; i < ev.size(); ++i) {
      const int gold = *it.gold ? events::TypeClass(it.gold) : events::kNoEventClass;
      out.push_back({events::EventFeatures(it.text, "en", ev, i), events::TypeClass(ev[i].type),
                     i == 0 ? gold : events::kNoEventClass, 0});
    }
  }
  events::SetEventModelEnabled(true);
  return out;
}

events::EventModel ToyModel() {
  events::EventModel m = events::TrainEventModel(ToyExamples(), {5, 1});
  m.retype_margin = 1;
  m.drop_margin = 2;
  return m;
}

TEST(EventModel, FeaturesAreDeterministicAndSorted) {
  const std::string text = "Police arrested three journalists in Cairo on Monday.";
  const std::vector<Event> ev = EventsOf(text, "en");
  ASSERT_FALSE(ev.empty());
  const std::vector<uint32_t> a = events::EventFeatures(text, "en", ev, 0);
  EXPECT_EQ(a, events::EventFeatures(text, "en", ev, 0));
  EXPECT_TRUE(std::is_sorted(a.begin(), a.end()));
  EXPECT_GT(a.size(), 10u);
}

TEST(EventModel, TrainingIsDeterministic) {
  const std::string a = events::SerializeEventModel(ToyModel());
  const std::string b = events::SerializeEventModel(ToyModel());
  EXPECT_EQ(a, b);
  EXPECT_FALSE(ToyModel().weights.empty());
}

TEST(EventModel, RoundTripsThroughItsFile) {
  const events::EventModel m = ToyModel();
  events::EventModel back;
  std::string error;
  ASSERT_TRUE(events::ParseEventModel(events::SerializeEventModel(m), &back, &error)) << error;
  EXPECT_EQ(back.weights, m.weights);
  EXPECT_EQ(back.retype_margin, 1.0f);
  EXPECT_EQ(back.drop_margin, 2.0f);
  // The toy model learns its own training set.
  for (const events::EventExample& ex : ToyExamples())
    EXPECT_EQ(events::Decide(back, ex.features, ex.rule), ex.gold);
}

TEST(EventModel, RejectsDamagedFilesWithAClearError) {
  const std::string good = events::SerializeEventModel(ToyModel());
  events::EventModel m;
  std::string error;
  std::string bad = good;
  bad[bad.size() / 2] ^= 0x10;
  EXPECT_FALSE(events::ParseEventModel(bad, &m, &error));
  EXPECT_NE(error.find("checksum"), std::string::npos) << error;
  bad = good;
  bad[5] = 9;  // version
  EXPECT_FALSE(events::ParseEventModel(bad, &m, &error));
  EXPECT_NE(error.find("version 9, expected 1"), std::string::npos) << error;
  EXPECT_FALSE(events::ParseEventModel(good.substr(0, good.size() - 1), &m, &error));
  EXPECT_NE(error.find("size"), std::string::npos) << error;
  EXPECT_FALSE(events::ParseEventModel("", &m, &error));
  EXPECT_NE(error.find("not an event model"), std::string::npos) << error;
  EXPECT_FALSE(events::ParseEventModel("DLEVM\x01\xff\xff\xff\xff", &m, &error));
}

// Damaged bytes never crash the loader: every truncation, and byte flips
// and random counts (a fuzz-like sweep; deterministic).
TEST(EventModel, LoaderSurvivesDamagedBytes) {
  const std::string good = events::SerializeEventModel(ToyModel());
  events::EventModel m;
  std::string error;
  for (size_t n = 0; n < good.size(); n += 1 + n / 64)
    EXPECT_FALSE(events::ParseEventModel(good.substr(0, n), &m, &error));
  uint64_t state = 12345;
  for (int i = 0; i < 2000; ++i) {
    state = state * 6364136223846793005ull + 1442695040888963407ull;
    std::string bad = good;
    bad[(state >> 33) % bad.size()] = static_cast<char>(state >> 24);
    if (bad == good) continue;
    EXPECT_FALSE(events::ParseEventModel(bad, &m, &error));
  }
}

TEST(EventModel, BundledModelLoads) {
  ASSERT_NE(events::BundledEventModel(), nullptr);
  EXPECT_FALSE(events::BundledEventModel()->weights.empty());
}

// The finder with the bundled model on sentences written for this test.
TEST(EventModel, BundledModelOnNewSentences) {
  struct Case {
    const char* text;
    const char* type;
  };
  const Case cases[] = {
      {"Security forces detained two opposition activists in Minsk on Sunday.", "COERCE"},
      {"Rebel fighters shelled the outskirts of Aleppo overnight.", "ASSAULT"},
      {"The Japanese foreign minister met his Chinese counterpart in Beijing.", "CONSULT"},
      {"Thousands of teachers demonstrated in Lagos against unpaid wages.", "PROTEST"},
      {"De politie arresteerde zaterdag drie verdachten in Rotterdam.", "COERCE"},
  };
  for (const Case& c : cases) {
    const bool nl = std::string(c.text).starts_with("De ");
    const std::vector<Event> ev = EventsOf(c.text, nl ? "nl" : "en");
    ASSERT_FALSE(ev.empty()) << c.text;
    EXPECT_EQ(ev[0].type, c.type) << eventfinder::Describe(ev[0]);
    // Deterministic: the same events every time.
    const std::vector<Event> again = EventsOf(c.text, nl ? "nl" : "en");
    ASSERT_EQ(again.size(), ev.size());
    for (size_t i = 0; i < ev.size(); ++i) EXPECT_EQ(again[i].type, ev[i].type);
  }
}

}  // namespace
}  // namespace dateline
