// quotedb verify: check the whole database; exit 0 when sound, 4 with the first problems.
#include <iostream>

#include "cli.h"
#include "output.h"
#include "quotedb/db.h"

namespace quotedb::cli {
namespace {

int RunVerify(size_t max_problems, Globals& g) {
  auto db = OpenForReading(g);  // during an import: checks what it has committed
  if (!db.ok()) return ReportError(db.status());
  auto report = (*db)->Verify(max_problems);
  if (!report.ok()) return ReportError(report.status());
  nlohmann::json families = nlohmann::json::object();
  for (const auto& [name, n] : report->keys_per_family) families[name] = n;
  nlohmann::json j = {{"ok", report->ok()},
                      {"problems", report->problem_count},
                      {"first_problems", report->problems},
                      {"keys", families}};
  Format fmt = ResolveFormat(g);
  if (fmt == Format::kTable) {
    if (report->ok()) {
      std::cout << "ok: the database at " << g.db << " is sound\n";
      for (const auto& [name, n] : report->keys_per_family)
        std::cout << "  " << name << "\t" << n << "\n";
    } else {
      std::cout << report->problem_count << " problems in the database at " << g.db << ":\n";
      for (const auto& p : report->problems) std::cout << "  " << p << "\n";
    }
  } else {
    std::cout << Dump(j, fmt == Format::kJson ? 2 : -1) << "\n";
  }
  return report->ok() ? kExitOk : kExitCorruption;
}

}  // namespace

void AddVerifyCommand(CLI::App& app, Globals& g) {
  auto max = std::make_shared<size_t>(20);
  CLI::App* cmd = app.add_subcommand("verify", "Check the database: values decode, indexes and counters agree");
  cmd->footer(
      "Checks that every value decodes, every index entry points to a record, every record\n"
      "has all its index entries, and the counters match. Exit 0 when sound, 4 when not\n"
      "(the first problems are listed).\n"
      "\n"
      "Example:\n"
      "  quotedb --db ./qdb verify\n"
      "  quotedb --db ./qdb verify --format json --max-problems 100");
  cmd->add_option("--max-problems", *max, "list at most this many problems")->capture_default_str();
  AddFormatOption(cmd, g, "table|json|jsonl");
  cmd->callback([max, &g] { g.exit_code = RunVerify(*max, g); });
}

}  // namespace quotedb::cli
