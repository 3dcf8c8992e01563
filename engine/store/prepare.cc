// PrepareArticle: the part of an import that depends on the article alone. The importer runs it
// on its extraction workers, so the single writer (DBImpl::ImportPrepared, write.cc) spends its
// time on what needs the database. Grammar of what it fills in: schema/FORMAT.md.
#include <xxhash.h>

#include <filesystem>

#include "analysis/minhash.h"
#include "quotedb/db.h"
#include "quotedb/text.h"

namespace quotedb {
namespace {

// A body needs this many distinct 4-word shingles (about 20 words) to join a syndication
// group: shorter texts ("Reuters", a photo caption) are too generic to say two articles are
// one story (near_dup.cc).
constexpr size_t kMinBodyShingles = 16;

bool AllAscii(std::string_view s) {
  for (unsigned char c : s)
    if (c >= 0x80) return false;
  return true;
}

// NormalizeForHash(text), given `norm_body` == NormalizeForHash of the text after its first
// line break (nl). For ASCII text the normal form of "title\nbody" is the title's and the
// body's joined by one space (the break is white space; either may normalise to nothing), so
// the body, the bulk of the text, is not normalised a second time.
std::string NormalizeText(std::string_view text, size_t nl, const std::string& norm_body) {
  if (nl == std::string_view::npos || !AllAscii(text)) return NormalizeForHash(text);
  std::string norm = NormalizeForHash(text.substr(0, nl));
  if (!norm.empty() && !norm_body.empty()) norm.push_back(' ');
  norm += norm_body;
  return norm;
}

}  // namespace

PreparedArticle PrepareArticle(Article a, const std::vector<ExtractedQuote>& quotes) {
  PreparedArticle p;
  std::string_view text(a.text);
  size_t nl = text.find('\n');
  std::string_view body = nl == std::string_view::npos ? std::string_view() : text.substr(nl + 1);
  // The body normalised once: its content hash, the article's identity and its words.
  const std::string norm_body = NormalizeForHash(body);
  if (a.body_hash.IsZero()) {
    XXH128_hash_t h = XXH3_128bits(norm_body.data(), norm_body.size());
    a.body_hash = Hash128{h.high64, h.low64};
  }
  if (a.id.IsZero()) {
    if (!a.url.empty()) {
      XXH128_hash_t h = XXH3_128bits(a.url.data(), a.url.size());
      a.id = Hash128{h.high64, h.low64};
    } else {
      // Without a URL an article is its text as read from one file: the same text in two
      // files (a reprint) is two articles, each with its provenance, grouped as syndicated
      // copies; the same file read again is the same article. The file name, not its path,
      // takes part, so moving a folder does not make its articles new.
      std::string ident = NormalizeText(text, nl, norm_body);
      if (!a.provenance.file.empty()) {
        ident.push_back('\0');
        ident += std::filesystem::path(a.provenance.file).filename().string();
        ident.push_back('#');
        ident += std::to_string(a.provenance.offset);
      }
      XXH128_hash_t h = XXH3_128bits(ident.data(), ident.size());
      a.id = Hash128{h.high64, h.low64};
    }
  }
  if (!a.source_name.empty() && a.source_id == 0) {
    std::string norm = NormalizeName(a.source_name);
    a.source_id = XXH3_64bits(norm.data(), norm.size());
    if (a.source_id == 0) a.source_id = 1;
  }
  a.body_bytes = a.text.size();

  p.content_hashes.reserve(quotes.size());
  for (const ExtractedQuote& q : quotes) p.content_hashes.push_back(ContentHash(q.text));
  p.body_signature = analysis::SignWordsIfDistinct(IndexTerms(body, norm_body),
                                                   analysis::kBodyParams, kMinBodyShingles);
  p.article = std::move(a);
  return p;
}

}  // namespace quotedb
