// HitCache: the small records every query hit shows, decoded and kept in memory: speakers' and
// sources' names, articles' heads (url, title, file), each article's syndication root and
// whether a root heads a group, and the statements of a syndicated hit's content hash (where
// its copies the query did not return are found). A word search with 50 hits otherwise reads
// about 250 of these through RocksDB (five MultiGets of 50 keys, each key through every table
// of its family) for about 40% of its instructions; they change only when something is
// written.
//
// Consistency. A query reads a snapshot (DBImpl::View); an entry may serve it only if it was
// read from a snapshot with the same contents. Writes that change any of these families
// (commits, the speaker registry, a secondary's catch-up) are bracketed by BeginChange() and
// EndChange(); each bumps the generation and clears the cache. A view takes Generation()
// *before* its snapshot, and uses or fills the cache only while the generation is still the
// one it took and no change is under way:
//   - a view that took generation g while no change was under way has a snapshot taken
//     before any later change began writing (a change bumps the generation first), and every
//     entry present at generation g was read by such a view: the same contents;
//   - a view whose generation is out of date reads RocksDB, as without the cache.
// kNone marks a view that took its generation during a change: it never uses the cache.
//
// Size: entries are charged an estimate of their bytes; past `max_bytes` the cache is cleared
// whole and fills again (simpler than an LRU, and these records are few: a few hundred bytes
// per article). max_bytes 0 disables the cache (Options::hit_cache_bytes).
#ifndef QUOTEDB_ENGINE_STORE_HIT_CACHE_H_
#define QUOTEDB_ENGINE_STORE_HIT_CACHE_H_

#include <cstdint>
#include <mutex>
#include <string>
#include <unordered_map>
#include <vector>

#include "quotedb/records.h"
#include "schema/serialize.h"

namespace quotedb::store {

class HitCache {
 public:
  static constexpr uint64_t kNone = UINT64_MAX;

  explicit HitCache(size_t max_bytes) : max_bytes_(max_bytes) {}
  HitCache(const HitCache&) = delete;
  HitCache& operator=(const HitCache&) = delete;

  // The generation a view is to read under: kNone while a change is being written, or when
  // the cache is disabled.
  uint64_t Generation() {
    if (max_bytes_ == 0) return kNone;
    std::lock_guard<std::mutex> lock(mu_);
    return changes_ > 0 ? kNone : gen_;
  }
  // Around a write that changes what queries read; they may nest and overlap (a commit on the
  // committer thread, a registry write).
  void BeginChange() {
    std::lock_guard<std::mutex> lock(mu_);
    ++changes_;
    ++gen_;
    ClearLocked();
  }
  void EndChange() {
    std::lock_guard<std::mutex> lock(mu_);
    --changes_;
    ++gen_;
    ClearLocked();
  }

  struct IdHash {
    size_t operator()(uint64_t id) const { return static_cast<size_t>(id * 0x9E3779B97F4A7C15ull); }
    // Article ids are XXH3-128 hashes: either half is spread already.
    size_t operator()(const Hash128& h) const { return static_cast<size_t>(h.hi ^ h.lo); }
  };

  // The cache locked for one view's lookups and fills; usable() is false (and every Find
  // misses, every Put is dropped) when the view's generation is not the cache's.
  class Access {
   public:
    bool usable() const { return ok_; }
    bool FindSpeaker(SpeakerId id, std::string* name) const { return Find(c_->speakers_, id, name); }
    bool FindSource(SourceId id, std::string* name) const { return Find(c_->sources_, id, name); }
    bool FindHead(const ArticleId& id, schema::ArticleHead* head) const { return Find(c_->heads_, id, head); }
    bool FindRoot(const ArticleId& id, ArticleId* root) const { return Find(c_->roots_, id, root); }
    bool FindGrouped(const ArticleId& root, bool* grouped) const { return Find(c_->grouped_, root, grouped); }
    // The statement keys (keys::StatementKeySuffix of the by_content keys) of a content hash.
    bool FindContent(const Hash128& h, std::vector<std::string>* skeys) const {
      return Find(c_->contents_, h, skeys);
    }
    void PutSpeaker(SpeakerId id, const std::string& name) { Put(&c_->speakers_, id, name, 8 + name.size()); }
    void PutSource(SourceId id, const std::string& name) { Put(&c_->sources_, id, name, 8 + name.size()); }
    void PutHead(const ArticleId& id, const schema::ArticleHead& h) {
      Put(&c_->heads_, id, h, 16 + 3 * sizeof(std::string) + h.url.size() + h.title.size() + h.file.size());
    }
    void PutRoot(const ArticleId& id, const ArticleId& root) { Put(&c_->roots_, id, root, 32); }
    void PutGrouped(const ArticleId& root, bool grouped) { Put(&c_->grouped_, root, grouped, 17); }
    void PutContent(const Hash128& h, const std::vector<std::string>& skeys) {
      size_t bytes = 16 + sizeof(skeys);
      for (const std::string& k : skeys) bytes += sizeof(std::string) + k.size();
      Put(&c_->contents_, h, skeys, bytes);
    }

   private:
    friend class HitCache;
    Access(HitCache* c, uint64_t gen) : c_(c), lock_(c->mu_) {
      ok_ = gen != kNone && c->changes_ == 0 && c->gen_ == gen;
    }
    template <class Map, class K, class V>
    bool Find(const Map& m, const K& k, V* out) const {
      if (!ok_) return false;
      auto it = m.find(k);
      if (it == m.end()) return false;
      *out = it->second;
      return true;
    }
    template <class Map, class K, class V>
    void Put(Map* m, const K& k, const V& v, size_t bytes) {
      if (!ok_) return;
      constexpr size_t kNodeBytes = 48;  // a hash node and its bucket, about
      if (c_->bytes_ + bytes + kNodeBytes > c_->max_bytes_) c_->ClearLocked();
      if (m->emplace(k, v).second) c_->bytes_ += bytes + kNodeBytes;
    }
    HitCache* c_;
    std::unique_lock<std::mutex> lock_;
    bool ok_ = false;
  };
  // Locks the cache for a view of generation `gen` until the Access is destroyed: keep it
  // for a loop over ids, not across a RocksDB read.
  Access Use(uint64_t gen) { return Access(this, gen); }

  size_t bytes_for_test() {
    std::lock_guard<std::mutex> lock(mu_);
    return bytes_;
  }

 private:
  void ClearLocked() {
    speakers_.clear();
    sources_.clear();
    heads_.clear();
    roots_.clear();
    grouped_.clear();
    contents_.clear();
    bytes_ = 0;
  }

  const size_t max_bytes_;
  std::mutex mu_;
  uint64_t gen_ = 0;      // guarded by mu_
  int changes_ = 0;       // guarded by mu_: changes under way
  size_t bytes_ = 0;      // guarded by mu_
  std::unordered_map<SpeakerId, std::string, IdHash> speakers_;
  std::unordered_map<SourceId, std::string, IdHash> sources_;
  std::unordered_map<ArticleId, schema::ArticleHead, IdHash> heads_;
  std::unordered_map<ArticleId, ArticleId, IdHash> roots_;
  std::unordered_map<ArticleId, bool, IdHash> grouped_;
  std::unordered_map<Hash128, std::vector<std::string>, IdHash> contents_;
};

}  // namespace quotedb::store

#endif  // QUOTEDB_ENGINE_STORE_HIT_CACHE_H_
