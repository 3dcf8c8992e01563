// Replays every seed (fixtures/fuzz/<target>/) and every saved crash
// (fixtures/fuzz/crashes/<target>/) through the fuzz entry points of tools/fuzz/targets.h, so an
// input that once crashed or broke a promise stays fixed. Built with GCC in the normal and the
// ASan builds; the libFuzzer binaries (tools/scripts/fuzz.sh) use the same entry points.
#include <algorithm>
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <iterator>

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
