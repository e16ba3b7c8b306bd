// Lucene++ (C++ port of Lucene 3.0) peer.  One analysed field "body"; each
// document is analysed with the Snowball analyzer of its language (no stop
// words), or StandardAnalyzer without stop words when the language has no
// stemmer.  Ranking: Lucene's default TF-IDF Similarity (Lucene 3 has no
// BM25).  Queries: QueryParser with AND as default operator, analysed with the
// query language's analyzer; count mode uses a counting Collector.
// The index is optimize()d to one segment at the end of the build.
// Dates: an un-analysed field "date" (YYYY-MM-DD, no norms); mode "dated" passes a
// TermRangeFilter [from, to] to IndexSearcher::search (Lucene 3's range filter).
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
        std::string day = doc.day();
        if (!day.empty())
            ld->add(newLucene<Field>(L"date", StringUtils::toUnicode(day), Field::STORE_NO,
                                     Field::INDEX_NOT_ANALYZED_NO_NORMS));
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
                FilterPtr f = newLucene<TermRangeFilter>(L"date", StringUtils::toUnicode(q.from),
                                                         StringUtils::toUnicode(q.to), true, true);
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
