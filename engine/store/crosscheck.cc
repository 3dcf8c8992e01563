// Read side of the cross-checks: DB::Check, DB::AttributionReport and folding syndicated
// copies. Exact matches come from `by_content`; near variants from the `lsh` bands of the
// words' MinHash signature, verified by word similarity (quotedb/similarity.h); syndication
// groups from `syndication` / `synd_members` (near_dup.cc writes them).
#include <cmath>
#include <set>

#include "analysis/minhash.h"
#include "store/db_impl.h"

namespace quotedb {

const char* VerdictName(Verdict verdict) {
  switch (verdict) {
    case Verdict::kConfirmed:
      return "confirmed";
    case Verdict::kMisattributed:
      return "misattributed";
    case Verdict::kAltered:
      return "altered";
    case Verdict::kNotFound:
      return "not-found";
  }
  return "not-found";
}

}  // namespace quotedb

namespace quotedb::store {
namespace {

// An LSH bucket larger than this is a very common wording ("Yes.", "We will see."); reading it
// whole would cost more than it tells. Variants of such text are still found through the other
// bands, whose buckets are small.
constexpr size_t kMaxQuoteBucket = 1000;

// Distinct wordings verified per check, in order of estimated similarity: bounds the latency
// of a check against a very repetitive database.
constexpr size_t kMaxWordingsVerified = 200;

// Verified variants whose own bands are probed in the second round.
constexpr size_t kMaxSecondProbes = 4;

// A candidate whose estimated shingle Jaccard is below this cannot reach the similarity a
// variant needs: 0.1 is five standard errors (60 slots) below the Jaccard of the weakest variant
// the tests require (a one-word change in a six-word quote, J = 0.43 in bigrams).
constexpr double kMinEstimatedJaccard = 0.1;

// Reports need words that identify a quote: two speakers both saying "thank you very much" is
// not a misattribution.
constexpr size_t kMinReportWords = 5;

size_t WordCount(std::string_view text) { return IndexTerms(text).size(); }

std::string StatementId(const Statement& s) {
  return s.article_id.ToHex() + ":" + std::to_string(s.ordinal);
}

std::string JoinNames(const std::vector<std::string>& names) {
  std::string out;
  for (size_t i = 0; i < names.size(); ++i) {
    if (i) out += i + 1 == names.size() ? " and " : ", ";
    out += names[i];
  }
  return out;
}

// Whether `name` holds the words of `query` (both NormalizeName keys) as whole words in order:
// "putin" matches "vladimir putin", "put" does not.
bool NameHasWords(const std::string& name, const std::string& query) {
  if (query.empty()) return false;
  std::string padded = " " + name + " ";
  return padded.find(" " + query + " ") != std::string::npos;
}

// Whether every word of speaker name `part` is a word of `whole` ("Parry" within "Rick
// Parry"); false when either has no words.
bool NameWithin(const std::string& part, const std::string& whole) {
  std::vector<std::string> p = IndexTerms(part), w = IndexTerms(whole);
  if (p.empty() || w.empty()) return false;
  for (const std::string& x : p)
    if (std::find(w.begin(), w.end(), x) == w.end()) return false;
  return true;
}

// Evidence strength for sorting: independent reports, then statements, then earliest.
bool Stronger(const SpeakerEvidence& a, const SpeakerEvidence& b) {
  if (a.independent != b.independent) return a.independent > b.independent;
  if (a.statements != b.statements) return a.statements > b.statements;
  return a.first_seen < b.first_seen;
}

}  // namespace

Status DBImpl::CollapseSyndicated(const View& view, std::vector<StatementHit>* hits,
                                  rocksdb::Iterator* content_it) {
  // Every hit's syndication root, read at once (one sorted MultiGet rather than a lookup per
  // hit): `aroots[i]` is the root of `aids[i]` (the hits' articles in key order: ArticleId
  // order is key order, big-endian halves).
  std::vector<ArticleId> aids;
  aids.reserve(hits->size());
  for (const StatementHit& hit : *hits) aids.push_back(hit.statement.article_id);
  std::sort(aids.begin(), aids.end());
  aids.erase(std::unique(aids.begin(), aids.end()), aids.end());
  std::vector<ArticleId> aroots = aids;  // an article without an entry is its own root
  auto slices = [](const std::string& buf, size_t width) {
    std::vector<rocksdb::Slice> k;
    for (size_t off = 0; off < buf.size(); off += width) k.emplace_back(buf.data() + off, width);
    return k;
  };
  // The hit cache first (hit_cache.h); what is read goes into it.
  std::vector<size_t> miss;
  {
    HitCache::Access c = hit_cache_.Use(view.cache_gen());
    for (size_t i = 0; i < aids.size(); ++i)
      if (!c.FindRoot(aids[i], &aroots[i])) miss.push_back(i);
  }
  if (!miss.empty()) {
    std::string buf;
    buf.reserve(miss.size() * 16);
    for (size_t i : miss) keys::PutHash128(&buf, aids[i]);
    const std::vector<rocksdb::Slice> k = slices(buf, 16);
    QDB_RETURN_IF_ERROR(MultiGetEach(
        view, kSyndication, k, true,
        [&](size_t j, const rocksdb::Status& s, std::string_view v) -> Status {
          if (s.ok()) {
            if (!keys::GetHash128(&v, &aroots[miss[j]])) return CorruptValue(kSyndication, k[j].ToString());
          } else if (!s.IsNotFound()) {
            return Conv(s);
          }
          return Status::OK();
        }));
    HitCache::Access c = hit_cache_.Use(view.cache_gen());
    for (size_t i : miss) c.PutRoot(aids[i], aroots[i]);
  }
  auto article_at = [&](const ArticleId& id) {
    return static_cast<size_t>(std::lower_bound(aids.begin(), aids.end(), id) - aids.begin());
  };
  // Whether each root heads a group of two or more: a group always lists its root among its
  // members (root_id | root_id), so one MultiGet of those keys answers for every hit.
  std::vector<char> has_members(aids.size(), 0);
  {
    std::string buf;
    std::vector<size_t> at;
    {
      HitCache::Access c = hit_cache_.Use(view.cache_gen());
      for (size_t i = 0; i < aids.size(); ++i) {
        if (aroots[i] != aids[i]) continue;  // a member
        bool grouped = false;
        if (c.FindGrouped(aids[i], &grouped)) {
          has_members[i] = grouped;
          continue;
        }
        keys::PutHash128(&buf, aids[i]);
        keys::PutHash128(&buf, aids[i]);
        at.push_back(i);
      }
    }
    if (!at.empty()) {
      QDB_RETURN_IF_ERROR(MultiGetEach(
          view, kSyndMembers, slices(buf, 32), true,
          [&](size_t j, const rocksdb::Status& s, std::string_view) -> Status {
            if (!s.ok() && !s.IsNotFound()) return Conv(s);
            has_members[at[j]] = s.ok();
            return Status::OK();
          }));
      HitCache::Access c = hit_cache_.Use(view.cache_gen());
      for (size_t i : at) c.PutGrouped(aids[i], has_members[i] != 0);
    }
  }
  // The roots of other articles (copies the query did not return), read as needed.
  std::map<ArticleId, ArticleId> roots;
  auto known_root = [&](const ArticleId& id, ArticleId* root) {
    const size_t i = article_at(id);
    if (i < aids.size() && aids[i] == id) {
      *root = aroots[i];
      return true;
    }
    auto r = roots.find(id);
    if (r == roots.end()) return false;
    *root = r->second;
    return true;
  };

  std::vector<StatementHit> out;
  out.reserve(hits->size());
  // (root, content, speakers) -> out position
  std::map<std::tuple<ArticleId, Hash128, std::vector<SpeakerId>>, size_t> index;
  // Statements already among `out`: the hits (sorted) and the copies added.
  std::vector<std::pair<ArticleId, uint32_t>> hit_statements;
  hit_statements.reserve(hits->size());
  for (const StatementHit& hit : *hits)
    hit_statements.emplace_back(hit.statement.article_id, hit.statement.ordinal);
  std::sort(hit_statements.begin(), hit_statements.end());
  std::set<std::pair<ArticleId, uint32_t>> added;
  auto seen = [&](const std::pair<ArticleId, uint32_t>& st) {
    return std::binary_search(hit_statements.begin(), hit_statements.end(), st) || added.count(st);
  };
  auto add_source = [](StatementHit* rep, const std::string& source) {
    if (rep->sources.empty() && !rep->source.empty()) rep->sources.push_back(rep->source);
    if (!source.empty() &&
        std::find(rep->sources.begin(), rep->sources.end(), source) == rep->sources.end())
      rep->sources.push_back(source);
  };
  std::vector<size_t> grouped_reps;
  std::vector<ArticleId> rep_roots;  // each grouped rep's root
  for (StatementHit& hit : *hits) {
    const size_t ai = article_at(hit.statement.article_id);
    const ArticleId root = aroots[ai];
    if (hit.statement.article_id == root && !has_members[ai]) {
      out.push_back(std::move(hit));
      continue;
    }
    // Copies fold only when they agree on the speaker too: an outlet that changed the
    // attribution of a wire quote is a finding, not a copy.
    std::vector<SpeakerId> ids = hit.statement.speaker_ids;
    std::sort(ids.begin(), ids.end());
    auto key = std::make_tuple(root, hit.statement.content_hash, std::move(ids));
    auto it = index.find(key);
    if (it == index.end()) {
      index.emplace(key, out.size());
      grouped_reps.push_back(out.size());
      rep_roots.push_back(root);
      out.push_back(std::move(hit));
      add_source(&out.back(), out.back().source);
    } else {
      StatementHit& rep = out[it->second];
      add_source(&rep, hit.source);
      rep.copies.push_back(StatementId(hit.statement));
    }
  }
  // Copies the caller's query did not return (another outlet, a later page) still belong in
  // `sources`: find them through the content index. Every rep's index keys are read first,
  // then the roots, statements and sources they need, each in one MultiGet for all reps.
  std::vector<std::vector<std::string>> missing(grouped_reps.size());  // statement keys
  {
    std::vector<std::vector<std::pair<std::string, ArticleId>>> others(grouped_reps.size());
    std::vector<std::pair<std::string, ArticleId>> unknown;  // articles whose root is not read
    std::unique_ptr<rocksdb::Iterator> own_it;  // by content hash; made on first use
    std::vector<std::string> same;  // statement keys of one content hash
    for (size_t r = 0; r < grouped_reps.size(); ++r) {
      const StatementHit& rep = out[grouped_reps[r]];
      const Hash128& content = rep.statement.content_hash;
      // From the hit cache, or a seek in by_content (through every table of the family: a
      // tenth of a 50-hit phrase search's samples went to these seeks).
      if (!hit_cache_.Use(view.cache_gen()).FindContent(content, &same)) {
        same.clear();
        std::string lo;
        keys::PutHash128(&lo, content);
        if (!content_it) {
          own_it.reset(db_->NewIterator(BandReadOptions(view.ro()), handles_[kByContent]));
          content_it = own_it.get();
        }
        for (content_it->Seek(lo); content_it->Valid() && content_it->key().starts_with(lo);
             content_it->Next()) {
          std::string_view k(content_it->key().data(), content_it->key().size());
          same.emplace_back(keys::StatementKeySuffix(k));
        }
        QDB_RETURN_IF_ERROR(Conv(content_it->status()));
        hit_cache_.Use(view.cache_gen()).PutContent(content, same);
      }
      for (std::string& sk : same) {
        ArticleId other;
        uint32_t ordinal;
        if (!keys::DecodeStatementKey(sk, &other, &ordinal)) {
          std::string k;
          keys::PutHash128(&k, content);
          return CorruptValue(kByContent, k + sk);
        }
        if (seen({other, ordinal})) continue;
        ArticleId known;
        if (!known_root(other, &known)) unknown.emplace_back(keys::ArticleKey(other), other);
        others[r].emplace_back(std::move(sk), other);
      }
    }
    std::sort(unknown.begin(), unknown.end());
    unknown.erase(std::unique(unknown.begin(), unknown.end()), unknown.end());
    {
      HitCache::Access c = hit_cache_.Use(view.cache_gen());
      size_t w = 0;
      for (size_t i = 0; i < unknown.size(); ++i) {
        ArticleId root;
        if (c.FindRoot(unknown[i].second, &root)) {
          roots.emplace(unknown[i].second, root);
        } else {
          if (w != i) unknown[w] = std::move(unknown[i]);
          ++w;
        }
      }
      unknown.resize(w);
    }
    std::vector<std::string> ukeys;
    for (const auto& u : unknown) ukeys.push_back(u.first);
    QDB_RETURN_IF_ERROR(MultiGetEach(
        view, kSyndication, ukeys, true,
        [&](size_t i, const rocksdb::Status& s, std::string_view v) -> Status {
          ArticleId root = unknown[i].second;
          if (s.ok()) {
            if (!keys::GetHash128(&v, &root)) return CorruptValue(kSyndication, ukeys[i]);
          } else if (!s.IsNotFound()) {
            return Conv(s);
          }
          roots.emplace(unknown[i].second, root);
          return Status::OK();
        }));
    if (!unknown.empty()) {
      HitCache::Access c = hit_cache_.Use(view.cache_gen());
      for (const auto& u : unknown) c.PutRoot(u.second, roots.at(u.second));
    }
    for (size_t r = 0; r < grouped_reps.size(); ++r) {
      for (auto& [sk, other] : others[r]) {
        ArticleId o;
        // Every root is known by now: the hits' were read first, the others' just above.
        if (known_root(other, &o) && o == rep_roots[r]) missing[r].push_back(std::move(sk));
      }
    }
  }
  // A copy needs only its speakers' ids and its source's name: its statement and its source
  // are read, not the rest of a hit (speaker names, article).
  std::vector<std::string> copy_keys;
  for (const auto& m : missing) copy_keys.insert(copy_keys.end(), m.begin(), m.end());
  std::vector<Statement> copies;
  QDB_RETURN_IF_ERROR(ReadStatements(view, copy_keys, &copies));
  std::vector<SourceId> source_ids;
  for (const Statement& st : copies)
    if (st.source_id != 0) source_ids.push_back(st.source_id);
  std::sort(source_ids.begin(), source_ids.end());  // big-endian id keys: key order too
  source_ids.erase(std::unique(source_ids.begin(), source_ids.end()), source_ids.end());
  std::map<SourceId, std::string> source_names;
  {
    HitCache::Access c = hit_cache_.Use(view.cache_gen());
    size_t w = 0;
    for (SourceId id : source_ids) {
      std::string name;
      if (c.FindSource(id, &name)) {
        if (!name.empty()) source_names.emplace(id, std::move(name));
      } else {
        source_ids[w++] = id;
      }
    }
    source_ids.resize(w);
  }
  std::vector<std::string> source_keys;
  for (SourceId id : source_ids) source_keys.push_back(keys::IdKey(id));
  std::vector<std::string> read_names(source_ids.size());
  QDB_RETURN_IF_ERROR(MultiGetEach(
      view, kSources, source_keys, true,
      [&](size_t i, const rocksdb::Status& s, std::string_view v) -> Status {
        if (s.IsNotFound()) return Status::OK();
        QDB_RETURN_IF_ERROR(Conv(s));
        Source src;
        if (!schema::DecodeSource(v, &src)) return CorruptValue(kSources, source_keys[i]);
        read_names[i] = src.name;
        if (!src.name.empty()) source_names.emplace(source_ids[i], std::move(src.name));
        return Status::OK();
      }));
  if (!source_ids.empty()) {
    HitCache::Access c = hit_cache_.Use(view.cache_gen());
    for (size_t i = 0; i < source_ids.size(); ++i) c.PutSource(source_ids[i], read_names[i]);
  }
  size_t next_copy = 0;
  for (size_t r = 0; r < grouped_reps.size(); ++r) {
    StatementHit& rep = out[grouped_reps[r]];
    std::vector<SpeakerId> rep_ids = rep.statement.speaker_ids;
    std::sort(rep_ids.begin(), rep_ids.end());
    for (size_t j = 0; j < missing[r].size(); ++j) {
      const Statement& st = copies[next_copy++];
      std::vector<SpeakerId> ids = st.speaker_ids;
      std::sort(ids.begin(), ids.end());
      if (ids != rep_ids) continue;
      if (seen({st.article_id, st.ordinal})) continue;
      added.emplace(st.article_id, st.ordinal);
      if (st.source_id != 0) {
        auto name = source_names.find(st.source_id);
        if (name != source_names.end()) add_source(&rep, name->second);
      }
      rep.copies.push_back(StatementId(st));
    }
  }
  *hits = std::move(out);
  return Status::OK();
}

Result<std::vector<StatementHit>> DBImpl::Folded(const View& view,
                                                 std::vector<StatementHit> hits,
                                                 rocksdb::Iterator* content_it) {
  QDB_RETURN_IF_ERROR(CollapseSyndicated(view, &hits, content_it));
  return hits;
}

namespace {

// Groups `hits` (syndicated copies not folded) by attribution. `roots` gives each article's
// syndication group; `claimed` marks the evidence of the claimed speaker.
std::vector<SpeakerEvidence> Evidence(
    const std::vector<StatementHit>& hits, const std::map<ArticleId, ArticleId>& roots,
    const std::function<bool(const StatementHit&)>& claimed) {
  struct Acc {
    SpeakerEvidence ev;
    std::set<ArticleId> groups;
  };
  std::map<std::vector<SpeakerId>, Acc> by_ids;
  for (const StatementHit& h : hits) {
    std::vector<SpeakerId> ids = h.statement.speaker_ids;
    std::sort(ids.begin(), ids.end());
    Acc& acc = by_ids[ids];
    SpeakerEvidence& ev = acc.ev;
    if (ev.statements == 0) {
      ev.ids = h.statement.speaker_ids;
      ev.name = JoinNames(h.speakers);
    }
    ev.claimed = ev.claimed || claimed(h);
    ++ev.statements;
    auto r = roots.find(h.statement.article_id);
    acc.groups.insert(r == roots.end() ? h.statement.article_id : r->second);
    if (!h.source.empty() &&
        std::find(ev.sources.begin(), ev.sources.end(), h.source) == ev.sources.end())
      ev.sources.push_back(h.source);
    int64_t d = h.statement.date_days;
    if (d != kUnknownDate) {
      if (ev.first_seen == kUnknownDate || d < ev.first_seen) ev.first_seen = d;
      if (ev.last_seen == kUnknownDate || d > ev.last_seen) ev.last_seen = d;
    }
  }
  // One person printed as "Rick Parry" in one outlet and "Parry" in another (the store keeps
  // a lone surname apart when it cannot tell whose it is) is one attribution, not a dispute:
  // merge attributions whose name words are a subset of another's.
  std::vector<Acc> accs;
  for (auto& [ids, acc] : by_ids) accs.push_back(std::move(acc));
  std::vector<bool> gone(accs.size(), false);
  for (size_t i = 0; i < accs.size(); ++i) {
    if (gone[i] || accs[i].ev.ids.empty()) continue;
    for (size_t j = 0; j < accs.size(); ++j) {
      if (i == j || gone[j] || accs[j].ev.ids.empty()) continue;
      if (!NameWithin(accs[j].ev.name, accs[i].ev.name)) continue;
      SpeakerEvidence& a = accs[i].ev;
      SpeakerEvidence& b = accs[j].ev;
      for (SpeakerId id : b.ids)
        if (std::find(a.ids.begin(), a.ids.end(), id) == a.ids.end()) a.ids.push_back(id);
      a.claimed = a.claimed || b.claimed;
      for (const std::string& src : b.sources)
        if (std::find(a.sources.begin(), a.sources.end(), src) == a.sources.end())
          a.sources.push_back(src);
      a.statements += b.statements;
      if (b.first_seen != kUnknownDate &&
          (a.first_seen == kUnknownDate || b.first_seen < a.first_seen))
        a.first_seen = b.first_seen;
      if (b.last_seen != kUnknownDate && (a.last_seen == kUnknownDate || b.last_seen > a.last_seen))
        a.last_seen = b.last_seen;
      accs[i].groups.insert(accs[j].groups.begin(), accs[j].groups.end());
      gone[j] = true;
    }
  }
  std::vector<SpeakerEvidence> out;
  for (size_t i = 0; i < accs.size(); ++i) {
    if (gone[i]) continue;
    accs[i].ev.independent = accs[i].groups.size();
    out.push_back(std::move(accs[i].ev));
  }
  std::sort(out.begin(), out.end(), Stronger);
  return out;
}

// Oldest first; unknown dates last; then by id, so output is stable.
void SortByDate(std::vector<StatementHit>* hits) {
  std::stable_sort(hits->begin(), hits->end(), [](const StatementHit& a, const StatementHit& b) {
    int64_t da = a.statement.date_days == kUnknownDate ? INT64_MAX : a.statement.date_days;
    int64_t db = b.statement.date_days == kUnknownDate ? INT64_MAX : b.statement.date_days;
    if (da != db) return da < db;
    return std::tie(a.statement.article_id, a.statement.ordinal) <
           std::tie(b.statement.article_id, b.statement.ordinal);
  });
}

}  // namespace

Result<CheckResult> DBImpl::Check(std::string_view text, const CheckOptions& options) {
  const std::string norm = NormalizeForHash(text);
  if (norm.empty()) return Status::InvalidArgument("the text to check has no words");
  View view(this);
  CheckResult result;

  // The claimed speaker: by alias (as `quotes --speaker` does), else by the words of the name.
  std::vector<SpeakerId> claimed_ids;
  const std::string claimed_key = NormalizeName(options.speaker);
  if (!options.speaker.empty())
    QDB_RETURN_IF_ERROR(ResolveSpeakerQuery(view.ro(), options.speaker, &claimed_ids));
  auto claimed = [&](const StatementHit& h) {
    if (claimed_key.empty()) return false;
    for (SpeakerId id : h.statement.speaker_ids)
      if (std::find(claimed_ids.begin(), claimed_ids.end(), id) != claimed_ids.end()) return true;
    for (const std::string& name : h.speakers)
      if (NameHasWords(NormalizeName(name), claimed_key)) return true;
    return false;
  };

  // 1. The exact words, through the content hash; the text is compared too (xxHash is not
  // cryptographic).
  const Hash128 hash = ContentHash(text);
  std::string lo;
  keys::PutHash128(&lo, hash);
  std::vector<std::string> index_keys;
  QDB_RETURN_IF_ERROR(ScanKeys(view.ro(), kByContent, lo, keys::PrefixSuccessor(lo), 0, &index_keys));
  std::vector<std::string> skeys;
  for (const auto& k : index_keys) skeys.emplace_back(keys::StatementKeySuffix(k));
  std::vector<StatementHit> exact;
  QDB_RETURN_IF_ERROR(LoadHits(view, skeys, &exact));
  exact.erase(std::remove_if(exact.begin(), exact.end(),
                             [&](const StatementHit& h) {
                               return NormalizeForHash(h.statement.text) != norm;
                             }),
              exact.end());
  std::set<std::string> exact_keys(skeys.begin(), skeys.end());

  // 2. Near variants: statements sharing an LSH band, one verification per distinct wording.
  // A second round probes with the signatures of the variants found in the first: a wording
  // two edits from the query and two more from another variant shares few bigrams with the
  // query (MinHash may miss it) but many with the variant in between.
  analysis::TextSignature sig = analysis::SignText(text, analysis::kQuoteParams);
  struct Wording {
    Hash128 hash;
    double estimate = 0;
    std::vector<uint32_t> minhash;
    std::vector<std::string> skeys;
    bool done = false;
  };
  std::map<Hash128, Wording> wordings;
  std::set<std::string> probed;  // statement keys already looked up
  std::vector<StatementHit> variant_hits;  // unfolded, for the evidence
  std::vector<std::vector<uint64_t>> probes = {sig.bands};
  size_t verified = 0;
  std::set<std::string> scanned_bands;  // a variant shares most bands with the query
  // One iterator serves every band scan: creating one per scan costs more than the scan.
  std::unique_ptr<rocksdb::Iterator> lsh_it(
      db_->NewIterator(BandReadOptions(view.ro()), handles_[kLsh]));
  for (int round = 0; round < 2 && !probes.empty(); ++round) {
    std::set<std::string> candidates;
    for (const std::vector<uint64_t>& bands : probes) {
      for (size_t b = 0; b < bands.size(); ++b) {
        std::string blo;
        blo.push_back(static_cast<char>(b));
        keys::PutU64(&blo, bands[b]);
        if (!scanned_bands.insert(blo).second) continue;
        size_t n = 0;
        for (lsh_it->Seek(blo); lsh_it->Valid() && n < kMaxQuoteBucket; lsh_it->Next(), ++n) {
          std::string_view k(lsh_it->key().data(), lsh_it->key().size());
          if (k.size() != blo.size() + keys::kStatementKeySize ||
              k.compare(0, blo.size(), blo) != 0)
            break;
          std::string sk(keys::StatementKeySuffix(k));
          if (!exact_keys.count(sk) && probed.insert(sk).second) candidates.insert(std::move(sk));
        }
        QDB_RETURN_IF_ERROR(Conv(lsh_it->status()));
      }
    }
    probes.clear();
    for (const std::string& sk : candidates) {
      std::string v;
      Status s = GetRaw(view.ro(), kSignatures, sk, &v);
      if (s.IsNotFound()) continue;
      QDB_RETURN_IF_ERROR(s);
      std::string_view in(v);
      Hash128 ch;
      std::vector<uint32_t> csig;
      if (!keys::GetHash128(&in, &ch) || !analysis::DecodeSignature(&in, &csig))
        return CorruptValue(kSignatures, sk);
      if (ch == hash) continue;  // same normalised words (or a hash collision): not a variant
      Wording& w = wordings[ch];
      if (w.skeys.empty()) {
        w.hash = ch;
        w.estimate = analysis::EstimateJaccard(sig.minhash, csig);
        w.minhash = std::move(csig);
      }
      w.skeys.push_back(sk);
    }
    std::vector<Wording*> order;
    for (auto& [h, w] : wordings)
      if (!w.done && (round > 0 || w.estimate >= kMinEstimatedJaccard)) order.push_back(&w);
    std::sort(order.begin(), order.end(),
              [](const Wording* a, const Wording* b) { return a->estimate > b->estimate; });
    for (Wording* w : order) {
      if (verified >= kMaxWordingsVerified) break;
      ++verified;
      w->done = true;
      std::vector<StatementHit> first;
      QDB_RETURN_IF_ERROR(LoadHits(view, {w->skeys[0]}, &first));
      WordDiff diff = DiffWords(text, first[0].statement.text);
      if (diff.similarity < options.min_similarity || diff.distance == 0) continue;
      if (round == 0 && probes.size() < kMaxSecondProbes)
        probes.push_back(analysis::BandHashes(w->minhash, analysis::kQuoteParams));
      std::vector<StatementHit> all = std::move(first);
      // Every statement with these words: a band holds one statement of each wording (the
      // first stored; databases written before then, every one), by_content holds them all.
      std::string wlo;
      keys::PutHash128(&wlo, w->hash);
      std::vector<std::string> index_keys;
      QDB_RETURN_IF_ERROR(
          ScanKeys(view.ro(), kByContent, wlo, keys::PrefixSuccessor(wlo), 0, &index_keys));
      std::set<std::string> rest;
      for (size_t i = 1; i < w->skeys.size(); ++i) rest.insert(w->skeys[i]);
      for (const auto& k : index_keys) rest.emplace(keys::StatementKeySuffix(k));
      rest.erase(w->skeys[0]);
      if (!rest.empty()) {
        QDB_RETURN_IF_ERROR(
            LoadHits(view, std::vector<std::string>(rest.begin(), rest.end()), &all));
      }
      for (const StatementHit& h : all) variant_hits.push_back(h);
      SortByDate(&all);
      QDB_RETURN_IF_ERROR(CollapseSyndicated(view, &all));
      for (StatementHit& h : all) result.variants.push_back(VariantHit{std::move(h), diff});
    }
  }
  std::stable_sort(result.variants.begin(), result.variants.end(),
                   [](const VariantHit& a, const VariantHit& b) {
                     return a.diff.similarity > b.diff.similarity;
                   });
  if (result.variants.size() > options.max_variants) result.variants.resize(options.max_variants);

  // 3. Evidence per attribution, and the verdict.
  std::map<ArticleId, ArticleId> roots;
  for (const auto* list : {&exact, &variant_hits})
    for (const StatementHit& h : *list) {
      auto r = SyndicationRoot(view.ro(), h.statement.article_id, &roots);
      if (!r.ok()) return r.status();
    }
  if (!exact.empty()) {
    result.speakers = Evidence(exact, roots, claimed);
    size_t attributed = 0;
    bool claimed_found = false;
    for (const SpeakerEvidence& ev : result.speakers) {
      if (!ev.ids.empty()) ++attributed;
      claimed_found = claimed_found || ev.claimed;
    }
    if (!claimed_key.empty()) {
      // Printed words nobody is credited with neither confirm nor refute the claimed speaker.
      result.verdict = claimed_found  ? Verdict::kConfirmed
                       : attributed ? Verdict::kMisattributed
                                    : Verdict::kNotFound;
    } else {
      result.verdict = attributed > 1 ? Verdict::kMisattributed : Verdict::kConfirmed;
    }
  } else if (!result.variants.empty()) {
    result.speakers = Evidence(variant_hits, roots, claimed);
    result.verdict = Verdict::kAltered;
  }
  SortByDate(&exact);
  QDB_RETURN_IF_ERROR(CollapseSyndicated(view, &exact));
  result.statements = std::move(exact);
  return result;
}

Result<std::vector<AttributionFinding>> DBImpl::AttributionReport(size_t limit) {
  View view(this);
  std::vector<AttributionFinding> findings;
  std::map<ArticleId, ArticleId> roots;
  auto no_claim = [](const StatementHit&) { return false; };
  // Hydrates every statement with content hash `h`, text equal to `norm`.
  auto load_wording = [&](const Hash128& h, std::vector<StatementHit>* out) -> Status {
    std::string lo;
    keys::PutHash128(&lo, h);
    std::vector<std::string> index_keys;
    QDB_RETURN_IF_ERROR(ScanKeys(view.ro(), kByContent, lo, keys::PrefixSuccessor(lo), 0, &index_keys));
    std::vector<std::string> skeys;
    for (const auto& k : index_keys) skeys.emplace_back(keys::StatementKeySuffix(k));
    QDB_RETURN_IF_ERROR(LoadHits(view, skeys, out));
    for (const StatementHit& hit : *out) {
      auto r = SyndicationRoot(view.ro(), hit.statement.article_id, &roots);
      if (!r.ok()) return r.status();
    }
    return Status::OK();
  };

  // 1. Misattributions: runs of one content hash in `by_content` whose statements name
  // different speakers. Only the statement values are read until a run qualifies.
  {
    std::unique_ptr<rocksdb::Iterator> it(db_->NewIterator(view.ro(), handles_[kByContent]));
    Hash128 run_hash;
    std::vector<std::string> run;
    auto flush = [&]() -> Status {
      if (run.size() < 2) return Status::OK();
      std::set<std::vector<SpeakerId>> attributions;
      std::string text;
      for (const std::string& sk : run) {
        std::string v;
        Status s = GetRaw(view.ro(), kStatements, sk, &v);
        if (s.IsNotFound()) continue;
        QDB_RETURN_IF_ERROR(s);
        Statement st;
        if (!schema::DecodeStatement(v, &st)) return CorruptValue(kStatements, sk);
        if (st.speaker_ids.empty()) continue;
        std::sort(st.speaker_ids.begin(), st.speaker_ids.end());
        attributions.insert(st.speaker_ids);
        if (text.empty()) text = st.text;
      }
      if (attributions.size() < 2 || WordCount(text) < kMinReportWords) return Status::OK();
      AttributionFinding f;
      f.kind = AttributionFinding::Kind::kMisattributed;
      f.text = text;
      std::vector<StatementHit> hits;
      QDB_RETURN_IF_ERROR(load_wording(run_hash, &hits));
      const std::string norm = NormalizeForHash(text);
      hits.erase(std::remove_if(hits.begin(), hits.end(),
                                [&](const StatementHit& h) {
                                  return NormalizeForHash(h.statement.text) != norm;
                                }),
                 hits.end());
      f.speakers = Evidence(hits, roots, no_claim);
      f.speakers.erase(std::remove_if(f.speakers.begin(), f.speakers.end(),
                                      [](const SpeakerEvidence& e) { return e.ids.empty(); }),
                       f.speakers.end());
      if (f.speakers.size() < 2) return Status::OK();
      // Strength: a long quote is distinctive, and a dispute backed on both sides by
      // independent reports is stronger than one stray attribution.
      double words = static_cast<double>(WordCount(text));
      double distinct = 1.0 - std::exp(-words / 10.0);
      double balance = static_cast<double>(f.speakers[1].independent) /
                       static_cast<double>(std::max<size_t>(1, f.speakers[0].independent));
      f.score = distinct * (0.6 + 0.4 * balance);
      SortByDate(&hits);
      QDB_RETURN_IF_ERROR(CollapseSyndicated(view, &hits));
      f.statements = std::move(hits);
      findings.push_back(std::move(f));
      return Status::OK();
    };
    for (it->SeekToFirst(); it->Valid(); it->Next()) {
      std::string_view k(it->key().data(), it->key().size());
      std::string_view in = k;
      Hash128 h;
      if (!keys::GetHash128(&in, &h)) return CorruptValue(kByContent, std::string(k));
      if (!run.empty() && h != run_hash) {
        QDB_RETURN_IF_ERROR(flush());
        run.clear();
      }
      run_hash = h;
      run.emplace_back(keys::StatementKeySuffix(k));
    }
    QDB_RETURN_IF_ERROR(Conv(it->status()));
    QDB_RETURN_IF_ERROR(flush());
  }

  // 2. Altered quotes: runs of one band in `lsh` holding more than one wording. Each pair of
  // wordings is verified once; verified pairs are joined into clusters, one finding each.
  {
    struct WordingInfo {
      std::string skey;  // one statement with this wording
      std::string text;
      bool loaded = false;
    };
    std::map<Hash128, WordingInfo> info;
    std::map<std::string, Hash128> content_of;  // statement key -> content hash
    std::set<std::pair<Hash128, Hash128>> tried;
    std::map<Hash128, Hash128> parent;  // union-find over wordings
    std::function<Hash128(const Hash128&)> find = [&](const Hash128& x) -> Hash128 {
      auto it = parent.find(x);
      if (it == parent.end() || it->second == x) return x;
      Hash128 r = find(it->second);
      parent[x] = r;
      return r;
    };
    auto text_of = [&](const Hash128& h) -> Result<const std::string*> {
      WordingInfo& w = info[h];
      if (!w.loaded) {
        std::string v;
        QDB_RETURN_IF_ERROR(GetRaw(view.ro(), kStatements, w.skey, &v));
        Statement st;
        if (!schema::DecodeStatement(v, &st)) return CorruptValue(kStatements, w.skey);
        w.text = std::move(st.text);
        w.loaded = true;
      }
      return &w.text;
    };

    std::unique_ptr<rocksdb::Iterator> it(db_->NewIterator(view.ro(), handles_[kLsh]));
    std::string run_band;
    std::vector<std::string> run;
    auto flush = [&]() -> Status {
      if (run.size() < 2 || run.size() > kMaxQuoteBucket) return Status::OK();
      std::vector<Hash128> distinct;
      for (const std::string& sk : run) {
        auto c = content_of.find(sk);
        if (c == content_of.end()) {
          std::string v;
          Status s = GetRaw(view.ro(), kSignatures, sk, &v);
          if (s.IsNotFound()) continue;
          QDB_RETURN_IF_ERROR(s);
          std::string_view in(v);
          Hash128 ch;
          if (!keys::GetHash128(&in, &ch)) return CorruptValue(kSignatures, sk);
          c = content_of.emplace(sk, ch).first;
          if (!info.count(ch)) info[ch].skey = sk;
        }
        distinct.push_back(c->second);
      }
      std::sort(distinct.begin(), distinct.end());
      distinct.erase(std::unique(distinct.begin(), distinct.end()), distinct.end());
      if (distinct.size() < 2 || distinct.size() > 64) return Status::OK();
      for (size_t i = 0; i < distinct.size(); ++i) {
        for (size_t j = i + 1; j < distinct.size(); ++j) {
          if (!tried.insert({distinct[i], distinct[j]}).second) continue;
          auto ta = text_of(distinct[i]);
          if (!ta.ok()) return ta.status();
          auto tb = text_of(distinct[j]);
          if (!tb.ok()) return tb.status();
          if (WordCount(**ta) < kMinReportWords || WordCount(**tb) < kMinReportWords) continue;
          WordDiff d = DiffWords(**ta, **tb);
          if (d.distance == 0 || d.similarity < 0.6) continue;
          Hash128 ra = find(distinct[i]), rb = find(distinct[j]);
          if (!parent.count(ra)) parent[ra] = ra;
          if (!parent.count(rb)) parent[rb] = rb;
          if (ra != rb) parent[rb] = ra;
        }
      }
      return Status::OK();
    };
    for (it->SeekToFirst(); it->Valid(); it->Next()) {
      std::string_view k(it->key().data(), it->key().size());
      if (k.size() < kLshKeySize) return CorruptValue(kLsh, std::string(k));
      std::string_view band = k.substr(0, 9);
      if (band != run_band) {
        QDB_RETURN_IF_ERROR(flush());
        run.clear();
        run_band.assign(band);
      }
      run.emplace_back(keys::StatementKeySuffix(k));
    }
    QDB_RETURN_IF_ERROR(Conv(it->status()));
    QDB_RETURN_IF_ERROR(flush());

    std::map<Hash128, std::vector<Hash128>> clusters;
    for (const auto& [h, p] : parent) clusters[find(h)].push_back(h);
    for (auto& [root, members] : clusters) {
      if (members.size() < 2) continue;
      // The main wording is the one most reported (independently); the rest are its variants.
      struct Loaded {
        Hash128 hash;
        std::vector<StatementHit> hits;
        size_t independent = 0;
      };
      std::vector<Loaded> loaded;
      for (const Hash128& h : members) {
        Loaded l{h, {}, 0};
        QDB_RETURN_IF_ERROR(load_wording(h, &l.hits));
        if (l.hits.empty()) continue;
        std::set<ArticleId> groups;
        for (const StatementHit& hit : l.hits) groups.insert(roots[hit.statement.article_id]);
        l.independent = groups.size();
        loaded.push_back(std::move(l));
      }
      if (loaded.size() < 2) continue;
      std::stable_sort(loaded.begin(), loaded.end(), [](const Loaded& a, const Loaded& b) {
        return a.independent > b.independent;
      });
      AttributionFinding f;
      f.kind = AttributionFinding::Kind::kAltered;
      f.text = loaded[0].hits[0].statement.text;
      std::vector<StatementHit> everyone;
      double best = 0;
      for (size_t i = 0; i < loaded.size(); ++i) {
        for (const StatementHit& h : loaded[i].hits) everyone.push_back(h);
        if (i == 0) continue;
        WordDiff d = DiffWords(f.text, loaded[i].hits[0].statement.text);
        best = std::max(best, d.similarity);
        std::vector<StatementHit> hits = loaded[i].hits;
        SortByDate(&hits);
        QDB_RETURN_IF_ERROR(CollapseSyndicated(view, &hits));
        for (StatementHit& h : hits) f.variants.push_back(VariantHit{std::move(h), d});
      }
      std::stable_sort(f.variants.begin(), f.variants.end(),
                       [](const VariantHit& a, const VariantHit& b) {
                         return a.diff.similarity > b.diff.similarity;
                       });
      f.speakers = Evidence(everyone, roots, no_claim);
      // Strength: a close variant of a long quote is a clear alteration; a loose paraphrase
      // of a short one is weak.
      double words = static_cast<double>(WordCount(f.text));
      f.score = best * (1.0 - std::exp(-words / 10.0));
      std::vector<StatementHit> main = std::move(loaded[0].hits);
      SortByDate(&main);
      QDB_RETURN_IF_ERROR(CollapseSyndicated(view, &main));
      f.statements = std::move(main);
      findings.push_back(std::move(f));
    }
  }

  std::stable_sort(findings.begin(), findings.end(),
                   [](const AttributionFinding& a, const AttributionFinding& b) {
                     return a.score > b.score;
                   });
  if (limit && findings.size() > limit) findings.resize(limit);
  return findings;
}

}  // namespace quotedb::store
