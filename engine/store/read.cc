// Queries: quotes by speaker/source/date, who-said, speakers, articles, stats.
#include "store/db_impl.h"

#include <bit>
#include <cstring>
#include <iterator>

namespace quotedb::store {
namespace {

using KeyBytes = keys::StatementKeyBytes;

// The first 8 bytes of a key as a number in byte order.
inline uint64_t Head8(const char* p) {
  uint64_t v;
  std::memcpy(&v, p, 8);
  if constexpr (std::endian::native == std::endian::little) v = __builtin_bswap64(v);
  return v;
}

// The text of a Statement value without decoding the rest (schema/FORMAT.md, "Values"): a
// cereal portable binary archive, its endianness byte (1: little), then the Statement's class
// version u32 (1), article_id (2 x u64), ordinal u32, kind u8, text (u64 length + bytes).
// False when the value is not laid out so; the caller then decodes it whole.
bool StatementTextOf(std::string_view v, std::string_view* text) {
  constexpr size_t kLenAt = 1 + 4 + 16 + 4 + 1;
  if constexpr (std::endian::native != std::endian::little) return false;
  if (v.size() < kLenAt + 8 || v[0] != 1) return false;
  uint32_t version;
  std::memcpy(&version, v.data() + 1, 4);
  if (version != 1) return false;
  uint64_t len;
  std::memcpy(&len, v.data() + kLenAt, 8);
  if (len > v.size() - kLenAt - 8) return false;
  *text = v.substr(kLenAt + 8, len);
  return true;
}

// What one seek found of a word in `terms`: its entries (keys and values) and their bytes (a
// length estimate). The values point into the blocks the iterator pins (ReadOptions::pin_data
// pins every value stored inline, and `terms` has no merge operands or blob values), so the
// lists are read once and not copied. Keys are copied (a delta-encoded key is not pinned), one
// after another into one buffer.
struct TermList {
  struct Entry {
    uint32_t key_at = 0, key_size = 0;  // in key_bytes
    std::string_view value;
  };
  uint64_t hash = 0;
  size_t bytes = 0;
  std::vector<Entry> entries;
  std::string key_bytes;
  bool empty() const { return bytes == 0; }
  std::string_view key(const Entry& e) const {
    return std::string_view(key_bytes).substr(e.key_at, e.key_size);
  }
};

// Calls fn(key, value) on each `terms` entry of `term_hash` through `it` (an iterator over
// kTerms) until fn returns false.
template <class Fn>
rocksdb::Status ScanTerm(rocksdb::Iterator* it, uint64_t term_hash, Fn&& fn) {
  char prefix[8];
  {
    std::string p;
    keys::PutU64(&p, term_hash);
    std::memcpy(prefix, p.data(), 8);
  }
  for (it->Seek(rocksdb::Slice(prefix, 8)); it->Valid(); it->Next()) {
    std::string_view k(it->key().data(), it->key().size());
    if (k.size() < 8 || std::memcmp(k.data(), prefix, 8) != 0) break;
    if (!fn(k, std::string_view(it->value().data(), it->value().size()))) break;
  }
  return it->status();
}

bool IsSingle(std::string_view k) { return k.size() == 8 + keys::kStatementKeySize; }
bool IsList(std::string_view k) { return k.size() == keys::kTermChunkKeySize; }

// The entries of a word, and their length. A key of neither layout (version 1: one key per
// statement; version 2: a posting list) is put in *bad_key.
rocksdb::Status ProbeTerm(rocksdb::Iterator* it, uint64_t term_hash, TermList* out,
                          std::string* bad_key) {
  out->hash = term_hash;
  return ScanTerm(it, term_hash, [&](std::string_view k, std::string_view v) {
    if (IsSingle(k)) {
      out->bytes += keys::kStatementKeySize;
    } else if (IsList(k)) {
      out->bytes += std::max<size_t>(1, v.size());
    } else {
      *bad_key = std::string(k);
      return false;
    }
    out->entries.push_back({static_cast<uint32_t>(out->key_bytes.size()),
                            static_cast<uint32_t>(k.size()), v});
    out->key_bytes.append(k);
    return true;
  });
}

// Statements that may hold a phrase, and where in each it may start (a word place, from 0).
struct Candidates {
  // A statement key as numbers: the article's two halves and the ordinal (its bytes are
  // big-endian, so the numbers' order is the keys' byte order).
  struct Entry {
    uint64_t head = 0, tail = 0;
    uint32_t ordinal = 0;
    uint32_t at = 0, n = 0;  // its possible starts: starts[at, at + n)
    bool unsure = false;     // a word's places are not known (an older list): check the text
    bool operator<(const Entry& o) const {
      if (head != o.head) return head < o.head;
      if (tail != o.tail) return tail < o.tail;
      return ordinal < o.ordinal;
    }
    bool SameKey(const Entry& o) const { return head == o.head && tail == o.tail && ordinal == o.ordinal; }
    KeyBytes Key() const {
      KeyBytes k;
      for (int b = 0; b < 8; ++b) k[b] = static_cast<char>(head >> (56 - 8 * b));
      for (int b = 0; b < 8; ++b) k[8 + b] = static_cast<char>(tail >> (56 - 8 * b));
      for (int b = 0; b < 4; ++b) k[16 + b] = static_cast<char>(ordinal >> (24 - 8 * b));
      return k;
    }
  };
  std::vector<Entry> entries;  // sorted by key, distinct
  std::vector<uint32_t> starts;
  size_t size() const { return entries.size(); }
};

// Whether `places` (ascending) holds s + o for every offset o.
bool AllAt(const std::vector<uint32_t>& places, uint32_t s, const std::vector<uint32_t>& offsets) {
  for (uint32_t o : offsets)
    if (!std::binary_search(places.begin(), places.end(), s + o)) return false;
  return true;
}


// A word's posting lists (one per commit; version-1 single keys gathered into one list of
// their own), read in key order a stretch of articles at a time, so that a search that needs
// only the first hits in key order decodes only the stretch that holds them.
class TermStream {
 public:
  // Not copied or moved: readers_ and keys_ point into merged_ and v1_prefix_.
  TermStream() = default;
  TermStream(const TermStream&) = delete;
  TermStream& operator=(const TermStream&) = delete;

  // Reads the lists of `t` (they stay where ProbeTerm found them: `t` must outlive this). A
  // key of neither layout is put in *bad_key.
  void Load(const TermList& t, std::string* bad_key) {
    std::vector<std::string_view> singles;
    for (const TermList::Entry& e : t.entries) {
      const std::string_view k = t.key(e), v = e.value;
      if (IsSingle(k)) {
        singles.push_back(k.substr(8));
      } else if (IsList(k)) {
        readers_.emplace_back(v);
        keys_.emplace_back(k);
      } else {
        *bad_key = std::string(k);
        return;
      }
    }
    if (!singles.empty()) {
      std::sort(singles.begin(), singles.end());
      keys::EncodePostings(singles, &merged_);
      readers_.emplace_back(merged_);
      keys::PutU64(&v1_prefix_, t.hash);  // the word's version-1 keys start so
      keys_.push_back(v1_prefix_);
    }
    pending_.assign(readers_.size(), 0);
  }

  // Calls fn(list, reader) on each next article group whose article's first 8 bytes (as a
  // number) are below `end` (every one left when `to_end`), in each list in turn. False when
  // a list does not decode; its key is put in *bad_key.
  template <class Fn>
  bool Groups(uint64_t end, bool to_end, std::string* bad_key, Fn&& fn) {
    for (size_t i = 0; i < readers_.size(); ++i) {
      keys::PostingReader& r = readers_[i];
      for (;;) {
        if (!pending_[i]) {
          if (!r.NextGroup()) break;
          pending_[i] = 1;
        }
        if (!to_end && Head8(r.article().data()) >= end) break;
        fn(i, r);
        pending_[i] = 0;
      }
      if (!r.ok()) {
        *bad_key = std::string(keys_[i]);
        return false;
      }
    }
    return true;
  }

 private:
  std::string merged_;  // version-1 single keys as one list
  std::string v1_prefix_;  // its key: the word's hash
  std::vector<std::string_view> keys_;  // each list's key (in the TermList, or v1_prefix_)
  std::vector<keys::PostingReader> readers_;
  std::vector<char> pending_;  // readers_[i] stands on a group not given out yet
};

// The statements of the first word's next stretch, each with the starts its places allow for
// a phrase that has the word at `offsets` (ascending); a statement whose places rule out every
// start is left out. False on a list that does not decode (its key in *bad_key).
bool DecodeStretch(TermStream* t, uint64_t end, bool to_end, const std::vector<uint32_t>& offsets,
                   Candidates* out, std::string* bad_key) {
  out->entries.clear();
  out->starts.clear();
  std::vector<uint32_t> places;
  uint32_t ordinal = 0;
  // Each list's stretch is sorted: merge each into the ones before it.
  auto less = [](const Candidates::Entry& x, const Candidates::Entry& y) { return x < y; };
  size_t list = SIZE_MAX, run = 0;
  auto merge_run = [&] {
    if (run == 0) return;
    auto mid = out->entries.begin() + static_cast<std::ptrdiff_t>(run);
    std::inplace_merge(out->entries.begin(), mid, out->entries.end(), less);
  };
  const bool ok = t->Groups(end, to_end, bad_key, [&](size_t l, keys::PostingReader& r) {
    if (l != list) {
      merge_run();
      list = l;
      run = out->entries.size();
    }
    while (r.NextEntry(&ordinal, &places)) {
      Candidates::Entry e;
      e.head = Head8(r.article().data());
      e.tail = Head8(r.article().data() + 8);
      e.ordinal = ordinal;
      e.at = static_cast<uint32_t>(out->starts.size());
      if (!r.placed()) {
        e.unsure = true;
      } else if (offsets.size() == 1) {  // the word once in the phrase: each place is a start
        for (uint32_t p : places)
          if (p >= offsets.front()) out->starts.push_back(p - offsets.front());
        e.n = static_cast<uint32_t>(out->starts.size() - e.at);
        if (e.n == 0) continue;
      } else {
        for (uint32_t p : places)
          if (p >= offsets.front() && AllAt(places, p - offsets.front(), offsets))
            out->starts.push_back(p - offsets.front());
        e.n = static_cast<uint32_t>(out->starts.size() - e.at);
        if (e.n == 0) continue;
      }
      out->entries.push_back(e);
    }
  });
  merge_run();
  out->entries.erase(std::unique(out->entries.begin(), out->entries.end(),
                                 [](const auto& x, const auto& y) { return x.SameKey(y); }),
                     out->entries.end());
  return ok;
}

// Keeps in *cand the statements that the word of `t` has too in the same stretch, at places
// (when both are known) that leave a start: the word at each of `offsets` from it. False on a
// list that does not decode (its key in *bad_key).
bool FilterStretch(TermStream* t, uint64_t end, bool to_end, const std::vector<uint32_t>& offsets,
                   Candidates* cand, std::string* bad_key) {
  auto& ce = cand->entries;
  std::vector<char> keep(ce.size(), 0);
  std::vector<uint32_t> places;
  // Candidate i has the word, at `places` when known (null: not known).
  auto mark = [&](size_t i, const std::vector<uint32_t>* at) {
    Candidates::Entry& e = ce[i];
    if (keep[i]) return;  // seen in another list
    if (!at || e.unsure) {
      e.unsure = true;
      keep[i] = 1;
      return;
    }
    uint32_t w = e.at;
    for (uint32_t j = e.at; j < e.at + e.n; ++j)
      if (AllAt(*at, cand->starts[j], offsets)) cand->starts[w++] = cand->starts[j];
    e.n = w - e.at;
    keep[i] = e.n > 0;
  };
  // A list's groups and the candidates both ascend: walk them together; within an article,
  // its entries and its candidates both ascend by ordinal.
  size_t list = SIZE_MAX, from = 0;
  uint32_t ordinal = 0;
  const bool ok = t->Groups(end, to_end, bad_key, [&](size_t l, keys::PostingReader& r) {
    if (l != list) {
      list = l;
      from = 0;
    }
    const uint64_t h = Head8(r.article().data()), h2 = Head8(r.article().data() + 8);
    while (from < ce.size() && (ce[from].head < h || (ce[from].head == h && ce[from].tail < h2))) ++from;
    if (from == ce.size() || ce[from].head != h || ce[from].tail != h2) return;
    size_t hi = from;
    while (hi < ce.size() && ce[hi].head == h && ce[hi].tail == h2) ++hi;
    size_t j = from;
    while (j < hi && r.NextEntry(&ordinal, r.placed() ? &places : nullptr)) {
      while (j < hi && ce[j].ordinal < ordinal) ++j;
      if (j < hi && ce[j].ordinal == ordinal) mark(j, r.placed() ? &places : nullptr);
    }
  });
  size_t w = 0;
  for (size_t r = 0; r < ce.size(); ++r)
    if (keep[r]) ce[w++] = ce[r];
  ce.resize(w);
  return ok;
}

// Whether `words` hold `phrase` (not empty) as consecutive words.
bool HasWords(const std::vector<std::string>& words, const std::vector<std::string>& phrase) {
  if (phrase.size() > words.size()) return false;
  for (size_t i = 0; i + phrase.size() <= words.size(); ++i)
    if (std::equal(phrase.begin(), phrase.end(), words.begin() + static_cast<std::ptrdiff_t>(i)))
      return true;
  return false;
}

}  // namespace

Status DBImpl::ResolveSpeakerQuery(const rocksdb::ReadOptions& ro, const std::string& name,
                                   std::vector<SpeakerId>* ids) {
  std::string key = store::SpeakerKey(name);
  if (key.empty()) return Status::OK();
  auto exact = AliasIds(ro, key);
  if (!exact.ok()) return exact.status();
  *ids = std::move(*exact);
  return Status::OK();
}

Status DBImpl::MultiGetEach(const View& view, Cf cf, const std::vector<std::string>& keys,
                            bool sorted,
                            const std::function<Status(size_t, const rocksdb::Status&,
                                                       std::string_view)>& fn) {
  if (keys.empty()) return Status::OK();
  return MultiGetEach(view, cf, std::vector<rocksdb::Slice>(keys.begin(), keys.end()), sorted, fn);
}

Status DBImpl::MultiGetEach(const View& view, Cf cf, const std::vector<rocksdb::Slice>& keys,
                            bool sorted,
                            const std::function<Status(size_t, const rocksdb::Status&,
                                                       std::string_view)>& fn) {
  if (keys.empty()) return Status::OK();
  std::vector<rocksdb::PinnableSlice> values(keys.size());
  std::vector<rocksdb::Status> statuses(keys.size());
  db_->MultiGet(view.ro(), handles_[cf], keys.size(), keys.data(), values.data(),
                statuses.data(), sorted);
  for (size_t i = 0; i < keys.size(); ++i)
    QDB_RETURN_IF_ERROR(fn(i, statuses[i], std::string_view(values[i].data(), values[i].size())));
  return Status::OK();
}

Status DBImpl::ReadStatements(const View& view, const std::vector<std::string>& statement_keys,
                              std::vector<Statement>* out) {
  out->assign(statement_keys.size(), Statement{});
  return MultiGetEach(
      view, kStatements, statement_keys, false,
      [&](size_t i, const rocksdb::Status& s, std::string_view v) -> Status {
        if (s.IsNotFound()) {
          return Status::Corruption("database " + dir_ + ": an index entry points to statement " +
                                    HexOf(statement_keys[i]) +
                                    ", which is missing (run quotedb verify)");
        }
        QDB_RETURN_IF_ERROR(Conv(s));
        if (!schema::DecodeStatement(v, &(*out)[i])) return CorruptValue(kStatements, statement_keys[i]);
        return Status::OK();
      });
}

Status DBImpl::LoadHits(const View& view, const std::vector<std::string>& statement_keys,
                        std::vector<StatementHit>* hits, std::vector<Statement>* decoded) {
  const size_t n = statement_keys.size();
  if (n == 0) return Status::OK();
  // Reads `keys` of `cf` in one MultiGet; fn(i, status, value) for each, in order.
  std::vector<Statement> sts;
  if (decoded) {
    sts = std::move(*decoded);
  } else {
    QDB_RETURN_IF_ERROR(ReadStatements(view, statement_keys, &sts));
  }
  // The speakers, sources and articles of the hits, each read once (sorted keys for MultiGet).
  std::vector<SpeakerId> speaker_ids;
  std::vector<SourceId> source_ids;
  std::vector<ArticleId> article_ids;
  for (const Statement& st : sts) {
    speaker_ids.insert(speaker_ids.end(), st.speaker_ids.begin(), st.speaker_ids.end());
    if (st.source_id != 0) source_ids.push_back(st.source_id);
    article_ids.push_back(st.article_id);
  }
  auto sort_unique = [](auto* v) {
    std::sort(v->begin(), v->end());
    v->erase(std::unique(v->begin(), v->end()), v->end());
  };
  sort_unique(&speaker_ids);
  sort_unique(&source_ids);
  sort_unique(&article_ids);
  // Id keys are big-endian, so numeric order is key order; so are article keys. The keys are
  // written into one buffer, and the values read into vectors in the ids' order. What the hit
  // cache holds is not read (hit_cache.h); what is read goes into it.
  std::vector<std::string> speaker_names(speaker_ids.size()), source_names(source_ids.size());
  std::vector<schema::ArticleHead> articles(article_ids.size());
  std::vector<size_t> sp_miss, src_miss, art_miss;  // indices not in the cache
  {
    HitCache::Access c = hit_cache_.Use(view.cache_gen());
    for (size_t i = 0; i < speaker_ids.size(); ++i)
      if (!c.FindSpeaker(speaker_ids[i], &speaker_names[i])) sp_miss.push_back(i);
    for (size_t i = 0; i < source_ids.size(); ++i)
      if (!c.FindSource(source_ids[i], &source_names[i])) src_miss.push_back(i);
    for (size_t i = 0; i < article_ids.size(); ++i)
      if (!c.FindHead(article_ids[i], &articles[i])) art_miss.push_back(i);
  }
  {
    std::string buf;
    std::vector<rocksdb::Slice> k;
    auto key_slices = [&](size_t n, size_t width) {
      k.clear();
      for (size_t i = 0; i < n; ++i) k.emplace_back(buf.data() + i * width, width);
    };
    auto key_of = [&](size_t i) { return k[i].ToString(); };
    buf.clear();
    for (size_t i : sp_miss) keys::PutU64(&buf, speaker_ids[i]);
    key_slices(sp_miss.size(), 8);
    QDB_RETURN_IF_ERROR(MultiGetEach(
        view, kSpeakers, k, true, [&](size_t j, const rocksdb::Status& s, std::string_view v) -> Status {
          if (s.ok() && !schema::DecodeSpeakerName(v, &speaker_names[sp_miss[j]]))
            return CorruptValue(kSpeakers, key_of(j));
          if (!s.ok() && !s.IsNotFound()) return Conv(s);
          return Status::OK();
        }));
    buf.clear();
    for (size_t i : src_miss) keys::PutU64(&buf, source_ids[i]);
    key_slices(src_miss.size(), 8);
    QDB_RETURN_IF_ERROR(MultiGetEach(
        view, kSources, k, true, [&](size_t j, const rocksdb::Status& s, std::string_view v) -> Status {
          Source src;
          if (s.ok() && !schema::DecodeSource(v, &src)) return CorruptValue(kSources, key_of(j));
          if (!s.ok() && !s.IsNotFound()) return Conv(s);
          source_names[src_miss[j]] = std::move(src.name);
          return Status::OK();
        }));
    buf.clear();
    for (size_t i : art_miss) keys::PutHash128(&buf, article_ids[i]);
    key_slices(art_miss.size(), 16);
    QDB_RETURN_IF_ERROR(MultiGetEach(
        view, kArticles, k, true, [&](size_t j, const rocksdb::Status& s, std::string_view v) -> Status {
          if (s.ok() && !schema::DecodeArticleHead(v, &articles[art_miss[j]]))
            return CorruptValue(kArticles, key_of(j));
          if (!s.ok() && !s.IsNotFound()) return Conv(s);
          return Status::OK();
        }));
  }
  if (!sp_miss.empty() || !src_miss.empty() || !art_miss.empty()) {
    HitCache::Access c = hit_cache_.Use(view.cache_gen());
    for (size_t i : sp_miss) c.PutSpeaker(speaker_ids[i], speaker_names[i]);
    for (size_t i : src_miss) c.PutSource(source_ids[i], source_names[i]);
    for (size_t i : art_miss) c.PutHead(article_ids[i], articles[i]);
  }
  auto at = [](const auto& ids, const auto& id) {
    return static_cast<size_t>(std::lower_bound(ids.begin(), ids.end(), id) - ids.begin());
  };
  hits->reserve(hits->size() + n);
  for (size_t i = 0; i < n; ++i) {
    StatementHit hit;
    hit.statement = std::move(sts[i]);
    for (SpeakerId id : hit.statement.speaker_ids) hit.speakers.push_back(speaker_names[at(speaker_ids, id)]);
    if (hit.statement.source_id != 0) hit.source = source_names[at(source_ids, hit.statement.source_id)];
    const schema::ArticleHead& a = articles[at(article_ids, hit.statement.article_id)];
    hit.url = a.url;
    hit.title = a.title;
    hit.file = a.file;
    hits->push_back(std::move(hit));
  }
  return Status::OK();
}

Result<std::vector<StatementHit>> DBImpl::Quotes(const QuoteQuery& q) {
  View view(this);
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
    // A name may stand for many speakers ("a spokesman"): one iterator walks all their ranges.
    std::sort(speaker_ids.begin(), speaker_ids.end());
    speaker_ids.erase(std::unique(speaker_ids.begin(), speaker_ids.end()), speaker_ids.end());
    std::vector<std::pair<std::string, std::string>> ranges;
    for (SpeakerId id : speaker_ids) ranges.push_back(IdDateRange(id, from, to));
    QDB_RETURN_IF_ERROR(ScanKeyRanges(view.ro(), kBySpeaker, ranges, &index_keys));
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
  return Folded(view, std::move(out));
}

Result<std::vector<StatementHit>> DBImpl::WhoSaid(std::string_view text, size_t limit) {
  View view(this);
  std::vector<StatementHit> out;
  const std::string needle = NormalizeForHash(text);
  if (needle.empty() || limit == 0) return out;
  std::set<std::string, std::less<>> seen;

  // 1. Exact: the content hash, then compare the text (xxHash is not cryptographic).
  // ContentHash(text), from the needle already normalised.
  const XXH128_hash_t xh = XXH3_128bits(needle.data(), needle.size());
  const Hash128 h{xh.high64, xh.low64};
  std::string lo;
  keys::PutHash128(&lo, h);
  std::vector<std::string> ckeys;
  // Prefix mode: the content hash's bloom filter skips the tables without it. Folding the hits
  // at the end uses it again.
  std::unique_ptr<rocksdb::Iterator> cit(
      db_->NewIterator(BandReadOptions(view.ro()), handles_[kByContent]));
  for (cit->Seek(lo); cit->Valid() && cit->key().starts_with(lo); cit->Next())
    ckeys.emplace_back(keys::StatementKeySuffix(cit->key().ToStringView()));
  QDB_RETURN_IF_ERROR(Conv(cit->status()));
  // The hits: their statement keys and statements, the exact ones first. Their speakers,
  // sources and articles are read once, for all of them, at the end.
  std::vector<std::string> skeys;
  std::vector<Statement> matched;
  // A Statement is large: growing `matched` hit by hit moved them all again at each doubling
  // (3% of a 50-hit phrase search's samples).
  skeys.reserve(std::min<size_t>(limit, 256));
  matched.reserve(std::min<size_t>(limit, 256));
  {
    std::vector<Statement> csts;
    QDB_RETURN_IF_ERROR(ReadStatements(view, ckeys, &csts));
    for (size_t i = 0; i < csts.size() && skeys.size() < limit; ++i) {
      if (NormalizeForHash(csts[i].text) != needle) continue;
      seen.insert(ckeys[i]);
      skeys.push_back(std::move(ckeys[i]));
      matched.push_back(std::move(csts[i]));
    }
  }
  const size_t n_exact = skeys.size();
  // Hits whose statements are not read yet (sure candidates: their lists hold the phrase);
  // they are read together at the end, in one MultiGet.
  std::vector<size_t> unread;
  auto finish = [&]() -> Result<std::vector<StatementHit>> {
    if (!unread.empty()) {
      std::vector<std::string> ukeys;
      ukeys.reserve(unread.size());
      for (size_t i : unread) ukeys.push_back(skeys[i]);
      std::vector<Statement> usts;
      QDB_RETURN_IF_ERROR(ReadStatements(view, ukeys, &usts));
      for (size_t j = 0; j < unread.size(); ++j) matched[unread[j]] = std::move(usts[j]);
    }
    QDB_RETURN_IF_ERROR(LoadHits(view, skeys, &out, &matched));
    for (size_t i = 0; i < n_exact; ++i) out[i].exact = true;
    return Folded(view, std::move(out), cit.get());
  };
  if (skeys.size() >= limit) return finish();

  // 2. Containment: the statements holding the query's words in a row. The posting lists of
  // the words (the rarest of those looked at first) give candidates and, from schema version 3,
  // each word's places in them, so the phrase is checked on the lists; a statement whose places
  // are unknown (an older list), or a query word whose list was not read (far more common than
  // the candidates), leaves the candidate to a check of its text. Candidates are taken in key
  // order, reading the statements in batches, until `limit`.
  const std::vector<std::string> phrase = IndexTerms(text, needle);
  if (phrase.empty()) return finish();
  // What to look up: the phrase's words, each at its place in the phrase; in a database with
  // word pairs (keys.h), each two adjacent common words as one pair term at the first one's
  // place instead, and a word only where no pair covers it. A statement holds the phrase when
  // it holds each of these at its place from one start.
  struct Unit {
    uint64_t hash;
    uint32_t at;   // place in the phrase
    size_t size;   // the word's (or pair's) length: longer ones are rarer as a rule
    int kind;      // kRareWord, kPair or kCommonWord: the order in which they tend to be rarer
  };
  enum { kRareWord, kPair, kCommonWord };
  std::vector<Unit> units;
  {
    std::vector<uint64_t> word_hash(phrase.size());
    for (size_t i = 0; i < phrase.size(); ++i) word_hash[i] = keys::TermHash(phrase[i]);
    std::vector<char> covered(phrase.size(), 0);
    if (word_pairs_) {
      for (uint32_t i = 0; i + 1 < phrase.size(); ++i) {
        if (!keys::IsCommonTerm(word_hash[i]) || !keys::IsCommonTerm(word_hash[i + 1])) continue;
        units.push_back({keys::PairTermHash(phrase[i], phrase[i + 1]), i,
                         phrase[i].size() + 1 + phrase[i + 1].size(), kPair});
        covered[i] = covered[i + 1] = 1;
      }
    }
    for (uint32_t i = 0; i < phrase.size(); ++i) {
      if (covered[i]) continue;
      units.push_back({word_hash[i], i, phrase[i].size(),
                       keys::IsCommonTerm(word_hash[i]) ? kCommonWord : kRareWord});
    }
  }
  // The distinct units, those likely rarer first (the rare one is then found in few seeks):
  // words that are not common words, then pairs of common words, then common words alone,
  // each longer first; then by hash: the units sorted so, then by place, and cut where the
  // hash changes. terms[k] is [from, to) of `by_word`. A pair is longer than most words but
  // its list is a common phrase's: "there will be no funeral service" probed "there will"
  // first and took 85 us, where "funeral" alone answers in 13.5 us.
  std::vector<uint32_t> by_word(units.size());
  for (uint32_t i = 0; i < by_word.size(); ++i) by_word[i] = i;
  std::sort(by_word.begin(), by_word.end(), [&](uint32_t x, uint32_t y) {
    const Unit &a = units[x], &b = units[y];
    if (a.kind != b.kind) return a.kind < b.kind;
    if (a.size != b.size) return a.size > b.size;
    if (a.hash != b.hash) return a.hash < b.hash;
    return a.at < b.at;
  });
  std::vector<std::pair<uint32_t, uint32_t>> terms;
  for (uint32_t i = 0; i < by_word.size(); ++i) {
    if (i == 0 || units[by_word[i]].hash != units[by_word[i - 1]].hash) terms.emplace_back(i, i);
    terms.back().second = i + 1;
  }
  // Prefix mode: ScanTerm reads one word's keys per seek, and the bloom skips the tables
  // without the word.
  // pin_data: the lists are read where the iterator found them, as long as it lives.
  rocksdb::ReadOptions term_ro = BandReadOptions(view.ro());
  term_ro.pin_data = true;
  std::unique_ptr<rocksdb::Iterator> it(db_->NewIterator(term_ro, handles_[kTerms]));
  std::vector<TermList> lists;
  std::vector<std::vector<uint32_t>> list_offsets;  // each probed word's offsets in the phrase
  std::string bad_key;
  // Posting list bytes per statement: about 16 (article) + 4 (count, length, ordinal, places)
  // for a statement alone in its article; fewer when an article has several.
  constexpr size_t kMaxProbes = 8;
  constexpr size_t kTinyBytes = 4 * 20 + 2;  // about 4 statements: check them, look no further
  constexpr size_t kRareBytes = 64 * 20;     // about 64 statements: one more word may halve them
  size_t best = 0;
  lists.reserve(std::min(terms.size(), kMaxProbes));
  list_offsets.reserve(lists.capacity());
  for (const auto& [from, to] : terms) {
    TermList& tl = lists.emplace_back();
    std::vector<uint32_t>& offsets = list_offsets.emplace_back();
    for (uint32_t k = from; k < to; ++k) offsets.push_back(units[by_word[k]].at);
    QDB_RETURN_IF_ERROR(Conv(ProbeTerm(it.get(), units[by_word[from]].hash, &tl, &bad_key)));
    if (!bad_key.empty()) return CorruptValue(kTerms, bad_key);
    if (tl.empty()) return finish();  // no statement has this word
    if (tl.bytes < lists[best].bytes) best = lists.size() - 1;
    if (lists.size() >= kMaxProbes || lists[best].bytes <= kTinyBytes ||
        (lists.size() >= 2 && lists[best].bytes <= kRareBytes))
      break;
  }
  std::vector<size_t> order;
  for (size_t i = 0; i < lists.size(); ++i)
    if (i != best) order.push_back(i);
  std::stable_sort(order.begin(), order.end(),
                   [&](size_t x, size_t y) { return lists[x].bytes < lists[y].bytes; });
  // The rarest word's lists give the candidates; the next rarest words' lists filter them, at
  // most kMaxFilters of them, and none over 8 KB per statement of the rarest list (about 20
  // bytes each): walking a list skips an article without a candidate in a few nanoseconds
  // (about 40 bytes), checking a candidate's text (a read and a normalisation) takes a few
  // microseconds. Whether every word's places are matched: then a candidate not marked unsure
  // holds the phrase (up to a collision of 64-bit word hashes) and its text is not checked.
  constexpr size_t kMaxFilters = 3;
  const size_t rarest = std::max<size_t>(1, lists[best].bytes / 20);
  bool all_words = lists.size() == terms.size();
  std::vector<size_t> filters;
  for (size_t i : order) {
    if (filters.size() >= kMaxFilters || lists[i].bytes > 8192 * rarest) {
      all_words = false;
      break;
    }
    filters.push_back(i);
  }
  std::vector<TermStream> streams(lists.size());
  for (size_t i : filters) streams[i].Load(lists[i], &bad_key);
  streams[best].Load(lists[best], &bad_key);
  if (!bad_key.empty()) return CorruptValue(kTerms, bad_key);

  std::vector<rocksdb::Slice> batch_keys;
  std::vector<KeyBytes> batch_key_bytes;  // what batch_keys point to
  std::vector<char> batch_sure;
  size_t batch = 8;
  // Reads the candidates in key order, in batches, and keeps those that hold the phrase (sure
  // ones without a look at their text), until `limit`.
  auto take = [&](const Candidates& cand) -> Status {
    size_t next = 0;
    while (next < cand.size() && skeys.size() < limit) {
      batch_keys.clear();
      batch_key_bytes.clear();
      batch_sure.clear();
      const size_t want = limit - skeys.size();
      // Sure candidates are hits: read as many as are wanted at once.
      if (all_words) batch = std::max(batch, want);
      for (; next < cand.size() && batch_keys.size() < batch; ++next) {
        const Candidates::Entry& e = cand.entries[next];
        const KeyBytes key = e.Key();
        if (seen.count(std::string_view(key.data(), key.size()))) continue;
        batch_key_bytes.push_back(key);
        batch_keys.emplace_back();  // set below, once batch_key_bytes stops growing
        batch_sure.push_back(all_words && !e.unsure);
      }
      batch = std::min<size_t>(batch * 2, 64);
      if (batch_keys.empty()) continue;
      // The slices point into batch_key_bytes, complete by now.
      for (size_t j = 0; j < batch_keys.size(); ++j)
        batch_keys[j] = rocksdb::Slice(batch_key_bytes[j].data(), batch_key_bytes[j].size());
      if (std::all_of(batch_sure.begin(), batch_sure.end(), [](char c) { return c != 0; })) {
        // Every one is a hit: read them at the end with the rest.
        for (size_t j = 0; j < batch_keys.size() && skeys.size() < limit; ++j) {
          unread.push_back(skeys.size());
          skeys.push_back(batch_keys[j].ToString());
          matched.emplace_back();
        }
        continue;
      }
      std::vector<rocksdb::PinnableSlice> values(batch_keys.size());
      std::vector<rocksdb::Status> statuses(batch_keys.size());
      db_->MultiGet(view.ro(), handles_[kStatements], batch_keys.size(), batch_keys.data(),
                    values.data(), statuses.data(), /*sorted_input=*/true);
      for (size_t j = 0; j < batch_keys.size(); ++j) {
        if (skeys.size() >= limit) break;
        std::string sk = batch_keys[j].ToString();
        if (statuses[j].IsNotFound()) {
          return Status::Corruption("database " + dir_ + ": an index entry points to statement " +
                                    HexOf(sk) + ", which is missing (run quotedb verify)");
        }
        QDB_RETURN_IF_ERROR(Conv(statuses[j]));
        std::string_view v(values[j].data(), values[j].size());
        Statement st;
        if (!batch_sure[j]) {
          std::string_view stext;
          bool decoded = false;
          if (!StatementTextOf(v, &stext)) {
            if (!schema::DecodeStatement(v, &st)) return CorruptValue(kStatements, sk);
            decoded = true;
            stext = st.text;
          }
          if (!HasWords(IndexTerms(stext), phrase)) continue;
          if (!decoded && !schema::DecodeStatement(v, &st)) return CorruptValue(kStatements, sk);
        } else if (!schema::DecodeStatement(v, &st)) {
          return CorruptValue(kStatements, sk);
        }
        skeys.push_back(std::move(sk));
        matched.push_back(std::move(st));
      }
    }
    return Status::OK();
  };
  // Stretches of the key space (by the article's first 8 bytes, a hash), a 64th first, each next
  // one at most twice as wide: a search that finds its `limit` hits early decodes only the
  // lists' first stretches. Articles spread evenly over the space (their ids are hashes), so
  // once some hits are found, the next stretch is as wide as the hits still wanted should need
  // at the rate found so far, with a fifth more (a stretch too narrow costs one more round).
  Candidates cand;
  uint64_t start = 0, width = uint64_t{1} << 58;
  const size_t n_before = skeys.size();
  for (;;) {
    const bool to_end = width > UINT64_MAX - start;
    const uint64_t end = to_end ? 0 : start + width;
    if (!DecodeStretch(&streams[best], end, to_end, list_offsets[best], &cand, &bad_key))
      return CorruptValue(kTerms, bad_key);
    for (size_t i : filters) {
      if (cand.size() == 0) break;
      if (!FilterStretch(&streams[i], end, to_end, list_offsets[i], &cand, &bad_key))
        return CorruptValue(kTerms, bad_key);
    }
    QDB_RETURN_IF_ERROR(take(cand));
    if (to_end || skeys.size() >= limit) break;
    start = end;
    const uint64_t doubled = width < (uint64_t{1} << 62) ? width << 1 : width;
    const size_t found = skeys.size() - n_before;
    if (found > 0) {
      const double want = static_cast<double>(limit - skeys.size());
      const double guess = static_cast<double>(start) / static_cast<double>(found) * want * 1.2;
      width = guess >= static_cast<double>(doubled)
                  ? doubled
                  : std::max(uint64_t{1} << 56, static_cast<uint64_t>(guess));
    } else {
      width = doubled;
    }
  }
  return finish();
}

Result<std::vector<Speaker>> DBImpl::FindSpeakers(std::string_view name, size_t limit) {
  View view(this);
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
  View view(this);
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
  View view(this);
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
Status DBImpl::ForEachStatement(const std::function<bool(const StatementHit&)>& fn) {
  View view(this);
  std::unique_ptr<rocksdb::Iterator> it(db_->NewIterator(view.ro(), handles_[kStatements]));
  std::vector<std::string> keys_batch;
  auto flush = [&]() -> Result<bool> {
    std::vector<StatementHit> hits;
    QDB_RETURN_IF_ERROR(LoadHits(view, keys_batch, &hits));
    keys_batch.clear();
    for (const auto& h : hits)
      if (!fn(h)) return false;
    return true;
  };
  for (it->SeekToFirst(); it->Valid(); it->Next()) {
    keys_batch.emplace_back(it->key().data(), it->key().size());
    if (keys_batch.size() >= 256) {
      auto more = flush();
      if (!more.ok()) return more.status();
      if (!*more) return Status::OK();
    }
  }
  QDB_RETURN_IF_ERROR(Conv(it->status()));
  if (!keys_batch.empty()) {
    auto more = flush();
    if (!more.ok()) return more.status();
  }
  return Status::OK();
}

}  // namespace quotedb::store
