// One fixture per extraction pattern (fixtures/extract/*.txt, written for these tests), each
// asserting kind, spans, cue and speaker.
#include <catch2/catch.hpp>
#include <fstream>
#include <sstream>
#include <string>

#include "quotedb/extract.h"

namespace {

using quotedb::ExtractedQuote;
using quotedb::ExtractQuotes;
using quotedb::Span;
using quotedb::SpeakerKind;
using quotedb::StatementKind;

std::string ReadFixture(const std::string& name) {
  std::ifstream in(std::string(QUOTEDB_SOURCE_DIR) + "/fixtures/extract/" + name,
                   std::ios::binary);
  REQUIRE(in.good());
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// The span of the first occurrence of `needle` in `text`.
Span SpanOf(const std::string& text, const std::string& needle) {
  size_t at = text.find(needle);
  REQUIRE(at != std::string::npos);
  return {static_cast<uint32_t>(at), static_cast<uint32_t>(at + needle.size())};
}

std::string Cut(const std::string& text, Span s) { return text.substr(s.begin, s.end - s.begin); }

// The statement whose text contains `needle`.
const ExtractedQuote& Find(const std::vector<ExtractedQuote>& qs, const std::string& needle) {
  for (const ExtractedQuote& q : qs)
    if (q.text.find(needle) != std::string::npos) return q;
  FAIL("no statement contains: " << needle);
  return qs.front();
}

}  // namespace

TEST_CASE("direct quote with a trailing 'X said'", "[extract]") {
  std::string t = ReadFixture("direct_said.txt");
  auto qs = ExtractQuotes(t);
  REQUIRE(qs.size() == 1);
  const ExtractedQuote& q = qs[0];
  CHECK(q.kind == StatementKind::kDirect);
  REQUIRE(q.spans.size() == 1);
  CHECK(q.spans[0] == SpanOf(t, "“The bridge will open next spring,”"));
  CHECK(q.speaker == "Jane Fielding");
  CHECK(q.speaker_span == SpanOf(t, "Jane Fielding"));
  CHECK(q.cue == "said");
  CHECK(q.cue_span == SpanOf(t, "said"));
  REQUIRE(q.speakers.size() == 1);
  CHECK(q.speakers[0].kind == SpeakerKind::kPerson);
}

TEST_CASE("interrupted quote is one statement with two spans", "[extract]") {
  std::string t = ReadFixture("interrupted.txt");
  auto qs = ExtractQuotes(t);
  REQUIRE(qs.size() == 1);
  const ExtractedQuote& q = qs[0];
  CHECK(q.kind == StatementKind::kDirect);
  REQUIRE(q.spans.size() == 2);
  CHECK(q.spans[0] == SpanOf(t, "“We are not there yet,”"));
  CHECK(q.spans[1] == SpanOf(t, "“Nobody should expect a deal this week.”"));
  CHECK(q.speaker_mention == "she");
  CHECK(q.speaker == "Maria Okafor");  // the pronoun resolved within the article
  CHECK(q.cue == "added");
}

TEST_CASE("colon quote", "[extract]") {
  std::string t = ReadFixture("colon.txt");
  auto qs = ExtractQuotes(t);
  REQUIRE(qs.size() == 1);
  CHECK(qs[0].kind == StatementKind::kDirect);
  CHECK(Cut(t, qs[0].spans.at(0)) == "“We will build two thousand homes by 2030.”");
  CHECK(qs[0].speaker == "Tom Reyes");
  REQUIRE(qs[0].speakers.size() == 1);
  CHECK(qs[0].speakers[0].title == "Mayor");
}

TEST_CASE("multi-paragraph quote that reopens each paragraph", "[extract]") {
  std::string t = ReadFixture("multi_paragraph.txt");
  auto qs = ExtractQuotes(t);
  const ExtractedQuote& q = Find(qs, "Stay indoors");
  CHECK(q.kind == StatementKind::kDirect);
  REQUIRE(q.spans.size() == 2);
  CHECK(Cut(t, q.spans[0]) == "\"Stay indoors tonight. Do not drive unless you must.");
  CHECK(Cut(t, q.spans[1]) == "\"The worst of the wind will pass before dawn,\"");
  CHECK(q.speaker_mention == "she");
  CHECK(q.speaker.find("Ada Lin") != std::string::npos);
}

TEST_CASE("BBC-style quote paragraphs run together on one line", "[extract]") {
  std::string t = ReadFixture("bbc_unclosed.txt");
  auto qs = ExtractQuotes(t);
  REQUIRE(qs.size() == 1);
  const ExtractedQuote& q = qs[0];
  REQUIRE(q.spans.size() == 2);
  CHECK(Cut(t, q.spans[0]).starts_with("\"Clearly, we need"));
  CHECK(Cut(t, q.spans[1]) == "\"We are looking at how quickly we can do that,\"");
  CHECK(q.speaker == "Hewitt");
  // The narration after the quote is not part of it.
  CHECK(q.text.find("The minister") == std::string::npos);
}

TEST_CASE("partial quote inside reported speech", "[extract]") {
  std::string t = ReadFixture("partial.txt");
  auto qs = ExtractQuotes(t);
  REQUIRE(qs.size() == 1);
  CHECK(qs[0].kind == StatementKind::kPartial);
  CHECK(qs[0].text == "“grave concerns” about the missile launch");
  CHECK(qs[0].speaker == "Japan");
  CHECK(qs[0].speakers.at(0).kind == SpeakerKind::kGovernment);
  CHECK(qs[0].cue == "expressed");
}

TEST_CASE("a group denies: two speakers", "[extract]") {
  std::string t = ReadFixture("group_denial.txt");
  auto qs = ExtractQuotes(t);
  REQUIRE(qs.size() == 1);
  CHECK(qs[0].kind == StatementKind::kIndirect);
  CHECK(qs[0].text == "any arms trade");
  CHECK(qs[0].cue == "denied");
  CHECK(qs[0].speaker_span == SpanOf(t, "Russia and North Korea"));
  REQUIRE(qs[0].speakers.size() == 2);
  CHECK(qs[0].speakers[0].name == "Russia");
  CHECK(qs[0].speakers[1].name == "North Korea");
}

TEST_CASE("according to", "[extract]") {
  std::string t = ReadFixture("according_to.txt");
  auto qs = ExtractQuotes(t);
  REQUIRE(qs.size() == 1);
  CHECK(qs[0].text == "Unemployment fell to 4 percent last year");
  CHECK(qs[0].cue == "according to");
  CHECK(Cut(t, qs[0].speaker_span).find("statistics office") != std::string::npos);
}

TEST_CASE("titles, nicknames and scare quotes are not statements", "[extract]") {
  auto qs = ExtractQuotes(ReadFixture("no_false_quotes.txt"));
  CHECK(qs.empty());
}

TEST_CASE("boilerplate lines never become statements", "[extract]") {
  auto qs = ExtractQuotes(ReadFixture("boilerplate.txt"));
  CHECK(qs.empty());
}

TEST_CASE("'Mr Cha' resolves to the full name introduced earlier", "[extract]") {
  std::string t = ReadFixture("surname_coref.txt");
  auto qs = ExtractQuotes(t);
  const ExtractedQuote& q = Find(qs, "It comes from Kim");
  CHECK(q.kind == StatementKind::kDirect);
  CHECK(q.speaker_mention == "Cha");
  CHECK(q.speaker == "Cha Du-hyeogn");
  const ExtractedQuote& first = Find(qs, "the pledge was familiar");
  CHECK(first.speaker == "Cha Du-hyeogn");
  CHECK(first.speakers.at(0).title == "a former government official");
}

TEST_CASE("title kept as an attribute, not in the name", "[extract]") {
  std::string t = ReadFixture("title_kept.txt");
  auto qs = ExtractQuotes(t);
  REQUIRE(qs.size() == 1);
  CHECK(qs[0].kind == StatementKind::kPartial);
  CHECK(qs[0].speaker == "Mykhailo Podolyak");
  CHECK(qs[0].speakers.at(0).title == "Ukrainian presidential aide");
}

TEST_CASE("no-comment form and the participle that follows it", "[extract]") {
  std::string t = ReadFixture("no_comment.txt");
  auto qs = ExtractQuotes(t);
  REQUIRE(qs.size() == 2);
  CHECK(qs[0].cue == "declined");
  CHECK(qs[0].text == "comment");
  CHECK(qs[1].cue == "calling");
  CHECK(qs[1].speaker_span == qs[0].speaker_span);
  CHECK(qs[0].speakers.at(0).affiliation == "the foreign ministry");
}

TEST_CASE("inverted 'said X, appositive'", "[extract]") {
  std::string t = ReadFixture("inverted.txt");
  auto qs = ExtractQuotes(t);
  REQUIRE(qs.size() == 1);
  CHECK(qs[0].kind == StatementKind::kDirect);
  CHECK(qs[0].speaker == "Steve Smith");
}

TEST_CASE("reported speech: subject after an introductory phrase, speaker after content",
          "[extract]") {
  std::string t = ReadFixture("reported_speech.txt");
  auto qs = ExtractQuotes(t);
  REQUIRE(qs.size() == 2);
  CHECK(qs[0].text == "it would strengthen cooperation with Japan");
  CHECK(qs[0].speaker == "South Korea");
  CHECK(qs[1].text == "Seoul would add new items to its export ban");
  CHECK(qs[1].speaker == "Chang Ho-jin");
  CHECK(qs[1].speakers.at(0).title == "national security adviser");
}

TEST_CASE("a document as speaker", "[extract]") {
  std::string t = ReadFixture("document_speaker.txt");
  auto qs = ExtractQuotes(t);
  REQUIRE(qs.size() == 1);
  CHECK(qs[0].speaker == "Article 4 of the agreement");
  CHECK(qs[0].speakers.at(0).kind == SpeakerKind::kDocument);
}

TEST_CASE("options filter statement kinds", "[extract]") {
  std::string t = ReadFixture("surname_coref.txt");
  quotedb::ExtractOptions only_direct;
  only_direct.partial = false;
  only_direct.indirect = false;
  auto qs = ExtractQuotes(t, only_direct);
  REQUIRE(qs.size() == 1);
  CHECK(qs[0].kind == StatementKind::kDirect);
}

TEST_CASE("'according to' a document phrase keeps the whole noun", "[extract]") {
  std::string t = ReadFixture("according_to_document.txt");
  auto qs = ExtractQuotes(t);
  const ExtractedQuote& q = Find(qs, "dredge");
  CHECK(q.kind == StatementKind::kIndirect);
  REQUIRE(q.spans.size() == 1);
  CHECK(q.spans[0] == SpanOf(t, "the operator must dredge the channel every two years"));
  CHECK(q.speaker == "full text");
  CHECK(q.speaker_span == SpanOf(t, "the full text"));
}

TEST_CASE("an appositive name wins over the description before it", "[extract]") {
  std::string t = ReadFixture("appositive_name.txt");
  auto qs = ExtractQuotes(t);
  REQUIRE(qs.size() == 1);
  CHECK(qs[0].kind == StatementKind::kIndirect);
  REQUIRE(qs[0].spans.size() == 1);
  CHECK(qs[0].spans[0] == SpanOf(t, "the quota talks would resume in May"));
  CHECK(qs[0].speaker == "Anneke Visser");
  CHECK(qs[0].speaker_span == SpanOf(t, "Anneke Visser"));
  REQUIRE(qs[0].speakers.size() == 1);
  CHECK(qs[0].speakers[0].kind == SpeakerKind::kPerson);
  CHECK(qs[0].speakers[0].title == "Dutch minister");
}

TEST_CASE("a dateline is not content", "[extract]") {
  std::string t = ReadFixture("dateline.txt");
  auto qs = ExtractQuotes(t);
  REQUIRE(qs.size() == 2);
  CHECK(qs[0].kind == StatementKind::kIndirect);
  REQUIRE(qs[0].spans.size() == 1);
  CHECK(qs[0].spans[0] == SpanOf(t, "Fishing boats were told to stay in port until Friday"));
  CHECK(qs[0].speaker == "coast guard");
  CHECK(qs[1].kind == StatementKind::kDirect);
  REQUIRE(qs[1].spans.size() == 1);
  CHECK(qs[1].spans[0] == SpanOf(t, "“We expect the storm to pass by Thursday,”"));
  CHECK(qs[1].speaker == "coast guard officer");
}

TEST_CASE("'the two' are the two people named last", "[extract]") {
  std::string t = ReadFixture("the_two.txt");
  auto qs = ExtractQuotes(t);
  REQUIRE(qs.size() == 1);
  CHECK(qs[0].kind == StatementKind::kIndirect);
  CHECK(qs[0].spans[0] == SpanOf(t, "their governments would share weather data"));
  CHECK(qs[0].speaker_span == SpanOf(t, "The two"));
  REQUIRE(qs[0].speakers.size() == 2);
  CHECK(qs[0].speakers[0].name == "Maria Lindqvist");
  CHECK(qs[0].speakers[1].name == "Tomas Berger");
}

TEST_CASE("headline attributions: 'Name: claim' and a title-case verb", "[extract]") {
  std::string t = ReadFixture("headline_colon.txt");
  auto qs = ExtractQuotes(t);
  REQUIRE(qs.size() == 1);
  CHECK(qs[0].kind == StatementKind::kIndirect);
  CHECK(qs[0].spans[0] == SpanOf(t, "Harbour fees will double next year"));
  CHECK(qs[0].speaker_span == SpanOf(t, "Port chief"));
  CHECK(qs[0].cue == ":");

  t = ReadFixture("headline_says.txt");
  qs = ExtractQuotes(t);
  REQUIRE(qs.size() == 1);
  CHECK(qs[0].spans[0] == SpanOf(t, "Fees Will Double Next Year"));
  CHECK(qs[0].speaker == "Harbour Board");
  CHECK(qs[0].cue == "Says");
}

TEST_CASE("reported clause after the cue, ended by the narrator or a second verb", "[extract]") {
  std::string t = ReadFixture("clause_after_cue.txt");
  auto qs = ExtractQuotes(t);
  const ExtractedQuote& a = Find(qs, "strike would end");
  CHECK(a.kind == StatementKind::kIndirect);
  REQUIRE(a.spans.size() == 1);
  CHECK(a.spans[0] == SpanOf(t, "the strike would end within a week"));
  CHECK(a.speaker == "Ruth Amsel");
  const ExtractedQuote& b = Find(qs, "idle");
  REQUIRE(b.spans.size() == 1);
  CHECK(b.spans[0] == SpanOf(t, "the ferries had been idle for days"));
  CHECK(b.speaker == "Tomas Berger");
  CHECK(b.cue == "said");
  for (const ExtractedQuote& q : qs) CHECK(q.text.find("photo") == std::string::npos);
  const ExtractedQuote& c = Find(qs, "health");
  REQUIRE(c.spans.size() == 1);
  CHECK(c.spans[0] == SpanOf(t, "the health of Mayor Lars Holm"));  // ", who is 70" is not
  CHECK(c.speaker_span == SpanOf(t, "Critics"));
}

TEST_CASE("progressive cues, 'called on', and a new report ending the one before", "[extract]") {
  std::string t = ReadFixture("progressive_and_call_on.txt");
  auto qs = ExtractQuotes(t);
  const ExtractedQuote& demand = Find(qs, "night crossing");
  CHECK(demand.kind == StatementKind::kIndirect);
  CHECK(demand.spans[0] == SpanOf(t, "that the ferry company restore the night crossing"));
  CHECK(demand.cue == "demanding");
  CHECK(demand.speaker == "city");
  REQUIRE(demand.speakers.size() == 1);
  CHECK(demand.speakers[0].affiliation == "Tromso");
  const ExtractedQuote& call = Find(qs, "timetable");
  CHECK(call.spans[0] == SpanOf(t, "the company to publish its timetable"));
  CHECK(call.cue == "called on");
  CHECK(call.speaker == "Ida Brenna");
  const ExtractedQuote& pier = Find(qs, "second pier");
  REQUIRE(pier.spans.size() == 1);
  CHECK(pier.spans[0] == SpanOf(t, "he was building a second pier"));
  CHECK(pier.speaker == "Aas");
  const ExtractedQuote& wall = Find(qs, "breakwater");
  CHECK(wall.spans[0] == SpanOf(t, "the harbour needs a new breakwater"));
  CHECK(wall.speaker_span == SpanOf(t, "Elected officials"));
  const ExtractedQuote& tight = Find(qs, "budget is tight");
  CHECK(tight.spans[0] == SpanOf(t, "the budget is tight"));
  CHECK(tight.speaker == "Elected officials");
}

TEST_CASE("a scene-setting opening is not content; a quote ends before narration", "[extract]") {
  std::string t = ReadFixture("scene_setting_quote.txt");
  auto qs = ExtractQuotes(t);
  REQUIRE(qs.size() == 2);
  CHECK(qs[0].kind == StatementKind::kDirect);
  REQUIRE(qs[0].spans.size() == 1);
  CHECK(qs[0].spans[0] == SpanOf(t, "\"The channel is safe again.\""));
  CHECK(qs[0].speaker_mention.ends_with("Ola Dahl"));
  CHECK(qs[1].kind == StatementKind::kDirect);
  REQUIRE(qs[1].spans.size() == 1);
  CHECK(qs[1].spans[0] == SpanOf(t, "\"We dredged it twice,\""));
}

TEST_CASE("a quotation after a reporting participle ('saying, \"...\"')", "[extract]") {
  std::string t = ReadFixture("participle_quote.txt");
  auto qs = ExtractQuotes(t);
  REQUIRE(qs.size() == 2);
  CHECK(qs[0].kind == StatementKind::kDirect);
  CHECK(qs[0].spans[0] == SpanOf(t, "\"The channel is safe.\""));
  CHECK(qs[0].cue == "saying");
  CHECK(qs[0].speaker == "Ola Dahl");
  CHECK(qs[1].kind == StatementKind::kDirect);
  CHECK(qs[1].spans[0] == SpanOf(t, "\"Who wants a new pier?\""));
  CHECK(qs[1].cue == "asking");
  CHECK(qs[1].speaker == "Ida Brenna");
}
