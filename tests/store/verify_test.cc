#include <catch2/catch.hpp>
#include <rocksdb/db.h>

#include "quotedb/db.h"
#include "quotedb/keys.h"
#include "store/raw_db.h"
#include "test_util.h"

using namespace quotedb;
using quotedb::testing::MakeArticle;
using quotedb::testing::Quote;
using quotedb::testing::TempDir;

namespace {

void Populate(const std::string& dir) {
  auto db = DB::Open(dir, Options{});
  REQUIRE(db.ok());
  REQUIRE((*db)->ImportArticle(MakeArticle("One", "a", "a.example", 10),
                               {Quote("Words of one.", "Ann Example"), Quote("More words.", "Bo Example")})
              .ok());
  REQUIRE((*db)->ImportArticle(MakeArticle("Two", "b", "b.example", 11),
                               {Quote("Words of two.", "Ann Example")})
              .ok());
}

// Deletes one key from column family `cf`, chosen by `pick` among its keys, with RocksDB
// directly: the kind of damage verify must find.
void DeleteOneKey(const std::string& dir, const std::string& cf, size_t pick) {
  quotedb::testing::RawDb raw(dir);
  std::unique_ptr<rocksdb::Iterator> it(raw.db()->NewIterator(rocksdb::ReadOptions(), raw.cf(cf)));
  it->SeekToFirst();
  for (size_t i = 0; i < pick && it->Valid(); ++i) it->Next();
  REQUIRE(it->Valid());
  std::string key = it->key().ToString();
  it.reset();
  REQUIRE(raw.db()->Delete(rocksdb::WriteOptions(), raw.cf(cf), key).ok());
}

VerifyReport VerifyDir(const std::string& dir) {
  auto db = DB::Open(dir, Options{});
  REQUIRE(db.ok());
  auto report = (*db)->Verify(10);
  REQUIRE(report.ok());
  return *report;
}

}  // namespace

TEST_CASE("verify: a database written by the engine is sound", "[store][verify]") {
  TempDir dir;
  Populate(dir.str());
  VerifyReport r = VerifyDir(dir.str());
  INFO((r.problems.empty() ? "" : r.problems.front()));
  CHECK(r.ok());
  CHECK_FALSE(r.keys_per_family.empty());
}

TEST_CASE("verify: finds a missing index entry, a dangling entry and wrong counters",
          "[store][verify]") {
  auto [family, expect] = GENERATE(table<std::string, std::string>({
      {"by_speaker", "has no by_speaker entry"},
      {"by_content", "has no by_content entry"},
      {"terms", "has no terms"},
      {"statements", "points to a missing statement"},
      {"bodies", "has no text"},
      {"speakers", "missing speaker"},
  }));
  TempDir dir;
  Populate(dir.str());
  DeleteOneKey(dir.str(), family, 0);
  VerifyReport r = VerifyDir(dir.str());
  INFO(family);
  CHECK_FALSE(r.ok());
  bool found = false;
  for (const auto& p : r.problems) found |= p.find(expect) != std::string::npos;
  INFO((r.problems.empty() ? "" : r.problems.front()));
  CHECK(found);
}

TEST_CASE("verify: finds a posting list whose word places disagree with the text",
          "[store][verify]") {
  TempDir dir;
  Populate(dir.str());
  {
    // Rewrite the first `terms` list with every place one further on.
    quotedb::testing::RawDb raw(dir.str());
    std::unique_ptr<rocksdb::Iterator> it(
        raw.db()->NewIterator(rocksdb::ReadOptions(), raw.cf("terms")));
    it->SeekToFirst();
    REQUIRE(it->Valid());
    const std::string key = it->key().ToString(), value = it->value().ToString();
    it.reset();
    keys::PostingReader r(value);
    REQUIRE(r.placed());
    std::vector<std::string> skeys;
    std::vector<std::vector<uint32_t>> places;
    std::vector<uint32_t> p;
    uint32_t ordinal = 0;
    while (r.NextGroup()) {
      ArticleId a;
      std::string_view in = r.article();
      REQUIRE(keys::GetHash128(&in, &a));
      while (r.NextEntry(&ordinal, &p)) {
        skeys.push_back(keys::StatementKey(a, ordinal));
        for (uint32_t& x : p) ++x;
        places.push_back(p);
      }
    }
    REQUIRE(r.ok());
    std::vector<keys::PlacedPosting> in;
    for (size_t i = 0; i < skeys.size(); ++i)
      in.push_back({skeys[i], places[i].data(), static_cast<uint32_t>(places[i].size())});
    std::string moved;
    keys::EncodePlacedPostings(in, &moved);
    REQUIRE(raw.db()->Put(rocksdb::WriteOptions(), raw.cf("terms"), key, moved).ok());
  }
  VerifyReport r = VerifyDir(dir.str());
  CHECK_FALSE(r.ok());
  bool found = false;
  for (const auto& p : r.problems) found |= p.find("do not match its text") != std::string::npos;
  INFO((r.problems.empty() ? "" : r.problems.front()));
  CHECK(found);
}
