// DBImpl: quotedb::DB over RocksDB. Key and value grammar: schema/FORMAT.md.
//
// Writes: one WriteBatch per article carries the article, its text, statements, speakers,
// aliases, every index entry and the counters, so a crash leaves an article wholly in or
// wholly out. Writers are serialised by write_mu_ (a single process holds the LOCK file), which
// is what lets speaker and counter updates read-modify-write without merge operators.
// Reads: every query takes a snapshot and reads all column families through it.
#include <rocksdb/cache.h>
#include <rocksdb/db.h>
#include <rocksdb/filter_policy.h>
#include <rocksdb/options.h>
#include <rocksdb/table.h>
#include <rocksdb/write_batch.h>
#include <xxhash.h>

#include <algorithm>
#include <filesystem>
#include <map>
#include <mutex>
#include <set>
#include <unordered_map>
#include <unordered_set>

#include "quotedb/db.h"
#include "quotedb/keys.h"
#include "quotedb/text.h"
#include "schema/serialize.h"
#include "store/rocks_status.h"
#include "store/speaker_keys.h"

namespace quotedb {
namespace {

namespace fs = std::filesystem;

// Column families, in the order they are opened. FORMAT.md documents each.
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
  kNumCfs
};

constexpr const char* kCfNames[kNumCfs] = {
    "default",    "meta",     "articles", "bodies",     "statements", "speakers", "sources",
    "aliases",    "by_speaker", "by_source", "by_date", "by_content", "by_body",  "terms"};

constexpr char kMetaSchemaVersion[] = "schema_version";
constexpr char kMetaHashSeed[] = "hash_seed";
constexpr char kMetaCounters[] = "counters";
constexpr char kMetaCreatedBy[] = "created_by";

std::string U32Value(uint32_t v) {
  std::string s;
  keys::PutU32(&s, v);
  return s;
}

// Key prefix for `date` bounds of an id|date index: [id|from, id|to+1).
std::pair<std::string, std::string> IdDateRange(uint64_t id, int64_t from, int64_t to) {
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

class DBImpl final : public DB {
 public:
  DBImpl(std::string dir, Options options) : dir_(std::move(dir)), options_(options) {}

  ~DBImpl() override {
    if (db_) {
      if (!options_.read_only) db_->FlushWAL(true);
      for (auto* h : handles_) db_->DestroyColumnFamilyHandle(h);
      handles_.clear();
      db_->Close();
    }
  }

  Status Init();

  Result<ImportResult> ImportArticle(const Article& article,
                                     const std::vector<ExtractedQuote>& quotes) override;
  Status Sync() override;
  Result<std::vector<StatementHit>> Quotes(const QuoteQuery& query) override;
  Result<std::vector<StatementHit>> WhoSaid(std::string_view text, size_t limit) override;
  Result<std::vector<Speaker>> FindSpeakers(std::string_view name, size_t limit) override;
  Result<Article> GetArticle(const ArticleId& id, bool with_text) override;
  Result<Stats> GetStats() override;
  const std::string& dir() const override { return dir_; }

 private:
  // A read view: a snapshot and ReadOptions that use it. Released on destruction.
  class View {
   public:
    explicit View(rocksdb::DB* db) : db_(db), snap_(db->GetSnapshot()) { ro_.snapshot = snap_; }
    ~View() { db_->ReleaseSnapshot(snap_); }
    View(const View&) = delete;
    View& operator=(const View&) = delete;
    const rocksdb::ReadOptions& ro() const { return ro_; }

   private:
    rocksdb::DB* db_;
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
    rocksdb::Slice upper(hi);
    if (!hi.empty()) ro.iterate_upper_bound = &upper;
    std::unique_ptr<rocksdb::Iterator> it(db_->NewIterator(ro, handles_[cf]));
    for (it->Seek(lo); it->Valid(); it->Next()) {
      out->emplace_back(it->key().data(), it->key().size());
      if (max && out->size() >= max) break;
    }
    return Conv(it->status());
  }

  Result<std::vector<uint64_t>> AliasIds(const rocksdb::ReadOptions& ro,
                                         const std::string& alias) const;
  Status LoadHits(const View& view, const std::vector<std::string>& statement_keys,
                  std::vector<StatementHit>* hits);
  Status ResolveSpeakerQuery(const rocksdb::ReadOptions& ro, const std::string& name,
                             std::vector<SpeakerId>* ids);

  // Import helpers (write_mu_ held).
  struct PendingWrite {
    std::map<SpeakerId, Speaker> speakers;  // changed or new speakers
    std::set<SpeakerId> new_speakers;
    std::map<std::string, std::vector<uint64_t>> aliases;  // alias key -> full id list
    Counters counters;
  };
  Result<Speaker*> TouchSpeaker(const SpeakerMention& mention, PendingWrite* pw);
  Status AddAlias(const std::string& alias, SpeakerId id, PendingWrite* pw);

  std::string dir_;
  Options options_;
  std::unique_ptr<rocksdb::DB> db_;
  std::vector<rocksdb::ColumnFamilyHandle*> handles_;
  std::shared_ptr<rocksdb::Cache> cache_;

  std::mutex write_mu_;
  Counters counters_;  // guarded by write_mu_; mirrors meta/counters
};

rocksdb::ColumnFamilyOptions CfOptions(Cf cf, const std::shared_ptr<rocksdb::Cache>& cache) {
  rocksdb::ColumnFamilyOptions o;
  rocksdb::BlockBasedTableOptions t;
  t.block_cache = cache;
  t.filter_policy.reset(rocksdb::NewBloomFilterPolicy(10, false));
  t.format_version = 5;
  if (cf == kBodies) t.block_size = 32 * 1024;
  o.table_factory.reset(rocksdb::NewBlockBasedTableFactory(t));
  o.compression = rocksdb::kLZ4Compression;
  o.bottommost_compression = rocksdb::kZSTD;
  return o;
}

Status DBImpl::Init() {
  std::error_code ec;
  bool exists = fs::exists(dir_, ec);
  bool has_current = exists && fs::exists(fs::path(dir_) / "CURRENT", ec);
  if (exists && !fs::is_directory(dir_, ec)) {
    return Status::InvalidArgument(dir_ + " is a file, not a quotedb database directory");
  }
  if (exists && !has_current) {
    bool empty = fs::is_empty(dir_, ec);
    if (!empty) {
      return Status::InvalidArgument(dir_ +
                                     " is not a quotedb database (the directory is not empty and "
                                     "holds no database); choose another --db");
    }
  }
  if (!has_current && (options_.read_only || !options_.create_if_missing)) {
    return Status::NotFound("no quotedb database at " + dir_ +
                            " (import something first, or check --db)");
  }
  if (has_current) {
    std::vector<std::string> names;
    rocksdb::Status s = rocksdb::DB::ListColumnFamilies(rocksdb::DBOptions(), dir_, &names);
    if (!s.ok()) return Conv(s);
    if (std::find(names.begin(), names.end(), "meta") == names.end()) {
      return Status::InvalidArgument(dir_ + " holds a RocksDB database that is not quotedb's");
    }
  }

  cache_ = rocksdb::NewLRUCache(options_.block_cache_bytes);
  rocksdb::DBOptions dbo;
  dbo.create_if_missing = options_.create_if_missing;
  dbo.create_missing_column_families = true;
  dbo.max_background_jobs = 2;
  dbo.keep_log_file_num = 3;
  dbo.info_log_level = rocksdb::InfoLogLevel::WARN_LEVEL;
  std::vector<rocksdb::ColumnFamilyDescriptor> cfs;
  for (size_t i = 0; i < kNumCfs; ++i)
    cfs.emplace_back(kCfNames[i], CfOptions(static_cast<Cf>(i), cache_));
  rocksdb::DB* raw = nullptr;
  rocksdb::Status s;
  if (options_.read_only) {
    s = rocksdb::DB::OpenForReadOnly(dbo, dir_, cfs, &handles_, &raw);
  } else {
    s = rocksdb::DB::Open(dbo, dir_, cfs, &handles_, &raw);
  }
  if (!s.ok()) return Conv(s);
  db_.reset(raw);

  rocksdb::ReadOptions ro;
  std::string v;
  Status st = GetRaw(ro, kMeta, kMetaSchemaVersion, &v);
  if (st.IsNotFound()) {
    if (options_.read_only) return Status::InvalidArgument(dir_ + " is not a quotedb database");
    rocksdb::WriteBatch b;
    b.Put(handles_[kMeta], kMetaSchemaVersion, U32Value(kSchemaVersion));
    std::string seed;
    keys::PutU64(&seed, 0);
    b.Put(handles_[kMeta], kMetaHashSeed, seed);
    b.Put(handles_[kMeta], kMetaCreatedBy, "quotedb 0.1.0");
    b.Put(handles_[kMeta], kMetaCounters, schema::EncodeCounters(Counters{}));
    rocksdb::WriteOptions wo;
    wo.sync = true;
    QDB_RETURN_IF_ERROR(Conv(db_->Write(wo, &b)));
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
  st = GetRaw(ro, kMeta, kMetaCounters, &v);
  if (st.ok()) {
    if (!schema::DecodeCounters(v, &counters_)) return CorruptValue(kMeta, kMetaCounters);
  } else if (!st.IsNotFound()) {
    return st;
  }
  return Status::OK();
}

Result<std::vector<uint64_t>> DBImpl::AliasIds(const rocksdb::ReadOptions& ro,
                                               const std::string& alias) const {
  std::string v;
  Status s = GetRaw(ro, kAliases, alias, &v);
  if (s.IsNotFound()) return std::vector<uint64_t>{};
  if (!s.ok()) return s;
  std::vector<uint64_t> ids;
  if (!schema::DecodeIdList(v, &ids)) return CorruptValue(kAliases, alias);
  return ids;
}

Status DBImpl::AddAlias(const std::string& alias, SpeakerId id, PendingWrite* pw) {
  auto it = pw->aliases.find(alias);
  if (it == pw->aliases.end()) {
    auto ids = AliasIds(rocksdb::ReadOptions(), alias);
    if (!ids.ok()) return ids.status();
    it = pw->aliases.emplace(alias, std::move(*ids)).first;
  }
  auto& ids = it->second;
  if (std::find(ids.begin(), ids.end(), id) == ids.end()) {
    ids.push_back(id);
    std::sort(ids.begin(), ids.end());
  }
  return Status::OK();
}

// Finds or creates the speaker for `mention`, records what this mention adds to it, and returns
// the pending copy.
Result<Speaker*> DBImpl::TouchSpeaker(const SpeakerMention& mention, PendingWrite* pw) {
  std::string key = store::SpeakerKey(mention.name);
  if (key.empty()) return static_cast<Speaker*>(nullptr);
  SpeakerId id = 0;
  // A one-word name ("Putin") joins the one person already known by that surname; with none
  // or several candidates it stays a speaker of its own rather than being merged blindly.
  if (key.find(' ') == std::string::npos) {
    std::vector<uint64_t> candidates;
    if (auto pending = pw->aliases.find(key); pending != pw->aliases.end()) {
      candidates = pending->second;
    } else {
      auto ids = AliasIds(rocksdb::ReadOptions(), key);
      if (!ids.ok()) return ids.status();
      candidates = std::move(*ids);
    }
    SpeakerId own = store::SpeakerIdForKey(key);
    candidates.erase(std::remove(candidates.begin(), candidates.end(), own), candidates.end());
    if (candidates.size() == 1) id = candidates[0];
  }
  if (id == 0) id = store::SpeakerIdForKey(key);

  auto it = pw->speakers.find(id);
  if (it == pw->speakers.end()) {
    Speaker sp;
    std::string v;
    Status s = GetRaw(rocksdb::ReadOptions(), kSpeakers, keys::IdKey(id), &v);
    if (s.ok()) {
      if (!schema::DecodeSpeaker(v, &sp)) return CorruptValue(kSpeakers, keys::IdKey(id));
    } else if (s.IsNotFound()) {
      sp.id = id;
      sp.name = mention.name;
      sp.kind = mention.kind;
      pw->new_speakers.insert(id);
    } else {
      return s;
    }
    it = pw->speakers.emplace(id, std::move(sp)).first;
  }
  Speaker& sp = it->second;
  if (sp.kind == SpeakerKind::kUnknown) sp.kind = mention.kind;
  auto add_unique = [](std::vector<std::string>& v, const std::string& s) {
    if (!s.empty() && std::find(v.begin(), v.end(), s) == v.end()) v.push_back(s);
  };
  add_unique(sp.aliases, mention.name);
  add_unique(sp.titles, mention.title);
  add_unique(sp.affiliations, mention.affiliation);
  for (const std::string& alias : store::AliasKeys(store::SpeakerKey(sp.name), sp.kind)) {
    QDB_RETURN_IF_ERROR(AddAlias(alias, id, pw));
  }
  QDB_RETURN_IF_ERROR(AddAlias(key, id, pw));
  return &sp;
}

Result<ImportResult> DBImpl::ImportArticle(const Article& input,
                                           const std::vector<ExtractedQuote>& quotes) {
  if (options_.read_only) return Status::NotSupported("the database is open read-only");
  Article a = input;
  std::string_view text(a.text);
  size_t nl = text.find('\n');
  std::string_view body = nl == std::string_view::npos ? std::string_view() : text.substr(nl + 1);
  if (a.body_hash.IsZero()) a.body_hash = ContentHash(body);
  if (a.id.IsZero()) {
    if (!a.url.empty()) {
      XXH128_hash_t h = XXH3_128bits(a.url.data(), a.url.size());
      a.id = Hash128{h.high64, h.low64};
    } else {
      a.id = ContentHash(text);
    }
  }
  if (!a.source_name.empty() && a.source_id == 0) {
    std::string norm = NormalizeName(a.source_name);
    a.source_id = XXH3_64bits(norm.data(), norm.size());
    if (a.source_id == 0) a.source_id = 1;
  }
  a.body_bytes = a.text.size();

  std::lock_guard<std::mutex> lock(write_mu_);
  const std::string akey = keys::ArticleKey(a.id);
  {
    std::string existing;
    Status s = GetRaw(rocksdb::ReadOptions(), kArticles, akey, &existing);
    if (s.ok()) {
      Article old;
      if (!schema::DecodeArticle(existing, &old)) return CorruptValue(kArticles, akey);
      return ImportResult{ImportOutcome::kUnchanged, a.id, old.statement_count};
    }
    if (!s.IsNotFound()) return s;
  }

  rocksdb::WriteBatch batch;
  PendingWrite pw;
  pw.counters = counters_;

  // Source.
  if (a.source_id != 0) {
    std::string skey = keys::IdKey(a.source_id);
    std::string v;
    Status s = GetRaw(rocksdb::ReadOptions(), kSources, skey, &v);
    if (s.IsNotFound()) {
      Source src{a.source_id, a.source_name, NormalizeName(a.source_name)};
      batch.Put(handles_[kSources], skey, schema::EncodeSource(src));
      ++pw.counters.sources;
    } else if (!s.ok()) {
      return s;
    }
  }

  // Statements and their index entries.
  uint32_t ordinal = 0;
  for (const ExtractedQuote& q : quotes) {
    Statement st;
    st.article_id = a.id;
    st.ordinal = ordinal;
    st.kind = q.kind;
    st.text = q.text;
    st.spans = q.spans;
    st.content_hash = ContentHash(q.text);
    st.cue = q.cue;
    st.cue_span = q.cue_span;
    st.speaker_mention = q.speaker_mention;
    st.speaker_span = q.speaker_span;
    st.confidence = q.confidence;
    st.date_days = a.date_days;
    st.source_id = a.source_id;

    std::vector<SpeakerMention> mentions = q.speakers;
    if (mentions.empty() && !q.speaker.empty()) {
      SpeakerMention m;
      m.name = q.speaker;
      mentions.push_back(std::move(m));
    }
    for (const SpeakerMention& m : mentions) {
      auto sp = TouchSpeaker(m, &pw);
      if (!sp.ok()) return sp.status();
      if (*sp == nullptr) continue;
      if (std::find(st.speaker_ids.begin(), st.speaker_ids.end(), (*sp)->id) !=
          st.speaker_ids.end())
        continue;
      st.speaker_ids.push_back((*sp)->id);
      ++(*sp)->statement_count;
    }

    const std::string skey = keys::StatementKey(a.id, ordinal);
    batch.Put(handles_[kStatements], skey, schema::EncodeStatement(st));
    for (SpeakerId sid : st.speaker_ids)
      batch.Put(handles_[kBySpeaker], keys::IdDateIndexKey(sid, a.date_days, skey), "");
    if (a.source_id != 0)
      batch.Put(handles_[kBySource], keys::IdDateIndexKey(a.source_id, a.date_days, skey), "");
    batch.Put(handles_[kByDate], keys::DateIndexKey(a.date_days, skey), "");
    batch.Put(handles_[kByContent], keys::ContentIndexKey(st.content_hash, skey), "");
    std::vector<std::string> terms = IndexTerms(q.text);
    std::sort(terms.begin(), terms.end());
    terms.erase(std::unique(terms.begin(), terms.end()), terms.end());
    for (const std::string& t : terms)
      batch.Put(handles_[kTerms], keys::TermIndexKey(keys::TermHash(t), skey), "");
    ++ordinal;
  }
  a.statement_count = ordinal;

  for (auto& [id, sp] : pw.speakers)
    batch.Put(handles_[kSpeakers], keys::IdKey(id), schema::EncodeSpeaker(sp));
  for (auto& [alias, ids] : pw.aliases)
    batch.Put(handles_[kAliases], alias, schema::EncodeIdList(ids));
  batch.Put(handles_[kArticles], akey, schema::EncodeArticle(a));
  batch.Put(handles_[kBodies], akey, a.text);
  batch.Put(handles_[kByBody], keys::BodyIndexKey(a.body_hash, a.id), "");
  pw.counters.articles += 1;
  pw.counters.statements += ordinal;
  pw.counters.speakers += pw.new_speakers.size();
  pw.counters.body_bytes += a.text.size();
  batch.Put(handles_[kMeta], kMetaCounters, schema::EncodeCounters(pw.counters));

  rocksdb::WriteOptions wo;
  wo.sync = options_.sync_every_write;
  QDB_RETURN_IF_ERROR(Conv(db_->Write(wo, &batch)));
  counters_ = pw.counters;
  return ImportResult{ImportOutcome::kNew, a.id, ordinal};
}

Status DBImpl::Sync() {
  if (options_.read_only) return Status::OK();
  return Conv(db_->FlushWAL(true));
}

Status DBImpl::ResolveSpeakerQuery(const rocksdb::ReadOptions& ro, const std::string& name,
                                   std::vector<SpeakerId>* ids) {
  std::string key = store::SpeakerKey(name);
  if (key.empty()) return Status::OK();
  auto exact = AliasIds(ro, key);
  if (!exact.ok()) return exact.status();
  *ids = std::move(*exact);
  return Status::OK();
}

Status DBImpl::LoadHits(const View& view, const std::vector<std::string>& statement_keys,
                        std::vector<StatementHit>* hits) {
  std::unordered_map<SpeakerId, std::string> speaker_names;
  std::unordered_map<SourceId, std::string> source_names;
  std::map<ArticleId, Article> articles;
  for (const std::string& skey : statement_keys) {
    std::string v;
    Status s = GetRaw(view.ro(), kStatements, skey, &v);
    if (s.IsNotFound()) {
      return Status::Corruption("database " + dir_ + ": an index entry points to statement " +
                                HexOf(skey) + ", which is missing (run quotedb verify)");
    }
    QDB_RETURN_IF_ERROR(s);
    StatementHit hit;
    if (!schema::DecodeStatement(v, &hit.statement)) return CorruptValue(kStatements, skey);
    for (SpeakerId id : hit.statement.speaker_ids) {
      auto it = speaker_names.find(id);
      if (it == speaker_names.end()) {
        Speaker sp;
        std::string sv;
        Status ss = GetRaw(view.ro(), kSpeakers, keys::IdKey(id), &sv);
        if (ss.ok() && !schema::DecodeSpeaker(sv, &sp))
          return CorruptValue(kSpeakers, keys::IdKey(id));
        if (!ss.ok() && !ss.IsNotFound()) return ss;
        it = speaker_names.emplace(id, sp.name).first;
      }
      hit.speakers.push_back(it->second);
    }
    if (hit.statement.source_id != 0) {
      auto it = source_names.find(hit.statement.source_id);
      if (it == source_names.end()) {
        Source src;
        std::string sv;
        Status ss = GetRaw(view.ro(), kSources, keys::IdKey(hit.statement.source_id), &sv);
        if (ss.ok() && !schema::DecodeSource(sv, &src))
          return CorruptValue(kSources, keys::IdKey(hit.statement.source_id));
        if (!ss.ok() && !ss.IsNotFound()) return ss;
        it = source_names.emplace(hit.statement.source_id, src.name).first;
      }
      hit.source = it->second;
    }
    auto ait = articles.find(hit.statement.article_id);
    if (ait == articles.end()) {
      Article a;
      std::string av;
      std::string akey = keys::ArticleKey(hit.statement.article_id);
      Status as = GetRaw(view.ro(), kArticles, akey, &av);
      if (as.ok() && !schema::DecodeArticle(av, &a)) return CorruptValue(kArticles, akey);
      if (!as.ok() && !as.IsNotFound()) return as;
      ait = articles.emplace(hit.statement.article_id, std::move(a)).first;
    }
    hit.url = ait->second.url;
    hit.title = ait->second.title;
    hit.file = ait->second.provenance.file;
    hits->push_back(std::move(hit));
  }
  return Status::OK();
}

Result<std::vector<StatementHit>> DBImpl::Quotes(const QuoteQuery& q) {
  View view(db_.get());
  const int64_t from = q.from_days;  // kUnknownDate sorts first, so it is "no lower bound"
  const int64_t to = q.to_days;
  std::vector<std::string> index_keys;
  std::vector<SpeakerId> speaker_ids;
  SourceId source_id = 0;
  if (!q.speaker.empty()) {
    QDB_RETURN_IF_ERROR(ResolveSpeakerQuery(view.ro(), q.speaker, &speaker_ids));
    if (speaker_ids.empty()) return std::vector<StatementHit>{};
  }
  if (!q.source.empty()) {
    std::string norm = NormalizeName(q.source);
    source_id = XXH3_64bits(norm.data(), norm.size());
    if (source_id == 0) source_id = 1;
  }
  if (!speaker_ids.empty()) {
    for (SpeakerId id : speaker_ids) {
      auto [lo, hi] = IdDateRange(id, from, to);
      QDB_RETURN_IF_ERROR(ScanKeys(view.ro(), kBySpeaker, lo, hi, 0, &index_keys));
    }
  } else if (source_id != 0) {
    auto [lo, hi] = IdDateRange(source_id, from, to);
    QDB_RETURN_IF_ERROR(ScanKeys(view.ro(), kBySource, lo, hi, 0, &index_keys));
  } else {
    std::string lo, hi;
    keys::PutI64Ordered(&lo, from);
    if (to != kUnknownDate) keys::PutI64Ordered(&hi, to + 1);
    QDB_RETURN_IF_ERROR(ScanKeys(view.ro(), kByDate, lo, hi, 0, &index_keys));
  }
  // Newest first: index keys sort by date within one id, so order by (date, key) descending.
  struct Entry {
    int64_t date;
    std::string skey;
  };
  std::vector<Entry> entries;
  entries.reserve(index_keys.size());
  for (const std::string& k : index_keys) {
    std::string_view in(k);
    if (!speaker_ids.empty() || source_id != 0) in.remove_prefix(8);
    int64_t date = 0;
    if (!keys::GetI64Ordered(&in, &date)) return CorruptValue(kByDate, k);
    entries.push_back({date, std::string(keys::StatementKeySuffix(k))});
  }
  std::sort(entries.begin(), entries.end(), [](const Entry& x, const Entry& y) {
    return x.date != y.date ? x.date > y.date : x.skey < y.skey;
  });
  entries.erase(std::unique(entries.begin(), entries.end(),
                            [](const Entry& x, const Entry& y) { return x.skey == y.skey; }),
                entries.end());

  std::string needle = q.text.empty() ? std::string() : NormalizeForHash(q.text);
  std::vector<StatementHit> out;
  const size_t batch = 64;
  for (size_t i = 0; i < entries.size() && out.size() < q.limit; i += batch) {
    std::vector<std::string> skeys;
    for (size_t j = i; j < std::min(entries.size(), i + batch); ++j) skeys.push_back(entries[j].skey);
    std::vector<StatementHit> hits;
    QDB_RETURN_IF_ERROR(LoadHits(view, skeys, &hits));
    for (auto& h : hits) {
      if (source_id != 0 && h.statement.source_id != source_id) continue;
      if (!needle.empty() &&
          (" " + NormalizeForHash(h.statement.text) + " ").find(" " + needle + " ") ==
              std::string::npos)
        continue;
      out.push_back(std::move(h));
      if (out.size() >= q.limit) break;
    }
  }
  return out;
}

Result<std::vector<StatementHit>> DBImpl::WhoSaid(std::string_view text, size_t limit) {
  View view(db_.get());
  std::vector<StatementHit> out;
  const std::string needle = NormalizeForHash(text);
  if (needle.empty() || limit == 0) return out;
  std::set<std::string> seen;

  // 1. Exact: the content hash, then compare the text (xxHash is not cryptographic).
  Hash128 h = ContentHash(text);
  std::string lo, hi;
  keys::PutHash128(&lo, h);
  hi = keys::PrefixSuccessor(lo);
  std::vector<std::string> index_keys;
  QDB_RETURN_IF_ERROR(ScanKeys(view.ro(), kByContent, lo, hi, 0, &index_keys));
  std::vector<std::string> skeys;
  for (const auto& k : index_keys) skeys.emplace_back(keys::StatementKeySuffix(k));
  std::vector<StatementHit> exact;
  QDB_RETURN_IF_ERROR(LoadHits(view, skeys, &exact));
  for (auto& hit : exact) {
    if (NormalizeForHash(hit.statement.text) != needle) continue;
    hit.exact = true;
    seen.insert(keys::StatementKey(hit.statement.article_id, hit.statement.ordinal));
    out.push_back(std::move(hit));
    if (out.size() >= limit) return out;
  }

  // 2. Containment: scan the postings of the rarest query word, then check the phrase.
  std::vector<std::string> terms = IndexTerms(text);
  std::sort(terms.begin(), terms.end());
  terms.erase(std::unique(terms.begin(), terms.end()), terms.end());
  std::string best_lo, best_hi;
  size_t best_count = SIZE_MAX;
  for (const std::string& t : terms) {
    std::string tlo;
    keys::PutU64(&tlo, keys::TermHash(t));
    std::string thi = keys::PrefixSuccessor(tlo);
    std::vector<std::string> probe;
    // Count up to the best so far: a word rarer than every other decides.
    size_t cap = best_count == SIZE_MAX ? 0 : best_count;
    QDB_RETURN_IF_ERROR(ScanKeys(view.ro(), kTerms, tlo, thi, cap, &probe));
    if (probe.empty()) return out;  // a word no statement has: nothing contains the phrase
    if (probe.size() < best_count) {
      best_count = probe.size();
      best_lo = tlo;
      best_hi = thi;
    }
  }
  if (best_lo.empty()) return out;
  index_keys.clear();
  QDB_RETURN_IF_ERROR(ScanKeys(view.ro(), kTerms, best_lo, best_hi, 0, &index_keys));
  skeys.clear();
  for (const auto& k : index_keys) {
    std::string sk(keys::StatementKeySuffix(k));
    if (!seen.count(sk)) skeys.push_back(std::move(sk));
  }
  const std::string padded = " " + needle + " ";
  for (size_t i = 0; i < skeys.size() && out.size() < limit; i += 64) {
    std::vector<std::string> part(skeys.begin() + i,
                                  skeys.begin() + std::min(skeys.size(), i + 64));
    std::vector<StatementHit> hits;
    QDB_RETURN_IF_ERROR(LoadHits(view, part, &hits));
    for (auto& hit : hits) {
      if ((" " + NormalizeForHash(hit.statement.text) + " ").find(padded) == std::string::npos)
        continue;
      out.push_back(std::move(hit));
      if (out.size() >= limit) break;
    }
  }
  return out;
}

Result<std::vector<Speaker>> DBImpl::FindSpeakers(std::string_view name, size_t limit) {
  View view(db_.get());
  std::vector<Speaker> out;
  std::set<SpeakerId> ids;
  if (name.empty()) {
    std::unique_ptr<rocksdb::Iterator> it(db_->NewIterator(view.ro(), handles_[kSpeakers]));
    for (it->SeekToFirst(); it->Valid(); it->Next()) {
      Speaker sp;
      if (!schema::DecodeSpeaker(std::string_view(it->value().data(), it->value().size()), &sp))
        return CorruptValue(kSpeakers, it->key().ToString());
      out.push_back(std::move(sp));
    }
    QDB_RETURN_IF_ERROR(Conv(it->status()));
  } else {
    std::string key = store::SpeakerKey(name);
    if (key.empty()) return out;
    rocksdb::ReadOptions ro = view.ro();
    std::string upper = keys::PrefixSuccessor(key);
    rocksdb::Slice ub(upper);
    ro.iterate_upper_bound = &ub;
    std::unique_ptr<rocksdb::Iterator> it(db_->NewIterator(ro, handles_[kAliases]));
    for (it->Seek(key); it->Valid(); it->Next()) {
      std::string_view k(it->key().data(), it->key().size());
      // Whole words only: "cha" finds "cha du-hyeogn" but not "chang ho-jin".
      if (k.size() > key.size() && k[key.size()] != ' ' && k[key.size()] != '-') continue;
      std::vector<uint64_t> v;
      if (!schema::DecodeIdList(std::string_view(it->value().data(), it->value().size()), &v))
        return CorruptValue(kAliases, std::string(k));
      ids.insert(v.begin(), v.end());
    }
    QDB_RETURN_IF_ERROR(Conv(it->status()));
    for (SpeakerId id : ids) {
      std::string v;
      Status s = GetRaw(view.ro(), kSpeakers, keys::IdKey(id), &v);
      if (s.IsNotFound()) continue;
      QDB_RETURN_IF_ERROR(s);
      Speaker sp;
      if (!schema::DecodeSpeaker(v, &sp)) return CorruptValue(kSpeakers, keys::IdKey(id));
      out.push_back(std::move(sp));
    }
  }
  std::sort(out.begin(), out.end(), [](const Speaker& a, const Speaker& b) {
    return a.statement_count != b.statement_count ? a.statement_count > b.statement_count
                                                  : a.name < b.name;
  });
  if (limit && out.size() > limit) out.resize(limit);
  return out;
}

Result<Article> DBImpl::GetArticle(const ArticleId& id, bool with_text) {
  View view(db_.get());
  std::string key = keys::ArticleKey(id), v;
  Status s = GetRaw(view.ro(), kArticles, key, &v);
  if (s.IsNotFound()) return Status::NotFound("no article " + id.ToHex());
  QDB_RETURN_IF_ERROR(s);
  Article a;
  if (!schema::DecodeArticle(v, &a)) return CorruptValue(kArticles, key);
  if (with_text) {
    Status t = GetRaw(view.ro(), kBodies, key, &a.text);
    if (t.IsNotFound())
      return Status::Corruption("database " + dir_ + ": article " + id.ToHex() + " has no text");
    QDB_RETURN_IF_ERROR(t);
  }
  return a;
}

Result<Stats> DBImpl::GetStats() {
  View view(db_.get());
  Stats st;
  std::string v;
  Status s = GetRaw(view.ro(), kMeta, kMetaCounters, &v);
  if (s.ok()) {
    if (!schema::DecodeCounters(v, &st.counters)) return CorruptValue(kMeta, kMetaCounters);
  } else if (!s.IsNotFound()) {
    return s;
  }
  s = GetRaw(view.ro(), kMeta, kMetaSchemaVersion, &v);
  QDB_RETURN_IF_ERROR(s);
  std::string_view in(v);
  if (!keys::GetU32(&in, &st.schema_version)) return CorruptValue(kMeta, kMetaSchemaVersion);
  return st;
}

}  // namespace

Result<std::unique_ptr<DB>> DB::Open(const std::string& dir, const Options& options) {
  auto impl = std::make_unique<DBImpl>(dir, options);
  Status s = impl->Init();
  if (!s.ok()) return s;
  return std::unique_ptr<DB>(std::move(impl));
}

}  // namespace quotedb
