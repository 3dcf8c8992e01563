// quotedb serve, in the quotedb binary: hands the command line to quotedb-serve.
//
// The HTTP server (server.cc, cmd_serve.cc) is built into a binary of its own, quotedb-serve,
// beside quotedb: it links cpp-httplib, and with it OpenSSL and Brotli, whose loading and
// relocation took a third of the start of every quotedb command (`quotedb --help`: 20 ms and
// 708 page faults with them, 12.5 ms and 469 without; docs/performance.md, session 13). So
// `quotedb serve ...` re-executes as `quotedb-serve ...` with the same arguments (and the same
// process id, which a supervisor's signals still reach); quotedb-serve has every command and
// the real `serve`.
#include <unistd.h>

#include <cerrno>
#include <climits>
#include <cstdio>
#include <cstring>
#include <iostream>
#include <string>

#include "cli.h"

namespace quotedb::cli {

namespace {

// quotedb-serve in the directory of this executable.
std::string ServeBinary() {
  char self[PATH_MAX];
  ssize_t n = ::readlink("/proc/self/exe", self, sizeof(self) - 1);
  if (n <= 0) return "quotedb-serve";
  std::string path(self, static_cast<size_t>(n));
  size_t slash = path.rfind('/');
  return (slash == std::string::npos ? std::string() : path.substr(0, slash + 1)) +
         "quotedb-serve";
}

}  // namespace

void AddServeCommand(CLI::App& app, Globals& g) {
  CLI::App* cmd = app.add_subcommand(
      "serve", "Serve the JSON API and the web page (who said what, who contradicts whom).");
  // Everything after `serve`, --help included, is quotedb-serve's to parse.
  cmd->set_help_flag();
  cmd->allow_extras();
  cmd->prefix_command();
  cmd->callback([&g] {
    const std::string bin = ServeBinary();
    if (g.argv != nullptr) {
      std::fflush(nullptr);
      g.argv[0] = const_cast<char*>(bin.c_str());
      ::execv(bin.c_str(), g.argv);
    }
    std::cerr << "quotedb: serve needs " << bin << " (built beside quotedb): "
              << std::strerror(errno) << "\n";
    g.exit_code = kExitUnavailable;
  });
}

}  // namespace quotedb::cli
