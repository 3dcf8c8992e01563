#include <catch2/catch.hpp>

#include <limits>

#include "quotedb/keys.h"

using namespace quotedb;

TEST_CASE("u32 and u64 round trip and sort like numbers", "[schema][keys]") {
  auto a = GENERATE(take(50, random<uint64_t>(0, std::numeric_limits<uint64_t>::max())));
  auto b = GENERATE(take(10, random<uint64_t>(0, std::numeric_limits<uint64_t>::max())));
  std::string ka, kb;
  keys::PutU64(&ka, a);
  keys::PutU64(&kb, b);
  REQUIRE(ka.size() == 8);
  CHECK((a < b) == (ka < kb));
  std::string_view in(ka);
  uint64_t back = 0;
  REQUIRE(keys::GetU64(&in, &back));
  CHECK(back == a);
  CHECK(in.empty());
}

TEST_CASE("dates sort in calendar order, 1969 before 1970, unknown first", "[schema][keys]") {
  auto a = GENERATE(take(40, random<int64_t>(-1000000, 1000000)));
  auto b = GENERATE(as<int64_t>{}, -1, 0, 1, -719162, 20000, kUnknownDate);
  std::string ka, kb;
  keys::PutI64Ordered(&ka, a);
  keys::PutI64Ordered(&kb, b);
  CHECK((a < b) == (ka < kb));
  std::string_view in(ka);
  int64_t back = 0;
  REQUIRE(keys::GetI64Ordered(&in, &back));
  CHECK(back == a);
}

TEST_CASE("the day before the epoch sorts before the epoch", "[schema][keys]") {
  std::string d1969, d1970;
  keys::PutI64Ordered(&d1969, -1);
  keys::PutI64Ordered(&d1970, 0);
  CHECK(d1969 < d1970);
}

TEST_CASE("statement keys round trip and order by article then ordinal", "[schema][keys]") {
  Hash128 a{1, 2}, b{1, 3};
  std::string k1 = keys::StatementKey(a, 7), k2 = keys::StatementKey(a, 300),
              k3 = keys::StatementKey(b, 0);
  CHECK(k1.size() == keys::kStatementKeySize);
  CHECK(k1 < k2);
  CHECK(k2 < k3);
  Hash128 id;
  uint32_t ord = 0;
  REQUIRE(keys::DecodeStatementKey(k2, &id, &ord));
  CHECK(id == a);
  CHECK(ord == 300);
  CHECK_FALSE(keys::DecodeStatementKey("short", &id, &ord));
}

TEST_CASE("index keys put the id first, then the date, then the statement", "[schema][keys]") {
  std::string sk = keys::StatementKey(Hash128{9, 9}, 1);
  std::string early = keys::IdDateIndexKey(42, 100, sk);
  std::string late = keys::IdDateIndexKey(42, 200, sk);
  std::string other = keys::IdDateIndexKey(43, -5, sk);
  CHECK(early < late);
  CHECK(late < other);
  CHECK(keys::StatementKeySuffix(late) == sk);
  CHECK(keys::ContentIndexKey(Hash128{1, 1}, sk).size() == 16 + sk.size());
}

TEST_CASE("prefix successor bounds exactly the keys with the prefix", "[schema][keys]") {
  CHECK(keys::PrefixSuccessor("abc") == "abd");
  CHECK(keys::PrefixSuccessor(std::string("a\xff", 2)) == "b");
  CHECK(keys::PrefixSuccessor(std::string("\xff\xff", 2)).empty());
  std::string p;
  keys::PutU64(&p, 5);
  std::string inside = p + "zzzz", succ = keys::PrefixSuccessor(p);
  CHECK(inside < succ);
}

TEST_CASE("hash ids print and parse as 32 hex digits", "[schema]") {
  Hash128 h{0x0123456789abcdefULL, 0xfedcba9876543210ULL};
  CHECK(h.ToHex() == "0123456789abcdeffedcba9876543210");
  Hash128 back;
  REQUIRE(Hash128::FromHex(h.ToHex(), &back));
  CHECK(back == h);
  CHECK_FALSE(Hash128::FromHex("xyz", &back));
}

namespace {
std::string Skey(char article_byte, uint32_t ordinal) {
  quotedb::ArticleId a{static_cast<uint64_t>(static_cast<unsigned char>(article_byte)) << 56, 7};
  return quotedb::keys::StatementKey(a, ordinal);
}
}  // namespace

TEST_CASE("placed posting lists round trip keys and places, and skip whole groups",
          "[schema][keys]") {
  using namespace quotedb::keys;
  // Two articles: the first with statements 0 and 300 (a two-byte ordinal delta), the second
  // with statement 5; places with large gaps.
  std::vector<std::string> k = {Skey(1, 0), Skey(1, 300), Skey(2, 5)};
  std::vector<std::vector<uint32_t>> places = {{0, 3, 4}, {200000}, {1, 129}};
  std::vector<PlacedPosting> in;
  for (size_t i = 0; i < k.size(); ++i)
    in.push_back({k[i], places[i].data(), static_cast<uint32_t>(places[i].size())});
  std::string v;
  EncodePlacedPostings(in, &v);
  REQUIRE(v.front() == 2);

  std::vector<StatementKeyBytes> ks;
  REQUIRE(DecodePostings(v, &ks));
  REQUIRE(ks.size() == 3);
  for (size_t i = 0; i < 3; ++i) CHECK(std::string(ks[i].data(), ks[i].size()) == k[i]);

  PostingReader r(v);
  CHECK(r.placed());
  std::vector<std::pair<uint32_t, std::vector<uint32_t>>> got;
  std::vector<uint32_t> p;
  uint32_t ordinal = 0;
  while (r.NextGroup()) {
    CHECK(r.article().size() == 16);
    while (r.NextEntry(&ordinal, &p)) got.emplace_back(ordinal, p);
  }
  CHECK(r.ok());
  REQUIRE(got.size() == 3);
  CHECK(got[0] == std::make_pair(0u, places[0]));
  CHECK(got[1] == std::make_pair(300u, places[1]));
  CHECK(got[2] == std::make_pair(5u, places[2]));

  // A group left unread is skipped whole.
  PostingReader skip(v);
  REQUIRE(skip.NextGroup());
  CHECK(skip.count() == 2);
  REQUIRE(skip.NextGroup());
  CHECK(skip.count() == 1);
  REQUIRE(skip.NextEntry(&ordinal, &p));
  CHECK(ordinal == 5);
  CHECK(p == places[2]);
  CHECK_FALSE(skip.NextGroup());
  CHECK(skip.ok());
}

TEST_CASE("posting lists of version 1 read through the same reader, without places",
          "[schema][keys]") {
  using namespace quotedb::keys;
  std::vector<std::string> k = {Skey(1, 2), Skey(1, 9), Skey(3, 0)};
  std::vector<std::string_view> views(k.begin(), k.end());
  std::string v;
  EncodePostings(views, &v);
  PostingReader r(v);
  CHECK_FALSE(r.placed());
  std::vector<uint32_t> ordinals, p = {42};
  uint32_t ordinal = 0;
  // Read only the first entry of the first group: the next group is still found.
  REQUIRE(r.NextGroup());
  REQUIRE(r.NextEntry(&ordinal, &p));
  CHECK(ordinal == 2);
  CHECK(p.empty());
  REQUIRE(r.NextGroup());
  REQUIRE(r.NextEntry(&ordinal, &p));
  CHECK(ordinal == 0);
  CHECK_FALSE(r.NextEntry(&ordinal, &p));
  CHECK_FALSE(r.NextGroup());
  CHECK(r.ok());
}

TEST_CASE("posting lists that do not decode are refused, not read past", "[schema][keys]") {
  using namespace quotedb::keys;
  std::string one = Skey(1, 4);
  uint32_t at[] = {0, 2};
  std::string v;
  EncodePlacedPostings({{one, at, 2}}, &v);
  std::vector<StatementKeyBytes> ks;
  CHECK(DecodePostings(v, &ks));
  // Every cut of a good value, an unknown version byte, and a group length past the end.
  for (size_t n = 2; n < v.size(); ++n) {
    INFO("cut at " << n);
    ks.clear();
    CHECK_FALSE(DecodePostings(v.substr(0, n), &ks));
  }
  std::string bad = v;
  bad[0] = 3;
  CHECK_FALSE(DecodePostings(bad, &ks));
  bad = v;
  bad[1 + 16 + 1] = 120;  // the group's length
  CHECK_FALSE(DecodePostings(bad, &ks));
  // Zero places in an entry.
  bad = v;
  bad[1 + 16 + 2 + 1] = 0;
  CHECK_FALSE(DecodePostings(bad, &ks));
}

TEST_CASE("a posting list whose ordinals or places wrap around is refused", "[schema][keys]") {
  using namespace quotedb::keys;
  // Places 1 and 1 + (2^32 - 1): the second wraps to 0.
  std::string v(1, '\x02');
  v += std::string(16, 'a');
  std::string entry = {'\x00', '\x02', '\x01', '\xff', '\xff', '\xff', '\xff', '\x0f'};
  v += '\x01';
  v += static_cast<char>(entry.size());
  v += entry;
  std::vector<StatementKeyBytes> ks;
  CHECK_FALSE(DecodePostings(v, &ks));
  // The same list with a second place that fits is read.
  std::string fits = {'\x00', '\x02', '\x01', '\x05'};
  std::string w(1, '\x02');
  w += std::string(16, 'a');
  w += '\x01';
  w += static_cast<char>(fits.size());
  w += fits;
  ks.clear();
  CHECK(DecodePostings(w, &ks));
  // Ordinals: 1, then a delta of 2^32 - 1 in a version-1 list.
  std::string o(1, '\x01');
  o += std::string(16, 'b');
  o += '\x02';
  o += std::string{'\x01', '\xff', '\xff', '\xff', '\xff', '\x0f'};
  ks.clear();
  CHECK_FALSE(DecodePostings(o, &ks));
}
