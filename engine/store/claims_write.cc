// Claims at import: the claim frame of each statement and its by_prop entry, added to the
// article's WriteBatch (grammar: schema/FORMAT.md, "claims" and "by_prop").
#include "store/db_impl.h"

namespace quotedb::store {

Status DBImpl::PutClaim(Commit* batch, ClaimBuilder* builder, const std::string& statement_key,
                        const Statement& st, const std::vector<SpeakerMention>& mentions,
                        std::string_view article_text) {
  // One builder (and its stemmer) per thread: the import's indexer thread owns this one.
  std::vector<std::string> names;
  std::vector<SpeakerKind> kinds;
  for (const SpeakerMention& m : mentions) {
    names.push_back(m.name);
    kinds.push_back(m.kind);
  }
  ClaimInput in = ClaimInputFor(st, names, article_text);
  in.speaker_kinds = kinds;
  Claim claim = builder->Build(in);
  claim.article_id = st.article_id;
  claim.ordinal = st.ordinal;
  batch->cf[kClaims].Put(statement_key, schema::EncodeClaim(claim));
  if (claim.proposition_key != 0) {
    batch->cf[kByProp].Put(keys::PropIndexKey(claim.proposition_key, static_cast<uint8_t>(claim.polarity),
                                  statement_key),
                           "");
  }
  return Status::OK();
}

}  // namespace quotedb::store
