// `dateline search`: one query, or --batch queries from stdin.
#include <simdjson.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <chrono>
#include <iostream>

#include "cli/common.h"
#include "dateline/index.h"
#include "dateline/search.h"
#include "dateline/text.h"
#include "util/json.h"

namespace dateline::cli {

namespace {

using Clock = std::chrono::steady_clock;

Status ParseCollapse(std::string_view v, search::SearchOptions* o) {
  if (v == "copies") {
    o->collapse_copies = true;
  } else if (v == "none" || v.empty()) {
    o->collapse_copies = false;
  } else {
    return Status::InvalidArgument("collapse: expected 'copies' or 'none', got '" + std::string(v) +
                                   "'");
  }
  return Status::OK();
}

// Applies the JSON options of a batch line:
// {"from","to","lang","limit","offset","count","sort","overlap","collapse"}.
Status ApplyBatchOptions(std::string_view json, simdjson::dom::parser* parser,
                         search::SearchOptions* o) {
  simdjson::dom::element e;
  if (parser->parse(json.data(), json.size()).get(e) != simdjson::SUCCESS || !e.is_object()) {
    return Status::InvalidArgument("batch options are not a JSON object");
  }
  for (auto [key, val] : e.get_object()) {
    std::string_view sv;
    int64_t n;
    bool b;
    if ((key == "from" || key == "to") && val.get(sv) == simdjson::SUCCESS) {
      DL_RETURN_IF_ERROR(ParseDateFlag(std::string(sv), key == "from" ? "from" : "to",
                                       key == "from" ? &o->from : &o->to));
    } else if (key == "lang" && val.get(sv) == simdjson::SUCCESS) {
      DL_RETURN_IF_ERROR(ParseLangs(std::string(sv), &o->langs));
    } else if (key == "lang" && val.is_array()) {
      for (auto l : val.get_array()) {
        if (l.get(sv) == simdjson::SUCCESS)
          DL_RETURN_IF_ERROR(ParseLangs(std::string(sv), &o->langs));
      }
    } else if (key == "limit" && val.get(n) == simdjson::SUCCESS && n >= 0) {
      o->limit = static_cast<size_t>(n);
    } else if (key == "offset" && val.get(n) == simdjson::SUCCESS && n >= 0) {
      o->offset = static_cast<size_t>(n);
    } else if (key == "count" && val.get(b) == simdjson::SUCCESS) {
      o->exact_total = b;
    } else if (key == "sort" && val.get(sv) == simdjson::SUCCESS) {
      o->sort =
          sv == "date" ? search::SearchOptions::Sort::kDate : search::SearchOptions::Sort::kScore;
    } else if (key == "overlap" && val.get(b) == simdjson::SUCCESS) {
      o->date_overlap = b;
    } else if (key == "collapse" && val.get(sv) == simdjson::SUCCESS) {
      DL_RETURN_IF_ERROR(ParseCollapse(sv, o));
    }
  }
  return Status::OK();
}

int RunBatch(const IndexReader& index, const search::SearchOptions& base) {
  simdjson::dom::parser parser;
  std::string line;
  std::string out;
  while (std::getline(std::cin, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    const size_t tab = line.find('\t');
    const std::string query = line.substr(0, tab);
    search::SearchOptions o = base;
    o.snippets = false;
    o.load_documents = false;
    o.exact_total = false;  // unless the line asks for "count": true
    search::Results res;
    const auto t0 = Clock::now();
    Status s;
    if (tab != std::string::npos) s = ApplyBatchOptions(line.substr(tab + 1), &parser, &o);
    if (s.ok()) s = search::Search(index, query, o, &res);
    const double micros = std::chrono::duration<double, std::micro>(Clock::now() - t0).count();
    out = "{\"query\":";
    AppendJsonString(&out, query);
    if (!s.ok()) {
      out += ",\"error\":";
      AppendJsonString(&out, s.ToString());
    }
    out += ",\"total\":" + std::to_string(res.total) +
           ",\"total_exact\":" + (res.total_exact ? "true" : "false") + ",\"ids\":[";
    for (size_t i = 0; i < res.hits.size(); ++i) {
      if (i) out += ",";
      AppendJsonString(&out, res.hits[i].id);
    }
    if (o.collapse_copies) {
      out += "],\"copies\":[";
      for (size_t i = 0; i < res.hits.size(); ++i) {
        out += (i ? "," : "") + std::to_string(res.hits[i].copies);
      }
    }
    out += "],\"micros\":";
    AppendJsonNumber(&out, micros);
    out += "}\n";
    std::fwrite(out.data(), 1, out.size(), stdout);
  }
  std::fflush(stdout);
  return kExitOk;
}

void PrintText(const search::Results& res, double ms) {
  const bool tty = ::isatty(1);
  std::printf("%llu result%s (%.2f ms)\n", (unsigned long long)res.total, res.total == 1 ? "" : "s",
              ms);
  for (size_t i = 0; i < res.hits.size(); ++i) {
    const auto& h = res.hits[i];
    std::printf("\n%zu. %s  %s (%s)  %s%s%s  score %.3f\n", i + 1, h.id.c_str(),
                h.date.ToString().c_str(), std::string(h.date.PrecisionName()).c_str(),
                h.lang.c_str(), h.source.empty() ? "" : "  ", h.source.c_str(), h.score);
    std::printf("   %s\n", h.title.empty() ? "(no title)" : h.title.c_str());
    if (h.copies > 1) {
      std::string sources;
      for (const auto& src : h.copy_sources) sources += (sources.empty() ? "" : ", ") + src;
      std::printf("   %u copies (first: %s)%s%s\n", h.copies, h.copy_of.c_str(),
                  sources.empty() ? "" : "; sources: ", sources.c_str());
    }
    if (!h.snippet.empty()) std::printf("   %s\n", SnippetForTerminal(h.snippet, tty).c_str());
  }
}

}  // namespace

int RunSearch(int argc, char** argv) {
  CLI::App app{"Search the index", "dateline search"};
  std::string index_flag, from, to, langs, sort = "score", collapse = "none";
  std::vector<std::string> words;
  search::SearchOptions opt;
  bool json = false, batch = false;
  app.add_option("--index", index_flag, "Index directory");
  app.add_option("--from", from, "Earliest date (YYYY, YYYY-MM or YYYY-MM-DD)");
  app.add_option("--to", to, "Latest date (YYYY, YYYY-MM or YYYY-MM-DD)");
  app.add_flag("--date-overlap", opt.date_overlap,
               "Match documents whose date span overlaps the range (default: lies within it)");
  app.add_option("--lang", langs, "Languages, comma-separated (e.g. nl,de)");
  app.add_option("--limit", opt.limit, "Hits to show")->capture_default_str();
  app.add_option("--offset", opt.offset, "Hits to skip")->capture_default_str();
  app.add_option("--sort", sort, "score or date (newest first)")
      ->check(CLI::IsMember({"score", "date"}))
      ->capture_default_str();
  app.add_option("--collapse", collapse,
                 "copies: one hit per group of copies (doc/copies.md), total counts groups")
      ->check(CLI::IsMember({"none", "copies"}))
      ->capture_default_str();
  app.add_flag("--json", json, "Print one JSON object");
  app.add_flag(
      "--batch", batch,
      "Read queries from stdin, one per line (query<TAB>{json options}); one JSON line each");
  app.add_option("query", words, "Query (see doc/query-syntax.md)");
  DL_PARSE_FLAGS(app, argc, argv);
  if (Status s = ParseDateFlag(from, "--from", &opt.from); !s.ok()) return Fail(s);
  if (Status s = ParseDateFlag(to, "--to", &opt.to); !s.ok()) return Fail(s);
  if (Status s = ParseLangs(langs, &opt.langs); !s.ok()) return Fail(s);
  if (Status s = ParseCollapse(collapse, &opt); !s.ok()) return Fail(s);
  opt.sort =
      sort == "date" ? search::SearchOptions::Sort::kDate : search::SearchOptions::Sort::kScore;
  std::unique_ptr<IndexReader> index;
  if (Status s = IndexReader::Open(ResolveIndexDir(index_flag), &index); !s.ok()) return Fail(s);
  if (batch) return RunBatch(*index, opt);
  if (words.empty()) {
    std::fprintf(stderr, "dateline: search needs a query (or --batch)\n");
    return kExitUsage;
  }
  std::string query;
  for (const auto& w : words) query += (query.empty() ? "" : " ") + w;
  search::Results res;
  const auto t0 = Clock::now();
  if (Status s = search::Search(*index, query, opt, &res); !s.ok()) return Fail(s);
  const double ms = std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
  if (json) {
    const std::string out = out::ResultsJson(res, opt.collapse_copies) + "\n";
    std::fwrite(out.data(), 1, out.size(), stdout);
  } else {
    PrintText(res, ms);
  }
  return kExitOk;
}

}  // namespace dateline::cli
