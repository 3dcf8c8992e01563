#include "quotedb/keys.h"

#include <xxhash.h>

#include <cstdint>
#include <cstring>

namespace quotedb::keys {

void PutU32(std::string* dst, uint32_t v) {
  char b[4] = {static_cast<char>(v >> 24), static_cast<char>(v >> 16), static_cast<char>(v >> 8),
               static_cast<char>(v)};
  dst->append(b, 4);
}

void PutU64(std::string* dst, uint64_t v) {
  char b[8];
  for (int i = 7; i >= 0; --i) {
    b[i] = static_cast<char>(v & 0xFF);
    v >>= 8;
  }
  dst->append(b, 8);
}

void PutI64Ordered(std::string* dst, int64_t v) {
  PutU64(dst, static_cast<uint64_t>(v) ^ (uint64_t{1} << 63));
}

void PutHash128(std::string* dst, const Hash128& h) {
  PutU64(dst, h.hi);
  PutU64(dst, h.lo);
}

bool GetU32(std::string_view* in, uint32_t* v) {
  if (in->size() < 4) return false;
  const auto* p = reinterpret_cast<const unsigned char*>(in->data());
  *v = (uint32_t{p[0]} << 24) | (uint32_t{p[1]} << 16) | (uint32_t{p[2]} << 8) | uint32_t{p[3]};
  in->remove_prefix(4);
  return true;
}

bool GetU64(std::string_view* in, uint64_t* v) {
  if (in->size() < 8) return false;
  const auto* p = reinterpret_cast<const unsigned char*>(in->data());
  uint64_t r = 0;
  for (int i = 0; i < 8; ++i) r = (r << 8) | p[i];
  *v = r;
  in->remove_prefix(8);
  return true;
}

bool GetI64Ordered(std::string_view* in, int64_t* v) {
  uint64_t u;
  if (!GetU64(in, &u)) return false;
  *v = static_cast<int64_t>(u ^ (uint64_t{1} << 63));
  return true;
}

bool GetHash128(std::string_view* in, Hash128* h) {
  return GetU64(in, &h->hi) && GetU64(in, &h->lo);
}

std::string ArticleKey(const ArticleId& id) {
  std::string k;
  PutHash128(&k, id);
  return k;
}

std::string StatementKey(const ArticleId& id, uint32_t ordinal) {
  std::string k;
  k.reserve(kStatementKeySize);
  PutHash128(&k, id);
  PutU32(&k, ordinal);
  return k;
}

bool DecodeStatementKey(std::string_view key, ArticleId* id, uint32_t* ordinal) {
  if (key.size() != kStatementKeySize) return false;
  return GetHash128(&key, id) && GetU32(&key, ordinal);
}

std::string IdKey(uint64_t id) {
  std::string k;
  PutU64(&k, id);
  return k;
}

std::string IdDateIndexKey(uint64_t id, int64_t date_days, std::string_view statement_key) {
  std::string k;
  k.reserve(16 + statement_key.size());
  PutU64(&k, id);
  PutI64Ordered(&k, date_days);
  k.append(statement_key);
  return k;
}

std::string DateIndexKey(int64_t date_days, std::string_view statement_key) {
  std::string k;
  PutI64Ordered(&k, date_days);
  k.append(statement_key);
  return k;
}

std::string ContentIndexKey(const Hash128& hash, std::string_view statement_key) {
  std::string k;
  PutHash128(&k, hash);
  k.append(statement_key);
  return k;
}

std::string TermIndexKey(uint64_t term_hash, std::string_view statement_key) {
  std::string k;
  PutU64(&k, term_hash);
  k.append(statement_key);
  return k;
}

std::string TermChunkKey(uint64_t term_hash, uint64_t chunk) {
  std::string k;
  k.reserve(kTermChunkKeySize);
  PutU64(&k, term_hash);
  PutU64(&k, chunk);
  return k;
}

namespace {
void PutVarint(std::string* dst, uint32_t v) {
  while (v >= 0x80) {
    dst->push_back(static_cast<char>((v & 0x7f) | 0x80));
    v >>= 7;
  }
  dst->push_back(static_cast<char>(v));
}
}  // namespace

void EncodePostings(const std::vector<std::string_view>& keys, std::string* out) {
  out->push_back(1);  // version
  size_t i = 0;
  while (i < keys.size()) {
    std::string_view article = keys[i].substr(0, 16);
    size_t j = i;
    while (j < keys.size() && keys[j].substr(0, 16) == article) ++j;
    out->append(article);
    PutVarint(out, static_cast<uint32_t>(j - i));
    uint32_t prev = 0;
    for (size_t k = i; k < j; ++k) {
      std::string_view in = keys[k].substr(16);
      uint32_t ordinal = 0;
      GetU32(&in, &ordinal);
      PutVarint(out, ordinal - prev);
      prev = ordinal;
    }
    i = j;
  }
}

void EncodePlacedPostings(const std::vector<PlacedPosting>& postings, std::string* out) {
  out->push_back(2);  // version
  std::string entries;
  size_t i = 0;
  while (i < postings.size()) {
    std::string_view article = postings[i].statement_key.substr(0, 16);
    size_t j = i;
    while (j < postings.size() && postings[j].statement_key.substr(0, 16) == article) ++j;
    entries.clear();
    uint32_t prev = 0;
    for (size_t k = i; k < j; ++k) {
      std::string_view in = postings[k].statement_key.substr(16);
      uint32_t ordinal = 0;
      GetU32(&in, &ordinal);
      PutVarint(&entries, ordinal - prev);
      prev = ordinal;
      PutVarint(&entries, postings[k].count);
      uint32_t last = 0;
      for (uint32_t p = 0; p < postings[k].count; ++p) {
        PutVarint(&entries, postings[k].places[p] - last);
        last = postings[k].places[p];
      }
    }
    out->append(article);
    PutVarint(out, static_cast<uint32_t>(j - i));
    PutVarint(out, static_cast<uint32_t>(entries.size()));
    out->append(entries);
    i = j;
  }
}

PostingReader::PostingReader(std::string_view value) : in_(value) {
  if (in_.empty() || (in_.front() != 1 && in_.front() != 2)) {
    ok_ = false;
    return;
  }
  version_ = static_cast<uint8_t>(in_.front());
  in_.remove_prefix(1);
}

bool DecodePostings(std::string_view in, std::vector<StatementKeyBytes>* out) {
  PostingReader r(in);
  uint32_t ordinal = 0;
  while (r.NextGroup()) {
    while (r.NextEntry(&ordinal, nullptr)) {
      StatementKeyBytes& key = out->emplace_back();
      std::memcpy(key.data(), r.article().data(), 16);
      for (int b = 0; b < 4; ++b) key[16 + b] = static_cast<char>(ordinal >> (24 - 8 * b));
    }
  }
  return r.ok();
}

std::string PropIndexKey(uint64_t proposition_key, uint8_t polarity,
                         std::string_view statement_key) {
  std::string k;
  PutU64(&k, proposition_key);
  k.push_back(static_cast<char>(polarity));
  k.append(statement_key);
  return k;
}

std::string BodyIndexKey(const Hash128& body_hash, const ArticleId& id) {
  std::string k;
  PutHash128(&k, body_hash);
  PutHash128(&k, id);
  return k;
}

std::string_view StatementKeySuffix(std::string_view index_key) {
  if (index_key.size() < kStatementKeySize) return {};
  return index_key.substr(index_key.size() - kStatementKeySize);
}

std::string PrefixSuccessor(std::string_view prefix) {
  std::string s(prefix);
  while (!s.empty()) {
    auto c = static_cast<unsigned char>(s.back());
    if (c != 0xFF) {
      s.back() = static_cast<char>(c + 1);
      return s;
    }
    s.pop_back();
  }
  return s;
}

uint64_t TermHash(std::string_view term) { return XXH3_64bits(term.data(), term.size()); }

}  // namespace quotedb::keys
