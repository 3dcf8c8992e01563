// Extraction throughput over the BBC corpus (../shared/corpus/bbc, not in the repository).
// Hidden from the default run; run it with:
//   build/quotedb_tests "[extract-bench]"
// It reports MB/s of article text on one core (process CPU time and wall time) for
// ExtractQuotes alone: files are read into memory before the clock starts.
#include <catch2/catch.hpp>
#include <chrono>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "quotedb/extract.h"
#include "quotedb/text.h"

TEST_CASE("extraction throughput on the BBC corpus", "[.][extract-bench]") {
  namespace fs = std::filesystem;
  fs::path root = fs::path(QUOTEDB_SOURCE_DIR) / ".." / "shared" / "corpus" / "bbc";
  if (!fs::exists(root)) {
    WARN("corpus not found at " << root.string() << ": skipped");
    return;
  }
  std::vector<std::string> texts;
  size_t bytes = 0;
  for (const auto& e : fs::recursive_directory_iterator(root)) {
    if (!e.is_regular_file() || e.path().extension() != ".txt") continue;
    std::ifstream in(e.path(), std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    std::string t = ss.str();
    if (!quotedb::IsValidUtf8(t)) t = quotedb::TranscodeCp1252ToUtf8(t);
    bytes += t.size();
    texts.push_back(std::move(t));
  }
  REQUIRE(!texts.empty());
  const int kPasses = 3;
  size_t quotes = 0;
  std::clock_t c0 = std::clock();
  auto w0 = std::chrono::steady_clock::now();
  for (int pass = 0; pass < kPasses; ++pass)
    for (const std::string& t : texts) quotes += quotedb::ExtractQuotes(t).size();
  double cpu = static_cast<double>(std::clock() - c0) / CLOCKS_PER_SEC;
  double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - w0).count();
  double mb = static_cast<double>(bytes) * kPasses / 1e6;
  WARN(texts.size() << " articles, " << bytes << " bytes, " << quotes / kPasses
                    << " statements per pass; " << mb / cpu << " MB/s (CPU time), " << mb / wall
                    << " MB/s (wall)");
  CHECK(quotes > 0);
}
