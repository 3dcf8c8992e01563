// quotedb: the command line. See `quotedb --help` and README.md.
#include <malloc.h>
#include <sys/mman.h>
#include <unistd.h>

#include <cstdint>
#include <cstdlib>
#include <iostream>
#include <string_view>

#include "cli.h"

namespace {

// glibc malloc for a process that allocates and frees tens of MB a second from several threads
// (an import: extraction workers, the writer, the indexer, the committer). Measured in
// docs/performance.md, "Session 4: import CPU": page faults were a quarter of an import's CPU
// on the virtual machines we measure on (10-20 us each).
// - Freed memory is kept for the next commit or batch instead of going back to the kernel: by
//   default a block of 128 KB or more is a mapping of its own, unmapped when freed, and a
//   heap's free top is trimmed, so the same memory was faulted in again and again.
// - One heap for every thread, its growth advised for transparent huge pages (where the
//   kernel allows them for advised memory: transparent_hugepage=madvise), so it is faulted
//   in 2 MB at a time. Threads' own arenas would each fault 4 KB at a time.
void TuneMalloc() {
  constexpr std::uintptr_t kHugePage = 2u << 20;
  constexpr size_t kHeapStep = 256u << 20;  // address space only: pages come on first touch
  mallopt(M_ARENA_MAX, 1);
  mallopt(M_MMAP_THRESHOLD, 32 << 20);
  mallopt(M_TRIM_THRESHOLD, 512 << 20);
  mallopt(M_TOP_PAD, kHeapStep);
  // Grow the heap by one step now, so that the advice covers it.
  const auto before = reinterpret_cast<std::uintptr_t>(sbrk(0));
  void* probe = std::malloc(1 << 20);
  asm volatile("" : : "r"(probe) : "memory");  // the allocation must happen
  const auto after = reinterpret_cast<std::uintptr_t>(sbrk(0));
  std::free(probe);
  const std::uintptr_t b = (before + kHugePage - 1) & ~(kHugePage - 1);
  const std::uintptr_t e = after & ~(kHugePage - 1);
  if (before != static_cast<std::uintptr_t>(-1) && b < e)
    madvise(reinterpret_cast<void*>(b), e - b, MADV_HUGEPAGE);
}

// The subcommand named on the command line ("" when none): the first word that is neither an
// option nor the value of --db.
std::string_view Subcommand(int argc, char** argv) {
  for (int i = 1; i < argc; ++i) {
    std::string_view a(argv[i]);
    if (a == "--db") {
      ++i;
    } else if (!a.starts_with('-')) {
      return a;
    }
  }
  return {};
}

}  // namespace

int main(int argc, char** argv) {
  using namespace quotedb::cli;
  // Only for an import: one arena suits its few busy threads; a server's many would contend.
  if (Subcommand(argc, argv) == "import") TuneMalloc();
  CLI::App app{
      "quotedb: an embedded database of quotes and claims in the news.\n"
      "Finds every quote and reported claim in articles, attributes each to a speaker,\n"
      "stores them indexed by speaker, source, date and content, and answers who said what.\n\n"
      "Example:\n"
      "  quotedb --db ./qdb import fixtures/articles\n"
      "  quotedb --db ./qdb who-said \"nothing is off the table\"\n"
      "  quotedb --db ./qdb quotes --speaker Lukin --format json\n\n"
      "Exit codes: 0 ok/found, 1 nothing found, 2 bad usage or input,\n"
      "3 database locked or unavailable, 4 corruption.",
      "quotedb"};
  app.require_subcommand(1);
  Globals g;
  if (const char* env = std::getenv("QUOTEDB_DB"); env && *env) g.db = env;
  if (g.db.empty()) g.db = "./quotedb-data";
  app.add_option("--db", g.db, "database directory (default ./quotedb-data or $QUOTEDB_DB)")
      ->capture_default_str();
  app.add_flag("-q,--quiet", g.quiet, "no progress or summary on stderr");

  AddImportCommand(app, g);
  AddExtractCommand(app, g);
  AddQuotesCommand(app, g);
  AddWhoSaidCommand(app, g);
  AddSpeakersCommand(app, g);
  AddStatsCommand(app, g);
  AddVerifyCommand(app, g);
  AddCompactCommand(app, g);
  AddExportCommand(app, g);
  AddSpeakersImportCommand(app, g);
  AddCheckCommand(app, g);
  AddReportAttributionsCommand(app, g);
  AddStanceCommand(app, g);
  AddContradictionsCommand(app, g);
  AddClaimsCommand(app, g);
  AddServeCommand(app, g);

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int rc = app.exit(e);
    return rc == 0 ? 0 : kExitBadInput;
  }
  return g.exit_code;
}
