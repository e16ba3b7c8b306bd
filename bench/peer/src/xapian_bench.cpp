// Xapian peer: TermGenerator with a per-document Snowball stemmer (STEM_SOME:
// unstemmed terms with positions + Z-prefixed stemmed terms), BM25 ranking.
// Queries: QueryParser, default op AND, FLAG_PHRASE, stemmer of the query's
// language (phrases are matched on unstemmed terms, as Xapian does).
// The document date (YYYY-MM-DD) is stored in value slot 0; mode "dated" filters
// with OP_VALUE_RANGE on that slot (Xapian's documented way to filter on a range).
#include <xapian.h>

#include <filesystem>
#include <map>

#include "common.hpp"

using namespace bench;

// Documents without a (supported) language get an identity "stemmer", so they
// also carry Z-prefixed terms and a stemmed query can match them (as PostgreSQL's
// 'simple' configuration and Lucene's plain analyzer do).
struct IdentityStem : public Xapian::StemImplementation {
    std::string operator()(const std::string& word) override { return word; }
    std::string get_description() const override { return "identity"; }
};

static const Xapian::valueno kDateSlot = 0;

static const Xapian::Stem& stemmer_for(const std::string& lang, bool identity_fallback) {
    static std::map<std::string, Xapian::Stem> cache;
    std::string key = lang + (identity_fallback ? "/i" : "/n");
    auto it = cache.find(key);
    if (it != cache.end()) return it->second;
    Xapian::Stem s;  // none
    bool found = false;
    if (!lang.empty()) {
        try {
            s = Xapian::Stem(lang);
            found = true;
        } catch (const Xapian::Error&) {
            std::cerr << "xapian: no stemmer for '" << lang << "'\n";
        }
    }
    if (!found && identity_fallback) s = Xapian::Stem(new IdentityStem);
    return cache.emplace(key, s).first->second;
}

static int do_index(const std::string& corpus, const std::string& dir) {
    Xapian::WritableDatabase db(dir, Xapian::DB_CREATE_OR_OVERWRITE);
    Xapian::TermGenerator tg;
    tg.set_stemming_strategy(Xapian::TermGenerator::STEM_SOME);
    size_t n = for_each_doc(corpus, [&](const Doc& d) {
        Xapian::Document xd;
        tg.set_document(xd);
        tg.set_stemmer(stemmer_for(d.lang, true));
        if (!d.title.empty()) {
            tg.index_text(d.title);
            tg.increase_termpos();
        }
        tg.index_text(d.text);
        xd.set_data(d.id);
        std::string day = d.day();
        if (!day.empty()) xd.add_value(kDateSlot, day);
        db.add_document(xd);
    });
    db.commit();
    db.close();
    // Like Lucene's optimize() and FTS5's 'optimize': compact the B-trees
    // (full blocks, one pass).  XAPIAN_COMPACT=0 keeps the database as built.
    const char* cz = getenv("XAPIAN_COMPACT");
    if (!cz || std::string(cz) != "0") {
        namespace fs = std::filesystem;
        std::string tmp = dir + ".compact.tmp";
        fs::remove_all(tmp);
        Xapian::Database(dir).compact(tmp);
        fs::remove_all(dir);
        fs::rename(tmp, dir);
    }
    std::cerr << "xapian: indexed " << n << " docs\n";
    return 0;
}

static std::string query_string(const Query& q) {
    std::string s;
    for (auto& w : q.words) s += (s.empty() ? "" : " ") + w;
    for (auto& p : q.phrases) s += (s.empty() ? "\"" : " \"") + p + "\"";
    return s;
}

static int do_search(const std::string& dir, const std::string& qfile, const std::string& out, int reps) {
    Xapian::Database db(dir);
    const Xapian::doccount ndocs = db.get_doccount();
    Xapian::Enquire ranked(db), counting(db);
    ranked.set_weighting_scheme(Xapian::BM25Weight());
    counting.set_weighting_scheme(Xapian::BoolWeight());
    Xapian::QueryParser qp;
    qp.set_default_op(Xapian::Query::OP_AND);
    qp.set_stemming_strategy(Xapian::QueryParser::STEM_SOME);
    auto qs = load_queries(qfile);
    run_bench(qs, reps, out, [&](const Query& q, const std::string& mode) {
        Result r;
        qp.set_stemmer(stemmer_for(q.lang, !q.lang.empty()));
        Xapian::Query xq;
        try {
            xq = qp.parse_query(query_string(q), Xapian::QueryParser::FLAG_PHRASE);
        } catch (const Xapian::QueryParserError& e) {
            r.count = 0;
            return r;
        }
        if (mode == "dated")
            xq = Xapian::Query(Xapian::Query::OP_FILTER, xq,
                               Xapian::Query(Xapian::Query::OP_VALUE_RANGE, kDateSlot, q.from, q.to));
        if (mode == "count") {
            counting.set_query(xq);
            Xapian::MSet m = counting.get_mset(0, 0, ndocs);
            r.count = m.get_matches_estimated();  // exact: check_at_least == doccount
        } else {
            ranked.set_query(xq);
            // top10count: check_at_least = all docs makes the total exact
            Xapian::MSet m = mode == "top10count" ? ranked.get_mset(0, 10, ndocs) : ranked.get_mset(0, 10);
            r.count = m.get_matches_estimated();
            for (auto it = m.begin(); it != m.end(); ++it) r.ids.push_back(it.get_document().get_data());
        }
        return r;
    });
    return 0;
}

int main(int argc, char** argv) {
    try {
        std::string cmd = argc > 1 ? argv[1] : "";
        if (cmd == "index" && argc == 4) return do_index(argv[2], argv[3]);
        if (cmd == "search" && argc == 6) return do_search(argv[2], argv[3], argv[4], atoi(argv[5]));
        if (cmd == "version") { std::cout << Xapian::version_string() << "\n"; return 0; }
        return usage(argv[0]);
    } catch (const Xapian::Error& e) {
        std::cerr << "xapian error: " << e.get_description() << "\n";
    } catch (const std::exception& e) {
        std::cerr << "error: " << e.what() << "\n";
    }
    return 1;
}
