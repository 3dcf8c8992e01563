// Databases written by earlier schema versions (fixtures/schema/v1, v2) open and read the same
// with the current binary, and take new imports beside their old entries.
#include <sys/wait.h>

#include <catch2/catch.hpp>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <functional>
#include <nlohmann/json.hpp>
#include <sstream>
#include <vector>

#include "quotedb/records.h"
#include "test_util.h"
#include "cli_util.h"

using quotedb::testing::TempDir;
namespace fs = std::filesystem;

namespace {

using Out = quotedb::testing::CliRun;

Out Stdout(const std::string& args) { return quotedb::testing::RunQuotedb(args); }

std::string ReadFile(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

fs::path Fixture(int version) {
  std::string name = "v";
  name += std::to_string(version);
  return fs::path(QUOTEDB_SOURCE_DIR) / "fixtures" / "schema" / name;
}

// The first `n` statements version `version` exported that have a speaker and no apostrophe (so they
// can be single-quoted for the shell) and pass `keep`.
std::vector<nlohmann::json> AttributedQuotes(int version, size_t n,
                                             const std::function<bool(const std::string&)>& keep) {
  std::istringstream lines(ReadFile(Fixture(version) / "export.jsonl"));
  std::string line;
  std::vector<nlohmann::json> out;
  while (std::getline(lines, line) && out.size() < n) {
    auto rec = nlohmann::json::parse(line);
    if (!rec.at("speaker").is_string()) continue;
    const std::string quote = rec.at("quote").get<std::string>();
    const std::string speaker = rec.at("speaker").get<std::string>();
    if (quote.find('\'') != std::string::npos || speaker.find('\'') != std::string::npos) continue;
    if (keep(quote)) out.push_back(std::move(rec));
  }
  return out;
}

}  // namespace

TEST_CASE("schema: a version 1 or 2 database opens and reads the same", "[schema][cli]") {
  const int version = GENERATE(1, 2);
  INFO("schema version " << version);
  const fs::path fixture = Fixture(version);
  REQUIRE(fs::exists(fixture / "db" / "CURRENT"));
  TempDir dir("qdb-v" + std::to_string(version));
  fs::copy(fixture / "db", dir.path, fs::copy_options::recursive);
  const std::string db = "--db " + dir.str() + " ";

  // Statements, speakers, sources and dates exactly as that version exported them.
  Out exp = Stdout(db + "export --format jsonl");
  REQUIRE(exp.code == 0);
  CHECK(exp.out == ReadFile(fixture / "export.jsonl"));

  // The same counts (the path differs).
  Out stats = Stdout(db + "stats --format json");
  REQUIRE(stats.code == 0);
  auto now = nlohmann::json::parse(stats.out);
  auto then = nlohmann::json::parse(ReadFile(fixture / "stats.json"));
  for (const char* k : {"articles", "statements", "speakers", "sources", "unique_statements",
                        "syndicated_articles", "syndicated_duplicates", "text_bytes"}) {
    INFO(k);
    CHECK(now.at(k) == then.at(k));
  }

  // Every index agrees with the records.
  Out verify = Stdout(db + "verify --format json");
  INFO(verify.out);
  CHECK(verify.code == 0);

  // Lookups through the indexes: a quote by its exact words, and a speaker's quotes.
  auto recs = AttributedQuotes(version, 5, [](const std::string&) { return true; });
  CHECK(recs.size() == 5);
  for (const auto& rec : recs) {
    const std::string quote = rec.at("quote").get<std::string>();
    const std::string speaker = rec.at("speaker").get<std::string>();
    INFO(quote << " / " << speaker);
    Out who = Stdout(db + "who-said --format json '" + quote + "'");
    CHECK(who.code == 0);
    CHECK(who.out.find(speaker) != std::string::npos);
    Out by = Stdout(db + "quotes --format json --speaker '" + speaker + "'");
    CHECK(by.code == 0);
    CHECK(by.out.find(rec.at("content_hash").get<std::string>()) != std::string::npos);
  }
}

TEST_CASE("schema: a version 1 or 2 database takes new imports beside its old term entries",
          "[schema][cli]") {
  const int version = GENERATE(1, 2);
  INFO("schema version " << version);
  const fs::path fixture = Fixture(version);
  TempDir dir("qdb-v" + std::to_string(version) + "-write");
  fs::copy(fixture / "db", dir.path, fs::copy_options::recursive);
  const std::string db = "--db " + dir.str() + " ";
  const std::string extract = (fs::path(QUOTEDB_SOURCE_DIR) / "fixtures" / "extract").string();
  REQUIRE(Stdout(db + "--quiet import " + extract).code == 0);

  // The first commit by the current version records its version; old and new entries both
  // verify.
  Out stats = Stdout(db + "stats --format json");
  REQUIRE(stats.code == 0);
  auto now = nlohmann::json::parse(stats.out);
  auto then = nlohmann::json::parse(ReadFile(fixture / "stats.json"));
  CHECK(now.at("schema_version") == quotedb::kSchemaVersion);
  CHECK(now.at("articles").get<int>() > then.at("articles").get<int>());
  Out verify = Stdout(db + "verify --format json");
  INFO(verify.out);
  CHECK(verify.code == 0);

  // Word search through the old term entries (version 1 keys, version 2 lists without word
  // places): a quote without its first word is not an exact match, so it is found by
  // containment, its phrase checked on the text.
  auto recs = AttributedQuotes(version, 5, [](const std::string& quote) {
    size_t space = quote.find(' ');
    return space != std::string::npos && quote.find(' ', space + 1) != std::string::npos;
  });
  CHECK(recs.size() == 5);
  for (const auto& rec : recs) {
    const std::string quote = rec.at("quote").get<std::string>();
    const std::string speaker = rec.at("speaker").get<std::string>();
    const std::string tail = quote.substr(quote.find(' ') + 1);
    INFO(tail << " / " << speaker);
    Out who = Stdout(db + "who-said --format json '" + tail + "'");
    CHECK(who.code == 0);
    CHECK(who.out.find(speaker) != std::string::npos);
  }
}
