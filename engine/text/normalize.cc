// Normalisation for content hashes, names and the word index. See quotedb/text.h.
#include <utf8proc.h>
#include <xxhash.h>

#include <algorithm>
#include <string>
#include <string_view>
#include <vector>

#include "quotedb/text.h"

namespace quotedb {
namespace {

bool IsAsciiAlnum(unsigned char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

bool IsPunctuationOrSymbol(utf8proc_int32_t cp) {
  switch (utf8proc_category(cp)) {
    case UTF8PROC_CATEGORY_PC: case UTF8PROC_CATEGORY_PD: case UTF8PROC_CATEGORY_PS:
    case UTF8PROC_CATEGORY_PE: case UTF8PROC_CATEGORY_PI: case UTF8PROC_CATEGORY_PF:
    case UTF8PROC_CATEGORY_PO: case UTF8PROC_CATEGORY_SM: case UTF8PROC_CATEGORY_SC:
    case UTF8PROC_CATEGORY_SK: case UTF8PROC_CATEGORY_SO:
      return true;
    default:
      return false;
  }
}

bool IsSpace(utf8proc_int32_t cp) {
  if (cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' || cp == '\f' || cp == '\v') return true;
  auto cat = utf8proc_category(cp);
  return cat == UTF8PROC_CATEGORY_ZS || cat == UTF8PROC_CATEGORY_ZL || cat == UTF8PROC_CATEGORY_ZP;
}

// Runs utf8proc over `text` with `flags`; invalid input bytes are dropped first.
std::string MapUtf8(std::string_view text, int flags) {
  std::string clean;
  const std::string_view* src = &text;
  if (!IsValidUtf8(text)) {
    clean.reserve(text.size());
    const auto* p = reinterpret_cast<const utf8proc_uint8_t*>(text.data());
    utf8proc_ssize_t left = static_cast<utf8proc_ssize_t>(text.size());
    while (left > 0) {
      utf8proc_int32_t cp;
      utf8proc_ssize_t n = utf8proc_iterate(p, left, &cp);
      if (n <= 0) { ++p; --left; continue; }
      clean.append(reinterpret_cast<const char*>(p), static_cast<size_t>(n));
      p += n; left -= n;
    }
    src = nullptr;
  }
  std::string_view in = src ? text : std::string_view(clean);
  utf8proc_uint8_t* out = nullptr;
  utf8proc_ssize_t n = utf8proc_map(reinterpret_cast<const utf8proc_uint8_t*>(in.data()),
                                    static_cast<utf8proc_ssize_t>(in.size()), &out,
                                    static_cast<utf8proc_option_t>(flags));
  std::string result;
  if (n >= 0 && out != nullptr) result.assign(reinterpret_cast<char*>(out), static_cast<size_t>(n));
  free(out);
  return result;
}

// Walks the code points of valid UTF-8 `s`, keeping letters and digits (and those in `keep`),
// turning everything else into single spaces.
std::string CollapseToWords(std::string_view s, std::u32string_view keep) {
  std::string out;
  out.reserve(s.size());
  bool pending_space = false;
  const auto* p = reinterpret_cast<const utf8proc_uint8_t*>(s.data());
  utf8proc_ssize_t left = static_cast<utf8proc_ssize_t>(s.size());
  while (left > 0) {
    utf8proc_int32_t cp;
    utf8proc_ssize_t n = utf8proc_iterate(p, left, &cp);
    if (n <= 0) { ++p; --left; continue; }
    bool kept = keep.find(static_cast<char32_t>(cp)) != std::u32string_view::npos;
    if (!kept && (IsSpace(cp) || IsPunctuationOrSymbol(cp))) {
      pending_space = !out.empty();
    } else if (!kept && (utf8proc_category(cp) == UTF8PROC_CATEGORY_CC ||
                         utf8proc_category(cp) == UTF8PROC_CATEGORY_CF)) {
      // control and format characters vanish
    } else {
      if (pending_space) out.push_back(' ');
      pending_space = false;
      out.append(reinterpret_cast<const char*>(p), static_cast<size_t>(n));
    }
    p += n; left -= n;
  }
  return out;
}

bool AllAscii(std::string_view s) {
  for (unsigned char c : s) if (c >= 0x80) return false;
  return true;
}

bool IsAsciiSpace(unsigned char c) { return c == ' ' || (c >= '\t' && c <= '\r'); }

// Appends the words of ASCII `s` (lowercased letters and digits; any other printable character
// separates words; control characters vanish) to *out, one space before each word unless *out
// is empty.
void AppendAsciiWords(std::string_view s, std::string* out) {
  bool in_word = false;
  for (unsigned char c : s) {
    if (IsAsciiAlnum(c)) {
      if (!in_word && !out->empty()) out->push_back(' ');
      in_word = true;
      out->push_back(static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c));
    } else if ((c >= 0x20 && c != 0x7F) || IsAsciiSpace(c)) {
      in_word = false;  // punctuation or space: a word ends
    }                   // other control characters vanish
  }
}

// CollapseToWords(MapUtf8(text, flags), U""), computed one piece at a time: the pieces are cut
// at ASCII whitespace, which no normalisation composes with a neighbour, and a piece of ASCII
// alone is folded without utf8proc. The result is the same as over the whole text, and most of
// a news text is ASCII pieces: a whole article with one curly quote no longer goes through
// utf8proc's full mapping (and its allocation) byte by byte.
std::string FoldWords(std::string_view text, int flags) {
  std::string out;
  out.reserve(text.size());
  size_t i = 0;
  const size_t n = text.size();
  while (i < n) {
    while (i < n && IsAsciiSpace(static_cast<unsigned char>(text[i]))) ++i;
    size_t j = i;
    bool ascii = true;
    while (j < n && !IsAsciiSpace(static_cast<unsigned char>(text[j]))) {
      ascii = ascii && static_cast<unsigned char>(text[j]) < 0x80;
      ++j;
    }
    if (j == i) break;
    std::string_view piece = text.substr(i, j - i);
    if (ascii) {
      AppendAsciiWords(piece, &out);
    } else {
      std::string words = CollapseToWords(MapUtf8(piece, flags), U"");
      if (!words.empty()) {
        if (!out.empty()) out.push_back(' ');
        out += words;
      }
    }
    i = j;
  }
  return out;
}

constexpr int kHashFlags =
    UTF8PROC_STABLE | UTF8PROC_COMPOSE | UTF8PROC_COMPAT | UTF8PROC_CASEFOLD | UTF8PROC_IGNORE;

}  // namespace

bool IsValidUtf8(std::string_view bytes) {
  const auto* p = reinterpret_cast<const unsigned char*>(bytes.data());
  size_t n = bytes.size(), i = 0;
  while (i < n) {
    unsigned char c = p[i];
    if (c < 0x80) { ++i; continue; }
    size_t len; uint32_t min;
    if ((c & 0xE0) == 0xC0) { len = 2; min = 0x80; }
    else if ((c & 0xF0) == 0xE0) { len = 3; min = 0x800; }
    else if ((c & 0xF8) == 0xF0) { len = 4; min = 0x10000; }
    else return false;
    if (i + len > n) return false;
    uint32_t cp = c & (0xFF >> (len + 1));
    for (size_t k = 1; k < len; ++k) {
      if ((p[i + k] & 0xC0) != 0x80) return false;
      cp = (cp << 6) | (p[i + k] & 0x3F);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return false;
    i += len;
  }
  return true;
}

std::string TranscodeCp1252ToUtf8(std::string_view bytes) {
  // 0x80..0x9F in Windows-1252; 0 marks the five undefined positions (kept as U+FFFD).
  static const char16_t kHigh[32] = {
      0x20AC, 0, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
      0x2039, 0x0152, 0, 0x017D, 0, 0, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013,
      0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0, 0x017E, 0x0178};
  std::string out;
  out.reserve(bytes.size() + bytes.size() / 8);
  for (unsigned char c : bytes) {
    uint32_t cp = c;
    if (c >= 0x80 && c <= 0x9F) cp = kHigh[c - 0x80] ? kHigh[c - 0x80] : 0xFFFD;
    utf8proc_uint8_t buf[4];
    auto n = utf8proc_encode_char(static_cast<utf8proc_int32_t>(cp), buf);
    out.append(reinterpret_cast<char*>(buf), static_cast<size_t>(n));
  }
  return out;
}

std::string NormalizeForHash(std::string_view text) {
  if (AllAscii(text)) {
    // Fast path: NFKC and case folding of ASCII are lowercasing.
    std::string out;
    out.reserve(text.size());
    bool pending_space = false;
    for (unsigned char c : text) {
      if (IsAsciiAlnum(c)) {
        if (pending_space) out.push_back(' ');
        pending_space = false;
        out.push_back(static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c));
      } else if (c >= 0x20 && c != 0x7F) {
        pending_space = !out.empty();  // space or punctuation
      } else if (c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v') {
        pending_space = !out.empty();
      }
    }
    return out;
  }
  // Curly quotes and apostrophes are punctuation, so they vanish like straight ones.
  return FoldWords(text, kHashFlags);
}

Hash128 ContentHash(std::string_view text) {
  std::string norm = NormalizeForHash(text);
  XXH128_hash_t h = XXH3_128bits(norm.data(), norm.size());
  return Hash128{h.high64, h.low64};
}

std::string NormalizeName(std::string_view name) {
  if (AllAscii(name)) {
    // Fast path (most names): NFKC, case folding and mark stripping of ASCII are lowercasing,
    // and there is no curly apostrophe to straighten.
    std::string lower(name);
    for (char& c : lower)
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
    return CollapseToWords(lower, U"-'");
  }
  std::string folded = MapUtf8(name, UTF8PROC_STABLE | UTF8PROC_COMPOSE | UTF8PROC_COMPAT |
                                         UTF8PROC_CASEFOLD | UTF8PROC_IGNORE |
                                         UTF8PROC_STRIPMARK);
  // Curly apostrophes become straight ones before collapsing, so "O’Brien" == "O'Brien".
  std::string straight;
  straight.reserve(folded.size());
  for (size_t i = 0; i < folded.size(); ++i) {
    if (folded.compare(i, 3, "\xE2\x80\x99") == 0) { straight.push_back('\''); i += 2; }
    else straight.push_back(folded[i]);
  }
  return CollapseToWords(straight, U"-'");
}

namespace {

// The words of `norm` (words separated by single spaces).
std::vector<std::string> SplitWords(std::string_view norm) {
  std::vector<std::string> terms;
  terms.reserve(static_cast<size_t>(std::count(norm.begin(), norm.end(), ' ')) + 1);
  size_t start = 0;
  while (start < norm.size()) {
    size_t end = norm.find(' ', start);
    if (end == std::string_view::npos) end = norm.size();
    if (end > start) terms.emplace_back(norm.substr(start, end - start));
    start = end + 1;
  }
  return terms;
}

}  // namespace

std::vector<std::string> IndexTerms(std::string_view text) {
  if (AllAscii(text)) return SplitWords(NormalizeForHash(text));
  return SplitWords(FoldWords(text, kHashFlags | UTF8PROC_STRIPMARK));
}

std::vector<std::string> IndexTerms(std::string_view text, std::string_view normalized) {
  if (AllAscii(text)) return SplitWords(normalized);
  return SplitWords(FoldWords(text, kHashFlags | UTF8PROC_STRIPMARK));
}

}  // namespace quotedb
