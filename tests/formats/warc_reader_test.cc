// WARC reader: response records as articles, provenance, broken records skipped.
#include <catch2/catch.hpp>

#include "quotedb/reader.h"

using namespace quotedb;

namespace {

std::string Fixture(const std::string& rel) {
  return std::string(QUOTEDB_SOURCE_DIR) + "/fixtures/formats/" + rel;
}

struct Read {
  Status status;
  std::vector<ReadRecord> records;
  std::vector<std::string> warnings;
};

Read ReadFile(const std::string& rel) {
  Read out;
  auto r = ReadRecords(Fixture(rel), ReaderOptions{},
                       [&](const std::string& w) { out.warnings.push_back(w); });
  out.status = r.status();
  if (r.ok()) out.records = std::move(*r);
  return out;
}

void CheckNewsWarc(const Read& r, bool gzipped) {
  REQUIRE(r.status.ok());
  REQUIRE(r.records.size() == 2);
  const Article& strike = r.records[0].article;
  CHECK(strike.url == "https://harbourtimes.example/port-strike");  // angle brackets stripped
  CHECK(strike.source_name == "harbourtimes.example");
  CHECK(strike.title == "Port strike enters second week");
  CHECK(strike.text ==
        "Port strike enters second week\n"
        "Dock workers extended their strike on Monday, the union said.\n"
        "\"We will stay out until the offer improves,\" said union secretary Lena Vos.");
  // No date in the page: the fetch date (WARC-Date), which has a zone.
  ParsedDate d;
  REQUIRE(ParseDate("2024-04-01", &d));
  CHECK(strike.date_days == d.days);
  CHECK(strike.provenance.warc_record_id == "urn:uuid:00000000-0000-0000-0000-000000000003");
  CHECK(strike.provenance.file == Fixture(gzipped ? "warc/news.warc.gz" : "warc/news.warc"));
  CHECK(strike.provenance.offset > 0);

  const Article& lanes = r.records[1].article;  // chunked transfer encoding, JSON-LD date
  CHECK(lanes.title == "Council approves new cycle lanes");
  REQUIRE(ParseDate("2024-04-02", &d));
  CHECK(lanes.date_days == d.days);
  CHECK(lanes.authors == std::vector<std::string>{"Ravi Shah"});
  CHECK(lanes.text.find("\"Safer streets are the point,\" said councillor Mia Holt.") !=
        std::string::npos);
  CHECK(lanes.provenance.offset > strike.provenance.offset);
}

}  // namespace

TEST_CASE("warc: plain WARC response records become articles", "[formats][warc]") {
  Read r = ReadFile("warc/news.warc");
  CheckNewsWarc(r, false);
  CHECK(r.warnings.empty());
  CHECK(ResolveInputFormat(Fixture("warc/news.warc"), "auto") == "warc");
}

TEST_CASE("warc: one gzip member per record (CC-NEWS)", "[formats][warc]") {
  Read r = ReadFile("warc/news.warc.gz");
  CheckNewsWarc(r, true);
  CHECK(r.warnings.empty());
}

TEST_CASE("warc: record offsets in a .warc.gz are gzip member offsets", "[formats][warc]") {
  Read plain = ReadFile("warc/news.warc");
  Read gz = ReadFile("warc/news.warc.gz");
  REQUIRE(plain.records.size() == 2);
  REQUIRE(gz.records.size() == 2);
  // In the plain file the offset is where "WARC/1.0" starts; the gzip offsets differ.
  CHECK(plain.records[0].article.provenance.offset != gz.records[0].article.provenance.offset);
}

TEST_CASE("warc: a record whose length lies is skipped, the rest is read", "[formats][warc]") {
  Read r = ReadFile("warc/broken.warc");
  REQUIRE(r.status.ok());
  REQUIRE(r.records.size() == 1);
  CHECK(r.records[0].article.title == "Council approves new cycle lanes");
  REQUIRE(r.warnings.size() == 1);
  CHECK(r.warnings[0].find("broken WARC record") != std::string::npos);
  CHECK(r.warnings[0].find("Content-Length") != std::string::npos);
}

TEST_CASE("warc: truncated and lying gzip members are skipped", "[formats][warc]") {
  Read r = ReadFile("warc/broken.warc.gz");
  REQUIRE(r.status.ok());
  REQUIRE(r.records.size() == 1);
  CHECK(r.records[0].article.title == "Council approves new cycle lanes");
  CHECK(r.warnings.size() >= 2);
  for (const auto& w : r.warnings) CHECK(w.find("broken WARC record") != std::string::npos);
}

TEST_CASE("warc: gzip Content-Encoding and a Latin-1 charset; error pages skipped",
          "[formats][warc]") {
  Read r = ReadFile("warc/encoded.warc");
  REQUIRE(r.status.ok());
  REQUIRE(r.records.size() == 1);  // the 404 page is not an article
  CHECK(r.warnings.empty());
  const Article& a = r.records[0].article;
  CHECK(a.title == "Caf\xC3\xA9 rents");
  CHECK(a.text == "Caf\xC3\xA9 rents\n\"Rents have doubled,\" said Jos\xC3\xA9 Mart\xC3\xADnez.");
}
