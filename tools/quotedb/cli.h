// Shared pieces of the quotedb command line: global options, exit codes, output formats.
// Each command lives in its own cmd_*.cc file and registers itself through an Add*Command
// function listed in main.cc. Commands stay thin: they parse flags, call the engine and print.
#ifndef QUOTEDB_TOOLS_CLI_H_
#define QUOTEDB_TOOLS_CLI_H_

#include <CLI/CLI.hpp>

#include <memory>
#include <string>

#include "quotedb/db.h"
#include "quotedb/status.h"

namespace quotedb::cli {

// Exit codes (README "Exit codes").
inline constexpr int kExitOk = 0;
inline constexpr int kExitNothingFound = 1;
inline constexpr int kExitBadInput = 2;
inline constexpr int kExitUnavailable = 3;
inline constexpr int kExitCorruption = 4;

enum class Format { kTable, kJson, kJsonl, kCsv };

struct Globals {
  std::string db;         // --db, else $QUOTEDB_DB, else ./quotedb-data
  std::string format;     // --format as given; empty means: table on a terminal, else jsonl
  bool quiet = false;     // --quiet: no progress or summary lines on stderr
  int exit_code = kExitOk;
  char** argv = nullptr;  // main's, for a command that re-executes itself (TuneMallocForImport)
};

// For `quotedb import`: re-executes this process once with glibc's malloc tuned for a bulk
// import in GLIBC_TUNABLES, which glibc reads only when a process starts. Freed memory stays
// with the process instead of being given back to the kernel (trimmed heaps, unmapped blocks of
// 128 KiB and more) and faulted in again page by page; the heaps grow 32 MiB at a time and are
// advised for transparent huge pages. Measured by turns (docs/performance.md, sessions 13 and
// 14): BBC x1 wall 0.93 of untuned (0.87 where the caller sets the tunables: the re-exec starts
// the binary twice), x10 0.90, x40 0.91, minor faults about halved; growing the heaps by 32 MiB
// (glibc's top_pad, 128 KiB by default) then took x1 to 0.90 of that and its minor faults from
// 7.5k to 0.8k, peak RSS 111 -> 123 MiB. Does nothing where GLIBC_TUNABLES is set already, to
// anything (an empty value turns the tuning off), or where the exec fails.
void TuneMallocForImport(const Globals& g);

// The format to print in: --format when given, else table on a terminal and jsonl otherwise.
Format ResolveFormat(const Globals& g);

// Whether stderr is a terminal (progress bars are drawn only then).
bool StderrIsTerminal();

// Prints "quotedb: <message>" on stderr and returns the exit code for `s`.
int ReportError(const Status& s);

// Opens the database in g.db for reading, never creating it. While an import holds the write
// lock, it opens read-only instead, so lookups keep answering beside the import.
Result<std::unique_ptr<DB>> OpenForReading(const Globals& g);

// Reads a YYYY-MM-DD value of `flag` into *days (left alone when `value` is empty); on a bad
// date prints a message naming the flag and returns false.
bool ParseDateFlag(const std::string& flag, const std::string& value, int64_t* days);

// Exit code for a non-ok status: 3 for busy/unavailable, 4 for corruption, 2 otherwise.
int ExitCodeFor(const Status& s);

// Adds `--format` to a subcommand.
void AddFormatOption(CLI::App* cmd, Globals& g, const std::string& allowed = "table|json|jsonl|csv");

// One registration function per command file.
void AddImportCommand(CLI::App& app, Globals& g);
void AddExtractCommand(CLI::App& app, Globals& g);
void AddQuotesCommand(CLI::App& app, Globals& g);
void AddWhoSaidCommand(CLI::App& app, Globals& g);
void AddSpeakersCommand(CLI::App& app, Globals& g);
void AddStatsCommand(CLI::App& app, Globals& g);
void AddVerifyCommand(CLI::App& app, Globals& g);
void AddCompactCommand(CLI::App& app, Globals& g);  // cmd_verify.cc
void AddExportCommand(CLI::App& app, Globals& g);
// Adds `speakers import` under `speakers`; call after AddSpeakersCommand.
void AddSpeakersImportCommand(CLI::App& app, Globals& g);
void AddCheckCommand(CLI::App& app, Globals& g);
void AddReportAttributionsCommand(CLI::App& app, Globals& g);

// The `report` command group, created by whichever report registers first: each report
// (attributions, contradictions, ...) adds its own subcommand to it.
CLI::App* ReportCommand(CLI::App& app);
void AddStanceCommand(CLI::App& app, Globals& g);
void AddContradictionsCommand(CLI::App& app, Globals& g);  // cmd_claims.cc
void AddClaimsCommand(CLI::App& app, Globals& g);          // cmd_claims.cc
void AddServeCommand(CLI::App& app, Globals& g);           // cmd_serve.cc

}  // namespace quotedb::cli

#endif  // QUOTEDB_TOOLS_CLI_H_
