// quotedb contradictions | claims: reports over claim frames (quotedb/claims.h).
#include <iostream>

#include "cli.h"
#include "output.h"
#include "quotedb/claims.h"
#include "quotedb/db.h"
#include "quotedb/reader.h"

namespace quotedb::cli {
namespace {

// One line per statement: role, speaker, source and date, the quote, the link.
void PrintSide(const char* label, const nlohmann::json& side) {
  for (const auto& s : side) {
    std::string role = s.value("role", "");
    std::string who = Cell(s["speaker"]);
    if (who.empty()) who = "(unattributed)";
    std::string where = Cell(s["source"]);
    std::string date = Cell(s["date"]);
    std::string quote = s.value("quote", "");
    if (quote.size() > 220) quote = quote.substr(0, 217) + "...";
    std::cout << "  " << label << " [" << role << ", " << s.value("polarity", "") << ", "
              << s.value("modality", "") << "] " << who;
    if (!where.empty() || !date.empty()) std::cout << " (" << where << (date.empty() ? "" : ", ") << date << ")";
    std::cout << ": \"" << quote << "\"";
    std::string link = Cell(s["url"]);
    if (link.empty()) link = Cell(s["file"]);
    if (!link.empty()) std::cout << "\n      " << link;
    std::cout << "\n";
  }
}

void PrintJsonList(const std::vector<nlohmann::json>& records, Format fmt) {
  if (fmt == Format::kJson) {
    std::cout << Dump(nlohmann::json(records), 2) << "\n";
  } else {
    for (const auto& r : records) std::cout << Dump(r) << "\n";
  }
}

struct ContradictionFlags {
  std::string speaker, topic, from, to;
  size_t limit = 0;
};

int RunContradictions(const ContradictionFlags& f, Globals& g) {
  ContradictionQuery q;
  q.speaker = f.speaker;
  q.topic = f.topic;
  q.limit = f.limit;
  if (!ParseDateFlag("--from", f.from, &q.from_days) || !ParseDateFlag("--to", f.to, &q.to_days))
    return kExitBadInput;
  auto db = OpenForReading(g);
  if (!db.ok()) return ReportError(db.status());
  auto findings = FindContradictions(**db, q);
  if (!findings.ok()) return ReportError(findings.status());
  std::vector<nlohmann::json> records;
  for (const Finding& fd : *findings) records.push_back(FindingJson(fd));
  Format fmt = ResolveFormat(g);
  if (fmt == Format::kTable || fmt == Format::kCsv) {
    for (const auto& r : records) {
      std::cout << Cell(r["kind"]) << "  score " << Cell(r["score"]) << "  "
                << Cell(r["proposition"]) << "\n";
      PrintSide("FOR    ", r["for"]);
      PrintSide("AGAINST", r["against"]);
      std::cout << "\n";
    }
    if (records.empty()) std::cerr << "no contradictions found\n";
  } else {
    PrintJsonList(records, fmt);
  }
  return records.empty() ? kExitNothingFound : kExitOk;
}

int RunClaims(const std::string& text, size_t limit, Globals& g) {
  auto db = OpenForReading(g);
  if (!db.ok()) return ReportError(db.status());
  auto report = ClaimsAbout(**db, text, limit);
  if (!report.ok()) return ReportError(report.status());
  Format fmt = ResolveFormat(g);
  std::vector<std::pair<const char*, const std::vector<ClaimHit>*>> groups = {
      {"for", &report->for_side}, {"against", &report->against},
      {"observing", &report->observing}};
  size_t total = 0;
  if (fmt == Format::kTable || fmt == Format::kCsv) {
    std::cout << "claim: " << report->claim.proposition << " ("
              << PolarityName(report->claim.polarity) << ")\n";
    for (auto& [name, list] : groups) {
      std::cout << name << " (" << list->size() << ")\n";
      nlohmann::json side = nlohmann::json::array();
      for (const ClaimHit& h : *list) side.push_back(ClaimStatementJson(h, name));
      PrintSide("  ", side);
      total += list->size();
    }
  } else {
    std::vector<nlohmann::json> records;
    for (auto& [name, list] : groups) {
      for (const ClaimHit& h : *list) {
        nlohmann::json j = ClaimStatementJson(h, "");
        j["stance"] = name;
        j["claim"] = report->claim.proposition;
        records.push_back(std::move(j));
      }
      total += list->size();
    }
    PrintJsonList(records, fmt);
  }
  if (total == 0 && fmt == Format::kTable) std::cerr << "no stored statement is about this claim\n";
  return total == 0 ? kExitNothingFound : kExitOk;
}

}  // namespace

void AddContradictionsCommand(CLI::App& app, Globals& g) {
  auto f = std::make_shared<ContradictionFlags>();
  CLI::App* cmd = app.add_subcommand(
      "contradictions",
      "Who contradicts whom: claim-vs-denial (different speakers, opposite polarity, same\n"
      "proposition), self-contradiction (one speaker reversing on a later date) and\n"
      "numeric-mismatch (different numbers for one quantity), with both sides' evidence.\n"
      "Hedged and merely reported statements are labelled apart from flat assertions.\n\n"
      "Example:\n"
      "  quotedb --db ./qdb contradictions --format json\n"
      "  quotedb --db ./qdb contradictions --speaker \"North Korea\" --from 2024-01-01");
  cmd->add_option("--speaker", f->speaker, "only findings with a statement by this speaker");
  cmd->add_option("--topic", f->topic, "only findings whose proposition or quotes hold these words");
  cmd->add_option("--from", f->from, "ignore statements dated before YYYY-MM-DD");
  cmd->add_option("--to", f->to, "ignore statements dated after YYYY-MM-DD");
  cmd->add_option("--limit", f->limit, "at most this many findings (0: all)");
  AddFormatOption(cmd, g, "table|json|jsonl");
  cmd->callback([f, &g] { g.exit_code = RunContradictions(*f, g); });
}

void AddClaimsCommand(CLI::App& app, Globals& g) {
  auto text = std::make_shared<std::string>();
  auto limit = std::make_shared<size_t>(1000);
  CLI::App* cmd = app.add_subcommand(
      "claims",
      "Every stored statement about a claim, grouped for, against and observing (hedged,\n"
      "reported or asked). The claim is read like a statement: an event (arms transfer,\n"
      "casualties, tax increase, ...) and who it is about.\n\n"
      "Example:\n"
      "  quotedb --db ./qdb claims \"North Korea supplies arms to Russia\"");
  cmd->add_option("text", *text, "the claim")->required();
  cmd->add_option("--limit", *limit, "read at most this many statements");
  AddFormatOption(cmd, g, "table|json|jsonl");
  cmd->callback([text, limit, &g] { g.exit_code = RunClaims(*text, *limit, g); });
}

}  // namespace quotedb::cli
