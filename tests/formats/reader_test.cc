#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>

#include "quotedb/reader.h"

using namespace quotedb;
namespace fs = std::filesystem;

namespace {

struct TempDir {
  fs::path path;
  TempDir() {
    path = fs::temp_directory_path() /
           ("qdb-reader-" + std::to_string(::getpid()) + "-" + std::to_string(rand()));
    fs::create_directories(path);
  }
  ~TempDir() { fs::remove_all(path); }
  std::string Write(const std::string& name, const std::string& bytes) const {
    fs::path p = path / name;
    fs::create_directories(p.parent_path());
    std::ofstream(p, std::ios::binary) << bytes;
    return p.string();
  }
};

}  // namespace

TEST_CASE("plain text: headline on line 1, file kept byte for byte", "[formats][reader]") {
  TempDir d;
  std::string text = "A headline\nFirst paragraph.\n\u201cA quote,\u201d she said.\n";
  std::string p = d.Write("a.txt", text);
  ReaderOptions o;
  o.source = "https://www.Example.org/news";
  o.date = "2024-06-20";
  auto r = ReadArticles(p, o, nullptr);
  REQUIRE(r.ok());
  REQUIRE(r->size() == 1);
  const Article& a = r->front();
  CHECK(a.title == "A headline");
  CHECK(a.text == text);
  CHECK(a.source_name == "example.org");
  CHECK(FormatDate(a.date_days) == "2024-06-20");
  CHECK(a.time_seconds == -1);
  CHECK(a.provenance.file == p);
}

TEST_CASE("news-please JSON: fields, headline + body, dates with zones", "[formats][reader]") {
  TempDir d;
  std::string p = d.Write("a.json", R"({"url": "https://x.example/1", "source_domain": "x.example",
    "date_publish": "2024-06-20 10:15:00", "title": "T", "maintext": "Body text.",
    "authors": ["A", "B"]})");
  auto r = ReadArticles(p, ReaderOptions{}, nullptr);
  REQUIRE(r.ok());
  const Article& a = r->front();
  CHECK(a.text == "T\nBody text.");
  CHECK(a.url == "https://x.example/1");
  CHECK(a.authors.size() == 2);
  // A time without a zone is no instant: the date is kept and the time marked unknown.
  CHECK(FormatDate(a.date_days) == "2024-06-20");
  CHECK(a.time_seconds == -1);
  CHECK_FALSE(a.zone_known);
}

TEST_CASE("news-please JSON lines: many records, bad lines skipped with a warning",
          "[formats][reader]") {
  TempDir d;
  std::string p = d.Write("many.jsonl",
                          "{\"title\": \"One\", \"text\": \"a\"}\n"
                          "not json\n"
                          "\n"
                          "{\"title\": 5, \"maintext\": \"wrong type\"}\n"
                          "{\"title\": \"Two\", \"maintext\": \"b\"}\n");
  std::vector<std::string> warnings;
  auto r = ReadArticles(p, ReaderOptions{}, [&](const std::string& w) { warnings.push_back(w); });
  REQUIRE(r.ok());
  REQUIRE(r->size() == 2);
  CHECK((*r)[1].title == "Two");
  REQUIRE(warnings.size() == 2);
  CHECK(warnings[0].find("many.jsonl:2") != std::string::npos);
  CHECK(warnings[1].find("\"title\" must be a string") != std::string::npos);
}

TEST_CASE("Latin-1 input is transcoded with a warning naming the file", "[formats][reader]") {
  TempDir d;
  std::string p = d.Write("latin1.txt", "Caf\xe9 owner speaks\nHe said it was \x93" "fine\x94.\n");
  std::vector<std::string> warnings;
  auto r = ReadArticles(p, ReaderOptions{}, [&](const std::string& w) { warnings.push_back(w); });
  REQUIRE(r.ok());
  CHECK(r->front().title == "Caf\u00e9 owner speaks");
  CHECK(r->front().text.find("\u201cfine\u201d") != std::string::npos);
  REQUIRE(warnings.size() == 1);
  CHECK(warnings[0].find("latin1.txt") != std::string::npos);
}

TEST_CASE("bad input gives a clear error naming the file", "[formats][reader]") {
  TempDir d;
  auto empty = ReadArticles(d.Write("empty.txt", ""), ReaderOptions{}, nullptr);
  CHECK(empty.status().IsInvalidArgument());
  CHECK(empty.status().message().find("empty.txt: empty file") != std::string::npos);
  auto binary = ReadArticles(d.Write("b.bin", std::string("\x00\x01\x02 abc", 7)), {}, nullptr);
  CHECK(binary.status().message().find("binary") != std::string::npos);
  auto badjson = ReadArticles(d.Write("bad.json", "{\"title\": "), {}, nullptr);
  CHECK(badjson.status().IsInvalidArgument());
  ReaderOptions big;
  big.max_file_bytes = 10;
  auto toobig = ReadArticles(d.Write("big.txt", std::string(100, 'x')), big, nullptr);
  CHECK(toobig.status().message().find("limit") != std::string::npos);
  auto missing = ListInputFiles({(d.path / "nope").string()});
  CHECK(missing.status().IsInvalidArgument());
}

TEST_CASE("folders are listed recursively, sorted, hidden entries skipped", "[formats][reader]") {
  TempDir d;
  d.Write("b/2.txt", "x");
  d.Write("a.txt", "x");
  d.Write("b/1.txt", "x");
  d.Write(".hidden/3.txt", "x");
  auto files = ListInputFiles({d.path.string()});
  REQUIRE(files.ok());
  REQUIRE(files->size() == 3);
  CHECK(fs::path((*files)[0]).filename() == "a.txt");
  CHECK(fs::path((*files)[2]).filename() == "2.txt");
}

TEST_CASE("the file walker gives paths in whole-path order, one at a time", "[formats][reader]") {
  TempDir d;
  // "a-c.txt" sorts before "a/..." as whole paths ('-' < '/'), and "a0.txt" after: a walker
  // that sorted folder names without their '/' would put the folder first.
  d.Write("a/x.txt", "x");
  d.Write("a-c.txt", "x");
  d.Write("a0.txt", "x");
  d.Write("a/sub/y.txt", "x");
  d.Write("a/.hidden.txt", "x");
  d.Write("z/.git/config", "x");
  fs::create_directories(d.path / "outside");
  d.Write("outside/o.txt", "x");
  fs::create_directory_symlink(d.path / "outside", d.path / "a" / "link");
  fs::remove_all(d.path / "outside");  // the link is dangling now, and not followed either way
  fs::create_directories(d.path / "real");
  d.Write("real/r.txt", "x");
  fs::create_directory_symlink(d.path / "real", d.path / "z" / "linked");
  // ListInputFiles is the walker run to its end.
  auto listed = ListInputFiles({d.path.string(), (d.path / "a0.txt").string()});
  REQUIRE(listed.ok());
  std::vector<std::string> got;
  for (const std::string& path : *listed) got.push_back(fs::relative(path, d.path).generic_string());
  std::vector<std::string> want = {"a-c.txt", "a/sub/y.txt", "a/x.txt", "a0.txt", "real/r.txt",
                                   "a0.txt"};
  CHECK(got == want);
  // A missing path fails when the walk reaches it, after the files before it were given.
  std::string path;
  InputFileWalker missing({(d.path / "a0.txt").string(), (d.path / "nope").string()});
  REQUIRE(*missing.Next(&path));
  auto second = missing.Next(&path);
  CHECK(second.status().IsInvalidArgument());
  CHECK(second.status().message().find("nope") != std::string::npos);
}

TEST_CASE("dates parse in the common news forms", "[formats][dates]") {
  ParsedDate d;
  REQUIRE(ParseDate("1970-01-01", &d));
  CHECK(d.days == 0);
  REQUIRE(ParseDate("1969-12-31", &d));
  CHECK(d.days == -1);
  REQUIRE(ParseDate("2024-06-20T10:15:00+09:00", &d));
  CHECK(FormatDate(d.days) == "2024-06-20");
  CHECK(d.zone_known);
  CHECK(d.utc_offset_minutes == 540);
  REQUIRE(ParseDate("20 June 2024", &d));
  CHECK(FormatDate(d.days) == "2024-06-20");
  REQUIRE(ParseDate("June 20, 2024", &d));
  CHECK(FormatDate(d.days) == "2024-06-20");
  REQUIRE(ParseDate("Thu, 20 Jun 2024 08:00:00 GMT", &d));
  CHECK(d.zone_known);
  CHECK_FALSE(ParseDate("2024-02-30", &d));
  CHECK_FALSE(ParseDate("yesterday", &d));
  CHECK(FormatDate(kUnknownDate).empty());
}

TEST_CASE("source names normalise to domains", "[formats]") {
  CHECK(NormalizeSourceName("https://www.StraitsTimes.com/asia/x") == "straitstimes.com");
  CHECK(NormalizeSourceName("straitstimes.com") == "straitstimes.com");
  CHECK(NormalizeSourceName("The Straits Times") == "The Straits Times");
}
