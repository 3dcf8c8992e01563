// Printing statements, speakers and stats in table, json, jsonl and csv.
#ifndef QUOTEDB_TOOLS_OUTPUT_H_
#define QUOTEDB_TOOLS_OUTPUT_H_

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "cli.h"
#include "quotedb/claims.h"
#include "quotedb/db.h"

namespace quotedb::cli {

// The statement record of DESIGN.md: id, kind, quote, speaker, speaker_id, source, date, url,
// article, spans (plus speakers, speaker_ids, cue, confidence, exact).
nlohmann::json StatementJson(const StatementHit& hit);
nlohmann::json SpeakerJson(const Speaker& sp);

// Shared by the commands and `quotedb serve`, so the CLI's --format json and the API give the
// same records.
std::string Hex64(uint64_t v);
nlohmann::json DateJson(int64_t days);  // "YYYY-MM-DD", or null when unknown
nlohmann::json HitsJson(const std::vector<StatementHit>& hits);
// `check`: {"verdict", "quote", "claimed_speaker", "speakers", "statements", "variants"}.
nlohmann::json CheckJson(const CheckResult& r, const std::string& quote,
                         const std::string& claimed_speaker);
nlohmann::json EvidenceJson(const SpeakerEvidence& ev);
nlohmann::json VariantJson(const VariantHit& v);
// `report attributions`: {"kind", "score", "quote", "speakers", "statements", "variants"}.
nlohmann::json AttributionJson(const AttributionFinding& f);
// `contradictions`: a finding with both sides, each statement with its claim frame.
nlohmann::json FindingJson(const Finding& f);
nlohmann::json ClaimStatementJson(const ClaimHit& h, const std::string& role);

// Prints `records` (JSON objects with the same keys) in `fmt`. For table and csv, `columns`
// picks and orders the keys shown.
void PrintRecords(const std::vector<nlohmann::json>& records, Format fmt,
                  const std::vector<std::string>& columns);

// A JSON value as one table or CSV cell (arrays joined by "; ").
std::string Cell(const nlohmann::json& v);

// Dumps JSON for a terminal or a pipe; invalid UTF-8 is replaced, never thrown on.
std::string Dump(const nlohmann::json& j, int indent = -1);

}  // namespace quotedb::cli

#endif
