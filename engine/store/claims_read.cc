// Claims at query time: claim frames and range scans of by_prop.
#include "store/db_impl.h"

namespace quotedb::store {

Status DBImpl::LoadClaimHits(const View& view, const std::vector<std::string>& statement_keys,
                             std::vector<ClaimHit>* out) {
  std::vector<StatementHit> hits;
  QDB_RETURN_IF_ERROR(LoadHits(view, statement_keys, &hits));
  for (size_t i = 0; i < hits.size(); ++i) {
    ClaimHit ch;
    std::string v;
    Status s = GetRaw(view.ro(), kClaims, statement_keys[i], &v);
    if (s.IsNotFound()) {
      return Status::Corruption("database " + dir_ + ": by_prop points to statement " +
                                HexOf(statement_keys[i]) + ", which has no claim");
    }
    QDB_RETURN_IF_ERROR(s);
    if (!schema::DecodeClaim(v, &ch.claim)) return CorruptValue(kClaims, statement_keys[i]);
    ch.hit = std::move(hits[i]);
    out->push_back(std::move(ch));
  }
  return Status::OK();
}

Result<Claim> DBImpl::GetClaim(const ArticleId& article, uint32_t ordinal) {
  View view(this);
  std::string key = keys::StatementKey(article, ordinal);
  std::string v;
  Status s = GetRaw(view.ro(), kClaims, key, &v);
  if (s.IsNotFound()) return Status::NotFound("no claim for statement " + HexOf(key));
  QDB_RETURN_IF_ERROR(s);
  Claim c;
  if (!schema::DecodeClaim(v, &c)) return CorruptValue(kClaims, key);
  return c;
}

Result<std::vector<ClaimHit>> DBImpl::ClaimsByProposition(uint64_t proposition_key,
                                                          size_t limit) {
  View view(this);
  std::string lo;
  keys::PutU64(&lo, proposition_key);
  std::string hi = keys::PrefixSuccessor(lo);
  std::vector<std::string> index_keys;
  QDB_RETURN_IF_ERROR(ScanKeys(view.ro(), kByProp, lo, hi, limit, &index_keys));
  std::vector<std::string> skeys;
  for (const std::string& k : index_keys) skeys.emplace_back(keys::StatementKeySuffix(k));
  std::vector<ClaimHit> out;
  QDB_RETURN_IF_ERROR(LoadClaimHits(view, skeys, &out));
  return out;
}

Status DBImpl::ForEachProposition(
    size_t max_group, const std::function<bool(uint64_t, std::vector<ClaimHit>&)>& fn) {
  View view(this);
  rocksdb::ReadOptions ro = view.ro();
  ro.total_order_seek = true;
  std::unique_ptr<rocksdb::Iterator> it(db_->NewIterator(ro, handles_[kByProp]));
  uint64_t current = 0;
  bool have = false;
  std::vector<std::string> skeys;
  auto flush = [&]() -> Result<bool> {
    if (!have || skeys.empty()) return true;
    std::vector<ClaimHit> group;
    QDB_RETURN_IF_ERROR(LoadClaimHits(view, skeys, &group));
    skeys.clear();
    return fn(current, group);
  };
  for (it->SeekToFirst(); it->Valid(); it->Next()) {
    std::string_view k(it->key().data(), it->key().size());
    std::string_view in = k;
    uint64_t prop = 0;
    if (!keys::GetU64(&in, &prop) || k.size() != 8 + 1 + keys::kStatementKeySize)
      return CorruptValue(kByProp, k);
    if (!have || prop != current) {
      auto go_on = flush();
      if (!go_on.ok()) return go_on.status();
      if (!*go_on) return Status::OK();
      current = prop;
      have = true;
    }
    if (max_group == 0 || skeys.size() < max_group)
      skeys.emplace_back(keys::StatementKeySuffix(k));
  }
  QDB_RETURN_IF_ERROR(Conv(it->status()));
  auto last = flush();
  if (!last.ok()) return last.status();
  return Status::OK();
}

}  // namespace quotedb::store
