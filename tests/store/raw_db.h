// A quotedb database opened with RocksDB directly, every column family, for tests that damage
// or rewrite stored bytes the way a bug or a disk could.
#ifndef QUOTEDB_TESTS_STORE_RAW_DB_H_
#define QUOTEDB_TESTS_STORE_RAW_DB_H_

#include <catch2/catch.hpp>
#include <rocksdb/db.h>

#include <algorithm>
#include <memory>
#include <string>
#include <vector>

namespace quotedb::testing {

class RawDb {
 public:
  explicit RawDb(const std::string& dir) {
    REQUIRE(rocksdb::DB::ListColumnFamilies(rocksdb::DBOptions(), dir, &names_).ok());
    std::vector<rocksdb::ColumnFamilyDescriptor> cfs;
    for (auto& n : names_) cfs.emplace_back(n, rocksdb::ColumnFamilyOptions());
    rocksdb::DB* raw = nullptr;
    REQUIRE(rocksdb::DB::Open(rocksdb::DBOptions(), dir, cfs, &handles_, &raw).ok());
    db_.reset(raw);
  }
  ~RawDb() {
    for (auto* h : handles_) db_->DestroyColumnFamilyHandle(h);
  }
  RawDb(const RawDb&) = delete;
  RawDb& operator=(const RawDb&) = delete;

  rocksdb::DB* db() { return db_.get(); }
  // The handle of family `name`; fails the test when there is none.
  rocksdb::ColumnFamilyHandle* cf(const std::string& name) {
    auto it = std::find(names_.begin(), names_.end(), name);
    REQUIRE(it != names_.end());
    return handles_[static_cast<size_t>(it - names_.begin())];
  }

 private:
  std::vector<std::string> names_;
  std::vector<rocksdb::ColumnFamilyHandle*> handles_;
  std::unique_ptr<rocksdb::DB> db_;
};

}  // namespace quotedb::testing

#endif  // QUOTEDB_TESTS_STORE_RAW_DB_H_
