// Write side of the cross-checks: statement MinHash signatures and LSH bands, and syndication
// groups of near-identical article bodies. Called from ImportArticle (write.cc) with write_mu_
// held, so everything lands in the article's one WriteBatch. Grammar: schema/FORMAT.md,
// "Cross-checks".
//
//   lsh           band_no(u8) | band_hash(u64) | stmt_key       -> empty
//   signatures    stmt_key                                      -> content_hash(16) | sig
//   body_lsh      band_no(u8) | band_hash(u64) | article_id(16) -> empty  (group roots only)
//   syndication   article_id                                    -> root_id(16) | sig
//   synd_members  root_id(16) | article_id(16)                  -> empty
//   sig           := version(u8 = 1) | count(u8) | slot(u32) * count
#include <rocksdb/db.h>

#include <set>

#include "analysis/minhash.h"
#include "store/db_impl.h"

namespace quotedb::store {
namespace {

// Estimated shingle Jaccard two bodies need to be copies of one story. A reprint with a new
// headline and first paragraph keeps J > 0.8 on a body of a few hundred words; two stories on
// one topic stay under 0.1. 0.6 sits between with room for the estimate's error (0.06 at 64
// slots).
constexpr double kSyndicationMinJaccard = 0.6;

// A bucket this full holds a boilerplate body (the same footer everywhere); reading it
// whole would make every import slow, and its roots are found through other bands anyway.
constexpr size_t kMaxBodyBucket = 256;

std::string BandKey(size_t band, uint64_t hash) {
  std::string k;
  k.push_back(static_cast<char>(band));
  keys::PutU64(&k, hash);
  return k;
}

}  // namespace

void DBImpl::PutNearDup(Commit* batch, uint32_t skey_at, const Statement& st,
                        const std::vector<std::string>& words, bool new_wording) {
  const std::string_view skey(batch->skeys.data() + skey_at, keys::kStatementKeySize);
  std::string value;
  keys::PutHash128(&value, st.content_hash);
  if (!new_wording) {
    // The words are signed and banded under the first statement that had them: a bucket holds
    // each wording once however often it was reprinted, and a reader finds the statements with
    // a wording through by_content. The content hash alone is kept, for syndication's
    // statement-by-statement comparison with a group's root (PutSyndication).
    if (!words.empty()) batch->cf[kSignatures].Put(skey, value);
    return;
  }
  analysis::TextSignature sig = analysis::SignWords(words, analysis::kQuoteParams);
  if (sig.empty()) return;
  // The bands' keys are band | bucket | statement key (schema/FORMAT.md), made when the
  // commit is written (Commit::LshPosting).
  for (size_t b = 0; b < sig.bands.size(); ++b)
    batch->lsh.push_back({sig.bands[b], skey_at, static_cast<uint8_t>(b)});
  value += analysis::EncodeSignature(sig.minhash);
  batch->cf[kSignatures].Put(skey, value);
}

Status DBImpl::WordingsStored(const Commit* batch, const std::vector<Hash128>& content_hashes,
                              std::vector<char>* stored) const {
  const rocksdb::ReadOptions ro;  // latest state: writers are serialised by write_mu_
  const Commit* const staged_commits[2] = {batch, inflight_.get()};
  stored->resize(content_hashes.size(), 0);
  // One iterator for the article, made when first needed. A new wording is a prefix the
  // bloom filters rule out in every table; a reprinted one is found in one seek.
  std::unique_ptr<rocksdb::Iterator> it;
  std::string lo;
  for (size_t i = 0; i < content_hashes.size(); ++i) {
    if ((*stored)[i]) continue;
    const Hash128& h = content_hashes[i];
    bool found = false;
    for (size_t j = 0; j < i && !found; ++j) found = content_hashes[j] == h;
    for (const Commit* cm : staged_commits)
      if (!found && cm) found = cm->by_content.count(h) > 0;
    if (!found) {
      if (!it) it.reset(db_->NewIterator(BandReadOptions(ro), handles_[kByContent]));
      lo.clear();
      keys::PutHash128(&lo, h);
      it->Seek(lo);
      found = it->Valid() && it->key().starts_with(lo);
      QDB_RETURN_IF_ERROR(Conv(it->status()));
    }
    (*stored)[i] = found;
  }
  return Status::OK();
}

Result<ArticleId> DBImpl::SyndicationRoot(const rocksdb::ReadOptions& ro, const ArticleId& id,
                                          std::map<ArticleId, ArticleId>* cache) const {
  if (cache) {
    auto it = cache->find(id);
    if (it != cache->end()) return it->second;
  }
  std::string v;
  const std::string key = keys::ArticleKey(id);
  Status s = Status::NotFound("");
  if (!ro.snapshot) {  // an import's read (queries commit before they read)
    for (const Commit* c : {pending_.get(), inflight_.get()}) {  // newest first
      if (!c || s.ok()) continue;
      auto p = c->syndication.find(id);
      if (p != c->syndication.end()) {
        v = p->second;
        s = Status::OK();
      }
    }
  }
  if (!s.ok()) s = GetRaw(ro, kSyndication, key, &v);
  ArticleId root = id;
  if (s.ok()) {
    std::string_view in(v);
    if (!keys::GetHash128(&in, &root)) return CorruptValue(kSyndication, key);
  } else if (!s.IsNotFound()) {
    return s;
  }
  if (cache) cache->emplace(id, root);
  return root;
}

Status DBImpl::PutSyndication(Commit* batch, const Article& a,
                              const std::vector<uint32_t>& sig,
                              const std::vector<Hash128>& content_hashes, PendingWrite* pw,
                              Commit* mine, std::vector<char>* found_in_group) {
  const rocksdb::ReadOptions ro;  // latest state: writers are serialised by write_mu_
  found_in_group->assign(content_hashes.size(), 0);
  if (sig.empty()) return Status::OK();  // too short to say (PrepareArticle)
  // What this import has staged and not yet written: the pending commit and the one the
  // committer is writing.
  const Commit* const staged_commits[2] = {batch, inflight_.get()};
  std::vector<uint64_t> bands = analysis::BandHashes(sig, analysis::kBodyParams);

  // The `syndication` value (root | sig) of article `id`, this import's staged commits first.
  auto read_value = [&](const ArticleId& id, std::string* v) -> Status {
    for (const Commit* cm : staged_commits) {
      if (!cm) continue;
      if (auto p = cm->syndication.find(id); p != cm->syndication.end()) {
        *v = p->second;
        return Status::OK();
      }
    }
    return GetRaw(ro, kSyndication, keys::ArticleKey(id), v);
  };
  // The article joins the group whose root's signature agrees best (star, not chain: a copy is
  // compared with the group's first article, never with another member, so a group cannot
  // drift away from its root one edited reprint at a time; docs/crosscheck.md, "Syndication").
  // Ties go to the smaller root id.
  ArticleId root = a.id;
  double best = 0;
  std::set<ArticleId> seen;      // candidates read
  std::set<ArticleId> compared;  // roots whose signature was compared
  std::string v;
  auto consider = [&](const ArticleId& c) -> Status {
    if (c == a.id || !seen.insert(c).second) return Status::OK();
    Status s = read_value(c, &v);
    if (s.IsNotFound()) return Status::OK();
    QDB_RETURN_IF_ERROR(s);
    std::string_view in(v);
    ArticleId croot;
    if (!keys::GetHash128(&in, &croot)) return CorruptValue(kSyndication, keys::ArticleKey(c));
    if (!compared.insert(croot).second) return Status::OK();  // that group was compared
    if (croot != c) {
      // A member's bands (an older database): the group answers from its root.
      s = read_value(croot, &v);
      if (s.IsNotFound()) return CorruptValue(kSyndication, keys::ArticleKey(croot));
      QDB_RETURN_IF_ERROR(s);
      in = v;
      ArticleId rroot;
      if (!keys::GetHash128(&in, &rroot))
        return CorruptValue(kSyndication, keys::ArticleKey(croot));
    }
    std::vector<uint32_t> csig;
    if (!analysis::DecodeSignature(&in, &csig))
      return CorruptValue(kSyndication, keys::ArticleKey(croot));
    double j = analysis::EstimateJaccard(sig, csig);
    if (j >= kSyndicationMinJaccard && (j > best || (j == best && croot < root))) {
      best = j;
      root = croot;
    }
    return Status::OK();
  };

  // Candidates: articles sharing a band, read band by band. Only a group's root (an article
  // that joined no group) puts its bands in body_lsh, so a bucket holds one article per group
  // however many copies the group has; a database written before that holds members' too.
  // One iterator for every band (making one costs more than a seek that the bloom answers).
  std::unique_ptr<rocksdb::Iterator> it(db_->NewIterator(BandReadOptions(ro), handles_[kBodyLsh]));
  std::vector<ArticleId> found;
  for (size_t b = 0; b < bands.size(); ++b) {
    std::string lo = BandKey(b, bands[b]);
    found.clear();
    size_t n = 0;
    for (it->Seek(lo); it->Valid() && n < kMaxBodyBucket; it->Next(), ++n) {
      std::string_view in(it->key().data(), it->key().size());
      if (!in.starts_with(lo)) break;
      in.remove_prefix(lo.size());
      ArticleId id;
      if (!keys::GetHash128(&in, &id)) return CorruptValue(kBodyLsh, it->key().ToString());
      found.push_back(id);
    }
    QDB_RETURN_IF_ERROR(Conv(it->status()));
    for (const Commit* c : staged_commits) {
      if (!c) continue;
      if (auto p = c->body_lsh.find(lo); p != c->body_lsh.end())
        found.insert(found.end(), p->second.begin(), p->second.end());
    }
    for (const ArticleId& c : found) QDB_RETURN_IF_ERROR(consider(c));
    // Every slot agrees with a root (a reprint of the same text): no other group can agree
    // better, and the other bands would find that root again.
    if (best >= 1.0) break;
  }

  std::string value;
  keys::PutHash128(&value, root);
  value += analysis::EncodeSignature(sig);
  batch->cf[kSyndication].Put(keys::ArticleKey(a.id), value);
  mine->syndication[a.id] = value;
  if (root == a.id) {
    // A root, for now alone: later copies find the group through its bands.
    for (size_t b = 0; b < bands.size(); ++b) {
      std::string band_key = BandKey(b, bands[b]);
      batch->cf[kBodyLsh].Put(band_key + keys::ArticleKey(a.id), "");
      mine->body_lsh[band_key].push_back(a.id);
    }
    return Status::OK();
  }

  const std::string root_key = keys::ArticleKey(root);
  batch->cf[kSyndMembers].Put(root_key + root_key, "");
  batch->cf[kSyndMembers].Put(root_key + keys::ArticleKey(a.id), "");
  ++pw->counters.syndicated_articles;

  // A statement whose exact words are already stored in an article of the group is a copy:
  // counted apart so that stats and reports count the wire story's quotes once. Looked for at
  // the root's statement of the same ordinal (content_hashes[i] is statement i's), then in the
  // staged commits, then among every stored statement with those words, each checked as it is
  // read, up to the first in the group.
  //
  // The root's statements, by one MultiGet of `signatures` (whose values start with the
  // statement's content hash; a statement without words has none): a reprint's statements are
  // mostly the root's, in the same order, and a point read costs the same however many copies
  // are stored, where the by_content scan seeks through every table that holds the words, one
  // more with each copy. A root this import has not written yet is in the staged commits.
  bool root_staged = false;
  for (const Commit* cm : staged_commits)
    if (cm && cm->syndication.count(root)) root_staged = true;
  const size_t n = content_hashes.size();
  std::vector<char> at_root(n, 0);  // statement i's words are the root's statement i's
  if (!root_staged && n > 0) {
    std::vector<std::string> skeys(n);
    std::vector<rocksdb::Slice> slices(n);
    for (size_t i = 0; i < n; ++i) {
      skeys[i] = keys::StatementKey(root, static_cast<uint32_t>(i));
      slices[i] = skeys[i];
    }
    std::vector<rocksdb::PinnableSlice> values(n);
    std::vector<rocksdb::Status> statuses(n);
    db_->MultiGet(ro, handles_[kSignatures], n, slices.data(), values.data(), statuses.data(),
                  /*sorted_input=*/true);
    for (size_t i = 0; i < n; ++i) {
      if (statuses[i].IsNotFound()) continue;
      QDB_RETURN_IF_ERROR(Conv(statuses[i]));
      std::string_view in(values[i].data(), values[i].size());
      Hash128 stored;
      at_root[i] = keys::GetHash128(&in, &stored) && stored == content_hashes[i];
    }
  }
  std::map<ArticleId, ArticleId> roots;
  std::map<Hash128, bool> in_group;
  auto same_group = [&](std::string_view skey, bool* hit) -> Status {
    ArticleId other;
    uint32_t ordinal;
    if (!keys::DecodeStatementKey(skey, &other, &ordinal))
      return CorruptValue(kByContent, skey);
    auto r = SyndicationRoot(ro, other, &roots);
    if (!r.ok()) return r.status();
    *hit = *r == root;
    return Status::OK();
  };
  // One iterator for every statement of the article (by_content's prefix is the hash), made
  // when first needed: most reprints need none.
  std::unique_ptr<rocksdb::Iterator> cit;
  for (size_t i = 0; i < n; ++i) {
    const Hash128& h = content_hashes[i];
    if (at_root[i]) {
      in_group[h] = true;
      ++pw->counters.syndicated_statements;
      (*found_in_group)[i] = 1;
      continue;
    }
    auto it = in_group.find(h);
    if (it == in_group.end()) {
      bool hit = false;
      for (const Commit* cm : staged_commits) {
        if (!cm || hit) continue;
        if (auto p = cm->by_content.find(h); p != cm->by_content.end()) {
          for (const std::string& k : p->second) {
            QDB_RETURN_IF_ERROR(same_group(k, &hit));
            if (hit) break;
          }
        }
      }
      if (!hit) {
        if (!cit) cit.reset(db_->NewIterator(BandReadOptions(ro), handles_[kByContent]));
        std::string lo;
        keys::PutHash128(&lo, h);
        for (cit->Seek(lo); cit->Valid(); cit->Next()) {
          std::string_view k(cit->key().data(), cit->key().size());
          if (!k.starts_with(lo)) break;
          QDB_RETURN_IF_ERROR(same_group(keys::StatementKeySuffix(k), &hit));
          if (hit) break;
        }
        QDB_RETURN_IF_ERROR(Conv(cit->status()));
      }
      it = in_group.emplace(h, hit).first;
    }
    if (it->second) {
      ++pw->counters.syndicated_statements;
      (*found_in_group)[i] = 1;
    }
  }
  return Status::OK();
}

}  // namespace quotedb::store
