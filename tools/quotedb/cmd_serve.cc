// quotedb serve: the JSON API and the web page (server.h) on a loopback port.
#include <pthread.h>
#include <signal.h>

#include <chrono>
#include <condition_variable>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <mutex>
#include <sstream>
#include <thread>

#include "cli.h"
#include "quotedb/db.h"
#include "server.h"

namespace quotedb::cli {
namespace {

struct ServeFlags {
  std::string bind = "127.0.0.1";
  int port = 8080;
  std::string token_file;
  size_t max_body_mib = 8;
};

// The import token: --token-file when given, else $QUOTEDB_TOKEN, else none (read-only).
Result<std::string> LoadToken(const ServeFlags& f) {
  std::string token;
  if (!f.token_file.empty()) {
    std::ifstream in(f.token_file, std::ios::binary);
    if (!in) return Status::InvalidArgument("--token-file " + f.token_file + ": cannot read it");
    std::stringstream ss;
    ss << in.rdbuf();
    token = ss.str();
  } else if (const char* env = std::getenv("QUOTEDB_TOKEN")) {
    token = env;
  }
  while (!token.empty() && std::isspace(static_cast<unsigned char>(token.back()))) token.pop_back();
  size_t start = 0;
  while (start < token.size() && std::isspace(static_cast<unsigned char>(token[start]))) ++start;
  token.erase(0, start);
  if (!f.token_file.empty() && token.empty())
    return Status::InvalidArgument("--token-file " + f.token_file + " is empty");
  if (!token.empty() && token.size() < 16)
    return Status::InvalidArgument("the import token must be at least 16 characters");
  return token;
}

int RunServe(const ServeFlags& f, Globals& g) {
  auto token = LoadToken(f);
  if (!token.ok()) return ReportError(token.status());
  // Block SIGINT/SIGTERM in every thread; one thread waits for them and stops the server.
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGINT);
  sigaddset(&stop_signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);

  Options o;
  // A server that takes imports may start from an empty database; a read-only one may not.
  o.create_if_missing = !token->empty();
  auto db = DB::Open(g.db, o);
  bool read_only_open = false;
  if (!db.ok() && db.status().IsBusy()) {
    o.read_only = true;
    db = DB::Open(g.db, o);
    read_only_open = db.ok();
  }
  if (!db.ok()) return ReportError(db.status());
  if (read_only_open)
    std::cerr << "quotedb: another process holds " << g.db
              << " for writing; serving it read-only (imports answer 503)\n";

  ServeOptions so;
  so.bind = f.bind;
  so.port = f.port;
  so.token = *token;
  so.max_body_bytes = f.max_body_mib << 20;
  ApiServer server(db->get(), so);
  int port = server.Bind();
  if (port < 0) {
    std::cerr << "quotedb: cannot listen on " << f.bind << ":" << f.port
              << " (address in use or not available)\n";
    return kExitUnavailable;
  }
  std::string host = f.bind.find(':') != std::string::npos ? "[" + f.bind + "]" : f.bind;
  std::cout << "quotedb: serving " << g.db << " on http://" << host << ":" << port << "/ ("
            << (so.token.empty() ? "read-only" : "imports need the bearer token") << ")"
            << std::endl;
  if (f.bind != "127.0.0.1" && f.bind != "localhost" && f.bind != "::1")
    std::cerr << "quotedb: warning: listening beyond loopback on " << f.bind
              << "; the API has no TLS\n";

  std::thread waiter([&server, stop_signals] {
    int sig = 0;
    sigwait(&stop_signals, &sig);
    server.Stop();
  });
  // Read-only beside a running import: follow the writer once a second, so what it commits
  // becomes visible without a restart.
  std::mutex follow_mu;
  std::condition_variable follow_cv;
  bool stopping = false;
  std::thread follower;
  if (read_only_open) {
    follower = std::thread([&] {
      std::unique_lock<std::mutex> lock(follow_mu);
      while (!follow_cv.wait_for(lock, std::chrono::seconds(1), [&] { return stopping; })) {
        Status caught = (*db)->CatchUp();
        if (!caught.ok()) std::cerr << "quotedb: cannot follow the writer: " << caught.message() << "\n";
      }
    });
  }
  bool ok = server.Listen();
  // Listen returned on its own (an error): wake the waiter so it can be joined.
  pthread_kill(waiter.native_handle(), SIGTERM);
  waiter.join();
  if (follower.joinable()) {
    {
      std::lock_guard<std::mutex> lock(follow_mu);
      stopping = true;
    }
    follow_cv.notify_all();
    follower.join();
  }
  Status synced = (*db)->Sync();
  if (!synced.ok() && !read_only_open) return ReportError(synced);
  return ok ? kExitOk : kExitUnavailable;
}

}  // namespace

void AddServeCommand(CLI::App& app, Globals& g) {
  auto f = std::make_shared<ServeFlags>();
  CLI::App* cmd = app.add_subcommand(
      "serve", "Serve the JSON API and the web page (who said what, who contradicts whom).");
  cmd->footer(
      "Binds to loopback unless --bind says otherwise. GET /api/quotes, /api/who-said,\n"
      "/api/check, /api/speakers, /api/contradictions, /api/attributions, /api/article,\n"
      "/api/stats answer JSON; lists are paged ({\"results\", \"next_cursor\"}: pass it back as\n"
      "cursor=). POST /api/import takes a news-please JSON record or an array of them and\n"
      "needs \"Authorization: Bearer TOKEN\", the token read from --token-file or\n"
      "$QUOTEDB_TOKEN (16 characters or more); without a token the server is read-only.\n"
      "Ctrl-C stops it.\n"
      "\n"
      "Example:\n"
      "  quotedb --db ./qdb serve --port 8080     # then open http://127.0.0.1:8080/\n"
      "  QUOTEDB_TOKEN=$(cat token) quotedb --db ./qdb serve\n"
      "  curl -H \"Authorization: Bearer $(cat token)\" -H \"Content-Type: application/json\" \\\n"
      "       --data-binary @article.json \\\n"
      "       http://127.0.0.1:8080/api/import");
  cmd->add_option("--bind", f->bind, "address to listen on")->capture_default_str();
  cmd->add_option("--port", f->port, "port (0: any free port, printed on stdout)")
      ->capture_default_str()
      ->check(CLI::Range(0, 65535));
  cmd->add_option("--token-file", f->token_file,
                  "file holding the bearer token for POST /api/import (else $QUOTEDB_TOKEN)");
  cmd->add_option("--max-body-mib", f->max_body_mib, "largest request body, in MiB")
      ->capture_default_str()
      ->check(CLI::Range(size_t{1}, size_t{1024}));
  cmd->callback([f, &g] { g.exit_code = RunServe(*f, g); });
}

}  // namespace quotedb::cli
