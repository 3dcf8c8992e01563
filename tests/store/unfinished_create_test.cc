// A creation killed after RocksDB wrote CURRENT but before every column family existed: the
// next writer finishes it, a reader beside a writer says there is no database yet, and a
// RocksDB database that is someone else's is still refused.
#include <rocksdb/db.h>

#include <catch2/catch.hpp>

#include "quotedb/db.h"
#include "test_util.h"

using namespace quotedb;
using quotedb::testing::MakeArticle;
using quotedb::testing::Quote;
using quotedb::testing::TempDir;

namespace {

// A RocksDB database with the default family (holding one key when `data`) and `families`.
void MakeRocks(const std::string& dir, const std::vector<std::string>& families, bool data) {
  rocksdb::Options o;
  o.create_if_missing = true;
  rocksdb::DB* raw = nullptr;
  REQUIRE(rocksdb::DB::Open(o, dir, &raw).ok());
  std::unique_ptr<rocksdb::DB> db(raw);
  if (data) REQUIRE(db->Put(rocksdb::WriteOptions(), "k", "v").ok());
  for (const std::string& f : families) {
    rocksdb::ColumnFamilyHandle* h = nullptr;
    REQUIRE(db->CreateColumnFamily(rocksdb::ColumnFamilyOptions(), f, &h).ok());
    REQUIRE(db->DestroyColumnFamilyHandle(h).ok());
  }
}

void ImportsAndCounts(const std::string& dir) {
  auto db = DB::Open(dir, Options{});
  INFO(db.status().ToString());
  REQUIRE(db.ok());
  auto r = (*db)->ImportArticle(MakeArticle("Pier", "The pier opens.", "Quay News", 20100),
                                {Quote("The pier opens in May", "Ana Reyes")});
  REQUIRE(r.ok());
  auto st = (*db)->GetStats();
  REQUIRE(st.ok());
  CHECK(st->counters.articles == 1);
  CHECK(st->schema_version >= 2);
}

}  // namespace

TEST_CASE("open: a creation killed between column families is finished by the next writer",
          "[store]") {
  SECTION("only the default family") {
    TempDir dir;
    MakeRocks(dir.str(), {}, false);
    ImportsAndCounts(dir.str());
  }
  SECTION("some of quotedb's families, no meta records") {
    TempDir dir;
    MakeRocks(dir.str(), {"meta", "articles"}, false);
    ImportsAndCounts(dir.str());
  }
}

TEST_CASE("open: a reader beside a writer finds an unfinished creation is no database yet",
          "[store]") {
  TempDir dir;
  MakeRocks(dir.str(), {"meta"}, false);
  Options ro;
  ro.read_only = true;
  ro.create_if_missing = false;
  auto db = DB::Open(dir.str(), ro);
  REQUIRE_FALSE(db.ok());
  CHECK(db.status().IsNotFound());
  CHECK(db.status().message().find("creation was interrupted") != std::string::npos);
}

TEST_CASE("open: someone else's RocksDB database is refused and left as it was", "[store]") {
  SECTION("a default family with data") {
    TempDir dir;
    MakeRocks(dir.str(), {}, true);
    auto db = DB::Open(dir.str(), Options{});
    REQUIRE_FALSE(db.ok());
    CHECK(db.status().message().find("not quotedb's") != std::string::npos);
    // Nothing was added: refused again the same way.
    std::vector<std::string> names;
    REQUIRE(rocksdb::DB::ListColumnFamilies(rocksdb::DBOptions(), dir.str(), &names).ok());
    CHECK(names == std::vector<std::string>{"default"});
  }
  SECTION("a family quotedb does not have") {
    TempDir dir;
    MakeRocks(dir.str(), {"users"}, false);
    auto db = DB::Open(dir.str(), Options{});
    REQUIRE_FALSE(db.ok());
    CHECK(db.status().message().find("not quotedb's") != std::string::npos);
  }
}
