// Word pairs (keys.h, FORMAT.md "Word pairs"): who-said in a database with pairs answers
// exactly as in one without them and as a scan of every statement does, for phrases of common
// words, of other words and of both; verify checks the pairs; a database keeps what it was
// created with.
#include <catch2/catch.hpp>

#include <random>
#include <set>
#include <string>
#include <vector>

#include "quotedb/db.h"
#include "quotedb/keys.h"
#include "quotedb/text.h"
#include "store/open_or_die.h"
#include "test_util.h"

using namespace quotedb;
using quotedb::testing::MakeArticle;
using quotedb::testing::OpenOrDie;
using quotedb::testing::Quote;
using quotedb::testing::TempDir;

TEST_CASE("Word pairs: the common words and the pair hash", "[store][word_pairs]") {
  for (std::string_view w : keys::CommonWords()) {
    INFO(w);
    CHECK(keys::IsCommonTerm(keys::TermHash(w)));
    CHECK(IndexTerms(w) == std::vector<std::string>{std::string(w)});  // as IndexTerms gives it
  }
  for (const char* w : {"minister", "said", "tax", "north", "thee", ""})
    CHECK_FALSE(keys::IsCommonTerm(keys::TermHash(w)));
  CHECK(keys::PairTermHash("that", "a") == keys::TermHash("that a"));
  const std::string longer(70, 'x');
  CHECK(keys::PairTermHash(longer, "of") == keys::TermHash(longer + " of"));
}

namespace {

// Statements of random words, common ones (whose pairs are indexed) mixed with a few others,
// so that phrases of every kind have hits, often several per statement.
std::vector<std::string> MakeTexts(size_t n, uint32_t seed) {
  const std::vector<std::string> common = {"that", "a", "the", "of", "it", "is", "to", "be",
                                           "in", "and", "not", "s", "t", "don", "he", "was"};
  const std::vector<std::string> other = {"minister", "tax", "river", "said", "rise", "arms"};
  std::mt19937 rng(seed);
  std::vector<std::string> texts;
  for (size_t i = 0; i < n; ++i) {
    const size_t words = 3 + rng() % 14;
    std::string t;
    for (size_t w = 0; w < words; ++w) {
      const std::string& word =
          rng() % 4 == 0 ? other[rng() % other.size()] : common[rng() % common.size()];
      if (!t.empty()) t += rng() % 7 == 0 ? ", " : " ";
      std::string cased = word;
      if (rng() % 5 == 0) cased[0] = static_cast<char>(cased[0] - 32);  // capitalised
      t += cased;
    }
    texts.push_back(t + " " + std::to_string(i));  // every text distinct
  }
  return texts;
}

// Three statements an article; articles numbered from `first`.
void ImportAll(DB* db, const std::vector<std::string>& texts, size_t first = 0) {
  for (size_t i = 0; i < texts.size(); i += 3) {
    std::vector<ExtractedQuote> quotes;
    std::string body;
    for (size_t j = i; j < std::min(texts.size(), i + 3); ++j) {
      quotes.push_back(Quote(texts[j], "Speaker " + std::to_string(j % 5)));
      body += "\"" + texts[j] + ",\" a speaker said.\n";
    }
    const size_t n = first + i;
    auto r = db->ImportArticle(MakeArticle("Story " + std::to_string(n), body, "example.org",
                                           19000 + static_cast<int64_t>(n),
                                           "https://example.org/" + std::to_string(n)),
                               quotes);
    INFO(r.status().ToString());
    REQUIRE(r.ok());
  }
  REQUIRE(db->Sync().ok());
}

// The statements holding `phrase`'s words in a row, by a scan of every statement.
std::set<std::string> Scan(DB* db, const std::string& phrase) {
  const std::vector<std::string> want = IndexTerms(phrase);
  std::set<std::string> out;
  REQUIRE(db->ForEachStatement([&](const StatementHit& h) {
                const std::vector<std::string> words = IndexTerms(h.statement.text);
                for (size_t s = 0; s + want.size() <= words.size(); ++s)
                  if (std::equal(want.begin(), want.end(), words.begin() + static_cast<long>(s))) {
                    out.insert(h.statement.article_id.ToHex() + ":" +
                               std::to_string(h.statement.ordinal));
                    break;
                  }
                return true;
              }).ok());
  return out;
}

std::set<std::string> Found(DB* db, const std::string& phrase) {
  auto r = db->WhoSaid(phrase, 100000);
  INFO(phrase << ": " << r.status().ToString());
  REQUIRE(r.ok());
  std::set<std::string> out;
  for (const StatementHit& h : *r)
    out.insert(h.statement.article_id.ToHex() + ":" + std::to_string(h.statement.ordinal));
  return out;
}

}  // namespace

TEST_CASE("Word pairs: who-said finds what a scan finds, with pairs or without",
          "[store][word_pairs]") {
  TempDir with_dir, without_dir;
  const std::vector<std::string> texts = MakeTexts(240, 7);
  auto with = OpenOrDie(with_dir.str());
  Options no_pairs;
  no_pairs.index_word_pairs = false;
  auto without = OpenOrDie(without_dir.str(), no_pairs);
  ImportAll(with.get(), texts);
  ImportAll(without.get(), texts);

  // Phrases: pieces of the stored texts (2 to 5 words), and pairs that may be nowhere.
  std::vector<std::string> phrases = {"that a", "the of", "s the", "t be", "of the of",
                                      "it is not", "is is", "a a a", "don t", "minister said",
                                      "said that", "tax the", "that the river", "of of"};
  std::mt19937 rng(11);
  for (int k = 0; k < 150; ++k) {
    const std::vector<std::string> words = IndexTerms(texts[rng() % texts.size()]);
    const size_t len = 2 + rng() % 4;
    if (words.size() <= len) continue;
    const size_t at = rng() % (words.size() - len);
    std::string p;
    for (size_t i = at; i < at + len; ++i) p += (p.empty() ? "" : " ") + words[i];
    phrases.push_back(p);
  }
  size_t with_hits = 0;
  for (const std::string& p : phrases) {
    INFO(p);
    const std::set<std::string> scan = Scan(with.get(), p);
    CHECK(Found(with.get(), p) == scan);
    CHECK(Found(without.get(), p) == Scan(without.get(), p));
    with_hits += scan.size();
  }
  CHECK(with_hits > 200);  // the phrases do have hits

  // Pairs make the terms family larger: the lists are there.
  auto vw = with->Verify(10);
  REQUIRE(vw.ok());
  INFO((vw->problems.empty() ? "" : vw->problems.front()));
  CHECK(vw->ok());
  auto vo = without->Verify(10);
  REQUIRE(vo.ok());
  CHECK(vo->ok());
  auto terms_keys = [](const VerifyReport& r) {
    for (const auto& [family, n] : r.keys_per_family)
      if (family == "terms") return n;
    return size_t{0};
  };
  CHECK(terms_keys(*vw) > terms_keys(*vo));
}

TEST_CASE("Word pairs: a database keeps what it was created with", "[store][word_pairs]") {
  TempDir dir;
  const std::vector<std::string> texts = MakeTexts(60, 3);
  Options no_pairs;
  no_pairs.index_word_pairs = false;
  {
    auto db = OpenOrDie(dir.str(), no_pairs);
    ImportAll(db.get(), std::vector<std::string>(texts.begin(), texts.begin() + 30));
  }
  // Opened again with pairs asked for (the default): the first half has none, so the database
  // still answers from the words alone, and the second half is written the same way.
  auto db = OpenOrDie(dir.str());
  ImportAll(db.get(), std::vector<std::string>(texts.begin() + 30, texts.end()), 30);
  for (const char* p : {"that a", "the of", "it is", "s the", "of the", "to be", "a the"}) {
    INFO(p);
    CHECK(Found(db.get(), p) == Scan(db.get(), p));
  }
  auto v = db->Verify(10);
  REQUIRE(v.ok());
  CHECK(v->ok());
}
