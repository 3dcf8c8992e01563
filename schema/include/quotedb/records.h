// The persisted records of quotedb: plain structs with no storage or serialisation types.
//
// Every record carries the schema version it was written with (see schema/FORMAT.md); the
// cereal archives in schema/serialize.h add CEREAL_CLASS_VERSION on top, so a field added in a
// later version reads as its default from older bytes.
#ifndef QUOTEDB_RECORDS_H_
#define QUOTEDB_RECORDS_H_

#include <compare>
#include <cstdint>
#include <limits>
#include <string>
#include <vector>

namespace quotedb {

// The schema version this build writes. A database whose meta says a higher version is refused.
inline constexpr uint32_t kSchemaVersion = 4;

// A 128-bit content hash or id (XXH3-128). Byte order in keys is big-endian: hi then lo.
struct Hash128 {
  uint64_t hi = 0;
  uint64_t lo = 0;
  bool IsZero() const { return hi == 0 && lo == 0; }
  auto operator<=>(const Hash128&) const = default;
  // 32 lowercase hex digits.
  std::string ToHex() const;
  // Parses 32 hex digits; returns false on anything else.
  static bool FromHex(const std::string& hex, Hash128* out);
};

using SourceId = uint64_t;
using SpeakerId = uint64_t;
using ArticleId = Hash128;

// Days since 1970-01-01; kUnknownDate when the article has no usable date.
inline constexpr int64_t kUnknownDate = std::numeric_limits<int64_t>::min();

// Byte offsets, half-open, into the article text that was stored.
struct Span {
  uint32_t begin = 0;
  uint32_t end = 0;
  bool empty() const { return end <= begin; }
  auto operator<=>(const Span&) const = default;
};

enum class SpeakerKind : uint8_t {
  kUnknown = 0,
  kPerson = 1,
  kGovernment = 2,
  kOrganisation = 3,
  kDocument = 4,
  kMedia = 5,
  kGroup = 6,
};

enum class StatementKind : uint8_t {
  kDirect = 0,    // the whole content is inside quotation marks
  kPartial = 1,   // reported speech that carries a quoted fragment
  kIndirect = 2,  // reported speech without quotation marks
};

const char* SpeakerKindName(SpeakerKind kind);
const char* StatementKindName(StatementKind kind);

struct Source {
  SourceId id = 0;
  std::string name;    // as given ("The Straits Times", "straitstimes.com")
  std::string domain;  // normalised domain when known
};

struct Provenance {
  std::string file;            // path the article was read from
  std::string warc_record_id;  // WARC-Record-ID, when read from a WARC file
  uint64_t offset = 0;         // byte offset of the record in `file`
};

struct Article {
  ArticleId id;
  std::string url;
  SourceId source_id = 0;
  std::string source_name;
  int64_t date_days = kUnknownDate;  // publication date
  int32_t time_seconds = -1;         // seconds after midnight, -1 when the time is unknown
  bool zone_known = false;           // whether the time carried a zone
  int32_t utc_offset_minutes = 0;    // meaningful when zone_known
  std::string title;
  std::vector<std::string> authors;
  Hash128 body_hash;  // XXH3-128 of the normalised body (syndication)
  Provenance provenance;
  uint32_t statement_count = 0;
  uint64_t body_bytes = 0;
  // The stored text (headline, a line break, then the body). Kept in its own column family,
  // so reading an article's metadata never reads its text. Statement spans point into it.
  std::string text;
};

struct Speaker {
  SpeakerId id = 0;
  std::string name;  // canonical display name ("Artyom Lukin")
  SpeakerKind kind = SpeakerKind::kUnknown;
  std::vector<std::string> aliases;       // as printed ("Dr Artyom Lukin", "Lukin")
  std::vector<std::string> titles;        // roles seen ("national security adviser")
  std::vector<std::string> affiliations;  // ("Russia's Far Eastern Federal University")
  std::string wikidata_qid;               // optional external id ("Q7747")
  uint64_t statement_count = 0;
};

struct Statement {
  ArticleId article_id;
  uint32_t ordinal = 0;  // position of the statement in its article, from 0
  StatementKind kind = StatementKind::kDirect;
  std::string text;          // the quote as printed (spans joined by a space)
  std::vector<Span> spans;   // content spans in the article text
  Hash128 content_hash;      // XXH3-128 of NormalizeForHash(text)
  std::string cue;           // the reporting verb or phrase ("said", "according to")
  Span cue_span;
  std::vector<SpeakerId> speaker_ids;  // more than one for a group ("Washington and Seoul")
  std::string speaker_mention;         // as printed ("he", "Mr Cha", "the daily")
  Span speaker_span;
  float confidence = 0.0f;
  // Copied from the article so index scans can filter without reading it.
  int64_t date_days = kUnknownDate;
  SourceId source_id = 0;
};

// Claim frames (engine/claims): what a statement asserts, about whom, with what polarity.
enum class Polarity : uint8_t {
  kAffirm = 0,  // the asserter says the proposition holds
  kDeny = 1,    // the asserter says it does not ("B denies X" = B asserts not-X)
};

enum class Modality : uint8_t {
  kAsserted = 0,  // a flat assertion ("accused", "said")
  kHedged = 1,    // may, could, suspected, would consider
  kQuestion = 2,  // asked, or phrased as a question
  kReported = 3,  // relayed from someone else (reportedly, according to, media "reported")
};

// A number in a claim and what it counts ("at least 12 people killed" -> 12, people, deaths).
struct ClaimNumber {
  double value = 0;
  std::string text;       // as printed ("1,402", "at least 12")
  std::string unit;       // "people", "%", "usd", ... or ""
  std::string counts;     // the quantity it measures ("deaths", "item"); numbers compare by it
  std::string qualifier;  // "at least", "about", "more than", ... or "" when exact
};

struct Claim {
  ArticleId article_id;  // with ordinal: the statement this frame belongs to
  uint32_t ordinal = 0;
  std::vector<SpeakerId> asserters;               // who asserts it (the statement's speakers)
  std::vector<std::string> asserter_entities;     // their entity keys ("north-korea")
  std::vector<std::string> participants;          // sorted entity keys the claim is about
  std::string event_class;                        // "arms-transfer", ... or "" when none
  std::string predicate;                          // the trigger words as printed
  std::vector<std::string> objects;               // other entities (places, targets)
  std::vector<ClaimNumber> numbers;
  Polarity polarity = Polarity::kAffirm;
  Modality modality = Modality::kAsserted;
  uint64_t proposition_key = 0;  // XXH3-64 of event class and participants; 0 = not indexed
  std::string proposition;       // readable ("arms transfer: North Korea, Russia")
};

// Counters kept in the meta column family, updated in the same batch as the records.
struct Counters {
  uint64_t articles = 0;
  uint64_t statements = 0;
  uint64_t speakers = 0;
  uint64_t sources = 0;
  uint64_t body_bytes = 0;
  // Version 2. Syndication: articles that joined a group of near-identical articles already
  // stored, and statements that repeat one already stored in their group (so unique
  // statements = statements - syndicated_statements).
  uint64_t syndicated_articles = 0;
  uint64_t syndicated_statements = 0;
};

}  // namespace quotedb

#endif  // QUOTEDB_RECORDS_H_
