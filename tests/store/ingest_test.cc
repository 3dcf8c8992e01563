// Large commits are written as table files and ingested (engine/store/ingest.cc); small ones
// through a WriteBatch. Both must read back the same, together, across reopens.
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>

#include "quotedb/db.h"
#include "store/open_or_die.h"
#include "test_util.h"

using namespace quotedb;
using quotedb::testing::MakeArticle;
using quotedb::testing::OpenOrDie;
using quotedb::testing::Quote;
using quotedb::testing::TempDir;

namespace {


// Article i: about 6 KB of body (so two hundred make a commit of more than 1 MB) and two
// quotes, one by a speaker shared by every article and one by the article's own speaker.
void ImportNumbered(DB* db, int i) {
  std::string n = std::to_string(i);
  // Words drawn by a small generator seeded with i, so no two bodies look like copies of
  // one story (which would fold their statements into one syndicated hit).
  static const char* kWords[] = {"berth",  "crane",   "tide",    "ferry",  "cargo",  "pilot",
                                 "quay",   "dredger", "channel", "buoy",   "hull",   "anchor",
                                 "harbour", "vessel", "tug",     "wharf",  "lock",   "dock",
                                 "tanker", "mooring", "port",    "keel",   "ballast", "stern"};
  uint64_t x = 0x9E3779B97F4A7C15ull * static_cast<uint64_t>(i + 1);
  std::string body;
  for (int k = 0; k < 700; ++k) {
    x ^= x << 13;
    x ^= x >> 7;
    x ^= x << 17;
    body += kWords[x % 24];
    body += (k % 12 == 11) ? ". " : " ";
  }
  Article a = MakeArticle("Harbour report " + n, body, "Harbour Times", 20000 + i % 50,
                          "https://harbour.example/report/" + n);
  auto r = db->ImportArticle(
      a, {Quote("Berth " + n + " reopens after the dredging of channel " + n, "Ana Reyes"),
          Quote("Crane number " + n + " failed its inspection twice", "Pilot " + n)});
  INFO(r.status().ToString());
  REQUIRE(r.ok());
  REQUIRE(r->outcome == ImportOutcome::kNew);
}

void CheckAll(DB* db, int articles) {
  auto st = db->GetStats();
  REQUIRE(st.ok());
  CHECK(st->counters.articles == static_cast<uint64_t>(articles));
  CHECK(st->counters.statements == static_cast<uint64_t>(2 * articles));
  auto report = db->Verify(10);
  REQUIRE(report.ok());
  INFO((report->problems.empty() ? std::string() : report->problems.front()));
  CHECK(report->ok());
  for (int i : {0, articles / 2, articles - 1}) {
    std::string n = std::to_string(i);
    auto hits = db->WhoSaid("Crane number " + n + " failed its inspection twice", 10);
    REQUIRE(hits.ok());
    REQUIRE(hits->size() == 1);
    CHECK(hits->front().speakers.front() == "Pilot " + n);
    QuoteQuery q;
    q.text = "dredging of channel " + n;
    auto words = db->Quotes(q);
    REQUIRE(words.ok());
    CHECK(words->size() == 1);
  }
  QuoteQuery by;
  by.speaker = "Ana Reyes";
  by.limit = 100000;
  auto ana = db->Quotes(by);
  REQUIRE(ana.ok());
  CHECK(ana->size() == static_cast<size_t>(articles));
}

}  // namespace

TEST_CASE("store: large commits are ingested as table files, small ones batched", "[store]") {
  TempDir dir;
  Options o;
  o.commit_articles = 400;  // 400 articles of ~6 KB: commits of more than 1 MB are ingested
  {
    auto db = OpenOrDie(dir.str(), o);
    for (int i = 0; i < 900; ++i) ImportNumbered(db.get(), i);  // two ingested, one batched
    REQUIRE(db->Sync().ok());
    // Batched commits stay in memtables until a flush: table files mean an ingestion.
    size_t tables = 0;
    for (const auto& e : std::filesystem::directory_iterator(dir.path))
      if (e.path().extension() == ".sst") ++tables;
    CHECK(tables > 0);
    CheckAll(db.get(), 900);
    // The staging directory holds nothing once a commit is in.
    const auto staging = dir.path / "ingest";
    if (std::filesystem::exists(staging)) CHECK(std::filesystem::is_empty(staging));
  }
  {
    // Reopened: the ingested commits are in the database, not in a write-ahead log.
    auto db = OpenOrDie(dir.str(), o);
    CheckAll(db.get(), 900);
    // A batched commit of a few articles, then an ingested one over the same keys (the
    // speaker "Ana Reyes", the counters): the newer value wins.
    for (int i = 900; i < 905; ++i) ImportNumbered(db.get(), i);
    REQUIRE(db->Sync().ok());
    for (int i = 905; i < 1400; ++i) ImportNumbered(db.get(), i);
    REQUIRE(db->Sync().ok());
    CheckAll(db.get(), 1400);
    // The same articles again change nothing.
    for (int i = 0; i < 1400; i += 97) {
      std::string n = std::to_string(i);
      auto r = db->ImportArticle(
          MakeArticle("Harbour report " + n, "", "Harbour Times", 1,
                      "https://harbour.example/report/" + n),
          {});
      REQUIRE(r.ok());
      CHECK(r->outcome == ImportOutcome::kUnchanged);
    }
  }
  {
    // A reader (secondary instance) sees the ingested commits.
    Options ro;
    ro.read_only = true;
    ro.create_if_missing = false;
    auto reader = OpenOrDie(dir.str(), ro);
    CheckAll(reader.get(), 1400);
  }
}

TEST_CASE("store: tables staged by an ingestion a crash interrupted are removed on open",
          "[store]") {
  TempDir dir;
  {
    auto db = OpenOrDie(dir.str());
    for (int i = 0; i < 3; ++i) ImportNumbered(db.get(), i);
  }
  // What a process killed between writing a staged table and ingesting it leaves behind.
  const auto staging = dir.path / "ingest";
  std::filesystem::create_directories(staging);
  { std::ofstream(staging / "7-statements.sst") << "half a table"; }
  {
    auto db = OpenOrDie(dir.str());
    CHECK_FALSE(std::filesystem::exists(staging / "7-statements.sst"));
    CheckAll(db.get(), 3);
  }
  // A reader never touches the writer's directory.
  std::filesystem::create_directories(staging);
  { std::ofstream(staging / "8-terms.sst") << "x"; }
  Options ro;
  ro.read_only = true;
  ro.create_if_missing = false;
  auto reader = OpenOrDie(dir.str(), ro);
  CHECK(std::filesystem::exists(staging / "8-terms.sst"));
}
