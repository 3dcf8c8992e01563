// A reader beside a running import: a read-only handle is a RocksDB secondary instance that
// reads what the writer has committed and follows it with CatchUp().
#include <catch2/catch.hpp>
#include <filesystem>

#include "quotedb/db.h"
#include "store/open_or_die.h"
#include "test_util.h"

using namespace quotedb;
using quotedb::testing::MakeArticle;
using quotedb::testing::OpenOrDie;
using quotedb::testing::Quote;
using quotedb::testing::TempDir;

namespace {


uint64_t Articles(DB* db) {
  auto st = db->GetStats();
  REQUIRE(st.ok());
  return st->counters.articles;
}

void ImportOne(DB* db, int i) {
  Article a = MakeArticle("Harbour story " + std::to_string(i),
                          "The harbour master spoke on day " + std::to_string(i) + ".",
                          "Harbour Times", 20000 + i);
  auto r = db->ImportArticle(
      a, {Quote("The tide tables for day " + std::to_string(i) + " are wrong", "Ana Reyes")});
  INFO(r.status().ToString());
  REQUIRE(r.ok());
}

}  // namespace

TEST_CASE("store: a reader beside the writer sees committed articles and follows", "[store]") {
  TempDir dir;
  auto writer = OpenOrDie(dir.str());
  for (int i = 0; i < 3; ++i) ImportOne(writer.get(), i);
  REQUIRE(writer->Sync().ok());  // imports are committed in groups; Sync() commits the rest

  Options ro;
  ro.read_only = true;
  ro.create_if_missing = false;
  auto reader = OpenOrDie(dir.str(), ro);
  CHECK(Articles(reader.get()) == 3);
  auto hits = reader->WhoSaid("The tide tables for day 1 are wrong", 10);
  INFO(hits.status().ToString());
  REQUIRE(hits.ok());
  REQUIRE(hits->size() == 1);
  CHECK(hits->front().speakers.front() == "Ana Reyes");

  // Writes are refused on the reader, and refused without harm.
  auto refused = reader->ImportArticle(MakeArticle("x", "y", "z", 1), {});
  CHECK(refused.status().IsNotSupported());

  // The writer goes on; the reader sees the new articles after CatchUp(), whole.
  for (int i = 3; i < 40; ++i) ImportOne(writer.get(), i);
  REQUIRE(writer->Sync().ok());
  REQUIRE(reader->CatchUp().ok());
  CHECK(Articles(reader.get()) == 40);
  auto late = reader->WhoSaid("The tide tables for day 39 are wrong", 10);
  REQUIRE(late.ok());
  CHECK(late->size() == 1);
  CHECK(writer->CatchUp().ok());  // a no-op on the writer

  // Closing the reader leaves nothing behind but the database.
  reader.reset();
  writer.reset();
  auto again = OpenOrDie(dir.str());
  CHECK(Articles(again.get()) == 40);
}
