#include "store/rocks_status.h"

namespace quotedb::store {

Status FromRocks(const rocksdb::Status& s, const std::string& dir) {
  if (s.ok()) return Status::OK();
  std::string detail = s.ToString();
  if (s.IsNotFound()) return Status::NotFound(detail);
  if (s.IsCorruption()) return Status::Corruption("database " + dir + " is corrupt: " + detail);
  if (s.IsInvalidArgument()) return Status::InvalidArgument(detail);
  if (s.IsNotSupported()) return Status::NotSupported(detail);
  if (s.IsBusy() || s.IsTimedOut() || s.IsTryAgain())
    return Status::Busy("database " + dir + " is busy: " + detail);
  if (s.IsIOError()) {
    // RocksDB reports a held LOCK file as an IO error ("While lock file: ... Resource
    // temporarily unavailable", or "lock hold by current process").
    if (detail.find("lock") != std::string::npos || detail.find("LOCK") != std::string::npos) {
      return Status::Busy("the database at " + dir +
                          " is in use by another quotedb process; wait for it to finish, "
                          "or use another --db");
    }
    if (s.IsNoSpace()) return Status::IOError("no space left for database " + dir + ": " + detail);
    return Status::IOError("I/O error on database " + dir + ": " + detail);
  }
  return Status::IOError("database " + dir + ": " + detail);
}

}  // namespace quotedb::store
