// Running the quotedb binary from a test, as a user would: one helper for every CLI test.
#ifndef QUOTEDB_TESTS_CLI_UTIL_H_
#define QUOTEDB_TESTS_CLI_UTIL_H_

#include <sys/wait.h>

#include <catch2/catch.hpp>
#include <cstdio>
#include <string>
#include <string_view>

namespace quotedb::testing {

struct CliRun {
  int code = -1;    // exit code; -1 when killed by a signal
  std::string out;  // standard output (with standard error when folded)
};

enum class Stderr { kDrop, kFold };

// Runs the shell command line `command`, reading its standard output to the end.
inline CliRun RunShell(const std::string& command) {
  CliRun r;
  FILE* p = ::popen(command.c_str(), "r");
  REQUIRE(p != nullptr);
  char buf[4096];
  size_t n;
  while ((n = fread(buf, 1, sizeof(buf), p)) > 0) r.out.append(buf, n);
  int status = ::pclose(p);
  r.code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return r;
}

// `s` as one single-quoted shell word.
inline std::string ShellQuote(std::string_view s) {
  std::string q = "'";
  for (char c : s) q += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return q + "'";
}

// Runs quotedb with `args` (already shell-quoted); standard error dropped or folded into `out`.
inline CliRun RunQuotedb(const std::string& args, Stderr err = Stderr::kDrop) {
  return RunShell(std::string(QUOTEDB_BINARY) + " " + args +
                  (err == Stderr::kFold ? " 2>&1" : " 2>/dev/null"));
}

}  // namespace quotedb::testing

#endif
