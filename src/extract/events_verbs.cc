// The English verb table of the event finder (data/events/event_verbs.tsv,
// built by scripts/build-event-verbs.py from the PETRARCH2 CAMEO verb
// dictionary and the CAMEO -> PLOVER table): verb forms with a PLOVER type
// and mode, looked up when no hand-written trigger of events_lexicon.cc
// matches a word. Embedded in the binary, parsed once.
#include <string>
#include <utility>

#include "extract/events_internal.h"
#include "util/lines.h"

extern "C" const unsigned char dl_event_verbs[];
extern "C" const unsigned char dl_event_verbs_end[];

namespace dateline::events {

namespace {

// One line: FORM<TAB>TYPE<TAB>MODE<TAB>CAMEO<TAB>KIND; FORM may have several
// words; KIND is "past" or "base" (the infinitive).
void AddVerbLine(std::string_view line, VerbTable* table) {
  const size_t t1 = line.find('\t');
  const size_t t2 = t1 == std::string_view::npos ? t1 : line.find('\t', t1 + 1);
  if (t2 == std::string_view::npos) return;
  const size_t t3 = line.find('\t', t2 + 1);
  const size_t t4 = t3 == std::string_view::npos ? t3 : line.find('\t', t3 + 1);
  const std::string_view form = line.substr(0, t1);
  Trigger t{line.substr(t1 + 1, t2 - t1 - 1), line.substr(t2 + 1, t3 - t2 - 1), "", "", 0};
  t.infinitive = t4 != std::string_view::npos && line.substr(t4 + 1) == "base";
  std::string_view first = form;
  if (const size_t sp = form.find(' '); sp != std::string_view::npos) {
    first = form.substr(0, sp);
    t.next = std::string(form.substr(sp + 1));
  }
  // Longer forms win, as in the hand lists (a multi-word form over its verb).
  t.strength = static_cast<int>(form.size());
  table->lengths.Add(first);
  table->forms[std::string(first)].push_back(std::move(t));
}

VerbTable ParseVerbTable() {
  VerbTable table;
  const std::string_view data(reinterpret_cast<const char*>(dl_event_verbs),
                              static_cast<size_t>(dl_event_verbs_end - dl_event_verbs));
  ForEachDataLine(data, [&](std::string_view line) { AddVerbLine(line, &table); });
  return table;
}

}  // namespace

const VerbTable& EnglishVerbTable() {
  static const VerbTable kTable = ParseVerbTable();
  return kTable;
}

}  // namespace dateline::events
