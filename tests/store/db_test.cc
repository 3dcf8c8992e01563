#include <catch2/catch.hpp>
#include <rocksdb/db.h>

#include <fstream>

#include "quotedb/db.h"
#include "quotedb/keys.h"
#include "quotedb/reader.h"
#include "store/open_or_die.h"
#include "store/raw_db.h"
#include "test_util.h"

using namespace quotedb;
using quotedb::testing::MakeArticle;
using quotedb::testing::OpenOrDie;
using quotedb::testing::Quote;
using quotedb::testing::TempDir;

namespace {

int64_t Day(const char* iso) {
  ParsedDate d;
  REQUIRE(ParseDate(iso, &d));
  return d.days;
}


// Number of keys in each column family, read with RocksDB directly.
std::map<std::string, size_t> CountKeys(const std::string& dir) {
  std::vector<std::string> names;
  REQUIRE(rocksdb::DB::ListColumnFamilies(rocksdb::DBOptions(), dir, &names).ok());
  std::vector<rocksdb::ColumnFamilyDescriptor> cfs;
  for (auto& n : names) cfs.emplace_back(n, rocksdb::ColumnFamilyOptions());
  std::vector<rocksdb::ColumnFamilyHandle*> handles;
  rocksdb::DB* raw = nullptr;
  REQUIRE(rocksdb::DB::OpenForReadOnly(rocksdb::DBOptions(), dir, cfs, &handles, &raw).ok());
  std::map<std::string, size_t> counts;
  for (size_t i = 0; i < handles.size(); ++i) {
    std::unique_ptr<rocksdb::Iterator> it(raw->NewIterator(rocksdb::ReadOptions(), handles[i]));
    size_t n = 0;
    for (it->SeekToFirst(); it->Valid(); it->Next()) ++n;
    counts[names[i]] = n;
  }
  for (auto* h : handles) raw->DestroyColumnFamilyHandle(h);
  delete raw;
  return counts;
}

}  // namespace

TEST_CASE("a new database opens empty and reopens", "[store]") {
  TempDir dir;
  {
    auto db = OpenOrDie(dir.str());
    auto st = db->GetStats();
    REQUIRE(st.ok());
    CHECK(st->counters.articles == 0);
    CHECK(st->schema_version == kSchemaVersion);
  }
  auto db = OpenOrDie(dir.str());
  CHECK(db->GetStats()->counters.statements == 0);
}

TEST_CASE("one article is one atomic write with every index entry", "[store]") {
  TempDir dir;
  {
    auto db = OpenOrDie(dir.str());
    Article a = MakeArticle("Bridge closes", "Body.", "coastalherald.example", Day("2025-03-04"));
    auto r = db->ImportArticle(a, {Quote("We cannot ask people to drive across it.", "Lucinda Varga"),
                                   Quote("The cables reached the end of their life.", "Tomasz Wielgosz"),
                                   Quote("Unattributed words here.", "")});
    REQUIRE(r.ok());
    CHECK(r->outcome == ImportOutcome::kNew);
    CHECK(r->statements == 3);
  }
  auto counts = CountKeys(dir.str());
  CHECK(counts["articles"] == 1);
  CHECK(counts["bodies"] == 1);
  CHECK(counts["statements"] == 3);
  CHECK(counts["by_date"] == 3);
  CHECK(counts["by_content"] == 3);
  CHECK(counts["by_source"] == 3);
  CHECK(counts["by_speaker"] == 2);  // the unattributed statement has no speaker entry
  CHECK(counts["speakers"] == 2);
  CHECK(counts["sources"] == 1);
  CHECK(counts["by_body"] == 1);
  CHECK(counts["terms"] > 10);
}

TEST_CASE("re-importing the same article changes nothing and says so", "[store]") {
  TempDir dir;
  auto db = OpenOrDie(dir.str());
  Article a = MakeArticle("T", "Body.", "x.example", Day("2025-01-01"), "https://x.example/1");
  std::vector<ExtractedQuote> q = {Quote("Words that matter.", "Ann Example")};
  REQUIRE(db->ImportArticle(a, q)->outcome == ImportOutcome::kNew);
  auto before = db->GetStats()->counters;
  auto again = db->ImportArticle(a, q);
  REQUIRE(again.ok());
  CHECK(again->outcome == ImportOutcome::kUnchanged);
  CHECK(again->statements == 1);
  auto after = db->GetStats()->counters;
  CHECK(after.articles == before.articles);
  CHECK(after.statements == before.statements);
  CHECK(after.speakers == before.speakers);
}

TEST_CASE("quotes by speaker, source and date range, newest first", "[store]") {
  TempDir dir;
  auto db = OpenOrDie(dir.str());
  REQUIRE(db->ImportArticle(MakeArticle("March", "b1", "herald.example", Day("2025-03-01")),
                            {Quote("We will not raise taxes.", "Maria Lopez")})
              .ok());
  REQUIRE(db->ImportArticle(MakeArticle("September", "b2", "post.example", Day("2025-09-01")),
                            {Quote("Taxes must rise.", "Maria Lopez"),
                             Quote("A different voice.", "Sam Other")})
              .ok());
  REQUIRE(db->ImportArticle(MakeArticle("Old", "b3", "post.example", Day("1969-07-20")),
                            {Quote("One small step.", "Neil Example")})
              .ok());

  QuoteQuery q;
  q.speaker = "maria LOPEZ";
  auto hits = db->Quotes(q);
  REQUIRE(hits.ok());
  REQUIRE(hits->size() == 2);
  CHECK((*hits)[0].statement.text == "Taxes must rise.");  // newest first
  CHECK((*hits)[0].speakers == std::vector<std::string>{"Maria Lopez"});
  CHECK((*hits)[0].source == "post.example");

  q.speaker = "Lopez";  // a surname finds the person
  CHECK(db->Quotes(q)->size() == 2);

  q.from_days = Day("2025-06-01");
  REQUIRE(db->Quotes(q)->size() == 1);

  QuoteQuery by_source;
  by_source.source = "post.example";
  CHECK(db->Quotes(by_source)->size() == 3);
  by_source.to_days = Day("1970-01-01");  // dates before 1970 sort before it
  REQUIRE(db->Quotes(by_source)->size() == 1);
  CHECK(db->Quotes(by_source)->front().statement.text == "One small step.");

  QuoteQuery nobody;
  nobody.speaker = "No Such Person";
  CHECK(db->Quotes(nobody)->empty());
}

TEST_CASE("who-said: exact content hash first, then containment", "[store]") {
  TempDir dir;
  auto db = OpenOrDie(dir.str());
  REQUIRE(db->ImportArticle(MakeArticle("A", "x", "a.example", 100),
                            {Quote("\u201cNothing is off the table now.\u201d", "Artyom Lukin")})
              .ok());
  REQUIRE(db->ImportArticle(
                MakeArticle("B", "y", "b.example", 101),
                {Quote("He said that nothing is off the table now, and meant it.", "Someone Else")})
              .ok());
  auto hits = db->WhoSaid("nothing is OFF the table now", 10);
  REQUIRE(hits.ok());
  REQUIRE(hits->size() == 2);
  CHECK((*hits)[0].exact);
  CHECK((*hits)[0].speakers.front() == "Artyom Lukin");
  CHECK_FALSE((*hits)[1].exact);
  CHECK((*hits)[1].speakers.front() == "Someone Else");
  CHECK(db->WhoSaid("table nothing", 10)->empty());  // words out of order do not match
  CHECK(db->WhoSaid("unheard-of words", 10)->empty());
  CHECK(db->WhoSaid("   ", 10)->empty());
}

TEST_CASE("speakers: honorifics stripped, surnames join, namesakes kept apart", "[store]") {
  TempDir dir;
  auto db = OpenOrDie(dir.str());
  REQUIRE(db->ImportArticle(MakeArticle("1", "a", "", 1), {Quote("First.", "Vladimir Putin")}).ok());
  REQUIRE(db->ImportArticle(MakeArticle("2", "b", "", 2), {Quote("Second.", "Mr Putin")}).ok());
  REQUIRE(db->ImportArticle(MakeArticle("3", "c", "", 3),
                            {Quote("Third.", "Kim Jong Un"), Quote("Fourth.", "Kim Yo Jong")})
              .ok());
  REQUIRE(db->ImportArticle(MakeArticle("4", "d", "", 4),
                            {Quote("Fifth.", "John Smith"), Quote("Sixth.", "Jane Smith")})
              .ok());
  REQUIRE(db->ImportArticle(MakeArticle("5", "e", "", 5), {Quote("Seventh.", "Smith")}).ok());

  auto putin = db->FindSpeakers("putin", 0);
  REQUIRE(putin.ok());
  REQUIRE(putin->size() == 1);
  CHECK(putin->front().name == "Vladimir Putin");
  CHECK(putin->front().statement_count == 2);

  QuoteQuery q;
  q.speaker = "Kim Jong Un";
  CHECK(db->Quotes(q)->size() == 1);
  // "Smith" is the surname of two different people: merged into neither.
  q.speaker = "John Smith";
  CHECK(db->Quotes(q)->size() == 1);
  auto all = db->FindSpeakers("", 0);
  REQUIRE(all.ok());
  CHECK(all->size() == 6);  // Putin, two Kims, two Smiths, and "Smith" on its own
  CHECK(db->GetStats()->counters.speakers == 6);
  q.speaker = "Smith";  // a lookup by surname finds all three
  CHECK(db->Quotes(q)->size() == 3);
}

TEST_CASE("group statements index under each member", "[store]") {
  TempDir dir;
  auto db = OpenOrDie(dir.str());
  ExtractedQuote q = Quote("Russia and North Korea have denied any arms trade.", "");
  q.speaker = "Russia and North Korea";
  q.speakers = {SpeakerMention{"Russia", SpeakerKind::kGovernment, "", "", ""},
                SpeakerMention{"North Korea", SpeakerKind::kGovernment, "", "", ""}};
  REQUIRE(db->ImportArticle(MakeArticle("t", "b", "", 5), {q}).ok());
  QuoteQuery by_member;
  by_member.speaker = "North Korea";
  auto hits = db->Quotes(by_member);
  REQUIRE(hits->size() == 1);
  CHECK(hits->front().speakers == std::vector<std::string>{"Russia", "North Korea"});
  by_member.speaker = "South Korea";
  CHECK(db->Quotes(by_member)->empty());  // the two Koreas never collapse
}

TEST_CASE("a second writer gets Busy with a sentence naming the directory", "[store]") {
  TempDir dir;
  auto first = OpenOrDie(dir.str());
  auto second = DB::Open(dir.str(), Options{});
  REQUIRE_FALSE(second.ok());
  CHECK(second.status().IsBusy());
  CHECK(second.status().message().find(dir.str()) != std::string::npos);
  // A reader may still open it read-only.
  Options ro;
  ro.read_only = true;
  auto reader = DB::Open(dir.str(), ro);
  REQUIRE(reader.ok());
  CHECK((*reader)->ImportArticle(MakeArticle("x", "y", "", 1), {}).status().IsNotSupported());
}

TEST_CASE("a directory that is not a quotedb database is refused", "[store]") {
  TempDir dir;
  std::filesystem::create_directories(dir.path);
  std::ofstream(dir.path / "notes.txt") << "my notes";
  auto db = DB::Open(dir.str(), Options{});
  REQUIRE_FALSE(db.ok());
  CHECK(db.status().IsInvalidArgument());
  CHECK(db.status().message().find("not a quotedb database") != std::string::npos);
  CHECK(std::filesystem::exists(dir.path / "notes.txt"));  // nothing touched

  TempDir file_dir;
  std::filesystem::create_directories(file_dir.path);
  std::ofstream(file_dir.path / "f") << "x";
  CHECK(DB::Open((file_dir.path / "f").string(), Options{}).status().IsInvalidArgument());
}

TEST_CASE("a database written by a newer schema version is refused", "[store]") {
  TempDir dir;
  { OpenOrDie(dir.str()); }
  {
    quotedb::testing::RawDb raw(dir.str());
    std::string v;
    keys::PutU32(&v, kSchemaVersion + 1);
    REQUIRE(raw.db()->Put(rocksdb::WriteOptions(), raw.cf("meta"), "schema_version", v).ok());
  }
  auto db = DB::Open(dir.str(), Options{});
  REQUIRE_FALSE(db.ok());
  CHECK(db.status().IsNotSupported());
  CHECK(db.status().message().find("schema version " + std::to_string(kSchemaVersion + 1)) !=
        std::string::npos);
}

TEST_CASE("a missing database is not created by a read", "[store]") {
  TempDir dir;
  Options o;
  o.create_if_missing = false;
  auto db = DB::Open(dir.str(), o);
  CHECK(db.status().IsNotFound());
  CHECK_FALSE(std::filesystem::exists(dir.path));
}

TEST_CASE("a creation interrupted before CURRENT was written is created over", "[store]") {
  TempDir dir;
  std::filesystem::create_directories(dir.path);
  std::ofstream(dir.path / "LOCK");
  std::ofstream(dir.path / "LOG") << "partial";
  std::ofstream(dir.path / "000003.log");
  auto db = DB::Open(dir.str(), Options{});
  INFO(db.status().ToString());
  REQUIRE(db.ok());
  CHECK((*db)->GetStats()->counters.articles == 0);
}

TEST_CASE("a database opened for a bulk import, its tables written, answers as for queries",
          "[store]") {
  // bulk_import reads the index and filter blocks of the families an import does not read
  // through the block cache: the same tables, read another way.
  TempDir dir;
  auto answers = [](DB* db) {
    std::vector<std::string> out;
    for (const char* words : {"nothing is off the table now", "off the table", "pay rise"}) {
      auto hits = db->WhoSaid(words, 10);
      REQUIRE(hits.ok());
      for (const StatementHit& h : *hits) out.push_back(h.statement.text + " | " + h.speakers.front());
    }
    QuoteQuery q;
    q.speaker = "Artyom Lukin";
    auto quotes = db->Quotes(q);
    REQUIRE(quotes.ok());
    for (const StatementHit& h : *quotes) out.push_back(h.statement.text);
    auto check = db->Check("Nothing at all is off the table now.", CheckOptions{});
    REQUIRE(check.ok());
    out.push_back(std::to_string(static_cast<int>(check->verdict)) + " " +
                  std::to_string(check->variants.size()));
    return out;
  };
  std::vector<std::string> bulk;
  {
    Options o;
    o.bulk_import = true;
    o.block_cache_bytes = 1u << 20;  // small: the blocks are evicted and read again
    auto db = OpenOrDie(dir.str(), o);
    for (int i = 0; i < 40; ++i) {
      const std::string n = std::to_string(i);
      REQUIRE(db->ImportArticle(
                    MakeArticle("A" + n, "story " + n, "s" + n + ".example", 100 + i),
                    {Quote("Nothing is off the table now.", "Artyom Lukin"),
                     Quote("Workers in plant " + n + " will get a pay rise in the spring.",
                           "Union Leader " + n)})
                  .ok());
    }
    REQUIRE(db->Sync().ok());
    REQUIRE(db->Compact().ok());  // every family in tables, none in memtables
    bulk = answers(db.get());
  }
  CHECK(bulk.size() == 3 * 10 + 40 + 1);  // three who-said at their limit, 40 quotes, check
  auto db = OpenOrDie(dir.str());
  CHECK(answers(db.get()) == bulk);
}
