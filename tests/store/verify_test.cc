#include <catch2/catch.hpp>
#include <rocksdb/db.h>

#include "quotedb/db.h"
#include "quotedb/keys.h"
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
  std::vector<std::string> names;
  REQUIRE(rocksdb::DB::ListColumnFamilies(rocksdb::DBOptions(), dir, &names).ok());
  std::vector<rocksdb::ColumnFamilyDescriptor> cfs;
  for (auto& n : names) cfs.emplace_back(n, rocksdb::ColumnFamilyOptions());
  std::vector<rocksdb::ColumnFamilyHandle*> handles;
  rocksdb::DB* raw = nullptr;
  REQUIRE(rocksdb::DB::Open(rocksdb::DBOptions(), dir, cfs, &handles, &raw).ok());
  size_t idx = std::find(names.begin(), names.end(), cf) - names.begin();
  REQUIRE(idx < names.size());
  std::unique_ptr<rocksdb::Iterator> it(raw->NewIterator(rocksdb::ReadOptions(), handles[idx]));
  it->SeekToFirst();
  for (size_t i = 0; i < pick && it->Valid(); ++i) it->Next();
  REQUIRE(it->Valid());
  std::string key = it->key().ToString();
  it.reset();
  REQUIRE(raw->Delete(rocksdb::WriteOptions(), handles[idx], key).ok());
  for (auto* h : handles) raw->DestroyColumnFamilyHandle(h);
  delete raw;
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
