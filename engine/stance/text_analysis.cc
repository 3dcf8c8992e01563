#include "stance/text_analysis.h"

#include <libstemmer.h>

#include <string>
#include <unordered_set>

#include "stance/lexicon.h"

namespace quotedb::stance {
namespace {

constexpr std::string_view kStopWords[] = {
    "a",     "an",    "the",   "and",   "or",    "but",   "of",    "to",    "in",    "on",
    "at",    "by",    "for",   "with",  "from",  "as",    "into",  "onto",  "about", "over",
    "after", "than",  "then",  "that",  "this",  "these", "those", "there", "here",  "it",
    "its",   "is",    "are",   "was",   "were",  "be",    "been",  "being", "am",    "do",
    "does",  "did",   "has",   "have",  "had",   "having", "he",   "she",   "they",  "them",
    "his",   "her",   "their", "we",    "our",   "you",   "your",  "i",     "me",    "my",
    "him",   "us",    "which", "who",   "whom",  "what",  "when",  "where", "why",   "how",
    "so",    "such",  "very",  "just",  "also",  "too",   "up",    "out",   "off",   "all",
    "any",   "some",  "more",  "most",  "other", "own",   "same",  "s",     "t",     "will",
    "can",   "would", "should", "could", "may",  "might", "must",  "shall", "get",   "got",
    "one",   "new",   "says",  "said",  "say",   "via",   "while", "during", "before", "again",
    "if",    "because", "until", "both", "each", "few",   "only",  "once",  "further", "re",
    "ve",    "ll",    "d",     "m",     "o",
};

bool IsStopWord(std::string_view w) {
  static const auto* const kSet = [] {
    auto* set = new std::unordered_set<std::string_view>();
    for (std::string_view s : kStopWords) set->insert(s);
    return set;
  }();
  return kSet->count(w) > 0;
}

bool IsAsciiAlnum(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

// Length of a UTF-8 punctuation sequence at `i` that separates words (curly quotes, dashes,
// ellipsis, no-break space), else 0.
size_t Utf8Separator(std::string_view t, size_t i) {
  auto b = [&](size_t k) { return i + k < t.size() ? static_cast<unsigned char>(t[i + k]) : 0; };
  if (b(0) == 0xE2 && b(1) == 0x80) return 3;   // U+2000..U+203F: spaces, dashes, quotes
  if (b(0) == 0xC2 && (b(1) == 0xA0 || b(1) == 0xAB || b(1) == 0xBB)) return 2;  // nbsp « »
  return 0;
}

bool IsRightSingleQuote(std::string_view t, size_t i) {
  return i + 2 < t.size() && static_cast<unsigned char>(t[i]) == 0xE2 &&
         static_cast<unsigned char>(t[i + 1]) == 0x80 &&
         static_cast<unsigned char>(t[i + 2]) == 0x99;
}

bool IsDoubleQuote(std::string_view t, size_t i) {
  if (t[i] == '"') return true;
  return i + 2 < t.size() && static_cast<unsigned char>(t[i]) == 0xE2 &&
         static_cast<unsigned char>(t[i + 1]) == 0x80 &&
         (static_cast<unsigned char>(t[i + 2]) == 0x9C ||
          static_cast<unsigned char>(t[i + 2]) == 0x9D);
}

}  // namespace

uint64_t HashString(std::string_view s, uint64_t seed) {
  uint64_t h = seed;
  for (unsigned char c : s) {
    h ^= c;
    h *= 0x100000001b3ULL;
  }
  return h;
}

Stemmer::Stemmer() : stemmer_(sb_stemmer_new("english", "UTF_8")) {}

Stemmer::~Stemmer() { sb_stemmer_delete(stemmer_); }

const std::string& Stemmer::Stem(const std::string& word) {
  auto it = cache_.find(word);
  if (it != cache_.end()) return it->second;
  std::string stem = word;
  if (stemmer_ != nullptr) {
    const sb_symbol* s = sb_stemmer_stem(stemmer_, reinterpret_cast<const sb_symbol*>(word.data()),
                                         static_cast<int>(word.size()));
    if (s != nullptr) stem.assign(reinterpret_cast<const char*>(s), sb_stemmer_length(stemmer_));
  }
  // A text of unbounded vocabulary must not grow the cache without limit.
  if (cache_.size() > 500000) cache_.clear();
  return cache_.emplace(word, std::move(stem)).first->second;
}

AnalyzedText Analyze(std::string_view text, Stemmer& stemmer) {
  AnalyzedText out;
  uint32_t sentence = 0;
  bool sentence_has_words = false;
  bool saw_lower = false, saw_upper = false;
  auto push = [&](std::string word, bool number) {
    Token tok;
    tok.word = std::move(word);
    tok.number = number;
    tok.stem = number ? tok.word : stemmer.Stem(tok.word);
    tok.id = HashString(tok.stem);
    tok.sentence = sentence;
    tok.stop = !number && IsStopWord(tok.word);
    tok.cues = CuesOf(tok.word);
    out.tokens.push_back(std::move(tok));
    sentence_has_words = true;
  };

  size_t i = 0;
  const size_t n = text.size();
  while (i < n) {
    unsigned char c = static_cast<unsigned char>(text[i]);
    if (IsDoubleQuote(text, i)) ++out.quote_marks;
    if (c == '?' || c == '!' || c == '.' || c == '\n') {
      if (c == '?') ++out.question_marks;
      // A full stop between digits ("3.5") or after a single letter ("U.S.") does not end a
      // sentence; anything else followed by space or the end does.
      bool ends = c != '.' || i + 1 >= n || text[i + 1] == ' ' || text[i + 1] == '\n' ||
                  text[i + 1] == '"';
      if (c == '.' && ends && i >= 2 && IsAsciiAlnum(text[i - 1]) && !IsAsciiAlnum(text[i - 2]))
        ends = false;
      if (ends && sentence_has_words) {
        ++sentence;
        sentence_has_words = false;
      }
      ++i;
      continue;
    }
    bool word_byte = IsAsciiAlnum(c) || (c >= 0x80 && Utf8Separator(text, i) == 0);
    if (!word_byte) {
      i += c >= 0x80 ? Utf8Separator(text, i) : 1;
      continue;
    }
    // A word: letters, digits, non-ASCII letters; numbers may hold ',' or '.' between digits.
    bool number = c >= '0' && c <= '9';
    std::string word;
    while (i < n) {
      unsigned char d = static_cast<unsigned char>(text[i]);
      if (IsAsciiAlnum(d)) {
        if (d >= 'A' && d <= 'Z') {
          saw_upper = true;
          d = static_cast<unsigned char>(d - 'A' + 'a');
        } else if (d >= 'a' && d <= 'z') {
          saw_lower = true;
        }
        word.push_back(static_cast<char>(d));
        ++i;
      } else if (d >= 0x80 && Utf8Separator(text, i) == 0) {
        word.push_back(static_cast<char>(d));
        ++i;
      } else if (number && (d == ',' || d == '.') && i + 1 < n && text[i + 1] >= '0' &&
                 text[i + 1] <= '9') {
        if (d == '.') word.push_back('.');
        ++i;
      } else {
        break;
      }
    }
    // Contractions: "didn't" -> "did" "not"; "it's" -> "it"; "o'clock" passes as two words.
    size_t apos = 0;
    if (i < n && text[i] == '\'') apos = 1;
    if (IsRightSingleQuote(text, i)) apos = 3;
    if (apos > 0 && i + apos < n && IsAsciiAlnum(text[i + apos])) {
      size_t j = i + apos;
      std::string suffix;
      while (j < n && IsAsciiAlnum(text[j])) {
        char d = text[j];
        if (d >= 'A' && d <= 'Z') d = static_cast<char>(d - 'A' + 'a');
        suffix.push_back(d);
        ++j;
      }
      if (suffix == "t" && word.size() > 1 && word.back() == 'n') {
        word.pop_back();
        if (word == "ca") word = "can";
        if (word == "wo") word = "will";
        push(std::move(word), false);
        push("not", false);
        i = j;
        continue;
      }
      if (suffix == "s" || suffix == "ll" || suffix == "re" || suffix == "ve" || suffix == "d" ||
          suffix == "m") {
        push(std::move(word), number);
        i = j;
        continue;
      }
    }
    push(std::move(word), number);
  }
  out.sentences = sentence + (sentence_has_words ? 1 : 0);
  out.all_caps = saw_upper && !saw_lower;
  return out;
}

}  // namespace quotedb::stance
