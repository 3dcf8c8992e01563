// Import: one article, its statements, speakers and index entries in one WriteBatch.
#include "store/db_impl.h"

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <cstring>
#include <deque>
#include <thread>

#include "store/bucket_sort.h"
#include "store/parallel.h"

namespace quotedb::store {

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

// The ids an alias names, as of the last article imported (committed or pending).
namespace {
// Entries in each of the writer's caches of stored aliases and speakers (db_impl.h) before
// they are cleared: a corpus with more distinct names reads them again, as without them.
constexpr size_t kMaxWriterCache = size_t{1} << 18;
}  // namespace

Result<std::vector<uint64_t>> DBImpl::PendingAliasIds(const std::string& alias) {
  for (const Commit* c : {pending_.get(), inflight_.get(), written_.get()}) {  // newest first
    if (!c) continue;
    auto p = c->aliases.find(alias);
    if (p != c->aliases.end()) return p->second;
  }
  // No staged or unabsorbed commit has it: what is stored is what the last commit that wrote
  // it left.
  if (auto p = stored_aliases_.find(alias); p != stored_aliases_.end()) return p->second;
  auto ids = AliasIds(rocksdb::ReadOptions(), alias);
  if (ids.ok()) {
    if (stored_aliases_.size() >= kMaxWriterCache) stored_aliases_.clear();
    stored_aliases_.emplace(alias, *ids);
  }
  return ids;
}

Status DBImpl::AddAlias(const std::string& alias, SpeakerId id, PendingWrite* pw) {
  auto it = pw->aliases.find(alias);
  if (it == pw->aliases.end()) {
    auto ids = PendingAliasIds(alias);
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

Result<SpeakerId> DBImpl::TouchSpeaker(const SpeakerMention& mention, PendingWrite* pw) {
  std::string key = store::SpeakerKey(mention.name);
  if (key.empty()) return SpeakerId{0};
  // A name or alias in the speaker registry (registry.cc) names the registered speaker.
  auto registered = RegistryId(key);
  if (!registered.ok()) return registered.status();
  SpeakerId id = *registered;
  // A one-word name ("Putin") joins the one person already known by that surname; with none
  // or several candidates it stays a speaker of its own rather than being merged blindly.
  if (id == 0 && key.find(' ') == std::string::npos) {
    std::vector<uint64_t> candidates;
    if (auto pending = pw->aliases.find(key); pending != pw->aliases.end()) {
      candidates = pending->second;
    } else {
      auto ids = PendingAliasIds(key);
      if (!ids.ok()) return ids.status();
      candidates = std::move(*ids);
    }
    SpeakerId own = store::SpeakerIdForKey(key);
    candidates.erase(std::remove(candidates.begin(), candidates.end(), own), candidates.end());
    if (candidates.size() == 1) id = candidates[0];
  }
  if (id == 0) id = store::SpeakerIdForKey(key);

  auto it = pw->speakers.find(id);
  // The short way: a speaker an earlier article of the pending commit touched, named again by
  // a name, kind, title, affiliation and QID it has, and by a name whose alias key the commit
  // already maps to it. The long way below would copy the speaker, derive its alias keys again
  // and re-put aliases that already hold it; at BBC x10 the writer copied 237k speakers.
  if (it == pw->speakers.end() && pending_) {
    auto p = pending_->speakers.find(id);
    if (p != pending_->speakers.end()) {
      const Speaker& sp = p->second;
      auto has = [](const std::vector<std::string>& v, const std::string& s) {
        return s.empty() || std::find(v.begin(), v.end(), s) != v.end();
      };
      auto alias = pending_->aliases.find(key);
      if ((sp.kind != SpeakerKind::kUnknown || mention.kind == SpeakerKind::kUnknown) &&
          has(sp.aliases, mention.name) &&
          has(sp.titles, mention.title) && has(sp.affiliations, mention.affiliation) &&
          (!sp.wikidata_qid.empty() || mention.wikidata_qid.empty()) &&
          alias != pending_->aliases.end() &&
          std::find(alias->second.begin(), alias->second.end(), id) != alias->second.end())
        return id;
    }
  }
  for (const Commit* c : {pending_.get(), inflight_.get(), written_.get()}) {  // newest first
    if (it != pw->speakers.end() || !c) continue;
    auto p = c->speakers.find(id);
    if (p != c->speakers.end()) it = pw->speakers.emplace(id, p->second).first;
  }
  if (it == pw->speakers.end()) {
    if (auto p = stored_speakers_.find(id); p != stored_speakers_.end())
      it = pw->speakers.emplace(id, p->second).first;
  }
  if (it == pw->speakers.end()) {
    Speaker sp;
    std::string v;
    Status s = GetRaw(rocksdb::ReadOptions(), kSpeakers, keys::IdKey(id), &v);
    if (s.ok()) {
      if (!schema::DecodeSpeaker(v, &sp)) return CorruptValue(kSpeakers, keys::IdKey(id));
      if (stored_speakers_.size() >= kMaxWriterCache) stored_speakers_.clear();
      stored_speakers_.emplace(id, sp);
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
  if (sp.wikidata_qid.empty()) sp.wikidata_qid = mention.wikidata_qid;
  for (const std::string& alias : store::AliasKeys(store::SpeakerKey(sp.name), sp.kind)) {
    QDB_RETURN_IF_ERROR(AddAlias(alias, id, pw));
  }
  QDB_RETURN_IF_ERROR(AddAlias(key, id, pw));
  return id;
}

void DBImpl::CountStatement(SpeakerId id, PendingWrite* pw) {
  if (auto p = pw->speakers.find(id); p != pw->speakers.end()) {
    ++p->second.statement_count;
  } else {
    ++pw->counted[id];  // the short way: the pending commit holds the speaker
  }
}

namespace {

// A commit is written once Options::commit_articles articles, or this many bytes of entries,
// are pending. Larger commits make fewer, longer posting lists and longer sorted runs in the
// memtables; smaller ones bound the memory an import holds (and what a crash before the commit
// loses). Each commit adds a table file to every family, and the compactions that merge them
// grow faster than the number of commits: at 8 MiB, BBC x40 took 50 s and 201 MiB; at 12 MiB
// 33 s and 237 MiB; at 16 MiB 31 s and 270 MiB, past the 256 MiB an import should stay under
// (docs/performance.md, session 14).
constexpr size_t kCommitBytes = 12u << 20;
// ... or once the oldest pending article has waited this long, so that a reader beside the
// import (a secondary instance) and a crash lose little time's worth of work.
constexpr auto kCommitAge = std::chrono::seconds(1);

// A commit this large is written as table files and ingested (ingest.cc): it skips the
// write-ahead log, the memtable's skiplist and the later flush, which cost more than the
// fsync of one file per family. Smaller commits (a few articles, a registry, the crash test's
// commits of 16) go through a WriteBatch and do not leave many small files in level 0.
constexpr size_t kIngestBytes = 1u << 20;

// Room for n elements and an eighth more, where v has less: commits differ a little in size.
template <class V>
void Reserve(V* v, size_t n) {
  if (v->capacity() < n) v->reserve(n + n / 8);
}

}  // namespace

// The indexer thread: claim frames, MinHash signatures and LSH bands, term postings. Jobs are
// queued by ImportArticle once an article is whole; CommitLocked waits for the queue to drain
// and takes the entries into the commit.
struct DBImpl::Indexer {
  struct Job {
    std::string skey;
    Statement st;
    std::vector<SpeakerMention> mentions;
    std::shared_ptr<const std::string> text;  // the article's text
    bool new_wording = true;  // PutNearDup
  };

  explicit Indexer(DBImpl* db) : db_(db), thread_([this] { Run(); }) {}
  ~Indexer() {
    {
      std::lock_guard<std::mutex> lock(mu_);
      stop_ = true;
    }
    cv_.notify_all();
    thread_.join();
  }

  void Add(std::vector<Job>&& jobs) {
    std::vector<std::deque<Job>> done;
    {
      std::lock_guard<std::mutex> lock(mu_);
      for (Job& j : jobs) queue_.push_back(std::move(j));
      done.swap(done_);
    }
    cv_.notify_all();
    // `done` is freed here, by the thread that allocated the jobs.
  }

  // Waits until every queued job is done, then moves what they made into *c.
  Status Drain(Commit* c) {
    std::unique_lock<std::mutex> lock(mu_);
    idle_cv_.wait(lock, [&] { return queue_.empty() && !busy_; });
    QDB_RETURN_IF_ERROR(error_);
    for (Cf f : Commit::kIndexerFamilies) {
      Commit::Family& from = out_.cf[f];
      Commit::Family& to = c->cf[f];
      c->bytes += from.buf.size();
      if (to.entries.empty()) {  // the usual case: only the indexer writes these families
        std::swap(to.buf, from.buf);
        std::swap(to.entries, from.entries);
        from.Clear();
        Reserve(&from.buf, to.buf.size());  // as the postings' below
        Reserve(&from.entries, to.entries.size());
        continue;
      }
      const auto base = static_cast<uint32_t>(to.buf.size());
      to.buf.append(from.buf);
      for (auto e : from.entries) {
        e.off += base;
        to.entries.push_back(e);
      }
      from.buf.clear();
      from.entries.clear();
    }
    // The postings of `terms` and `lsh`, and the statement keys they point into.
    c->bytes += out_.lsh.size() * kLshKeySize;  // what the keys will take
    c->bytes += out_.terms.size() * sizeof(Commit::TermPosting) +
                out_.places.size() * sizeof(uint32_t);
    if (c->terms.empty() && c->lsh.empty() && c->skeys.empty()) {  // the usual case
      std::swap(c->terms, out_.terms);
      std::swap(c->places, out_.places);
      std::swap(c->lsh, out_.lsh);
      std::swap(c->skeys, out_.skeys);
      // A recycled commit holds no such buffers (RecycleWrittenLocked): size the indexer's new
      // ones for a commit like this one, so they are not grown, copy by copy, from nothing.
      Reserve(&out_.terms, c->terms.size());
      Reserve(&out_.places, c->places.size());
      Reserve(&out_.lsh, c->lsh.size());
      Reserve(&out_.skeys, c->skeys.size());
    } else {
      const auto skey_base = static_cast<uint32_t>(c->skeys.size());
      const auto place_base = static_cast<uint32_t>(c->places.size());
      for (Commit::TermPosting tp : out_.terms) {
        tp.skey_at += skey_base;
        tp.places_at += place_base;
        c->terms.push_back(tp);
      }
      for (Commit::LshPosting lp : out_.lsh) {
        lp.skey_at += skey_base;
        c->lsh.push_back(lp);
      }
      c->places.insert(c->places.end(), out_.places.begin(), out_.places.end());
      c->skeys.append(out_.skeys);
    }
    out_.lsh.clear();
    out_.skeys.clear();
    out_.terms.clear();
    out_.places.clear();
    return Status::OK();
  }

 private:
  void Run() {
    std::unique_lock<std::mutex> lock(mu_);
    for (;;) {
      cv_.wait(lock, [&] { return stop_ || !queue_.empty(); });
      if (queue_.empty()) return;  // stopping
      std::deque<Job> jobs;
      jobs.swap(queue_);
      busy_ = true;
      lock.unlock();
      Status s;
      for (const Job& j : jobs) {
        if (!s.ok()) break;
        s = Index(j);
      }
      lock.lock();
      // Freed by the writer, which made them (Add): a thread freeing another's memory takes
      // that thread's malloc arena lock, and the writer and this one kept waiting on it.
      done_.push_back(std::move(jobs));
      if (!s.ok() && error_.ok()) error_ = s;
      busy_ = false;
      if (queue_.empty()) idle_cv_.notify_all();
    }
  }

  Status Index(const Job& j) {
    if (!builder_) {
      auto b = ClaimBuilder::Create();
      if (!b.ok()) return b.status();
      builder_ = std::move(*b);
    }
    terms_ = IndexTerms(j.st.text);
    if (j.skey.size() != keys::kStatementKeySize) {
      return Status::Corruption("statement key of " + std::to_string(j.skey.size()) + " bytes");
    }
    const auto skey_at = static_cast<uint32_t>(out_.skeys.size());
    out_.skeys.append(j.skey);
    db_->PutNearDup(&out_, skey_at, j.st, terms_, j.new_wording);
    QDB_RETURN_IF_ERROR(db_->PutClaim(&out_, builder_.get(), j.skey, j.st, j.mentions, *j.text));
    // Each distinct word (and word pair) with its places (sorted by hash, then place).
    hashes_.clear();
    for (size_t i = 0; i < terms_.size(); ++i)
      hashes_.emplace_back(keys::TermHash(terms_[i]), static_cast<uint32_t>(i));
    // And each two adjacent common words, at the first one's place (keys.h, word pairs).
    if (db_->word_pairs_) {
      const size_t words = hashes_.size();
      for (size_t i = 0; i + 1 < words; ++i) {
        if (keys::IsCommonTerm(hashes_[i].first) && keys::IsCommonTerm(hashes_[i + 1].first))
          hashes_.emplace_back(keys::PairTermHash(terms_[i], terms_[i + 1]), static_cast<uint32_t>(i));
      }
    }
    std::sort(hashes_.begin(), hashes_.end());
    for (size_t i = 0; i < hashes_.size();) {
      Commit::TermPosting& tp = out_.terms.emplace_back();
      tp.term = hashes_[i].first;
      tp.skey_at = skey_at;
      tp.places_at = static_cast<uint32_t>(out_.places.size());
      for (; i < hashes_.size() && hashes_[i].first == tp.term; ++i)
        out_.places.push_back(hashes_[i].second);
      tp.count = static_cast<uint32_t>(out_.places.size() - tp.places_at);
    }
    return Status::OK();
  }

  DBImpl* db_;
  std::mutex mu_;
  std::condition_variable cv_, idle_cv_;
  std::deque<Job> queue_;
  std::vector<std::deque<Job>> done_;  // indexed jobs, for the writer to free
  bool busy_ = false;
  bool stop_ = false;
  Status error_;
  // Owned by the thread while busy_, by Drain's caller otherwise.
  Commit out_;
  std::unique_ptr<ClaimBuilder> builder_;
  std::vector<std::string> terms_;
  std::vector<std::pair<uint64_t, uint32_t>> hashes_;  // (term hash, place)
  std::thread thread_;  // last: starts once the rest is built
};

// The committer thread: writes one sealed commit at a time (WriteCommit) while the writer
// stages the next. Start() hands it a commit; Wait() returns once it is written.
struct DBImpl::Committer {
  explicit Committer(DBImpl* db) : db_(db), thread_([this] { Run(); }) {}
  ~Committer() {
    {
      std::lock_guard<std::mutex> lock(mu_);
      stop_ = true;
    }
    cv_.notify_all();
    thread_.join();
  }
  void Start(Commit* c) {
    {
      std::lock_guard<std::mutex> lock(mu_);
      job_ = c;
      done_ = false;
    }
    cv_.notify_all();
  }
  Status Wait() {
    std::unique_lock<std::mutex> lock(mu_);
    cv_.wait(lock, [&] { return done_; });
    return result_;
  }

 private:
  void Run() {
    std::unique_lock<std::mutex> lock(mu_);
    for (;;) {
      cv_.wait(lock, [&] { return stop_ || job_ != nullptr; });
      if (job_ == nullptr) return;  // stopping
      Commit* c = job_;
      lock.unlock();
      Status s = db_->WriteCommit(c);
      lock.lock();
      job_ = nullptr;
      result_ = s;
      done_ = true;
      cv_.notify_all();
    }
  }

  DBImpl* db_;
  std::mutex mu_;
  std::condition_variable cv_;
  Commit* job_ = nullptr;
  bool done_ = true;
  bool stop_ = false;
  Status result_;
  std::thread thread_;  // last: starts once the rest is built
};

Result<ImportResult> DBImpl::ImportPrepared(PreparedArticle&& prepared,
                                            const std::vector<ExtractedQuote>& quotes) {
  if (options_.read_only) return Status::NotSupported("the database is open read-only");
  if (prepared.content_hashes.size() != quotes.size())
    return Status::InvalidArgument("a prepared article's content hashes do not match its quotes");
  Article& a = prepared.article;

  std::lock_guard<std::mutex> lock(write_mu_);
  QDB_RETURN_IF_ERROR(commit_error_);
  if (!pending_) {
    AbsorbWrittenLocked();  // the last commit written, before anything reads the caches
    pending_ = spare_ ? std::move(spare_) : std::make_unique<Commit>();
    pending_->started = std::chrono::steady_clock::now();
  }
  Commit* c = pending_.get();
  const std::string akey = keys::ArticleKey(a.id);
  if (auto p = c->articles.find(a.id); p != c->articles.end())
    return ImportResult{ImportOutcome::kUnchanged, a.id, p->second};
  if (inflight_) {
    if (auto p = inflight_->articles.find(a.id); p != inflight_->articles.end())
      return ImportResult{ImportOutcome::kUnchanged, a.id, p->second};
  }
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

  // Everything this article adds goes to the pending commit; on a failure the commit is put
  // back as it was (its entries truncated; the maps are only updated once the article is whole).
  size_t marks[kNumCfs], buf_marks[kNumCfs];
  for (size_t i = 0; i < kNumCfs; ++i) {
    marks[i] = c->cf[i].entries.size();
    buf_marks[i] = c->cf[i].buf.size();
  }
  const size_t term_mark = c->terms.size();
  std::vector<Indexer::Job> jobs;
  auto shared_text = std::make_shared<const std::string>(a.text);
  Commit mine;  // this article's entries of the maps read by later articles
  PendingWrite pw;
  pw.counters = counters_;
  auto result = [&]() -> Result<uint32_t> {
    // Source.
    bool new_source = false;
    if (a.source_id != 0 && !c->sources.count(a.source_id) &&
        !(inflight_ && inflight_->sources.count(a.source_id))) {
      std::string skey = keys::IdKey(a.source_id);
      std::string v;
      Status s = GetRaw(rocksdb::ReadOptions(), kSources, skey, &v);
      if (s.IsNotFound()) {
        Source src{a.source_id, a.source_name, NormalizeName(a.source_name)};
        c->cf[kSources].Put(skey, schema::EncodeSource(src));
        ++pw.counters.sources;
        new_source = true;
      } else if (!s.ok()) {
        return s;
      }
    }
    if (new_source) mine.sources.insert(a.source_id);

    // Statements and their index entries.
    uint32_t ordinal = 0;
    std::vector<Hash128> content_hashes;  // for syndication (near_dup.cc)
    std::string key;
    for (const ExtractedQuote& q : quotes) {
      Statement st;
      st.article_id = a.id;
      st.ordinal = ordinal;
      st.kind = q.kind;
      st.text = q.text;
      st.spans = q.spans;
      st.content_hash = prepared.content_hashes[ordinal];
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
        if (*sp == 0) continue;
        if (std::find(st.speaker_ids.begin(), st.speaker_ids.end(), *sp) != st.speaker_ids.end())
          continue;
        st.speaker_ids.push_back(*sp);
        CountStatement(*sp, &pw);
      }

      const std::string skey = keys::StatementKey(a.id, ordinal);
      c->cf[kStatements].Put(skey, schema::EncodeStatement(st));
      for (SpeakerId sid : st.speaker_ids)
        c->cf[kBySpeaker].Put(keys::IdDateIndexKey(sid, a.date_days, skey), "");
      if (a.source_id != 0)
        c->cf[kBySource].Put(keys::IdDateIndexKey(a.source_id, a.date_days, skey), "");
      c->cf[kByDate].Put(keys::DateIndexKey(a.date_days, skey), "");
      c->cf[kByContent].Put(keys::ContentIndexKey(st.content_hash, skey), "");
      mine.by_content[st.content_hash].push_back(skey);
      content_hashes.push_back(st.content_hash);
      // Claim, near-duplicate signature and term postings: on the indexer thread.
      jobs.push_back(Indexer::Job{skey, std::move(st), std::move(mentions), shared_text});
      ++ordinal;
    }
    a.statement_count = ordinal;
    // Whether each statement's words were stored before it (PutNearDup signs and bands a
    // wording once): what syndication found in the group, then a lookup for the rest.
    std::vector<char> wording_stored;
    QDB_RETURN_IF_ERROR(PutSyndication(c, a, prepared.body_signature, content_hashes, &pw, &mine,
                                       &wording_stored));
    QDB_RETURN_IF_ERROR(WordingsStored(c, content_hashes, &wording_stored));
    for (size_t i = 0; i < jobs.size(); ++i) jobs[i].new_wording = !wording_stored[i];

    c->cf[kArticles].Put(akey, schema::EncodeArticle(a));
    c->cf[kBodies].Put(akey, a.text);
    c->cf[kByBody].Put(keys::BodyIndexKey(a.body_hash, a.id), "");
    pw.counters.articles += 1;
    pw.counters.statements += ordinal;
    pw.counters.speakers += pw.new_speakers.size();
    pw.counters.body_bytes += a.text.size();
    return ordinal;
  }();
  if (!result.ok()) {
    for (size_t i = 0; i < kNumCfs; ++i) {
      c->cf[i].entries.resize(marks[i]);
      c->cf[i].buf.resize(buf_marks[i]);
    }
    c->terms.resize(term_mark);
    return result.status();
  }

  // The article is whole: what later articles read before they write joins the commit.
  for (size_t i = 0; i < kNumCfs; ++i) c->bytes += c->cf[i].buf.size() - buf_marks[i];
  c->bytes += (c->terms.size() - term_mark) * sizeof(Commit::TermPosting);
  c->articles.emplace(a.id, *result);
  c->sources.insert(mine.sources.begin(), mine.sources.end());
  for (auto& [id, sp] : pw.speakers) c->speakers[id] = std::move(sp);
  for (const auto& [id, n] : pw.counted) c->speakers[id].statement_count += n;
  for (auto& [alias, ids] : pw.aliases) c->aliases[alias] = std::move(ids);
  for (auto& [band, ids] : mine.body_lsh) {
    auto& dst = c->body_lsh[band];
    dst.insert(dst.end(), ids.begin(), ids.end());
  }
  for (auto& [id, v] : mine.syndication) c->syndication[id] = std::move(v);
  for (auto& [h, skeys] : mine.by_content) {
    auto& dst = c->by_content[h];
    dst.insert(dst.end(), skeys.begin(), skeys.end());
  }
  counters_ = pw.counters;
  for (const auto& j : jobs) c->bytes += j.st.text.size() * 4;  // what its entries will take
  if (!jobs.empty()) {
    if (!indexer_) indexer_ = std::make_shared<Indexer>(this);
    indexer_->Add(std::move(jobs));
  }
  has_pending_.store(true, std::memory_order_release);

  if (options_.sync_every_write || c->articles.size() >= std::max<size_t>(options_.commit_articles, 1) ||
      c->bytes >= kCommitBytes || std::chrono::steady_clock::now() - c->started >= kCommitAge) {
    // The commit is written by the committer thread while this one goes on importing; with
    // sync_every_write the import returns only once its article is durable.
    Status s = options_.sync_every_write ? CommitLocked() : SealCommitLocked();
    if (!s.ok()) return s;
  }
  return ImportResult{ImportOutcome::kNew, a.id, *result};
}

Status DBImpl::SealCommitLocked() {
  QDB_RETURN_IF_ERROR(commit_error_);
  if (!pending_ || pending_->articles.empty()) return Status::OK();
  // The commit is made whole before waiting for the one in flight: the indexer's entries and
  // the speakers, aliases and counters touch only this commit, so they are put while the
  // committer is still writing the previous one (the last commit of an import waited for it
  // first, then did this, with nothing else running).
  Commit& c = *pending_;
  if (indexer_) {
    Status s = indexer_->Drain(&c);
    if (!s.ok()) return commit_error_ = s;
  }
  for (auto& [id, sp] : c.speakers) c.cf[kSpeakers].Put(keys::IdKey(id), schema::EncodeSpeaker(sp));
  for (auto& [alias, ids] : c.aliases) c.cf[kAliases].Put(alias, schema::EncodeIdList(ids));
  c.cf[kMeta].Put(kMetaCounters, schema::EncodeCounters(counters_));
  if (!schema_current_) c.cf[kMeta].Put(kMetaSchemaVersion, U32Value(kSchemaVersion));

  // Term postings: one key per term for this commit, its statements in key order. The chunk
  // number is unique to the commit: a counter kept in meta/next_chunk, and never below the
  // sequence number RocksDB gives a batch now (older commits of version 2 used that number).
  c.chunk = std::max(next_chunk_, db_->GetLatestSequenceNumber() + 1);
  {
    std::string v;
    keys::PutU64(&v, c.chunk + 1);
    c.cf[kMeta].Put(kMetaNextChunk, v);
  }
  next_chunk_ = c.chunk + 1;  // a failed commit stays in commit_error_: nothing follows it
  schema_current_ = true;
  QDB_RETURN_IF_ERROR(WaitCommittedLocked());  // one commit in flight at a time
  inflight_ = std::move(pending_);
  if (!committer_) committer_ = std::make_shared<Committer>(this);
  committer_->Start(inflight_.get());
  // The previous commit's speakers and aliases join the writer's caches while the committer
  // writes this one (they were read by nothing since it was written).
  AbsorbWrittenLocked();
  return Status::OK();
}

Status DBImpl::WaitCommittedLocked() {
  if (!inflight_) return Status::OK();
  Status s = committer_->Wait();
  AbsorbWrittenLocked();  // an older written commit, if one is still held
  written_ = std::move(inflight_);
  if (!pending_) has_pending_.store(false, std::memory_order_release);
  if (!s.ok()) {
    ClearWriterCaches();  // whatever was read may no longer be what the store holds
    commit_error_ = s;
  }
  return s;
}

void DBImpl::AbsorbWrittenLocked() {
  if (!written_) return;
  // What the commit wrote is now stored: later commits read it from here (db_impl.h).
  Commit& w = *written_;
  if (stored_aliases_.size() + w.aliases.size() > kMaxWriterCache) stored_aliases_.clear();
  for (auto& [alias, ids] : w.aliases) stored_aliases_[alias] = std::move(ids);
  if (stored_speakers_.size() + w.speakers.size() > kMaxWriterCache) stored_speakers_.clear();
  for (auto& [id, sp] : w.speakers) stored_speakers_[id] = std::move(sp);
  RecycleWrittenLocked();
}

void DBImpl::RecycleWrittenLocked() {
  if (!written_) return;
  spare_ = std::move(written_);
  spare_->Clear();
  // The indexer's families and postings of a commit are the indexer's own buffers, swapped in
  // when it is drained (Indexer::Drain), which gives the indexer the next commit's in return:
  // kept here, they would lie empty for a whole commit, a third set beside the one the indexer
  // fills and the one being written (18 MiB of a commit's 40 at BBC x10). Drain sizes the
  // indexer's new buffers at once instead.
  spare_->ReleaseIndexerBuffers();
}

Status DBImpl::CommitLocked() {
  QDB_RETURN_IF_ERROR(SealCommitLocked());
  return WaitCommittedLocked();
}

void DBImpl::Commit::LshKey(size_t i, std::string* out) const {
  const LshPosting& lp = lsh[i];
  out->clear();
  out->push_back(static_cast<char>(lp.band));
  keys::PutU64(out, lp.bucket);
  out->append(skeys, lp.skey_at, keys::kStatementKeySize);
}

size_t DBImpl::Commit::Count(size_t f) const {
  return f == kLsh ? lsh.size() : cf[f].entries.size();
}

// The committer thread's part of a commit: the term posting lists, each family's entries
// sorted, and the write (table files to ingest, or one WriteBatch). Touches only c->cf,
// c->terms and c->lsh; the writer reads c's maps meanwhile.
Status DBImpl::WriteCommit(Commit* cp) {
  Commit& c = *cp;
  // The term posting lists are encoded into the committer's own family, lent to the commit
  // while it is written (one is written at a time) and taken back, emptied, at the end, rather
  // than into a buffer each commit keeps, which the pending commit never uses (7 MiB of a
  // commit's 40 at BBC x10).
  std::swap(c.cf[kTerms], terms_family_);
  const uint64_t chunk = c.chunk;
  // Each family's entries in key order, each key once (for equal keys the last one put wins).
  auto sort_family = [&c](size_t f) {
    Commit::Family& fam = c.cf[f];
    if (fam.entries.empty()) return;
    const char* base = fam.buf.data();
    auto key_of = [base](const Commit::Family::Entry& e) {
      return std::string_view(base + e.off, e.klen);
    };
    // By key, then by order of Put (buffer offsets grow), so the last of equal keys is last.
    std::sort(fam.entries.begin(), fam.entries.end(), [&](const auto& x, const auto& y) {
      if (x.head != y.head) return x.head < y.head;
      if (int c = key_of(x).compare(key_of(y)); c != 0) return c < 0;
      return x.off < y.off;
    });
    size_t kept = 0;
    for (size_t i = 0; i < fam.entries.size(); ++i) {
      if (i + 1 < fam.entries.size() && key_of(fam.entries[i + 1]) == key_of(fam.entries[i]))
        continue;
      fam.entries[kept++] = fam.entries[i];
    }
    fam.entries.resize(kept);
  };
  // Each statement key is in `skeys` once (Indexer): its rank in key order (equal keys, equal
  // ranks) lets the postings below sort on integers, where comparing the keys themselves was a
  // memcmp through a pointer per comparison (memcmp was 13% of the committer's samples, 7%
  // after; docs/performance.md, session 14).
  const char* const skeys = c.skeys.data();
  constexpr size_t kSk = keys::kStatementKeySize;
  std::vector<uint32_t> rank(c.skeys.size() / kSk);
  {
    std::vector<uint32_t> by_key(rank.size());
    for (size_t i = 0; i < by_key.size(); ++i) by_key[i] = static_cast<uint32_t>(i);
    std::sort(by_key.begin(), by_key.end(), [skeys](uint32_t x, uint32_t y) {
      return std::memcmp(skeys + size_t{x} * kSk, skeys + size_t{y} * kSk, kSk) < 0;
    });
    uint32_t r = 0;
    for (size_t i = 0; i < by_key.size(); ++i) {
      if (i > 0 && std::memcmp(skeys + size_t{by_key[i - 1]} * kSk,
                               skeys + size_t{by_key[i]} * kSk, kSk) != 0)
        ++r;
      rank[by_key[i]] = r;
    }
  }
  const uint32_t* const rank_of = rank.data();  // by skey_at / kStatementKeySize
  // Term postings: one key per term, its statements in key order; then the family in order.
  auto build_terms = [this, &c, chunk, &sort_family, skeys, rank_of] {
    BucketSort(
        &c.terms, &term_scratch_, [](const Commit::TermPosting& x) { return x.term >> 48; },
        [rank_of](const Commit::TermPosting& x, const Commit::TermPosting& y) {
          if (x.term != y.term) return x.term < y.term;
          return rank_of[x.skey_at / kSk] < rank_of[y.skey_at / kSk];
        });
    std::vector<keys::PlacedPosting> run;
    std::string value;
    for (size_t i = 0; i < c.terms.size();) {
      size_t j = i;
      run.clear();
      while (j < c.terms.size() && c.terms[j].term == c.terms[i].term) {
        const Commit::TermPosting& tp = c.terms[j];
        run.push_back({std::string_view(skeys + tp.skey_at, keys::kStatementKeySize),
                       c.places.data() + tp.places_at, tp.count});
        ++j;
      }
      value.clear();
      keys::EncodePlacedPostings(run, &value);
      c.cf[kTerms].Put(keys::TermChunkKey(c.terms[i].term, chunk), value);
      i = j;
    }
    sort_family(kTerms);
  };
  // Band postings in key order (band, bucket, statement key: keys::PutU64 is big-endian), each
  // key once. Their keys have no values, so of equal keys any one will do.
  auto sort_lsh = [this, &c, rank_of] {
    auto less = [rank_of](const Commit::LshPosting& x, const Commit::LshPosting& y) {
      if (x.band != y.band) return x.band < y.band;
      if (x.bucket != y.bucket) return x.bucket < y.bucket;
      return rank_of[x.skey_at / kSk] < rank_of[y.skey_at / kSk];
    };
    // The band and the bucket's top 11 bits; bands from 31 on share the last bucket.
    auto top = [](const Commit::LshPosting& x) -> size_t {
      if (x.band >= 31) return 0xffff;
      return (static_cast<size_t>(x.band) << 11) | static_cast<size_t>(x.bucket >> 53);
    };
    BucketSort(&c.lsh, &lsh_scratch_, top, less);
    auto same = [&less](const Commit::LshPosting& x, const Commit::LshPosting& y) {
      return !less(x, y) && !less(y, x);
    };
    c.lsh.erase(std::unique(c.lsh.begin(), c.lsh.end(), same), c.lsh.end());
  };
  // On two threads (the last commit of an import is written while nothing else runs): the
  // term postings first, as the largest job, then the other families, the largest first.
  std::vector<size_t> order;
  for (size_t f = 0; f < kNumCfs; ++f)
    if (f != kTerms && c.Count(f) != 0) order.push_back(f);
  std::stable_sort(order.begin(), order.end(),
                   [&c](size_t x, size_t y) { return c.Count(x) > c.Count(y); });
  OnTwoThreads(order.size() + 1, [&](size_t i) {
    if (i == 0) {
      build_terms();
    } else if (order[i - 1] == kLsh) {
      sort_lsh();
    } else {
      sort_family(order[i - 1]);
    }
  });
  Status s;
  ChangeScope changing(&hit_cache_);  // queries' cached hits are out of date from here
  if (c.bytes >= kIngestBytes && !options_.sync_every_write) {
    s = IngestCommit(&c);
  } else {
    rocksdb::WriteBatch batch(c.bytes + c.bytes / 4 + (1u << 16));
    std::string key;
    for (size_t i = 0; i < c.lsh.size() && s.ok(); ++i) {
      c.LshKey(i, &key);
      s = Conv(batch.Put(handles_[kLsh], key, rocksdb::Slice()));
    }
    for (size_t f = 0; f < kNumCfs && s.ok(); ++f) {
      const Commit::Family& fam = c.cf[f];
      const char* base = fam.buf.data();
      for (const auto& e : fam.entries) {
        rocksdb::Status rs = batch.Put(handles_[f], rocksdb::Slice(base + e.off, e.klen),
                                       rocksdb::Slice(base + e.off + e.klen, e.vlen));
        if (!rs.ok()) {
          s = Conv(rs);
          break;
        }
      }
    }
    if (s.ok()) {
      rocksdb::WriteOptions wo;
      wo.sync = options_.sync_every_write;
      s = Conv(db_->Write(wo, &batch));
    }
  }
  c.cf[kTerms].Clear();
  std::swap(c.cf[kTerms], terms_family_);
  return s;
}

void DBImpl::CommitPending() {
  if (!has_pending_.load(std::memory_order_acquire)) return;
  std::lock_guard<std::mutex> lock(write_mu_);
  (void)CommitLocked();  // a failure stays in commit_error_ for the next import or Sync
}

Status DBImpl::Sync() {
  if (options_.read_only) return Status::OK();
  {
    std::lock_guard<std::mutex> lock(write_mu_);
    QDB_RETURN_IF_ERROR(CommitLocked());
  }
  return Conv(db_->FlushWAL(true));
}
}  // namespace quotedb::store
