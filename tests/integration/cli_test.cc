// End-to-end tests that drive the quotedb binary, as a user would.
#include <sys/wait.h>

#include <catch2/catch.hpp>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "quotedb/db.h"
#include "test_util.h"
#include "cli_util.h"

using quotedb::testing::TempDir;
namespace fs = std::filesystem;

namespace {

using Run = quotedb::testing::CliRun;

// Runs the quotedb binary with `args` (already shell-quoted), stderr folded into stdout.
Run Quotedb(const std::string& args) {
  return quotedb::testing::RunQuotedb(args, quotedb::testing::Stderr::kFold);
}

std::string Fixture(const std::string& rel) {
  return std::string(QUOTEDB_SOURCE_DIR) + "/fixtures/" + rel;
}

std::string Corpus(const std::string& rel) {
  return std::string(QUOTEDB_SOURCE_DIR) + "/../shared/corpus/" + rel;
}

nlohmann::json ParseJson(const std::string& s) {
  auto j = nlohmann::json::parse(s, nullptr, false);
  INFO(s);
  REQUIRE_FALSE(j.is_discarded());
  return j;
}

}  // namespace

TEST_CASE("cli: every command teaches with --help and an example", "[cli]") {
  Run top = Quotedb("--help");
  CHECK(top.code == 0);
  for (const char* cmd :
       {"import", "extract", "quotes", "who-said", "speakers", "stats", "compact"}) {
    INFO(cmd);
    CHECK(top.out.find(cmd) != std::string::npos);
    Run help = Quotedb(std::string(cmd) + " --help");
    CHECK(help.code == 0);
    CHECK(help.out.find("Example") != std::string::npos);
  }
  CHECK(Quotedb("no-such-command").code == 2);
  CHECK(Quotedb("").code == 2);
  // serve is quotedb-serve's (serve_forward.cc): its help and flags come through whole.
  CHECK(top.out.find("serve") != std::string::npos);
  Run serve_help = Quotedb("serve --help");
  CHECK(serve_help.code == 0);
  CHECK(serve_help.out.find("--port") != std::string::npos);
  CHECK(serve_help.out.find("Example") != std::string::npos);
  CHECK(Quotedb("serve --port 99999").code == 2);
}

TEST_CASE("cli: import fixtures, look up, re-import changes nothing", "[cli]") {
  TempDir dir;
  std::string db = "--db " + dir.str() + " ";
  Run imp = Quotedb(db + "import " + Fixture("articles"));
  INFO(imp.out);
  REQUIRE(imp.code == 0);
  CHECK(imp.out.find("3 new articles") != std::string::npos);

  Run stats1 = Quotedb(db + "stats --format json");
  REQUIRE(stats1.code == 0);
  auto s1 = ParseJson(stats1.out);
  CHECK(s1["articles"] == 3);
  CHECK(s1["statements"].get<int>() > 0);

  Run again = Quotedb(db + "import " + Fixture("articles"));
  CHECK(again.code == 0);
  CHECK(again.out.find("3 unchanged") != std::string::npos);
  auto s2 = ParseJson(Quotedb(db + "stats --format json").out);
  CHECK(s2 == s1);

  Run nothing = Quotedb(db + "who-said 'words nobody ever said here' --format json");
  CHECK(nothing.code == 1);
  CHECK(ParseJson(nothing.out).empty());

  Run speakers = Quotedb(db + "speakers --format jsonl");
  CHECK(speakers.code == 0);
  CHECK(speakers.out.find("\"name\"") != std::string::npos);

  Run bad_date = Quotedb(db + "quotes --from yesterday");
  CHECK(bad_date.code == 2);
  CHECK(bad_date.out.find("not a date") != std::string::npos);
}

TEST_CASE("cli: import runs once more with malloc tuned, unless GLIBC_TUNABLES is set", "[cli]") {
  // The dynamic loader's statistics are printed once per exec of the binary: twice where the
  // import re-executed itself with its malloc tunables (TuneMallocForImport), once where the
  // user set GLIBC_TUNABLES (to anything, an empty value too).
  auto execs = [](const std::string& env, const std::string& db) {
    quotedb::testing::CliRun r = quotedb::testing::RunShell(
        "env -u GLIBC_TUNABLES " + env + " LD_DEBUG=statistics " + QUOTEDB_BINARY + " --db " + db +
        " --quiet import " + Fixture("articles") + " 2>&1");
    INFO(r.out);
    CHECK(r.code == 0);
    size_t n = 0;
    for (size_t at = 0; (at = r.out.find("total startup time", at)) != std::string::npos; ++at) ++n;
    return n;
  };
  TempDir tuned, untuned;
  CHECK(execs("", tuned.str()) == 2);
  CHECK(execs("GLIBC_TUNABLES=", untuned.str()) == 1);
  // Both store the same.
  auto a = ParseJson(Quotedb("--db " + tuned.str() + " stats --format json").out);
  auto b = ParseJson(Quotedb("--db " + untuned.str() + " stats --format json").out);
  CHECK(a["articles"] == 3);
  a.erase("db");
  b.erase("db");
  CHECK(a == b);
}

TEST_CASE("cli: import's block cache size changes no answer; a size out of range is refused", "[cli]") {
  TempDir small, large, bad;
  REQUIRE(Quotedb("--db " + small.str() + " --quiet import --cache-mb 4 --commit-articles 1 " +
                  Fixture("articles")).code == 0);
  REQUIRE(Quotedb("--db " + large.str() + " --quiet import --cache-mb 256 " + Fixture("articles"))
              .code == 0);
  Run a = Quotedb("--db " + small.str() + " quotes --limit 1000 --format jsonl");
  Run b = Quotedb("--db " + large.str() + " quotes --limit 1000 --format jsonl");
  REQUIRE(a.code == 0);
  CHECK(a.out == b.out);
  Run refused = Quotedb("--db " + bad.str() + " import --cache-mb 1 " + Fixture("articles"));
  CHECK(refused.code == 2);
  CHECK(refused.out.find("cache-mb") != std::string::npos);
  CHECK_FALSE(fs::exists(bad.path / "CURRENT"));
}

TEST_CASE("cli: compact leaves every answer as it was", "[cli]") {
  TempDir dir;
  std::string db = "--db " + dir.str() + " ";
  REQUIRE(Quotedb(db + "--quiet import --commit-articles 1 " + Fixture("articles")).code == 0);
  auto before_stats = ParseJson(Quotedb(db + "stats --format json").out);
  Run before = Quotedb(db + "quotes --limit 1000 --format jsonl");
  REQUIRE(before.code == 0);
  Run compact = Quotedb(db + "compact");
  INFO(compact.out);
  REQUIRE(compact.code == 0);
  CHECK(compact.out.find("compacted") != std::string::npos);
  CHECK(ParseJson(Quotedb(db + "stats --format json").out) == before_stats);
  CHECK(Quotedb(db + "quotes --limit 1000 --format jsonl").out == before.out);
  CHECK(Quotedb(db + "verify").code == 0);
  // On no database: exit 1 (nothing found), nothing created.
  TempDir none;
  Run missing = Quotedb("--db " + none.str() + " compact");
  CHECK(missing.code == 1);
  CHECK_FALSE(fs::exists(none.path / "CURRENT"));
}

TEST_CASE("cli: a second writer exits 3 with a sentence naming the directory", "[cli]") {
  TempDir dir;
  auto holder = quotedb::DB::Open(dir.str(), quotedb::Options{});
  REQUIRE(holder.ok());
  Run imp = Quotedb("--db " + dir.str() + " import " + Fixture("articles"));
  CHECK(imp.code == 3);
  CHECK(imp.out.find(dir.str()) != std::string::npos);
  CHECK(imp.out.find("in use by another") != std::string::npos);
  // Readers still answer through a read-only open.
  CHECK(Quotedb("--db " + dir.str() + " stats --format json").code == 0);
}

TEST_CASE("cli: bad input files are reported, the rest imported, exit 2", "[cli]") {
  TempDir dir, input;
  fs::create_directories(input.path);
  fs::copy(Fixture("articles/wheat-exports.txt"), input.path / "good.txt");
  { std::ofstream(input.path / "empty.txt"); }
  { std::ofstream(input.path / "broken.json") << "{\"title\": "; }
  { std::ofstream(input.path / "latin1.txt") << "Caf\xe9 news\nThe owner said \x93it is fine\x94.\n"; }
  Run imp = Quotedb("--db " + dir.str() + " import " + input.str());
  INFO(imp.out);
  CHECK(imp.code == 2);
  CHECK(imp.out.find("empty.txt") != std::string::npos);
  CHECK(imp.out.find("broken.json") != std::string::npos);
  CHECK(imp.out.find("latin1.txt: not valid UTF-8") != std::string::npos);
  auto s = ParseJson(Quotedb("--db " + dir.str() + " stats --format json").out);
  CHECK(s["articles"] == 2);
}

TEST_CASE("cli: a directory that is not a database is refused and left alone", "[cli]") {
  TempDir dir;
  fs::create_directories(dir.path);
  { std::ofstream(dir.path / "thesis.tex") << "precious"; }
  Run imp = Quotedb("--db " + dir.str() + " import " + Fixture("articles"));
  CHECK(imp.code == 2);
  CHECK(imp.out.find("not a quotedb database") != std::string::npos);
  CHECK(fs::exists(dir.path / "thesis.tex"));
  CHECK(Quotedb("--db " + (dir.path / "missing").string() + " stats").code == 1);
}

TEST_CASE("acceptance: the seed article", "[cli][corpus]") {
  std::string seed = Corpus("seed/nk-russia-pact.json");
  if (!fs::exists(seed)) {
    WARN("../shared/corpus/seed is absent: skipping the seed acceptance test");
    return;
  }
  TempDir dir;
  std::string db = "--db " + dir.str() + " ";
  REQUIRE(Quotedb(db + "import " + seed).code == 0);
  auto stats1 = ParseJson(Quotedb(db + "stats --format json").out);

  Run who = Quotedb(db + "who-said 'the most brazen nullification' --format json");
  REQUIRE(who.code == 0);
  auto w = ParseJson(who.out);
  REQUIRE_FALSE(w.empty());
  CHECK(w[0]["speaker"] == "Mykhailo Podolyak");

  Run lukin = Quotedb(db + "quotes --speaker Lukin --format json");
  REQUIRE(lukin.code == 0);
  bool found = false;
  for (const auto& s : ParseJson(lukin.out)) {
    CHECK(s["speaker"] == "Artyom Lukin");
    found |= s["quote"].get<std::string>().find("Nothing is off the table now") != std::string::npos;
  }
  CHECK(found);

  Run cha = Quotedb(db + "quotes --speaker 'Cha Du-hyeogn' --format jsonl");
  REQUIRE(cha.code == 0);
  CHECK(cha.out.find("It comes from Kim wanting to put everything in") != std::string::npos);

  REQUIRE(Quotedb(db + "import " + seed).code == 0);
  CHECK(ParseJson(Quotedb(db + "stats --format json").out) == stats1);
  // The plain-text copy is another copy of the article, kept with its own provenance.
  REQUIRE(Quotedb(db + "import " + Corpus("seed/nk-russia-pact.txt")).code == 0);
  CHECK(ParseJson(Quotedb(db + "stats --format json").out)["articles"] == 2);
}

TEST_CASE("acceptance: the BBC corpus imports whole", "[cli][corpus][slow]") {
  std::string bbc = Corpus("bbc");
  if (!fs::exists(bbc)) {
    WARN("../shared/corpus/bbc is absent: skipping the BBC import test");
    return;
  }
  TempDir dir;
  Run imp = Quotedb("--db " + dir.str() + " import " + bbc);
  INFO(imp.out.substr(0, 2000));
  REQUIRE(imp.code == 0);
  CHECK(imp.out.find("2225 new articles") != std::string::npos);
  CHECK(imp.out.find("sport/199.txt: not valid UTF-8") != std::string::npos);
  auto s = ParseJson(Quotedb("--db " + dir.str() + " stats --format json").out);
  CHECK(s["articles"] == 2225);
}
