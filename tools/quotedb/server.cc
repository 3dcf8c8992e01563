// quotedb serve: routes, parameter checks and JSON for the API (see server.h).
#include "server.h"

#include <httplib.h>
#include <unistd.h>

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <nlohmann/json.hpp>

#include "output.h"
#include "quotedb/claims.h"
#include "quotedb/extract.h"
#include "quotedb/reader.h"

namespace quotedb::cli {

bool ConstantTimeEquals(std::string_view a, std::string_view b) {
  // Compare every byte of the longer string so the time says nothing about where they differ.
  size_t n = std::max(a.size(), b.size());
  unsigned char diff = a.size() == b.size() ? 0 : 1;
  for (size_t i = 0; i < n; ++i) {
    unsigned char x = i < a.size() ? static_cast<unsigned char>(a[i]) : 0;
    unsigned char y = i < b.size() ? static_cast<unsigned char>(b[i]) : 0;
    diff |= x ^ y;
  }
  return diff == 0;
}

namespace {

using json = nlohmann::json;

void SendJson(httplib::Response& res, int status, const json& j) {
  res.status = status;
  res.set_header("Cache-Control", "no-store");
  res.set_content(Dump(j), "application/json; charset=utf-8");
}

void SendError(httplib::Response& res, int status, const std::string& message) {
  SendJson(res, status, {{"error", message}, {"status", status}});
}

// HTTP status for an engine error: bad input 400, absent 404, unavailable 503, else 500.
int HttpStatusFor(const Status& s) {
  if (s.IsInvalidArgument()) return 400;
  if (s.IsNotFound()) return 404;
  if (s.IsBusy() || s.IsIOError() || s.IsNotSupported()) return 503;
  return 500;
}

bool ParseCount(const std::string& text, size_t* out) {
  if (text.empty() || text.size() > 12) return false;
  size_t v = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return false;
    v = v * 10 + static_cast<size_t>(c - '0');
  }
  *out = v;
  return true;
}

// One page of a list: `limit` records after the first `offset`.
struct Page {
  size_t offset = 0;
  size_t limit = 50;
  // How many to ask the engine for: one more than the page, to know whether another follows.
  size_t Fetch() const { return offset + limit + 1; }
};

// Reads limit= and cursor=; on a bad value sends 400 and returns false.
bool ReadPage(const httplib::Request& req, const ServeOptions& o, size_t default_limit,
              Page* page, httplib::Response& res) {
  page->limit = default_limit;
  if (req.has_param("limit")) {
    std::string v = req.get_param_value("limit");
    if (!ParseCount(v, &page->limit) || page->limit == 0 || page->limit > o.max_page) {
      SendError(res, 400, "limit must be a whole number from 1 to " + std::to_string(o.max_page) +
                              " (got \"" + v + "\")");
      return false;
    }
  }
  if (req.has_param("cursor") && !req.get_param_value("cursor").empty()) {
    std::string v = req.get_param_value("cursor");
    if (!ParseCount(v, &page->offset) || page->offset > o.max_offset) {
      SendError(res, 400, "cursor \"" + v + "\" is not one this server handed out");
      return false;
    }
  }
  return true;
}

// The page's slice of `records` (fetched with Page::Fetch()) with the cursor of the next page.
json PageJson(std::vector<json> records, const Page& page) {
  json results = json::array();
  for (size_t i = page.offset; i < records.size() && i < page.offset + page.limit; ++i)
    results.push_back(std::move(records[i]));
  bool more = records.size() > page.offset + page.limit;
  size_t n = results.size();
  return {{"results", std::move(results)},
          {"count", n},
          {"offset", page.offset},
          {"next_cursor", more ? json(std::to_string(page.offset + page.limit)) : json(nullptr)}};
}

// Reads a YYYY-MM-DD parameter; on a bad value sends 400 and returns false.
bool ReadDate(const httplib::Request& req, const char* name, int64_t* days,
              httplib::Response& res) {
  std::string v = req.get_param_value(name);
  if (v.empty()) return true;
  ParsedDate d;
  if (!ParseDate(v, &d)) {
    SendError(res, 400, std::string(name) + " \"" + v + "\" is not a date (use YYYY-MM-DD)");
    return false;
  }
  *days = d.days;
  return true;
}

}  // namespace

struct ApiServer::Rep {
  DB* db;
  ServeOptions options;
  httplib::Server http;
  std::mutex import_mu;  // one import at a time; reads never take it

  Rep(DB* d, const ServeOptions& o) : db(d), options(o) {}

  void Routes();
  void Quotes(const httplib::Request& req, httplib::Response& res);
  void WhoSaid(const httplib::Request& req, httplib::Response& res);
  void Check(const httplib::Request& req, httplib::Response& res);
  void Speakers(const httplib::Request& req, httplib::Response& res);
  void Contradictions(const httplib::Request& req, httplib::Response& res);
  void Attributions(const httplib::Request& req, httplib::Response& res);
  void GetArticle(const httplib::Request& req, httplib::Response& res);
  void Stats(const httplib::Request& req, httplib::Response& res);
  void Import(const httplib::Request& req, httplib::Response& res);
};

void ApiServer::Rep::Quotes(const httplib::Request& req, httplib::Response& res) {
  Page page;
  if (!ReadPage(req, options, 50, &page, res)) return;
  QuoteQuery q;
  q.speaker = req.get_param_value("speaker");
  q.source = req.get_param_value("source");
  q.text = req.get_param_value("q");
  if (q.text.empty()) q.text = req.get_param_value("text");
  if (!ReadDate(req, "from", &q.from_days, res) || !ReadDate(req, "to", &q.to_days, res)) return;
  if (q.from_days != kUnknownDate && q.to_days != kUnknownDate && q.from_days > q.to_days)
    return SendError(res, 400, "from is after to");
  q.limit = page.Fetch();
  auto hits = db->Quotes(q);
  if (!hits.ok()) return SendError(res, HttpStatusFor(hits.status()), hits.status().message());
  std::vector<json> records;
  for (const StatementHit& h : *hits) records.push_back(StatementJson(h));
  SendJson(res, 200, PageJson(std::move(records), page));
}

void ApiServer::Rep::WhoSaid(const httplib::Request& req, httplib::Response& res) {
  Page page;
  if (!ReadPage(req, options, 50, &page, res)) return;
  std::string text = req.get_param_value("text");
  if (text.empty()) text = req.get_param_value("q");
  if (text.find_first_not_of(" \t\r\n") == std::string::npos)
    return SendError(res, 400, "text= is required: the words to look for");
  auto hits = db->WhoSaid(text, page.Fetch());
  if (!hits.ok()) return SendError(res, HttpStatusFor(hits.status()), hits.status().message());
  std::vector<json> records;
  for (const StatementHit& h : *hits) records.push_back(StatementJson(h));
  SendJson(res, 200, PageJson(std::move(records), page));
}

void ApiServer::Rep::Check(const httplib::Request& req, httplib::Response& res) {
  std::string text = req.get_param_value("text");
  if (text.find_first_not_of(" \t\r\n") == std::string::npos)
    return SendError(res, 400, "text= is required: the quote to check");
  CheckOptions o;
  o.speaker = req.get_param_value("speaker");
  auto r = db->Check(text, o);
  if (!r.ok()) return SendError(res, HttpStatusFor(r.status()), r.status().message());
  SendJson(res, 200, CheckJson(*r, text, o.speaker));
}

void ApiServer::Rep::Speakers(const httplib::Request& req, httplib::Response& res) {
  Page page;
  if (!ReadPage(req, options, 50, &page, res)) return;
  auto speakers = db->FindSpeakers(req.get_param_value("name"), page.Fetch());
  if (!speakers.ok())
    return SendError(res, HttpStatusFor(speakers.status()), speakers.status().message());
  std::vector<json> records;
  for (const Speaker& sp : *speakers) records.push_back(SpeakerJson(sp));
  SendJson(res, 200, PageJson(std::move(records), page));
}

void ApiServer::Rep::Contradictions(const httplib::Request& req, httplib::Response& res) {
  Page page;
  if (!ReadPage(req, options, 20, &page, res)) return;
  ContradictionQuery q;
  q.speaker = req.get_param_value("speaker");
  q.topic = req.get_param_value("topic");
  if (!ReadDate(req, "from", &q.from_days, res) || !ReadDate(req, "to", &q.to_days, res)) return;
  q.limit = page.Fetch();
  auto findings = FindContradictions(*db, q);
  if (!findings.ok())
    return SendError(res, HttpStatusFor(findings.status()), findings.status().message());
  std::vector<json> records;
  for (const Finding& f : *findings) records.push_back(FindingJson(f));
  SendJson(res, 200, PageJson(std::move(records), page));
}

void ApiServer::Rep::Attributions(const httplib::Request& req, httplib::Response& res) {
  Page page;
  if (!ReadPage(req, options, 20, &page, res)) return;
  auto report = db->AttributionReport(page.Fetch());
  if (!report.ok()) return SendError(res, HttpStatusFor(report.status()), report.status().message());
  std::vector<json> records;
  for (const AttributionFinding& f : *report) records.push_back(AttributionJson(f));
  SendJson(res, 200, PageJson(std::move(records), page));
}

void ApiServer::Rep::GetArticle(const httplib::Request& req, httplib::Response& res) {
  std::string hex = req.get_param_value("id");
  ArticleId id;
  if (!Hash128::FromHex(hex, &id))
    return SendError(res, 400, "id must be an article id of 32 hex digits");
  auto a = db->GetArticle(id, true);
  if (!a.ok()) return SendError(res, HttpStatusFor(a.status()), a.status().message());
  SendJson(res, 200,
           {{"id", a->id.ToHex()},
            {"url", a->url.empty() ? json(nullptr) : json(a->url)},
            {"source", a->source_name.empty() ? json(nullptr) : json(a->source_name)},
            {"date", DateJson(a->date_days)},
            {"title", a->title},
            {"authors", a->authors},
            {"file", a->provenance.file},
            {"statements", a->statement_count},
            {"text", a->text}});
}

void ApiServer::Rep::Stats(const httplib::Request&, httplib::Response& res) {
  auto st = db->GetStats();
  if (!st.ok()) return SendError(res, HttpStatusFor(st.status()), st.status().message());
  const Counters& c = st->counters;
  SendJson(res, 200,
           {{"articles", c.articles},
            {"statements", c.statements},
            {"speakers", c.speakers},
            {"sources", c.sources},
            {"unique_statements", c.statements - c.syndicated_statements},
            {"syndicated_duplicates", c.syndicated_statements},
            {"syndicated_articles", c.syndicated_articles},
            {"text_bytes", c.body_bytes},
            {"schema_version", st->schema_version},
            {"read_only", options.token.empty()}});
}

void ApiServer::Rep::Import(const httplib::Request& req, httplib::Response& res) {
  if (options.token.empty())
    return SendError(res, 403,
                     "this server is read-only: start it with $QUOTEDB_TOKEN or --token-file "
                     "to accept imports");
  const std::string auth = req.get_header_value("Authorization");
  constexpr std::string_view kBearer = "Bearer ";
  if (auth.size() <= kBearer.size() || auth.compare(0, kBearer.size(), kBearer) != 0 ||
      !ConstantTimeEquals(std::string_view(auth).substr(kBearer.size()), options.token)) {
    res.set_header("WWW-Authenticate", "Bearer realm=\"quotedb\"");
    return SendError(res, 401, "import needs the header Authorization: Bearer <token>");
  }
  if (req.body.size() > options.max_body_bytes)
    return SendError(res, 413, "request body is larger than " +
                                   std::to_string(options.max_body_bytes) + " bytes");
  // Check the JSON here for a precise message; the news-please reader checks the records.
  json body;
  try {
    body = json::parse(req.body);
  } catch (const json::parse_error& e) {
    return SendError(res, 400, std::string("malformed JSON: ") + e.what());
  }
  if (!body.is_object() && !body.is_array())
    return SendError(res, 400, "expected a news-please record (a JSON object) or an array of them");
  if (body.is_array() && body.empty()) return SendError(res, 400, "the array holds no record");

  // Validate every record before writing any: the reader turns the whole body into articles
  // or fails on the first bad record.
  namespace fs = std::filesystem;
  std::error_code ec;
  std::string tmpl = (fs::temp_directory_path(ec) / "quotedb-import-XXXXXX.json").string();
  int fd = mkstemps(tmpl.data(), 5);
  if (fd < 0) return SendError(res, 500, "cannot create a temporary file for the import");
  bool written = ::write(fd, req.body.data(), req.body.size()) ==
                 static_cast<ssize_t>(req.body.size());
  ::close(fd);
  Result<std::vector<Article>> articles = Status::IOError("temporary file not written");
  std::vector<std::string> warnings;
  if (written) {
    ReaderOptions ro;
    ro.format = "json";
    ro.max_file_bytes = options.max_body_bytes + 1;
    articles = ReadArticles(tmpl, ro, [&](const std::string& w) { warnings.push_back(w); });
  }
  fs::remove(tmpl, ec);
  auto clean = [&](std::string msg) {
    for (size_t p; (p = msg.find(tmpl)) != std::string::npos;) msg.replace(p, tmpl.size(), "body");
    return msg;
  };
  if (!articles.ok())
    return SendError(res, articles.status().IsIOError() ? 500 : 400,
                     clean(articles.status().message()));

  // Extraction needs no lock; the writes go one import at a time, each article atomic.
  std::vector<std::vector<ExtractedQuote>> quotes;
  for (Article& a : *articles) {
    a.provenance.file = "POST /api/import";
    quotes.push_back(ExtractQuotes(a.text));
  }
  json results = json::array();
  size_t fresh = 0, unchanged = 0, statements = 0;
  std::lock_guard<std::mutex> lock(import_mu);
  for (size_t i = 0; i < articles->size(); ++i) {
    auto r = db->ImportArticle((*articles)[i], quotes[i]);
    if (!r.ok()) {
      json j = {{"error", "article " + std::to_string(i) + ": " + r.status().message()},
                {"status", HttpStatusFor(r.status())},
                {"imported", results}};
      return SendJson(res, HttpStatusFor(r.status()) == 400 ? 500 : HttpStatusFor(r.status()), j);
    }
    bool is_new = r->outcome == ImportOutcome::kNew;
    (is_new ? fresh : unchanged) += 1;
    statements += r->statements;
    results.push_back({{"id", r->id.ToHex()},
                       {"outcome", is_new ? "new" : "unchanged"},
                       {"statements", r->statements},
                       {"url", (*articles)[i].url}});
  }
  Status synced = db->Sync();
  if (!synced.ok()) return SendError(res, 500, synced.message());
  for (std::string& w : warnings) w = clean(w);
  SendJson(res, 200,
           {{"articles_new", fresh},
            {"articles_unchanged", unchanged},
            {"statements", statements},
            {"articles", results},
            {"warnings", warnings}});
}

void ApiServer::Rep::Routes() {
  using httplib::Request;
  using httplib::Response;
  auto get = [this](const char* path, void (Rep::*fn)(const Request&, Response&)) {
    http.Get(path, [this, fn](const Request& req, Response& res) { (this->*fn)(req, res); });
  };
  get("/api/quotes", &Rep::Quotes);
  get("/api/who-said", &Rep::WhoSaid);
  get("/api/check", &Rep::Check);
  get("/api/speakers", &Rep::Speakers);
  get("/api/contradictions", &Rep::Contradictions);
  get("/api/attributions", &Rep::Attributions);
  get("/api/article", &Rep::GetArticle);
  get("/api/stats", &Rep::Stats);
  http.Post("/api/import", [this](const Request& req, Response& res) { Import(req, res); });
  http.Get("/api/import", [](const Request&, Response& res) {
    res.set_header("Allow", "POST");
    SendError(res, 405, "use POST with a news-please JSON body");
  });
  http.Get("/api/.*", [](const Request& req, Response& res) {
    SendError(res, 404, "no such endpoint: " + req.path);
  });
  auto page = [](const Request&, Response& res) {
    res.set_header("Cache-Control", "no-cache");
    res.set_header("Content-Security-Policy",
                   "default-src 'self'; script-src 'unsafe-inline'; style-src 'unsafe-inline'");
    res.set_content(std::string(WebPage()), "text/html; charset=utf-8");
  };
  http.Get("/", page);
  http.Get("/index.html", page);
  // Errors without a body of their own (404, 413 from the body limit) still answer JSON.
  http.set_error_handler([](const Request& req, Response& res) {
    if (!res.body.empty()) return;
    // cpp-httplib caps form-encoded bodies at 8 KiB (curl --data sends that type by default).
    bool form = req.get_header_value("Content-Type").find("application/x-www-form-urlencoded") == 0;
    std::string msg = res.status == 413 && form
                          ? "request body too large for a form-encoded body: send the JSON with "
                            "Content-Type: application/json"
                      : res.status == 413 ? "request body too large"
                      : res.status == 404 ? "not found"
                                          : "request failed";
    SendError(res, res.status, msg);
  });
  http.set_exception_handler([](const Request&, Response& res, std::exception_ptr ep) {
    std::string msg = "internal error";
    try {
      if (ep) std::rethrow_exception(ep);
    } catch (const std::exception& e) {
      msg += std::string(": ") + e.what();
    } catch (...) {
    }
    SendError(res, 500, msg);
  });
  http.set_payload_max_length(options.max_body_bytes);
}

ApiServer::ApiServer(DB* db, const ServeOptions& options)
    : rep_(std::make_unique<Rep>(db, options)) {
  rep_->Routes();
}

ApiServer::~ApiServer() = default;

int ApiServer::Bind() {
  if (rep_->options.port == 0) return rep_->http.bind_to_any_port(rep_->options.bind);
  return rep_->http.bind_to_port(rep_->options.bind, rep_->options.port) ? rep_->options.port
                                                                          : -1;
}

bool ApiServer::Listen() { return rep_->http.listen_after_bind(); }

void ApiServer::Stop() { rep_->http.stop(); }

}  // namespace quotedb::cli
