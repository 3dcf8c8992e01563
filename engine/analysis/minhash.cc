// MinHash signatures and LSH bands. See analysis/minhash.h.
#include "analysis/minhash.h"

#include <xxhash.h>

#include <algorithm>
#include <cmath>
#include <limits>

#include "quotedb/text.h"

namespace quotedb::analysis {
namespace {

// Slot i hashes a shingle with h_i(x) = high 32 bits of (a_i * x + b_i) mod 2^64, a_i odd:
// multiply-shift hashing. The shingle hashes x are already XXH3 outputs, so one multiply per
// slot is enough to give independent-looking permutations, and it is ~10x cheaper than one
// XXH3 call per slot (which matters for article bodies of thousands of shingles).
struct SlotHash {
  uint64_t a;
  uint64_t b;
};

SlotHash SlotFor(uint64_t seed, size_t i) {
  uint64_t idx = i;
  uint64_t a = XXH3_64bits_withSeed(&idx, sizeof(idx), seed) | 1u;
  uint64_t b = XXH3_64bits_withSeed(&idx, sizeof(idx), seed ^ 0x9e3779b97f4a7c15ull);
  return {a, b};
}

// The slots' multipliers and offsets, in two arrays (the kernel below reads them as vectors).
struct Slots {
  std::vector<uint64_t> a, b;
  Slots() = default;
  Slots(uint64_t seed, size_t n) : a(n), b(n) {
    for (size_t i = 0; i < n; ++i) {
      SlotHash h = SlotFor(seed, i);
      a[i] = h.a;
      b[i] = h.b;
    }
  }
};

// The store's two parameter sets are computed once; others (tests, lsh_tune) each time.
const Slots& SlotsFor(const MinHashParams& params, Slots* scratch) {
  static const Slots quote(kQuoteParams.seed, kQuoteParams.num_hashes());
  static const Slots body(kBodyParams.seed, kBodyParams.num_hashes());
  const size_t n = params.num_hashes();
  if (params.seed == kQuoteParams.seed && n == kQuoteParams.num_hashes()) return quote;
  if (params.seed == kBodyParams.seed && n == kBodyParams.num_hashes()) return body;
  *scratch = Slots(params.seed, n);
  return *scratch;
}

// sig[i] = min(sig[i], min over xs of h_i(x)). Shingles outside, slots inside: the slots are a
// few contiguous vectors, which the compiler vectorises; 64-bit multiplies in vectors need
// AVX-512 (AVX2 emulates them), hence one clone per instruction set, picked at load time.
// Integer arithmetic: every clone gives the same signature.
__attribute__((target_clones("arch=x86-64-v4", "arch=x86-64-v3", "default")))
void MinInto(const uint64_t* xs, size_t m, const uint64_t* a, const uint64_t* b, uint32_t* sig,
             size_t n) {
  for (size_t j = 0; j < m; ++j) {
    const uint64_t x = xs[j];
    for (size_t i = 0; i < n; ++i) {
      const auto v = static_cast<uint32_t>((a[i] * x + b[i]) >> 32);
      sig[i] = v < sig[i] ? v : sig[i];
    }
  }
}

// The hashed k-word shingles of `words`, in text order, repeats included.
std::vector<uint64_t> RawShingles(const std::vector<std::string>& words, size_t k) {
  std::vector<uint64_t> out;
  if (words.empty() || k == 0) return out;
  std::vector<uint64_t> word_hashes;
  word_hashes.reserve(words.size());
  for (const std::string& w : words) word_hashes.push_back(XXH3_64bits(w.data(), w.size()));
  size_t n = words.size() < k ? 1 : words.size() - k + 1;
  size_t width = std::min(k, words.size());
  out.reserve(n);
  for (size_t i = 0; i < n; ++i) {
    // Hash the word hashes, not the joined text: no allocation, and the word boundaries are
    // part of the input, so "ab c" and "a bc" differ.
    out.push_back(XXH3_64bits(&word_hashes[i], width * sizeof(uint64_t)));
  }
  return out;
}

// Whether `xs` holds at least `want` distinct values; stops as soon as it has seen them.
bool HasDistinct(const std::vector<uint64_t>& xs, size_t want) {
  if (want <= 1) return want == 0 || !xs.empty();
  if (xs.size() < want) return false;
  // Open addressing over at most `want` values, in a table at least four times larger.
  size_t cap = 8;
  while (cap < 4 * want) cap *= 2;
  std::vector<uint64_t> table(cap);
  std::vector<bool> used(cap);
  size_t distinct = 0;
  for (uint64_t x : xs) {
    size_t i = static_cast<size_t>(x * 0x9e3779b97f4a7c15ull >> 32) & (cap - 1);
    while (used[i] && table[i] != x) i = (i + 1) & (cap - 1);
    if (used[i]) continue;
    used[i] = true;
    table[i] = x;
    if (++distinct >= want) return true;
  }
  return false;
}

}  // namespace

std::vector<uint64_t> ShingleHashes(const std::vector<std::string>& words, size_t k) {
  std::vector<uint64_t> out = RawShingles(words, k);
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

std::vector<uint32_t> MinHash(const std::vector<uint64_t>& shingles, const MinHashParams& params) {
  std::vector<uint32_t> sig;
  if (shingles.empty()) return sig;
  const size_t n = params.num_hashes();
  sig.assign(n, std::numeric_limits<uint32_t>::max());
  Slots scratch;
  const Slots& slots = SlotsFor(params, &scratch);
  MinInto(shingles.data(), shingles.size(), slots.a.data(), slots.b.data(), sig.data(), n);
  return sig;
}

std::vector<uint32_t> SignWordsIfDistinct(const std::vector<std::string>& words,
                                          const MinHashParams& params, size_t min_shingles) {
  // A minimum does not depend on the order of the values or on repeats: no sort needed.
  std::vector<uint64_t> shingles = RawShingles(words, params.shingle_words);
  if (!HasDistinct(shingles, std::max<size_t>(min_shingles, 1))) return {};
  return MinHash(shingles, params);
}

std::vector<uint64_t> BandHashes(const std::vector<uint32_t>& signature,
                                 const MinHashParams& params) {
  std::vector<uint64_t> out;
  if (signature.size() != params.num_hashes()) return out;
  out.reserve(params.bands);
  for (size_t b = 0; b < params.bands; ++b) {
    // Seeded by the band number, so equal rows in different bands give different hashes.
    out.push_back(XXH3_64bits_withSeed(&signature[b * params.rows],
                                       params.rows * sizeof(uint32_t), params.seed + b));
  }
  return out;
}

TextSignature SignText(std::string_view text, const MinHashParams& params) {
  return SignWords(IndexTerms(text), params);
}

TextSignature SignWords(const std::vector<std::string>& words, const MinHashParams& params) {
  TextSignature s;
  s.minhash = SignWordsIfDistinct(words, params, 1);
  s.bands = BandHashes(s.minhash, params);
  return s;
}

double EstimateJaccard(const std::vector<uint32_t>& a, const std::vector<uint32_t>& b) {
  if (a.empty() || a.size() != b.size()) return 0;
  size_t same = 0;
  for (size_t i = 0; i < a.size(); ++i) same += a[i] == b[i];
  return static_cast<double>(same) / static_cast<double>(a.size());
}

double Jaccard(const std::vector<uint64_t>& a, const std::vector<uint64_t>& b) {
  if (a.empty() && b.empty()) return 0;
  size_t i = 0, j = 0, common = 0;
  while (i < a.size() && j < b.size()) {
    if (a[i] == b[j]) {
      ++common;
      ++i;
      ++j;
    } else if (a[i] < b[j]) {
      ++i;
    } else {
      ++j;
    }
  }
  return static_cast<double>(common) / static_cast<double>(a.size() + b.size() - common);
}

double CandidateProbability(double j, const MinHashParams& params) {
  return 1.0 - std::pow(1.0 - std::pow(j, static_cast<double>(params.rows)),
                        static_cast<double>(params.bands));
}

std::string EncodeSignature(const std::vector<uint32_t>& signature) {
  std::string out;
  size_t n = std::min<size_t>(signature.size(), 255);
  out.reserve(2 + 4 * n);
  out.push_back(static_cast<char>(kSignatureVersion));
  out.push_back(static_cast<char>(n));
  for (size_t i = 0; i < n; ++i) {
    uint32_t v = signature[i];
    for (int shift = 24; shift >= 0; shift -= 8) out.push_back(static_cast<char>(v >> shift));
  }
  return out;
}

bool DecodeSignature(std::string_view* in, std::vector<uint32_t>* signature) {
  if (in->size() < 2 || static_cast<uint8_t>((*in)[0]) != kSignatureVersion) return false;
  size_t n = static_cast<uint8_t>((*in)[1]);
  if (in->size() < 2 + 4 * n) return false;
  signature->clear();
  signature->reserve(n);
  const auto* p = reinterpret_cast<const unsigned char*>(in->data()) + 2;
  for (size_t i = 0; i < n; ++i, p += 4) {
    signature->push_back((uint32_t{p[0]} << 24) | (uint32_t{p[1]} << 16) |
                         (uint32_t{p[2]} << 8) | uint32_t{p[3]});
  }
  in->remove_prefix(2 + 4 * n);
  return true;
}

}  // namespace quotedb::analysis
