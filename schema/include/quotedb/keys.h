// Order-preserving key codec for the RocksDB column families. Grammar: schema/FORMAT.md.
//
// Integers are fixed-width big-endian so byte order is numeric order. Dates are days since
// 1970-01-01 as i64 with the sign bit flipped, so 1969 sorts before 1970 and unknown dates
// (INT64_MIN) sort first. Variable-length strings never enter a composite key: they are hashed
// to ids first.
#ifndef QUOTEDB_KEYS_H_
#define QUOTEDB_KEYS_H_

#include <array>
#include <span>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "quotedb/records.h"

namespace quotedb::keys {

inline constexpr size_t kStatementKeySize = 16 + 4;  // article_id | ordinal

void PutU32(std::string* dst, uint32_t v);
void PutU64(std::string* dst, uint64_t v);
void PutI64Ordered(std::string* dst, int64_t v);  // sign bit flipped, big-endian
void PutHash128(std::string* dst, const Hash128& h);

// Each Get* reads from the front of *in and advances it; false when too short.
bool GetU32(std::string_view* in, uint32_t* v);
bool GetU64(std::string_view* in, uint64_t* v);
bool GetI64Ordered(std::string_view* in, int64_t* v);
bool GetHash128(std::string_view* in, Hash128* h);

// articles / bodies: article_id(16)
std::string ArticleKey(const ArticleId& id);
// statements: article_id(16) | ordinal(u32)
std::string StatementKey(const ArticleId& id, uint32_t ordinal);
bool DecodeStatementKey(std::string_view key, ArticleId* id, uint32_t* ordinal);
// speakers: speaker_id(u64);  sources: source_id(u64)
std::string IdKey(uint64_t id);
// by_speaker / by_source: id(u64) | date(i64 ordered) | statement key
std::string IdDateIndexKey(uint64_t id, int64_t date_days, std::string_view statement_key);
// by_date: date(i64 ordered) | statement key
std::string DateIndexKey(int64_t date_days, std::string_view statement_key);
// by_content: content_hash(16) | statement key
std::string ContentIndexKey(const Hash128& hash, std::string_view statement_key);
// terms, schema version 1: term_hash(u64) | statement key (one key per term and statement)
std::string TermIndexKey(uint64_t term_hash, std::string_view statement_key);
// terms, schema version 2: term_hash(u64) | chunk(u64) -> a posting list (EncodePostings) of
// the statements written by one commit that contain the term. Readers accept both layouts
// (they differ in key length: kTermChunkKeySize against 8 + kStatementKeySize).
inline constexpr size_t kTermChunkKeySize = 8 + 8;
std::string TermChunkKey(uint64_t term_hash, uint64_t chunk);

// A posting list: statement keys in ascending order, grouped by article:
//   version(u8 = 1) | { article_id(16) | count(varint) | ordinal deltas(varint) * count }*
// (the first ordinal of a group absolute, each next one minus its predecessor).
void EncodePostings(const std::vector<std::string_view>& sorted_statement_keys, std::string* out);
// A posting list with places (version 2, written from schema version 3): each statement also
// gives the places of the term among its words (IndexTerms order, from 0), so a phrase can be
// checked on the lists alone; each group gives its entries' length, so a reader can skip it:
//   version(u8 = 2) | { article_id(16) | count(varint) | length(varint) | entry * count }*
//   entry := ordinal delta(varint) | places(varint, >= 1) | place delta(varint) * places
// (the first ordinal of a group and the first place of an entry absolute, each next one minus
// its predecessor; `length` is the bytes of the group's entries).
struct PlacedPosting {
  std::string_view statement_key;
  const uint32_t* places;  // ascending
  uint32_t count;          // at least 1
};
void EncodePlacedPostings(const std::vector<PlacedPosting>& sorted, std::string* out);

// Appends the statement keys of `value` (either version) to *out; false when it does not
// decode.
using StatementKeyBytes = std::array<char, kStatementKeySize>;
bool DecodePostings(std::string_view value, std::vector<StatementKeyBytes>* out);

// Reads a posting list of either version, an article group at a time:
//   PostingReader r(value);
//   while (r.NextGroup()) { r.article(); while (r.NextEntry(&ordinal, &places)) ...; }
//   if (!r.ok()) ...  // the value does not decode
// A group's entries may be left unread: NextGroup skips them.
class PostingReader {
 public:
  explicit PostingReader(std::string_view value);
  bool ok() const { return ok_; }
  // Whether entries carry places (version 2).
  bool placed() const { return version_ == 2; }
  // Moves to the next article group; false at the end or on a bad value (then !ok()).
  bool NextGroup();
  // The current group's article id (16 bytes) and number of statements.
  std::string_view article() const { return article_; }
  uint32_t count() const { return count_; }
  // The current group's next statement: its ordinal and, for version 2, its places (replaced;
  // left empty for version 1; null to skip them). False at the group's end or on a bad value.
  bool NextEntry(uint32_t* ordinal, std::vector<uint32_t>* places);

 private:
  bool Fail() { return ok_ = false; }
  std::string_view in_;     // after the current group
  std::string_view group_;  // the current group's unread entries
  std::string_view article_;
  uint32_t count_ = 0, left_ = 0, ordinal_ = 0;
  uint8_t version_ = 0;
  bool started_ = false;
  bool ok_ = true;
};
// The varint of posting lists (LEB128, at most 5 bytes): reads one from the front of *in;
// false when it is cut short or too long. Always inline, with a one-byte fast path:
// posting-list walks call it for every group and entry (GCC otherwise calls it, 16
// instructions a call, a sixth of a filter walk).
[[gnu::always_inline]] inline bool GetVarint(std::string_view* in, uint32_t* v) {
  if (!in->empty() && !(static_cast<unsigned char>(in->front()) & 0x80)) {
    *v = static_cast<unsigned char>(in->front());
    in->remove_prefix(1);
    return true;
  }
  uint32_t r = 0;
  for (int shift = 0; shift <= 28; shift += 7) {
    if (in->empty()) return false;
    auto b = static_cast<unsigned char>(in->front());
    in->remove_prefix(1);
    r |= static_cast<uint32_t>(b & 0x7f) << shift;
    if (!(b & 0x80)) {
      *v = r;
      return true;
    }
  }
  return false;
}

// PostingReader's walk, inline (see the class).
inline bool PostingReader::NextGroup() {
  if (!ok_) return false;
  if (version_ == 1 && started_) {  // no length: read past the entries left
    while (left_ > 0)
      if (!NextEntry(nullptr, nullptr)) return false;
    in_ = group_;
  }
  started_ = true;
  if (in_.empty()) return false;
  if (in_.size() < 16) return Fail();
  article_ = std::string_view(in_.data(), 16);  // (substr's bounds check kept it out of line)
  in_.remove_prefix(16);
  if (!GetVarint(&in_, &count_) || count_ == 0) return Fail();
  left_ = count_;
  ordinal_ = 0;
  if (version_ == 2) {
    uint32_t len = 0;
    if (!GetVarint(&in_, &len) || len > in_.size()) return Fail();
    group_ = std::string_view(in_.data(), len);
    in_.remove_prefix(len);
  } else {
    group_ = in_;
  }
  return true;
}

inline bool PostingReader::NextEntry(uint32_t* ordinal, std::vector<uint32_t>* places) {
  if (!ok_ || left_ == 0) return false;
  uint32_t delta = 0;
  // A sum that wraps around is a damaged list: ordinals and places only ascend.
  if (!GetVarint(&group_, &delta) || delta > UINT32_MAX - ordinal_) return Fail();
  ordinal_ += delta;
  --left_;
  if (ordinal) *ordinal = ordinal_;
  if (places) places->clear();
  if (version_ == 2) {
    uint32_t n = 0, place = 0;
    if (!GetVarint(&group_, &n) || n == 0 || n > group_.size()) return Fail();
    for (uint32_t k = 0; k < n; ++k) {
      uint32_t d = 0;
      if (!GetVarint(&group_, &d) || d > UINT32_MAX - place) return Fail();
      place += d;
      if (places) places->push_back(place);
    }
    if (left_ == 0 && !group_.empty()) return Fail();  // the length disagrees with the entries
  }
  return true;
}

// by_body: body_hash(16) | article_id(16)
std::string BodyIndexKey(const Hash128& body_hash, const ArticleId& id);

// by_prop: proposition_key(u64) | polarity(u8: 0 affirm, 1 deny) | statement key
std::string PropIndexKey(uint64_t proposition_key, uint8_t polarity,
                         std::string_view statement_key);

// The statement key at the tail of an index key (its last kStatementKeySize bytes).
std::string_view StatementKeySuffix(std::string_view index_key);

// The smallest key greater than every key that starts with `prefix` ("" when none exists).
std::string PrefixSuccessor(std::string_view prefix);

// Term hash used in the terms column family: XXH3-64 of the normalised term, seed 0.
uint64_t TermHash(std::string_view term);

// Word pairs (schema version 4; FORMAT.md, "Word pairs"). A database created with pairs also
// lists, in `terms`, every two adjacent words of a statement that are both common words, as
// the term "first second" (a term never holds a space, so a pair's hash is no word's), with
// the places of its first word. A phrase of common words, whose single-word lists are the
// longest, is then looked up by its pairs' short lists instead.
//
// Whether a word is one of the common words (CommonWords()), by its TermHash.
bool IsCommonTerm(uint64_t term_hash);
// TermHash(first + " " + second).
uint64_t PairTermHash(std::string_view first, std::string_view second);
// The common words: English function words (Snowball's English stop list, with the pieces
// IndexTerms makes of its contractions: "don't" is "don t"). Part of the format: changing the
// list changes which pairs are indexed, so it takes a new schema version.
std::span<const std::string_view> CommonWords();

}  // namespace quotedb::keys

#endif  // QUOTEDB_KEYS_H_
