// The hit cache (engine/store/hit_cache.h): its generation rule on its own, and queries through
// it answering exactly as queries that read everything from the store, across writes that
// change what a hit shows (a copy joining a syndication group, a new outlet, a secondary
// instance catching up).
#include <catch2/catch.hpp>

#include <atomic>
#include <string>
#include <thread>
#include <vector>

#include "quotedb/db.h"
#include "store/hit_cache.h"
#include "store/open_or_die.h"
#include "test_util.h"

using namespace quotedb;
using quotedb::store::HitCache;
using quotedb::testing::OpenOrDie;
using quotedb::testing::Quote;
using quotedb::testing::TempDir;

TEST_CASE("HitCache: entries serve only the generation they were read under", "[store][hit_cache]") {
  HitCache cache(1 << 20);
  const uint64_t g = cache.Generation();
  REQUIRE(g != HitCache::kNone);
  {
    auto c = cache.Use(g);
    REQUIRE(c.usable());
    c.PutSpeaker(7, "Ana Reyes");
    c.PutRoot(ArticleId{1, 2}, ArticleId{3, 4});
    c.PutContent(Hash128{5, 6}, {"statement-a", "statement-b"});
  }
  std::string name;
  ArticleId root;
  std::vector<std::string> same;
  CHECK(cache.Use(g).FindContent(Hash128{5, 6}, &same));
  CHECK(same == std::vector<std::string>{"statement-a", "statement-b"});
  CHECK_FALSE(cache.Use(g).FindContent(Hash128{6, 5}, &same));
  CHECK(cache.Use(g).FindSpeaker(7, &name));
  CHECK(name == "Ana Reyes");
  CHECK(cache.Use(g).FindRoot(ArticleId{1, 2}, &root));
  CHECK(root == ArticleId{3, 4});
  CHECK_FALSE(cache.Use(g).FindSpeaker(8, &name));

  SECTION("a change under way: no view may use the cache, a new view gets kNone") {
    cache.BeginChange();
    CHECK(cache.Generation() == HitCache::kNone);
    CHECK_FALSE(cache.Use(g).usable());
    CHECK_FALSE(cache.Use(HitCache::kNone).usable());
    cache.BeginChange();  // a second writer overlapping the first
    cache.EndChange();
    CHECK(cache.Generation() == HitCache::kNone);  // the first is still writing
    cache.EndChange();
    const uint64_t after = cache.Generation();
    REQUIRE(after != HitCache::kNone);
    CHECK(after != g);
    CHECK_FALSE(cache.Use(after).FindSpeaker(7, &name));  // cleared
    CHECK_FALSE(cache.Use(after).FindContent(Hash128{5, 6}, &same));
  }
  SECTION("a view older than the last change neither reads nor fills") {
    cache.BeginChange();
    cache.EndChange();
    {
      auto stale = cache.Use(g);
      CHECK_FALSE(stale.usable());
      stale.PutSpeaker(9, "Old Name");
    }
    CHECK_FALSE(cache.Use(cache.Generation()).FindSpeaker(9, &name));
    CHECK(cache.bytes_for_test() == 0);
  }
  SECTION("past its size the cache is cleared and fills again") {
    HitCache small(300);
    const uint64_t s = small.Generation();
    {
      auto c = small.Use(s);
      for (SpeakerId id = 1; id <= 10; ++id) c.PutSpeaker(id, std::string(40, 'x'));
    }
    CHECK(small.bytes_for_test() <= 300);
    CHECK(small.Use(s).FindSpeaker(10, &name));  // the newest is in
    CHECK_FALSE(small.Use(s).FindSpeaker(1, &name));
  }
  SECTION("size 0 disables it") {
    HitCache off(0);
    CHECK(off.Generation() == HitCache::kNone);
    CHECK_FALSE(off.Use(off.Generation()).usable());
  }
}

namespace {

// A wire story: long enough for its copies to be grouped (near_dup.cc), whatever the first line.
std::string WireBody(const std::string& first_line) {
  const std::vector<std::string> lines = {
      first_line,
      "Rescue teams worked through the night along the swollen river, and the army sent trucks "
      "and boats to the villages cut off by the water.",
      "\"The water is still rising, and nobody should try to drive through the flooded roads "
      "tonight,\" said fire chief Marco Bianchi.",
      "The regional council opened three schools as shelters and asked residents with spare "
      "rooms to take in families from the low-lying districts.",
      "Forecasters expect the rain to ease on Thursday, but warned that the river would crest "
      "only a day later, well above last spring's mark.",
  };
  std::string body;
  for (const std::string& l : lines) body += l + "\n";
  return body;
}

const char* kWater = "The water is still rising, and nobody should try to drive through the "
                     "flooded roads tonight";

Article Copy(int i) {
  const char* outlets[] = {"globetimes.example", "morningnews.example", "eveningstar.example",
                           "dailyherald.example"};
  Article a;
  a.url = "https://" + std::to_string(i) + ".example/floods";
  a.source_name = outlets[i % 4];
  a.date_days = 19976 + i;
  a.title = "Floods, report " + std::to_string(i);
  a.text = a.title + "\n" + WireBody("Report " + std::to_string(i) + " from the Kessel valley.");
  return a;
}

void ImportCopy(DB* db, int i, const std::string& speaker = "Marco Bianchi") {
  auto r = db->ImportArticle(Copy(i), {Quote(kWater, speaker)});
  INFO(r.status().ToString());
  REQUIRE(r.ok());
}

// Everything a hit shows, one line per hit.
std::string Show(const Result<std::vector<StatementHit>>& r) {
  INFO(r.status().ToString());
  REQUIRE(r.ok());
  std::string out;
  for (const StatementHit& h : *r) {
    out += h.statement.article_id.ToHex() + ":" + std::to_string(h.statement.ordinal) + " |";
    for (const auto& s : h.speakers) out += " " + s;
    out += " | " + h.source + " | " + h.url + " | " + h.title + " |";
    for (const auto& s : h.sources) out += " " + s;
    out += " |";
    for (const auto& c : h.copies) out += " " + c;
    out += "\n";
  }
  return out;
}

std::string Queries(DB* db) {
  QuoteQuery by_speaker;
  by_speaker.speaker = "Marco Bianchi";
  return Show(db->WhoSaid(kWater, 10)) + Show(db->WhoSaid("the flooded roads", 50)) +
         Show(db->Quotes(by_speaker));
}

size_t Sources(DB* db) {
  auto r = db->WhoSaid(kWater, 10);
  REQUIRE(r.ok());
  REQUIRE(r->size() == 1);
  return (*r)[0].sources.size();
}

}  // namespace

TEST_CASE("hit cache: queries answer as without it while copies join a group",
          "[store][hit_cache][syndication]") {
  TempDir d1("qdb-cache-on"), d2("qdb-cache-off");
  Options on, off;
  off.hit_cache_bytes = 0;
  auto cached = OpenOrDie(d1.str(), on);
  auto plain = OpenOrDie(d2.str(), off);
  // Each copy changes what the earlier hits show: the first article becomes a group's root,
  // every copy adds an outlet to `sources`.
  for (int i = 0; i < 4; ++i) {
    ImportCopy(cached.get(), i);
    ImportCopy(plain.get(), i);
    const std::string want = Queries(plain.get());
    CHECK(Queries(cached.get()) == want);
    CHECK(Queries(cached.get()) == want);  // now from the cache
    // A hit alone lists no `sources`; a group's lists every outlet (four for five copies).
    CHECK(Sources(cached.get()) == static_cast<size_t>(i == 0 ? 0 : i + 1));
  }
  // A copy giving the words to someone else is not folded; the speaker is new.
  ImportCopy(cached.get(), 4, "Lena Hartmann");
  ImportCopy(plain.get(), 4, "Lena Hartmann");
  CHECK(Queries(cached.get()) == Queries(plain.get()));
  auto r = cached->WhoSaid(kWater, 10);
  REQUIRE(r.ok());
  CHECK(r->size() == 2);
}

TEST_CASE("hit cache: a secondary instance's cache follows its catch-up", "[store][hit_cache]") {
  TempDir dir;
  auto writer = OpenOrDie(dir.str());
  ImportCopy(writer.get(), 0);
  REQUIRE(writer->Sync().ok());
  Options ro;
  ro.read_only = true;
  ro.create_if_missing = false;
  auto reader = OpenOrDie(dir.str(), ro);
  CHECK(Sources(reader.get()) == 0);  // one article: no group, no `sources`
  CHECK(Sources(reader.get()) == 0);  // now from the cache
  ImportCopy(writer.get(), 1);
  REQUIRE(writer->Sync().ok());
  CHECK(Sources(reader.get()) == 0);  // not caught up yet: the reader's state
  REQUIRE(reader->CatchUp().ok());
  CHECK(Sources(reader.get()) == 2);
}

TEST_CASE("hit cache: queries beside an import see each commit whole", "[store][hit_cache]") {
  TempDir dir;
  auto db = OpenOrDie(dir.str());
  ImportCopy(db.get(), 0);
  REQUIRE(db->Sync().ok());
  std::atomic<bool> done{false};
  std::atomic<int> bad{0}, reads{0};
  // A reader thread: the wire quote is one hit whose outlets only grow (0 for an article
  // alone, then 2, 3, 4), whatever commit it lands between.
  std::thread reader([&] {
    size_t last = 0;
    while (!done.load()) {
      auto r = db->WhoSaid(kWater, 10);
      if (!r.ok() || r->size() != 1) {
        ++bad;
        continue;
      }
      const size_t n = (*r)[0].sources.size();
      if (n < last || n == 1 || n > 4) ++bad;
      last = n;
      ++reads;
    }
  });
  for (int i = 1; i < 4; ++i) {
    ImportCopy(db.get(), i);
    REQUIRE(db->Sync().ok());
  }
  while (reads.load() < 20) std::this_thread::yield();
  done = true;
  reader.join();
  CHECK(bad.load() == 0);
  CHECK(Sources(db.get()) == 4);
}
