// Queries: quotes by speaker/source/date, who-said, speakers, articles, stats.
#include "store/db_impl.h"

#include <cstring>
#include <iterator>

namespace quotedb::store {

Status DBImpl::ResolveSpeakerQuery(const rocksdb::ReadOptions& ro, const std::string& name,
                                   std::vector<SpeakerId>* ids) {
  std::string key = store::SpeakerKey(name);
  if (key.empty()) return Status::OK();
  auto exact = AliasIds(ro, key);
  if (!exact.ok()) return exact.status();
  *ids = std::move(*exact);
  return Status::OK();
}

Status DBImpl::ReadStatement(const View& view, const std::string& skey, Statement* st) {
  std::string v;
  Status s = GetRaw(view.ro(), kStatements, skey, &v);
  if (s.IsNotFound()) {
    return Status::Corruption("database " + dir_ + ": an index entry points to statement " +
                              HexOf(skey) + ", which is missing (run quotedb verify)");
  }
  QDB_RETURN_IF_ERROR(s);
  if (!schema::DecodeStatement(v, st)) return CorruptValue(kStatements, skey);
  return Status::OK();
}

Status DBImpl::LoadHits(const View& view, const std::vector<std::string>& statement_keys,
                        std::vector<StatementHit>* hits, std::vector<Statement>* decoded) {
  std::unordered_map<SpeakerId, std::string> speaker_names;
  std::unordered_map<SourceId, std::string> source_names;
  std::map<ArticleId, Article> articles;
  for (size_t i = 0; i < statement_keys.size(); ++i) {
    const std::string& skey = statement_keys[i];
    StatementHit hit;
    if (decoded) {
      hit.statement = std::move((*decoded)[i]);
    } else {
      QDB_RETURN_IF_ERROR(ReadStatement(view, skey, &hit.statement));
    }
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
  return Folded(view, std::move(out));
}

Result<std::vector<StatementHit>> DBImpl::WhoSaid(std::string_view text, size_t limit) {
  View view(this);
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
    if (out.size() >= limit) return Folded(view, std::move(out));
  }

  // 2. Containment: intersect the postings of the query's words, rarest first in effect (a
  // word whose list is much longer than the candidates so far is skipped rather than read),
  // then check the phrase on the few statements left.
  std::vector<std::string> terms = IndexTerms(text);
  std::sort(terms.begin(), terms.end());
  terms.erase(std::unique(terms.begin(), terms.end()), terms.end());
  // Longer words first: they are rarer as a rule, so the candidates shrink sooner.
  std::stable_sort(terms.begin(), terms.end(),
                   [](const std::string& x, const std::string& y) { return x.size() > y.size(); });
  std::unique_ptr<rocksdb::Iterator> it(db_->NewIterator(view.ro(), handles_[kTerms]));
  std::vector<keys::StatementKeyBytes> cand, list, both;
  // Byte order (char may be signed: std::array's operator< would not be key order).
  auto key_less = [](const keys::StatementKeyBytes& x, const keys::StatementKeyBytes& y) {
    return std::memcmp(x.data(), y.data(), x.size()) < 0;
  };
  bool have = false;
  constexpr size_t kFirstCap = 1024;  // a first word more common than this is not read whole
  for (const std::string& t : terms) {
    const size_t cap = have ? std::max<size_t>(256, cand.size() * 16) : kFirstCap;
    list.clear();
    bool complete = false;
    QDB_RETURN_IF_ERROR(TermPostings(it.get(), keys::TermHash(t), cap, &list, &complete));
    if (complete && list.empty()) return Folded(view, std::move(out));  // no statement has it
    if (!complete) continue;
    std::sort(list.begin(), list.end(), key_less);
    list.erase(std::unique(list.begin(), list.end()), list.end());
    if (!have) {
      cand.swap(list);
      have = true;
    } else {
      both.clear();
      std::set_intersection(cand.begin(), cand.end(), list.begin(), list.end(),
                            std::back_inserter(both), key_less);
      cand.swap(both);
    }
    if (cand.empty()) return Folded(view, std::move(out));
    if (cand.size() <= 4) break;  // few enough to check one by one
  }
  if (!have && !terms.empty()) {  // every word is common: read the first one whole
    bool complete = false;
    QDB_RETURN_IF_ERROR(TermPostings(it.get(), keys::TermHash(terms[0]), 0, &cand, &complete));
    std::sort(cand.begin(), cand.end(), key_less);
  }
  it.reset();
  const std::string padded = " " + needle + " ";
  skeys.clear();
  std::vector<Statement> matched;
  for (const keys::StatementKeyBytes& bytes : cand) {
    if (out.size() + skeys.size() >= limit) break;
    std::string sk(bytes.data(), bytes.size());
    if (seen.count(sk)) continue;
    Statement st;
    QDB_RETURN_IF_ERROR(ReadStatement(view, sk, &st));
    if ((" " + NormalizeForHash(st.text) + " ").find(padded) == std::string::npos) continue;
    skeys.push_back(std::move(sk));
    matched.push_back(std::move(st));
  }
  std::vector<StatementHit> hits;
  QDB_RETURN_IF_ERROR(LoadHits(view, skeys, &hits, &matched));
  for (auto& hit : hits) out.push_back(std::move(hit));
  return Folded(view, std::move(out));
}

Status DBImpl::TermPostings(rocksdb::Iterator* it, uint64_t term_hash, size_t cap,
                            std::vector<keys::StatementKeyBytes>* out, bool* complete) const {
  *complete = false;
  char prefix[8];
  {
    std::string p;
    keys::PutU64(&p, term_hash);
    std::memcpy(prefix, p.data(), 8);
  }
  const size_t start = out->size();
  for (it->Seek(rocksdb::Slice(prefix, 8)); it->Valid(); it->Next()) {
    std::string_view k(it->key().data(), it->key().size());
    if (k.size() < 8 || std::memcmp(k.data(), prefix, 8) != 0) break;
    if (k.size() == 8 + keys::kStatementKeySize) {  // version 1: one key per statement
      std::memcpy(out->emplace_back().data(), k.data() + 8, keys::kStatementKeySize);
    } else if (k.size() == keys::kTermChunkKeySize) {  // version 2: a posting list
      if (!keys::DecodePostings(std::string_view(it->value().data(), it->value().size()), out))
        return CorruptValue(kTerms, std::string(k));
    } else {
      return CorruptValue(kTerms, std::string(k));
    }
    if (cap && out->size() - start > cap) return Conv(it->status());
  }
  QDB_RETURN_IF_ERROR(Conv(it->status()));
  *complete = true;
  return Status::OK();
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
