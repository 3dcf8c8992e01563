// Claim frames (engine/claims) and the contradiction reports (engine/analysis) over a store
// filled with hand-made statements, so these tests check the claims logic whatever the
// extractor does. The CLI tests at the end go through the extractor with robust inputs.
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <catch2/catch.hpp>
#include <cstdio>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <map>
#include <set>
#include <string>

#include "quotedb/claims.h"
#include "quotedb/db.h"
#include "quotedb/reader.h"
#include "cli_util.h"

namespace quotedb {
namespace {

namespace fs = std::filesystem;

ClaimBuilder& Builder() {
  // One builder per test binary; tests run on one thread.
  static std::unique_ptr<ClaimBuilder> b = ClaimBuilder::Create().value();
  return *b;
}

Claim Frame(std::string_view text, std::string_view cue = "said",
            std::vector<std::string> speakers = {}, std::string_view context = "") {
  ClaimInput in;
  in.text = text;
  in.cue = cue;
  in.speakers = std::move(speakers);
  in.context = context;
  return Builder().Build(in);
}

bool Has(const std::vector<std::string>& v, const std::string& x) {
  return std::find(v.begin(), v.end(), x) != v.end();
}

int64_t Day(const char* ymd) {
  ParsedDate d;
  REQUIRE(ParseDate(ymd, &d));
  return d.days;
}

struct TempDir {
  fs::path path;
  TempDir() {
    static std::atomic<int> n{0};
    path = fs::temp_directory_path() /
           ("qdb-claims-" + std::to_string(::getpid()) + "-" + std::to_string(n++));
    fs::remove_all(path);
  }
  ~TempDir() { fs::remove_all(path); }
};

// A statement whose content is `content`, found in `text` (so context and spans are real).
ExtractedQuote Stmt(const std::string& text, const std::string& content, const std::string& cue,
                    std::vector<std::string> speakers,
                    SpeakerKind kind = SpeakerKind::kGovernment) {
  ExtractedQuote q;
  size_t at = text.find(content);
  REQUIRE(at != std::string::npos);
  q.kind = StatementKind::kIndirect;
  q.text = content;
  q.spans = {{static_cast<uint32_t>(at), static_cast<uint32_t>(at + content.size())}};
  q.cue = cue;
  for (const std::string& s : speakers) {
    SpeakerMention m;
    m.name = s;
    m.kind = kind;
    q.speakers.push_back(m);
  }
  q.speaker = speakers.empty() ? "" : speakers.front();
  q.confidence = 0.9f;
  return q;
}

Article MakeArticle(const std::string& url, const std::string& source, const char* date,
                    const std::string& body) {
  Article a;
  a.url = url;
  a.source_name = source;
  a.date_days = Day(date);
  a.title = "Title of " + url;
  a.text = a.title + "\n" + body;
  return a;
}

std::unique_ptr<DB> OpenDb(const TempDir& dir) {
  auto db = DB::Open(dir.path.string(), Options{});
  REQUIRE(db.ok());
  return std::move(*db);
}

const Finding* FindKind(const std::vector<Finding>& fs, FindingKind kind) {
  for (const Finding& f : fs)
    if (f.kind == kind) return &f;
  return nullptr;
}

bool SideHasSpeaker(const std::vector<FindingEntry>& side, const std::string& name) {
  for (const FindingEntry& e : side)
    for (const std::string& s : e.claim.hit.speakers)
      if (s == name) return true;
  return false;
}

}  // namespace

// ---- Frames ----

TEST_CASE("entity keys: one key per country, the two Koreas apart", "[claims]") {
  ClaimBuilder& b = Builder();
  for (const char* n : {"North Korea", "Pyongyang", "DPRK", "North Korean", "the DPRK"})
    CHECK(b.EntityKey(n) == "north-korea");
  for (const char* n : {"South Korea", "Seoul", "South Korean"}) CHECK(b.EntityKey(n) == "south-korea");
  for (const char* n : {"Russia", "Moscow", "the Kremlin"}) CHECK(b.EntityKey(n) == "russia");
  CHECK(b.EntityKey("Washington") == "united-states");
  CHECK(b.EntityKey("Korea") != "north-korea");
  CHECK(b.EntityKey("Korea") != "south-korea");
  // People by surname, so "Vladimir Putin" and "Mr Putin" meet.
  CHECK(b.EntityKey("Vladimir Putin") == b.EntityKey("Mr Putin"));

  Claim c = Frame("the North supplied shells to Russia", "said", {"South Korea"},
                  "South Korea's military said on Tuesday that North Korea");
  CHECK(Has(c.participants, "north-korea"));
  CHECK_FALSE(Has(c.participants, "south-korea"));
}

TEST_CASE("event classes: arms trade wordings meet at one proposition", "[claims]") {
  std::vector<std::string> texts = {
      "Russia and North Korea were trading in arms",
      "an arms trade between Russia and North Korea",
      "North Korea supplied weapons to Russia",
      "Pyongyang is shipping drones to Moscow",
      "the DPRK sold artillery shells to the Kremlin",
  };
  uint64_t key = 0;
  for (const std::string& t : texts) {
    Claim c = Frame(t);
    INFO(t);
    CHECK(c.event_class == "arms-transfer");
    CHECK(c.participants == std::vector<std::string>{"north-korea", "russia"});
    if (key == 0) key = c.proposition_key;
    CHECK(c.proposition_key == key);
  }
  CHECK(key != 0);
  // "armed aggression" is not an arms transfer.
  CHECK(Frame("Russia will provide assistance if North Korea faces armed aggression").event_class !=
        "arms-transfer");
  CHECK(Frame("income tax will rise next year", "said", {"Clara Hoffmann"}).event_class ==
        "tax-increase");
  CHECK(Frame("12 people were killed in Kandahar").event_class == "casualties");
}

TEST_CASE("polarity: cue verbs and negation scope", "[claims]") {
  // "B denies X" is B asserting not-X, about B.
  Claim denial = Frame("any arms trade", "denied", {"Russia", "North Korea"});
  CHECK(denial.polarity == Polarity::kDeny);
  CHECK(denial.event_class == "arms-transfer");
  CHECK(denial.participants == std::vector<std::string>{"north-korea", "russia"});

  // "A accuses B of X" is A asserting X of B: the accused come from before the content.
  Claim accusation =
      Frame("violating international laws by trading in arms for Russia to use against Ukraine",
            "accused", {"Washington", "Seoul"},
            "Washington and Seoul have been increasingly alarmed by deepening military "
            "cooperation between Russia and North Korea, and have accused the two of ");
  CHECK(accusation.polarity == Polarity::kAffirm);
  CHECK(accusation.participants == std::vector<std::string>{"north-korea", "russia"});
  CHECK(accusation.proposition_key == denial.proposition_key);
  CHECK(Has(accusation.objects, "Ukraine"));  // the target is not a party to the trade
  CHECK(accusation.asserter_entities == std::vector<std::string>{"united-states", "south-korea"});

  CHECK(Frame("We will not raise income tax", "said", {"Clara Hoffmann"}).polarity ==
        Polarity::kDeny);
  CHECK(Frame("There will be no increase in income tax", "said", {"Clara Hoffmann"}).polarity ==
        Polarity::kDeny);
  CHECK(Frame("a rise in income tax", "ruled out", {"Clara Hoffmann"}).polarity ==
        Polarity::kDeny);
  // A negation outside the clause of the event does not reach it.
  CHECK(Frame("We have no choice but to raise income tax", "said", {"Clara Hoffmann"}).polarity ==
        Polarity::kAffirm);
  // Two negations cancel.
  CHECK(Frame("she did not rule out a rise in income tax", "said", {"Clara Hoffmann"}).polarity ==
        Polarity::kAffirm);
  // Falsity after the event.
  CHECK(Frame("claims of an arms trade between Russia and North Korea are baseless").polarity ==
        Polarity::kDeny);
  CHECK(Frame("Iran has not supplied any drones to Russia").polarity == Polarity::kDeny);
}

TEST_CASE("modality: asserted, hedged, question, reported", "[claims]") {
  CHECK(Frame("North Korea supplied weapons to Russia").modality == Modality::kAsserted);
  CHECK(Frame("North Korea may have supplied weapons to Russia").modality == Modality::kHedged);
  CHECK(Frame("it would consider sending arms to Ukraine", "said", {"South Korea"}).modality ==
        Modality::kHedged);
  CHECK(Frame("Will North Korea send missiles to Russia?").modality == Modality::kQuestion);
  CHECK(Frame("whether North Korea sent missiles to Russia", "asked").modality ==
        Modality::kQuestion);
  CHECK(Frame("North Korea reportedly shipped shells to Russia").modality == Modality::kReported);
  // "May" with a capital is a month, not a hedge.
  CHECK(Frame("North Korea shipped shells to Russia in May").modality == Modality::kAsserted);
}

TEST_CASE("numbers: values, qualifiers and what they count", "[claims]") {
  Claim c = Frame("At least 12 people were killed and 30 were wounded in Kandahar");
  REQUIRE(c.numbers.size() == 2);
  CHECK(c.numbers[0].value == 12);
  CHECK(c.numbers[0].qualifier == "at least");
  CHECK(c.numbers[0].counts == "deaths");
  CHECK(c.numbers[0].unit == "people");
  CHECK(c.numbers[1].value == 30);
  CHECK(c.numbers[1].counts == "injuries");

  Claim s = Frame("Seoul would add 243 new items to a list of goods banned from export to Russia "
                  "bringing the total to 1,402");
  REQUIRE(s.numbers.size() == 2);
  CHECK(s.numbers[0].value == 243);
  CHECK(s.numbers[0].counts == "item");
  CHECK(s.numbers[1].value == 1402);

  // Years, dates and article numbers are not quantities.
  CHECK(Frame("the war began in February 2022 under Article 51 on June 19").numbers.empty());
  CHECK(Frame("Twelve people died in Kandahar").numbers.at(0).value == 12);
  CHECK(Frame("tax will rise by 2 per cent", "said", {"Clara Hoffmann"}).numbers.at(0).unit == "%");
}

TEST_CASE("frames: odd inputs never crash", "[claims]") {
  std::vector<std::string> odd = {
      "", " ", "1,402", "to 1,402", "the total to 1,402", "4.5m", "$5bn", "12", "12 12 12",
      "\xe2\x80\x9c", "\xe2\x80\x99s", "U.S.", "u.s.", "the two", "both", "Twelve", "dozens",
      "\xff\xfe\xfd", "North", "the North", "at least", "not", "n't", "?", "'s", "-", "1st 2nd",
      "Article 51", "May", "10:30", "100% 50 per cent", "rule out", "accused", "in"};
  // Deterministic noise: bytes and words mixed.
  uint32_t x = 12345;
  for (int i = 0; i < 300; ++i) {
    std::string t;
    int len = static_cast<int>((x = x * 1103515245u + 12345u) >> 26);
    for (int k = 0; k < len; ++k) {
      x = x * 1103515245u + 12345u;
      static const char* kWords[] = {"12", "killed", "the", "two", "North", "Korea", "arms",
                                     "not", ",", "denied", "\xe2\x80\x9d", "Seoul", "1,4",
                                     "at", "least", "in", "Kandahar", "tax", "raise", "?", "'"};
      if ((x >> 16) % 3 == 0) t.push_back(static_cast<char>(x >> 8));
      else t += std::string(kWords[(x >> 20) % 21]) + " ";
    }
    odd.push_back(t);
  }
  for (const std::string& t : odd) {
    for (const char* cue : {"said", "denied", "accused", ""}) {
      ClaimInput in;
      in.text = t;
      in.cue = cue;
      in.speakers = {t, "Russia"};
      in.context = t;
      Claim c = Builder().Build(in);
      CHECK((c.proposition_key == 0) == (c.participants.empty() || c.event_class.empty()));
    }
  }
}

TEST_CASE("proposition keys ignore order and need an event and a participant", "[claims]") {
  CHECK(PropositionKey({"russia", "north-korea"}, "arms-transfer") ==
        PropositionKey({"north-korea", "russia", "russia"}, "arms-transfer"));
  CHECK(PropositionKey({"north-korea", "russia"}, "arms-transfer") !=
        PropositionKey({"south-korea", "russia"}, "arms-transfer"));
  CHECK(PropositionKey({}, "arms-transfer") == 0);
  CHECK(PropositionKey({"russia"}, "") == 0);
  CHECK(Frame("the weather was fine").proposition_key == 0);
}

// ---- Reports over a store ----

TEST_CASE("claim-vs-denial across outlets, with support and hedged statements apart",
          "[claims]") {
  TempDir dir;
  auto db = OpenDb(dir);
  std::string a1 =
      "The United States accused Iran on Monday of supplying attack drones to Russia. "
      "Ukrainian officials said they found Iranian drone wreckage in Kharkiv. "
      "Analysts said Iran may have shipped more drones to Russia.";
  Article art1 = MakeArticle("https://a.example/1", "a.example", "2024-03-04", a1);
  std::string t1 = art1.text;
  REQUIRE((*db).ImportArticle(
                   art1, {Stmt(t1, "supplying attack drones to Russia", "accused",
                               {"United States"}),
                          Stmt(t1, "they found Iranian drone wreckage in Kharkiv", "said",
                               {"Ukrainian officials"}),
                          Stmt(t1, "Iran may have shipped more drones to Russia", "said",
                               {"Analysts"}, SpeakerKind::kGroup)})
              .ok());
  Article art2 = MakeArticle("https://b.example/2", "b.example", "2024-03-06",
                             "Iran on Wednesday denied sending any drones to Russia.");
  std::string t2 = art2.text;
  REQUIRE(db->ImportArticle(art2, {Stmt(t2, "sending any drones to Russia", "denied", {"Iran"})})
              .ok());

  auto findings = FindContradictions(*db, ContradictionQuery{});
  REQUIRE(findings.ok());
  const Finding* f = FindKind(*findings, FindingKind::kClaimVsDenial);
  REQUIRE(f != nullptr);
  CHECK(f->proposition == "arms transfer: Iran, Russia");
  CHECK(SideHasSpeaker(f->for_side, "United States"));
  CHECK(SideHasSpeaker(f->against, "Iran"));
  CHECK(f->score > 0.5);
  CHECK(f->score <= 1.0);
  std::map<std::string, std::string> roles;
  for (const FindingEntry& e : f->for_side) roles[e.claim.hit.speakers.at(0)] = e.role;
  CHECK(roles["United States"] == "claim");
  CHECK(roles["Ukrainian officials"] == "support");  // evidence about one participant
  CHECK(roles["Analysts"] == "hedged");              // kept apart from flat assertions
  for (const FindingEntry& e : f->against) CHECK(e.claim.hit.source == "b.example");

  // Speaker and date filters.
  ContradictionQuery by_iran;
  by_iran.speaker = "Iran";
  auto f2 = FindContradictions(*db, by_iran);
  REQUIRE(f2.ok());
  CHECK(FindKind(*f2, FindingKind::kClaimVsDenial) != nullptr);
  ContradictionQuery early;
  early.to_days = Day("2024-03-05");
  auto f3 = FindContradictions(*db, early);
  REQUIRE(f3.ok());
  CHECK(FindKind(*f3, FindingKind::kClaimVsDenial) == nullptr);
  ContradictionQuery topic;
  topic.topic = "drones";
  CHECK(FindKind(*FindContradictions(*db, topic), FindingKind::kClaimVsDenial) != nullptr);
  topic.topic = "bananas";
  CHECK(FindContradictions(*db, topic)->empty());

  // quotedb claims: for / against / observing.
  auto report = ClaimsAbout(*db, "Iran supplies drones to Russia");
  REQUIRE(report.ok());
  CHECK(report->for_side.size() == 1);
  CHECK(report->against.size() == 1);
  CHECK(report->observing.size() == 1);
  CHECK_FALSE(ClaimsAbout(*db, "the weather was fine").ok());
}

TEST_CASE("self-contradiction: ruled out in March, announced in September", "[claims]") {
  TempDir dir;
  auto db = OpenDb(dir);
  Article m = MakeArticle("https://l.example/march", "ledger.example", "2023-03-14",
                          "Finance Minister Clara Hoffmann said there will be no increase in "
                          "income tax this year.");
  Article s = MakeArticle("https://l.example/sept", "ledger.example", "2023-09-19",
                          "Finance Minister Clara Hoffmann announced that income tax will rise "
                          "from January.");
  REQUIRE(db->ImportArticle(m, {Stmt(m.text, "there will be no increase in income tax this year",
                                     "said", {"Clara Hoffmann"}, SpeakerKind::kPerson)})
              .ok());
  REQUIRE(db->ImportArticle(s, {Stmt(s.text, "income tax will rise from January", "announced",
                                     {"Clara Hoffmann"}, SpeakerKind::kPerson)})
              .ok());
  auto findings = FindContradictions(*db, ContradictionQuery{});
  REQUIRE(findings.ok());
  const Finding* f = FindKind(*findings, FindingKind::kSelfContradiction);
  REQUIRE(f != nullptr);
  CHECK(FindKind(*findings, FindingKind::kClaimVsDenial) == nullptr);
  REQUIRE(f->for_side.size() == 1);
  REQUIRE(f->against.size() == 1);
  CHECK(f->against[0].role == "earlier");
  CHECK(f->against[0].claim.hit.statement.date_days == Day("2023-03-14"));
  CHECK(f->for_side[0].role == "later");
  CHECK(f->for_side[0].claim.hit.statement.date_days == Day("2023-09-19"));
}

TEST_CASE("numeric-mismatch: two outlets, two death tolls", "[claims]") {
  TempDir dir;
  auto db = OpenDb(dir);
  Article a = MakeArticle("https://n.example/1", "northgate.example", "2024-05-10",
                          "A car bomb killed 12 people at a market in Kandahar, police said.");
  Article b = MakeArticle("https://g.example/2", "gulf.example", "2024-05-11",
                          "The bombing in Kandahar killed 19 people, the health ministry said.");
  REQUIRE(db->ImportArticle(a, {Stmt(a.text, "A car bomb killed 12 people at a market in Kandahar",
                                     "said", {"police"})})
              .ok());
  REQUIRE(db->ImportArticle(b, {Stmt(b.text, "The bombing in Kandahar killed 19 people", "said",
                                     {"health ministry"})})
              .ok());
  auto findings = FindContradictions(*db, ContradictionQuery{});
  REQUIRE(findings.ok());
  const Finding* f = FindKind(*findings, FindingKind::kNumericMismatch);
  REQUIRE(f != nullptr);
  CHECK(f->quantity == "deaths");
  REQUIRE(f->for_side.size() == 1);
  REQUIRE(f->against.size() == 1);
  CHECK(f->for_side[0].claim.claim.numbers.at(0).value !=
        f->against[0].claim.claim.numbers.at(0).value);
  CHECK(f->score >= 0.8);
}

// ---- Through the CLI binary ----

namespace {

std::string Run(const std::string& args, int* rc) {
  auto r = quotedb::testing::RunQuotedb(args);
  *rc = r.code;
  return std::move(r.out);
}

std::set<std::string> Speakers(const nlohmann::json& side) {
  std::set<std::string> out;
  for (const auto& s : side)
    if (s["speaker"].is_string()) out.insert(s["speaker"].get<std::string>());
  return out;
}

}  // namespace

TEST_CASE("CLI: contradictions across the multi-article fixtures", "[claims][cli]") {
  TempDir dir;
  std::string db = "--db " + dir.path.string();
  int rc = 0;
  Run("-q " + db + " import " + std::string(QUOTEDB_SOURCE_DIR) + "/fixtures/claims", &rc);
  REQUIRE(rc == 0);
  std::string out = Run(db + " contradictions --format json", &rc);
  REQUIRE(rc == 0);
  auto j = nlohmann::json::parse(out);
  std::set<std::string> kinds;
  for (const auto& f : j) {
    kinds.insert(f["kind"].get<std::string>());
    CHECK(f.contains("proposition"));
    CHECK(f["score"].get<double>() >= 0);
    CHECK(f["score"].get<double>() <= 1);
    for (const auto& side : {f["for"], f["against"]}) {
      CHECK(!side.empty());
      for (const auto& s : side)
        for (const char* k : {"id", "kind", "quote", "speaker", "source", "date", "url", "article"})
          CHECK(s.contains(k));
    }
    if (f["kind"] == "claim-vs-denial") {
      CHECK(f["for"][0]["source"] != f["against"][0]["source"]);  // one outlet each side
    }
    if (f["kind"] == "self-contradiction") {
      CHECK(Speakers(f["for"]) == Speakers(f["against"]));
    }
  }
  CHECK(kinds.count("claim-vs-denial"));
  CHECK(kinds.count("self-contradiction"));
  CHECK(kinds.count("numeric-mismatch"));

  std::string jl = Run(db + " contradictions --format jsonl --speaker \"Clara Hoffmann\"", &rc);
  CHECK(rc == 0);
  CHECK(jl.find("self-contradiction") != std::string::npos);
  CHECK(jl.find("claim-vs-denial") == std::string::npos);

  std::string claims = Run(db + " claims --format jsonl \"Iran supplied drones to Russia\"", &rc);
  CHECK(rc == 0);
  CHECK(claims.find("\"stance\":\"for\"") != std::string::npos);
  CHECK(claims.find("\"stance\":\"against\"") != std::string::npos);

  Run(db + " contradictions --from not-a-date", &rc);
  CHECK(rc == 2);
}

TEST_CASE("CLI: the seed article sets the accusation against the denial", "[claims][cli][seed]") {
  const std::string seed = "/work/shared/corpus/seed/nk-russia-pact.json";
  if (!fs::exists(seed)) {
    WARN("skipped: " << seed << " is absent");
    return;
  }
  TempDir dir;
  std::string db = "--db " + dir.path.string();
  int rc = 0;
  Run("-q " + db + " import " + seed, &rc);
  REQUIRE(rc == 0);
  auto j = nlohmann::json::parse(Run(db + " contradictions --format json", &rc));
  REQUIRE(rc == 0);
  const nlohmann::json* arms = nullptr;
  for (const auto& f : j) {
    // Never one party for the two Koreas: no finding sets South Korea against itself or
    // folds it into the North.
    for (const auto& side : {f["for"], f["against"]})
      for (const auto& s : side)
        for (const auto& p : s["participants"]) CHECK(p != "korea");
    if (f["kind"] == "claim-vs-denial" &&
        f["proposition"].get<std::string>().find("arms transfer") != std::string::npos)
      arms = &f;
  }
  REQUIRE(arms != nullptr);
  CHECK((*arms)["proposition"] == "arms transfer: North Korea, Russia");
  std::string for_text = (*arms)["for"].dump(), against_text = (*arms)["against"].dump();
  CHECK(for_text.find("Washington") != std::string::npos);
  CHECK(for_text.find("Seoul") != std::string::npos);
  CHECK(for_text.find("missile debris") != std::string::npos);  // the Ukrainian evidence
  CHECK(against_text.find("any arms trade") != std::string::npos);
  for (const auto& s : (*arms)["against"]) {
    std::string who = s["speaker"].is_string() ? s["speaker"].get<std::string>() : "";
    CHECK(who.find("South Korea") == std::string::npos);
    CHECK(who.find("Seoul") == std::string::npos);
  }
  for (const auto& s : (*arms)["for"])
    for (const auto& p : s["participants"]) CHECK(p != "south-korea");
}

}  // namespace quotedb
