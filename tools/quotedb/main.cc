// quotedb: the command line. See `quotedb --help` and README.md.
#include <cstdlib>
#include <iostream>
#include <string_view>

#include "cli.h"

int main(int argc, char** argv) {
  using namespace quotedb::cli;
  // glibc's malloc as it comes, except for `import` (TuneMallocForImport, cli.h). Session 4's
  // tuning in-process (mallopt: one arena, no trimming, the heap advised for huge pages) cost
  // more than it saved: one arena shared by every thread (docs/performance.md, session 11).
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
  g.argv = argv;
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
