// DBImpl: quotedb::DB over RocksDB. Key and value grammar: schema/FORMAT.md.
//
// Writes: one WriteBatch per article carries the article, its text, statements, speakers,
// aliases, every index entry and the counters, so a crash leaves an article wholly in or
// wholly out. Writers are serialised by write_mu_ (a single process holds the LOCK file), which
// is what lets speaker and counter updates read-modify-write without merge operators.
// Reads: every query takes a snapshot and reads all column families through it.
//
// The implementation is split by concern: db_impl.cc (open, options, low-level reads),
// write.cc (import), read.cc (queries). Further concerns add a file of their own.
#ifndef QUOTEDB_ENGINE_STORE_DB_IMPL_H_
#define QUOTEDB_ENGINE_STORE_DB_IMPL_H_

#include <rocksdb/db.h>
#include <rocksdb/filter_policy.h>
#include <rocksdb/options.h>
#include <rocksdb/table.h>
#include <rocksdb/write_batch.h>
#include <xxhash.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <filesystem>
#include <functional>
#include <map>
#include <mutex>
#include <shared_mutex>
#include <set>
#include <unordered_map>
#include <unordered_set>

#include "quotedb/db.h"
#include "quotedb/claims.h"
#include "quotedb/keys.h"
#include "quotedb/text.h"
#include "schema/serialize.h"
#include "store/hit_cache.h"
#include "store/huge_pages.h"
#include "store/rocks_status.h"
#include "store/speaker_keys.h"

namespace quotedb::store {

enum Cf : size_t {
  kDefault = 0,
  kMeta,
  kArticles,
  kBodies,
  kStatements,
  kSpeakers,
  kSources,
  kAliases,
  kBySpeaker,
  kBySource,
  kByDate,
  kByContent,
  kByBody,
  kTerms,
  kLsh,          // crosscheck: statement MinHash bands
  kSignatures,   // crosscheck: statement MinHash signatures
  kBodyLsh,      // crosscheck: article body MinHash bands (syndication)
  kSyndication,  // crosscheck: article -> syndication group and body signature
  kSyndMembers,  // crosscheck: syndication group -> member articles
  kClaims,       // claims: statement key -> Claim
  kByProp,       // claims: proposition key | polarity | statement key -> (empty)
  kRegistry,     // registry: speaker key of a registered name or alias -> speaker id (u64)
  kNumCfs
};

inline constexpr const char* kCfNames[kNumCfs] = {
    "default",    "meta",     "articles", "bodies",     "statements", "speakers", "sources",
    "aliases",    "by_speaker", "by_source", "by_date", "by_content", "by_body",  "terms",
    "lsh",        "signatures", "body_lsh", "syndication", "synd_members",
    "claims",     "by_prop",  "registry"};

// The `lsh` and `body_lsh` keys start with band(u8) | bucket hash(u64): their prefix extractor.
inline constexpr size_t kBandPrefixBytes = 9;
// An `lsh` key: the band prefix, then the statement key.
inline constexpr size_t kLshKeySize = kBandPrefixBytes + keys::kStatementKeySize;
// The `by_content` keys start with content_hash(16).
inline constexpr size_t kContentPrefixBytes = 16;
// The `terms` keys start with term_hash(u64).
inline constexpr size_t kTermPrefixBytes = 8;

// ReadOptions for seeks to one band bucket of `lsh` or `body_lsh`, one content hash of
// `by_content` or one word of `terms` (the keys of one prefix):
// the prefix bloom filters skip the tables that do not hold the bucket. An iterator made with
// them is valid only within the prefix it was sought to.
inline rocksdb::ReadOptions BandReadOptions(const rocksdb::ReadOptions& base) {
  rocksdb::ReadOptions ro = base;
  ro.total_order_seek = false;
  ro.prefix_same_as_start = true;
  return ro;
}

inline constexpr char kMetaSchemaVersion[] = "schema_version";
inline constexpr char kMetaHashSeed[] = "hash_seed";
inline constexpr char kMetaCounters[] = "counters";
inline constexpr char kMetaCreatedBy[] = "created_by";
inline constexpr char kMetaNextChunk[] = "next_chunk";
// "1" when the database lists common word pairs in `terms` for every statement (keys.h,
// PairTermHash): written when the database is created, never later.
inline constexpr char kMetaWordPairs[] = "word_pairs";

inline std::string U32Value(uint32_t v) {
  std::string s;
  keys::PutU32(&s, v);
  return s;
}

// Key prefix for `date` bounds of an id|date index: [id|from, id|to+1).
inline std::pair<std::string, std::string> IdDateRange(uint64_t id, int64_t from, int64_t to) {
  std::string lo, hi;
  keys::PutU64(&lo, id);
  keys::PutI64Ordered(&lo, from);
  if (to == kUnknownDate || to == std::numeric_limits<int64_t>::max()) {
    keys::PutU64(&hi, id);
    hi = keys::PrefixSuccessor(hi);
  } else {
    keys::PutU64(&hi, id);
    keys::PutI64Ordered(&hi, to + 1);
  }
  return {lo, hi};
}

// Hash128 values are hashes already: either half serves as a hash map's hash.
struct Hash128Hasher {
  size_t operator()(const Hash128& h) const noexcept { return static_cast<size_t>(h.lo ^ h.hi); }
};

class DBImpl final : public DB {
 public:
  DBImpl(std::string dir, Options options)
      : dir_(std::move(dir)), options_(options), hit_cache_(options.hit_cache_bytes) {}

  ~DBImpl() override {
    if (db_) {
      if (!options_.read_only) CommitPending();
      committer_.reset();  // joins the committer thread (CommitPending waited for its work)
      if (!options_.read_only) db_->FlushWAL(true);
      for (auto* h : handles_) db_->DestroyColumnFamilyHandle(h);
      handles_.clear();
      db_->Close();
    }
    if (!secondary_dir_.empty()) {
      std::error_code ec;
      std::filesystem::remove_all(secondary_dir_, ec);
    }
  }

  Status Init();

  Result<ImportResult> ImportPrepared(PreparedArticle&& article,
                                      const std::vector<ExtractedQuote>& quotes) override;
  Status Sync() override;
  Status CatchUp() override;
  Result<std::vector<StatementHit>> Quotes(const QuoteQuery& query) override;
  Result<std::vector<StatementHit>> WhoSaid(std::string_view text, size_t limit) override;
  Result<std::vector<Speaker>> FindSpeakers(std::string_view name, size_t limit) override;
  Result<Article> GetArticle(const ArticleId& id, bool with_text) override;
  Result<Stats> GetStats() override;
  Result<VerifyReport> Verify(size_t max_problems) override;
  Status Compact() override;
  Status ForEachStatement(const std::function<bool(const StatementHit&)>& fn) override;
  Status ForEachArticle(const std::function<bool(const Article&)>& fn) override;
  Result<CheckResult> Check(std::string_view text, const CheckOptions& options) override;
  Result<std::vector<AttributionFinding>> AttributionReport(size_t limit) override;
  Result<Claim> GetClaim(const ArticleId& article, uint32_t ordinal) override;
  Result<std::vector<ClaimHit>> ClaimsByProposition(uint64_t proposition_key,
                                                    size_t limit) override;
  Status ForEachProposition(
      size_t max_group,
      const std::function<bool(uint64_t, std::vector<ClaimHit>&)>& fn) override;
  Result<RegistryResult> PutSpeakerRegistry(const std::vector<RegistryEntry>& entries) override;
  const std::string& dir() const override { return dir_; }

 private:
  // A read view: a snapshot and ReadOptions that use it. Released on destruction.
  class View {
   public:
    // Articles imported but not yet committed (write.cc) are committed first, so a read sees
    // every import that has returned.
    // A secondary (read-only) instance has no snapshots; it changes only in CatchUp(), which
    // waits for the views open on it, so a view there is just as consistent.
    explicit View(DBImpl* self)
        : db_((self->CommitPending(), self->db_.get())),
          following_(self->follow_mu_),
          cache_gen_(self->hit_cache_.Generation()),  // before the snapshot: hit_cache.h
          snap_(self->options_.read_only ? nullptr : db_->GetSnapshot()) {
      ro_.snapshot = snap_;
      // Scans see every key in order, whatever the family's prefix extractor; band lookups
      // ask for prefix mode themselves (BandReadOptions).
      ro_.total_order_seek = true;
    }
    ~View() {
      if (snap_ != nullptr) db_->ReleaseSnapshot(snap_);
    }
    View(const View&) = delete;
    View& operator=(const View&) = delete;
    const rocksdb::ReadOptions& ro() const { return ro_; }
    // The hit cache's generation this view may use it under (HitCache::kNone: not at all).
    uint64_t cache_gen() const { return cache_gen_; }

   private:
    rocksdb::DB* db_;
    std::shared_lock<std::shared_mutex> following_;
    uint64_t cache_gen_;
    const rocksdb::Snapshot* snap_;
    rocksdb::ReadOptions ro_;
  };

  Status Conv(const rocksdb::Status& s) const { return store::FromRocks(s, dir_); }
  Status CorruptValue(Cf cf, std::string_view key) const {
    return Status::Corruption("database " + dir_ + ": cannot decode a value in column family " +
                              kCfNames[cf] + " (key " + HexOf(key) + ")");
  }
  static std::string HexOf(std::string_view key) {
    static const char* d = "0123456789abcdef";
    std::string s;
    for (unsigned char c : key) {
      s.push_back(d[c >> 4]);
      s.push_back(d[c & 15]);
    }
    return s;
  }

  // Reads `key` from `cf`; NotFound when absent.
  Status GetRaw(const rocksdb::ReadOptions& ro, Cf cf, const std::string& key,
                std::string* value) const {
    rocksdb::PinnableSlice v;
    rocksdb::Status s = db_->Get(ro, handles_[cf], key, &v);
    if (s.IsNotFound()) return Status::NotFound("not found");
    if (!s.ok()) return Conv(s);
    value->assign(v.data(), v.size());
    return Status::OK();
  }

  // Every key in `cf` within [lo, hi), appended to *out, at most `max` (0: no limit).
  Status ScanKeys(const rocksdb::ReadOptions& base, Cf cf, const std::string& lo,
                  const std::string& hi, size_t max, std::vector<std::string>* out) const {
    rocksdb::ReadOptions ro = base;
    ro.total_order_seek = true;
    rocksdb::Slice upper(hi);
    if (!hi.empty()) ro.iterate_upper_bound = &upper;
    std::unique_ptr<rocksdb::Iterator> it(db_->NewIterator(ro, handles_[cf]));
    for (it->Seek(lo); it->Valid(); it->Next()) {
      out->emplace_back(it->key().data(), it->key().size());
      if (max && out->size() >= max) break;
    }
    return Conv(it->status());
  }
  // ScanKeys over several ranges [lo, hi) of one family (ascending; an empty hi: no bound),
  // through one iterator.
  Status ScanKeyRanges(const rocksdb::ReadOptions& base, Cf cf,
                       const std::vector<std::pair<std::string, std::string>>& ranges,
                       std::vector<std::string>* out) const {
    if (ranges.size() == 1) return ScanKeys(base, cf, ranges[0].first, ranges[0].second, 0, out);
    rocksdb::ReadOptions ro = base;
    ro.total_order_seek = true;
    std::unique_ptr<rocksdb::Iterator> it(db_->NewIterator(ro, handles_[cf]));
    for (const auto& [lo, hi] : ranges) {
      const rocksdb::Slice upper(hi);
      for (it->Seek(lo); it->Valid() && (hi.empty() || it->key().compare(upper) < 0); it->Next())
        out->emplace_back(it->key().data(), it->key().size());
      QDB_RETURN_IF_ERROR(Conv(it->status()));
    }
    return Status::OK();
  }
  // Reads `keys` of family `cf` in one MultiGet (`sorted`: they are in key order) and calls
  // fn(i, status, value) for each in turn, stopping at the first failure fn returns.
  Status MultiGetEach(const View& view, Cf cf, const std::vector<std::string>& keys, bool sorted,
                      const std::function<Status(size_t, const rocksdb::Status&,
                                                 std::string_view)>& fn);
  Status MultiGetEach(const View& view, Cf cf, const std::vector<rocksdb::Slice>& keys,
                      bool sorted,
                      const std::function<Status(size_t, const rocksdb::Status&,
                                                 std::string_view)>& fn);
  // The statements of `statement_keys`, in that order; a key without a statement is
  // corruption (an index entry pointing nowhere).
  Status ReadStatements(const View& view, const std::vector<std::string>& statement_keys,
                        std::vector<Statement>* out);

  Result<std::vector<uint64_t>> AliasIds(const rocksdb::ReadOptions& ro,
                                         const std::string& alias) const;
  // `decoded`, when given, holds the statements of `statement_keys` already read.
  Status LoadHits(const View& view, const std::vector<std::string>& statement_keys,
                  std::vector<StatementHit>* hits, std::vector<Statement>* decoded = nullptr);
  Status ResolveSpeakerQuery(const rocksdb::ReadOptions& ro, const std::string& name,
                             std::vector<SpeakerId>* ids);

  // Import commits (write.cc). Imported articles gather in `pending_` and are written by one
  // WriteBatch per commit (every Options::commit_articles articles or kCommitBytes, and by Sync, by a
  // read and on close): each family's entries sorted, so the memtable skiplist inserts run in
  // key order, and one posting list per term. Guarded by write_mu_.
  struct Commit {
    // Entries of one column family: keys and values in `buf`, sorted at commit.
    struct Family {
      HugeBytes buf;
      struct Entry {
        uint64_t head;  // the key's first 8 bytes, big-endian, zero-padded: sorts most keys
        uint32_t off, klen, vlen;
      };
      HugeVector<Entry> entries;
      void Put(std::string_view k, std::string_view v) {
        uint64_t head = 0;
        for (size_t i = 0; i < 8; ++i)
          head = (head << 8) | (i < k.size() ? static_cast<unsigned char>(k[i]) : 0u);
        entries.push_back({head, static_cast<uint32_t>(buf.size()),
                           static_cast<uint32_t>(k.size()), static_cast<uint32_t>(v.size())});
        buf.append(k);
        buf.append(v);
      }
      void Clear() {  // keeps the capacity for the next commit
        buf.clear();
        entries.clear();
      }
    };
    // The indexer's entries name their statement by its place in `skeys` (each statement's
    // key once) rather than by a copy of the 20-byte key: a statement has about 30 term
    // postings and 20 band postings (docs/performance.md, "Session 9: compact postings").
    struct TermPosting {
      uint64_t term;
      uint32_t skey_at;    // the statement key: skeys[skey_at, + kStatementKeySize)
      uint32_t places_at;  // the term's places in the statement: places[places_at, + count)
      uint32_t count;
    };
    // A statement's MinHash band: the `lsh` key band(u8) | bucket(u64) | statement key, kept
    // as 16 bytes until the commit is written (a key in `cf[kLsh]` took 29 bytes and a
    // 24-byte Entry). Only PutNearDup writes `lsh`.
    struct LshPosting {
      uint64_t bucket;
      uint32_t skey_at;  // the statement key: skeys[skey_at, + kStatementKeySize)
      uint8_t band;
    };
    Family cf[kNumCfs];
    // The families only the indexer puts entries in (write.cc, Indexer).
    static constexpr Cf kIndexerFamilies[] = {kClaims, kByProp, kLsh, kSignatures};
    HugeVector<TermPosting> terms;
    HugeVector<uint32_t> places;  // of `terms`
    HugeVector<LshPosting> lsh;   // sorted and distinct once the commit is sealed (WriteCommit)
    HugeBytes skeys;              // of `terms` and `lsh`
    size_t bytes = 0;
    // The `lsh` key of lsh[i] (the postings sorted or not) into `out`, 29 bytes.
    void LshKey(size_t i, std::string* out) const;
    // Entries of family `f` to write: `lsh` keeps its own (LshPosting).
    size_t Count(size_t f) const;
    std::chrono::steady_clock::time_point started;  // when the first article joined
    // Looked up by the writer for every article, statement and speaker mention: hash maps (their
    // order is never used: a family's entries are sorted when the commit is written). Ordered
    // maps' lookups were about 10% of the writer's samples at BBC x10 (docs/performance.md,
    // session 14).
    std::unordered_map<ArticleId, uint32_t, Hash128Hasher> articles;  // id -> statement count
    std::unordered_set<SourceId> sources;
    std::unordered_map<SpeakerId, Speaker> speakers;  // latest state of touched speakers
    std::unordered_map<std::string, std::vector<uint64_t>> aliases;  // alias key -> full id list
    std::unordered_map<std::string, std::vector<ArticleId>> body_lsh;  // band key -> articles
    std::unordered_map<ArticleId, std::string, Hash128Hasher> syndication;  // article -> value
    // content hash -> statement keys
    std::unordered_map<Hash128, std::vector<std::string>, Hash128Hasher> by_content;
    uint64_t chunk = 0;  // the term postings' chunk number, given when the commit is sealed

    // Frees the buffers the indexer fills (its families and the postings): a recycled commit
    // is given the indexer's in place of its own (write.cc, RecycleWrittenLocked).
    void ReleaseIndexerBuffers() {
      for (Cf f : kIndexerFamilies) cf[f] = Family();
      terms = decltype(terms)();
      places = decltype(places)();
      lsh = decltype(lsh)();
      skeys = decltype(skeys)();
    }
    // Empties the commit for reuse: the families' buffers keep their capacity, so the next
    // commit does not grow (and page-fault) them again from nothing.
    void Clear() {
      for (Family& f : cf) f.Clear();
      terms.clear();
      places.clear();
      lsh.clear();
      skeys.clear();
      bytes = 0;
      articles.clear();
      sources.clear();
      speakers.clear();
      aliases.clear();
      body_lsh.clear();
      syndication.clear();
      by_content.clear();
    }
  };
  // Writes the pending articles, if any, and waits until every commit is written (write_mu_
  // held): SealCommitLocked, then WaitCommittedLocked.
  Status CommitLocked();
  // Seals the pending commit (the indexer's entries, speakers, aliases, counters, its chunk
  // number) and hands it to the committer thread, after the previous one is written; the
  // writer goes on importing meanwhile, its lookups reading the in-flight commit's maps.
  Status SealCommitLocked();
  // Waits for the in-flight commit, if any, and keeps it as written_; its failure is kept in
  // commit_error_.
  Status WaitCommittedLocked();
  // Moves written_'s speakers and aliases into the writer's caches and keeps the emptied
  // commit as spare_. Deferred from WaitCommittedLocked to the next commit (SealCommitLocked,
  // once the committer has its work, or the next import): the last commit of an import is
  // never absorbed, the database being closed after it (7 ms of an import's serial tail, BBC
  // x1: docs/performance.md, session 14).
  void AbsorbWrittenLocked();
  // Empties written_ into spare_ without absorbing it.
  void RecycleWrittenLocked();
  // On the committer thread: term postings, sorted families, the write itself.
  Status WriteCommit(Commit* c);
  struct Committer;
  // ingest.cc: writes a commit whose families' entries are sorted and distinct as one table
  // file per family and ingests them together (atomic across families, no write-ahead log,
  // no memtable). Used for commits of kIngestBytes or more; smaller ones go through a
  // WriteBatch.
  Status IngestCommit(Commit* c);
  // ingest.cc: removes table files a killed ingestion left in the staging directory.
  void RemoveStagedTables();
  // Takes write_mu_ and commits; a failure is kept and returned by the next import or Sync.
  void CommitPending();

  // Import helpers (write_mu_ held).
  struct PendingWrite {
    std::map<SpeakerId, Speaker> speakers;  // changed or new speakers
    std::set<SpeakerId> new_speakers;
    std::map<std::string, std::vector<uint64_t>> aliases;  // alias key -> full id list
    // Statements of speakers that the pending commit holds and that this article changes in
    // nothing else (TouchSpeaker's short way): added to the commit's copies once it is whole.
    std::map<SpeakerId, uint64_t> counted;
    Counters counters;
  };
  // Finds or creates the speaker `mention` names and records what the mention adds to it (in
  // pw); returns its id, 0 when the mention names no one.
  Result<SpeakerId> TouchSpeaker(const SpeakerMention& mention, PendingWrite* pw);
  // Counts a statement for speaker `id`, which TouchSpeaker returned for this article.
  static void CountStatement(SpeakerId id, PendingWrite* pw);
  // registry.cc: the registered speaker whose name or alias has speaker key `key`; 0 if none.
  Result<SpeakerId> RegistryId(const std::string& key) const;

  // Cross-checks and syndication (near_dup.cc, crosscheck.cc).
  // Adds the statement's MinHash signature and LSH bands to `batch`.
  // `words` are IndexTerms(st.text).
  // `skey_at`: the statement's key in batch->skeys.
  // `new_wording`: no statement stored before this one has its content hash (WordingsStored).
  // When false, the words are already signed and banded under that statement: only the content
  // hash is written to `signatures`, and no bands (schema/FORMAT.md, "Cross-checks").
  void PutNearDup(Commit* batch, uint32_t skey_at, const Statement& st,
                  const std::vector<std::string>& words, bool new_wording);
  // Sets (*stored)[i] when content_hashes[i] was stored before statement i of the article
  // being imported: by an earlier statement of the article, in the staged commits (`batch`,
  // which does not hold the article yet, and inflight_), or in the database. Entries already
  // set (PutSyndication found the words in the article's group) are not looked up again.
  Status WordingsStored(const Commit* batch, const std::vector<Hash128>& content_hashes,
                        std::vector<char>* stored) const;
  // Finds the syndication group of article `a` (near-identical body), writes its entries and
  // counts in pw->counters the statements that repeat one already stored in the group.
  // Pending entries it reads (pending_'s body_lsh, syndication, by_content) are this commit's
  // earlier articles; the article's own go to `mine` and join pending_ once it succeeds.
  // `signature` is the body's MinHash (PrepareArticle); empty: the body is too short to group.
  // Sets (*in_group)[i] (sized to content_hashes) for each statement whose words it found
  // stored in the group.
  Status PutSyndication(Commit* batch, const Article& a, const std::vector<uint32_t>& signature,
                        const std::vector<Hash128>& content_hashes, PendingWrite* pw,
                        Commit* mine, std::vector<char>* in_group);
  // The syndication group (its first article) of article `id`; `id` itself when alone.
  Result<ArticleId> SyndicationRoot(const rocksdb::ReadOptions& ro, const ArticleId& id,
                                    std::map<ArticleId, ArticleId>* cache) const;
  // Folds syndicated copies in `hits` into one hit each, filling StatementHit::sources.
  // `content_it`, when given, is an iterator over `by_content` in prefix mode
  // (BandReadOptions of view.ro()) that the caller made already: it is used instead of a new one.
  Status CollapseSyndicated(const View& view, std::vector<StatementHit>* hits,
                            rocksdb::Iterator* content_it = nullptr);
  // `hits` with CollapseSyndicated applied: what statement queries return.
  Result<std::vector<StatementHit>> Folded(const View& view, std::vector<StatementHit> hits,
                                           rocksdb::Iterator* content_it = nullptr);
  Status AddAlias(const std::string& alias, SpeakerId id, PendingWrite* pw);
  Result<std::vector<uint64_t>> PendingAliasIds(const std::string& alias);
  // Claims (claims_write.cc): the statement's claim frame and its by_prop entry.
  Status PutClaim(Commit* batch, ClaimBuilder* builder, const std::string& statement_key,
                  const Statement& st, const std::vector<SpeakerMention>& mentions,
                  std::string_view article_text);
  // Loads the claims of `statement_keys` with their statements (claims_read.cc).
  Status LoadClaimHits(const View& view, const std::vector<std::string>& statement_keys,
                       std::vector<ClaimHit>* out);

  Status MakeSecondaryDir();

  std::string dir_;
  std::string secondary_dir_;  // read-only: the secondary instance's own directory
  std::shared_mutex follow_mu_;  // views share it; CatchUp() takes it alone
  Options options_;
  std::unique_ptr<rocksdb::DB> db_;
  std::vector<rocksdb::ColumnFamilyHandle*> handles_;
  std::shared_ptr<rocksdb::Cache> cache_;
  // Decoded speakers, sources, article heads and syndication roots for query hits; every
  // write that changes them is bracketed by BeginChange/EndChange (ChangeScope).
  HitCache hit_cache_;
  struct ChangeScope {
    explicit ChangeScope(HitCache* c) : c_(c) { c_->BeginChange(); }
    ~ChangeScope() { c_->EndChange(); }
    ChangeScope(const ChangeScope&) = delete;
    ChangeScope& operator=(const ChangeScope&) = delete;
    HitCache* c_;
  };

  std::mutex write_mu_;
  std::unique_ptr<Commit> pending_;      // guarded by write_mu_
  std::unique_ptr<Commit> spare_;        // guarded by write_mu_: the last commit, cleared
  // Guarded by write_mu_: the last commit written, not yet absorbed (AbsorbWrittenLocked).
  std::unique_ptr<Commit> written_;
  // Guarded by write_mu_: the sealed commit the committer is writing (its maps are read, never
  // changed, by the import's lookups; the committer touches only its families and terms).
  std::unique_ptr<Commit> inflight_;
  std::shared_ptr<Committer> committer_;  // made on the first commit
  std::atomic<bool> has_pending_{false};  // pending_ holds articles: reads must commit first
  Status commit_error_;                  // guarded by write_mu_: a failed commit, kept
  bool schema_current_ = true;           // guarded by write_mu_: meta says kSchemaVersion
  // meta/word_pairs, read at open: every statement's common word pairs are in `terms`, so
  // who-said may look a phrase up by its pairs, and imports must write them.
  bool word_pairs_ = false;
  // Guarded by write_mu_: the `registry` family holds no entry (read at open, cleared by
  // PutSpeakerRegistry), so TouchSpeaker need not look each name up in it.
  bool registry_empty_ = false;
  // write.cc: a thread beside the writer that builds each imported statement's claim frame,
  // MinHash signature, LSH bands and term postings (none of which later imports read) into
  // entries that CommitLocked adds to the commit. Made on the first import.
  struct Indexer;
  std::shared_ptr<Indexer> indexer_;  // guarded by write_mu_
  Counters counters_;  // guarded by write_mu_; mirrors meta/counters
  uint64_t next_chunk_ = 0;  // guarded by write_mu_; mirrors meta/next_chunk (term postings)
  uint64_t staged_ = 0;      // names staged table files; used by one commit at a time
  // WriteCommit's sorting space for the term and band postings (BucketSort, write.cc); used by
  // one commit at a time.
  HugeVector<Commit::TermPosting> term_scratch_;
  HugeVector<Commit::LshPosting> lsh_scratch_;
  // WriteCommit's term posting lists, lent to the commit being written; used by one commit at a
  // time.
  Commit::Family terms_family_;
  // Guarded by write_mu_: the stored alias id lists and speaker records the writer has read or
  // committed, so that an import reads each from RocksDB once rather than once per commit
  // (each read probes every table of the family, and their number grows with the corpus).
  // Filled from reads and from each commit once it is written; cleared when a commit fails,
  // after a registry write, and when past kMaxWriterCache entries (write.cc).
  std::unordered_map<std::string, std::vector<uint64_t>> stored_aliases_;
  std::unordered_map<SpeakerId, Speaker> stored_speakers_;
  void ClearWriterCaches() {
    RecycleWrittenLocked();  // its speakers and aliases are as stored then, perhaps not now
    stored_aliases_.clear();
    stored_speakers_.clear();
  }
};


}  // namespace quotedb::store

#endif  // QUOTEDB_ENGINE_STORE_DB_IMPL_H_
