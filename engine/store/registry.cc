// The speaker registry: canonical names, aliases and Wikidata ids given by the user.
//
//   registry  speaker_key(name or alias) -> speaker_id (u64 big-endian)
//
// An alias key in `registry` is authoritative: TouchSpeaker (write.cc) looks it up before any
// other rule, so a later article that names "Vlad Putin" attributes to the registered
// "Vladimir Putin" and its statements carry his Wikidata id. The aliases are also written to
// the `aliases` column family, so queries resolve them at once.
#include "store/db_impl.h"

namespace quotedb::store {

Result<SpeakerId> DBImpl::RegistryId(const std::string& key) const {
  if (registry_empty_) return SpeakerId{0};  // most databases have none: no read per mention
  std::string v;
  Status s = GetRaw(rocksdb::ReadOptions(), kRegistry, key, &v);
  if (s.IsNotFound()) return SpeakerId{0};
  if (!s.ok()) return s;
  std::string_view in(v);
  uint64_t id = 0;
  if (!keys::GetU64(&in, &id) || !in.empty()) return CorruptValue(kRegistry, key);
  return SpeakerId{id};
}

Result<RegistryResult> DBImpl::PutSpeakerRegistry(const std::vector<RegistryEntry>& entries) {
  if (options_.read_only) return Status::NotSupported("the database is open read-only");
  for (size_t i = 0; i < entries.size(); ++i)
    if (SpeakerKey(entries[i].name).empty())
      return Status::InvalidArgument("registry entry " + std::to_string(i + 1) + " has no name");

  std::lock_guard<std::mutex> lock(write_mu_);
  QDB_RETURN_IF_ERROR(CommitLocked());  // the registry reads speakers and aliases as stored
  rocksdb::WriteBatch batch;
  PendingWrite pw;
  pw.counters = counters_;
  RegistryResult result;
  std::map<std::string, SpeakerId> registry;  // this registry's keys, last entry wins
  for (const RegistryEntry& e : entries) {
    const std::string key = SpeakerKey(e.name);
    const SpeakerId id = SpeakerIdForKey(key);
    auto it = pw.speakers.find(id);
    if (it == pw.speakers.end()) {
      Speaker sp;
      std::string v;
      Status s = GetRaw(rocksdb::ReadOptions(), kSpeakers, keys::IdKey(id), &v);
      if (s.ok()) {
        if (!schema::DecodeSpeaker(v, &sp)) return CorruptValue(kSpeakers, keys::IdKey(id));
        ++result.speakers_updated;
      } else if (s.IsNotFound()) {
        sp.id = id;
        pw.new_speakers.insert(id);
        ++result.speakers_new;
      } else {
        return s;
      }
      it = pw.speakers.emplace(id, std::move(sp)).first;
    }
    Speaker& sp = it->second;
    sp.name = e.name;  // the registry's spelling is the display name
    if (e.kind != SpeakerKind::kUnknown) sp.kind = e.kind;
    if (!e.wikidata_qid.empty()) sp.wikidata_qid = e.wikidata_qid;
    auto add_unique = [](std::vector<std::string>& v, const std::string& s) {
      if (!s.empty() && std::find(v.begin(), v.end(), s) == v.end()) v.push_back(s);
    };
    add_unique(sp.aliases, e.name);
    registry[key] = id;
    for (const std::string& alias_key : AliasKeys(key, sp.kind))
      QDB_RETURN_IF_ERROR(AddAlias(alias_key, id, &pw));
    for (const std::string& alias : e.aliases) {
      std::string akey = SpeakerKey(alias);
      if (akey.empty()) continue;
      add_unique(sp.aliases, alias);
      registry[akey] = id;
      QDB_RETURN_IF_ERROR(AddAlias(akey, id, &pw));
    }
  }
  for (const auto& [key, id] : registry) {
    std::string v;
    keys::PutU64(&v, id);
    batch.Put(handles_[kRegistry], key, v);
  }
  result.aliases = registry.size();
  for (auto& [id, sp] : pw.speakers)
    batch.Put(handles_[kSpeakers], keys::IdKey(id), schema::EncodeSpeaker(sp));
  for (auto& [alias, ids] : pw.aliases)
    batch.Put(handles_[kAliases], alias, schema::EncodeIdList(ids));
  pw.counters.speakers += pw.new_speakers.size();
  batch.Put(handles_[kMeta], kMetaCounters, schema::EncodeCounters(pw.counters));
  rocksdb::WriteOptions wo;
  wo.sync = true;  // a registry is small and rare: make it durable at once
  {
    ChangeScope changing(&hit_cache_);  // speakers' names may change
    ClearWriterCaches();                // and the stored speakers and aliases the writer read
    QDB_RETURN_IF_ERROR(Conv(db_->Write(wo, &batch)));
    if (!registry.empty()) registry_empty_ = false;
  }
  counters_ = pw.counters;
  return result;
}

}  // namespace quotedb::store
