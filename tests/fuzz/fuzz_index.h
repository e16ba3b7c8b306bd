// The small index the query and HTTP fuzz targets search: four articles
// written for them (one a copy of another), with extraction on.
#pragma once

#include <cstdlib>
#include <memory>
#include <string>

#include "dateline/index.h"
#include "fuzz_util.h"

namespace dateline::fuzz {

inline Document Article(const char* id, const char* date, const char* lang, const char* title,
                        const char* text) {
  Document d;
  d.id = id;
  d.date = *Date::Parse(date);
  d.lang = lang;
  d.title = title;
  d.text = text;
  d.source = "fuzz";
  return d;
}

/// Creates the index in `dir` (replacing what is there); aborts on failure.
inline void BuildSampleIndex(const std::string& dir) {
  (void)std::system(("rm -rf '" + dir + "'").c_str());
  std::unique_ptr<IndexWriter> w;
  Require(IndexWriter::Open(dir, IndexOptions{}, &w).ok(), "open writer");
  const Document docs[] = {
      Article("a1", "2019-04-06", "en", "Fighting nears Tripoli",
              "Forces loyal to Khalifa Haftar advanced on Tripoli on Thursday. The United "
              "Nations said the conference in Ghadames from 14 to 16 April would go ahead."),
      Article("a2", "2019-04-07", "nl", "Luchtaanvallen bij Tripoli",
              "Zaterdag waren er luchtaanvallen bij Al-Aziziya, zo'n 50 kilometer ten zuiden "
              "van Tripoli. De Veiligheidsraad komt vrijdag bijeen."),
      Article("a3", "2019-04", "de", "Gespräche in Genf",
              "Die Vereinten Nationen laden für Mitte April nach Genf ein; Vertreter aus "
              "Misrata und Bengasi sagten ihre Teilnahme zu."),
      Article("a4", "2019-04-08", "en", "Fighting nears Tripoli",
              "Forces loyal to Khalifa Haftar advanced on Tripoli on Thursday. The United "
              "Nations said the conference in Ghadames from 14 to 16 April would go ahead."),
  };
  for (const auto& d : docs) {
    bool replaced = false;
    Require(w->Add(d, &replaced).ok(), "add");
  }
  Require(w->Commit().ok(), "commit");
}

}  // namespace dateline::fuzz
