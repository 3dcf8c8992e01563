#include <catch2/catch.hpp>

#include <random>
#include <string>

#include "quotedb/text.h"

using namespace quotedb;

TEST_CASE("normalisation folds case, quotes, punctuation and space", "[text]") {
  CHECK(NormalizeForHash("\u201cNothing is off the table now.\u201d") == "nothing is off the table now");
  CHECK(NormalizeForHash("  Nothing   is OFF\tthe table, now!! ") == "nothing is off the table now");
  CHECK(NormalizeForHash("\"straight\" and \u2018curly\u2019") == "straight and curly");
  CHECK(NormalizeForHash("") == "");
  CHECK(NormalizeForHash("...") == "");
}

TEST_CASE("normalisation applies NFKC and full case folding", "[text]") {
  // U+FB01 LATIN SMALL LIGATURE FI decomposes under NFKC; German sharp s folds to "ss".
  CHECK(NormalizeForHash("\uFB01nal Stra\u00DFe") == "final strasse");
  // Composed and decomposed e-acute give the same text.
  CHECK(NormalizeForHash("caf\u00E9") == NormalizeForHash("cafe\u0301"));
}

TEST_CASE("content hashes agree exactly when normalised texts agree", "[text]") {
  CHECK(ContentHash("\u201cIt comes from Kim.\u201d") == ContentHash("it comes from kim"));
  CHECK_FALSE(ContentHash("it comes from kim") == ContentHash("it comes from putin"));
  CHECK_FALSE(ContentHash("a").IsZero());
}

TEST_CASE("invalid UTF-8 bytes are dropped, not crashed on", "[text]") {
  std::string bad = "abc\xff\xfe def";
  CHECK_FALSE(IsValidUtf8(bad));
  CHECK(NormalizeForHash("\u00e9" + bad) == "\u00e9abc def");
}

TEST_CASE("name keys fold case and diacritics and keep hyphens", "[text]") {
  CHECK(NormalizeName("Cha Du-hyeogn") == "cha du-hyeogn");
  CHECK(NormalizeName("Jos\u00e9  Ramos-Horta") == "jose ramos-horta");
  CHECK(NormalizeName("O\u2019Brien") == "o'brien");
}

TEST_CASE("UTF-8 validation", "[text]") {
  CHECK(IsValidUtf8("plain"));
  CHECK(IsValidUtf8("\u00e9\u4e2d\U0001F600"));
  CHECK_FALSE(IsValidUtf8("\xC0\xAF"));          // overlong
  CHECK_FALSE(IsValidUtf8("\xED\xA0\x80"));      // surrogate
  CHECK_FALSE(IsValidUtf8("\xE2\x82"));          // truncated
}

TEST_CASE("Windows-1252 transcoding", "[text]") {
  CHECK(TranscodeCp1252ToUtf8("caf\xe9") == "caf\u00e9");
  CHECK(TranscodeCp1252ToUtf8("\x93quoted\x94") == "\u201cquoted\u201d");
  CHECK(TranscodeCp1252ToUtf8("\x80") == "\u20ac");
  CHECK(IsValidUtf8(TranscodeCp1252ToUtf8(std::string("\x81\x8d\x8f\x90\x9d\xff", 6))));
}

TEST_CASE("index terms are folded words", "[text]") {
  auto t = IndexTerms("The \u201cBrazen\u201d nullification, of Caf\u00e9s!");
  REQUIRE(t.size() == 5);
  CHECK(t[0] == "the");
  CHECK(t[1] == "brazen");
  CHECK(t[4] == "cafes");
}

// NormalizeForHash and IndexTerms fold a text one whitespace-separated piece at a time (ASCII
// pieces without utf8proc). These texts mix ASCII with what composes, decomposes, vanishes or
// is invalid; the expected values are what folding the whole text at once gives.
TEST_CASE("piecewise folding equals folding the whole text", "[text]") {
  using quotedb::IndexTerms;
  using quotedb::NormalizeForHash;
  using V = std::vector<std::string>;
  const std::string quote =
      "The minister said: \xE2\x80\x9CWe will NOT raise taxes\xE2\x80\x9D, twice.";
  CHECK(NormalizeForHash(quote) == "the minister said we will not raise taxes twice");
  CHECK(IndexTerms(quote) == V{"the", "minister", "said", "we", "will", "not", "raise", "taxes",
                               "twice"});
  // A combining acute composes with the letter before it; "<" + U+0338 composes into a symbol.
  const std::string cafe = "Caf\x65\xCC\x81 de Flore <\xCC\xB8 x";
  CHECK(NormalizeForHash(cafe) == "caf\xC3\xA9 de flore x");
  CHECK(IndexTerms(cafe) == V{"cafe", "de", "flore", "x"});
  // A combining mark after a space stays a word of its own (it has nothing to compose with).
  const std::string lone = "a \xCC\x81 b\tC\xC3\x89SAR";
  CHECK(NormalizeForHash(lone) == "a \xCC\x81 b c\xC3\xA9sar");
  CHECK(IndexTerms(lone) == V{"a", "b", "cesar"});
  // Compatibility forms, a no-break space, sharp s, and an invalid byte.
  const std::string compat = "\xEF\xAC\x81nance \xE2\x91\xB4 \xC2\xA0 Stra\xC3\x9F" "e \xC3 bad";
  CHECK(NormalizeForHash(compat) == "finance 1 strasse bad");
  // Control characters and a zero-width space vanish without splitting a word.
  const std::string controls = "x\x01y \x1C z \xE2\x80\x8B w";
  CHECK(NormalizeForHash(controls) == "xy z w");
  CHECK(IndexTerms(controls) == V{"xy", "z", "w"});
}

TEST_CASE("NormalizeName: an ASCII name folds as it would through utf8proc", "[text]") {
  // ASCII names take a fast path; the same name with a non-ASCII word after it goes through
  // utf8proc, and the two must agree (" \u00e9" adds the word "e").
  auto slow = [](const std::string& s) {
    std::string n = quotedb::NormalizeName(s + " \u00e9");
    REQUIRE(n.size() >= 1);
    n.resize(n.size() - 1);
    if (!n.empty() && n.back() == ' ') n.pop_back();
    return n;
  };
  std::mt19937 rng(11);
  for (int a = 0; a < 128; ++a) {
    for (int b = 0; b < 128; b += 3) {
      std::string s{static_cast<char>(a), static_cast<char>(b), 'X'};
      CHECK(quotedb::NormalizeName(s) == slow(s));
    }
  }
  for (int i = 0; i < 20000; ++i) {
    std::string s;
    for (int k = static_cast<int>(rng() % 24); k > 0; --k) s.push_back(static_cast<char>(rng() % 128));
    CHECK(quotedb::NormalizeName(s) == slow(s));
  }
  CHECK(quotedb::NormalizeName("Dr. Jean-Luc  O'BRIEN\t") == "dr jean-luc o'brien");
}

TEST_CASE("IndexTerms given the hash normalisation gives the same words", "[text]") {
  using quotedb::IndexTerms;
  using quotedb::NormalizeForHash;
  const char* texts[] = {
      "The minister said: \xE2\x80\x9CWe will NOT raise taxes\xE2\x80\x9D, twice.",
      "Caf\x65\xCC\x81 de Flore <\xCC\xB8 x",
      "plain ASCII, with punctuation -- and  double  spaces\tand tabs",
      "x\x01y \x1C z \xE2\x80\x8B w",
      "",
      "   ",
      "an extraordinarily-long-hyphenated-word and antidisestablishmentarianism",
  };
  for (const char* t : texts) {
    INFO(t);
    CHECK(IndexTerms(t, NormalizeForHash(t)) == IndexTerms(t));
  }
  // Diacritics: the word index strips them, the hash normalisation keeps them.
  CHECK(IndexTerms("Jos\xC3\xA9", NormalizeForHash("Jos\xC3\xA9")) == std::vector<std::string>{"jose"});
}
