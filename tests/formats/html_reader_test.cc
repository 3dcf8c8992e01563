// HTML reader: metadata precedence (JSON-LD, Open Graph, meta, title) and body paragraphs.
#include <catch2/catch.hpp>

#include "quotedb/reader.h"

using namespace quotedb;

namespace {

std::string Fixture(const std::string& rel) {
  return std::string(QUOTEDB_SOURCE_DIR) + "/fixtures/formats/" + rel;
}

Article ReadOne(const std::string& rel, std::vector<std::string>* warnings = nullptr) {
  auto r = ReadRecords(Fixture(rel), ReaderOptions{}, [&](const std::string& w) {
    if (warnings) warnings->push_back(w);
  });
  REQUIRE(r.ok());
  REQUIRE(r->size() == 1);
  CHECK_FALSE((*r)[0].quotes_given);
  return (*r)[0].article;
}

}  // namespace

TEST_CASE("html: JSON-LD NewsArticle wins over Open Graph and meta", "[formats][html]") {
  Article a = ReadOne("html/newsarticle-jsonld.html");
  CHECK(a.title == "Harbour bridge to close for three weeks of repairs");
  CHECK(a.url == "https://www.coastalherald.example/news/harbour-bridge-repairs");
  CHECK(a.source_name == "coastalherald.example");
  REQUIRE(a.authors.size() == 2);
  CHECK(a.authors[0] == "Mara Quinlan");
  ParsedDate d;
  REQUIRE(ParseDate("2024-03-14", &d));
  CHECK(a.date_days == d.days);
  CHECK(a.zone_known);
  CHECK(a.time_seconds == 9 * 3600 + 30 * 60);
  CHECK(a.utc_offset_minutes == 660);
}

TEST_CASE("html: body is the article's paragraphs without page furniture", "[formats][html]") {
  Article a = ReadOne("html/newsarticle-jsonld.html");
  const std::string expected =
      "Harbour bridge to close for three weeks of repairs\n"
      "The harbour bridge will close for three weeks from Monday while engineers replace its "
      "expansion joints, the city council said.\n"
      "\xE2\x80\x9CWe know this is disruptive, but the joints are at the end of their life,"
      "\xE2\x80\x9D said Ana Ruiz, the council's head of infrastructure.\n"
      "Ferry services will run every ten minutes during the closure, Ruiz added. Buses will "
      "detour via the inland road.";
  CHECK(a.text == expected);
  for (const char* junk : {"Subscribe", "Navigation", "caption", "Share this", "Related",
                           "Copyright", "script", "tracking", "byline", "By Mara"})
    CHECK(a.text.find(junk) == std::string::npos);
}

TEST_CASE("html: Open Graph and the non-standard article:published", "[formats][html]") {
  Article a = ReadOne("html/opengraph.html");
  CHECK(a.title == "Wheat exports fall as drought bites");
  CHECK(a.url == "https://agrinews.example/wheat-exports-fall");
  CHECK(a.source_name == "agrinews.example");
  ParsedDate d;
  REQUIRE(ParseDate("2024-06-20", &d));
  CHECK(a.date_days == d.days);
  CHECK(a.time_seconds == -1);
  REQUIRE(a.authors.size() == 1);
  CHECK(a.authors[0] == "Lee Park");
  CHECK(a.text.find("Menu paragraph") == std::string::npos);
  CHECK(a.text.find("newsletter") == std::string::npos);
  CHECK(a.text.find("Footer") == std::string::npos);
  CHECK(a.text.find("\"Farmers had the driest winter on record,\" the ministry said") !=
        std::string::npos);
}

TEST_CASE("html: <title>, meta date without a zone, Windows-1252 bytes", "[formats][html]") {
  Article a = ReadOne("html/meta-latin1.html");
  CHECK(a.title == "Caf\xC3\xA9 owners fear rent rises");
  ParsedDate d;
  REQUIRE(ParseDate("2024-05-02", &d));
  CHECK(a.date_days == d.days);
  // No zone: the date is kept, the time is marked unknown.
  CHECK(a.time_seconds == -1);
  CHECK_FALSE(a.zone_known);
  CHECK(a.text.find("\xE2\x80\x9CRents have doubled,\xE2\x80\x9D said Jos\xC3\xA9 Mart\xC3\xADnez") !=
        std::string::npos);
}

TEST_CASE("html: a page without article paragraphs is refused with a reason", "[formats][html]") {
  auto r = ReadRecords(Fixture("html/no-article.html"), ReaderOptions{}, nullptr);
  REQUIRE_FALSE(r.ok());
  CHECK(r.status().message().find("no article paragraphs") != std::string::npos);
}

TEST_CASE("html: ReadArticles (quotedb extract) reads HTML too", "[formats][html]") {
  auto r = ReadArticles(Fixture("html/opengraph.html"), ReaderOptions{}, nullptr);
  REQUIRE(r.ok());
  REQUIRE(r->size() == 1);
  CHECK((*r)[0].title == "Wheat exports fall as drought bites");
  CHECK(ResolveInputFormat(Fixture("html/opengraph.html"), "auto") == "html");
}
