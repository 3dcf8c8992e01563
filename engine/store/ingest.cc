// Large commits as table files: each column family's sorted entries are written with
// rocksdb::SstFileWriter into the staging directory `<db>/ingest/` and the files of all
// families are ingested by one IngestExternalFiles call, which RocksDB records in the MANIFEST
// atomically: after a crash either every family holds the commit or none does. The staged
// files are moved (hard-linked), not copied. Measured in docs/performance.md.
//
// Why: a commit through a WriteBatch is written three times (the batch, the write-ahead log,
// the memtable's skiplist) and a fourth by the flush that turns the memtable into a table
// file; the commit's entries are already sorted and distinct (CommitLocked), which is all a
// table file needs. Ingestion is also durable on return (the files and the MANIFEST are
// synced), where a WriteBatch commit waits for Sync().
#include <rocksdb/sst_file_writer.h>

#include "store/db_impl.h"
#include "store/parallel.h"

namespace quotedb::store {

namespace fs = std::filesystem;

namespace {
constexpr char kStagingDir[] = "ingest";
// How many entries ahead of the one being written the next key is prefetched.
constexpr size_t kPrefetchAhead = 8;
}  // namespace

void DBImpl::RemoveStagedTables() {
  std::error_code ec;
  fs::remove_all(fs::path(dir_) / kStagingDir, ec);
}

Status DBImpl::IngestCommit(Commit* c) {
  const fs::path staging = fs::path(dir_) / kStagingDir;
  std::error_code ec;
  fs::create_directories(staging, ec);
  if (ec) {
    return Status::IOError("cannot create " + staging.string() + ": " + ec.message());
  }
  const uint64_t commit_no = ++staged_;
  // One table file per family, written by two threads (this one and a helper), the largest
  // families first: the last commit of an import is written while nothing else runs.
  std::vector<size_t> order;
  auto bytes = [c](size_t f) {
    return f == kLsh ? c->lsh.size() * kLshKeySize : c->cf[f].buf.size();
  };
  for (size_t f = 0; f < kNumCfs; ++f)
    if (c->Count(f) != 0) order.push_back(f);
  std::stable_sort(order.begin(), order.end(),
                   [&](size_t x, size_t y) { return bytes(x) > bytes(y); });
  std::vector<std::string> paths(kNumCfs);
  std::vector<rocksdb::Status> written(kNumCfs);
  auto write_family = [&](size_t f) {
    const Commit::Family& fam = c->cf[f];
    rocksdb::Options o(db_->GetDBOptions(), db_->GetOptions(handles_[f]));
    // Level-0 compression for the new file (compactions recompress it for the bottom level):
    // zstd here would cost more CPU than the rest of the commit.
    // The families that do not compress say so in their options (CfOptions).
    o.bottommost_compression = rocksdb::kDisableCompressionOption;
    rocksdb::SstFileWriter writer(rocksdb::EnvOptions(), o, handles_[f],
                                  /*invalidate_page_cache=*/false);
    const std::string path =
        (staging / (std::to_string(commit_no) + "-" + kCfNames[f] + ".sst")).string();
    paths[f] = path;
    rocksdb::Status s = writer.Open(path);
    if (f == kLsh) {  // band postings, sorted and distinct (WriteCommit): keys made here
      std::string key;
      for (size_t i = 0; s.ok() && i < c->lsh.size(); ++i) {
        c->LshKey(i, &key);
        s = writer.Put(key, rocksdb::Slice());
      }
      if (s.ok()) s = writer.Finish();
      written[f] = s;
      return;
    }
    const char* base = fam.buf.data();
    const size_t n = fam.entries.size();
    for (size_t i = 0; s.ok() && i < n; ++i) {
      // The entries are sorted, their keys and values are where they were put: each is a
      // cache miss (the writer's order check compared them, 10% of a commit's samples), so
      // the ones a few entries ahead are fetched meanwhile.
      if (i + kPrefetchAhead < n) __builtin_prefetch(base + fam.entries[i + kPrefetchAhead].off);
      const auto& e = fam.entries[i];
      s = writer.Put(rocksdb::Slice(base + e.off, e.klen),
                     rocksdb::Slice(base + e.off + e.klen, e.vlen));
    }
    if (s.ok()) s = writer.Finish();
    written[f] = s;
  };
  OnTwoThreads(order.size(), [&](size_t i) { write_family(order[i]); });
  auto cleanup = [&]() {
    for (const std::string& p : paths)
      if (!p.empty()) fs::remove(p, ec);
  };
  std::vector<rocksdb::IngestExternalFileArg> args;
  for (size_t f = 0; f < kNumCfs; ++f) {
    if (paths[f].empty()) continue;
    if (!written[f].ok()) {
      cleanup();
      return Conv(written[f]);
    }
    rocksdb::IngestExternalFileArg arg;
    arg.column_family = handles_[f];
    arg.external_files = {paths[f]};
    arg.options.move_files = true;
    arg.options.snapshot_consistency = true;
    arg.options.allow_global_seqno = true;
    arg.options.allow_blocking_flush = true;  // a family's memtable may hold an older value
    arg.options.write_global_seqno = false;   // the seqno lives in the MANIFEST, not the file
    args.push_back(std::move(arg));
  }
  if (args.empty()) return Status::OK();
  Status s = Conv(db_->IngestExternalFiles(args));
  // Moved files are hard links: removing the staged names leaves the database's own.
  cleanup();
  return s;
}

Status DBImpl::Compact() {
  if (options_.read_only) return Status::NotSupported("the database is open read-only");
  {
    std::lock_guard<std::mutex> lock(write_mu_);
    QDB_RETURN_IF_ERROR(CommitLocked());
  }
  rocksdb::CompactRangeOptions co;
  co.bottommost_level_compaction = rocksdb::BottommostLevelCompaction::kForceOptimized;
  for (size_t f = 0; f < kNumCfs; ++f)
    QDB_RETURN_IF_ERROR(Conv(db_->CompactRange(co, handles_[f], nullptr, nullptr)));
  return Status::OK();
}

}  // namespace quotedb::store
