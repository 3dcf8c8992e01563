// Crash safety: imports killed with SIGKILL at random moments leave a sound database, and
// finishing the import gives the same database as one clean import.
#include <signal.h>
#include <sys/wait.h>
#include <fcntl.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <random>
#include <set>
#include <thread>

#include "test_util.h"
#include "cli_util.h"

using quotedb::testing::TempDir;
namespace fs = std::filesystem;

namespace {

// Runs quotedb with `args` to completion; returns exit code and stdout.
std::pair<int, std::string> Run(const std::vector<std::string>& args) {
  std::string cmd;
  for (const auto& a : args) {
    cmd.push_back(' ');
    cmd.append(quotedb::testing::ShellQuote(a));
  }
  auto r = quotedb::testing::RunQuotedb(cmd);
  return {r.code, r.out};
}

// Starts `quotedb --db DB import --commit-articles N DIR` in a child process; returns its pid.
// Commits of 16 of these articles go through a WriteBatch; commits of 200 (about 2 MB of
// entries) are ingested as table files (engine/store/ingest.cc).
pid_t StartImport(const std::string& db, const std::string& dir, const char* commit = "16") {
  pid_t pid = fork();
  REQUIRE(pid >= 0);
  if (pid == 0) {
    int devnull = open("/dev/null", O_WRONLY);
    dup2(devnull, 1);
    dup2(devnull, 2);
    // Small commits, so that kills and reads land between many of them.
    execl(QUOTEDB_BINARY, QUOTEDB_BINARY, "--db", db.c_str(), "--quiet", "import",
          "--commit-articles", commit, dir.c_str(), static_cast<char*>(nullptr));
    _exit(127);
  }
  return pid;
}

// Starts `quotedb --db DB import DIR` and SIGKILLs it after `delay`.
void ImportAndKill(const std::string& db, const std::string& dir, std::chrono::milliseconds delay,
                   const char* commit = "16") {
  pid_t pid = StartImport(db, dir, commit);
  std::this_thread::sleep_for(delay);
  kill(pid, SIGKILL);
  int st = 0;
  waitpid(pid, &st, 0);
}

// Writes `n` short articles with attributed quotes into `dir`.
void WriteArticles(const fs::path& dir, int n) {
  fs::create_directories(dir);
  const char* names[] = {"Ana Silva", "Ben Okoro", "Chen Wei", "Dora Novak", "Eli Haddad"};
  for (int i = 0; i < n; ++i) {
    std::string name = "a";
    name.append(std::to_string(1000 + i)).append(".txt");
    std::ofstream f(dir / name);
    f << "Story number " << i << " about the budget\n";
    for (int p = 0; p < 12; ++p) {
      const char* who = names[(i + p) % 5];
      f << "\u201cParagraph " << p << " of story " << i << " says the plan costs " << (i * 7 + p)
        << " million,\u201d said " << who << ".\n";
      f << "The council met again on the matter of item " << p << " in session " << i << ".\n";
    }
  }
}

std::set<std::string> ContentHashes(const std::string& db) {
  auto [code, out] = Run({"--db", db, "quotes", "--limit", "1000000", "--format", "jsonl"});
  REQUIRE(code == 0);
  std::set<std::string> hashes;
  size_t start = 0;
  while (start < out.size()) {
    size_t end = out.find('\n', start);
    if (end == std::string::npos) end = out.size();
    auto j = nlohmann::json::parse(out.substr(start, end - start), nullptr, false);
    if (!j.is_discarded()) hashes.insert(j["id"].get<std::string>() + j["content_hash"].get<std::string>());
    start = end + 1;
  }
  return hashes;
}

}  // namespace

TEST_CASE("crash: imports killed at random moments leave a sound, resumable database",
          "[crash][cli]") {
  // Batched commits (16 articles), and ingested ones (200 articles: kills land while table
  // files are staged or ingested).
  const char* commit = GENERATE("16", "200");
  INFO("--commit-articles " << commit);
  TempDir input, killed, clean;
  WriteArticles(input.path, 600);

  std::mt19937 rng(Catch::rngSeed());
  std::uniform_int_distribution<int> delay_ms(30, 400);
  for (int round = 0; round < 8; ++round) {
    ImportAndKill(killed.str(), input.str(), std::chrono::milliseconds(delay_ms(rng)), commit);
    if (!fs::exists(killed.path / "CURRENT")) continue;  // killed before the database existed
    auto r = quotedb::testing::RunQuotedb(
        " --db " + quotedb::testing::ShellQuote(killed.str()) + " verify --format json",
        quotedb::testing::Stderr::kFold);
    INFO("round " << round << ": " << r.out);
    // Killed while RocksDB created the column families: no database yet, and verify says so.
    if (r.out.find("creation was interrupted") != std::string::npos) continue;
    REQUIRE(r.code == 0);
  }
  // Finishing the import gives what one clean import gives.
  REQUIRE(Run({"--db", killed.str(), "--quiet", "import", input.str()}).first == 0);
  REQUIRE(Run({"--db", clean.str(), "--quiet", "import", input.str()}).first == 0);
  auto stats_killed = Run({"--db", killed.str(), "stats", "--format", "json"}).second;
  auto stats_clean = Run({"--db", clean.str(), "stats", "--format", "json"}).second;
  auto a = nlohmann::json::parse(stats_killed), b = nlohmann::json::parse(stats_clean);
  a.erase("db");
  b.erase("db");
  CHECK(a == b);
  CHECK(a["articles"] == 600);
  CHECK(ContentHashes(killed.str()) == ContentHashes(clean.str()));
  CHECK(Run({"--db", killed.str(), "verify"}).first == 0);
}

TEST_CASE("live readers: verify and stats beside a running import see whole articles",
          "[crash][cli]") {
  // On a loaded machine an import can end before a reader gets in: then again with twice the
  // articles (a run without a read beside the import proves nothing either way).
  int reads = 0;
  for (int n = 1200; reads == 0 && n <= 4800; n *= 2) {
    TempDir input, db;
    WriteArticles(input.path, n);
    pid_t pid = StartImport(db.str(), input.str());
    int status = 0;
    int64_t last = 0;
    while (waitpid(pid, &status, WNOHANG) == 0) {
      if (!fs::exists(db.path / "CURRENT")) {
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
        continue;
      }
      auto [vcode, vout] = Run({"--db", db.str(), "verify", "--format", "json"});
      auto [scode, sout] = Run({"--db", db.str(), "stats", "--format", "json"});
      // The first moments of a new database (before quotedb's own meta is written) may refuse;
      // once a reader has seen it, every reader must.
      if (reads == 0 && (vcode != 0 || scode != 0)) continue;
      INFO("read " << reads << ": " << vout << " / " << sout);
      CHECK(vcode == 0);
      REQUIRE(scode == 0);
      auto stats = nlohmann::json::parse(sout);
      int64_t articles = stats["articles"].get<int64_t>();
      CHECK(articles >= last);
      CHECK(stats["statements"].get<int64_t>() == 12 * articles);  // whole articles only
      last = articles;
      ++reads;
    }
    REQUIRE(WIFEXITED(status));
    CHECK(WEXITSTATUS(status) == 0);
    auto [code, out] = Run({"--db", db.str(), "stats", "--format", "json"});
    REQUIRE(code == 0);
    CHECK(nlohmann::json::parse(out)["articles"] == n);
  }
  INFO("reads beside the import: " << reads);
  CHECK(reads > 0);
}
