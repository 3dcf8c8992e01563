// Tokenizer, quote pairing and sentence splitting keep byte offsets and quote structure.
#include <catch2/catch.hpp>
#include <string>

#include "extract/tokenizer.h"

using quotedb::extract::PairQuotes;
using quotedb::extract::SplitSentences;
using quotedb::extract::Tokenize;
using quotedb::extract::TokText;
using quotedb::extract::TokType;

TEST_CASE("tokens carry byte offsets through multi-byte text", "[extract]") {
  std::string t = "Russia’s “pact” – Mr. Cha Du-hyeogn said U.S. aid rose 1,402.";
  auto toks = Tokenize(t);
  REQUIRE(toks.size() >= 10);
  CHECK(TokText(t, toks[0]) == "Russia’s");
  CHECK(toks[1].type == TokType::kQuoteOpen);
  CHECK(TokText(t, toks[2]) == "pact");
  CHECK(toks[3].type == TokType::kQuoteClose);
  CHECK(toks[4].type == TokType::kDash);
  CHECK(TokText(t, toks[5]) == "Mr.");
  CHECK(TokText(t, toks[7]) == "Du-hyeogn");
  CHECK(TokText(t, toks[9]) == "U.S.");
  CHECK(TokText(t, toks[12]) == "1,402");
  for (const auto& tok : toks) CHECK(tok.end <= t.size());
}

TEST_CASE("straight quotes pair by context; a doubled opening mark is one", "[extract]") {
  std::string t = "““In case of war,” it says. He said \"no\" twice.";
  auto toks = Tokenize(t);
  auto quotes = PairQuotes(t, toks);
  REQUIRE(quotes.size() == 2);
  CHECK(quotes[0].closed);
  CHECK(t.substr(quotes[0].begin, quotes[0].end - quotes[0].begin) == "““In case of war,”");  // both marks: the span starts at the first
  CHECK(t.substr(quotes[1].begin, quotes[1].end - quotes[1].begin) == "\"no\"");
}

TEST_CASE("an unclosed quote ends at its paragraph and the next one continues it",
          "[extract]") {
  std::string t = "\"First part.\n\"Second part,\" she said.\n";
  auto toks = Tokenize(t);
  auto quotes = PairQuotes(t, toks);
  REQUIRE(quotes.size() == 2);
  CHECK_FALSE(quotes[0].closed);
  CHECK(quotes[1].continues);
  CHECK(quotes[1].closed);
}

TEST_CASE("sentences do not break inside quotes or after abbreviations", "[extract]") {
  std::string t = "“One. Two,” Mr. Smith said. Then Dr. Jones left.";
  auto toks = Tokenize(t);
  auto quotes = PairQuotes(t, toks);
  auto sents = SplitSentences(t, toks, quotes);
  REQUIRE(sents.size() == 2);
  CHECK(TokText(t, toks[sents[1].tok_begin]) == "Then");
}
