// quotedb serve: the JSON API and the web page, driven over HTTP against the binary started
// on a free loopback port (--port 0; the server prints the port it got).
#include <httplib.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <catch2/catch.hpp>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <regex>
#include <set>
#include <sstream>
#include <thread>


using nlohmann::json;
namespace fs = std::filesystem;

namespace {

// A fresh directory under the system temp dir, removed on destruction.
struct TempDir {
  fs::path path;
  explicit TempDir(const std::string& tag) {
    static std::atomic<int> counter{0};
    path = fs::temp_directory_path() /
           (tag + "-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
    fs::remove_all(path);
  }
  ~TempDir() { fs::remove_all(path); }
  std::string str() const { return path.string(); }
};

constexpr const char* kToken = "test-token-0123456789abcdef";

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

json Fixture(const std::string& rel) {
  return json::parse(ReadFile(std::string(QUOTEDB_SOURCE_DIR) + "/fixtures/" + rel));
}

// Every news-please fixture the claims and cross-check tests use, plus the articles.
json FixtureBatch() {
  json batch = json::array();
  for (const char* dir : {"articles", "claims", "crosscheck"}) {
    for (const auto& e : fs::directory_iterator(std::string(QUOTEDB_SOURCE_DIR) + "/fixtures/" + dir)) {
      if (e.path().extension() == ".json") batch.push_back(json::parse(ReadFile(e.path().string())));
    }
  }
  return batch;
}

// `quotedb --db DIR serve --port 0 ...` in a child process; stopped with SIGTERM.
class ServerProcess {
 public:
  ServerProcess(const std::string& db, std::vector<std::string> extra, bool with_token) {
    out_ = db + ".serve.out";
    std::vector<std::string> args = {QUOTEDB_BINARY, "--db", db, "serve", "--port", "0"};
    for (auto& a : extra) args.push_back(a);
    std::fflush(stdout);  // or the child repeats what the parent has buffered
    pid_ = fork();
    if (pid_ == 0) {
      FILE* f = std::freopen(out_.c_str(), "w", stdout);
      (void)f;
      if (with_token) setenv("QUOTEDB_TOKEN", kToken, 1); else unsetenv("QUOTEDB_TOKEN");
      std::vector<char*> argv;
      for (auto& a : args) argv.push_back(a.data());
      argv.push_back(nullptr);
      execv(argv[0], argv.data());
      _exit(127);
    }
    // Wait for "http://127.0.0.1:PORT/" on its stdout.
    std::regex re("http://127\\.0\\.0\\.1:([0-9]+)/");
    for (int i = 0; i < 400 && port_ == 0; ++i) {
      std::smatch m;
      std::string text = ReadFile(out_);
      if (std::regex_search(text, m, re)) port_ = std::stoi(m[1]);
      else std::this_thread::sleep_for(std::chrono::milliseconds(50));
      int status;
      if (port_ == 0 && waitpid(pid_, &status, WNOHANG) == pid_) { pid_ = -1; break; }
    }
  }
  ~ServerProcess() {
    if (pid_ > 0) {
      kill(pid_, SIGTERM);
      int status;
      waitpid(pid_, &status, 0);
    }
    fs::remove(out_);
  }
  int port() const { return port_; }
  httplib::Client Client() const {
    httplib::Client c("127.0.0.1", port_);
    c.set_read_timeout(120, 0);
    c.set_write_timeout(60, 0);
    return c;
  }

 private:
  std::string out_;
  pid_t pid_ = -1;
  int port_ = 0;
};

json Body(const httplib::Result& r) {
  REQUIRE(r);
  INFO(r->body);
  json j = json::parse(r->body, nullptr, false);
  REQUIRE_FALSE(j.is_discarded());
  return j;
}

httplib::Headers Bearer(const std::string& token) {
  return {{"Authorization", "Bearer " + token}};
}

// Imports `batch` through the API and returns the response body.
json Import(httplib::Client& c, const json& batch) {
  auto r = c.Post("/api/import", Bearer(kToken), batch.dump(), "application/json");
  REQUIRE(r);
  INFO(r->body);
  REQUIRE(r->status == 200);
  return Body(r);
}

uint64_t Articles(httplib::Client& c) {
  auto r = c.Get("/api/stats");
  REQUIRE(r);
  REQUIRE(r->status == 200);
  return Body(r)["articles"].get<uint64_t>();
}

}  // namespace

TEST_CASE("serve: read-only server answers reads, refuses imports, rejects bad parameters",
          "[server]") {
  TempDir dir("qdb-serve");
  {
    ServerProcess writer(dir.str(), {}, true);  // creates the database, then stops
    REQUIRE(writer.port() > 0);
    auto c = writer.Client();
    Import(c, FixtureBatch());
  }
  ServerProcess server(dir.str(), {}, false);
  REQUIRE(server.port() > 0);
  auto c = server.Client();

  auto stats = c.Get("/api/stats");
  REQUIRE(stats);
  CHECK(stats->status == 200);
  json s = Body(stats);
  CHECK(s["articles"].get<int>() > 5);
  CHECK(s["read_only"] == true);

  auto post = c.Post("/api/import", Bearer(kToken), "{}", "application/json");
  REQUIRE(post);
  CHECK(post->status == 403);
  CHECK(Body(post).contains("error"));

  for (const char* bad : {"/api/quotes?limit=abc", "/api/quotes?limit=0", "/api/quotes?limit=5000",
                          "/api/quotes?from=yesterday", "/api/quotes?cursor=-1",
                          "/api/who-said", "/api/who-said?text=%20", "/api/check",
                          "/api/article?id=xyz", "/api/contradictions?from=2024-13-45"}) {
    INFO(bad);
    auto r = c.Get(bad);
    REQUIRE(r);
    CHECK(r->status == 400);
    CHECK(Body(r)["error"].is_string());
  }
  auto missing = c.Get("/api/nothing-here");
  REQUIRE(missing);
  CHECK(missing->status == 404);
  CHECK(Body(missing).contains("error"));

  auto page = c.Get("/");
  REQUIRE(page);
  CHECK(page->status == 200);
  CHECK(page->get_header_value("Content-Type").find("text/html") == 0);
  CHECK(page->body.find("Who said") != std::string::npos);
}

TEST_CASE("serve: imports need the bearer token, are validated whole and never half-written",
          "[server]") {
  TempDir dir("qdb-serve");
  ServerProcess server(dir.str(), {"--max-body-mib", "1"}, true);
  REQUIRE(server.port() > 0);
  auto c = server.Client();
  json batch = FixtureBatch();

  auto none = c.Post("/api/import", batch.dump(), "application/json");
  REQUIRE(none);
  CHECK(none->status == 401);
  CHECK(none->get_header_value("WWW-Authenticate").find("Bearer") == 0);
  auto wrong = c.Post("/api/import", Bearer("test-token-0123456789abcdeX"), batch.dump(),
                      "application/json");
  REQUIRE(wrong);
  CHECK(wrong->status == 401);
  CHECK(Articles(c) == 0);

  auto malformed = c.Post("/api/import", Bearer(kToken), "[{\"title\": \"x\",", "application/json");
  REQUIRE(malformed);
  CHECK(malformed->status == 400);
  CHECK(Body(malformed)["error"].get<std::string>().find("malformed JSON") != std::string::npos);

  // One bad record (neither title nor maintext) spoils the batch: nothing is written.
  json spoiled = batch;
  spoiled.push_back({{"url", "https://example.org/empty"}});
  auto bad = c.Post("/api/import", Bearer(kToken), spoiled.dump(), "application/json");
  REQUIRE(bad);
  CHECK(bad->status == 400);
  CHECK(Body(bad)["error"].get<std::string>().find("body[") == 0);
  CHECK(Articles(c) == 0);

  json big = {{"title", "Big"}, {"maintext", std::string(3u << 19, 'a')}};
  auto too_big = c.Post("/api/import", Bearer(kToken), big.dump(), "application/json");
  REQUIRE(too_big);
  CHECK(too_big->status == 413);
  CHECK(Articles(c) == 0);

  json done = Import(c, batch);
  CHECK(done["articles_new"].get<size_t>() == batch.size());
  CHECK(done["statements"].get<size_t>() > 10);
  CHECK(Articles(c) == batch.size());
  json again = Import(c, batch);
  CHECK(again["articles_new"] == 0);
  CHECK(again["articles_unchanged"].get<size_t>() == batch.size());

  SECTION("statement records, paging and the other endpoints") {
    auto r = c.Get("/api/quotes?speaker=Varga&limit=100");
    REQUIRE(r);
    REQUIRE(r->status == 200);
    json all = Body(r);
    REQUIRE(all["results"].size() >= 2);
    CHECK(all["next_cursor"].is_null());
    for (const char* key : {"id", "kind", "quote", "speaker", "speaker_id", "source", "date", "url",
                            "article", "spans"}) {
      INFO(key);
      CHECK(all["results"][0].contains(key));
    }
    CHECK(all["results"][0]["speaker"].get<std::string>().find("Varga") != std::string::npos);

    // Page through one statement at a time: the same statements, in the same order.
    std::vector<std::string> paged;
    std::string cursor;
    for (int i = 0; i < 100; ++i) {
      auto p = c.Get(("/api/quotes?speaker=Varga&limit=1" + (cursor.empty() ? "" : "&cursor=" + cursor)).c_str());
      REQUIRE(p);
      REQUIRE(p->status == 200);
      json j = Body(p);
      for (auto& rec : j["results"]) paged.push_back(rec["id"]);
      if (j["next_cursor"].is_null()) break;
      cursor = j["next_cursor"];
    }
    REQUIRE(paged.size() == all["results"].size());
    for (size_t i = 0; i < paged.size(); ++i) CHECK(paged[i] == all["results"][i]["id"]);

    json who = Body(c.Get("/api/who-said?text=we%20cannot%20ask%20people%20to%20drive"));
    REQUIRE(!who["results"].empty());
    CHECK(who["results"][0]["speaker"].get<std::string>().find("Varga") != std::string::npos);

    json speakers = Body(c.Get("/api/speakers?name=varga"));
    REQUIRE(!speakers["results"].empty());
    CHECK(speakers["results"][0]["name"].get<std::string>().find("Varga") != std::string::npos);

    json article = Body(c.Get(("/api/article?id=" + all["results"][0]["article"].get<std::string>()).c_str()));
    auto span = all["results"][0]["spans"][0];
    std::string text = article["text"];
    REQUIRE(span[1].get<size_t>() <= text.size());
    CHECK(all["results"][0]["quote"].get<std::string>().find(
              text.substr(span[0].get<size_t>(), std::min<size_t>(20, span[1].get<size_t>() - span[0].get<size_t>()))) == 0);

    auto contra = c.Get("/api/contradictions");
    REQUIRE(contra);
    CHECK(contra->status == 200);
    json cj = Body(contra);
    CHECK(cj["results"].is_array());
    for (auto& f : cj["results"]) {
      CHECK(f.contains("for"));
      CHECK(f.contains("against"));
    }

    json check = Body(c.Get("/api/check?text=we%20cannot%20ask%20people%20to%20drive%20across%20a%20bridge%20we%20know%20is%20weakening&speaker=Lucinda%20Varga"));
    CHECK(check["verdict"] == "confirmed");
    auto attributions = c.Get("/api/attributions");
    REQUIRE(attributions);
    CHECK(attributions->status == 200);
  }
}

TEST_CASE("serve: reads keep answering while an import runs", "[server]") {
  TempDir dir("qdb-serve");
  ServerProcess server(dir.str(), {}, true);
  REQUIRE(server.port() > 0);
  auto c = server.Client();
  Import(c, json::array({Fixture("articles/harbour-bridge.json")}));

  // A batch big enough to take a while: the fixtures under distinct URLs, many times over.
  json base = FixtureBatch(), batch = json::array();
  for (int copy = 0; copy < 60; ++copy) {
    for (json rec : base) {
      rec["url"] = rec.value("url", std::string("https://example.org/x")) + "?copy=" + std::to_string(copy);
      rec["maintext"] = rec.value("maintext", std::string()) + "\nCopy " + std::to_string(copy) + ".";
      batch.push_back(rec);
    }
  }
  std::atomic<bool> finished{false};
  std::atomic<int> import_status{0};
  std::thread importer([&] {
    auto ic = server.Client();
    auto r = ic.Post("/api/import", Bearer(kToken), batch.dump(), "application/json");
    import_status = r ? r->status : -1;
    finished = true;
  });
  int reads_during = 0, failures = 0;
  double worst_ms = 0;
  while (!finished) {
    auto t0 = std::chrono::steady_clock::now();
    auto r = c.Get("/api/quotes?speaker=Varga&limit=10");
    double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
    if (!r || r->status != 200) ++failures;
    if (!finished) {
      ++reads_during;
      worst_ms = std::max(worst_ms, ms);
    }
  }
  importer.join();
  INFO("reads during the import: " << reads_during << ", slowest " << worst_ms << " ms");
  CHECK(import_status == 200);
  CHECK(failures == 0);
  CHECK(reads_during >= 5);
  CHECK(worst_ms < 5000);
  CHECK(Articles(c) == 1 + batch.size());
}

TEST_CASE("serve: the web page finds a speaker in headless Chromium", "[server][browser]") {
  const char* chromium = "/usr/bin/chromium";
  if (!fs::exists(chromium)) {
    WARN("skipped: /usr/bin/chromium is absent (Debian package chromium)");
    return;
  }
  TempDir dir("qdb-serve");
  ServerProcess server(dir.str(), {}, true);
  REQUIRE(server.port() > 0);
  auto c = server.Client();
  Import(c, FixtureBatch());
  TempDir profile("qdb-chromium");
  fs::create_directories(profile.path);
  std::string base = "http://127.0.0.1:" + std::to_string(server.port());
  std::string flags = std::string(chromium) +
                      " --headless --no-sandbox --disable-gpu --disable-dev-shm-usage"
                      " --disable-background-networking --disable-component-update --disable-sync"
                      " --no-first-run --user-data-dir=" + profile.str() +
                      " --virtual-time-budget=5000 ";
  auto run = [](const std::string& cmd) {
    std::string out;
    FILE* p = popen((cmd + " 2>/dev/null").c_str(), "r");
    REQUIRE(p != nullptr);
    char buf[4096];
    size_t n;
    while ((n = fread(buf, 1, sizeof(buf), p)) > 0) out.append(buf, n);
    pclose(p);
    return out;
  };
  std::string dom = run(flags + "--dump-dom '" + base + "/?q=we+cannot+ask+people+to+drive'");
  INFO(dom.substr(0, 4000));
  CHECK(dom.find("data-ready=\"1\"") != std::string::npos);
  CHECK(dom.find("Lucinda Varga") != std::string::npos);
  CHECK(dom.find("bridge we know is weakening") != std::string::npos);

  // The contradiction view, kept as a test artefact beside the binary.
  fs::path artefacts = fs::path(QUOTEDB_BINARY).parent_path() / "test-artifacts";
  fs::create_directories(artefacts);
  fs::path shot = artefacts / "serve-contradictions.png";
  fs::remove(shot);
  std::string contra = run(flags + "--dump-dom '" + base + "/#/contradictions'");
  CHECK(contra.find("class=\"sides\"") != std::string::npos);
  run(flags + "--window-size=1280,900 --screenshot=" + shot.string() + " '" + base +
      "/#/contradictions'");
  CHECK(fs::exists(shot));
  if (fs::exists(shot)) CHECK(fs::file_size(shot) > 10000);
}
