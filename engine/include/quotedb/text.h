// Text utilities shared by readers, extraction and the store.
#ifndef QUOTEDB_TEXT_H_
#define QUOTEDB_TEXT_H_

#include <string>
#include <string_view>
#include <vector>

#include "quotedb/records.h"

namespace quotedb {

// Normalisation for content hashes (schema/FORMAT.md): Unicode NFKC, case fold, curly to
// straight quotes, punctuation removed, white space collapsed to one space and trimmed.
// Invalid UTF-8 bytes are dropped. "“Nothing is off the table now.”" -> "nothing is off the
// table now".
std::string NormalizeForHash(std::string_view text);

// XXH3-128 (seed 0) of NormalizeForHash(text).
Hash128 ContentHash(std::string_view text);

// Key for names and aliases: NFKC, case fold, diacritics stripped, punctuation other than
// hyphens and apostrophes dropped, white space collapsed. "Cha Du-hyeogn" -> "cha du-hyeogn",
// "José" -> "jose".
std::string NormalizeName(std::string_view name);

// Lowercased, diacritic-free words of `text` (letters and digits), for the word index.
std::vector<std::string> IndexTerms(std::string_view text);

// IndexTerms(text), given `normalized` == NormalizeForHash(text): for ASCII text they are the
// words of `normalized`, so the text is not normalised a second time.
std::vector<std::string> IndexTerms(std::string_view text, std::string_view normalized);

// True when `bytes` is well-formed UTF-8.
bool IsValidUtf8(std::string_view bytes);

// Decodes Windows-1252 (a superset of Latin-1 in practice) into UTF-8.
std::string TranscodeCp1252ToUtf8(std::string_view bytes);

}  // namespace quotedb

#endif  // QUOTEDB_TEXT_H_
