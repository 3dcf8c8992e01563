#include "cli.h"

#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <iostream>

#include "quotedb/reader.h"

namespace quotedb::cli {

Format ResolveFormat(const Globals& g) {
  if (g.format == "table") return Format::kTable;
  if (g.format == "json") return Format::kJson;
  if (g.format == "jsonl") return Format::kJsonl;
  if (g.format == "csv") return Format::kCsv;
  return isatty(STDOUT_FILENO) ? Format::kTable : Format::kJsonl;
}

bool StderrIsTerminal() { return isatty(STDERR_FILENO) != 0; }

Result<std::unique_ptr<DB>> OpenForReading(const Globals& g) {
  Options o;
  o.create_if_missing = false;
  auto db = DB::Open(g.db, o);
  if (db.ok() || !db.status().IsBusy()) return db;
  o.read_only = true;  // an import holds the write lock: read beside it
  return DB::Open(g.db, o);
}

bool ParseDateFlag(const std::string& flag, const std::string& value, int64_t* days) {
  if (value.empty()) return true;
  ParsedDate d;
  if (!ParseDate(value, &d)) {
    std::cerr << "quotedb: " << flag << " \"" << value << "\" is not a date (use YYYY-MM-DD)\n";
    return false;
  }
  *days = d.days;
  return true;
}

int ExitCodeFor(const Status& s) {
  if (s.ok()) return kExitOk;
  if (s.IsBusy() || s.IsIOError()) return kExitUnavailable;
  if (s.IsCorruption()) return kExitCorruption;
  if (s.IsNotFound()) return kExitNothingFound;
  return kExitBadInput;
}

int ReportError(const Status& s) {
  std::cerr << "quotedb: " << s.message() << "\n";
  return ExitCodeFor(s);
}

void AddFormatOption(CLI::App* cmd, Globals& g, const std::string& allowed) {
  std::vector<std::string> choices;
  size_t start = 0;
  while (start <= allowed.size()) {
    size_t bar = allowed.find('|', start);
    if (bar == std::string::npos) bar = allowed.size();
    choices.push_back(allowed.substr(start, bar - start));
    start = bar + 1;
  }
  cmd->add_option("--format", g.format,
                  "output format: " + allowed + " (default: table on a terminal, else jsonl)")
      ->check(CLI::IsMember(choices));
}

void TuneMallocForImport(const Globals& g) {
  // Never trim (1 GiB), blocks below 32 MiB from the heaps rather than their own mappings, the
  // heaps grown 32 MiB at a time, and advised for transparent huge pages.
  static constexpr char kTunables[] =
      "glibc.malloc.trim_threshold=1073741824:glibc.malloc.mmap_threshold=33554432:"
      "glibc.malloc.top_pad=33554432:glibc.malloc.hugetlb=1";
  if (g.argv == nullptr || std::getenv("GLIBC_TUNABLES") != nullptr) return;
  if (::setenv("GLIBC_TUNABLES", kTunables, 1) != 0) return;
  std::fflush(nullptr);
  ::execv("/proc/self/exe", g.argv);
  ::unsetenv("GLIBC_TUNABLES");  // the exec failed: go on untuned
}

}  // namespace quotedb::cli
