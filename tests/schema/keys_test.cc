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
