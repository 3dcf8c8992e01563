// Byte-offset tokenizer, quotation-mark pairing and sentence splitting for the extractor.
//
// Everything here works on a string_view of the article and produces flat vectors of small
// structs (one allocation per vector per article), so extraction never allocates per token.
#ifndef QUOTEDB_ENGINE_EXTRACT_TOKENIZER_H_
#define QUOTEDB_ENGINE_EXTRACT_TOKENIZER_H_

#include <cstdint>
#include <string_view>
#include <vector>

namespace quotedb::extract {

enum class TokType : uint8_t {
  kWord,
  kNumber,
  kComma,
  kPeriod,
  kQuestion,
  kExclaim,
  kColon,
  kSemicolon,
  kDash,        // "-" standing alone, "--", en and em dashes
  kParenOpen,   // ( [
  kParenClose,  // ) ]
  kQuoteOpen,   // a double quotation mark that opens (decided by PairQuotes)
  kQuoteClose,  // a double quotation mark that closes
  kQuoteAmbig,  // straight " or '' before pairing
  kSingleQuote, // ‘ ’ ' standing alone (nested quotes, possessives): never a statement mark
  kEllipsis,
  kOther,
};

// Word flags.
inline constexpr uint8_t kCap = 1;        // first letter upper case
inline constexpr uint8_t kAllCaps = 2;    // two or more letters, all upper case
inline constexpr uint8_t kPossessive = 4; // ends in 's / ’s / s’
inline constexpr uint8_t kAbbrevDot = 8;  // carries its own trailing period (Mr. U.S. J.)

struct Token {
  uint32_t begin = 0;
  uint32_t end = 0;
  uint32_t para = 0;  // paragraph index (a paragraph is a line)
  TokType type = TokType::kOther;
  uint8_t flags = 0;
  // For quote marks after pairing: index of the quote (into Quotes), else -1.
  int32_t quote = -1;
};

// Splits `text` into tokens. Paragraphs are separated by line breaks.
std::vector<Token> Tokenize(std::string_view text);

// A quoted stretch: from its opening mark to its closing mark (inclusive), or to the end of
// its paragraph when it never closes (common in the BBC corpus).
struct Quote {
  uint32_t open_tok = 0;   // token of the opening mark
  uint32_t close_tok = 0;  // token of the closing mark, or one past the last inner token
  bool closed = false;
  // True when this quote carries on an unclosed quote of the previous paragraph (or of the
  // previous "paragraph" run together on one line, BBC style).
  bool continues = false;
  uint32_t begin = 0;  // bytes: the opening mark
  uint32_t end = 0;    // bytes: past the closing mark, or past the last inner token
};

// Decides which marks open and which close, and returns the quotes in text order. Rewrites
// kQuoteAmbig tokens to kQuoteOpen/kQuoteClose and sets Token::quote on the marks.
std::vector<Quote> PairQuotes(std::string_view text, std::vector<Token>& toks);

struct Sentence {
  uint32_t tok_begin = 0;
  uint32_t tok_end = 0;  // one past
};

// Sentences that never break inside a quote: a quote of several sentences stays in one unit
// with its attribution, which is what the attribution patterns need.
std::vector<Sentence> SplitSentences(std::string_view text, const std::vector<Token>& toks,
                                     const std::vector<Quote>& quotes);

// The lower-cased ASCII form of a token written into `buf` (size `cap`); empty when it is too
// long. Non-ASCII bytes are copied as they are.
std::string_view LowerInto(std::string_view text, const Token& t, char* buf, size_t cap);

inline std::string_view TokText(std::string_view text, const Token& t) {
  return text.substr(t.begin, t.end - t.begin);
}

}  // namespace quotedb::extract

#endif  // QUOTEDB_ENGINE_EXTRACT_TOKENIZER_H_
