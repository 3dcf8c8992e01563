// Speaker resolution within one article: surnames and honorific forms to the fullest name
// seen ("Mr Cha" -> "Cha Du-hyeogn"), pronouns to the last fitting speaker, groups split
// into their members.
#ifndef QUOTEDB_ENGINE_EXTRACT_RESOLVE_H_
#define QUOTEDB_ENGINE_EXTRACT_RESOLVE_H_

#include <string>
#include <vector>

#include "extract/doc.h"
#include "quotedb/extract.h"

namespace quotedb::extract {

struct ResolvedSpeaker {
  TokRange span;          // the mention as printed (speaker span)
  std::string display;    // resolved display name
  std::vector<SpeakerMention> speakers;
};

// One ResolvedSpeaker per RawQuote, in the same order.
std::vector<ResolvedSpeaker> ResolveSpeakers(const Doc& doc, const std::vector<RawQuote>& raws);

}  // namespace quotedb::extract

#endif  // QUOTEDB_ENGINE_EXTRACT_RESOLVE_H_
