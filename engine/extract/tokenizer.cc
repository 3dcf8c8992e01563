#include "extract/tokenizer.h"

#include <algorithm>
#include <array>

namespace quotedb::extract {
namespace {

bool IsAsciiAlpha(unsigned char c) { return (c | 0x20) >= 'a' && (c | 0x20) <= 'z'; }
bool IsDigit(unsigned char c) { return c >= '0' && c <= '9'; }
bool IsUpper(unsigned char c) { return c >= 'A' && c <= 'Z'; }

// Classifies the UTF-8 sequence at `i`. Returns its length and sets `kind`:
// 'w' word byte(s), 's' space, 'O' open double quote, 'C' close double quote, 'q' single
// quote/apostrophe (’ ‘), 'd' dash, 'e' ellipsis, 'o' other punctuation.
size_t Classify(std::string_view t, size_t i, char* kind) {
  unsigned char c = t[i];
  if (c < 0x80) {
    if (IsAsciiAlpha(c) || IsDigit(c)) {
      *kind = 'w';
    } else if (c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v') {
      *kind = 's';
    } else {
      *kind = 'o';
    }
    return 1;
  }
  auto b = [&](size_t k) -> unsigned char { return i + k < t.size() ? t[i + k] : 0; };
  if (c == 0xC2) {
    unsigned char d = b(1);
    if (d == 0xA0 || d == 0xAD) {  // no-break space, soft hyphen
      *kind = 's';
    } else if (d == 0xAB) {
      *kind = 'O';
    } else if (d == 0xBB) {
      *kind = 'C';
    } else if (d >= 0xA1 && d <= 0xBF) {
      *kind = 'o';
    } else {
      *kind = 'w';
    }
    return 2;
  }
  if (c == 0xE2 && b(1) == 0x80) {
    unsigned char d = b(2);
    if (d <= 0x8F || d == 0xA8 || d == 0xA9 || d == 0xAF) {
      *kind = 's';
    } else if (d == 0x9C || d == 0x9E || d == 0x9F) {
      *kind = 'O';
    } else if (d == 0x9D) {
      *kind = 'C';
    } else if (d == 0x98 || d == 0x99 || d == 0x9A || d == 0x9B) {
      *kind = 'q';
    } else if (d >= 0x90 && d <= 0x95) {
      *kind = 'd';
    } else if (d == 0xA6) {
      *kind = 'e';
    } else {
      *kind = 'o';
    }
    return 3;
  }
  if (c == 0xE3 && b(1) == 0x80 && b(2) == 0x80) {  // ideographic space
    *kind = 's';
    return 3;
  }
  size_t n = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
  *kind = 'w';
  return std::min(n, t.size() - i);
}

// Abbreviations whose trailing period does not end a sentence.
bool IsAbbreviation(std::string_view w) {
  static constexpr std::array<std::string_view, 58> kAbbr = {
      "mr",   "mrs",  "ms",   "dr",   "sen",  "rep",  "gov",  "gen",  "lt",   "col",
      "sgt",  "capt", "st",   "jr",   "sr",   "prof", "rev",  "inc",  "corp", "co",
      "ltd",  "vs",   "jan",  "feb",  "mar",  "apr",  "aug",  "sept", "sep",  "oct",
      "nov",  "dec",  "no",   "mt",   "ft",   "pres", "adm",  "maj",  "cmdr", "supt",
      "det",  "insp", "hon",  "messrs", "mssrs", "esq", "cpl", "pvt", "fr",  "atty",
      "sens", "reps", "govs", "dept", "univ", "assn", "bros", "mme"};
  if (w.size() > 6) return false;
  char buf[8];
  for (size_t i = 0; i < w.size(); ++i) buf[i] = static_cast<char>(w[i] | 0x20);
  std::string_view l(buf, w.size());
  for (std::string_view a : kAbbr)
    if (a == l) return true;
  return false;
}

}  // namespace

std::string_view LowerInto(std::string_view text, const Token& t, char* buf, size_t cap) {
  size_t n = t.end - t.begin;
  if (n >= cap) return {};
  for (size_t i = 0; i < n; ++i) {
    unsigned char c = text[t.begin + i];
    buf[i] = static_cast<char>(IsUpper(c) ? c | 0x20 : c);
  }
  return std::string_view(buf, n);
}

std::vector<Token> Tokenize(std::string_view text) {
  std::vector<Token> out;
  out.reserve(text.size() / 5 + 16);
  uint32_t para = 0;
  bool any_in_para = false;
  size_t i = 0;
  const size_t n = text.size();
  auto push = [&](size_t b, size_t e, TokType type, uint8_t flags = 0) {
    Token t;
    t.begin = static_cast<uint32_t>(b);
    t.end = static_cast<uint32_t>(e);
    t.para = para;
    t.type = type;
    t.flags = flags;
    out.push_back(t);
    any_in_para = true;
  };
  auto kind_at = [&](size_t k) -> char {
    if (k >= n) return 's';
    char kd;
    Classify(text, k, &kd);
    return kd;
  };
  while (i < n) {
    char kind;
    size_t len = Classify(text, i, &kind);
    unsigned char c = text[i];
    if (kind == 's') {
      if (c == '\n' && any_in_para) {
        ++para;
        any_in_para = false;
      }
      i += len;
      continue;
    }
    if (kind == 'w') {
      size_t b = i;
      bool number = IsDigit(c);
      bool has_inner_dot = false;
      size_t letters = 0;
      size_t upper = 0;
      size_t j = i;
      uint8_t flags = 0;
      while (j < n) {
        unsigned char cj = text[j];
        if (cj < 0x80 && (IsAsciiAlpha(cj) || IsDigit(cj))) {  // fast path
          if (IsAsciiAlpha(cj)) {
            ++letters;
            if (IsUpper(cj)) ++upper;
          }
          ++j;
          continue;
        }
        char k;
        size_t l = Classify(text, j, &k);
        if (k == 'w') {
          if (IsAsciiAlpha(cj)) {
            ++letters;
            if (IsUpper(cj)) ++upper;
          } else if (cj >= 0x80) {
            ++letters;
          }
          j += l;
          continue;
        }
        // Apostrophes and hyphens inside words; periods and commas inside numbers and
        // dotted abbreviations.
        bool next_w = kind_at(j + l) == 'w';
        if ((cj == '\'' || k == 'q') && next_w && j > b) {
          j += l;
          continue;
        }
        if ((cj == '\'' || (k == 'q' && text[j + 2] == '\x99')) && j > b &&
            (text[j - 1] == 's' || text[j - 1] == 'S')) {
          // "Sanders’ campaign": a possessive, unless it closes a single-quoted phrase.
          size_t after = j + l;
          if (after < n && text[after] == ' ' && after + 1 < n &&
              (IsAsciiAlpha(text[after + 1]) && !IsUpper(text[after + 1]))) {
            flags |= kPossessive;
            j += l;
          }
          break;
        }
        if (cj == '-' && next_w && j > b) {
          j += l;
          continue;
        }
        if ((cj == '.' || cj == ',' || cj == ':') && number && j + 1 < n &&
            IsDigit(text[j + 1])) {
          j += 1;
          continue;
        }
        if (cj == '.' && !number && j + 1 < n && IsAsciiAlpha(text[j + 1]) && j - b <= 3 &&
            (j + 2 >= n || text[j + 2] == '.' || !IsAsciiAlpha(text[j + 2]))) {
          has_inner_dot = true;  // U.S.  D.C.  p.m.
          j += 1;
          continue;
        }
        break;
      }
      std::string_view w = text.substr(b, j - b);
      if (j < n && text[j] == '.' && !number) {
        bool initial = letters == 1 && IsUpper(c);
        if (has_inner_dot || initial || IsAbbreviation(w)) {
          ++j;
          flags |= kAbbrevDot;
        }
      }
      if (IsUpper(c)) flags |= kCap;
      if (upper >= 2 && upper == letters) flags |= kAllCaps;
      if (w.size() > 2 && (w.ends_with("'s") || w.ends_with("\xE2\x80\x99s")))
        flags |= kPossessive;
      push(b, j, number ? TokType::kNumber : TokType::kWord, flags);
      i = j;
      continue;
    }
    switch (kind) {
      case 'O':
        push(i, i + len, TokType::kQuoteOpen);
        i += len;
        continue;
      case 'C':
        push(i, i + len, TokType::kQuoteClose);
        i += len;
        continue;
      case 'q':
        push(i, i + len, TokType::kSingleQuote);
        i += len;
        continue;
      case 'd':
        push(i, i + len, TokType::kDash);
        i += len;
        continue;
      case 'e':
        push(i, i + len, TokType::kEllipsis);
        i += len;
        continue;
      default:
        break;
    }
    switch (c) {
      case '"':
        push(i, i + 1, TokType::kQuoteAmbig);
        ++i;
        break;
      case '\'':
        if (i + 1 < n && text[i + 1] == '\'') {
          push(i, i + 2, TokType::kQuoteAmbig);
          i += 2;
        } else {
          push(i, i + 1, TokType::kSingleQuote);
          ++i;
        }
        break;
      case '`':
        if (i + 1 < n && text[i + 1] == '`') {
          push(i, i + 2, TokType::kQuoteOpen);
          i += 2;
        } else {
          push(i, i + 1, TokType::kSingleQuote);
          ++i;
        }
        break;
      case ',':
        push(i, i + 1, TokType::kComma);
        ++i;
        break;
      case '.':
        if (i + 2 < n && text[i + 1] == '.' && text[i + 2] == '.') {
          push(i, i + 3, TokType::kEllipsis);
          i += 3;
        } else {
          push(i, i + 1, TokType::kPeriod);
          ++i;
        }
        break;
      case '?':
        push(i, i + 1, TokType::kQuestion);
        ++i;
        break;
      case '!':
        push(i, i + 1, TokType::kExclaim);
        ++i;
        break;
      case ':':
        push(i, i + 1, TokType::kColon);
        ++i;
        break;
      case ';':
        push(i, i + 1, TokType::kSemicolon);
        ++i;
        break;
      case '-': {
        size_t j = i;
        while (j < n && text[j] == '-') ++j;
        push(i, j, TokType::kDash);
        i = j;
        break;
      }
      case '(':
      case '[':
        push(i, i + 1, TokType::kParenOpen);
        ++i;
        break;
      case ')':
      case ']':
        push(i, i + 1, TokType::kParenClose);
        ++i;
        break;
      default:
        push(i, i + len, TokType::kOther);
        i += len;
        break;
    }
  }
  return out;
}

namespace {

bool SpaceBefore(std::string_view text, const std::vector<Token>& toks, size_t k) {
  const Token& t = toks[k];
  if (k == 0 || toks[k - 1].para != t.para) return true;
  const Token& p = toks[k - 1];
  if (p.end < t.begin) return true;  // white space between
  return p.type == TokType::kParenOpen || p.type == TokType::kDash ||
         p.type == TokType::kColon;
  (void)text;
}

bool SpaceAfter(std::string_view text, const std::vector<Token>& toks, size_t k) {
  const Token& t = toks[k];
  if (k + 1 >= toks.size() || toks[k + 1].para != t.para) return true;
  const Token& nx = toks[k + 1];
  if (t.end < nx.begin) return true;
  switch (nx.type) {
    case TokType::kComma:
    case TokType::kPeriod:
    case TokType::kQuestion:
    case TokType::kExclaim:
    case TokType::kColon:
    case TokType::kSemicolon:
    case TokType::kParenClose:
    case TokType::kDash:
    case TokType::kEllipsis:
    case TokType::kSingleQuote:
      return true;
    default:
      return false;
  }
  (void)text;
}

bool IsSentenceEnd(TokType t) {
  return t == TokType::kPeriod || t == TokType::kQuestion || t == TokType::kExclaim ||
         t == TokType::kEllipsis;
}

}  // namespace

std::vector<Quote> PairQuotes(std::string_view text, std::vector<Token>& toks) {
  std::vector<Quote> quotes;
  int open = -1;                // index into quotes of the open quote
  int nested = 0;               // curly quotes opened inside the open quote ('“... “hell” ...”')
  size_t words_since_open = 0;  // to spot doubled opening marks (““)
  bool prev_para_unclosed = false;
  auto close_unclosed = [&](size_t upto_tok) {
    Quote& q = quotes[open];
    q.closed = false;
    q.close_tok = static_cast<uint32_t>(upto_tok);
    q.end = upto_tok > q.open_tok + 1 ? toks[upto_tok - 1].end : toks[q.open_tok].end;
    open = -1;
  };
  auto start = [&](size_t k, bool continues) {
    Quote q;
    q.open_tok = static_cast<uint32_t>(k);
    q.begin = toks[k].begin;
    q.continues = continues;
    quotes.push_back(q);
    open = static_cast<int>(quotes.size()) - 1;
    words_since_open = 0;
    toks[k].type = TokType::kQuoteOpen;
  };
  auto finish = [&](size_t k) {
    Quote& q = quotes[open];
    q.closed = true;
    q.close_tok = static_cast<uint32_t>(k);
    q.end = toks[k].end;
    toks[k].type = TokType::kQuoteClose;
    open = -1;
  };
  for (size_t k = 0; k < toks.size(); ++k) {
    Token& t = toks[k];
    bool para_start = k == 0 || toks[k - 1].para != t.para;
    if (para_start) {
      prev_para_unclosed = false;
      nested = 0;
      if (open >= 0) {
        close_unclosed(k);
        prev_para_unclosed = true;
      }
    }
    bool sb = SpaceBefore(text, toks, k);
    bool sa = SpaceAfter(text, toks, k);
    bool after_sentence_end = k > 0 && !para_start && IsSentenceEnd(toks[k - 1].type);
    switch (t.type) {
      case TokType::kQuoteOpen:
        if (open < 0) {
          start(k, para_start && prev_para_unclosed);
        } else if (words_since_open == 0) {
          t.type = TokType::kOther;  // a doubled opening mark: ““In case
        } else if (sa && !sb) {
          finish(k);  // an opening mark typed where a closing one belongs
        } else if (!after_sentence_end) {
          ++nested;  // a quote inside the quote
          t.type = TokType::kOther;
        } else {
          close_unclosed(k);
          start(k, after_sentence_end);
        }
        break;
      case TokType::kQuoteClose:
        if (open >= 0 && nested > 0) {
          --nested;
          t.type = TokType::kOther;
        } else if (open >= 0) {
          finish(k);
        } else if (sb && !sa) {
          start(k, para_start && prev_para_unclosed);  // a closing mark typed as an opener
        } else {
          t.type = TokType::kOther;
        }
        break;
      case TokType::kQuoteAmbig:
        if (open < 0) {
          if (!sa || sb) {
            start(k, para_start && prev_para_unclosed);
          } else {
            t.type = TokType::kOther;
          }
        } else if (sb && !sa && after_sentence_end) {
          // BBC style: paragraphs of one quote run together, each reopening with a mark.
          close_unclosed(k);
          start(k, true);
        } else if (words_since_open == 0 && sb && !sa) {
          t.type = TokType::kOther;
        } else {
          finish(k);
        }
        break;
      case TokType::kWord:
      case TokType::kNumber:
        ++words_since_open;
        break;
      default:
        break;
    }
  }
  if (open >= 0) close_unclosed(toks.size());
  // Mark every token inside a quote with its index.
  for (size_t qi = 0; qi < quotes.size(); ++qi) {
    const Quote& q = quotes[qi];
    size_t last = q.closed ? q.close_tok + 1 : q.close_tok;
    for (size_t k = q.open_tok; k < last && k < toks.size(); ++k)
      toks[k].quote = static_cast<int32_t>(qi);
  }
  return quotes;
}

std::vector<Sentence> SplitSentences(std::string_view text, const std::vector<Token>& toks,
                                     const std::vector<Quote>& quotes) {
  std::vector<Sentence> out;
  out.reserve(toks.size() / 12 + 4);
  uint32_t start = 0;
  auto starts_sentence = [&](size_t k) {
    if (k >= toks.size()) return true;
    const Token& t = toks[k];
    if (t.type == TokType::kWord) return (t.flags & kCap) != 0;
    return t.type == TokType::kQuoteOpen || t.type == TokType::kNumber ||
           t.type == TokType::kParenOpen || t.type == TokType::kQuoteAmbig ||
           t.type == TokType::kDash || t.type == TokType::kSingleQuote;
  };
  for (size_t k = 0; k < toks.size(); ++k) {
    const Token& t = toks[k];
    bool last_in_para = k + 1 >= toks.size() || toks[k + 1].para != t.para;
    bool brk = last_in_para;
    if (!brk) {
      const Token& nx = toks[k + 1];
      if (IsSentenceEnd(t.type) && t.quote < 0 && nx.quote < 0) {
        brk = starts_sentence(k + 1);
      } else if (IsSentenceEnd(t.type) && t.quote < 0 && nx.type == TokType::kQuoteOpen) {
        brk = true;
      } else if (t.type == TokType::kQuoteClose && k > 0 && IsSentenceEnd(toks[k - 1].type)) {
        brk = starts_sentence(k + 1) && toks[k + 1].type != TokType::kQuoteClose &&
              toks[k + 1].type != TokType::kDash;  // '“...” ― Name' stays together
        // '“Go.” He left.' breaks; '“Go?” he asked.' does not (lower case follows).
      } else if (nx.type == TokType::kQuoteOpen && nx.quote >= 0 &&
                 quotes[nx.quote].continues && IsSentenceEnd(t.type)) {
        brk = true;  // an unclosed quote followed by its continuation on the same line
      } else if (IsSentenceEnd(t.type) && t.quote >= 0 && nx.quote < 0) {
        // the end of an unclosed quote
        brk = starts_sentence(k + 1);
      }
    }
    if (brk) {
      out.push_back({start, static_cast<uint32_t>(k + 1)});
      start = static_cast<uint32_t>(k + 1);
    }
  }
  (void)text;
  return out;
}

}  // namespace quotedb::extract
