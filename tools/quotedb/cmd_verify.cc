// quotedb verify: check the whole database; exit 0 when sound, 4 with the first problems.
#include <chrono>
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

namespace quotedb::cli {
namespace {

int RunCompact(Globals& g) {
  Options o;
  o.create_if_missing = false;
  auto db = DB::Open(g.db, o);
  if (!db.ok()) return ReportError(db.status());
  auto start = std::chrono::steady_clock::now();
  Status s = (*db)->Compact();
  if (!s.ok()) return ReportError(s);
  if (!g.quiet) {
    double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    std::cerr << "compacted " << g.db << " in " << secs << " s\n";
  }
  return kExitOk;
}

}  // namespace

void AddCompactCommand(CLI::App& app, Globals& g) {
  CLI::App* cmd = app.add_subcommand(
      "compact", "Rewrite the database into one sorted run per index, for faster lookups");
  cmd->footer(
      "An import writes each commit (about 2,048 articles, 8 MB or one second) as its own\n"
      "table files; a lookup reads one table per commit until RocksDB merges them. compact\n"
      "merges them now: after a large import, who-said and word search read one table per\n"
      "index (docs/performance.md has the figures). It takes about as long as writing the\n"
      "database once, needs the write lock (exit 3 while an import runs), and readers keep\n"
      "working meanwhile.\n"
      "\n"
      "Example:\n"
      "  quotedb --db ./qdb import ./articles && quotedb --db ./qdb compact");
  cmd->callback([&g] { g.exit_code = RunCompact(g); });
}

}  // namespace quotedb::cli
