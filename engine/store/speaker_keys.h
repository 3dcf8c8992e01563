// Canonical speaker keys and ids.
#ifndef QUOTEDB_ENGINE_STORE_SPEAKER_KEYS_H_
#define QUOTEDB_ENGINE_STORE_SPEAKER_KEYS_H_

#include <string>
#include <string_view>
#include <vector>

#include "quotedb/records.h"

namespace quotedb::store {

// NormalizeName(name) without leading honorifics: "Mr Putin" -> "putin",
// "Dr Artyom Lukin" -> "artyom lukin", "José Ramos-Horta" -> "jose ramos-horta".
std::string SpeakerKey(std::string_view name);

// XXH3-64 of SpeakerKey; 0 is never returned (0 means "no speaker").
SpeakerId SpeakerIdForKey(std::string_view key);

// The keys under which a speaker is found in the aliases column family: the full key, and for
// a person with several words, the surname (last word) alone.
std::vector<std::string> AliasKeys(std::string_view key, SpeakerKind kind);

}  // namespace quotedb::store

#endif
