// Value encodings: cereal portable binary archives of the records in quotedb/records.h.
// Internal to the engine (the public headers carry no cereal types). Grammar: FORMAT.md.
//
// Each persisted type has CEREAL_CLASS_VERSION; the archive stores the version once per type,
// and each serialize() reads fields added in later versions only when `version` says they were
// written. Decode* never throws: a cereal exception becomes `false`, which the store reports as
// Corruption naming the key.
#ifndef QUOTEDB_SCHEMA_SERIALIZE_H_
#define QUOTEDB_SCHEMA_SERIALIZE_H_

#include <string>
#include <string_view>

#include "quotedb/records.h"

namespace quotedb::schema {

// Article without its text (the text lives in the `bodies` column family).
std::string EncodeArticle(const Article& a);
bool DecodeArticle(std::string_view bytes, Article* a);

std::string EncodeStatement(const Statement& s);
bool DecodeStatement(std::string_view bytes, Statement* s);

std::string EncodeSpeaker(const Speaker& s);
bool DecodeSpeaker(std::string_view bytes, Speaker* s);

std::string EncodeSource(const Source& s);
bool DecodeSource(std::string_view bytes, Source* s);

std::string EncodeCounters(const Counters& c);
bool DecodeCounters(std::string_view bytes, Counters* c);

// claims column family value: the claim frame of one statement.
std::string EncodeClaim(const Claim& c);
bool DecodeClaim(std::string_view bytes, Claim* c);

// The readers Decode{Statement,Article,Speaker,Source} try first: the version-1 layout read
// directly, without cereal's istream; false (and *out untouched) for anything else, which the
// Decode* functions then hand to cereal. For tests: the direct reader must accept what the
// engine writes.
bool DecodeStatementDirect(std::string_view bytes, Statement* s);
bool DecodeArticleDirect(std::string_view bytes, Article* a);
bool DecodeSpeakerDirect(std::string_view bytes, Speaker* s);
bool DecodeSourceDirect(std::string_view bytes, Source* s);

// Parts of a value, for queries that show a hit: a speaker's name; an article's url, title and
// file. The same values decode as with Decode{Speaker,Article} (a value the direct reader does
// not expect is decoded whole, through cereal), without the fields not asked for.
bool DecodeSpeakerName(std::string_view bytes, std::string* name);
struct ArticleHead {
  std::string url, title, file;
};
bool DecodeArticleHead(std::string_view bytes, ArticleHead* head);
// Their direct readers alone (for tests and the fuzzer): they take a value exactly when
// Decode{Speaker,Article}Direct do.
bool DecodeSpeakerNameDirect(std::string_view bytes, std::string* name);
bool DecodeArticleHeadDirect(std::string_view bytes, ArticleHead* head);

// aliases column family value: a sorted list of speaker ids.
std::string EncodeIdList(const std::vector<uint64_t>& ids);
bool DecodeIdList(std::string_view bytes, std::vector<uint64_t>* ids);

}  // namespace quotedb::schema

#endif  // QUOTEDB_SCHEMA_SERIALIZE_H_
