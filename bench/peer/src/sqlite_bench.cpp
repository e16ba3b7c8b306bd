// SQLite FTS5 peer: contentless FTS5 table (index only, like the other
// engines), tokenizer unicode61 remove_diacritics 2 (no stemming), bm25()
// ranking via the built-in `rank`, ids kept in a plain rowid table.
// Queries: every bare word and every phrase becomes a quoted FTS5 string;
// juxtaposition means AND.
// Dates: the id table has a column d (YYYY-MM-DD text); mode "dated" joins the
// FTS matches to it on the rowid and filters d BETWEEN from AND to.
// top10count: the top-10 statement, then a count(*) statement (FTS5 has no
// total-hits side output).
#include <sqlite3.h>
#include <sys/stat.h>

#include "common.hpp"

using namespace bench;

static sqlite3* db_ = nullptr;

static void check(int rc, const char* what) {
    if (rc != SQLITE_OK && rc != SQLITE_DONE && rc != SQLITE_ROW)
        throw std::runtime_error(std::string(what) + ": " + sqlite3_errmsg(db_));
}
static void exec(const std::string& sql) {
    char* err = nullptr;
    if (sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &err) != SQLITE_OK) {
        std::string m = err ? err : "?";
        sqlite3_free(err);
        throw std::runtime_error(sql + ": " + m);
    }
}
static sqlite3_stmt* prep(const char* sql) {
    sqlite3_stmt* st = nullptr;
    check(sqlite3_prepare_v3(db_, sql, -1, SQLITE_PREPARE_PERSISTENT, &st, nullptr), sql);
    return st;
}
static std::string cache_pragma() {
    const char* mb = getenv("SQLITE_CACHE_MB");
    return "PRAGMA cache_size=-" + std::to_string(1024L * (mb ? atol(mb) : 256)) + ";";
}

static int do_index(const std::string& corpus, const std::string& dir) {
    mkdir(dir.c_str(), 0755);
    std::string path = dir + "/fts.db";
    remove(path.c_str());
    check(sqlite3_open(path.c_str(), &db_), "open");
    exec(cache_pragma());  // journal and fsync settings left at their defaults
    exec("CREATE VIRTUAL TABLE fts USING fts5(body, content='', "
         "tokenize='unicode61 remove_diacritics 2');"
         "CREATE TABLE ids(rid INTEGER PRIMARY KEY, id TEXT, d TEXT);");
    exec("BEGIN");
    sqlite3_stmt* ins_fts = prep("INSERT INTO fts(rowid, body) VALUES(?1, ?2)");
    sqlite3_stmt* ins_id = prep("INSERT INTO ids(rid, id, d) VALUES(?1, ?2, ?3)");
    int64_t rid = 0;
    size_t n = for_each_doc(corpus, [&](const Doc& d) {
        ++rid;
        std::string body = d.body();
        sqlite3_bind_int64(ins_fts, 1, rid);
        sqlite3_bind_text(ins_fts, 2, body.data(), (int)body.size(), SQLITE_STATIC);
        check(sqlite3_step(ins_fts), "insert fts");
        sqlite3_reset(ins_fts);
        sqlite3_bind_int64(ins_id, 1, rid);
        sqlite3_bind_text(ins_id, 2, d.id.data(), (int)d.id.size(), SQLITE_STATIC);
        std::string day = d.day();
        if (day.empty())
            sqlite3_bind_null(ins_id, 3);
        else
            sqlite3_bind_text(ins_id, 3, day.data(), (int)day.size(), SQLITE_TRANSIENT);
        check(sqlite3_step(ins_id), "insert id");
        sqlite3_reset(ins_id);
    });
    sqlite3_finalize(ins_fts);
    sqlite3_finalize(ins_id);
    exec("COMMIT");
    exec("INSERT INTO fts(fts) VALUES('optimize')");  // merge into one b-tree segment
    check(sqlite3_close(db_), "close");
    std::cerr << "sqlite: indexed " << n << " docs\n";
    return 0;
}

static std::string fts_quote(const std::string& s) {
    std::string r = "\"";
    for (char c : s) {
        if (c == '"') r += '"';
        r += c;
    }
    return r + "\"";
}

static int do_search(const std::string& dir, const std::string& qfile, const std::string& out, int reps) {
    check(sqlite3_open_v2((dir + "/fts.db").c_str(), &db_, SQLITE_OPEN_READONLY, nullptr), "open");
    exec(cache_pragma());
    sqlite3_stmt* top = prep(
        "SELECT i.id FROM (SELECT rowid AS r, rank AS k FROM fts WHERE fts MATCH ?1 "
        "ORDER BY rank LIMIT 10) s JOIN ids i ON i.rid = s.r ORDER BY s.k");
    sqlite3_stmt* cnt = prep("SELECT count(*) FROM fts WHERE fts MATCH ?1");
    sqlite3_stmt* dated = prep(
        "SELECT i.id FROM fts JOIN ids i ON i.rid = fts.rowid "
        "WHERE fts MATCH ?1 AND i.d BETWEEN ?2 AND ?3 ORDER BY fts.rank LIMIT 10");
    auto qs = load_queries(qfile);
    run_bench(qs, reps, out, [&](const Query& q, const std::string& mode) {
        Result r;
        std::string m;
        for (auto& w : q.words) m += (m.empty() ? "" : " ") + fts_quote(w);
        for (auto& p : q.phrases) m += (m.empty() ? "" : " ") + fts_quote(p);
        auto run = [&](sqlite3_stmt* st) {
            sqlite3_bind_text(st, 1, m.data(), (int)m.size(), SQLITE_TRANSIENT);
            if (st == dated) {
                sqlite3_bind_text(st, 2, q.from.data(), (int)q.from.size(), SQLITE_TRANSIENT);
                sqlite3_bind_text(st, 3, q.to.data(), (int)q.to.size(), SQLITE_TRANSIENT);
            }
            int rc;
            while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
                if (st == cnt)
                    r.count = sqlite3_column_int64(st, 0);
                else
                    r.ids.emplace_back((const char*)sqlite3_column_text(st, 0));
            }
            if (rc != SQLITE_DONE) {  // e.g. a query that tokenises to nothing
                r.count = 0;
                r.ids.clear();
            }
            sqlite3_reset(st);
        };
        if (mode == "count") {
            run(cnt);
        } else if (mode == "dated") {
            run(dated);
        } else {
            run(top);
            if (mode == "top10count" && !(r.count == 0 && r.ids.empty())) run(cnt);
        }
        return r;
    });
    sqlite3_finalize(top);
    sqlite3_finalize(cnt);
    sqlite3_finalize(dated);
    sqlite3_close(db_);
    return 0;
}

int main(int argc, char** argv) {
    try {
        std::string cmd = argc > 1 ? argv[1] : "";
        if (cmd == "index" && argc == 4) return do_index(argv[2], argv[3]);
        if (cmd == "search" && argc == 6) return do_search(argv[2], argv[3], argv[4], atoi(argv[5]));
        if (cmd == "version") { std::cout << sqlite3_libversion() << "\n"; return 0; }
        return usage(argv[0]);
    } catch (const std::exception& e) {
        std::cerr << "error: " << e.what() << "\n";
    }
    return 1;
}
