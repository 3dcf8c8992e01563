// Opening a database in the store tests: the test stops, naming the status, when it fails.
#ifndef QUOTEDB_TESTS_STORE_OPEN_OR_DIE_H_
#define QUOTEDB_TESTS_STORE_OPEN_OR_DIE_H_

#include <catch2/catch.hpp>

#include <memory>
#include <string>

#include "quotedb/db.h"

namespace quotedb::testing {

inline std::unique_ptr<DB> OpenOrDie(const std::string& dir, Options o = {}) {
  auto db = DB::Open(dir, o);
  INFO(db.status().ToString());
  REQUIRE(db.ok());
  return std::move(db).value();
}

}  // namespace quotedb::testing

#endif  // QUOTEDB_TESTS_STORE_OPEN_OR_DIE_H_
