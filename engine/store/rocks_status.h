// The one place where rocksdb::Status becomes quotedb::Status.
#ifndef QUOTEDB_ENGINE_STORE_ROCKS_STATUS_H_
#define QUOTEDB_ENGINE_STORE_ROCKS_STATUS_H_

#include <rocksdb/status.h>

#include <string>

#include "quotedb/status.h"

namespace quotedb::store {

// Converts `s`; `dir` names the database in messages. A lock failure becomes Busy with a
// plain sentence that names the directory.
Status FromRocks(const rocksdb::Status& s, const std::string& dir);

}  // namespace quotedb::store

#endif
