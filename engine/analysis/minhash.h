// Near-duplicate signatures: MinHash over word shingles, banded for locality-sensitive hashing.
//
// A text becomes the set of its k-word shingles (IndexTerms words, so case, punctuation and
// diacritics do not matter); MinHash keeps, for each of `num_hashes` hash functions, the
// smallest hash of any shingle. Two texts agree in one slot with probability equal to the
// Jaccard similarity J of their shingle sets. The slots are cut into `bands` bands of `rows`
// slots; two texts become LSH candidates when ANY band agrees, which happens with probability
//
//   P(J) = 1 - (1 - J^rows)^bands
//
// an S-curve whose steepest point is near (1/bands)^(1/rows). Candidates are then verified with
// a real similarity (quotedb/similarity.h), so the curve only has to keep recall high without
// flooding the verifier. The two parameter sets used by the store, and why, are below.
//
// Pure functions: no state, thread-safe. Changing a parameter changes what is on disk (the
// `lsh`, `signatures`, `body_lsh` and `syndication` families, schema/FORMAT.md): bump
// kSignatureVersion, which is stored with every signature.
#ifndef QUOTEDB_ENGINE_ANALYSIS_MINHASH_H_
#define QUOTEDB_ENGINE_ANALYSIS_MINHASH_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace quotedb::analysis {

// Written as the first byte of every stored signature.
inline constexpr uint8_t kSignatureVersion = 1;

struct MinHashParams {
  size_t shingle_words;  // k: words per shingle; a text shorter than k is one shingle
  size_t bands;
  size_t rows;  // bands * rows = the number of MinHash slots
  uint64_t seed;
  size_t num_hashes() const { return bands * rows; }
};

// Statements (quotes, typically 8-60 words). 2-word shingles, 20 bands of 3 rows (60 slots):
// P(J) is 0.15 at J=0.2, 0.50 at J=0.33, 0.79 at J=0.42, 0.98 at J=0.6. The weak spot of
// MinHash is a short quote with one small edit: "the budget" -> "the spending plan" in a
// 10-word quote leaves bigram J = 7/12 = 0.58 (found with P=0.97) but trigram J = 5/12 = 0.42.
// With 3-word shingles and 16x4 bands that edit is found only 40% of the time; with bigrams and
// 20x3 it is found 97% of the time, at the price of more candidates to verify (measured in
// tools/bench/lsh_tune.cc; see schema/FORMAT.md for the figures).
inline constexpr MinHashParams kQuoteParams{2, 20, 3, 0x71756f7465ull /* "quote" */};

// Article bodies, for syndication (the same wire story in several outlets). 4-word shingles,
// 16 bands of 4 rows: P(J) is 0.12 at J=0.3, 0.64 at J=0.5, 0.99 at J=0.7. A reprint with a
// new first paragraph keeps J well above 0.7 on a body of a few hundred words; two different
// stories on the same topic share few 4-word sequences (J < 0.1), so candidates are rare.
inline constexpr MinHashParams kBodyParams{4, 16, 4, 0x626f6479ull /* "body" */};

// Distinct hashed k-word shingles of `words`, sorted. Empty when `words` is.
std::vector<uint64_t> ShingleHashes(const std::vector<std::string>& words, size_t k);

// The MinHash signature (params.num_hashes() slots) of a shingle set; empty when `shingles` is.
std::vector<uint32_t> MinHash(const std::vector<uint64_t>& shingles, const MinHashParams& params);

// MinHash(ShingleHashes(words, params.shingle_words), params) when `words` have at least
// `min_shingles` distinct shingles, else empty; without sorting the shingles.
std::vector<uint32_t> SignWordsIfDistinct(const std::vector<std::string>& words,
                                          const MinHashParams& params, size_t min_shingles);

// One hash per band of `signature` (params.bands values); empty when `signature` is.
std::vector<uint64_t> BandHashes(const std::vector<uint32_t>& signature,
                                 const MinHashParams& params);

// Signature and band hashes of `text` (words by IndexTerms).
struct TextSignature {
  std::vector<uint32_t> minhash;
  std::vector<uint64_t> bands;
  bool empty() const { return minhash.empty(); }
};
TextSignature SignText(std::string_view text, const MinHashParams& params);
// The same from the text's words already split (IndexTerms(text)).
TextSignature SignWords(const std::vector<std::string>& words, const MinHashParams& params);

// Fraction of slots in which `a` and `b` agree: an unbiased estimate of the Jaccard similarity
// of their shingle sets (standard error sqrt(J(1-J)/slots)). 0 when sizes differ or are 0.
double EstimateJaccard(const std::vector<uint32_t>& a, const std::vector<uint32_t>& b);

// Exact Jaccard similarity of two sorted, distinct sets. 0 when both are empty.
double Jaccard(const std::vector<uint64_t>& a, const std::vector<uint64_t>& b);

// Probability that two texts with shingle Jaccard `j` share at least one band.
double CandidateProbability(double j, const MinHashParams& params);

// Serialised signature: version(u8) | count(u8) | slot(u32 big-endian) * count.
std::string EncodeSignature(const std::vector<uint32_t>& signature);
// Parses EncodeSignature's bytes from the front of *in and advances it; false when malformed or
// of another kSignatureVersion.
bool DecodeSignature(std::string_view* in, std::vector<uint32_t>* signature);

}  // namespace quotedb::analysis

#endif  // QUOTEDB_ENGINE_ANALYSIS_MINHASH_H_
