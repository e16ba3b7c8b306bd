// Lucene++ (C++ port of Lucene 3.0) peer.  One analysed field "body"; each
// document is analysed with the Snowball analyzer of its language (no stop
// words), or StandardAnalyzer without stop words when the language has no
// stemmer.  Ranking: Lucene's default TF-IDF Similarity (Lucene 3 has no
// BM25).  Queries: QueryParser with AND as default operator, analysed with the
// query language's analyzer; count mode uses a counting Collector.
// The index is optimize()d to one segment at the end of the build.
// Dates: a NumericField "date" (int YYYYMMDD, default precision step 4, not stored);
// mode "dated" passes NumericRangeFilter::newIntRange(from, to) to IndexSearcher::search,
// the documented way to range-filter numbers / dates since Lucene 2.9 (a
// TermRangeFilter on day strings enumerates every day term in the range per query).
// top10count: TopDocs::totalHits is exact in Lucene 3 (every hit is collected).
#include <lucene++/LuceneHeaders.h>
#include <lucene++/SnowballAnalyzer.h>

#include <map>

#include "common.hpp"

using namespace Lucene;

static const LuceneVersion::Version kVer = LuceneVersion::LUCENE_30;

static std::string snowball_name(const std::string& code) {
    static const std::map<std::string, std::string> m = {
        {"da", "danish"},   {"nl", "dutch"},     {"en", "english"},   {"fi", "finnish"},
        {"fr", "french"},   {"de", "german"},    {"hu", "hungarian"}, {"it", "italian"},
        {"no", "norwegian"}, {"nb", "norwegian"}, {"pt", "portuguese"}, {"ro", "romanian"},
        {"ru", "russian"},  {"es", "spanish"},   {"sv", "swedish"},   {"tr", "turkish"}};
    auto it = m.find(code);
    return it == m.end() ? "" : it->second;
}

static AnalyzerPtr analyzer_for(const std::string& lang) {
    static std::map<std::string, AnalyzerPtr> cache;
    std::string name = snowball_name(lang);
    auto it = cache.find(name);
    if (it != cache.end()) return it->second;
    AnalyzerPtr a;
    if (name.empty())
        a = newLucene<StandardAnalyzer>(kVer, HashSet<String>::newInstance());
    else
        a = newLucene<SnowballAnalyzer>(kVer, StringUtils::toUnicode(name));
    cache[name] = a;
    return a;
}

// QueryParser::escape is protected in Lucene++; same character set here.
static String qp_escape(const std::string& utf8) {
    static const String special = L"\\+-!():^[]\"{}~*?|&/";
    String in = StringUtils::toUnicode(utf8), out;
    for (wchar_t c : in) {
        if (special.find(c) != String::npos) out += L'\\';
        out += c;
    }
    return out;
}

// "YYYY-MM-DD" -> YYYYMMDD, 0 when malformed
static int32_t day_int(const std::string& d) {
    if (d.size() < 10) return 0;
    std::string digits = d.substr(0, 4) + d.substr(5, 2) + d.substr(8, 2);
    for (char c : digits)
        if (c < '0' || c > '9') return 0;
    return std::atoi(digits.c_str());
}

class CountCollector : public Collector {
public:
    int64_t n = 0;
    virtual void setScorer(const ScorerPtr&) {}
    virtual void collect(int32_t) { ++n; }
    virtual void setNextReader(const IndexReaderPtr&, int32_t) {}
    virtual bool acceptsDocsOutOfOrder() { return true; }
};

static int do_index(const std::string& corpus, const std::string& dir) {
    DirectoryPtr d = FSDirectory::open(StringUtils::toUnicode(dir));
    IndexWriterPtr w = newLucene<IndexWriter>(d, analyzer_for(""), true, IndexWriter::MaxFieldLengthUNLIMITED);
    const char* ram = getenv("LUCENE_RAM_MB");
    w->setRAMBufferSizeMB(ram ? atof(ram) : 64.0);
    size_t n = bench::for_each_doc(corpus, [&](const bench::Doc& doc) {
        DocumentPtr ld = newLucene<Document>();
        ld->add(newLucene<Field>(L"id", StringUtils::toUnicode(doc.id), Field::STORE_YES, Field::INDEX_NO));
        int32_t day = day_int(doc.day());
        if (day > 0) ld->add(newLucene<NumericField>(L"date", Field::STORE_NO, true)->setIntValue(day));
        ld->add(newLucene<Field>(L"body", StringUtils::toUnicode(doc.body()), Field::STORE_NO,
                                 Field::INDEX_ANALYZED));
        w->addDocument(ld, analyzer_for(doc.lang));
    });
    w->optimize();
    w->close();
    std::cerr << "lucene++: indexed " << n << " docs\n";
    return 0;
}

static int do_search(const std::string& dir, const std::string& qfile, const std::string& out, int reps) {
    DirectoryPtr d = FSDirectory::open(StringUtils::toUnicode(dir));
    IndexSearcherPtr s = newLucene<IndexSearcher>(d, true);
    std::map<std::string, QueryParserPtr> parsers;
    auto qs = bench::load_queries(qfile);
    bench::run_bench(qs, reps, out, [&](const bench::Query& q, const std::string& mode) {
        bench::Result r;
        QueryParserPtr& qp = parsers[snowball_name(q.lang)];
        if (!qp) {
            qp = newLucene<QueryParser>(kVer, L"body", analyzer_for(q.lang));
            qp->setDefaultOperator(QueryParser::AND_OPERATOR);
        }
        String qs;
        for (auto& w : q.words) qs += (qs.empty() ? L"" : L" ") + qp_escape(w);
        for (auto& p : q.phrases)
            qs += (qs.empty() ? L"\"" : L" \"") + qp_escape(p) + L"\"";
        QueryPtr lq;
        try {
            lq = qp->parse(qs);
        } catch (LuceneException&) {
            r.count = 0;
            return r;
        }
        if (!lq) { r.count = 0; return r; }
        if (mode == "count") {
            auto c = newLucene<CountCollector>();
            s->search(lq, c);
            r.count = c->n;
        } else {
            TopDocsPtr td;
            if (mode == "dated") {
                FilterPtr f = NumericRangeFilter::newIntRange(L"date", day_int(q.from), day_int(q.to), true, true);
                td = s->search(lq, f, 10);
            } else {
                td = s->search(lq, 10);
            }
            r.count = td->totalHits;
            for (auto sd = td->scoreDocs.begin(); sd != td->scoreDocs.end(); ++sd)
                r.ids.push_back(StringUtils::toUTF8(s->doc((*sd)->doc)->get(L"id")));
        }
        return r;
    });
    s->close();
    return 0;
}

int main(int argc, char** argv) {
    try {
        std::string cmd = argc > 1 ? argv[1] : "";
        if (cmd == "index" && argc == 4) return do_index(argv[2], argv[3]);
        if (cmd == "search" && argc == 6) return do_search(argv[2], argv[3], argv[4], atoi(argv[5]));
        return bench::usage(argv[0]);
    } catch (LuceneException& e) {
        std::cerr << "lucene++ error: " << StringUtils::toUTF8(e.getError()) << "\n";
    } catch (const std::exception& e) {
        std::cerr << "error: " << e.what() << "\n";
    }
    return 1;
}
