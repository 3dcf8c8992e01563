// DB::Verify: a full consistency check of the database under one snapshot.
//
// What is checked (schema/FORMAT.md gives the layout):
//   - every value in every family decodes (articles, statements, speakers, sources, aliases,
//     meta counters);
//   - every article has its text and its by_body entry;
//   - every statement's key matches its fields, its article exists, and it has all its index
//     entries: by_date, by_content, by_source (when it has a source), by_speaker for each
//     speaker (which must exist), terms for each word (either layout of `terms`), at the
//     word's places in its text when the posting list gives places;
//   - every index entry (by_speaker, by_source, by_date, by_content, terms, and the
//     claim and near-duplicate indexes whose keys end in a statement key) points to a
//     statement that exists;
//   - the counters in meta match what is stored.
#include <cstring>
#include <map>
#include <unordered_map>
#include <unordered_set>

#include "store/db_impl.h"

namespace quotedb::store {
namespace {

class Collector {
 public:
  Collector(VerifyReport* report, size_t max) : report_(report), max_(max) {}
  void Add(std::string problem) {
    ++report_->problem_count;
    if (report_->problems.size() < max_) report_->problems.push_back(std::move(problem));
  }

 private:
  VerifyReport* report_;
  size_t max_;
};

}  // namespace

Result<VerifyReport> DBImpl::Verify(size_t max_problems) {
  View view(this);
  VerifyReport report;
  Collector problems(&report, max_problems);
  const rocksdb::ReadOptions& ro = view.ro();

  auto exists = [&](Cf cf, const std::string& key, bool* found) -> Status {
    std::string v;
    Status s = GetRaw(ro, cf, key, &v);
    *found = s.ok();
    return s.IsNotFound() ? Status::OK() : s;
  };
  auto for_each = [&](Cf cf, const std::function<void(std::string_view, std::string_view)>& fn)
      -> Status {
    std::unique_ptr<rocksdb::Iterator> it(db_->NewIterator(ro, handles_[cf]));
    uint64_t n = 0;
    for (it->SeekToFirst(); it->Valid(); it->Next()) {
      ++n;
      fn(std::string_view(it->key().data(), it->key().size()),
         std::string_view(it->value().data(), it->value().size()));
    }
    report.keys_per_family.emplace_back(kCfNames[cf], n);
    return Conv(it->status());
  };

  // meta
  Counters stored_counters;
  {
    std::string v;
    Status s = GetRaw(ro, kMeta, kMetaCounters, &v);
    if (s.ok()) {
      if (!schema::DecodeCounters(v, &stored_counters))
        problems.Add("meta: the counters value does not decode");
    } else if (s.IsNotFound()) {
      problems.Add("meta: no counters");
    } else {
      return s;
    }
    s = GetRaw(ro, kMeta, kMetaSchemaVersion, &v);
    if (s.IsNotFound()) problems.Add("meta: no schema_version");
    else if (!s.ok()) return s;
  }

  // articles
  Counters actual;
  Status walk_status;
  QDB_RETURN_IF_ERROR(for_each(kArticles, [&](std::string_view k, std::string_view v) {
    Article a;
    if (!schema::DecodeArticle(v, &a)) {
      problems.Add("articles: value at " + HexOf(k) + " does not decode");
      return;
    }
    ++actual.articles;
    actual.body_bytes += a.body_bytes;
    std::string key(k);
    if (keys::ArticleKey(a.id) != key)
      problems.Add("articles: key " + HexOf(k) + " holds article " + a.id.ToHex());
    bool found = false;
    Status s = exists(kBodies, key, &found);
    if (!s.ok()) walk_status = s;
    if (!found) problems.Add("article " + a.id.ToHex() + " has no text in bodies");
    s = exists(kByBody, keys::BodyIndexKey(a.body_hash, a.id), &found);
    if (!s.ok()) walk_status = s;
    if (!found) problems.Add("article " + a.id.ToHex() + " has no by_body entry");
  }));
  QDB_RETURN_IF_ERROR(walk_status);

  // speakers and sources
  std::unordered_set<SpeakerId> speaker_ids;
  QDB_RETURN_IF_ERROR(for_each(kSpeakers, [&](std::string_view k, std::string_view v) {
    Speaker sp;
    if (!schema::DecodeSpeaker(v, &sp)) {
      problems.Add("speakers: value at " + HexOf(k) + " does not decode");
      return;
    }
    if (keys::IdKey(sp.id) != k) problems.Add("speakers: key " + HexOf(k) + " holds another id");
    speaker_ids.insert(sp.id);
    ++actual.speakers;
  }));
  QDB_RETURN_IF_ERROR(for_each(kSources, [&](std::string_view k, std::string_view v) {
    Source src;
    if (!schema::DecodeSource(v, &src)) {
      problems.Add("sources: value at " + HexOf(k) + " does not decode");
      return;
    }
    ++actual.sources;
  }));
  QDB_RETURN_IF_ERROR(for_each(kAliases, [&](std::string_view k, std::string_view v) {
    std::vector<uint64_t> ids;
    if (!schema::DecodeIdList(v, &ids)) {
      problems.Add("aliases: value for \"" + std::string(k) + "\" does not decode");
      return;
    }
    for (uint64_t id : ids)
      if (!speaker_ids.count(id))
        problems.Add("aliases: \"" + std::string(k) + "\" names a missing speaker");
  }));

  // terms: every (term, statement) pair it holds, in either layout (version 1 keys, version 2
  // posting lists), as a 64-bit hash; the statements it names are checked below.
  // (term, statement) pair -> a hash of the word's places in the statement (0: a list without
  // places, version 1 keys or lists)
  std::unordered_map<uint64_t, uint64_t> term_pairs;
  std::unordered_set<std::string> term_statements;
  auto pair_hash = [](uint64_t term, std::string_view skey) {
    return XXH3_64bits_withSeed(skey.data(), skey.size(), term);
  };
  auto places_hash = [](const std::vector<uint32_t>& places) -> uint64_t {
    const uint64_t h = XXH3_64bits(places.data(), places.size() * sizeof(uint32_t));
    return h == 0 ? 1 : h;
  };
  {
    std::vector<uint32_t> places;
    QDB_RETURN_IF_ERROR(for_each(kTerms, [&](std::string_view k, std::string_view v) {
      std::string_view in(k);
      uint64_t term = 0;
      if (k.size() == 8 + keys::kStatementKeySize) {
        keys::GetU64(&in, &term);
        term_pairs.emplace(pair_hash(term, in), 0);
        term_statements.emplace(in);
        return;
      }
      if (k.size() != keys::kTermChunkKeySize) {
        problems.Add("terms: key " + HexOf(k) + " has neither layout");
        return;
      }
      keys::GetU64(&in, &term);
      keys::PostingReader r(v);
      uint32_t ordinal = 0;
      while (r.NextGroup()) {
        ArticleId article;
        std::string_view a = r.article();
        keys::GetHash128(&a, &article);
        while (r.NextEntry(&ordinal, &places)) {
          const std::string sk = keys::StatementKey(article, ordinal);
          term_pairs.emplace(pair_hash(term, sk), r.placed() ? places_hash(places) : 0);
          term_statements.insert(sk);
        }
      }
      if (!r.ok()) problems.Add("terms: the posting list at " + HexOf(k) + " does not decode");
    }));
  }

  // statements and the index entries each must have
  std::unordered_set<std::string> statement_keys;
  QDB_RETURN_IF_ERROR(for_each(kStatements, [&](std::string_view k, std::string_view v) {
    Statement st;
    std::string skey(k);
    if (!schema::DecodeStatement(v, &st)) {
      problems.Add("statements: value at " + HexOf(k) + " does not decode");
      statement_keys.insert(skey);
      return;
    }
    statement_keys.insert(skey);
    ++actual.statements;
    const std::string where = "statement " + st.article_id.ToHex() + ":" + std::to_string(st.ordinal);
    if (keys::StatementKey(st.article_id, st.ordinal) != skey)
      problems.Add("statements: key " + HexOf(k) + " holds " + where);
    bool found = false;
    auto need = [&](Cf cf, const std::string& key, const std::string& what) {
      Status s = exists(cf, key, &found);
      if (!s.ok()) walk_status = s;
      if (!found) problems.Add(where + " has no " + what + " entry");
    };
    need(kArticles, keys::ArticleKey(st.article_id), "article");
    need(kByDate, keys::DateIndexKey(st.date_days, skey), "by_date");
    need(kByContent, keys::ContentIndexKey(st.content_hash, skey), "by_content");
    if (st.source_id != 0)
      need(kBySource, keys::IdDateIndexKey(st.source_id, st.date_days, skey), "by_source");
    for (SpeakerId id : st.speaker_ids) {
      need(kBySpeaker, keys::IdDateIndexKey(id, st.date_days, skey), "by_speaker");
      if (!speaker_ids.count(id)) problems.Add(where + " names a missing speaker");
    }
    // Each word, with its places (version 3 lists give them).
    // And, in a database with word pairs, each two adjacent common words, at the first's places.
    std::map<std::string, std::vector<uint32_t>> words;
    std::map<std::string, std::vector<uint32_t>> pairs;
    {
      std::vector<std::string> terms = IndexTerms(st.text);
      for (size_t i = 0; i < terms.size(); ++i) words[terms[i]].push_back(static_cast<uint32_t>(i));
      for (size_t i = 0; word_pairs_ && i + 1 < terms.size(); ++i)
        if (keys::IsCommonTerm(keys::TermHash(terms[i])) &&
            keys::IsCommonTerm(keys::TermHash(terms[i + 1])))
          pairs[terms[i] + " " + terms[i + 1]].push_back(static_cast<uint32_t>(i));
    }
    for (const auto& [t, places] : words) {
      auto p = term_pairs.find(pair_hash(keys::TermHash(t), skey));
      if (p == term_pairs.end()) problems.Add(where + " has no terms \"" + t + "\" entry");
      else if (p->second != 0 && p->second != places_hash(places))
        problems.Add(where + ": the places of \"" + t + "\" in terms do not match its text");
    }
    for (const auto& [t, places] : pairs) {
      auto p = term_pairs.find(pair_hash(keys::TermHash(t), skey));
      if (p == term_pairs.end()) problems.Add(where + " has no terms entry for the pair \"" + t + "\"");
      else if (p->second != places_hash(places))
        problems.Add(where + ": the places of the pair \"" + t + "\" in terms do not match its text");
    }
    if (ContentHash(st.text) != st.content_hash)
      problems.Add(where + ": content hash does not match its text");
  }));
  QDB_RETURN_IF_ERROR(walk_status);

  // Index entries must point to statements. Every one of these families ends its keys with a
  // statement key.
  for (const std::string& sk : term_statements)
    if (!statement_keys.count(sk))
      problems.Add("terms: a posting " + HexOf(sk) + " points to a missing statement");
  for (Cf cf : {kBySpeaker, kBySource, kByDate, kByContent, kLsh, kByProp}) {
    QDB_RETURN_IF_ERROR(for_each(cf, [&](std::string_view k, std::string_view) {
      std::string_view suffix = keys::StatementKeySuffix(k);
      if (suffix.empty()) {
        problems.Add(std::string(kCfNames[cf]) + ": key " + HexOf(k) + " is too short");
      } else if (!statement_keys.count(std::string(suffix))) {
        problems.Add(std::string(kCfNames[cf]) + ": entry " + HexOf(k) +
                     " points to a missing statement");
      }
    }));
  }
  // Families keyed by the statement key itself.
  for (Cf cf : {kClaims, kSignatures}) {
    QDB_RETURN_IF_ERROR(for_each(cf, [&](std::string_view k, std::string_view) {
      if (k.size() == keys::kStatementKeySize && !statement_keys.count(std::string(k)))
        problems.Add(std::string(kCfNames[cf]) + ": entry " + HexOf(k) +
                     " belongs to a missing statement");
    }));
  }

  auto compare = [&](const char* what, uint64_t stored, uint64_t counted) {
    if (stored != counted)
      problems.Add(std::string("counters: ") + what + " says " + std::to_string(stored) +
                   ", the database holds " + std::to_string(counted));
  };
  compare("articles", stored_counters.articles, actual.articles);
  compare("statements", stored_counters.statements, actual.statements);
  compare("speakers", stored_counters.speakers, actual.speakers);
  compare("sources", stored_counters.sources, actual.sources);
  return report;
}

}  // namespace quotedb::store
