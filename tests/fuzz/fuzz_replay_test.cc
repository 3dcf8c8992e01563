// Replays every seed (fixtures/fuzz/<target>/) and every saved crash
// (fixtures/fuzz/crashes/<target>/) through the fuzz entry points of tools/fuzz/targets.h, so an
// input that once crashed or broke a promise stays fixed. Built with GCC in the normal and the
// ASan builds; the libFuzzer binaries (tools/scripts/fuzz.sh) use the same entry points.
#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <set>

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
