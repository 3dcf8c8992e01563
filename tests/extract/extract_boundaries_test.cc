// Boundaries of direct quotes and the speakers around them, on sentences written for these
// tests: inverted speakers with appositives, quotations after lead-in words, and more.
#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "quotedb/extract.h"

namespace {

using quotedb::ExtractedQuote;
using quotedb::ExtractQuotes;
using quotedb::Span;
using quotedb::StatementKind;

std::string Cut(const std::string& text, Span s) { return text.substr(s.begin, s.end - s.begin); }

// The statement whose text contains `needle`, or nullptr.
const ExtractedQuote* FindQ(const std::vector<ExtractedQuote>& qs, const std::string& needle) {
  for (const ExtractedQuote& q : qs)
    if (q.text.find(needle) != std::string::npos) return &q;
  return nullptr;
}

std::vector<std::string> SpanTexts(const std::string& t, const ExtractedQuote& q) {
  std::vector<std::string> out;
  for (const Span& s : q.spans) out.push_back(Cut(t, s));
  return out;
}

}  // namespace

TEST_CASE("inverted speaker with an appositive, then the rest of the quotation",
          "[extract]") {
  std::string t =
      "Storm season.\n\n"
      "\"The rain will stop by noon,\" said Ben Moss, a forecaster in Leeds, \"but the wind "
      "will not.\"\n";
  auto qs = ExtractQuotes(t);
  REQUIRE(qs.size() == 1);
  CHECK(qs[0].kind == StatementKind::kDirect);
  CHECK(SpanTexts(t, qs[0]) == std::vector<std::string>{"\"The rain will stop by noon,\"",
                                                        "\"but the wind will not.\""});
  CHECK(qs[0].speaker == "Ben Moss");
  CHECK(qs[0].cue == "said");
}

TEST_CASE("inverted speaker with a postmodifier ('known as', 'speaking ...')", "[extract]") {
  std::string t =
      "Farm news.\n\n"
      "\"There never was a plan,\" said the old farmer known as Tom, speaking for the first "
      "time. \"At no time did I doubt it.\"\n";
  auto qs = ExtractQuotes(t);
  REQUIRE(qs.size() == 1);
  CHECK(qs[0].kind == StatementKind::kDirect);
  CHECK(SpanTexts(t, qs[0]) == std::vector<std::string>{"\"There never was a plan,\"",
                                                        "\"At no time did I doubt it.\""});
  CHECK(Cut(t, qs[0].speaker_span).find("farmer") != std::string::npos);
}

TEST_CASE("quotation, then the speaker and an appositive before the verb", "[extract]") {
  std::string t =
      "Vote count.\n\n"
      "\"We lost the vote fair and square,\" Ann Weller, the party chair, told reporters.\n";
  auto qs = ExtractQuotes(t);
  REQUIRE(qs.size() == 1);
  CHECK(qs[0].kind == StatementKind::kDirect);
  REQUIRE(qs[0].spans.size() == 1);
  CHECK(Cut(t, qs[0].spans[0]) == "\"We lost the vote fair and square,\"");
  CHECK(qs[0].speaker == "Ann Weller");
  CHECK(qs[0].cue == "told");
}

TEST_CASE("manner and addressee words before a colon or comma quotation are not content",
          "[extract]") {
  std::string t =
      "Town hall.\n\n"
      "The mayor said flatly: \"We will not pay for it.\"\n\n"
      "Later Rosa Vidal addressed the volunteers again: \"Thank you for coming. Go home "
      "safely.\"\n\n"
      "Vidal told the farmers who gathered in the town of Elm, \"The harvest will be late.\"\n";
  auto qs = ExtractQuotes(t);
  REQUIRE(qs.size() == 3);
  for (const ExtractedQuote& q : qs) {
    CHECK(q.kind == StatementKind::kDirect);
    REQUIRE(q.spans.size() == 1);
  }
  CHECK(Cut(t, qs[0].spans[0]) == "\"We will not pay for it.\"");
  CHECK(Cut(t, qs[0].speaker_span) == "The mayor");
  REQUIRE(FindQ(qs, "harvest") == &qs[2]);
  CHECK(Cut(t, qs[1].spans[0]) == "\"Thank you for coming. Go home safely.\"");
  CHECK(qs[1].speaker == "Rosa Vidal");
  CHECK(Cut(t, qs[2].spans[0]) == "\"The harvest will be late.\"");
  CHECK(qs[2].speaker == "Rosa Vidal");
  CHECK(qs[2].cue == "told");
}

TEST_CASE("'went on to say' reports for the subject of 'go on'", "[extract]") {
  std::string t =
      "Bridge works.\n\n"
      "Paula Grant went on to say, \"The bridge is safe for traffic.\"\n\n"
      "The council letter goes on to say: \"We regret the long delay.\"\n";
  auto qs = ExtractQuotes(t);
  REQUIRE(qs.size() == 2);
  CHECK(qs[0].kind == StatementKind::kDirect);
  CHECK(Cut(t, qs[0].spans.at(0)) == "\"The bridge is safe for traffic.\"");
  CHECK(qs[0].speaker == "Paula Grant");
  CHECK(qs[0].cue == "say");
  CHECK(Cut(t, qs[1].spans.at(0)) == "\"We regret the long delay.\"");
  CHECK(Cut(t, qs[1].speaker_span).find("letter") != std::string::npos);
}

TEST_CASE("a second report coordinated with 'but' ends at its quotation", "[extract]") {
  std::string t =
      "Club news.\n\n"
      "Moss said the club will still meet, but said, \"It is time we change how we do it,\" "
      "promising a new venue.\n";
  auto qs = ExtractQuotes(t);
  REQUIRE(qs.size() == 2);
  CHECK(qs[0].kind == StatementKind::kIndirect);
  CHECK(qs[0].text == "the club will still meet");
  CHECK(qs[1].kind == StatementKind::kDirect);
  REQUIRE(qs[1].spans.size() == 1);
  CHECK(Cut(t, qs[1].spans[0]) == "\"It is time we change how we do it,\"");
  CHECK(qs[1].speaker == "Moss");
  CHECK(qs[1].speaker_span == qs[0].speaker_span);
}

TEST_CASE("a verb fronted before its speaker ('Said X, ...', 'Stated X:')", "[extract]") {
  std::string t =
      "Mill closes.\n\n"
      "Said Rosa Vidal, who grew up beside the mill, \"We were proud of that place.\"\n\n"
      "Stated Tom Moss:\n\n"
      "\"I think the stakes are high for the town.\"\n";
  auto qs = ExtractQuotes(t);
  REQUIRE(qs.size() == 2);
  CHECK(qs[0].kind == StatementKind::kDirect);
  CHECK(Cut(t, qs[0].spans.at(0)) == "\"We were proud of that place.\"");
  CHECK(qs[0].speaker == "Rosa Vidal");  // the verb is not part of the name
  CHECK(qs[0].cue == "Said");
  CHECK(Cut(t, qs[1].spans.at(0)) == "\"I think the stakes are high for the town.\"");
  CHECK(qs[1].speaker == "Tom Moss");
  CHECK(qs[1].cue == "Stated");
}

TEST_CASE("a quotation after a lead-in ends at its own trailing attribution", "[extract]") {
  std::string t =
      "Awards night.\n\n"
      "In her speech, Vidal declared the need for patience and drive: \"Change the town and "
      "then change it again,\" she said.\n";
  auto qs = ExtractQuotes(t);
  REQUIRE(qs.size() == 1);
  CHECK(qs[0].kind == StatementKind::kDirect);
  REQUIRE(qs[0].spans.size() == 1);
  CHECK(Cut(t, qs[0].spans[0]) == "\"Change the town and then change it again,\"");
  CHECK(qs[0].speaker_mention == "she");  // the nearer attribution
  CHECK(qs[0].cue == "said");
}

TEST_CASE("a lower-case quotation completes the words before the speaker", "[extract]") {
  std::string t =
      "Council vote.\n\n"
      "An early vote, the mayor said, \"could settle the matter for good.\"\n\n"
      "At one point, Vidal said, \"We are done here.\"\n";
  auto qs = ExtractQuotes(t);
  REQUIRE(qs.size() == 2);
  CHECK(qs[0].kind == StatementKind::kPartial);
  CHECK(SpanTexts(t, qs[0]) ==
        std::vector<std::string>{"An early vote", "\"could settle the matter for good.\""});
  CHECK(Cut(t, qs[0].speaker_span) == "the mayor");
  // A capitalised quotation after an opening phrase stays alone.
  CHECK(qs[1].kind == StatementKind::kDirect);
  CHECK(SpanTexts(t, qs[1]) == std::vector<std::string>{"\"We are done here.\""});
}

TEST_CASE("a quotation followed by 'and' plus the narrator's verb ends at the quotation",
          "[extract]") {
  std::string t =
      "Online.\n\n"
      "Lee wrote to his many followers, \"It is time to end this for good,\" and shared a "
      "link to his page.\n";
  auto qs = ExtractQuotes(t);
  REQUIRE(qs.size() == 1);
  CHECK(qs[0].kind == StatementKind::kDirect);
  CHECK(SpanTexts(t, qs[0]) ==
        std::vector<std::string>{"\"It is time to end this for good,\""});
  CHECK(qs[0].speaker == "Lee");
}

TEST_CASE("', but went on to say' starts a second report", "[extract]") {
  std::string t =
      "Safety.\n\n"
      "Moss said that the bakery was his answer, but went on to say, \"There are places in "
      "this town that are unsafe.\"\n";
  auto qs = ExtractQuotes(t);
  REQUIRE(qs.size() == 2);
  CHECK(qs[0].text == "that the bakery was his answer");
  CHECK(qs[1].kind == StatementKind::kDirect);
  CHECK(SpanTexts(t, qs[1]) ==
        std::vector<std::string>{"\"There are places in this town that are unsafe.\""});
  CHECK(qs[1].speaker == "Moss");
}

TEST_CASE("a report after an earlier one that holds the words before it takes its own clause",
          "[extract]") {
  std::string t =
      "Old friends.\n\n"
      "Moss admitted to the paper that he and the woman had \"been friends for some time,\" "
      "he claimed they had never met.\n";
  auto qs = ExtractQuotes(t);
  REQUIRE(qs.size() == 2);
  CHECK(qs[0].kind == StatementKind::kPartial);
  CHECK(qs[0].text == "that he and the woman had \"been friends for some time,\"");
  CHECK(qs[0].speaker == "Moss");
  CHECK(qs[1].text == "they had never met");
  CHECK(qs[1].cue == "claimed");
}

TEST_CASE("chants and shouts are quoted speech; narration after them is not content",
          "[extract]") {
  std::string t =
      "Rally.\n\n"
      "The marchers chanted, \"Open the gates!\"\n\n"
      "Protesters walking through the square chanted \"What curfew?\" and kept going.\n";
  auto qs = ExtractQuotes(t);
  REQUIRE(qs.size() == 2);
  CHECK(qs[0].kind == StatementKind::kDirect);
  CHECK(SpanTexts(t, qs[0]) == std::vector<std::string>{"\"Open the gates!\""});
  CHECK(qs[0].cue == "chanted");
  CHECK(Cut(t, qs[0].speaker_span) == "The marchers");
  CHECK(qs[1].kind == StatementKind::kDirect);
  CHECK(SpanTexts(t, qs[1]) == std::vector<std::string>{"\"What curfew?\""});
}

TEST_CASE("a coordinated report ends where a new speaker reports", "[extract]") {
  std::string t =
      "Homecoming.\n\n"
      "As Moss thanked the town and said it was good to be home, a man yelled \"Stay "
      "there!\"\n";
  auto qs = ExtractQuotes(t);
  const ExtractedQuote* said = FindQ(qs, "good to be home");
  REQUIRE(said != nullptr);
  CHECK(said->text == "it was good to be home");
  CHECK(said->speaker == "Moss");
  const ExtractedQuote* yell = FindQ(qs, "Stay there");
  REQUIRE(yell != nullptr);
  CHECK(yell->kind == StatementKind::kDirect);
  CHECK(Cut(t, yell->speaker_span) == "a man");
  CHECK(yell->cue == "yelled");
}

TEST_CASE("a relative 'which' after a noun is the subject of the cue", "[extract]") {
  std::string t =
      "River study.\n\n"
      "The study, which found that the river was clean, was paid for by the town.\n";
  auto qs = ExtractQuotes(t);
  REQUIRE(qs.size() == 1);
  CHECK(qs[0].cue == "found");
  CHECK(Cut(t, qs[0].speaker_span) == "which");
  CHECK(qs[0].text == "that the river was clean");
}

TEST_CASE("a programme title after a possessive is not what the speaker said", "[extract]") {
  std::string t =
      "Television.\n\n"
      "Moss told Channel Four's \"Morning Desk\" on Friday that the plan was dead.\n";
  auto qs = ExtractQuotes(t);
  REQUIRE(qs.size() == 1);
  CHECK(qs[0].kind == StatementKind::kIndirect);
  CHECK(qs[0].text == "that the plan was dead");
  CHECK(qs[0].speaker == "Moss");
}

TEST_CASE("digest line: a name after a dash, a colon, then the quotation", "[extract]") {
  std::string t =
      "Digest.\n\n"
      "POLLS WERE NOT WRONG, JUST EARLY - Ann Lee and Tom Moss: \"Although the polls missed "
      "the result, they were not far off.\" [Blog.]\n";
  auto qs = ExtractQuotes(t);
  REQUIRE(qs.size() == 1);
  CHECK(qs[0].kind == StatementKind::kDirect);
  CHECK(SpanTexts(t, qs[0]) == std::vector<std::string>{
                                   "\"Although the polls missed the result, they were not far "
                                   "off.\""});
  CHECK(Cut(t, qs[0].speaker_span) == "Ann Lee and Tom Moss");
  REQUIRE(qs[0].speakers.size() == 2);
}

TEST_CASE("an object-taking cue reports a one-name object without trailing time words",
          "[extract]") {
  std::string t =
      "Endorsements.\n\n"
      "Moss endorsed Vidal last week.\n\n"
      "Lee praised Ann Vidal on Monday.\n\n"
      "Lee thanked Moss for his help.\n";
  auto qs = ExtractQuotes(t);
  REQUIRE(qs.size() == 3);
  CHECK(qs[0].text == "Vidal");
  CHECK(qs[0].cue == "endorsed");
  CHECK(qs[0].speaker == "Moss");
  CHECK(qs[1].text == "Ann Vidal");
  CHECK(qs[1].cue == "praised");
  CHECK(qs[2].text == "Moss for his help");  // not a time word: kept
}

TEST_CASE("speakers with a prepositional postmodifier ('Experts on X', 'Those close to him')",
          "[extract]") {
  std::string t =
      "A quiet week in the valley.\n\n"
      "Those close to him say the mayor will not run again.\n\n"
      "Experts on river safety said the dam was sound.\n\n"
      "People familiar with the talks said a deal was near.\n";
  auto qs = ExtractQuotes(t);
  REQUIRE(qs.size() == 3);
  CHECK(qs[0].text == "the mayor will not run again");
  CHECK(Cut(t, qs[0].speaker_span) == "Those close to him");
  CHECK(qs[1].text == "the dam was sound");
  CHECK(Cut(t, qs[1].speaker_span) == "Experts");  // the head; "on river safety" qualifies it
  CHECK(qs[2].text == "a deal was near");
  CHECK(Cut(t, qs[2].speaker_span) == "People familiar");
}
