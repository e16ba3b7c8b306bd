// Shared helpers for the peer-engine benchmark drivers.
//  - JSONL corpus reader (fields id, date, lang, title, text)
//  - query file reader: "words \"a phrase\" words<TAB>lang[<TAB>from<TAB>to]"
//    (from / to: YYYY-MM-DD, the query's date window for mode "dated")
//  - the timing loop and the raw output files every engine writes:
//      lat.tsv : mode \t qidx \t rep \t latency_ns          (timed repetitions)
//      res.tsv : mode \t qidx \t count \t id1 \t id2 ...    (warm-up pass results)
//    count is the exact number of matches in mode "count", the engine's own
//    (possibly estimated) total in the ranked modes, or -1 when unknown.
#pragma once
#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <string>
#include <vector>

namespace bench {

struct Doc {
    std::string id, date, lang, title, text;
    std::string body() const { return title.empty() ? text : title + "\n" + text; }
    // "YYYY-MM-DD" (first 10 characters of `date`), or "" when the date is missing / malformed
    std::string day() const {
        if (date.size() < 10 || date[4] != '-' || date[7] != '-') return {};
        return date.substr(0, 10);
    }
};

inline std::string jstr(const nlohmann::json& j, const char* k) {
    auto it = j.find(k);
    if (it == j.end() || it->is_null()) return {};
    if (it->is_string()) return it->get<std::string>();
    return it->dump();
}

// Appends "key<TAB>value" to $ENGINE_RAW/meta.tsv when run under run.sh.
inline void record_meta(const std::string& key, const std::string& value) {
    const char* dir = getenv("ENGINE_RAW");
    if (!dir || !*dir) return;
    std::ofstream m(std::string(dir) + "/meta.tsv", std::ios::app);
    m << key << '\t' << value << '\n';
}

inline std::string lower_ascii(std::string s) {
    for (auto& c : s)
        if (c >= 'A' && c <= 'Z') c = char(c - 'A' + 'a');
    return s;
}

// Calls fn(const Doc&) for each well-formed line; returns number of docs.
template <class F>
size_t for_each_doc(const std::string& path, F fn) {
    std::ifstream in(path);
    if (!in) throw std::runtime_error("cannot open corpus " + path);
    std::string line;
    size_t n = 0, bad = 0;
    Doc d;
    while (std::getline(in, line)) {
        if (line.empty()) continue;
        nlohmann::json j;
        try {
            j = nlohmann::json::parse(line);
        } catch (const std::exception&) {
            ++bad;
            continue;
        }
        d.id = jstr(j, "id");
        d.date = jstr(j, "date");
        d.lang = lower_ascii(jstr(j, "lang"));
        d.title = jstr(j, "title");
        d.text = jstr(j, "text");
        fn(d);
        ++n;
    }
    if (bad) std::cerr << "warning: skipped " << bad << " malformed corpus lines\n";
    record_meta("docs_indexed", std::to_string(n));
    record_meta("corpus_lines_skipped", std::to_string(bad));
    return n;
}

struct Query {
    std::string raw, lang;
    std::string from, to;              // date window (YYYY-MM-DD) or empty
    std::vector<std::string> words;    // bare words
    std::vector<std::string> phrases;  // contents of "quoted phrases"
    bool has_phrase() const { return !phrases.empty(); }
    bool empty() const { return words.empty() && phrases.empty(); }
};

inline void split_ws(const std::string& s, std::vector<std::string>& out) {
    size_t i = 0;
    while (i < s.size()) {
        while (i < s.size() && isspace((unsigned char)s[i])) ++i;
        size_t j = i;
        while (j < s.size() && !isspace((unsigned char)s[j])) ++j;
        if (j > i) out.push_back(s.substr(i, j - i));
        i = j;
    }
}

inline std::string collapse_ws(const std::string& s) {
    std::vector<std::string> w;
    split_ws(s, w);
    std::string r;
    for (auto& x : w) r += (r.empty() ? "" : " ") + x;
    return r;
}

inline Query parse_query(const std::string& line) {
    Query q;
    std::string text = line;
    std::vector<std::string> f;  // text TAB lang [TAB from TAB to]
    size_t s0 = 0;
    for (size_t t; (t = line.find('\t', s0)) != std::string::npos; s0 = t + 1) f.push_back(line.substr(s0, t - s0));
    f.push_back(line.substr(s0));
    text = f[0];
    if (f.size() > 1) q.lang = lower_ascii(collapse_ws(f[1]));
    if (f.size() > 3) {
        q.from = collapse_ws(f[2]);
        q.to = collapse_ws(f[3]);
    }
    q.raw = text;
    std::string bare;
    size_t i = 0;
    while (i < text.size()) {
        size_t a = text.find('"', i);
        if (a == std::string::npos) { bare += text.substr(i); break; }
        size_t b = text.find('"', a + 1);
        if (b == std::string::npos) { bare += " " + text.substr(a + 1); break; }  // unbalanced quote
        bare += " " + text.substr(i, a - i) + " ";
        std::string ph = collapse_ws(text.substr(a + 1, b - a - 1));
        if (!ph.empty()) q.phrases.push_back(ph);
        i = b + 1;
    }
    split_ws(bare, q.words);
    return q;
}

inline std::vector<Query> load_queries(const std::string& path) {
    std::ifstream in(path);
    if (!in) throw std::runtime_error("cannot open queries " + path);
    std::vector<Query> qs;
    std::string line;
    while (std::getline(in, line)) {
        if (!line.empty() && line.back() == '\r') line.pop_back();
        qs.push_back(parse_query(line));  // keep empty lines so qidx == line number
    }
    return qs;
}

struct Result {
    int64_t count = -1;
    std::vector<std::string> ids;
};

inline std::string clean(std::string s) {
    for (auto& c : s)
        if (c == '\t' || c == '\n' || c == '\r') c = ' ';
    return s;
}

// fn(const Query&, const std::string& mode) -> Result.  Modes:
//   top10      : all queries, ranked, top 10 ids (count: the engine's own total or -1)
//   top10count : all queries, ranked, top 10 ids AND the exact number of matches
//   count      : all queries, exact number of matches
//   phrase     : queries with a quoted phrase, ranked, top 10 ids
//   dated      : queries with a date window (q.from / q.to), ranked top 10 among the
//                documents dated inside [from, to] (count: engine total or -1)
inline const std::vector<std::string>& all_modes() {
    static const std::vector<std::string> m = {"top10", "top10count", "count", "phrase", "dated"};
    return m;
}
// MODES (environment, space-separated) restricts the modes run; default all.
inline bool mode_enabled(const std::string& mode) {
    const char* e = getenv("MODES");
    if (!e || !*e) return true;
    std::vector<std::string> w;
    split_ws(e, w);
    return std::find(w.begin(), w.end(), mode) != w.end();
}
template <class F>
void run_bench(const std::vector<Query>& qs, int reps, const std::string& outdir, F fn) {
    std::ofstream lat(outdir + "/lat.tsv"), res(outdir + "/res.tsv");
    if (!lat || !res) throw std::runtime_error("cannot write into " + outdir);
    uint64_t sink = 0;
    for (const std::string& mode : all_modes()) {
        if (!mode_enabled(mode)) continue;
        std::vector<size_t> idx;
        for (size_t i = 0; i < qs.size(); ++i)
            if (!qs[i].empty() && (mode != "phrase" || qs[i].has_phrase()) &&
                (mode != "dated" || !qs[i].from.empty()))
                idx.push_back(i);
        // warm-up pass: also the results we report
        for (size_t i : idx) {
            Result r = fn(qs[i], mode);
            res << mode << '\t' << i << '\t' << r.count;
            for (auto& id : r.ids) res << '\t' << clean(id);
            res << '\n';
        }
        std::vector<int64_t> ns;
        ns.reserve(idx.size() * reps);
        for (int rep = 0; rep < reps; ++rep)
            for (size_t i : idx) {
                auto t0 = std::chrono::steady_clock::now();
                Result r = fn(qs[i], mode);
                auto t1 = std::chrono::steady_clock::now();
                sink += r.count + r.ids.size();
                ns.push_back(std::chrono::duration_cast<std::chrono::nanoseconds>(t1 - t0).count());
            }
        size_t k = 0;
        for (int rep = 0; rep < reps; ++rep)
            for (size_t i : idx) lat << mode << '\t' << i << '\t' << rep << '\t' << ns[k++] << '\n';
        std::cerr << mode << ": " << idx.size() << " queries x " << reps << " reps done\n";
    }
    std::cerr << "checksum " << sink << "\n";
}

inline int usage(const char* prog) {
    std::cerr << "usage: " << prog << " index CORPUS.jsonl INDEXDIR\n"
              << "       " << prog << " search INDEXDIR QUERIES RAWDIR REPS\n";
    return 2;
}

}  // namespace bench
