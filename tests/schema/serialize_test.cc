#include <catch2/catch.hpp>

#include <random>

#include "schema/serialize.h"

using namespace quotedb;

namespace {

Statement SampleStatement() {
  Statement s;
  s.article_id = Hash128{0x1111, 0x2222};
  s.ordinal = 3;
  s.kind = StatementKind::kPartial;
  s.text = "Nothing is off the table now.";
  s.spans = {{10, 20}, {25, 40}};
  s.content_hash = Hash128{0xabc, 0xdef};
  s.cue = "added";
  s.cue_span = {21, 26};
  s.speaker_ids = {77, 78};
  s.speaker_mention = "he";
  s.speaker_span = {18, 20};
  s.confidence = 0.75f;
  s.date_days = 19894;
  s.source_id = 5;
  return s;
}

std::string Hex(const std::string& s) {
  static const char* d = "0123456789abcdef";
  std::string r;
  for (unsigned char c : s) {
    r += d[c >> 4];
    r += d[c & 15];
  }
  return r;
}

std::string Unhex(const std::string& h) {
  std::string r;
  for (size_t i = 0; i + 1 < h.size(); i += 2) r += static_cast<char>(std::stoi(h.substr(i, 2), nullptr, 16));
  return r;
}

}  // namespace

TEST_CASE("statement round trips through its archive", "[schema][serialize]") {
  Statement s = SampleStatement();
  Statement back;
  REQUIRE(schema::DecodeStatement(schema::EncodeStatement(s), &back));
  CHECK(back.text == s.text);
  CHECK(back.spans == s.spans);
  CHECK(back.kind == s.kind);
  CHECK(back.speaker_ids == s.speaker_ids);
  CHECK(back.content_hash == s.content_hash);
  CHECK(back.cue_span == s.cue_span);
  CHECK(back.confidence == Approx(0.75f));
  CHECK(back.date_days == s.date_days);
}

TEST_CASE("article round trips without its text", "[schema][serialize]") {
  Article a;
  a.id = Hash128{1, 2};
  a.url = "https://example.org/x";
  a.title = "Headline";
  a.text = "Headline\nBody";
  a.authors = {"A. Writer"};
  a.date_days = -1;
  a.provenance.file = "x.json";
  Article back;
  REQUIRE(schema::DecodeArticle(schema::EncodeArticle(a), &back));
  CHECK(back.url == a.url);
  CHECK(back.authors == a.authors);
  CHECK(back.date_days == -1);
  CHECK(back.text.empty());  // the text lives in the bodies column family
  CHECK(back.provenance.file == "x.json");
}

TEST_CASE("speaker and counters round trip", "[schema][serialize]") {
  Speaker sp;
  sp.id = 99;
  sp.name = "Artyom Lukin";
  sp.kind = SpeakerKind::kPerson;
  sp.aliases = {"Dr Artyom Lukin", "Lukin"};
  sp.affiliations = {"Far Eastern Federal University"};
  Speaker back;
  REQUIRE(schema::DecodeSpeaker(schema::EncodeSpeaker(sp), &back));
  CHECK(back.name == sp.name);
  CHECK(back.kind == SpeakerKind::kPerson);
  CHECK(back.aliases == sp.aliases);
  Counters c{1, 2, 3, 4, 5}, cb;
  REQUIRE(schema::DecodeCounters(schema::EncodeCounters(c), &cb));
  CHECK(cb.statements == 2);
  CHECK(cb.body_bytes == 5);
}

TEST_CASE("garbage and truncated values decode as failures, never crash", "[schema][serialize]") {
  Statement s;
  CHECK_FALSE(schema::DecodeStatement("", &s));
  CHECK_FALSE(schema::DecodeStatement("\x01\x02garbage", &s));
  std::string good = schema::EncodeStatement(SampleStatement());
  for (size_t cut = 0; cut < good.size(); cut += 3)
    CHECK_FALSE(schema::DecodeStatement(good.substr(0, cut), &s));
  CHECK_FALSE(schema::DecodeStatement(good + "x", &s));  // trailing bytes
}

// Bytes written by schema version 1. If this test fails, the encoding changed: bump the class
// version, read old fields under `if (version >= N)`, and keep this test as it is.
TEST_CASE("statement bytes written by version 1 still decode", "[schema][serialize][compat]") {
  const std::string v1 =
      "01010000001111000000000000222200000000000003000000011d000000000000004e6f7468"
      "696e67206973206f666620746865207461626c65206e6f772e02000000000000000a00000014"
      "0000001900000028000000bc0a000000000000ef0d0000000000000500000000000000616464"
      "6564150000001a00000002000000000000004d000000000000004e0000000000000002000000"
      "00000000686512000000140000000000403fb64d0000000000000500000000000000";
  Statement s;
  INFO(Hex(schema::EncodeStatement(SampleStatement())));
  REQUIRE(schema::DecodeStatement(Unhex(v1), &s));
  CHECK(s.text == "Nothing is off the table now.");
  CHECK(s.ordinal == 3);
  CHECK(s.speaker_ids == std::vector<SpeakerId>{77, 78});
  CHECK(s.date_days == 19894);
}

// The direct readers (no cereal istream) must accept every value the engine writes and read
// the same fields: re-encoding what they read gives the same bytes.
TEST_CASE("the direct readers read what cereal writes, field for field", "[schema][serialize]") {
  std::mt19937_64 rng(11);
  auto str = [&](size_t max) {
    std::string s(rng() % (max + 1), ' ');
    for (char& c : s) c = static_cast<char>(rng() % 256);
    return s;
  };
  auto strs = [&]() {
    std::vector<std::string> v(rng() % 4);
    for (auto& s : v) s = str(20);
    return v;
  };
  for (int i = 0; i < 300; ++i) {
    Statement s;
    s.article_id = Hash128{rng(), rng()};
    s.ordinal = static_cast<uint32_t>(rng());
    s.kind = static_cast<StatementKind>(rng() % 3);
    s.text = str(200);
    s.spans.resize(rng() % 4);
    for (auto& sp : s.spans) sp = Span{static_cast<uint32_t>(rng()), static_cast<uint32_t>(rng())};
    s.content_hash = Hash128{rng(), rng()};
    s.cue = str(10);
    s.cue_span = Span{static_cast<uint32_t>(rng()), static_cast<uint32_t>(rng())};
    s.speaker_ids.resize(rng() % 3);
    for (auto& id : s.speaker_ids) id = rng();
    s.speaker_mention = str(30);
    s.speaker_span = Span{1, 2};
    s.confidence = static_cast<float>(rng() % 1000) / 999.0f;
    s.date_days = static_cast<int64_t>(rng());
    s.source_id = rng();
    const std::string sb = schema::EncodeStatement(s);
    Statement sd;
    REQUIRE(schema::DecodeStatementDirect(sb, &sd));
    CHECK(schema::EncodeStatement(sd) == sb);

    Article a;
    a.id = Hash128{rng(), rng()};
    a.url = str(40);
    a.source_id = rng();
    a.source_name = str(10);
    a.date_days = static_cast<int64_t>(rng());
    a.time_seconds = static_cast<int32_t>(rng());
    a.zone_known = rng() % 2;
    a.utc_offset_minutes = static_cast<int32_t>(rng());
    a.title = str(60);
    a.authors = strs();
    a.body_hash = Hash128{rng(), rng()};
    a.provenance = Provenance{str(30), str(10), rng()};
    a.statement_count = static_cast<uint32_t>(rng());
    a.body_bytes = rng();
    const std::string ab = schema::EncodeArticle(a);
    Article ad;
    REQUIRE(schema::DecodeArticleDirect(ab, &ad));
    CHECK(schema::EncodeArticle(ad) == ab);

    Speaker sp;
    sp.id = rng();
    sp.name = str(20);
    sp.kind = static_cast<SpeakerKind>(rng() % 3);
    sp.aliases = strs();
    sp.titles = strs();
    sp.affiliations = strs();
    sp.wikidata_qid = str(8);
    sp.statement_count = rng();
    const std::string pb = schema::EncodeSpeaker(sp);
    Speaker pd;
    REQUIRE(schema::DecodeSpeakerDirect(pb, &pd));
    CHECK(schema::EncodeSpeaker(pd) == pb);
    // The partial readers give the same fields, and refuse what the whole readers refuse.
    std::string name;
    REQUIRE(schema::DecodeSpeakerName(pb, &name));
    CHECK(name == sp.name);
    CHECK_FALSE(schema::DecodeSpeakerName(pb.substr(0, rng() % pb.size()), &name));
    CHECK_FALSE(schema::DecodeSpeakerName(pb + "x", &name));

    Source so{rng(), str(20), str(20)};
    const std::string ob = schema::EncodeSource(so);
    Source od;
    REQUIRE(schema::DecodeSourceDirect(ob, &od));
    CHECK(schema::EncodeSource(od) == ob);

    // Cut short or followed by a byte, neither reader accepts it.
    const size_t cut = rng() % sb.size();
    CHECK_FALSE(schema::DecodeStatementDirect(sb.substr(0, cut), &sd));
    CHECK_FALSE(schema::DecodeStatement(sb.substr(0, cut), &sd));
    CHECK_FALSE(schema::DecodeArticleDirect(ab + "x", &ad));
    CHECK_FALSE(schema::DecodeArticle(ab + "x", &ad));
    schema::ArticleHead head;
    REQUIRE(schema::DecodeArticleHead(ab, &head));
    CHECK(head.url == ad.url);
    CHECK(head.title == ad.title);
    CHECK(head.file == ad.provenance.file);
    CHECK_FALSE(schema::DecodeArticleHead(ab + "x", &head));
    CHECK_FALSE(schema::DecodeArticleHead(ab.substr(0, rng() % ab.size()), &head));
  }
}
