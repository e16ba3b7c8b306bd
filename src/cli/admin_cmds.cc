// `dateline show|delete|stats|check|repair|optimize`.
#include <CLI/CLI.hpp>

#include "cli/common.h"
#include "dateline/index.h"
#include "util/json.h"

namespace dateline::cli {

int RunShow(int argc, char** argv) {
  CLI::App app{"Show a stored document with its analysis", "dateline show"};
  std::string index_flag, id;
  bool json = false;
  app.add_option("--index", index_flag, "Index directory");
  app.add_flag("--json", json, "Print as JSON");
  app.add_option("id", id, "Document id")->required();
  DL_PARSE_FLAGS(app, argc, argv);
  std::unique_ptr<IndexReader> index;
  if (Status s = IndexReader::Open(ResolveIndexDir(index_flag), &index); !s.ok()) return Fail(s);
  if (json) {
    std::string o;
    if (Status s = out::ShowJson(*index, id, &o); !s.ok()) return Fail(s);
    std::printf("%s\n", o.c_str());
    return kExitOk;
  }
  Document d;
  if (Status s = index->Get(id, &d); !s.ok()) return Fail(s);
  std::vector<std::string> group;
  if (Status s = index->CopyGroup(id, &group); !s.ok()) return Fail(s);
  std::vector<Document> copies;
  for (const auto& m : group) {
    if (m == id) continue;
    copies.emplace_back();
    if (Status s = index->Get(m, &copies.back()); !s.ok()) return Fail(s);
  }
  std::printf("id:       %s\ndate:     %s (%s)\nlanguage: %s (confidence %.2f)\n", d.id.c_str(),
              d.date.ToString().c_str(), std::string(d.date.PrecisionName()).c_str(),
              d.lang.c_str(), d.lang_confidence);
  if (!d.source.empty()) std::printf("source:   %s\n", d.source.c_str());
  if (!d.url.empty()) std::printf("url:      %s\n", d.url.c_str());
  if (!d.origin.empty()) std::printf("origin:   %s\n", d.origin.c_str());
  if (!d.extra_json.empty() && d.extra_json != "{}")
    std::printf("extra:    %s\n", d.extra_json.c_str());
  if (!copies.empty()) {
    std::printf("copy of:  %s\ncopies:   %zu\n", group[0].c_str(), copies.size());
    for (const Document& c : copies) {
      std::printf("          %s  %s  %s\n", c.id.c_str(), c.date.ToString().c_str(),
                  c.source.c_str());
    }
  }
  Annotations a;
  if (DecodeAnnotations(d.annotations, d.title, d.text, &a)) {
    std::string people, places;
    for (const FieldAnnotations* f : {&a.title, &a.text}) {
      for (const Entity& e : f->entities) {
        people += (people.empty() ? "" : "; ") + e.text + " (" +
                  std::string(EntityTypeName(e.type)) + ")";
      }
      for (const Place& p : f->places) {
        places += (places.empty() ? "" : "; ") + p.text + " -> " + p.name + ", " + p.country;
      }
    }
    if (!people.empty()) std::printf("entities: %s\n", people.c_str());
    if (!places.empty()) std::printf("places:   %s\n", places.c_str());
    for (const FieldAnnotations* f : {&a.title, &a.text}) {
      for (const Quote& q : f->quotes) {
        std::printf("quote:    %s [%s] (%s): %s\n", q.speaker.empty() ? "-" : q.speaker.c_str(),
                    q.speaker_key.c_str(), std::string(QuoteKindName(q.kind)).c_str(),
                    q.text.c_str());
      }
      for (const Event& e : f->events) {
        const std::string what = e.type + (e.mode.empty() ? "" : "/" + e.mode);
        const std::string where = e.has_place ? e.place.name : "-";
        std::printf("event:    %s %s %s: %s\n", what.c_str(), where.c_str(),
                    e.date.value.empty() ? "-" : e.date.value.c_str(), e.sentence.c_str());
      }
    }
  }
  if (!d.title.empty()) std::printf("\n%s\n", d.title.c_str());
  std::printf("\n%s\n", d.text.c_str());
  return kExitOk;
}

int RunDelete(int argc, char** argv) {
  CLI::App app{"Delete documents by id", "dateline delete"};
  std::string index_flag;
  std::vector<std::string> ids;
  app.add_option("--index", index_flag, "Index directory");
  app.add_option("ids", ids, "Document ids")->required();
  DL_PARSE_FLAGS(app, argc, argv);
  std::unique_ptr<IndexWriter> w;
  IndexOptions existing;
  existing.create_if_missing = false;
  if (Status s = IndexWriter::Open(ResolveIndexDir(index_flag), existing, &w); !s.ok()) {
    return Fail(s);
  }
  size_t deleted = 0;
  for (const auto& id : ids) {
    bool found = false;
    if (Status s = w->Delete(id, &found); !s.ok()) return Fail(s);
    if (found) {
      ++deleted;
    } else {
      std::fprintf(stderr, "dateline: no document with id '%s'\n", id.c_str());
    }
  }
  if (Status s = w->Commit(); !s.ok()) return Fail(s);
  std::printf("deleted %zu of %zu\n", deleted, ids.size());
  return deleted == ids.size() ? kExitOk : kExitRuntime;
}

int RunStats(int argc, char** argv) {
  CLI::App app{"Index statistics", "dateline stats"};
  std::string index_flag;
  bool json = false;
  app.add_option("--index", index_flag, "Index directory");
  app.add_flag("--json", json, "Print as JSON");
  DL_PARSE_FLAGS(app, argc, argv);
  std::unique_ptr<IndexReader> index;
  if (Status s = IndexReader::Open(ResolveIndexDir(index_flag), &index); !s.ok()) return Fail(s);
  const IndexStats st = index->Stats();
  const std::string first = st.documents ? Date::FromDays(st.first_day).ToString() : "";
  const std::string last = st.documents ? Date::FromDays(st.last_day).ToString() : "";
  if (json) {
    std::printf("%s\n", out::StatsJson(st).c_str());
    return kExitOk;
  }
  std::printf("documents:  %llu (%llu deleted, not yet merged away)\n",
              (unsigned long long)st.documents, (unsigned long long)st.deleted);
  std::printf("date span:  %s .. %s\n", first.c_str(), last.c_str());
  std::printf("segments:   %u (commit %llu)\n", st.segments, (unsigned long long)st.generation);
  std::printf("size:       %.1f MiB (", st.bytes / 1048576.0);
  for (size_t i = 0; i < st.sections.size(); ++i) {
    std::printf("%s%s %.1f", i ? ", " : "", st.sections[i].first.c_str(),
                st.sections[i].second / 1048576.0);
  }
  std::printf(")\nterms:      %llu\n", (unsigned long long)st.terms);
  std::printf("languages: ");
  for (const auto& [l, n] : st.languages) std::printf(" %s %llu", l.c_str(), (unsigned long long)n);
  std::printf("\n");
  return kExitOk;
}

namespace {

// One line per damaged file, then what a repair keeps and loses.
void PrintDamage(const RepairReport& r, bool done) {
  if (!r.manifest_problem.empty()) {
    std::printf("manifest: %s; %s from the segment files\n", r.manifest_problem.c_str(),
                done ? "rebuilt" : "repair rebuilds it");
  }
  for (const auto& d : r.damaged) {
    std::printf("%s: %s (", d.file.c_str(), d.problem.c_str());
    if (d.deletions_lost > 0) {
      std::printf("%llu deleted documents come back)\n", (unsigned long long)d.deletions_lost);
    } else {
      std::printf("%llu documents %s)\n", (unsigned long long)d.documents_lost,
                  done ? "lost" : "would be lost");
    }
  }
}

// After a failed check: lists every damaged file (a dry-run repair) on stdout.
void ExplainDamage(const std::string& dir) {
  RepairReport r;
  if (!RepairIndex(dir, /*dry_run=*/true, &r).ok() || !r.needed()) return;
  PrintDamage(r, false);
  std::printf("`dateline repair` keeps %llu documents in %zu segments\n",
              (unsigned long long)r.documents_kept, r.segments_kept);
}

}  // namespace

int RunCheck(int argc, char** argv) {
  CLI::App app{"Verify every checksum and invariant of the index", "dateline check"};
  std::string index_flag;
  app.add_option("--index", index_flag, "Index directory");
  DL_PARSE_FLAGS(app, argc, argv);
  const std::string dir = ResolveIndexDir(index_flag);
  std::unique_ptr<IndexReader> index;
  Status s = IndexReader::Open(dir, &index);
  if (s.ok()) s = index->Check();
  if (!s.ok()) {
    if (s.IsCorruption() || s.IsNotFound()) ExplainDamage(dir);
    return Fail(s);
  }
  std::printf("ok: %llu documents in %zu segments, commit %llu\n",
              (unsigned long long)index->live_documents(), index->segments().size(),
              (unsigned long long)index->generation());
  return kExitOk;
}

int RunRepair(int argc, char** argv) {
  CLI::App app{"Keep every undamaged segment, drop the damaged ones, and report what was lost",
               "dateline repair"};
  std::string index_flag;
  bool dry_run = false, json = false;
  app.add_option("--index", index_flag, "Index directory");
  app.add_flag("--dry-run", dry_run, "Only report what a repair would do");
  app.add_flag("--json", json, "Print the report as JSON");
  DL_PARSE_FLAGS(app, argc, argv);
  RepairReport r;
  if (Status s = RepairIndex(ResolveIndexDir(index_flag), dry_run, &r); !s.ok()) return Fail(s);
  if (json) {
    std::string damaged = "[";
    for (size_t i = 0; i < r.damaged.size(); ++i) {
      const auto& d = r.damaged[i];
      damaged += (i ? "," : "") + JsonObject()
                                      .Str("file", d.file)
                                      .Str("problem", d.problem)
                                      .Num("documents_lost", static_cast<double>(d.documents_lost))
                                      .Num("deletions_lost", static_cast<double>(d.deletions_lost))
                                      .Finish();
    }
    damaged += "]";
    std::printf("%s\n", JsonObject()
                            .Raw("needed", r.needed() ? "true" : "false")
                            .Raw("repaired", r.repaired ? "true" : "false")
                            .Str("manifest_problem", r.manifest_problem)
                            .Raw("damaged", damaged)
                            .Num("documents_kept", static_cast<double>(r.documents_kept))
                            .Num("documents_lost", static_cast<double>(r.documents_lost))
                            .Num("segments_kept", static_cast<double>(r.segments_kept))
                            .Finish()
                            .c_str());
    return kExitOk;
  }
  if (!r.needed()) {
    std::printf("ok: nothing damaged, %llu documents in %zu segments\n",
                (unsigned long long)r.documents_kept, r.segments_kept);
    return kExitOk;
  }
  PrintDamage(r, r.repaired);
  std::printf("%s %llu documents in %zu segments; %llu lost%s\n",
              r.repaired ? "repaired: kept" : "a repair would keep",
              (unsigned long long)r.documents_kept, r.segments_kept,
              (unsigned long long)r.documents_lost,
              r.repaired ? " (damaged files moved to damaged/)" : "");
  return kExitOk;
}

int RunOptimize(int argc, char** argv) {
  CLI::App app{"Merge all segments into one, dropping deleted documents", "dateline optimize"};
  std::string index_flag;
  app.add_option("--index", index_flag, "Index directory");
  DL_PARSE_FLAGS(app, argc, argv);
  std::unique_ptr<IndexWriter> w;
  IndexOptions existing;
  existing.create_if_missing = false;
  if (Status s = IndexWriter::Open(ResolveIndexDir(index_flag), existing, &w); !s.ok()) {
    return Fail(s);
  }
  if (Status s = w->Optimize(); !s.ok()) return Fail(s);
  std::printf("optimized\n");
  return kExitOk;
}

}  // namespace dateline::cli
