// The common words of the word-pair index (keys.h, IsCommonTerm; FORMAT.md, "Word pairs").
#include <xxhash.h>

#include <array>
#include <cstring>
#include <string>

#include "quotedb/keys.h"

namespace quotedb::keys {
namespace {

// Snowball's English stop list, as IndexTerms splits it: lowercase, and a contraction's pieces
// as separate words ("don't" -> "don", "t"; "we'll" -> "we", "ll"); with the modal verbs it
// leaves out. Changing it changes the format (keys.h).
constexpr std::string_view kWords[] = {
    // pronouns and determiners
    "i", "me", "my", "myself", "we", "our", "ours", "ourselves", "you", "your", "yours",
    "yourself", "yourselves", "he", "him", "his", "himself", "she", "her", "hers", "herself",
    "it", "its", "itself", "they", "them", "their", "theirs", "themselves", "what", "which",
    "who", "whom", "this", "that", "these", "those",
    // auxiliary and modal verbs
    "am", "is", "are", "was", "were", "be", "been", "being", "have", "has", "had", "having",
    "do", "does", "did", "doing", "would", "should", "could", "ought", "will", "shall", "can",
    "cannot", "may", "might", "must",
    // articles, conjunctions, prepositions, adverbs
    "a", "an", "the", "and", "but", "if", "or", "because", "as", "until", "while", "of", "at",
    "by", "for", "with", "about", "against", "between", "into", "through", "during", "before",
    "after", "above", "below", "to", "from", "up", "down", "in", "out", "on", "off", "over",
    "under", "again", "further", "then", "once", "here", "there", "when", "where", "why",
    "how", "all", "any", "both", "each", "few", "more", "most", "other", "some", "such", "no",
    "nor", "not", "only", "own", "same", "so", "than", "too", "very", "just", "now",
    // pieces of contractions
    "s", "t", "d", "ll", "m", "re", "ve", "don", "didn", "doesn", "isn", "aren", "wasn",
    "weren", "hasn", "haven", "hadn", "won", "wouldn", "shouldn", "couldn", "mustn", "shan",
    "let",
};

constexpr size_t kSlots = 512;  // a power of two, over twice the words

// An open-addressed set of the words' hashes (0 marks an empty slot; no word hashes to 0).
struct HashSet {
  std::array<uint64_t, kSlots> slot{};
  HashSet() {
    for (std::string_view w : kWords) {
      const uint64_t h = TermHash(w);
      size_t i = h & (kSlots - 1);
      while (slot[i] != 0 && slot[i] != h) i = (i + 1) & (kSlots - 1);
      slot[i] = h;
    }
  }
  bool Has(uint64_t h) const {
    for (size_t i = h & (kSlots - 1);; i = (i + 1) & (kSlots - 1)) {
      if (slot[i] == h) return h != 0;
      if (slot[i] == 0) return false;
    }
  }
};

const HashSet& Set() {
  static const HashSet set;
  return set;
}

}  // namespace

std::span<const std::string_view> CommonWords() { return kWords; }

bool IsCommonTerm(uint64_t term_hash) { return Set().Has(term_hash); }

uint64_t PairTermHash(std::string_view first, std::string_view second) {
  char buf[64];
  const size_t n = first.size() + 1 + second.size();
  if (n > sizeof buf) return TermHash(std::string(first) + ' ' + std::string(second));
  std::memcpy(buf, first.data(), first.size());
  buf[first.size()] = ' ';
  std::memcpy(buf + first.size() + 1, second.data(), second.size());
  return XXH3_64bits(buf, n);
}

}  // namespace quotedb::keys
