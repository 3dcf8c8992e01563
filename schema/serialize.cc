#include "schema/serialize.h"

#include <cereal/archives/portable_binary.hpp>
#include <cereal/types/string.hpp>
#include <cereal/types/vector.hpp>
#include <sstream>

namespace quotedb {

// Version 1 of every record. A field added later is written after the existing ones and read
// under `if (version >= N)`, so bytes written by version 1 keep decoding.
template <class Ar>
void serialize(Ar& ar, Hash128& h) {
  ar(h.hi, h.lo);
}
template <class Ar>
void serialize(Ar& ar, Span& s) {
  ar(s.begin, s.end);
}
template <class Ar>
void serialize(Ar& ar, Provenance& p, const std::uint32_t /*version*/) {
  ar(p.file, p.warc_record_id, p.offset);
}
template <class Ar>
void serialize(Ar& ar, Source& s, const std::uint32_t /*version*/) {
  ar(s.id, s.name, s.domain);
}
template <class Ar>
void serialize(Ar& ar, Article& a, const std::uint32_t /*version*/) {
  ar(a.id, a.url, a.source_id, a.source_name, a.date_days, a.time_seconds, a.zone_known,
     a.utc_offset_minutes, a.title, a.authors, a.body_hash, a.provenance, a.statement_count,
     a.body_bytes);
}
template <class Ar>
void serialize(Ar& ar, Speaker& s, const std::uint32_t /*version*/) {
  uint8_t kind = static_cast<uint8_t>(s.kind);
  ar(s.id, s.name, kind, s.aliases, s.titles, s.affiliations, s.wikidata_qid, s.statement_count);
  s.kind = static_cast<SpeakerKind>(kind);
}
template <class Ar>
void serialize(Ar& ar, Statement& s, const std::uint32_t /*version*/) {
  uint8_t kind = static_cast<uint8_t>(s.kind);
  ar(s.article_id, s.ordinal, kind, s.text, s.spans, s.content_hash, s.cue, s.cue_span,
     s.speaker_ids, s.speaker_mention, s.speaker_span, s.confidence, s.date_days, s.source_id);
  s.kind = static_cast<StatementKind>(kind);
}
template <class Ar>
void serialize(Ar& ar, ClaimNumber& n, const std::uint32_t /*version*/) {
  ar(n.value, n.text, n.unit, n.counts, n.qualifier);
}
template <class Ar>
void serialize(Ar& ar, Claim& c, const std::uint32_t /*version*/) {
  uint8_t polarity = static_cast<uint8_t>(c.polarity);
  uint8_t modality = static_cast<uint8_t>(c.modality);
  ar(c.article_id, c.ordinal, c.asserters, c.asserter_entities, c.participants, c.event_class,
     c.predicate, c.objects, c.numbers, polarity, modality, c.proposition_key, c.proposition);
  c.polarity = static_cast<Polarity>(polarity);
  c.modality = static_cast<Modality>(modality);
}
template <class Ar>
void serialize(Ar& ar, Counters& c, const std::uint32_t version) {
  ar(c.articles, c.statements, c.speakers, c.sources, c.body_bytes);
  if (version >= 2) ar(c.syndicated_articles, c.syndicated_statements);
}

}  // namespace quotedb

CEREAL_CLASS_VERSION(quotedb::Provenance, 1)
CEREAL_CLASS_VERSION(quotedb::Source, 1)
CEREAL_CLASS_VERSION(quotedb::Article, 1)
CEREAL_CLASS_VERSION(quotedb::Speaker, 1)
CEREAL_CLASS_VERSION(quotedb::Statement, 1)
CEREAL_CLASS_VERSION(quotedb::Counters, 2)
CEREAL_CLASS_VERSION(quotedb::ClaimNumber, 1)
CEREAL_CLASS_VERSION(quotedb::Claim, 1)

namespace quotedb::schema {
namespace {

template <class T>
std::string Encode(const T& value) {
  std::ostringstream os(std::ios::binary);
  {
    cereal::PortableBinaryOutputArchive ar(os);
    ar(const_cast<T&>(value));
  }
  return std::move(os).str();
}

template <class T>
bool Decode(std::string_view bytes, T* out) {
  try {
    std::istringstream is(std::string(bytes), std::ios::binary);
    cereal::PortableBinaryInputArchive ar(is);
    T value;
    ar(value);
    // Trailing bytes mean the value is not what we think it is.
    if (is.peek() != std::char_traits<char>::eof()) return false;
    *out = std::move(value);
    return true;
  } catch (const std::exception&) {
    return false;
  }
}

}  // namespace

std::string EncodeArticle(const Article& a) {
  // The text is stored on its own; do not copy it into the metadata value.
  Article meta = a;
  meta.text.clear();
  return Encode(meta);
}
bool DecodeArticle(std::string_view b, Article* a) { return Decode(b, a); }
std::string EncodeStatement(const Statement& s) { return Encode(s); }
bool DecodeStatement(std::string_view b, Statement* s) { return Decode(b, s); }
std::string EncodeSpeaker(const Speaker& s) { return Encode(s); }
bool DecodeSpeaker(std::string_view b, Speaker* s) { return Decode(b, s); }
std::string EncodeSource(const Source& s) { return Encode(s); }
bool DecodeSource(std::string_view b, Source* s) { return Decode(b, s); }
std::string EncodeCounters(const Counters& c) { return Encode(c); }
bool DecodeCounters(std::string_view b, Counters* c) { return Decode(b, c); }
std::string EncodeClaim(const Claim& c) { return Encode(c); }
bool DecodeClaim(std::string_view b, Claim* c) { return Decode(b, c); }
std::string EncodeIdList(const std::vector<uint64_t>& ids) { return Encode(ids); }
bool DecodeIdList(std::string_view b, std::vector<uint64_t>* ids) { return Decode(b, ids); }

}  // namespace quotedb::schema
