// quotedb check | report attributions: is this quote real, and really theirs?
#include <cmath>
#include <cstdio>
#include <iostream>

#include "cli.h"
#include "output.h"
#include "quotedb/db.h"
#include "quotedb/reader.h"

namespace quotedb::cli {
namespace {

std::string Date(int64_t days) { return days == kUnknownDate ? "date unknown" : FormatDate(days); }

std::string Sources(const StatementHit& h) {
  if (h.sources.empty()) return h.source.empty() ? "-" : h.source;
  std::string s;
  for (const auto& x : h.sources) s += (s.empty() ? "" : ", ") + x;
  return s;
}

std::string SpeakerLine(const SpeakerEvidence& ev) {
  std::string s = (ev.name.empty() ? std::string("(unattributed)") : ev.name);
  if (ev.claimed) s += " [claimed]";
  s += ": " + std::to_string(ev.statements) + " statement" + (ev.statements == 1 ? "" : "s");
  s += ", " + std::to_string(ev.sources.size()) + " source" + (ev.sources.size() == 1 ? "" : "s");
  if (ev.independent != ev.statements)
    s += " (" + std::to_string(ev.independent) + " independent)";
  if (ev.first_seen != kUnknownDate) s += ", first seen " + FormatDate(ev.first_seen);
  if (!ev.sources.empty()) {
    s += ": ";
    for (size_t i = 0; i < ev.sources.size(); ++i) s += (i ? ", " : "") + ev.sources[i];
  }
  return s;
}

void PrintStatementLines(const std::vector<StatementHit>& hits, const std::string& indent) {
  for (const StatementHit& h : hits) {
    std::string speaker;
    for (size_t i = 0; i < h.speakers.size(); ++i) speaker += (i ? " and " : "") + h.speakers[i];
    std::cout << indent << Date(h.statement.date_days) << "  "
              << (speaker.empty() ? "(unattributed)" : speaker) << "  " << Sources(h) << "\n";
  }
}

struct CheckFlags {
  std::string text;
  std::string speaker;
  double min_similarity = 0.6;
  size_t max_variants = 20;
};

int RunCheck(const CheckFlags& f, Globals& g) {
  auto db = OpenForReading(g);
  if (!db.ok()) return ReportError(db.status());
  CheckOptions o;
  o.speaker = f.speaker;
  o.min_similarity = f.min_similarity;
  o.max_variants = f.max_variants;
  auto r = (*db)->Check(f.text, o);
  if (!r.ok()) return ReportError(r.status());
  const CheckResult& c = *r;
  Format fmt = ResolveFormat(g);
  if (fmt == Format::kTable) {
    std::cout << "verdict: " << VerdictName(c.verdict) << "\n";
    std::cout << "quote:   " << f.text << "\n";
    if (!f.speaker.empty()) std::cout << "claimed: " << f.speaker << "\n";
    if (!c.speakers.empty()) {
      std::cout << (c.statements.empty() ? "\nspeakers of the variants:\n" : "\nspeakers:\n");
      for (const SpeakerEvidence& ev : c.speakers) std::cout << "  " << SpeakerLine(ev) << "\n";
    }
    if (!c.statements.empty()) {
      std::cout << "\nstatements (" << c.statements.size() << "):\n";
      PrintStatementLines(c.statements, "  ");
    }
    if (!c.variants.empty()) {
      std::cout << "\nvariants (" << c.variants.size() << "):\n";
      for (const VariantHit& v : c.variants) {
        char sim[16];
        std::snprintf(sim, sizeof(sim), "%.2f", v.diff.similarity);
        std::cout << "  " << sim << "  " << FormatWordDiff(v.diff) << "\n";
        PrintStatementLines({v.hit}, "        ");
      }
    }
  } else {
    nlohmann::json j = CheckJson(c, f.text, f.speaker);
    std::cout << Dump(j, fmt == Format::kJson ? 2 : -1) << "\n";
  }
  return c.verdict == Verdict::kNotFound ? kExitNothingFound : kExitOk;
}

int RunAttributions(size_t limit, Globals& g) {
  auto db = OpenForReading(g);
  if (!db.ok()) return ReportError(db.status());
  auto r = (*db)->AttributionReport(limit);
  if (!r.ok()) return ReportError(r.status());
  std::vector<nlohmann::json> records;
  for (const AttributionFinding& f : *r) {
    std::string names;
    for (const SpeakerEvidence& ev : f.speakers)
      names += (names.empty() ? "" : "; ") + (ev.name.empty() ? "(unattributed)" : ev.name) +
               " (" + std::to_string(ev.independent) + ")";
    nlohmann::json j = AttributionJson(f);
    // Table columns.
    j["who"] = names;
    j["diff"] = f.variants.empty() ? nlohmann::json(nullptr)
                                   : nlohmann::json(FormatWordDiff(f.variants[0].diff));
    records.push_back(std::move(j));
  }
  Format fmt = ResolveFormat(g);
  if (!records.empty() || fmt == Format::kJson)
    PrintRecords(records, fmt, {"score", "kind", "quote", "who", "diff"});
  if (records.empty()) {
    if (fmt == Format::kTable) std::cerr << "no misattributed or altered quotes found\n";
    return kExitNothingFound;
  }
  return kExitOk;
}

}  // namespace

CLI::App* ReportCommand(CLI::App& app) {
  auto existing =
      app.get_subcommands([](CLI::App* s) { return s->get_name() == "report"; });
  if (!existing.empty()) return existing[0];
  CLI::App* report = app.add_subcommand("report", "Reports over the whole database.");
  report->require_subcommand(1);
  report->footer("Example:\n  quotedb report attributions --format json");
  return report;
}

void AddCheckCommand(CLI::App& app, Globals& g) {
  auto f = std::make_shared<CheckFlags>();
  CLI::App* cmd = app.add_subcommand(
      "check", "Is this quote real, and really theirs? Cross-checks it against everything stored.");
  cmd->footer(
      "Verdicts: confirmed (given to this speaker, or to one speaker when none is named),\n"
      "misattributed (the same words are given to other speakers), altered (only near\n"
      "variants are stored; each is shown with its similarity and a word diff:\n"
      "[-removed-] {+added+}), not-found (exit 1). Copies of one wire story in several\n"
      "outlets count as one independent source.\n"
      "\n"
      "Example:\n"
      "  quotedb check \"the budget will pass this year\" --speaker \"Jane Doe\" --format json");
  cmd->add_option("text", f->text, "the quote")->required();
  cmd->add_option("--speaker", f->speaker, "the speaker it is attributed to");
  cmd->add_option("--min-similarity", f->min_similarity,
                  "word similarity a variant needs, 0..1")
      ->capture_default_str()
      ->check(CLI::Range(0.0, 1.0));
  cmd->add_option("--max-variants", f->max_variants, "at most this many variants")
      ->capture_default_str();
  AddFormatOption(cmd, g, "table|json|jsonl");
  cmd->callback([f, &g] { g.exit_code = RunCheck(*f, g); });
}

void AddReportAttributionsCommand(CLI::App& app, Globals& g) {
  auto limit = std::make_shared<size_t>(0);
  CLI::App* cmd = ReportCommand(app)->add_subcommand(
      "attributions", "Every misattributed and altered quote in the database, strongest first.");
  cmd->footer(
      "misattributed: the same words (5 or more) given to different speakers; altered: one\n"
      "quote printed with different wording in different places. Score 0..1: longer quotes\n"
      "and disputes backed by independent sources on both sides score higher. Exit 1 when\n"
      "there is nothing to report.\n"
      "\n"
      "Example:\n"
      "  quotedb report attributions --format json --limit 20");
  cmd->add_option("--limit", *limit, "at most this many findings (0: all)");
  AddFormatOption(cmd, g);
  cmd->callback([limit, &g] { g.exit_code = RunAttributions(*limit, g); });
}

}  // namespace quotedb::cli
