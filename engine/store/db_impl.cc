// Opening a database and the options of its column families.
#include "store/db_impl.h"

#include <rocksdb/slice_transform.h>
#include <rocksdb/write_buffer_manager.h>

#include <stdlib.h>

#include <cerrno>
#include <cstring>

namespace quotedb::store {

namespace fs = std::filesystem;

namespace {

rocksdb::ColumnFamilyOptions CfOptions(Cf cf, const std::shared_ptr<rocksdb::Cache>& cache,
                                       bool bulk_import) {
  rocksdb::ColumnFamilyOptions o;
  rocksdb::BlockBasedTableOptions t;
  t.block_cache = cache;
  t.filter_policy.reset(rocksdb::NewBloomFilterPolicy(10, false));
  // The date-ordered indexes are only ever read by range (a speaker's, a source's or a date's
  // statements; a proposition's claims) and by_body by a prefix with no extractor: a filter of
  // whole keys would never be asked, only built and held (at BBC x40, 1.6 of the 5.4 MiB of
  // filters the tables' readers held).
  if (cf == kBySpeaker || cf == kBySource || cf == kByDate || cf == kByBody || cf == kByProp)
    t.filter_policy.reset();
  t.format_version = 5;
  // Tables' index and filter blocks (held by their readers, outside the cache) and the filter a
  // table being written builds are charged to the shared block cache, as memtables are (the
  // WriteBufferManager below): the cache gives up data blocks for them, so the three together
  // stay near Options::block_cache_bytes until the readers alone pass it. Uncharged, readers
  // took 17 MB more at BBC x40 and peak RSS was 225 MiB; charged, 195 MiB, time unchanged
  // (docs/performance.md, session 11). Held in the cache instead (cache_index_and_filter_blocks,
  // whole or partitioned), the import's peak RSS was flat from x10 to x80, but the import took
  // 1.15-1.19 the time at x40 and who-said 1.2-1.3 the time (session 16); a bulk import holds
  // in the cache those of the families it never reads (below), which costs it nothing.
  using Role = rocksdb::CacheEntryRole;
  using Decision = rocksdb::CacheEntryRoleOptions::Decision;
  auto& charged = t.cache_usage_options.options_overrides;
  charged.insert({Role::kBlockBasedTableReader, {Decision::kEnabled}});
  charged.insert({Role::kFilterConstruction, {Decision::kEnabled}});
  // Filters sized to the allocator's size classes: the same false-positive rate in less of
  // the memory the readers hold.
  t.optimize_filters_for_memory = true;
  if (cf == kBodies) t.block_size = 32 * 1024;
  // Families read by point lookups (a query reads the statement, speakers, source, article
  // and syndication group of every hit): a hash index in each data block finds a key without
  // the binary search and the linear scan of a restart interval.
  if (cf == kStatements || cf == kArticles || cf == kSpeakers || cf == kSources ||
      cf == kSyndication) {
    t.data_block_index_type = rocksdb::BlockBasedTableOptions::kDataBlockBinaryAndHash;
    t.data_block_hash_table_util_ratio = 0.75;
    // The hash finds the key's restart interval, which is then scanned key by key: intervals
    // of 4 keys rather than 16 (word search, 50 hits: 6% fewer instructions; the BBC database 0.2% larger).
    t.block_restart_interval = 4;
  }
  // Band keys are read by prefix (band | bucket hash, 9 bytes) and most buckets an import or a
  // check probes are empty: a prefix bloom answers those without reading a block. Tables
  // written before the extractor was set are read as before, without the filter.
  if (cf == kLsh || cf == kBodyLsh) {
    o.prefix_extractor.reset(rocksdb::NewFixedPrefixTransform(kBandPrefixBytes));
    t.whole_key_filtering = false;
  }
  // by_content is read by prefix too (content hash, 16 bytes): at every import, once per
  // statement of a syndicated article, and by who-said.
  if (cf == kByContent) {
    o.prefix_extractor.reset(rocksdb::NewFixedPrefixTransform(kContentPrefixBytes));
    t.whole_key_filtering = false;
    // A seek ends in a scan of the restart interval it lands in: 4 keys rather than 16 (with
    // terms below, exact who-said 3% fewer instructions, word search 1%; the database 0.2% larger).
    t.block_restart_interval = 4;
  }
  // terms: a word's posting lists share its hash (8 bytes); word search seeks to a few words,
  // and each import's commit adds a table, so the bloom skips the tables without the word.
  if (cf == kTerms) {
    o.prefix_extractor.reset(rocksdb::NewFixedPrefixTransform(kTermPrefixBytes));
    t.whole_key_filtering = false;
    t.block_restart_interval = 4;  // as by_content's: seeks
  }
  // A bulk import never reads these families (it reads articles, speakers, aliases, sources,
  // by_content, signatures, syndication and body_lsh to decide what to write): their index
  // and filter blocks go through the block cache, where they wait out the import unread,
  // instead of being held by each table's reader for as long as the table lives.
  if (bulk_import && (cf == kStatements || cf == kBodies || cf == kClaims || cf == kTerms ||
                      cf == kLsh || cf == kBySpeaker || cf == kBySource || cf == kByDate ||
                      cf == kByBody || cf == kSyndMembers || cf == kByProp)) {
    t.cache_index_and_filter_blocks = true;
  }
  o.table_factory.reset(rocksdb::NewBlockBasedTableFactory(t));
  o.compression = rocksdb::kLZ4Compression;
  o.bottommost_compression = rocksdb::kZSTD;
  // MinHash signatures (and the body signature that fills a syndication value) are random:
  // LZ4 left them at 1.00 of their size on the BBC import, so no level compresses them; nor
  // the hash-keyed indexes by_content (0.84) and by_body (0.95).
  if (cf == kSignatures || cf == kSyndication || cf == kByContent || cf == kByBody) {
    o.compression = rocksdb::kNoCompression;
    o.bottommost_compression = rocksdb::kNoCompression;
  }
  // Posting lists are delta-coded already: LZ4 left them at 0.94 of their size, and they were
  // 30% of the bytes an import compressed (LZ4 was 3% of its CPU); band keys are random hashes
  // (1.03). Only the bottom level, which compactions write once, is compressed (BBC x1 by turns:
  // 0.99, within the noise). Ingestion writes level-0 files (ingest.cc): these uncompressed.
  if (cf == kTerms || cf == kLsh || cf == kBodyLsh) o.compression = rocksdb::kNoCompression;
  // Memtables grow by 1 MB blocks rather than write_buffer_size / 8 (8 MB): 22 families each
  // holding one 8 MB block would take 176 MB before any of them holds much.
  o.arena_block_size = 1u << 20;
  // No bloom filter over memtable keys: large commits bypass the memtables (ingest.cc), so
  // they stay small, and each filter cost 1.3 MB of memory per family, zeroed again at every
  // flush, whether the memtable was used or not.
  return o;
}
}  // namespace

Status DBImpl::Init() {
  std::error_code ec;
  bool exists = fs::exists(dir_, ec);
  bool has_current = exists && fs::exists(fs::path(dir_) / "CURRENT", ec);
  if (exists && !fs::is_directory(dir_, ec)) {
    return Status::InvalidArgument(dir_ + " is a file, not a quotedb database directory");
  }
  if (exists && !has_current) {
    // A creation that was interrupted (the process killed before RocksDB wrote CURRENT) leaves
    // only RocksDB's own files: LOCK, LOG*, IDENTITY, MANIFEST-*, OPTIONS-*, *.log, *.dbtmp.
    // Such a directory is created over; anything else is someone's data and is left alone.
    bool only_rocksdb_files = true;
    for (const auto& entry : fs::directory_iterator(dir_, ec)) {
      std::string name = entry.path().filename().string();
      auto ends_with = [&](const char* suffix) {
        std::string_view n(name), x(suffix);
        return n.size() >= x.size() && n.substr(n.size() - x.size()) == x;
      };
      bool rocks = name == "LOCK" || name == "IDENTITY" || name.rfind("LOG", 0) == 0 ||
                   name.rfind("MANIFEST-", 0) == 0 || name.rfind("OPTIONS-", 0) == 0 ||
                   ends_with(".log") || ends_with(".dbtmp");
      if (!rocks || !entry.is_regular_file(ec)) only_rocksdb_files = false;
    }
    bool empty = fs::is_empty(dir_, ec);
    if (!empty && only_rocksdb_files && options_.create_if_missing && !options_.read_only) {
      // Nothing was committed before CURRENT existed: clear the leftovers (RocksDB refuses to
      // create a database over an old WAL), keeping LOCK, which may still be held.
      for (const auto& entry : fs::directory_iterator(dir_, ec)) {
        if (entry.path().filename() != "LOCK") fs::remove(entry.path(), ec);
      }
    }
    if (!empty && !only_rocksdb_files) {
      return Status::InvalidArgument(dir_ +
                                     " is not a quotedb database (the directory is not empty and "
                                     "holds no database); choose another --db");
    }
  }
  if (!has_current && (options_.read_only || !options_.create_if_missing)) {
    return Status::NotFound("no quotedb database at " + dir_ +
                            " (import something first, or check --db)");
  }
  // A creation killed after RocksDB wrote CURRENT but before every column family (or the meta
  // records) existed leaves a database that is quotedb's but unfinished: the next writer
  // finishes it, a reader finds no database yet.
  bool unfinished = false;
  if (has_current) {
    std::vector<std::string> names;
    rocksdb::Status s = rocksdb::DB::ListColumnFamilies(rocksdb::DBOptions(), dir_, &names);
    if (!s.ok()) return Conv(s);
    if (std::find(names.begin(), names.end(), "meta") == names.end()) {
      bool ours = std::all_of(names.begin(), names.end(), [](const std::string& n) {
        return std::find(std::begin(kCfNames), std::end(kCfNames), n) != std::end(kCfNames);
      });
      if (!ours) {
        return Status::InvalidArgument(dir_ + " holds a RocksDB database that is not quotedb's");
      }
      unfinished = true;
      // Only quotedb's family names and no meta: the default family, which quotedb never
      // writes, must be empty too, or this is someone else's database. Checked before anything
      // is created in it.
      if (!options_.read_only) {
        std::vector<rocksdb::ColumnFamilyDescriptor> existing;
        for (const std::string& n : names) existing.emplace_back(n, rocksdb::ColumnFamilyOptions());
        std::vector<rocksdb::ColumnFamilyHandle*> hs;
        rocksdb::DB* peek = nullptr;
        s = rocksdb::DB::OpenForReadOnly(rocksdb::DBOptions(), dir_, existing, &hs, &peek);
        if (!s.ok()) return Conv(s);
        bool empty_default = true;
        {
          std::unique_ptr<rocksdb::Iterator> it(peek->NewIterator(rocksdb::ReadOptions(), hs[0]));
          it->SeekToFirst();
          empty_default = !it->Valid();
        }
        for (auto* h : hs) peek->DestroyColumnFamilyHandle(h);
        delete peek;
        if (!empty_default) {
          return Status::InvalidArgument(dir_ + " holds a RocksDB database that is not quotedb's");
        }
      }
    }
    // A reader cannot add families; a creation killed between two of them is unfinished too.
    if (options_.read_only && names.size() < kNumCfs) {
      for (const char* n : kCfNames)
        if (std::find(names.begin(), names.end(), n) == names.end()) unfinished = true;
    }
  }
  const std::string unfinished_message =
      "the quotedb database at " + dir_ +
      " is not complete: its creation was interrupted, or an older quotedb wrote it (the next "
      "import completes it)";
  if (unfinished && options_.read_only) return Status::NotFound(unfinished_message);

  cache_ = rocksdb::NewLRUCache(options_.block_cache_bytes);
  rocksdb::DBOptions dbo;
  dbo.create_if_missing = options_.create_if_missing;
  dbo.create_missing_column_families = true;
  dbo.max_background_jobs = 2;
  // Opening loads every table's reader; RocksDB does it on up to 16 new threads per column
  // family, started and joined family by family (352 threads for our 22 at every open, each
  // start and join about 3.5 ms of wall here). A family holds a few tables: load them in the
  // opening thread.
  dbo.max_file_opening_threads = 1;
  // Every memtable together stays under this (the largest is flushed first), so an import's
  // memory does not grow with the corpus: 22 families at 64 MB each could otherwise hold 1.4 GB.
  // They are charged to the shared block cache, so the two together stay near its size.
  dbo.write_buffer_manager =
      std::make_shared<rocksdb::WriteBufferManager>(64u << 20, cache_);
  dbo.keep_log_file_num = 3;
  dbo.info_log_level = rocksdb::InfoLogLevel::WARN_LEVEL;
  std::vector<rocksdb::ColumnFamilyDescriptor> cfs;
  for (size_t i = 0; i < kNumCfs; ++i)
    cfs.emplace_back(kCfNames[i], CfOptions(static_cast<Cf>(i), cache_, options_.bulk_import));
  rocksdb::DB* raw = nullptr;
  rocksdb::Status s;
  if (options_.read_only) {
    // A reader beside a running import opens a RocksDB secondary instance: it keeps every file
    // it reads open (max_open_files = -1), so the writer's compactions cannot pull a table from
    // under it, and CatchUp() replays what the writer has committed since. Its own small
    // MANIFEST and info log go to a private directory under the system temp dir.
    QDB_RETURN_IF_ERROR(MakeSecondaryDir());
    dbo.max_open_files = -1;
    dbo.create_if_missing = false;
    // A table deleted by the writer between listing and opening fails the open: try again.
    for (int attempt = 0; attempt < 5; ++attempt) {
      s = rocksdb::DB::OpenAsSecondary(dbo, dir_, secondary_dir_, cfs, &handles_, &raw);
      if (s.ok() || !(s.IsIOError() || s.IsPathNotFound())) break;
      handles_.clear();
    }
  } else if (!has_current) {
    // A new database: RocksDB rewrites its OPTIONS file for every column family that Open
    // creates one by one (a tenth of a small import); CreateColumnFamilies writes it once.
    std::vector<rocksdb::ColumnFamilyDescriptor> defaults(cfs.begin(), cfs.begin() + 1);
    s = rocksdb::DB::Open(dbo, dir_, defaults, &handles_, &raw);
    if (s.ok()) {
      std::vector<rocksdb::ColumnFamilyDescriptor> rest(cfs.begin() + 1, cfs.end());
      std::vector<rocksdb::ColumnFamilyHandle*> more;
      s = raw->CreateColumnFamilies(rest, &more);
      handles_.insert(handles_.end(), more.begin(), more.end());
      if (!s.ok()) {
        for (auto* h : handles_) raw->DestroyColumnFamilyHandle(h);
        handles_.clear();
        delete raw;
        raw = nullptr;
      }
    }
  } else {
    s = rocksdb::DB::Open(dbo, dir_, cfs, &handles_, &raw);
  }
  if (!s.ok()) return Conv(s);
  db_.reset(raw);
  // A secondary opens at the writer's last flush; replay its write-ahead log too.
  if (options_.read_only) QDB_RETURN_IF_ERROR(Conv(db_->TryCatchUpWithPrimary()));

  rocksdb::ReadOptions ro;
  std::string v;
  Status st = GetRaw(ro, kMeta, kMetaSchemaVersion, &v);
  if (st.IsNotFound()) {
    if (options_.read_only) return Status::NotFound(unfinished_message);
    rocksdb::WriteBatch b;
    b.Put(handles_[kMeta], kMetaSchemaVersion, U32Value(kSchemaVersion));
    std::string seed;
    keys::PutU64(&seed, 0);
    b.Put(handles_[kMeta], kMetaHashSeed, seed);
    b.Put(handles_[kMeta], kMetaCreatedBy, "quotedb 0.1.0");
    b.Put(handles_[kMeta], kMetaCounters, schema::EncodeCounters(Counters{}));
    if (options_.index_word_pairs) b.Put(handles_[kMeta], kMetaWordPairs, "1");
    rocksdb::WriteOptions wo;
    wo.sync = true;
    QDB_RETURN_IF_ERROR(Conv(db_->Write(wo, &b)));
    word_pairs_ = options_.index_word_pairs;
    registry_empty_ = true;
    return Status::OK();
  }
  QDB_RETURN_IF_ERROR(st);
  std::string_view in(v);
  uint32_t version = 0;
  if (!keys::GetU32(&in, &version)) return CorruptValue(kMeta, kMetaSchemaVersion);
  if (version > kSchemaVersion) {
    return Status::NotSupported("the database at " + dir_ + " was written by schema version " +
                                std::to_string(version) + "; this quotedb reads versions up to " +
                                std::to_string(kSchemaVersion) +
                                ". Use a newer quotedb (one that reads schema version " +
                                std::to_string(version) + ")");
  }
  // A version 1 database is read as it is (readers accept both layouts of `terms`); the
  // first commit that writes the version 2 layout also records version 2.
  schema_current_ = version >= kSchemaVersion;
  st = GetRaw(ro, kMeta, kMetaWordPairs, &v);
  if (st.ok()) {
    word_pairs_ = v == "1";
  } else if (!st.IsNotFound()) {
    return st;
  }
  st = GetRaw(ro, kMeta, kMetaCounters, &v);
  if (st.ok()) {
    if (!schema::DecodeCounters(v, &counters_)) return CorruptValue(kMeta, kMetaCounters);
  } else if (!st.IsNotFound()) {
    return st;
  }
  st = GetRaw(ro, kMeta, kMetaNextChunk, &v);
  if (st.ok()) {
    std::string_view nin(v);
    if (!keys::GetU64(&nin, &next_chunk_)) return CorruptValue(kMeta, kMetaNextChunk);
  } else if (!st.IsNotFound()) {
    return st;
  }
  {
    std::unique_ptr<rocksdb::Iterator> it(db_->NewIterator(ro, handles_[kRegistry]));
    it->SeekToFirst();
    QDB_RETURN_IF_ERROR(Conv(it->status()));
    registry_empty_ = !it->Valid();
  }
  // Tables staged by an ingestion that a crash interrupted were never part of the database.
  if (!options_.read_only) RemoveStagedTables();
  return Status::OK();
}
Status DBImpl::MakeSecondaryDir() {
  std::error_code ec;
  fs::path base = fs::temp_directory_path(ec);
  if (ec) base = "/tmp";
  std::string tmpl = (base / "quotedb-reader-XXXXXX").string();
  if (::mkdtemp(tmpl.data()) == nullptr) {
    return Status::IOError("cannot create a reader's directory under " + base.string() + ": " +
                           std::strerror(errno));
  }
  secondary_dir_ = tmpl;
  return Status::OK();
}

Status DBImpl::CatchUp() {
  if (!options_.read_only || !db_) return Status::OK();
  std::unique_lock<std::shared_mutex> alone(follow_mu_);
  ChangeScope changing(&hit_cache_);  // the writer's commits since the last catch-up
  return Conv(db_->TryCatchUpWithPrimary());
}
}  // namespace quotedb::store

namespace quotedb {

Result<std::unique_ptr<DB>> DB::Open(const std::string& dir, const Options& options) {
  auto impl = std::make_unique<store::DBImpl>(dir, options);
  Status s = impl->Init();
  if (!s.ok()) return s;
  return std::unique_ptr<DB>(std::move(impl));
}

}  // namespace quotedb
