// Replays every seed (fixtures/fuzz/<target>/) and every saved crash
// (fixtures/fuzz/crashes/<target>/) through the fuzz entry points of tools/fuzz/targets.h, so an
// input that once crashed or broke a promise stays fixed. Built with GCC in the normal and the
// ASan builds; the libFuzzer binaries (tools/scripts/fuzz.sh) use the same entry points.
#include <algorithm>
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <random>

#include "formats/formats_internal.h"
#include "targets.h"

namespace fs = std::filesystem;

namespace {

const fs::path kFuzzDir = fs::path(QUOTEDB_SOURCE_DIR) / "fixtures" / "fuzz";

std::vector<fs::path> FilesUnder(const fs::path& dir) {
  std::vector<fs::path> out;
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) return out;
  for (const auto& e : fs::recursive_directory_iterator(dir))
    if (e.is_regular_file() && e.path().filename().string()[0] != '.') out.push_back(e.path());
  std::sort(out.begin(), out.end());
  return out;
}

std::string ReadAll(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

}  // namespace

TEST_CASE("every fuzz target has seeds, and every crash folder names a target", "[fuzz]") {
  for (const auto& t : quotedb::fuzz::AllTargets()) {
    INFO("target " << t.name);
    CHECK(!FilesUnder(kFuzzDir / t.name).empty());
  }
  std::error_code ec;
  if (fs::is_directory(kFuzzDir / "crashes", ec)) {
    for (const auto& e : fs::directory_iterator(kFuzzDir / "crashes")) {
      INFO("fixtures/fuzz/crashes/" << e.path().filename().string());
      CHECK((e.is_directory() && quotedb::fuzz::FindTarget(e.path().filename().string())));
    }
  }
}

TEST_CASE("seeds and saved crashes replay through the fuzz targets", "[fuzz]") {
  size_t inputs = 0;
  for (const auto& t : quotedb::fuzz::AllTargets()) {
    for (const fs::path& dir : {kFuzzDir / t.name, kFuzzDir / "crashes" / t.name}) {
      for (const fs::path& file : FilesUnder(dir)) {
        INFO("fuzz_" << t.name << " " << fs::relative(file, kFuzzDir).string());
        std::string problem;
        REQUIRE_NOTHROW(problem = t.run(ReadAll(file)));
        CHECK(problem == "");
        ++inputs;
      }
    }
  }
  CHECK(inputs > 0);
}

// Found reading the WARC reader for its fuzz target, not by the fuzzer: its inputs are too short
// for the blow-up to show. A chunk size of 17 hex digits wrapped around, so every such line
// copied the rest of the body again (3,000 lines of 19 bytes made 85 MB).
TEST_CASE("a chunk size that overflows is not chunking", "[fuzz][warc]") {
  std::string chunked;
  for (int i = 0; i < 3000; ++i) chunked += "fffffffffffffffff\r\n";
  std::string http =
      "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nTransfer-Encoding: chunked\r\n\r\n" +
      std::string("<html><body><p>") + chunked + "</p></body></html>";
  std::string warc =
      "WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: <https://x.example/>\r\n"
      "Content-Type: application/http; msgtype=response\r\nContent-Length: " +
      std::to_string(http.size()) + "\r\n\r\n" + http + "\r\n\r\n";
  size_t text_bytes = 0;
  quotedb::Status s = quotedb::formats::ReadWarcBytes("chunks.warc", warc, quotedb::ReaderOptions{},
                                                      nullptr, [&](quotedb::ReadRecord&& r) {
                                                        text_bytes += r.article.text.size();
                                                        return quotedb::Status::OK();
                                                      });
  CHECK(s.ok());
  CHECK(text_bytes < warc.size());
}

// The stored-value readers between fuzzer runs: every seed of the `values` target, mutated at
// random (bytes flipped, cut short, lengthened, spliced with another seed), 20,000 times.
TEST_CASE("mutated stored values keep the promises of the values target", "[fuzz][values]") {
  const auto* target = quotedb::fuzz::FindTarget("values");
  REQUIRE(target != nullptr);
  std::vector<std::string> seeds;
  for (const fs::path& file : FilesUnder(kFuzzDir / "values")) seeds.push_back(ReadAll(file));
  REQUIRE(!seeds.empty());
  std::mt19937 rng(5);
  for (int i = 0; i < 20000; ++i) {
    std::string v = seeds[rng() % seeds.size()];
    const int edits = 1 + static_cast<int>(rng() % 4);
    for (int e = 0; e < edits && !v.empty(); ++e) {
      switch (rng() % 4) {
        case 0: v[rng() % v.size()] = static_cast<char>(rng()); break;
        case 1: v.resize(rng() % v.size()); break;
        case 2: v.insert(rng() % (v.size() + 1), 1, static_cast<char>(rng())); break;
        default: {
          const std::string& other = seeds[rng() % seeds.size()];
          v = v.substr(0, rng() % (v.size() + 1)) + other.substr(rng() % other.size());
        }
      }
    }
    std::string problem;
    REQUIRE_NOTHROW(problem = target->run(v));
    INFO("input bytes: " << v.size());
    REQUIRE(problem == "");
  }
}
