// DB::Check, DB::AttributionReport and syndication, on statements built by hand (so the tests
// check the cross-checks, not the extractor).
#include <catch2/catch.hpp>
#include <unistd.h>

#include <atomic>
#include <cmath>
#include <filesystem>
#include <map>
#include <set>

#include "quotedb/db.h"
#include "quotedb/reader.h"
#include "quotedb/text.h"
#include "analysis/minhash.h"
#include "store/raw_db.h"
#include "test_util.h"

using namespace quotedb;
using quotedb::testing::TempDir;

namespace {

// A quote with a person as speaker, cue "said" (test_util.h).
ExtractedQuote Said(const std::string& text, const std::string& speaker) {
  return quotedb::testing::Quote(text, speaker);
}

int64_t Day(const char* iso) {
  ParsedDate d;
  REQUIRE(ParseDate(iso, &d));
  return d.days;
}

Article Story(const std::string& url, const std::string& source, const char* date,
              const std::string& title, const std::string& body) {
  Article a;
  a.url = url;
  a.source_name = source;
  a.date_days = Day(date);
  a.title = title;
  a.text = title + "\n" + body;
  return a;
}

std::unique_ptr<DB> Open(const TempDir& dir) {
  auto db = DB::Open(dir.path.string(), Options{});
  INFO(db.status().ToString());
  REQUIRE(db.ok());
  return std::move(db).value();
}

void Import(DB* db, const Article& a, const std::vector<ExtractedQuote>& quotes) {
  auto r = db->ImportArticle(a, quotes);
  INFO(r.status().ToString());
  REQUIRE(r.ok());
}

const char* kTaxes = "We will not raise taxes on working families while I am in office.";
const char* kBudget = "The budget will protect schools and hospitals from any cuts next year.";
const char* kPlan = "The spending plan will protect schools and hospitals from any cuts next year.";

// A short body around one quote: too short to be a syndicated copy of another.
std::string Body(const std::string& topic, const std::string& quote) {
  return "On " + topic + ":\n\"" + quote + "\" the official said.";
}

// kBudget and kPlan (the same quote, two words changed) in two outlets.
void ImportDrift(DB* db) {
  Import(db, Story("https://northstar.example/1", "northstar.example", "2024-05-14", "Budget",
                   Body("the budget", kBudget)),
         {Said(kBudget, "Ana Ruiz")});
  Import(db, Story("https://valleypost.example/1", "valleypost.example", "2024-05-15", "Plan",
                   Body("the plan", kPlan)),
         {Said(kPlan, "Ana Ruiz")});
}

std::string WireBody(const std::string& first_line) {
  return first_line +
         "\nOfficials in the province said the dam on the Kessel river was holding but that "
         "engineers would inspect it again at dawn.\n\"We have moved more than four thousand "
         "people out of the low-lying villages as a precaution,\" provincial governor Lena "
         "Hartmann told reporters.\nRain fell for a third straight day across the region, and "
         "forecasters expect another forty millimetres before the weekend.\n\"The water is "
         "still rising, and nobody should try to drive through the flooded roads tonight,\" "
         "said fire chief Marco Bianchi.\nSchools in eleven districts will stay closed until "
         "Monday, and the regional railway has suspended services between Alden and Kessel.";
}

const char* kEvacuated =
    "We have moved more than four thousand people out of the low-lying villages as a precaution";
const char* kWater = "The water is still rising, and nobody should try to drive through the "
                     "flooded roads tonight";

void ImportWire(DB* db) {
  Import(db, Story("https://a.example/floods", "globetimes.example", "2024-09-10", "Thousands evacuated",
                   WireBody("KESSEL (Wire) - Thousands of people were evacuated on Tuesday as floods swept the valley.")),
         {Said(kEvacuated, "Lena Hartmann"), Said(kWater, "Marco Bianchi")});
  Import(db, Story("https://b.example/floods", "morningnews.example", "2024-09-10", "Mass evacuation in Kessel",
                   WireBody("Floodwater forced thousands of people from their homes in the Kessel valley, officials said.")),
         {Said(kEvacuated, "Lena Hartmann"), Said(kWater, "Marco Bianchi")});
  Import(db, Story("https://c.example/floods", "eveningstar.example", "2024-09-11", "Kessel river floods",
                   WireBody("KESSEL - More than four thousand people were moved to safety as the river burst its banks.")),
         {Said(kEvacuated, "Lena Hartmann"), Said(kWater, "Marco Bianchi")});
}

}  // namespace

TEST_CASE("Check: the same words given to two people", "[crosscheck][check]") {
  TempDir dir;
  auto db = Open(dir);
  Import(db.get(), Story("https://ledger.example/1", "dailyledger.example", "2024-03-04", "Pledge",
                         Body("taxes", kTaxes)),
         {Said(kTaxes, "Maria Alvarez")});
  Import(db.get(), Story("https://herald.example/1", "coastalherald.example", "2024-03-06", "Rally",
                         Body("the rally", kTaxes)),
         {Said(kTaxes, "Tom Becker")});

  SECTION("claimed by one of them: confirmed, the other listed") {
    CheckOptions o;
    o.speaker = "Maria Alvarez";
    auto r = db->Check("we will not raise taxes on working families while I am in office", o);
    REQUIRE(r.ok());
    CHECK(r->verdict == Verdict::kConfirmed);
    REQUIRE(r->speakers.size() == 2);
    CHECK(r->statements.size() == 2);
    bool alvarez_claimed = false;
    for (const auto& ev : r->speakers)
      if (ev.name == "Maria Alvarez") alvarez_claimed = ev.claimed;
    CHECK(alvarez_claimed);
  }
  SECTION("a surname is enough to claim") {
    CheckOptions o;
    o.speaker = "Becker";
    auto r = db->Check(kTaxes, o);
    REQUIRE(r.ok());
    CHECK(r->verdict == Verdict::kConfirmed);
  }
  SECTION("claimed by someone else: misattributed, with each speaker's sources and dates") {
    CheckOptions o;
    o.speaker = "John Smith";
    auto r = db->Check(kTaxes, o);
    REQUIRE(r.ok());
    CHECK(r->verdict == Verdict::kMisattributed);
    REQUIRE(r->speakers.size() == 2);
    for (const auto& ev : r->speakers) {
      CHECK_FALSE(ev.claimed);
      CHECK(ev.sources.size() == 1);
      CHECK(ev.first_seen != kUnknownDate);
    }
  }
  SECTION("no speaker claimed: two attributions is a misattribution") {
    auto r = db->Check(kTaxes, CheckOptions{});
    REQUIRE(r.ok());
    CHECK(r->verdict == Verdict::kMisattributed);
  }
  SECTION("the report finds it") {
    auto r = db->AttributionReport(0);
    REQUIRE(r.ok());
    REQUIRE(r->size() == 1);
    CHECK((*r)[0].kind == AttributionFinding::Kind::kMisattributed);
    CHECK((*r)[0].speakers.size() == 2);
    CHECK((*r)[0].score > 0.5);
  }
}

TEST_CASE("Check: wording that drifted between outlets", "[crosscheck][check]") {
  TempDir dir;
  auto db = Open(dir);
  ImportDrift(db.get());

  SECTION("a confirmed quote still lists its variants") {
    CheckOptions o;
    o.speaker = "Ana Ruiz";
    auto r = db->Check(kBudget, o);
    REQUIRE(r.ok());
    CHECK(r->verdict == Verdict::kConfirmed);
    REQUIRE(r->variants.size() == 1);
    CHECK(r->variants[0].hit.statement.text == kPlan);
    CHECK(r->variants[0].diff.similarity == Approx(1.0 - 2.0 / 13.0));
    CHECK(FormatWordDiff(r->variants[0].diff).find("[-budget-] {+spending plan+}") !=
          std::string::npos);
  }
  SECTION("words only near a stored quote are altered") {
    auto r = db->Check("The new budget will protect schools and hospitals from cuts next year",
                       CheckOptions{});
    REQUIRE(r.ok());
    CHECK(r->verdict == Verdict::kAltered);
    CHECK(r->statements.empty());
    CHECK(r->variants.size() == 2);
    REQUIRE(r->speakers.size() == 1);
    CHECK(r->speakers[0].name == "Ana Ruiz");
  }
  SECTION("the report finds the drift once") {
    auto r = db->AttributionReport(0);
    REQUIRE(r.ok());
    REQUIRE(r->size() == 1);
    CHECK((*r)[0].kind == AttributionFinding::Kind::kAltered);
    REQUIRE((*r)[0].variants.size() == 1);
  }
}

TEST_CASE("Check: a wording is banded once, and every statement with it is found",
          "[crosscheck][check]") {
  TempDir dir;
  auto db = Open(dir);
  // kBudget once; kPlan in four unrelated articles (short bodies on other topics: no
  // syndication group): one committed before the others, two in one later commit, and one
  // article that gives it twice, the second time with other punctuation (the same words).
  ImportDrift(db.get());
  REQUIRE(db->Sync().ok());
  Import(db.get(), Story("https://hillgazette.example/1", "hillgazette.example", "2024-05-16",
                         "Schools", Body("schools", kPlan)),
         {Said(kPlan, "Ana Ruiz")});
  const std::string plan_again =
      "the spending plan will protect schools, and hospitals, from any cuts next year";
  Import(db.get(), Story("https://rivertimes.example/1", "rivertimes.example", "2024-05-17",
                         "Hospitals", Body("hospitals", kPlan) + "\nAnd again: \"" + plan_again + "\""),
         {Said(kPlan, "Ana Ruiz"), Said(plan_again, "Ana Ruiz")});
  Import(db.get(), Story("https://coastherald.example/1", "coastherald.example", "2024-05-18",
                         "Cuts", Body("cuts", kPlan)),
         {Said(kPlan, "Ana Ruiz")});
  REQUIRE(db->Sync().ok());

  SECTION("check lists every statement of the variant wording") {
    auto r = db->Check(kBudget, CheckOptions{});
    REQUIRE(r.ok());
    CHECK(r->statements.size() == 1);
    std::set<std::string> sources;
    for (const VariantHit& v : r->variants) {
      CHECK(NormalizeForHash(v.hit.statement.text) == NormalizeForHash(kPlan));
      sources.insert(v.hit.source);
    }
    CHECK(r->variants.size() == 5);
    CHECK(sources.size() == 4);
  }
  SECTION("the report gives the drift with all five") {
    auto r = db->AttributionReport(0);
    REQUIRE(r.ok());
    REQUIRE(r->size() == 1);
    CHECK((*r)[0].kind == AttributionFinding::Kind::kAltered);
    // The wording most reported is the main one.
    CHECK(NormalizeForHash((*r)[0].text) == NormalizeForHash(kPlan));
    CHECK((*r)[0].variants.size() == 1);
  }
  SECTION("bands and signatures: one statement per wording") {
    db.reset();
    quotedb::testing::RawDb raw(dir.path.string());
    std::map<std::string, int> bands;  // statement key -> lsh keys
    std::unique_ptr<rocksdb::Iterator> it(
        raw.db()->NewIterator(rocksdb::ReadOptions(), raw.cf("lsh")));
    for (it->SeekToFirst(); it->Valid(); it->Next())
      ++bands[it->key().ToString().substr(1 + 8)];
    REQUIRE(it->status().ok());
    CHECK(bands.size() == 2);  // kBudget's statement and the first of kPlan's
    for (const auto& [skey, n] : bands) CHECK(n == static_cast<int>(analysis::kQuoteParams.bands));
    size_t full = 0, hash_only = 0;
    it.reset(raw.db()->NewIterator(rocksdb::ReadOptions(), raw.cf("signatures")));
    for (it->SeekToFirst(); it->Valid(); it->Next()) {
      if (it->value().size() == 16) {
        ++hash_only;
        CHECK(bands.count(it->key().ToString()) == 0);
      } else {
        ++full;
        CHECK(bands.count(it->key().ToString()) == 1);
      }
    }
    REQUIRE(it->status().ok());
    CHECK(full == 2);
    CHECK(hash_only == 4);  // the other four of kPlan
  }
}

TEST_CASE("Check: quotes sharing only a common phrase are not variants", "[crosscheck][check]") {
  TempDir dir;
  auto db = Open(dir);
  const char* mayor = "At the end of the day, we will do what is right for the city and its people";
  const char* coach = "At the end of the day, the league has to look after its players first";
  Import(db.get(), Story("https://city.example/1", "citypaper.example", "2024-04-02", "Mayor",
                         Body("housing", mayor)),
         {Said(mayor, "John Okafor")});
  Import(db.get(), Story("https://sport.example/1", "sportsdesk.example", "2024-04-03", "Coach",
                         Body("football", coach)),
         {Said(coach, "Dan Miller")});
  auto r = db->Check(mayor, CheckOptions{});
  REQUIRE(r.ok());
  CHECK(r->verdict == Verdict::kConfirmed);
  CHECK(r->variants.empty());
  auto none = db->Check("At the end of the day, nobody knows what the weather will do", CheckOptions{});
  REQUIRE(none.ok());
  CHECK(none->verdict == Verdict::kNotFound);
  auto report = db->AttributionReport(0);
  REQUIRE(report.ok());
  CHECK(report->empty());
  CHECK_FALSE(db->Check(" ... ", CheckOptions{}).ok());  // no words: invalid argument
}

TEST_CASE("Syndication: a wire story in three outlets counts once", "[crosscheck][syndication]") {
  TempDir dir;
  auto db = Open(dir);
  ImportWire(db.get());
  // A different story on the same topic is not a copy.
  Import(db.get(), Story("https://d.example/floods", "localnews.example", "2024-09-11", "Flood relief",
                         Body("the floods in Kessel", "Volunteers are bringing food to the shelters")),
         {Said("Volunteers are bringing food to the shelters", "Lena Hartmann")});

  auto stats = db->GetStats();
  REQUIRE(stats.ok());
  CHECK(stats->counters.articles == 4);
  CHECK(stats->counters.statements == 7);
  CHECK(stats->counters.syndicated_articles == 2);
  CHECK(stats->counters.syndicated_statements == 4);

  SECTION("queries show each quote once, with every outlet") {
    QuoteQuery q;
    q.speaker = "Marco Bianchi";
    auto hits = db->Quotes(q);
    REQUIRE(hits.ok());
    REQUIRE(hits->size() == 1);
    CHECK((*hits)[0].sources.size() == 3);
    CHECK((*hits)[0].copies.size() == 2);

    QuoteQuery by_source;
    by_source.source = "eveningstar.example";
    auto one = db->Quotes(by_source);
    REQUIRE(one.ok());
    REQUIRE(one->size() == 2);
    CHECK((*one)[0].sources.size() == 3);  // the copies the query did not return count too

    auto said = db->WhoSaid(kWater, 10);
    REQUIRE(said.ok());
    REQUIRE(said->size() == 1);
    CHECK(said->front().sources.size() == 3);
  }
  SECTION("check: three outlets, one independent source") {
    CheckOptions o;
    o.speaker = "Hartmann";
    auto r = db->Check(kEvacuated, o);
    REQUIRE(r.ok());
    CHECK(r->verdict == Verdict::kConfirmed);
    REQUIRE(r->speakers.size() == 1);
    CHECK(r->speakers[0].sources.size() == 3);
    CHECK(r->speakers[0].statements == 3);
    CHECK(r->speakers[0].independent == 1);
    CHECK(r->speakers[0].first_seen == Day("2024-09-10"));
    CHECK(r->speakers[0].last_seen == Day("2024-09-11"));
    REQUIRE(r->statements.size() == 1);
    CHECK(r->statements[0].sources.size() == 3);
  }
  SECTION("re-importing changes nothing") {
    ImportWire(db.get());
    auto again = db->GetStats();
    REQUIRE(again.ok());
    CHECK(again->counters.syndicated_articles == 2);
    CHECK(again->counters.syndicated_statements == 4);
  }
  SECTION("no findings: the copies agree") {
    auto report = db->AttributionReport(0);
    REQUIRE(report.ok());
    CHECK(report->empty());
  }
}

TEST_CASE("Syndication: a misattribution inside syndicated copies counts sources once",
          "[crosscheck][syndication]") {
  TempDir dir;
  auto db = Open(dir);
  ImportWire(db.get());
  // Another outlet gives the fire chief's words to the governor.
  Import(db.get(), Story("https://e.example/x", "weeklyvoice.example", "2024-09-12", "Governor warns",
                         Body("the floods", kWater)),
         {Said(kWater, "Lena Hartmann")});
  auto r = db->Check(kWater, CheckOptions{});
  REQUIRE(r.ok());
  CHECK(r->verdict == Verdict::kMisattributed);
  REQUIRE(r->speakers.size() == 2);
  CHECK(r->speakers[0].name == "Marco Bianchi");  // 3 outlets, 1 independent; earlier
  CHECK(r->speakers[0].independent == 1);
  CHECK(r->speakers[1].independent == 1);
  CHECK(r->statements.size() == 2);  // the three copies fold into one
  auto report = db->AttributionReport(0);
  REQUIRE(report.ok());
  REQUIRE(report->size() == 1);
  CHECK((*report)[0].score == Approx(1.0 - std::exp(-1.6)).epsilon(0.01));
}

TEST_CASE("Check: a full name and a lone surname are one attribution", "[crosscheck][check]") {
  TempDir dir;
  auto db = Open(dir);
  const char* q = "There is no need for that, and it is not the way we do business at this club";
  // Two different people named Parry are known, so the store cannot merge the lone surname.
  Import(db.get(), Story("https://x.example/1", "one.example", "2005-01-01", "Club",
                         Body("the club", q)),
         {Said(q, "Rick Parry"), Said("Something else entirely was said here today", "Anne Parry")});
  Import(db.get(), Story("https://y.example/1", "two.example", "2005-01-02", "Club statement",
                         Body("the statement", q)),
         {Said(q, "Parry")});
  auto r = db->Check(q, CheckOptions{});
  REQUIRE(r.ok());
  CHECK(r->verdict == Verdict::kConfirmed);
  REQUIRE(r->speakers.size() == 1);
  CHECK(r->speakers[0].name == "Rick Parry");
  CHECK(r->speakers[0].statements == 2);
  auto report = db->AttributionReport(0);
  REQUIRE(report.ok());
  CHECK(report->empty());
}
