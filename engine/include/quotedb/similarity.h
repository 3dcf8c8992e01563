// Word-level similarity and diff of two quotes: how much wording drifted between outlets.
//
//   auto d = quotedb::DiffWords("He said the budget would pass.",
//                               "He said the spending plan would pass.");
//   d.similarity   // 0.71: 1 - 2 word edits / 7 words
//   FormatWordDiff(d)  // "He said the [-budget-] {+spending plan+} would pass."
//
// Words are the text split at white space; two words are equal when NormalizeForHash (case,
// punctuation, quote marks, Unicode forms) makes them equal, so "Budget," equals "budget".
// Tokens that are only punctuation ("–") are ignored. Pure functions: no state, thread-safe.
#ifndef QUOTEDB_SIMILARITY_H_
#define QUOTEDB_SIMILARITY_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace quotedb {

struct WordEdit {
  enum class Op : uint8_t { kEqual, kDelete, kInsert };
  Op op = Op::kEqual;
  std::string text;  // the words as printed, joined by one space (from `a` for kEqual/kDelete)
};

struct WordDiff {
  // Runs of equal, deleted (only in `a`) and inserted (only in `b`) words in text order; a
  // replacement is a kDelete run followed by a kInsert run.
  std::vector<WordEdit> edits;
  size_t words_a = 0;
  size_t words_b = 0;
  size_t distance = 0;      // word-level Levenshtein distance (substitution costs 1)
  double similarity = 0.0;  // 1 - distance / max(words_a, words_b); 1 when both are empty
};

// The word diff of `a` -> `b`. Quadratic in the words that differ once a common prefix and
// suffix are set aside; when that middle exceeds 4 million word pairs it is reported as one
// replacement (distance = the larger side), which only ever understates the similarity.
WordDiff DiffWords(std::string_view a, std::string_view b);

// "[-deleted words-] {+inserted words+}" inline with the equal words (git's --word-diff=plain).
std::string FormatWordDiff(const WordDiff& diff);

}  // namespace quotedb

#endif  // QUOTEDB_SIMILARITY_H_
