// quotedb quotes | who-said | speakers | stats: the lookups.
#include <iostream>

#include "cli.h"
#include "output.h"
#include "quotedb/db.h"
#include "quotedb/reader.h"

namespace quotedb::cli {
namespace {

const std::vector<std::string> kStatementColumns = {"date", "speaker", "kind", "quote", "source"};

int PrintHits(const std::vector<StatementHit>& hits, Globals& g) {
  std::vector<nlohmann::json> records;
  for (const auto& h : hits) records.push_back(StatementJson(h));
  Format fmt = ResolveFormat(g);
  if (!hits.empty() || fmt == Format::kJson) PrintRecords(records, fmt, kStatementColumns);
  if (hits.empty()) {
    if (fmt == Format::kTable) std::cerr << "nothing found\n";
    return kExitNothingFound;
  }
  return kExitOk;
}

struct QuotesFlags {
  std::string speaker, source, from, to, text;
  size_t limit = 100;
};

int RunQuotes(const QuotesFlags& f, Globals& g) {
  QuoteQuery q;
  q.speaker = f.speaker;
  q.source = f.source;
  q.text = f.text;
  q.limit = f.limit;
  if (!ParseDateFlag("--from", f.from, &q.from_days) || !ParseDateFlag("--to", f.to, &q.to_days))
    return kExitBadInput;
  auto db = OpenForReading(g);
  if (!db.ok()) return ReportError(db.status());
  auto hits = (*db)->Quotes(q);
  if (!hits.ok()) return ReportError(hits.status());
  return PrintHits(*hits, g);
}

int RunWhoSaid(const std::string& text, size_t limit, Globals& g) {
  auto db = OpenForReading(g);
  if (!db.ok()) return ReportError(db.status());
  auto hits = (*db)->WhoSaid(text, limit);
  if (!hits.ok()) return ReportError(hits.status());
  return PrintHits(*hits, g);
}

int RunSpeakers(const std::string& name, size_t limit, Globals& g) {
  auto db = OpenForReading(g);
  if (!db.ok()) return ReportError(db.status());
  auto speakers = (*db)->FindSpeakers(name, limit);
  if (!speakers.ok()) return ReportError(speakers.status());
  std::vector<nlohmann::json> records;
  for (const auto& sp : *speakers) records.push_back(SpeakerJson(sp));
  Format fmt = ResolveFormat(g);
  if (!records.empty() || fmt == Format::kJson)
    PrintRecords(records, fmt, {"name", "kind", "statements", "titles", "aliases"});
  return records.empty() ? kExitNothingFound : kExitOk;
}

int RunStats(Globals& g) {
  auto db = OpenForReading(g);
  if (!db.ok()) return ReportError(db.status());
  auto st = (*db)->GetStats();
  if (!st.ok()) return ReportError(st.status());
  nlohmann::json j = {{"articles", st->counters.articles},
                      {"statements", st->counters.statements},
                      {"speakers", st->counters.speakers},
                      {"sources", st->counters.sources},
                      // Syndication: copies of a wire story's quotes in other outlets count once.
                      {"unique_statements",
                       st->counters.statements - st->counters.syndicated_statements},
                      {"syndicated_duplicates", st->counters.syndicated_statements},
                      {"syndicated_articles", st->counters.syndicated_articles},
                      {"text_bytes", st->counters.body_bytes},
                      {"schema_version", st->schema_version},
                      {"db", g.db}};
  Format fmt = ResolveFormat(g);
  if (fmt == Format::kTable) {
    for (auto& [k, v] : j.items()) std::cout << k << "\t" << Cell(v) << "\n";
  } else if (fmt == Format::kCsv) {
    PrintRecords({j}, fmt, {"articles", "statements", "speakers", "sources", "text_bytes"});
  } else {
    std::cout << Dump(j, fmt == Format::kJson ? 2 : -1) << "\n";
  }
  return kExitOk;
}

}  // namespace

void AddQuotesCommand(CLI::App& app, Globals& g) {
  auto f = std::make_shared<QuotesFlags>();
  CLI::App* cmd = app.add_subcommand("quotes", "List stored statements, newest first, by speaker, source and date range.");
  cmd->footer("Speaker names fold case and diacritics; a surname finds the person (\"Lukin\").\n"
              "\n"
              "Example:\n"
              "  quotedb quotes --speaker Lukin --format json\n"
              "  quotedb quotes --source straitstimes.com --from 2024-06-01 --to 2024-06-30");
  cmd->add_option("--speaker", f->speaker, "speaker name or alias");
  cmd->add_option("--source", f->source, "outlet name or domain");
  cmd->add_option("--from", f->from, "first date, YYYY-MM-DD (inclusive)");
  cmd->add_option("--to", f->to, "last date, YYYY-MM-DD (inclusive)");
  cmd->add_option("--text", f->text, "words the quote must contain, in order");
  cmd->add_option("--limit", f->limit, "at most this many statements")->capture_default_str();
  AddFormatOption(cmd, g);
  cmd->callback([f, &g] { g.exit_code = RunQuotes(*f, g); });
}

void AddWhoSaidCommand(CLI::App& app, Globals& g) {
  auto text = std::make_shared<std::string>();
  auto limit = std::make_shared<size_t>(50);
  CLI::App* cmd = app.add_subcommand("who-said", "Who said these words? Exact matches first, then statements containing them");
  cmd->footer("Exact matches on the normalised text come first (case,\n"
              "punctuation and quote marks ignored), then statements that hold the words next to\n"
              "each other, in order (accents ignored as well). Exit 1 when nothing matches.\n"
              "\n"
              "Example:\n"
              "  quotedb who-said \"the most brazen nullification\" --format json");
  cmd->add_option("text", *text, "the words")->required();
  cmd->add_option("--limit", *limit, "at most this many statements")->capture_default_str();
  AddFormatOption(cmd, g);
  cmd->callback([text, limit, &g] { g.exit_code = RunWhoSaid(*text, *limit, g); });
}

void AddSpeakersCommand(CLI::App& app, Globals& g) {
  auto name = std::make_shared<std::string>();
  auto limit = std::make_shared<size_t>(0);
  CLI::App* cmd = app.add_subcommand("speakers", "List speakers, most quoted first; with NAME, those whose name or alias matches.");
  cmd->footer("Example:\n"
              "  quotedb speakers\n"
              "  quotedb speakers putin --format json");
  cmd->add_option("name", *name, "name, alias or surname (optional)");
  cmd->add_option("--limit", *limit, "at most this many (0: all)");
  AddFormatOption(cmd, g);
  cmd->callback([name, limit, cmd, &g] {
    if (cmd->got_subcommand("import")) return;  // `speakers import` (cmd_registry.cc) ran
    g.exit_code = RunSpeakers(*name, *limit, g);
  });
}

void AddStatsCommand(CLI::App& app, Globals& g) {
  CLI::App* cmd = app.add_subcommand("stats", "Counts of articles, statements, speakers and sources in the database.");
  cmd->footer("Example:\n"
              "  quotedb stats --format json");
  AddFormatOption(cmd, g);
  cmd->callback([&g] { g.exit_code = RunStats(g); });
}

}  // namespace quotedb::cli
