// query_bench: in-process query latency, quotedb against SQLite FTS5 over the same statements.
//
//   query_bench [--db DIR] [--queries N] [PATH...]
// Imports PATH (default ../shared/corpus/bbc) into a fresh database in DIR (a temp dir by
// default), copies every stored statement's text into an SQLite FTS5 table, then times N
// queries of each kind, warm, and prints p50 and p99 in microseconds:
//   who-said exact      DB::WhoSaid(full quote)         vs  FTS5 MATCH '"full quote"'
//   word search         DB::WhoSaid(two-word phrase)    vs  FTS5 MATCH '"two words"'
//   quotes by speaker   DB::Quotes(speaker, date range) vs  (no peer: FTS5 has no speaker index)
// Plain timing with percentiles (Google Benchmark reports means; the targets are p99s).
#include <sqlite3.h>

#include <algorithm>
#include <chrono>
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

Percentiles Measure(size_t n, const std::function<void(size_t)>& fn) {
  std::vector<double> us;
  us.reserve(n);
  for (size_t i = 0; i < n; ++i) fn(i);  // warm-up pass
  for (size_t i = 0; i < n; ++i) {
    auto t = Clock::now();
    fn(i);
    us.push_back(std::chrono::duration<double, std::micro>(Clock::now() - t).count());
  }
  std::sort(us.begin(), us.end());
  return {us[us.size() / 2], us[std::min(us.size() - 1, us.size() * 99 / 100)]};
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
  std::vector<std::string> paths;
  for (int i = 1; i < argc; ++i) {
    if (!std::strcmp(argv[i], "--db") && i + 1 < argc) dir = argv[++i];
    else if (!std::strcmp(argv[i], "--queries") && i + 1 < argc) nq = std::stoul(argv[++i]);
    else paths.push_back(argv[i]);
  }
  if (paths.empty()) paths.push_back("../shared/corpus/bbc");
  if (!fs::exists(paths[0])) {
    std::printf("query_bench: %s is absent; skipping\n", paths[0].c_str());
    return 0;
  }
  bool temp = dir.empty();
  if (temp) dir = (fs::temp_directory_path() / ("qdb-query-bench-" + std::to_string(getpid()))).string();
  auto db = quotedb::DB::Open(dir, quotedb::Options{});
  if (!db.ok()) {
    std::fprintf(stderr, "query_bench: %s\n", db.status().message().c_str());
    return 3;
  }
  auto imported = quotedb::ImportPaths(db->get(), paths, {}, nullptr, nullptr);
  if (!imported.ok()) {
    std::fprintf(stderr, "query_bench: %s\n", imported.status().message().c_str());
    return 3;
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
    while (sqlite3_step(match) == SQLITE_ROW) ++found;
    sqlite3_reset(match);
  };

  auto exact = Measure(nq, [&](size_t i) { found += (*db)->WhoSaid(sample[i]->statement.text, 10)->size(); });
  auto exact_fts = Measure(nq, [&](size_t i) { fts(FtsPhrase(sample[i]->statement.text)); });
  auto words = Measure(nq, [&](size_t i) { found += (*db)->WhoSaid(phrases[i], 50)->size(); });
  auto words_fts = Measure(nq, [&](size_t i) { fts("\"" + phrases[i] + "\""); });
  auto by_speaker = Measure(nq, [&](size_t i) {
    quotedb::QuoteQuery q;
    q.speaker = sample[i]->speakers.empty() ? "nobody" : sample[i]->speakers.front();
    q.from_days = 12000;
    q.to_days = 13000;
    q.limit = 50;
    found += (*db)->Quotes(q)->size();
  });

  std::printf("query_bench: %zu statements from %llu articles, %zu queries each (found %zu)\n",
              all.size(), static_cast<unsigned long long>(imported->articles_new), nq, found);
  std::printf("| query | quotedb p50 us | quotedb p99 us | FTS5 p50 us | FTS5 p99 us |\n");
  std::printf("|---|---|---|---|---|\n");
  std::printf("| who-said, exact quote | %.1f | %.1f | %.1f | %.1f |\n", exact.p50, exact.p99, exact_fts.p50, exact_fts.p99);
  std::printf("| word search, two-word phrase | %.1f | %.1f | %.1f | %.1f |\n", words.p50, words.p99, words_fts.p50, words_fts.p99);
  std::printf("| quotes by speaker, date range | %.1f | %.1f | - | - |\n", by_speaker.p50, by_speaker.p99);
  sqlite3_finalize(match);
  sqlite3_close(sql);
  db->reset();
  if (temp) {
    fs::remove_all(dir);
    fs::remove(fts_path);
  }
  return 0;
}
