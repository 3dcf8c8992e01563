// PrepareArticle (engine/store/prepare.cc) normalises an article's body once and derives from
// it the body hash, the identity of an article without a URL and the body's words: each must
// be what the plain definitions give.
#include <xxhash.h>

#include <catch2/catch.hpp>
#include <string>

#include "analysis/minhash.h"
#include "quotedb/db.h"
#include "quotedb/text.h"

using namespace quotedb;

namespace {

Hash128 Xxh128(const std::string& s) {
  XXH128_hash_t h = XXH3_128bits(s.data(), s.size());
  return Hash128{h.high64, h.low64};
}

}  // namespace

TEST_CASE("PrepareArticle: body hash, identity and signature as defined", "[store][prepare]") {
  std::string long_body;
  for (int i = 0; i < 60; ++i) long_body += "Word" + std::to_string(i % 37) + " and, more; ";
  const char* texts[] = {
      "A title\nThe body, as \"printed\".",
      "A title.\n  ...the body... ",
      "***\nOnly the body counts here.",            // the title normalises to nothing
      "A title\n--- !!! ---",                        // so does the body
      "\n",
      "No line break at all",
      "Caf\xC3\xA9 title\nThe body",                 // not ASCII in the title
      "Title\nCaf\xC3\xA9 \xE2\x80\x9C" "body\xE2\x80\x9D",  // nor in the body
      "Title\r\nBody\x01with\tcontrol\x7F characters",
  };
  std::vector<std::string> all(std::begin(texts), std::end(texts));
  all.push_back("Long story\n" + long_body);
  all.push_back("Caf\xC3\xA9\n" + long_body);
  for (const std::string& text : all) {
    INFO(text);
    Article a;
    a.text = text;
    a.provenance.file = "/some/dir/file.txt";
    a.provenance.offset = 42;
    PreparedArticle p = PrepareArticle(a, {});
    size_t nl = text.find('\n');
    std::string body = nl == std::string::npos ? std::string() : text.substr(nl + 1);
    CHECK(p.article.body_hash == ContentHash(body));
    std::string ident = NormalizeForHash(text);
    ident.push_back('\0');
    ident += "file.txt#42";
    CHECK(p.article.id == Xxh128(ident));
    CHECK(p.body_signature ==
          analysis::SignWordsIfDistinct(IndexTerms(body), analysis::kBodyParams, 16));
  }
  // The long bodies are long enough to be signed.
  Article signed_article;
  signed_article.text = "T\n" + long_body;
  CHECK(!PrepareArticle(signed_article, {}).body_signature.empty());
}
