// quotedb speakers import FILE.tsv: load a speaker registry (canonical names, aliases, QIDs).
#include <cstdio>
#include <iostream>

#include "cli.h"
#include "quotedb/db.h"
#include "quotedb/import.h"

namespace quotedb::cli {
namespace {

int RunRegistryImport(const std::string& path, Globals& g) {
  WarningFn warn = [&g](const std::string& w) {
    if (!g.quiet) std::cerr << "quotedb: warning: " << w << "\n";
  };
  auto entries = ReadSpeakerRegistry(path, warn);
  if (!entries.ok()) return ReportError(entries.status());
  auto db = DB::Open(g.db, Options{});
  if (!db.ok()) return ReportError(db.status());
  auto r = (*db)->PutSpeakerRegistry(*entries);
  if (!r.ok()) return ReportError(r.status());
  if (!g.quiet)
    std::fprintf(stderr, "registered %zu speakers (%zu new, %zu updated), %zu names and aliases\n",
                 entries->size(), r->speakers_new, r->speakers_updated, r->aliases);
  return kExitOk;
}

}  // namespace

void AddSpeakersImportCommand(CLI::App& app, Globals& g) {
  CLI::App* speakers = app.get_subcommand("speakers");
  auto path = std::make_shared<std::string>();
  CLI::App* cmd = speakers->add_subcommand("import", "Load a speaker registry (TSV)");
  cmd->description(
      "Load a speaker registry: one speaker a line, tab-separated: canonical name, aliases\n"
      "(separated by | or ;), Wikidata QID, and optionally the kind (person, government,\n"
      "organisation, document, media, group). Aliases then resolve to the canonical speaker\n"
      "in queries and in later imports, and that speaker carries the QID. Loading again\n"
      "updates the entries.");
  cmd->footer("Example:\n"
              "  printf 'Vladimir Putin\\tPutin|Vladimir V. Putin\\tQ7747\\n' > registry.tsv\n"
              "  quotedb --db ./qdb speakers import registry.tsv");
  cmd->add_option("file", *path, "registry TSV file")->required();
  cmd->callback([path, &g] { g.exit_code = RunRegistryImport(*path, g); });
}

}  // namespace quotedb::cli
