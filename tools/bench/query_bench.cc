// query_bench: in-process query latency, quotedb against SQLite FTS5 over the same statements.
//
//   query_bench [--db DIR] [--queries N] [--only exact|words|speaker] [--no-fts] [--rounds R]
//               [--dump FILE] [--cpu] [--slowest N] [--phrase TEXT [--limit L]] [--no-pairs]
//               [PATH...]
// Imports PATH (default ../shared/corpus/bbc) into a fresh database in DIR (a temp dir by
// default), copies every stored statement's text into an SQLite FTS5 table, then times N
// queries of each kind, warm, and prints p50 and p99 in microseconds:
//   who-said exact      DB::WhoSaid(full quote)         vs  FTS5 MATCH '"full quote"'
//   word search         DB::WhoSaid(two-word phrase)    vs  FTS5 MATCH '"two words"'
//   quotes by speaker   DB::Quotes(speaker, date range) vs  (no peer: FTS5 has no speaker index)
// --phrase TEXT times only DB::WhoSaid(TEXT, 50), N times (after the import); --limit L sets its
// limit (10 is what the exact lookups use).
// --slowest N prints, for each kind, the N queries with the longest median time and their hits.
// Plain timing with percentiles (Google Benchmark reports means; the targets are p99s).
// --cpu times the thread's CPU time instead of wall time (a loaded machine's waits left out).
// --dump FILE writes every query's results (before the timing) to FILE, so two builds can be
// shown to answer alike, and again to FILE.again (the hit cache warm: it must be the same). --only times one kind of query (and its FTS5 peer unless --no-fts); --rounds R times each
// query R times after the warm-up pass (for a profiler: `perf record -g build/query_bench
// --only words --no-fts --rounds 20`); the percentiles are over all R x N timings.
// --no-pairs makes the database without word pairs (Options::index_word_pairs), to compare.
#include <sqlite3.h>

#include <algorithm>
#include <chrono>
#include <ctime>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <random>
#include <string>
#include <vector>

#include "quotedb/db.h"
#include "quotedb/import.h"
#include "quotedb/text.h"

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

namespace {

struct Percentiles {
  double p50, p99;
};

size_t g_rounds = 1;
size_t g_slowest = 0;  // --slowest N: print the N queries of each kind with the longest median
bool g_cpu = false;  // --cpu: time the querying thread's CPU time, not wall time

double NowUs() {
  if (g_cpu) {
    timespec ts;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return static_cast<double>(ts.tv_sec) * 1e6 + static_cast<double>(ts.tv_nsec) / 1e3;
  }
  return std::chrono::duration<double, std::micro>(Clock::now().time_since_epoch()).count();
}

Percentiles Measure(const char* kind, size_t n, const std::function<size_t(size_t)>& fn,
                    const std::function<std::string(size_t)>& label = nullptr) {
  std::vector<double> us;
  us.reserve(n * g_rounds);
  std::vector<size_t> hits(n);
  for (size_t i = 0; i < n; ++i) hits[i] = fn(i);  // warm-up pass
  for (size_t r = 0; r < g_rounds; ++r) {
    for (size_t i = 0; i < n; ++i) {
      const double t = NowUs();
      fn(i);
      us.push_back(NowUs() - t);
    }
  }
  if (g_slowest > 0) {
    // Each query's median over the rounds, the slowest first.
    std::vector<std::pair<double, size_t>> med(n);
    for (size_t i = 0; i < n; ++i) {
      std::vector<double> t;
      for (size_t r = 0; r < g_rounds; ++r) t.push_back(us[r * n + i]);
      std::sort(t.begin(), t.end());
      med[i] = {t[t.size() / 2], i};
    }
    std::sort(med.begin(), med.end(), std::greater<>());
    for (size_t k = 0; k < std::min(g_slowest, n); ++k)
      std::printf("slowest %s: query %zu, %.1f us, %zu hits%s%s\n", kind, med[k].second,
                  med[k].first, hits[med[k].second], label ? ": " : "",
                  label ? label(med[k].second).substr(0, 100).c_str() : "");
  }
  std::sort(us.begin(), us.end());
  return {us[us.size() / 2], us[std::min(us.size() - 1, us.size() * 99 / 100)]};
}

void DumpHits(std::FILE* f, const char* kind, size_t i,
              const quotedb::Result<std::vector<quotedb::StatementHit>>& r) {
  if (!r.ok()) {
    std::fprintf(f, "%s %zu error %s\n", kind, i, r.status().message().c_str());
    return;
  }
  std::fprintf(f, "%s %zu: %zu hits\n", kind, i, r->size());
  for (const auto& h : *r) {
    const auto& st = h.statement;
    std::string line = st.article_id.ToHex() + ":" + std::to_string(st.ordinal) +
                       (h.exact ? " exact" : "") + " | " + st.text + " |";
    for (const auto& s : h.speakers) line += " sp=" + s;
    line += " | src=" + h.source + " | " + h.url + " | " + h.title + " | " + h.file + " |";
    for (const auto& s : h.sources) line += " " + s;
    line += " |";
    for (const auto& c : h.copies) line += " " + c;
    std::fprintf(f, "  %s\n", line.c_str());
  }
}

// The number of hits (0 for an error), added to *found so the work is not optimised away.
size_t Count(const quotedb::Result<std::vector<quotedb::StatementHit>>& r, size_t* found) {
  const size_t n = r.ok() ? r->size() : 0;
  *found += n;
  return n;
}

std::string FtsPhrase(const std::string& text) {
  // An FTS5 phrase of the normalised words (quotes doubled inside a string literal).
  std::string norm = quotedb::NormalizeForHash(text);
  return "\"" + norm + "\"";
}

}  // namespace

int main(int argc, char** argv) {
  std::string dir;
  size_t nq = 1000;
  std::string only, dump, phrase;
  size_t phrase_limit = 50;  // --limit: the limit of the --phrase query
  bool with_fts = true;
  bool compact = false;  // --compact: DB::Compact() after the import (`quotedb compact`)
  bool pairs = true;     // --no-pairs: a database made here without word pairs
  std::vector<std::string> paths;
  for (int i = 1; i < argc; ++i) {
    if (!std::strcmp(argv[i], "--db") && i + 1 < argc) dir = argv[++i];
    else if (!std::strcmp(argv[i], "--queries") && i + 1 < argc) nq = std::stoul(argv[++i]);
    else if (!std::strcmp(argv[i], "--only") && i + 1 < argc) only = argv[++i];
    else if (!std::strcmp(argv[i], "--no-fts")) with_fts = false;
    else if (!std::strcmp(argv[i], "--compact")) compact = true;
    else if (!std::strcmp(argv[i], "--no-pairs")) pairs = false;
    else if (!std::strcmp(argv[i], "--cpu")) g_cpu = true;
    else if (!std::strcmp(argv[i], "--dump") && i + 1 < argc) dump = argv[++i];
    else if (!std::strcmp(argv[i], "--rounds") && i + 1 < argc)
      g_rounds = std::max<size_t>(1, std::stoul(argv[++i]));
    else if (!std::strcmp(argv[i], "--phrase") && i + 1 < argc) phrase = argv[++i];
    else if (!std::strcmp(argv[i], "--limit") && i + 1 < argc) phrase_limit = std::stoul(argv[++i]);
    else if (!std::strcmp(argv[i], "--slowest") && i + 1 < argc) g_slowest = std::stoul(argv[++i]);
    else paths.push_back(argv[i]);
  }
  if (!only.empty() && only != "exact" && only != "words" && only != "speaker") {
    std::fprintf(stderr, "query_bench: --only takes exact, words or speaker\n");
    return 2;
  }
  auto runs = [&](const char* kind) { return only.empty() || only == kind; };
  if (paths.empty()) paths.push_back("../shared/corpus/bbc");
  if (!fs::exists(paths[0])) {
    std::printf("query_bench: %s is absent; skipping\n", paths[0].c_str());
    return 0;
  }
  bool temp = dir.empty();
  if (temp) dir = (fs::temp_directory_path() / ("qdb-query-bench-" + std::to_string(getpid()))).string();
  quotedb::Options options;
  options.index_word_pairs = pairs;
  auto db = quotedb::DB::Open(dir, options);
  if (!db.ok()) {
    std::fprintf(stderr, "query_bench: %s\n", db.status().message().c_str());
    return 3;
  }
  auto imported = quotedb::ImportPaths(db->get(), paths, {}, nullptr, nullptr);
  if (!imported.ok()) {
    std::fprintf(stderr, "query_bench: %s\n", imported.status().message().c_str());
    return 3;
  }
  if (compact) {
    auto t0 = std::chrono::steady_clock::now();
    quotedb::Status cs = (*db)->Compact();
    if (!cs.ok()) {
      std::fprintf(stderr, "query_bench: %s\n", cs.message().c_str());
      return 3;
    }
    std::printf("compacted after the import in %.3f s\n",
                std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count());
  }

  if (!phrase.empty()) {  // --phrase: time this one who-said query, N times
    auto p = Measure("phrase", nq, [&](size_t) { return (*db)->WhoSaid(phrase, phrase_limit)->size(); });
    std::printf("who-said \"%s\": p50 %.1f us, p99 %.1f us\n", phrase.c_str(), p.p50, p.p99);
    return 0;
  }

  // The statements, and the same texts in FTS5.
  std::vector<quotedb::StatementHit> all;
  (*db)->ForEachStatement([&](const quotedb::StatementHit& h) {
    all.push_back(h);
    return true;
  });
  if (all.empty()) {
    std::printf("query_bench: no statements stored\n");
    return 0;
  }
  std::string fts_path = dir + ".fts5.sqlite";
  fs::remove(fts_path);
  sqlite3* sql = nullptr;
  sqlite3_open(fts_path.c_str(), &sql);
  sqlite3_exec(sql, "CREATE VIRTUAL TABLE q USING fts5(quote, speaker); BEGIN;", nullptr, nullptr, nullptr);
  sqlite3_stmt* ins = nullptr;
  sqlite3_prepare_v2(sql, "INSERT INTO q(quote, speaker) VALUES (?, ?)", -1, &ins, nullptr);
  for (const auto& h : all) {
    std::string sp = h.speakers.empty() ? "" : h.speakers.front();
    sqlite3_bind_text(ins, 1, h.statement.text.c_str(), -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(ins, 2, sp.c_str(), -1, SQLITE_TRANSIENT);
    sqlite3_step(ins);
    sqlite3_reset(ins);
  }
  sqlite3_finalize(ins);
  sqlite3_exec(sql, "COMMIT;", nullptr, nullptr, nullptr);
  sqlite3_stmt* match = nullptr;
  sqlite3_prepare_v2(sql, "SELECT rowid, quote, speaker FROM q WHERE q MATCH ? LIMIT 50", -1, &match,
                     nullptr);

  std::mt19937 rng(42);
  std::vector<const quotedb::StatementHit*> sample;
  for (size_t i = 0; i < nq; ++i) sample.push_back(&all[rng() % all.size()]);
  std::vector<std::string> phrases;
  for (auto* h : sample) {
    auto words = quotedb::IndexTerms(h->statement.text);
    size_t k = words.size() > 2 ? rng() % (words.size() - 1) : 0;
    phrases.push_back(words.size() >= 2 ? words[k] + " " + words[k + 1]
                                        : (words.empty() ? "said" : words[0]));
  }
  size_t found = 0;
  auto fts = [&](const std::string& phrase) {
    sqlite3_bind_text(match, 1, phrase.c_str(), -1, SQLITE_TRANSIENT);
    size_t rows = 0;
    while (sqlite3_step(match) == SQLITE_ROW) ++rows;
    sqlite3_reset(match);
    found += rows;
    return rows;
  };

  auto speaker_query = [&](size_t i) {
    quotedb::QuoteQuery q;
    q.speaker = sample[i]->speakers.empty() ? "nobody" : sample[i]->speakers.front();
    q.from_days = 12000;
    q.to_days = 13000;
    q.limit = 50;
    return q;
  };
  if (!dump.empty()) {
    // Twice: FILE from a cold hit cache, FILE.again from a warm one (they must be the same).
    for (const std::string& path : {dump, dump + ".again"}) {
      std::FILE* f = std::fopen(path.c_str(), "w");
      if (!f) {
        std::fprintf(stderr, "query_bench: cannot write %s\n", path.c_str());
        return 3;
      }
      for (size_t i = 0; i < nq; ++i) {
        DumpHits(f, "exact", i, (*db)->WhoSaid(sample[i]->statement.text, 10));
        DumpHits(f, "words", i, (*db)->WhoSaid(phrases[i], 50));
        DumpHits(f, "speaker", i, (*db)->Quotes(speaker_query(i)));
      }
      std::fclose(f);
    }
  }
  const Percentiles none{-1, -1};
  auto exact = none, exact_fts = none, words = none, words_fts = none, by_speaker = none;
  if (runs("exact")) {
    exact = Measure(
        "exact", nq,
        [&](size_t i) { return Count((*db)->WhoSaid(sample[i]->statement.text, 10), &found); },
        [&](size_t i) { return sample[i]->statement.text; });
    if (with_fts) exact_fts = Measure("exact-fts5", nq, [&](size_t i) { return fts(FtsPhrase(sample[i]->statement.text)); });
  }
  if (runs("words")) {
    words = Measure(
        "words", nq, [&](size_t i) { return Count((*db)->WhoSaid(phrases[i], 50), &found); },
        [&](size_t i) { return phrases[i]; });
    if (with_fts) words_fts = Measure("words-fts5", nq, [&](size_t i) { return fts("\"" + phrases[i] + "\""); });
  }
  if (runs("speaker")) {
    by_speaker = Measure(
        "speaker", nq, [&](size_t i) { return Count((*db)->Quotes(speaker_query(i)), &found); },
        [&](size_t i) { return speaker_query(i).speaker; });
  }

  std::printf("query_bench: %zu statements from %llu articles, %zu queries each (found %zu)\n",
              all.size(), static_cast<unsigned long long>(imported->articles_new), nq, found);
  std::printf("| query | quotedb p50 us | quotedb p99 us | FTS5 p50 us | FTS5 p99 us |\n");
  std::printf("|---|---|---|---|---|\n");
  auto row = [](const char* name, Percentiles q, Percentiles f) {
    if (q.p50 < 0) return;  // not run (--only)
    if (f.p50 < 0) std::printf("| %s | %.1f | %.1f | - | - |\n", name, q.p50, q.p99);
    else std::printf("| %s | %.1f | %.1f | %.1f | %.1f |\n", name, q.p50, q.p99, f.p50, f.p99);
  };
  row("who-said, exact quote", exact, exact_fts);
  row("word search, two-word phrase", words, words_fts);
  row("quotes by speaker, date range", by_speaker, none);
  sqlite3_finalize(match);
  sqlite3_close(sql);
  db->reset();
  if (temp) {
    fs::remove_all(dir);
    fs::remove(fts_path);
  }
  return 0;
}
