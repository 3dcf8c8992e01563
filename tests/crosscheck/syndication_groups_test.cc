// Syndication groups answer from their root (engine/store/near_dup.cc; schema/FORMAT.md,
// "Cross-checks"): only a root puts its body bands in `body_lsh`, a new article is compared
// with roots only (star, not chain), and a database whose `body_lsh` also holds members (as
// written before) still groups copies under their root. The stored families are read back
// raw, after the database is closed.
#include <catch2/catch.hpp>

#include <map>
#include <set>
#include <string>
#include <vector>

#include "analysis/minhash.h"
#include "quotedb/db.h"
#include "quotedb/keys.h"
#include "store/raw_db.h"
#include "test_util.h"

using namespace quotedb;
using quotedb::testing::MakeArticle;
using quotedb::testing::Quote;
using quotedb::testing::RawDb;
using quotedb::testing::TempDir;

namespace {

// A made-up word of letters only, distinct for every n: syllables of n in base 16.
std::string Word(unsigned n) {
  static const char* kSyl[] = {"ka", "lo", "mi", "nu", "pe", "ra", "si", "to",
                               "vu", "we", "yo", "za", "be", "di", "fo", "gu"};
  std::string w;
  do {
    w += kSyl[n % 16];
    n /= 16;
  } while (n);
  return w + "x";
}

// Paragraph `p`: 40 words that appear in no other paragraph.
std::string Paragraph(unsigned p) {
  std::string s;
  for (unsigned i = 0; i < 40; ++i) {
    s += Word(p * 100 + i);
    s += i % 10 == 9 ? ". " : " ";
  }
  return s;
}

// A body of paragraphs [first, last].
std::string Paragraphs(unsigned first, unsigned last) {
  std::string s;
  for (unsigned p = first; p <= last; ++p) s += Paragraph(p) + "\n";
  return s;
}

Article Story(const std::string& slug, const std::string& body) {
  return MakeArticle("Headline " + slug, body, "outlet-" + slug + ".example", 20000,
                     "https://" + slug + ".example/story");
}

ArticleId Import(DB* db, const Article& a, const std::vector<ExtractedQuote>& quotes = {}) {
  auto r = db->ImportArticle(a, quotes);
  INFO(r.status().ToString());
  REQUIRE(r.ok());
  REQUIRE(r->outcome == ImportOutcome::kNew);
  return r->id;
}

std::unique_ptr<DB> Open(const TempDir& dir) {
  auto db = DB::Open(dir.str(), Options{});
  INFO(db.status().ToString());
  REQUIRE(db.ok());
  return std::move(db).value();
}

std::vector<uint32_t> BodySignature(const Article& a) {
  return PrepareArticle(a, {}).body_signature;
}

double Similarity(const Article& a, const Article& b) {
  return analysis::EstimateJaccard(BodySignature(a), BodySignature(b));
}

// The root `syndication` gives article `id`.
ArticleId RootOf(RawDb& raw, const ArticleId& id) {
  std::string v;
  REQUIRE(raw.db()->Get(rocksdb::ReadOptions(), raw.cf("syndication"), keys::ArticleKey(id), &v).ok());
  std::string_view in(v);
  ArticleId root;
  REQUIRE(keys::GetHash128(&in, &root));
  return root;
}

// Article id -> how many `body_lsh` keys name it.
std::map<ArticleId, int> BodyLshEntries(RawDb& raw) {
  std::map<ArticleId, int> out;
  std::unique_ptr<rocksdb::Iterator> it(
      raw.db()->NewIterator(rocksdb::ReadOptions(), raw.cf("body_lsh")));
  for (it->SeekToFirst(); it->Valid(); it->Next()) {
    std::string_view k(it->key().data(), it->key().size());
    REQUIRE(k.size() == 1 + 8 + 16);
    k.remove_prefix(9);
    ArticleId id;
    REQUIRE(keys::GetHash128(&k, &id));
    ++out[id];
  }
  REQUIRE(it->status().ok());
  return out;
}

// `synd_members` as root -> members.
std::map<ArticleId, std::set<ArticleId>> Members(RawDb& raw) {
  std::map<ArticleId, std::set<ArticleId>> out;
  std::unique_ptr<rocksdb::Iterator> it(
      raw.db()->NewIterator(rocksdb::ReadOptions(), raw.cf("synd_members")));
  for (it->SeekToFirst(); it->Valid(); it->Next()) {
    std::string_view k(it->key().data(), it->key().size());
    ArticleId root, member;
    REQUIRE(keys::GetHash128(&k, &root));
    REQUIRE(keys::GetHash128(&k, &member));
    out[root].insert(member);
  }
  return out;
}

// The `body_lsh` keys an article's body gives (what builds before this one wrote for every
// signed article, members included).
std::vector<std::string> BandKeys(const Article& a, const ArticleId& id) {
  std::vector<std::string> out;
  std::vector<uint64_t> bands = analysis::BandHashes(BodySignature(a), analysis::kBodyParams);
  for (size_t b = 0; b < bands.size(); ++b) {
    std::string k(1, static_cast<char>(b));
    keys::PutU64(&k, bands[b]);
    out.push_back(k + keys::ArticleKey(id));
  }
  return out;
}

Counters GetCounters(DB* db) {
  auto st = db->GetStats();
  REQUIRE(st.ok());
  return st->counters;
}

const int kBands = static_cast<int>(analysis::kBodyParams.bands);

// Three reprints drifting one paragraph at a time: root R, member M (close to R), and N, close
// to M but not to R.
struct Drift {
  Article r = Story("root", Paragraphs(1, 6));
  Article m = Story("member", Paragraphs(2, 7));
  Article n = Story("drifted", Paragraphs(3, 8));
  Drift() {
    // The premise, on the signatures the store computes (ties at the threshold would make
    // the test depend on the estimate's error).
    INFO("R~M " << Similarity(r, m) << " M~N " << Similarity(m, n) << " R~N "
                << Similarity(r, n));
    REQUIRE(Similarity(r, m) >= 0.65);
    REQUIRE(Similarity(m, n) >= 0.65);
    REQUIRE(Similarity(r, n) < 0.55);
  }
};

}  // namespace

TEST_CASE("Syndication: copies of one story join one group whose root is the first",
          "[crosscheck][syndication]") {
  TempDir dir;
  const std::string body = Paragraphs(1, 5);
  std::vector<ArticleId> ids;
  ArticleId other;
  {
    auto db = Open(dir);
    for (int k = 0; k < 6; ++k) {
      ids.push_back(Import(db.get(), Story("copy" + std::to_string(k), body)));
      // Another story between the copies: a group of its own.
      if (k == 2) other = Import(db.get(), Story("other", Paragraphs(20, 24)));
    }
    Counters c = GetCounters(db.get());
    CHECK(c.articles == 7);
    CHECK(c.syndicated_articles == 5);
  }
  RawDb raw(dir.str());
  for (const ArticleId& id : ids) CHECK(RootOf(raw, id) == ids[0]);
  CHECK(RootOf(raw, other) == other);
  // body_lsh holds the two roots' bands, none of the copies'.
  std::map<ArticleId, int> lsh = BodyLshEntries(raw);
  REQUIRE(lsh.size() == 2);
  CHECK(lsh[ids[0]] == kBands);
  CHECK(lsh[other] == kBands);
  std::map<ArticleId, std::set<ArticleId>> members = Members(raw);
  REQUIRE(members.size() == 1);
  CHECK(members[ids[0]] == std::set<ArticleId>(ids.begin(), ids.end()));
}

TEST_CASE("Syndication: a copy close to a member but not to its root starts a group",
          "[crosscheck][syndication]") {
  Drift d;
  TempDir dir;
  ArticleId r, m, n, n2;
  {
    auto db = Open(dir);
    r = Import(db.get(), d.r);
    m = Import(db.get(), d.m);
    n = Import(db.get(), d.n);
    // A reprint of N joins N's group.
    n2 = Import(db.get(), Story("drifted-again", Paragraphs(3, 8)));
    CHECK(GetCounters(db.get()).syndicated_articles == 2);
  }
  RawDb raw(dir.str());
  CHECK(RootOf(raw, m) == r);
  // Compared with R only (star): N does not join R's group through M.
  CHECK(RootOf(raw, n) == n);
  CHECK(RootOf(raw, n2) == n);
  std::map<ArticleId, int> lsh = BodyLshEntries(raw);
  CHECK(lsh.size() == 2);
  CHECK(lsh.count(r) == 1);
  CHECK(lsh.count(n) == 1);
}

TEST_CASE("Syndication: a database whose body_lsh holds members groups under the root",
          "[crosscheck][syndication]") {
  Drift d;
  TempDir dir;
  ArticleId r, m;
  {
    auto db = Open(dir);
    r = Import(db.get(), d.r);
    m = Import(db.get(), d.m);
  }
  {
    // What a build before roots-only wrote: the member's bands too.
    RawDb raw(dir.str());
    REQUIRE(BodyLshEntries(raw).count(m) == 0);
    for (const std::string& k : BandKeys(d.m, m))
      REQUIRE(raw.db()->Put(rocksdb::WriteOptions(), raw.cf("body_lsh"), k, "").ok());
    REQUIRE(BodyLshEntries(raw)[m] == kBands);
  }
  ArticleId x, y;
  {
    auto db = Open(dir);
    // A reprint of M: found through M's bands (and R's), grouped under R, not under M.
    x = Import(db.get(), Story("member-reprint", Paragraphs(2, 7)),
               {Quote("We will rebuild the bridge before the winter comes back", "Ana Reyes")});
    // Close to M only: its own group, as in a new database.
    y = Import(db.get(), d.n);
    Counters c = GetCounters(db.get());
    CHECK(c.syndicated_articles == 2);
    auto report = db->Verify(10);
    REQUIRE(report.ok());
    CHECK(report->ok());
  }
  RawDb raw(dir.str());
  CHECK(RootOf(raw, m) == r);
  CHECK(RootOf(raw, x) == r);
  CHECK(RootOf(raw, y) == y);
  std::map<ArticleId, std::set<ArticleId>> members = Members(raw);
  REQUIRE(members.size() == 1);
  CHECK(members[r] == std::set<ArticleId>{r, m, x});
  std::map<ArticleId, int> lsh = BodyLshEntries(raw);
  CHECK(lsh.count(x) == 0);
  CHECK(lsh[y] == kBands);
}

TEST_CASE("Syndication: statements counted once per group, words shared across groups",
          "[crosscheck][syndication]") {
  TempDir dir;
  auto db = Open(dir);
  const char* kBridge = "We will rebuild the bridge before the winter comes back to the valley";
  const char* kRoads = "Nobody should drive on the flooded roads tonight or tomorrow morning";
  const char* kShelter = "The shelters have room for every family that needs a bed tonight";
  // Story A in four outlets, story B (another group) with one of A's quotes, in two.
  for (int k = 0; k < 4; ++k)
    Import(db.get(), Story("a" + std::to_string(k), Paragraphs(1, 5)),
           {Quote(kBridge, "Ana Reyes"), Quote(kRoads, "Marco Bianchi")});
  for (int k = 0; k < 2; ++k)
    Import(db.get(), Story("b" + std::to_string(k), Paragraphs(30, 34)),
           {Quote(kRoads, "Marco Bianchi"), Quote(kShelter, "Lena Hartmann")});
  // B's first copy repeats kRoads, stored four times in A's group: not a copy in its group.
  Counters c = GetCounters(db.get());
  CHECK(c.articles == 6);
  CHECK(c.statements == 12);
  CHECK(c.syndicated_articles == 3 + 1);
  CHECK(c.syndicated_statements == 3 * 2 + 2);
  // Committed first, then more copies: the stored copies are found as the staged ones were.
  REQUIRE(db->Sync().ok());
  Import(db.get(), Story("a4", Paragraphs(1, 5)), {Quote(kBridge, "Ana Reyes")});
  Import(db.get(), Story("b2", Paragraphs(30, 34)), {Quote(kRoads, "Marco Bianchi")});
  c = GetCounters(db.get());
  CHECK(c.syndicated_articles == 6);
  CHECK(c.syndicated_statements == 10);
  // A reprint whose statements are in another order than the root's (so not found at the
  // root's same ordinal), with one new statement.
  REQUIRE(db->Sync().ok());
  Import(db.get(), Story("a5", Paragraphs(1, 5)),
         {Quote(kRoads, "Marco Bianchi"), Quote(kShelter, "Lena Hartmann"),
          Quote(kBridge, "Ana Reyes")});
  c = GetCounters(db.get());
  CHECK(c.syndicated_articles == 7);
  CHECK(c.syndicated_statements == 12);

  // Each of the three wordings is signed and banded once, under its first statement, whether
  // its later copies were found in their group (by syndication) or elsewhere (by_content):
  // 17 statements, 3 full signatures, the other 14 the content hash alone.
  db.reset();
  RawDb raw(dir.str());
  size_t full = 0, hash_only = 0;
  std::unique_ptr<rocksdb::Iterator> it(
      raw.db()->NewIterator(rocksdb::ReadOptions(), raw.cf("signatures")));
  for (it->SeekToFirst(); it->Valid(); it->Next()) ++(it->value().size() == 16 ? hash_only : full);
  REQUIRE(it->status().ok());
  CHECK(full == 3);
  CHECK(hash_only == 14);
  std::set<std::string> banded;
  it.reset(raw.db()->NewIterator(rocksdb::ReadOptions(), raw.cf("lsh")));
  for (it->SeekToFirst(); it->Valid(); it->Next()) banded.insert(it->key().ToString().substr(9));
  REQUIRE(it->status().ok());
  CHECK(banded.size() == 3);
}
