#include "schema/serialize.h"

#include <cereal/archives/portable_binary.hpp>
#include <cereal/types/string.hpp>
#include <cereal/types/vector.hpp>
#include <bit>
#include <cstring>
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

// Reads a value's bytes where they are (a std::istringstream would copy them first).
class ViewBuf : public std::streambuf {
 public:
  explicit ViewBuf(std::string_view v) {
    char* p = const_cast<char*>(v.data());  // read only: the get area is never written
    setg(p, p, p + v.size());
  }
};

template <class T>
bool Decode(std::string_view bytes, T* out) {
  try {
    ViewBuf buf(bytes);
    std::istream is(&buf);
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

// Direct readers of the version-1 layouts of the records queries read most (Statement,
// Article, Speaker, Source): the same bytes cereal reads (FORMAT.md, "Values"), without an
// istream and its locale per value. Each returns false for anything it does not expect (another
// class version, a big-endian archive or host, a bool byte other than 0 or 1, trailing bytes),
// and then the cereal path decides, so both accept exactly the same values.
class Bytes {
 public:
  explicit Bytes(std::string_view v) : in_(v) {}
  // The archive's endianness byte: 1 (little), read on a little-endian host only.
  bool Start() {
    if constexpr (std::endian::native != std::endian::little) return false;
    uint8_t e = 0;
    return Num(&e) && e == 1;
  }
  template <class T>
  bool Num(T* v) {
    if (in_.size() < sizeof(T)) return false;
    std::memcpy(v, in_.data(), sizeof(T));
    in_.remove_prefix(sizeof(T));
    return true;
  }
  bool Version(uint32_t want) {
    uint32_t v = 0;
    return Num(&v) && v == want;
  }
  bool Bool(bool* b) {
    uint8_t x = 0;
    if (!Num(&x) || x > 1) return false;
    *b = x == 1;
    return true;
  }
  bool Str(std::string* out) {
    uint64_t n = 0;
    if (!Num(&n) || n > in_.size()) return false;
    out->assign(in_.data(), n);
    in_.remove_prefix(n);
    return true;
  }
  // A string or a list of strings passed over, checked as Str and Strs check them.
  bool SkipStr() {
    uint64_t n = 0;
    if (!Num(&n) || n > in_.size()) return false;
    in_.remove_prefix(n);
    return true;
  }
  bool SkipStrs() {
    uint64_t n = 0;
    if (!Num(&n) || n > in_.size() / 8) return false;
    for (uint64_t i = 0; i < n; ++i)
      if (!SkipStr()) return false;
    return true;
  }
  template <class T>
  bool Skip() {
    T v;
    return Num(&v);
  }
  bool Hash(Hash128* h) { return Num(&h->hi) && Num(&h->lo); }
  bool SpanOf(Span* sp) { return Num(&sp->begin) && Num(&sp->end); }
  bool Strs(std::vector<std::string>* out) {
    uint64_t n = 0;
    if (!Num(&n) || n > in_.size() / 8) return false;  // each string takes 8 bytes at least
    out->resize(n);
    for (std::string& x : *out)
      if (!Str(&x)) return false;
    return true;
  }
  template <class T, class Fn>
  bool Vec(std::vector<T>* out, size_t min_bytes, Fn&& read_one) {
    uint64_t n = 0;
    if (!Num(&n) || n > in_.size() / min_bytes) return false;
    out->resize(n);
    for (T& x : *out)
      if (!read_one(&x)) return false;
    return true;
  }
  bool done() const { return in_.empty(); }

 private:
  std::string_view in_;
};

bool DirectStatement(std::string_view bytes, Statement* out) {
  Bytes b(bytes);
  Statement s;
  uint8_t kind = 0;
  if (!b.Start() || !b.Version(1) || !b.Hash(&s.article_id) || !b.Num(&s.ordinal) ||
      !b.Num(&kind) || !b.Str(&s.text) ||
      !b.Vec(&s.spans, 8, [&](Span* sp) { return b.SpanOf(sp); }) || !b.Hash(&s.content_hash) ||
      !b.Str(&s.cue) || !b.SpanOf(&s.cue_span) ||
      !b.Vec(&s.speaker_ids, 8, [&](SpeakerId* id) { return b.Num(id); }) ||
      !b.Str(&s.speaker_mention) || !b.SpanOf(&s.speaker_span) || !b.Num(&s.confidence) ||
      !b.Num(&s.date_days) || !b.Num(&s.source_id) || !b.done())
    return false;
  s.kind = static_cast<StatementKind>(kind);
  *out = std::move(s);
  return true;
}

bool DirectArticle(std::string_view bytes, Article* out) {
  Bytes b(bytes);
  Article a;
  if (!b.Start() || !b.Version(1) || !b.Hash(&a.id) || !b.Str(&a.url) || !b.Num(&a.source_id) ||
      !b.Str(&a.source_name) || !b.Num(&a.date_days) || !b.Num(&a.time_seconds) ||
      !b.Bool(&a.zone_known) || !b.Num(&a.utc_offset_minutes) || !b.Str(&a.title) ||
      !b.Strs(&a.authors) || !b.Hash(&a.body_hash) || !b.Version(1) /* Provenance */ ||
      !b.Str(&a.provenance.file) || !b.Str(&a.provenance.warc_record_id) ||
      !b.Num(&a.provenance.offset) || !b.Num(&a.statement_count) || !b.Num(&a.body_bytes) ||
      !b.done())
    return false;
  *out = std::move(a);
  return true;
}

bool DirectSpeaker(std::string_view bytes, Speaker* out) {
  Bytes b(bytes);
  Speaker s;
  uint8_t kind = 0;
  if (!b.Start() || !b.Version(1) || !b.Num(&s.id) || !b.Str(&s.name) || !b.Num(&kind) ||
      !b.Strs(&s.aliases) || !b.Strs(&s.titles) || !b.Strs(&s.affiliations) ||
      !b.Str(&s.wikidata_qid) || !b.Num(&s.statement_count) || !b.done())
    return false;
  s.kind = static_cast<SpeakerKind>(kind);
  *out = std::move(s);
  return true;
}

bool DirectSource(std::string_view bytes, Source* out) {
  Bytes b(bytes);
  Source s;
  if (!b.Start() || !b.Version(1) || !b.Num(&s.id) || !b.Str(&s.name) || !b.Str(&s.domain) ||
      !b.done())
    return false;
  *out = std::move(s);
  return true;
}

bool DirectSpeakerName(std::string_view bytes, std::string* name) {
  Bytes b(bytes);
  return b.Start() && b.Version(1) && b.Skip<uint64_t>() && b.Str(name) && b.Skip<uint8_t>() &&
         b.SkipStrs() && b.SkipStrs() && b.SkipStrs() && b.SkipStr() && b.Skip<uint64_t>() &&
         b.done();
}

bool DirectArticleHead(std::string_view bytes, ArticleHead* h) {
  Bytes b(bytes);
  Hash128 hash;
  bool zone = false;
  return b.Start() && b.Version(1) && b.Hash(&hash) && b.Str(&h->url) && b.Skip<SourceId>() &&
         b.SkipStr() && b.Skip<int64_t>() && b.Skip<int32_t>() && b.Bool(&zone) &&
         b.Skip<int32_t>() && b.Str(&h->title) && b.SkipStrs() && b.Hash(&hash) &&
         b.Version(1) /* Provenance */ && b.Str(&h->file) && b.SkipStr() &&
         b.Skip<decltype(Provenance::offset)>() && b.Skip<decltype(Article::statement_count)>() &&
         b.Skip<decltype(Article::body_bytes)>() && b.done();
}

}  // namespace

bool DecodeSpeakerNameDirect(std::string_view b, std::string* name) {
  return DirectSpeakerName(b, name);
}
bool DecodeArticleHeadDirect(std::string_view b, ArticleHead* head) {
  return DirectArticleHead(b, head);
}

bool DecodeSpeakerName(std::string_view b, std::string* name) {
  if (DirectSpeakerName(b, name)) return true;
  Speaker s;
  if (!Decode(b, &s)) return false;
  *name = std::move(s.name);
  return true;
}

bool DecodeArticleHead(std::string_view b, ArticleHead* head) {
  if (DirectArticleHead(b, head)) return true;
  Article a;
  if (!Decode(b, &a)) return false;
  *head = ArticleHead{std::move(a.url), std::move(a.title), std::move(a.provenance.file)};
  return true;
}

bool DecodeStatementDirect(std::string_view b, Statement* s) { return DirectStatement(b, s); }
bool DecodeArticleDirect(std::string_view b, Article* a) { return DirectArticle(b, a); }
bool DecodeSpeakerDirect(std::string_view b, Speaker* s) { return DirectSpeaker(b, s); }
bool DecodeSourceDirect(std::string_view b, Source* s) { return DirectSource(b, s); }

std::string EncodeArticle(const Article& a) {
  // The text is stored on its own; do not copy it into the metadata value.
  Article meta = a;
  meta.text.clear();
  return Encode(meta);
}
bool DecodeArticle(std::string_view b, Article* a) { return DirectArticle(b, a) || Decode(b, a); }
std::string EncodeStatement(const Statement& s) { return Encode(s); }
bool DecodeStatement(std::string_view b, Statement* s) {
  return DirectStatement(b, s) || Decode(b, s);
}
std::string EncodeSpeaker(const Speaker& s) { return Encode(s); }
bool DecodeSpeaker(std::string_view b, Speaker* s) { return DirectSpeaker(b, s) || Decode(b, s); }
std::string EncodeSource(const Source& s) { return Encode(s); }
bool DecodeSource(std::string_view b, Source* s) { return DirectSource(b, s) || Decode(b, s); }
std::string EncodeCounters(const Counters& c) { return Encode(c); }
bool DecodeCounters(std::string_view b, Counters* c) { return Decode(b, c); }
std::string EncodeClaim(const Claim& c) { return Encode(c); }
bool DecodeClaim(std::string_view b, Claim* c) { return Decode(b, c); }
std::string EncodeIdList(const std::vector<uint64_t>& ids) { return Encode(ids); }
bool DecodeIdList(std::string_view b, std::vector<uint64_t>* ids) { return Decode(b, ids); }

}  // namespace quotedb::schema
