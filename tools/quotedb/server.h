// quotedb serve: the JSON API and the web page over one open database.
//
//   ServeOptions o;                 // loopback, port 8080, read-only
//   ApiServer server(db.get(), o);  // db not owned; must outlive the server
//   int port = server.Bind();       // -1 when the address cannot be bound
//   server.Listen();                // blocks until Stop() (from another thread or a signal)
//
// Endpoints (all GET answer JSON; bad parameters are 400 {"error": "..."}):
//   /api/quotes?speaker=&source=&from=&to=&q=&limit=&cursor=   statement records, newest first
//   /api/who-said?text=&limit=&cursor=                         statement records
//   /api/check?text=&speaker=                                  cross-check verdict
//   /api/speakers?name=&limit=&cursor=                         speaker records
//   /api/contradictions?speaker=&topic=&from=&to=&limit=&cursor=  findings
//   /api/attributions?limit=&cursor=                           misattributed / altered quotes
//   /api/article?id=                                           an article with its text
//   /api/stats                                                 counts
//   POST /api/import   news-please JSON (a record or an array), Authorization: Bearer TOKEN
// Lists are pages: {"results": [...], "count": n, "next_cursor": "..." or null}; pass
// next_cursor back as cursor= for the next page. Every other path serves the web page.
#ifndef QUOTEDB_TOOLS_SERVER_H_
#define QUOTEDB_TOOLS_SERVER_H_

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>

#include "quotedb/db.h"

namespace quotedb::cli {

struct ServeOptions {
  std::string bind = "127.0.0.1";
  int port = 8080;  // 0: any free port (Bind returns it)
  // Bearer token that POST /api/import requires; empty: the server is read-only (403).
  std::string token;
  size_t max_body_bytes = 8u << 20;  // larger request bodies get 413
  size_t max_page = 1000;            // largest limit= a list accepts
  size_t max_offset = 100000;        // deepest cursor a list accepts
};

// The page served at "/" (web_page.cc): HTML with its CSS and JS inline.
std::string_view WebPage();

class ApiServer {
 public:
  // `db` is not owned and must outlive the server.
  ApiServer(DB* db, const ServeOptions& options);
  ~ApiServer();
  ApiServer(const ApiServer&) = delete;
  ApiServer& operator=(const ApiServer&) = delete;

  // Binds the listening socket; returns the port, or -1 when the address cannot be bound.
  int Bind();
  // Serves until Stop(); returns false when the server failed. Requires a successful Bind().
  bool Listen();
  // Makes Listen() return; safe from any thread.
  void Stop();

 private:
  struct Rep;
  std::unique_ptr<Rep> rep_;
};

// Whether `a` equals `b`, in time that depends only on their lengths (for bearer tokens).
bool ConstantTimeEquals(std::string_view a, std::string_view b);

}  // namespace quotedb::cli

#endif  // QUOTEDB_TOOLS_SERVER_H_
