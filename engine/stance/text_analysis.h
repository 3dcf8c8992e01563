// Text analysis for stance: words, stems, sentences and cue classes of a claim or a text.
//
// Words are runs of ASCII letters and digits and of non-ASCII UTF-8 letters, lowercased
// (ASCII only; other scripts pass through). "didn't" becomes "did" + "not"; possessive "'s"
// is dropped; numbers keep their digits with thousands separators removed ("19,000" ->
// "19000"). Stems come from libstemmer's English (Porter 2) stemmer.
#ifndef QUOTEDB_ENGINE_STANCE_TEXT_ANALYSIS_H_
#define QUOTEDB_ENGINE_STANCE_TEXT_ANALYSIS_H_

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

struct sb_stemmer;

namespace quotedb::stance {

// Wraps one libstemmer English stemmer and remembers the stems it has produced. Not safe for
// concurrent use: each thread needs its own.
class Stemmer {
 public:
  Stemmer();
  ~Stemmer();
  Stemmer(const Stemmer&) = delete;
  Stemmer& operator=(const Stemmer&) = delete;

  // False when libstemmer could not create the English stemmer (out of memory).
  bool ok() const { return stemmer_ != nullptr; }

  // The stem of a lowercased word. The reference stays valid for the Stemmer's life.
  const std::string& Stem(const std::string& word);

 private:
  sb_stemmer* stemmer_;
  std::unordered_map<std::string, std::string> cache_;
};

// Cue classes of a word, as bits (see lexicon.h).
using CueMask = uint16_t;

struct Token {
  std::string word;   // lowercased surface form
  std::string stem;   // Porter 2 stem of `word`
  uint64_t id = 0;    // hash of `stem`, the key used by every feature
  uint32_t sentence = 0;
  bool stop = false;    // function word
  bool number = false;  // starts with a digit
  CueMask cues = 0;
};

struct AnalyzedText {
  std::vector<Token> tokens;
  uint32_t sentences = 0;   // number of sentences (at least 1 when there are tokens)
  int question_marks = 0;
  int quote_marks = 0;      // straight and curly double quotes
  bool all_caps = false;    // no lowercase ASCII letter at all (headline style)
};

// 64-bit FNV-1a: stable across builds and platforms, so model files keep their meaning.
uint64_t HashString(std::string_view s, uint64_t seed = 0xcbf29ce484222325ULL);

// Splits `text` into tokens and sentences, stems each word and marks its cue classes.
AnalyzedText Analyze(std::string_view text, Stemmer& stemmer);

}  // namespace quotedb::stance

#endif  // QUOTEDB_ENGINE_STANCE_TEXT_ANALYSIS_H_
