// Import: one article, its statements, speakers and index entries in one WriteBatch.
#include "store/db_impl.h"

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
  if (sp.wikidata_qid.empty()) sp.wikidata_qid = mention.wikidata_qid;
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
      // Without a URL an article is its text as read from one file: the same text in two
      // files (a reprint) is two articles, each with its provenance, grouped as syndicated
      // copies; the same file read again is the same article. The file name, not its path,
      // takes part, so moving a folder does not make its articles new.
      std::string ident = NormalizeForHash(text);
      if (!a.provenance.file.empty()) {
        ident.push_back('\0');
        ident += std::filesystem::path(a.provenance.file).filename().string();
        ident.push_back('#');
        ident += std::to_string(a.provenance.offset);
      }
      XXH128_hash_t h = XXH3_128bits(ident.data(), ident.size());
      a.id = Hash128{h.high64, h.low64};
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
  std::vector<Hash128> content_hashes;  // for syndication (near_dup.cc)
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
    PutNearDup(&batch, skey, st);
    QDB_RETURN_IF_ERROR(PutClaim(&batch, skey, st, mentions, a.text));  // claims_write.cc
    content_hashes.push_back(st.content_hash);
    std::vector<std::string> terms = IndexTerms(q.text);
    std::sort(terms.begin(), terms.end());
    terms.erase(std::unique(terms.begin(), terms.end()), terms.end());
    for (const std::string& t : terms)
      batch.Put(handles_[kTerms], keys::TermIndexKey(keys::TermHash(t), skey), "");
    ++ordinal;
  }
  a.statement_count = ordinal;
  QDB_RETURN_IF_ERROR(PutSyndication(&batch, a, body, content_hashes, &pw));

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
}  // namespace quotedb::store
