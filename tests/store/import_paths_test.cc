// ImportPaths (engine/import/importer.cc): the queue between the extraction workers and the
// writer is bounded by the memory its articles hold (QueuedBytes), and however small that bound,
// the import goes on and stores exactly what an unbounded one does.
#include <catch2/catch.hpp>

#include <fstream>
#include <string>
#include <thread>
#include <vector>

#include "open_or_die.h"
#include "quotedb/import.h"
#include "test_util.h"

using namespace quotedb;
using namespace quotedb::testing;

namespace {

// Writes `n` distinct articles, each with a direct quote and a reported claim, as .txt files.
void WriteArticles(const std::filesystem::path& dir, int n) {
  std::filesystem::create_directories(dir);
  for (int i = 0; i < n; ++i) {
    std::string name = std::to_string(1000 + i);
    name += ".txt";
    std::ofstream f(dir / name);
    f << "Council vote number " << i << " on the harbour budget\n"
      << "The council met on Monday to vote on item " << i << " of the harbour budget.\n"
      << "\"We will not raise the harbour fee " << i << " times,\" said Mayor Ana Ruiz.\n"
      << "Treasurer Tom Berg said the budget for item " << i << " was balanced.\n";
  }
}

struct Imported {
  ImportSummary summary;
  Counters counters;
};

Imported Import(const std::string& src, uint64_t queue_bytes, unsigned threads,
                size_t files_ahead = 1024) {
  TempDir dir("qdb-import-paths");
  auto db = OpenOrDie(dir.str());
  ImportOptions o;
  o.queue_bytes = queue_bytes;
  o.threads = threads;
  o.files_ahead = files_ahead;
  auto s = ImportPaths(db.get(), {src}, o, nullptr, nullptr);
  INFO(s.status().ToString());
  REQUIRE(s.ok());
  auto stats = db->GetStats();
  REQUIRE(stats.ok());
  return {*s, stats->counters};
}

}  // namespace

TEST_CASE("QueuedBytes counts the text, the statements and the structs", "[import]") {
  Article a = MakeArticle("Title", std::string(5000, 'x'), "Example News", 19000);
  std::vector<ExtractedQuote> none;
  PreparedArticle bare = PrepareArticle(a, none);
  const uint64_t base = QueuedBytes(bare, none);
  CHECK(base >= a.text.size() + sizeof(PreparedArticle));

  std::vector<ExtractedQuote> quotes = {Quote(std::string(300, 'q'), "Ana Ruiz"),
                                        Quote(std::string(200, 'r'), "Tom Berg")};
  PreparedArticle with = PrepareArticle(a, quotes);
  const uint64_t more = QueuedBytes(with, quotes);
  // Each statement's text, span, speaker and content hash, and the statements' vector.
  CHECK(more >= base + 500 + 2 * sizeof(ExtractedQuote) + 2 * sizeof(Hash128));
  // An estimate, not a multiple of the truth: nothing here is counted three times over.
  CHECK(more < 3 * (a.text.size() + 500) + 4096);
}

TEST_CASE("ImportPaths stores the same whatever its queue's budget", "[import]") {
  TempDir src("qdb-import-src");
  WriteArticles(src.path, 150);  // more than two batches of 64
  const Imported wide = Import(src.str(), 16u << 20, 2);
  CHECK(wide.summary.files == 150);
  CHECK(wide.summary.files_failed == 0);
  CHECK(wide.summary.articles_new == 150);
  CHECK(wide.counters.articles == 150);
  CHECK(wide.counters.statements >= 150);
  // A budget smaller than one article: every worker but the writer's waits at each hand-over,
  // and the file the writer is reading always gets through, so the import neither stalls nor
  // loses anything.
  // And a window of a few files, whose slots are reused many times over.
  for (auto [threads, ahead] : {std::pair<unsigned, size_t>{1, 1024}, {2, 1024}, {4, 1024},
                                {2, 1}, {4, 7}}) {
    INFO("threads " << threads << ", files ahead " << ahead);
    const Imported narrow = Import(src.str(), ahead == 1024 ? 1 : 16u << 20, threads, ahead);
    CHECK(narrow.summary.articles_new == wide.summary.articles_new);
    CHECK(narrow.summary.statements_new == wide.summary.statements_new);
    CHECK(narrow.summary.bytes == wide.summary.bytes);
    CHECK(narrow.counters.articles == wide.counters.articles);
    CHECK(narrow.counters.statements == wide.counters.statements);
    CHECK(narrow.counters.speakers == wide.counters.speakers);
  }
}

TEST_CASE("DefaultImportThreads leaves the writer a core", "[import]") {
  const unsigned cores = std::thread::hardware_concurrency();
  const unsigned threads = DefaultImportThreads();
  CHECK(threads >= 1);
  if (cores >= 2) CHECK(threads <= cores / 2);
  // threads 0 asks for the default, and imports as an explicit count does.
  TempDir src("qdb-import-src");
  WriteArticles(src.path, 70);
  const Imported by_default = Import(src.str(), 16u << 20, 0);
  const Imported explicit_count = Import(src.str(), 16u << 20, threads);
  CHECK(by_default.summary.articles_new == 70);
  CHECK(by_default.counters.statements == explicit_count.counters.statements);
  CHECK(by_default.counters.speakers == explicit_count.counters.speakers);
}

TEST_CASE("ImportPaths into a directory opens the database beside the extraction", "[import]") {
  TempDir src("qdb-import-src");
  WriteArticles(src.path, 100);
  const Imported by_handle = Import(src.str(), 16u << 20, 2);

  TempDir dir("qdb-import-dir");
  std::filesystem::create_directories(dir.path);
  const std::string db_dir = dir.str() + "/db";
  auto s = ImportPaths(db_dir, Options{}, {src.str()}, ImportOptions{}, nullptr, nullptr);
  INFO(s.status().ToString());
  REQUIRE(s.ok());
  CHECK(s->articles_new == by_handle.summary.articles_new);
  CHECK(s->statements_new == by_handle.summary.statements_new);
  // The import closed the database: it opens again, and holds what the summary says.
  {
    auto db = OpenOrDie(db_dir);
    auto stats = db->GetStats();
    REQUIRE(stats.ok());
    CHECK(stats->counters.articles == by_handle.counters.articles);
    CHECK(stats->counters.statements == by_handle.counters.statements);
    CHECK(stats->counters.speakers == by_handle.counters.speakers);
  }
  // Again: every article is unchanged.
  auto again = ImportPaths(db_dir, Options{}, {src.str()}, ImportOptions{}, nullptr, nullptr);
  REQUIRE(again.ok());
  CHECK(again->articles_new == 0);
  CHECK(again->articles_unchanged == by_handle.summary.articles_new);

  // A path that does not exist fails before any database is made.
  const std::string other = dir.str() + "/other";
  auto missing = ImportPaths(other, Options{}, {src.str() + "/no-such-file.txt"}, ImportOptions{},
                             nullptr, nullptr);
  CHECK_FALSE(missing.ok());
  CHECK_FALSE(std::filesystem::exists(other));

  // A database another handle holds: the open fails (busy), the workers stop, nothing is lost.
  {
    auto holder = OpenOrDie(db_dir);
    auto busy = ImportPaths(db_dir, Options{}, {src.str()}, ImportOptions{}, nullptr, nullptr);
    CHECK_FALSE(busy.ok());
    CHECK(busy.status().IsBusy());
    auto stats = holder->GetStats();
    REQUIRE(stats.ok());
    CHECK(stats->counters.articles == by_handle.counters.articles);
  }
}
