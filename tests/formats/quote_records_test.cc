// Readers of pre-made quotes: Quotebank JSON lines (plain and .bz2) and CSV/TSV tables.
#include <bzlib.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "quotedb/import.h"
#include "quotedb/reader.h"

using namespace quotedb;
namespace fs = std::filesystem;

namespace {

std::string Fixture(const std::string& rel) {
  return std::string(QUOTEDB_SOURCE_DIR) + "/fixtures/formats/" + rel;
}

std::string Slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

struct Read {
  Status status;
  std::vector<ReadRecord> records;
  std::vector<std::string> warnings;
};

Read ReadFile(const std::string& path, const ReaderOptions& options = {}) {
  Read out;
  auto r = ReadRecords(path, options, [&](const std::string& w) { out.warnings.push_back(w); });
  out.status = r.status();
  if (r.ok()) out.records = std::move(*r);
  return out;
}

std::string SpanText(const ReadRecord& r, size_t q) {
  const Span& s = r.quotes[q].spans.at(0);
  return r.article.text.substr(s.begin, s.end - s.begin);
}

void CheckQuotebank(const Read& r) {
  REQUIRE(r.status.ok());
  REQUIRE(r.records.size() == 3);
  CHECK(r.warnings.size() == 1);  // the line that is not JSON
  const ReadRecord& a = r.records[0];
  CHECK(a.quotes_given);
  REQUIRE(a.quotes.size() == 1);
  CHECK(a.quotes[0].text == "we are not going to stop until the job is done");
  CHECK(SpanText(a, 0) == a.quotes[0].text);
  REQUIRE(a.quotes[0].speakers.size() == 1);
  CHECK(a.quotes[0].speakers[0].name == "Jacinda Ardern");
  CHECK(a.quotes[0].speakers[0].wikidata_qid == "Q4115068");
  CHECK(a.quotes[0].confidence == Approx(0.9138f));
  CHECK(a.article.url == "https://www.nzherald.example/a");
  CHECK(a.article.source_name == "nzherald.example");
  CHECK_FALSE(a.article.id.IsZero());
  CHECK(a.article.time_seconds == -1);  // Quotebank dates carry no zone
  CHECK(a.article.text.find("url: https://www.stuff.example/b") != std::string::npos);
  // "None" is no speaker; the confidence is the probability of "None".
  const ReadRecord& b = r.records[1];
  CHECK(b.quotes[0].speakers.empty());
  CHECK(b.quotes[0].confidence == Approx(0.6f));
  // Numeric probabilities and several QIDs (the first is taken).
  const ReadRecord& c = r.records[2];
  CHECK(c.quotes[0].confidence == Approx(0.55f));
  CHECK(c.quotes[0].speakers[0].wikidata_qid == "Q1");
  CHECK(a.article.id != c.article.id);
}

}  // namespace

TEST_CASE("quotebank: quotation lines become given statements", "[formats][quotebank]") {
  CHECK(ResolveInputFormat(Fixture("quotebank/quotes.jsonl"), "auto") == "quotebank");
  CheckQuotebank(ReadFile(Fixture("quotebank/quotes.jsonl")));
}

TEST_CASE("quotebank: .bz2 files, several streams concatenated", "[formats][quotebank]") {
  std::string plain = Slurp(Fixture("quotebank/quotes.jsonl"));
  std::string packed;
  // Two bzip2 streams, as pbzip2 writes them: split between lines.
  size_t cut = plain.find('\n') + 1;
  for (std::string part : {plain.substr(0, cut), plain.substr(cut)}) {
    std::string out(part.size() * 2 + 600, '\0');
    unsigned len = static_cast<unsigned>(out.size());
    REQUIRE(BZ2_bzBuffToBuffCompress(out.data(), &len, part.data(),
                                     static_cast<unsigned>(part.size()), 9, 0, 0) == BZ_OK);
    packed.append(out.data(), len);
  }
  fs::path p = fs::temp_directory_path() / ("qdb-quotebank-" + std::to_string(::getpid()) + ".json.bz2");
  std::ofstream(p, std::ios::binary) << packed;
  CHECK(ResolveInputFormat(p.string(), "auto") == "quotebank");
  CheckQuotebank(ReadFile(p.string()));
  // A truncated .bz2 yields what was readable and an error about the damage.
  std::ofstream(p, std::ios::binary | std::ios::trunc) << packed.substr(0, packed.size() - 20);
  Read broken = ReadFile(p.string());
  CHECK_FALSE(broken.status.ok());
  CHECK(broken.status.message().find("bzip2") != std::string::npos);
  fs::remove(p);
}

TEST_CASE("csv: header names the columns, quoted fields, url groups rows", "[formats][csv]") {
  Read r = ReadFile(Fixture("tables/statements.csv"));
  REQUIRE(r.status.ok());
  // s1 and s2 share a URL: one article with two statements. s4 has no quote: skipped.
  REQUIRE(r.records.size() == 2);
  const ReadRecord& bridge = r.records[0];
  REQUIRE(bridge.quotes.size() == 2);
  CHECK(bridge.quotes[0].text == "We will build the bridge, and we will build it on time.");
  CHECK(SpanText(bridge, 1) == "The joints are at the end of their life.");
  CHECK(bridge.quotes[0].speaker == "Ana Ruiz");
  CHECK(bridge.article.url == "https://coastalherald.example/bridge");
  CHECK(bridge.article.source_name == "coastalherald.example");
  CHECK(bridge.article.text.find("\nlabel: mostly-true") != std::string::npos);
  CHECK(bridge.article.text.find("\ncontext: a council meeting") != std::string::npos);
  const ReadRecord& radio = r.records[1];
  CHECK(radio.quotes[0].text == "He said \"no comment\" and left, then came back");
  CHECK(radio.article.text.find("context: an interview, on radio") != std::string::npos);
  CHECK(r.warnings.size() == 1);  // the empty quote
}

TEST_CASE("tsv: LIAR-style columns without a header", "[formats][tsv]") {
  ReaderOptions o;
  o.format = "tsv";
  o.no_header = true;
  o.columns = {"id", "label", "quote",  "subjects", "speaker", "job", "state",
               "party", "-", "-", "-", "-", "-", "context"};
  Read r = ReadFile(Fixture("tables/liar-like.tsv"), o);
  REQUIRE(r.status.ok());
  REQUIRE(r.records.size() == 2);
  CHECK(r.warnings.empty());
  const ReadRecord& a = r.records[0];
  CHECK(a.quotes[0].text == "Says the harbour bridge was never inspected.");
  CHECK(a.quotes[0].speaker == "Ana Ruiz");  // from the slug ana-ruiz
  CHECK(a.article.text.find("\nlabel: false") != std::string::npos);
  CHECK(a.article.text.find("\nparty: independent") != std::string::npos);
  CHECK(a.article.text.find("\nid: liar-1.json") != std::string::npos);
  CHECK(a.article.text.find("\ncontext: a mailer") != std::string::npos);
  // Bare quotation marks inside a TSV field are text.
  CHECK(r.records[1].quotes[0].text == "\"Ferries run every ten minutes\" during the closure.");
  // --no-header without --columns is a usage error.
  ReaderOptions bad;
  bad.format = "tsv";
  bad.no_header = true;
  CHECK_FALSE(ReadFile(Fixture("tables/liar-like.tsv"), bad).status.ok());
}

TEST_CASE("registry: TSV of names, aliases, QIDs and kinds", "[formats][registry]") {
  std::vector<std::string> warnings;
  auto r = ReadSpeakerRegistry(Fixture("registry/speakers.tsv"),
                               [&](const std::string& w) { warnings.push_back(w); });
  REQUIRE(r.ok());
  REQUIRE(r->size() == 2);
  CHECK((*r)[0].name == "Ana Ruiz");
  CHECK((*r)[0].aliases == std::vector<std::string>{"Ana Mar\xC3\xAD" "a Ruiz", "Councillor Ruiz"});
  CHECK((*r)[0].wikidata_qid == "Q111");
  CHECK((*r)[1].kind == SpeakerKind::kGovernment);
  CHECK((*r)[1].aliases == std::vector<std::string>{"the council", "city council"});
  REQUIRE(warnings.size() == 1);  // X99 is not a QID
  CHECK(warnings[0].find("X99") != std::string::npos);
}

TEST_CASE("records: plain files read whole while sniffing give what ReadArticles gives",
          "[formats][records]") {
  // Files of up to 64 KB are read once, whole, to sniff them and to read them; larger ones are
  // peeked at and read again. Either way the records are ReadArticles' own.
  const fs::path dir =
      fs::temp_directory_path() / ("qdb-records-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  const std::string body(40, 'x');
  std::string big = "A long headline\n";
  while (big.size() <= (64u << 10)) big += "\"We will see,\" said Jane Doe. " + body + "\n";
  const std::vector<std::pair<std::string, std::string>> files = {
      {"small.txt", "Headline\n\"It is done,\" said John Smith.\n"},
      {"record.jsonl", "{\"title\": \"T\", \"maintext\": \"\\\"Yes,\\\" she said.\", \"url\": "
                       "\"https://a.example/1\"}\n"},
      {"white.txt", " \n\t\n"},
      {"empty.txt", ""},
      {"exact.txt", std::string("H\n") + std::string((64u << 10) - 2, 'y')},
      {"big.txt", big},
  };
  for (const auto& [name, content] : files) {
    INFO(name);
    const fs::path p = dir / name;
    std::ofstream(p, std::ios::binary) << content;
    Read r = ReadFile(p.string());
    auto want = ReadArticles(p.string(), ReaderOptions{}, nullptr);
    REQUIRE(r.status.ok() == want.ok());
    if (!want.ok()) {
      CHECK(r.status.message() == want.status().message());
      continue;
    }
    REQUIRE(r.records.size() == want->size());
    for (size_t i = 0; i < want->size(); ++i) {
      CHECK(r.records[i].article.text == (*want)[i].text);
      CHECK(r.records[i].article.title == (*want)[i].title);
      CHECK(r.records[i].article.url == (*want)[i].url);
      CHECK(r.records[i].article.provenance.file == (*want)[i].provenance.file);
    }
  }
  fs::remove_all(dir);
}

TEST_CASE("quotebank: a speaker named across lines is one line, its spaces single",
          "[formats][quotebank]") {
  // Found by fuzz_quotebank: the speaker heads the article's title, which must be one line.
  fs::path p = fs::temp_directory_path() /
               ("qdb-quotebank-lines-" + std::to_string(::getpid()) + ".jsonl");
  std::ofstream(p, std::ios::binary)
      << R"({"quoteID": "q1", "quotation": "The line will be open by Monday", "speaker": "\n"})"
      << "\n"
      << R"({"quoteID": "q2", "quotation": "We are not closing the station", )"
      << R"("speaker": "Ana\n\tReyes", )"
      << R"("probas": [["Ana\n\tReyes", "0.81"], ["None", "0.19"]]})" << "\n";
  ReaderOptions o;
  o.format = "quotebank";
  Read r = ReadFile(p.string(), o);
  fs::remove(p);
  REQUIRE(r.status.ok());
  REQUIRE(r.records.size() == 2);
  CHECK(r.records[0].article.title == "Unattributed: The line will be open by Monday");
  CHECK(r.records[0].quotes.at(0).speakers.empty());
  const ReadRecord& b = r.records[1];
  CHECK(b.article.title == "Ana Reyes: We are not closing the station");
  REQUIRE(b.quotes.at(0).speakers.size() == 1);
  CHECK(b.quotes[0].speakers[0].name == "Ana Reyes");
  CHECK(b.quotes[0].confidence == Approx(0.81f));
}
