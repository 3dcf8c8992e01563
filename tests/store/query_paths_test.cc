// who-said and the hit loading (engine/store/read.cc) against a brute-force reference: every
// statement read back, normalised, and searched for the phrase, in statement-key order.
#include <catch2/catch.hpp>

#include <algorithm>
#include <random>
#include <set>

#include "quotedb/db.h"
#include "quotedb/keys.h"
#include "quotedb/text.h"
#include "test_util.h"

using namespace quotedb;
using quotedb::testing::MakeArticle;
using quotedb::testing::Quote;
using quotedb::testing::TempDir;

namespace {

struct Stored {
  std::string key;  // statement key: byte order is who-said's order
  std::string text;
  std::string speaker;
  std::string title;
};

std::string Describe(const StatementHit& h) {
  return h.statement.article_id.ToHex() + ":" + std::to_string(h.statement.ordinal) +
         (h.exact ? " exact " : " ") + (h.speakers.empty() ? "-" : h.speakers.front()) + " | " +
         h.title + " | " + h.statement.text;
}

bool HasWords(const std::vector<std::string>& words, const std::vector<std::string>& phrase) {
  if (phrase.empty() || phrase.size() > words.size()) return false;
  for (size_t i = 0; i + phrase.size() <= words.size(); ++i)
    if (std::equal(phrase.begin(), phrase.end(), words.begin() + static_cast<std::ptrdiff_t>(i)))
      return true;
  return false;
}

// What who-said must return: exact matches (the same normalised text), then statements holding
// the query's words in a row (IndexTerms words: case, punctuation and accents aside), key order.
std::vector<std::string> Expected(const std::vector<Stored>& all, const std::string& query,
                                  size_t limit) {
  std::vector<std::string> out;
  const std::string needle = NormalizeForHash(query);
  if (needle.empty() || limit == 0) return out;
  std::vector<const Stored*> exact, contain;
  const std::vector<std::string> phrase = IndexTerms(query);
  for (const Stored& s : all) {
    const std::string norm = NormalizeForHash(s.text);
    if (norm == needle) exact.push_back(&s);
    else if (HasWords(IndexTerms(s.text), phrase)) contain.push_back(&s);
  }
  auto describe = [&](const Stored* s, bool is_exact) {
    ArticleId id;
    uint32_t ordinal = 0;
    keys::DecodeStatementKey(s->key, &id, &ordinal);
    return id.ToHex() + ":" + std::to_string(ordinal) + (is_exact ? " exact " : " ") +
           (s->speaker.empty() ? "-" : s->speaker) + " | " + s->title + " | " + s->text;
  };
  for (const Stored* s : exact) {
    if (out.size() >= limit) return out;
    out.push_back(describe(s, true));
  }
  for (const Stored* s : contain) {
    if (out.size() >= limit) return out;
    out.push_back(describe(s, false));
  }
  return out;
}

}  // namespace

TEST_CASE("who-said matches a brute-force phrase search over every statement", "[store]") {
  TempDir dir;
  Options o;
  // Several commits, so each word's postings come in several lists; some small enough for a
  // WriteBatch, some ingested as table files.
  o.commit_articles = GENERATE(16, 200);
  auto opened = DB::Open(dir.str(), o);
  REQUIRE(opened.ok());
  auto db = std::move(opened).value();

  // Words of very different frequencies, some of them non-ASCII or with punctuation around.
  const std::vector<std::string> common = {"the", "of", "and", "to", "said", "we", "is", "a"};
  const std::vector<std::string> middle = {"table", "nothing", "off", "government", "Caf\u00e9",
                                           "plan", "\u201cwill\u201d", "don't", "U.S.", "3-0"};
  std::mt19937 rng(7);
  const std::vector<std::string> speakers = {"Artyom Lukin", "Jane Roe", "Zo\u00eb Smith", ""};
  for (int a = 0; a < 240; ++a) {
    std::vector<ExtractedQuote> quotes;
    const int n = 1 + static_cast<int>(rng() % 4);
    for (int q = 0; q < n; ++q) {
      std::string text;
      const int words = 1 + static_cast<int>(rng() % 12);
      for (int w = 0; w < words; ++w) {
        if (!text.empty()) text += (rng() % 9 == 0) ? ", " : " ";
        const unsigned r = rng() % 10;
        if (r < 6) text += common[rng() % common.size()];
        else if (r < 9) text += middle[rng() % middle.size()];
        else text += "rare" + std::to_string(rng() % 300);
      }
      if (rng() % 5 == 0) text = "\u201c" + text + ".\u201d";
      quotes.push_back(Quote(text, speakers[rng() % speakers.size()]));
    }
    // Short bodies, distinct: no syndication groups, so nothing is folded.
    REQUIRE(db->ImportArticle(MakeArticle("T" + std::to_string(a), "body " + std::to_string(a),
                                          "src.example", 100 + a),
                              quotes)
                .ok());
  }
  REQUIRE(db->Sync().ok());

  std::vector<Stored> all;
  REQUIRE(db->ForEachStatement([&](const StatementHit& h) {
              all.push_back({keys::StatementKey(h.statement.article_id, h.statement.ordinal),
                             h.statement.text, h.speakers.empty() ? "" : h.speakers.front(),
                             h.title});
              return true;
            })
              .ok());
  REQUIRE(all.size() > 400);
  std::sort(all.begin(), all.end(), [](const Stored& x, const Stored& y) { return x.key < y.key; });

  // Queries: every statement's whole text, and two- and three-word runs out of statements,
  // plus words that are never next to each other.
  std::vector<std::string> queries = {"the of", "said the", "the", "we", "table nothing",
                                      "caf\u00e9 plan", "CAFE", "don t", "u s", "30",
                                      "rare1 the", "nothing is off the table", "   ",
                                      // repeated words: each place must line up
                                      "the the", "of the of", "the said the", "a a a"};
  for (size_t i = 0; i < all.size(); i += 7) {
    queries.push_back(all[i].text);
    std::vector<std::string> w = IndexTerms(all[i].text);
    if (w.size() >= 2) {
      size_t k = rng() % (w.size() - 1);
      queries.push_back(w[k] + " " + w[k + 1]);
      if (k + 2 < w.size()) queries.push_back(w[k] + " " + w[k + 1] + " " + w[k + 2]);
    }
  }
  for (const std::string& q : queries) {
    for (size_t limit : {size_t{1}, size_t{3}, size_t{10}, size_t{50}, size_t{1000}}) {
      auto hits = db->WhoSaid(q, limit);
      REQUIRE(hits.ok());
      std::vector<std::string> got;
      for (const StatementHit& h : *hits) got.push_back(Describe(h));
      INFO("query: " << q << ", limit " << limit);
      CHECK(got == Expected(all, q, limit));
    }
  }
}

TEST_CASE("quotes carry the speaker, source and article of each statement", "[store]") {
  TempDir dir;
  auto opened = DB::Open(dir.str(), Options{});
  REQUIRE(opened.ok());
  auto db = std::move(opened).value();
  for (int a = 0; a < 30; ++a) {
    std::vector<ExtractedQuote> quotes = {
        Quote("We will win number " + std::to_string(a), a % 2 ? "Jane Roe" : "Artyom Lukin"),
        Quote("Another line " + std::to_string(a), "Zo\u00eb Smith")};
    REQUIRE(db->ImportArticle(MakeArticle("Title " + std::to_string(a), "b" + std::to_string(a),
                                          a % 3 ? "one.example" : "two.example", 200 + a,
                                          "https://x.example/" + std::to_string(a)),
                              quotes)
                .ok());
  }
  QuoteQuery q;
  q.speaker = "Jane Roe";
  q.limit = 100;
  auto hits = db->Quotes(q);
  REQUIRE(hits.ok());
  REQUIRE(hits->size() == 15);
  for (const StatementHit& h : *hits) {
    REQUIRE(h.speakers.size() == 1);
    CHECK(h.speakers.front() == "Jane Roe");
    auto article = db->GetArticle(h.statement.article_id, false);
    REQUIRE(article.ok());
    CHECK(h.title == article->title);
    CHECK(h.url == article->url);
    CHECK(h.source == article->source_name);
    CHECK(h.file == article->provenance.file);
  }
  q.speaker = "Zoe Smith";
  hits = db->Quotes(q);
  REQUIRE(hits.ok());
  CHECK(hits->size() == 30);
}
