// The writer's caches of stored aliases and speakers (db_impl.h, write.cc): an import that
// spans many commits must resolve names as one that reads every alias from the store.
#include <catch2/catch.hpp>

#include <string>

#include "quotedb/db.h"
#include "store/open_or_die.h"
#include "test_util.h"

using namespace quotedb;
using quotedb::testing::MakeArticle;
using quotedb::testing::OpenOrDie;
using quotedb::testing::Quote;
using quotedb::testing::TempDir;

namespace {

void ImportSaid(DB* db, int i, const std::string& speaker) {
  Article a = MakeArticle("Council story " + std::to_string(i),
                          "The council met on day " + std::to_string(i) + ".", "Town Crier",
                          20000 + i);
  auto r = db->ImportArticle(
      a, {Quote("The budget for day " + std::to_string(i) + " is balanced", speaker)});
  INFO(r.status().ToString());
  REQUIRE(r.ok());
}

std::string SpeakerOf(DB* db, int i) {
  auto r = db->WhoSaid("The budget for day " + std::to_string(i) + " is balanced", 10);
  REQUIRE(r.ok());
  REQUIRE(r->size() == 1);
  REQUIRE((*r)[0].speakers.size() == 1);
  return (*r)[0].speakers[0];
}

}  // namespace

TEST_CASE("writer caches: a surname resolves by what earlier commits stored", "[store][writer_cache]") {
  TempDir dir;
  Options o;
  o.commit_articles = 1;  // every article its own commit: later ones read what earlier ones stored
  auto db = OpenOrDie(dir.str(), o);
  ImportSaid(db.get(), 0, "Lena Hartmann");
  ImportSaid(db.get(), 1, "Hartmann");  // the one Hartmann known: joins her
  REQUIRE(db->Sync().ok());
  CHECK(SpeakerOf(db.get(), 1) == "Lena Hartmann");

  // A second Hartmann is stored by a later commit: the surname's id list (cached by the
  // writer after the first lookups) now holds two, and a lone "Hartmann" joins neither.
  ImportSaid(db.get(), 2, "Tom Hartmann");
  ImportSaid(db.get(), 3, "Hartmann");
  REQUIRE(db->Sync().ok());
  CHECK(SpeakerOf(db.get(), 2) == "Tom Hartmann");
  CHECK(SpeakerOf(db.get(), 3) == "Hartmann");

  // The same after reopening (nothing cached): the store agrees with what the caches said.
  db.reset();
  auto again = OpenOrDie(dir.str(), o);
  ImportSaid(again.get(), 4, "Hartmann");
  REQUIRE(again->Sync().ok());
  CHECK(SpeakerOf(again.get(), 4) == "Hartmann");
  auto stats = again->GetStats();
  REQUIRE(stats.ok());
  CHECK(stats->counters.speakers == 3);  // Lena, Tom, and the lone Hartmann
}
