// End to end through the quotedb binary: import fixtures/crosscheck, then check, stats and
// report attributions. These run the real extractor on the fixtures, so they also check that
// the fixtures' quotes are attributed as written.
#include <catch2/catch.hpp>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>

#include "cli_util.h"

namespace {

struct Run {
  int rc = -1;
  std::string out;
};

std::string Shell(const std::string& s) { return quotedb::testing::ShellQuote(s); }

Run Quotedb(const std::string& db, const std::string& args) {
  auto r = quotedb::testing::RunQuotedb("--db " + Shell(db) + " " + args);
  return Run{r.code, std::move(r.out)};
}

struct ImportedFixtures {
  std::filesystem::path dir;
  ImportedFixtures() {
    dir = std::filesystem::temp_directory_path() /
          ("qdb-crosscheck-cli-" + std::to_string(::getpid()));
    std::filesystem::remove_all(dir);
    Run r = Quotedb(dir.string(), std::string("-q import ") +
                                      Shell(std::string(QUOTEDB_SOURCE_DIR) + "/fixtures/crosscheck"));
    REQUIRE(r.rc == 0);
  }
  ~ImportedFixtures() { std::filesystem::remove_all(dir); }
  std::string db() const { return dir.string(); }
};

nlohmann::json Json(const Run& r) {
  INFO(r.out);
  auto j = nlohmann::json::parse(r.out, nullptr, false);
  REQUIRE_FALSE(j.is_discarded());
  return j;
}

}  // namespace

TEST_CASE("quotedb check and report attributions on the cross-check fixtures",
          "[crosscheck][cli]") {
  ImportedFixtures fx;

  SECTION("one line given to two people in two outlets") {
    Run r = Quotedb(fx.db(), "check " +
                                 Shell("We will not raise taxes on working families while I am in office") +
                                 " --speaker " + Shell("John Smith") + " --format json");
    CHECK(r.rc == 0);
    auto j = Json(r);
    CHECK(j["verdict"] == "misattributed");
    REQUIRE(j["speakers"].size() == 2);
    CHECK(j["statements"].size() == 2);
    for (const auto& s : j["speakers"]) {
      CHECK(s["sources"].size() == 1);
      CHECK(s["first_seen"].is_string());
    }
    Run alvarez = Quotedb(fx.db(), "check " +
                                       Shell("We will not raise taxes on working families while I am in office") +
                                       " --speaker Alvarez --format json");
    CHECK(Json(alvarez)["verdict"] == "confirmed");
  }

  SECTION("a quote that drifted between outlets") {
    Run r = Quotedb(fx.db(), "check " +
                                 Shell("The budget will protect schools and hospitals from any cuts next year") +
                                 " --speaker " + Shell("Ana Ruiz") + " --format json");
    CHECK(r.rc == 0);
    auto j = Json(r);
    CHECK(j["verdict"] == "confirmed");
    REQUIRE(j["variants"].size() == 1);
    const auto& v = j["variants"][0];
    CHECK(v["similarity"].get<double>() > 0.8);
    CHECK(v["diff"].get<std::string>().find("[-budget-] {+spending plan+}") != std::string::npos);
    CHECK(v["statement"]["source"] == "valleypost.example");

    Run altered = Quotedb(fx.db(), "check " +
                                       Shell("The budget will protect our schools from any cuts next year") +
                                       " --format json");
    CHECK(Json(altered)["verdict"] == "altered");
  }

  SECTION("a wire story in three outlets is counted once") {
    auto stats = Json(Quotedb(fx.db(), "stats --format json"));
    CHECK(stats["syndicated_articles"] == 2);
    CHECK(stats["unique_statements"].get<int>() < stats["statements"].get<int>());
    Run r = Quotedb(fx.db(), "check " +
                                 Shell("Every family that has lost its home will get help, and nobody "
                                       "will be left to cope alone") +
                                 " --speaker Hartmann --format json");
    auto j = Json(r);
    CHECK(j["verdict"] == "confirmed");
    REQUIRE(j["statements"].size() == 1);
    CHECK(j["statements"][0]["sources"].size() == 3);
    REQUIRE(j["speakers"].size() == 1);
    CHECK(j["speakers"][0]["independent_sources"] == 1);
    auto who = Json(Quotedb(fx.db(), "who-said " + Shell("nobody will be left to cope alone") +
                                         " --format json"));
    REQUIRE(who.size() == 1);
    CHECK(who[0]["sources"].size() == 3);
  }

  SECTION("common phrases are not variants, unknown words are not found") {
    Run r = Quotedb(fx.db(), "check " + Shell("At the end of the day, nobody knows what the weather will do") +
                                 " --format json");
    CHECK(r.rc == 1);
    CHECK(Json(r)["verdict"] == "not-found");
  }

  SECTION("report attributions lists the misattribution and the drift, strongest first") {
    Run r = Quotedb(fx.db(), "report attributions --format json");
    CHECK(r.rc == 0);
    auto j = Json(r);
    REQUIRE(j.size() == 2);
    CHECK(j[0]["kind"] == "misattributed");
    CHECK(j[1]["kind"] == "altered");
    CHECK(j[0]["score"].get<double>() >= j[1]["score"].get<double>());
  }

  SECTION("bad input") {
    CHECK(Quotedb(fx.db(), "check " + Shell("...") + " --format json").rc == 2);
    CHECK(Quotedb(fx.db(), "check").rc == 2);
  }
}
