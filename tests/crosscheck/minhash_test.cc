// MinHash signatures and LSH bands (engine/analysis/minhash.h).
#include <catch2/catch.hpp>

#include <xxhash.h>

#include <algorithm>
#include <cmath>
#include <random>
#include <string>

#include "analysis/minhash.h"
#include "quotedb/text.h"

using namespace quotedb::analysis;

namespace {

bool ShareBand(const TextSignature& a, const TextSignature& b) {
  for (size_t i = 0; i < a.bands.size() && i < b.bands.size(); ++i)
    if (a.bands[i] == b.bands[i]) return true;
  return false;
}

double ExactShingleJaccard(const char* a, const char* b, size_t k) {
  return Jaccard(ShingleHashes(quotedb::IndexTerms(a), k), ShingleHashes(quotedb::IndexTerms(b), k));
}

}  // namespace

TEST_CASE("MinHash: same words give the same signature whatever the case and punctuation",
          "[crosscheck][minhash]") {
  TextSignature a = SignText("We will not raise taxes on working families.", kQuoteParams);
  TextSignature b = SignText("“we WILL not raise taxes, on working families”", kQuoteParams);
  REQUIRE(a.minhash.size() == kQuoteParams.num_hashes());
  REQUIRE(a.bands.size() == kQuoteParams.bands);
  CHECK(a.minhash == b.minhash);
  CHECK(a.bands == b.bands);
  CHECK(EstimateJaccard(a.minhash, b.minhash) == 1.0);
}

TEST_CASE("MinHash: a few changed words still share a band", "[crosscheck][minhash]") {
  const char* budget = "The budget will protect schools and hospitals from any cuts next year";
  const char* plan = "The spending plan will protect schools and hospitals from any cuts next year";
  TextSignature a = SignText(budget, kQuoteParams);
  TextSignature b = SignText(plan, kQuoteParams);
  CHECK(ShareBand(a, b));
  double exact = ExactShingleJaccard(budget, plan, kQuoteParams.shingle_words);
  CHECK(exact == Approx(9.0 / 14.0));  // 11 and 12 bigrams, 9 of them shared
  // The estimate is within three standard errors of the true Jaccard.
  double se = std::sqrt(exact * (1 - exact) / kQuoteParams.num_hashes());
  CHECK(std::abs(EstimateJaccard(a.minhash, b.minhash) - exact) < 3 * se + 1e-9);
}

TEST_CASE("MinHash: quotes that share only a common phrase are far apart", "[crosscheck][minhash]") {
  const char* a = "At the end of the day, we will do what is right for the city and its people";
  const char* b = "At the end of the day, the league has to look after its players first";
  double exact = ExactShingleJaccard(a, b, kQuoteParams.shingle_words);
  CHECK(exact < 0.25);
  CHECK(EstimateJaccard(SignText(a, kQuoteParams).minhash, SignText(b, kQuoteParams).minhash) <
        0.35);
}

TEST_CASE("MinHash: the S-curve of the band parameters", "[crosscheck][minhash]") {
  // Documented in minhash.h and schema/FORMAT.md.
  CHECK(CandidateProbability(0.2, kQuoteParams) == Approx(0.149).margin(0.005));
  CHECK(CandidateProbability(0.42, kQuoteParams) == Approx(0.785).margin(0.01));
  CHECK(CandidateProbability(0.6, kQuoteParams) > 0.99);
  CHECK(CandidateProbability(0.3, kBodyParams) == Approx(0.122).margin(0.005));
  CHECK(CandidateProbability(0.7, kBodyParams) > 0.98);
}

TEST_CASE("MinHash: short and empty texts", "[crosscheck][minhash]") {
  CHECK(SignText("", kQuoteParams).empty());
  CHECK(SignText("  -- !! ", kQuoteParams).empty());
  TextSignature one = SignText("Yes", kQuoteParams);
  CHECK(one.minhash.size() == kQuoteParams.num_hashes());
  CHECK(ShingleHashes({"a", "b", "c"}, 3).size() == 1);
  CHECK(ShingleHashes({"a", "b"}, 3).size() == 1);  // shorter than k: one shingle
  // Word boundaries count: "ab c" is not "a bc".
  CHECK(ShingleHashes({"ab", "c"}, 2) != ShingleHashes({"a", "bc"}, 2));
}

TEST_CASE("MinHash: Jaccard of sorted sets", "[crosscheck][minhash]") {
  CHECK(Jaccard({1, 2, 3}, {2, 3, 4}) == Approx(0.5));
  CHECK(Jaccard({}, {}) == 0);
  CHECK(Jaccard({1}, {1}) == 1);
}

TEST_CASE("MinHash: signatures round-trip through their encoding", "[crosscheck][minhash]") {
  std::vector<uint32_t> sig = SignText("a quote of several words", kQuoteParams).minhash;
  std::string bytes = EncodeSignature(sig) + "tail";
  std::string_view in(bytes);
  std::vector<uint32_t> back;
  REQUIRE(DecodeSignature(&in, &back));
  CHECK(back == sig);
  CHECK(in == "tail");
  std::string bad = EncodeSignature(sig);
  bad[0] = 9;  // another signature version
  std::string_view bin(bad);
  CHECK_FALSE(DecodeSignature(&bin, &back));
  std::string s = EncodeSignature(sig).substr(0, 10);
  std::string_view sin(s);
  CHECK_FALSE(DecodeSignature(&sin, &back));
}

namespace {

// The signature as first defined: for each slot, the smallest h_i(x) = high 32 bits of
// a_i * x + b_i over the sorted distinct shingles, a_i and b_i from XXH3 of the slot number.
std::vector<uint32_t> ReferenceMinHash(const std::vector<uint64_t>& shingles,
                                       const MinHashParams& params) {
  std::vector<uint32_t> sig;
  if (shingles.empty()) return sig;
  for (size_t i = 0; i < params.num_hashes(); ++i) {
    uint64_t idx = i;
    uint64_t a = XXH3_64bits_withSeed(&idx, sizeof(idx), params.seed) | 1u;
    uint64_t b = XXH3_64bits_withSeed(&idx, sizeof(idx), params.seed ^ 0x9e3779b97f4a7c15ull);
    uint32_t best = UINT32_MAX;
    for (uint64_t x : shingles) best = std::min(best, static_cast<uint32_t>((a * x + b) >> 32));
    sig.push_back(best);
  }
  return sig;
}

}  // namespace

TEST_CASE("MinHash: signatures are those of the reference definition, bit for bit",
          "[crosscheck][minhash]") {
  // What is stored (signatures, bands, syndication) must not change with the implementation
  // (vectorised clones, shingles left unsorted, the distinct-shingle check).
  std::mt19937_64 rng(20261128);
  const MinHashParams other{3, 5, 7, 12345};
  for (int round = 0; round < 300; ++round) {
    std::vector<std::string> words;
    const size_t n = rng() % 120;
    const size_t vocabulary = 1 + rng() % 40;  // small vocabularies repeat shingles
    for (size_t i = 0; i < n; ++i) {
      std::string w = std::to_string(rng() % vocabulary);
      w.push_back('w');
      words.push_back(std::move(w));
    }
    for (const MinHashParams& p : {kQuoteParams, kBodyParams, other}) {
      const std::vector<uint64_t> shingles = ShingleHashes(words, p.shingle_words);
      const std::vector<uint32_t> want = ReferenceMinHash(shingles, p);
      CHECK(MinHash(shingles, p) == want);
      CHECK(SignWords(words, p).minhash == want);
      CHECK(SignWords(words, p).bands == BandHashes(want, p));
      for (size_t min : {size_t{0}, size_t{1}, size_t{16}, shingles.size(), shingles.size() + 1}) {
        const bool enough = shingles.size() >= std::max<size_t>(min, 1);
        CHECK(SignWordsIfDistinct(words, p, min) == (enough ? want : std::vector<uint32_t>{}));
      }
    }
  }
}
