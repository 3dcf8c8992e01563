#include "output.h"

#include <cmath>
#include <cstdio>
#include <iostream>

#include "quotedb/reader.h"

namespace quotedb::cli {

std::string Dump(const nlohmann::json& j, int indent) {
  return j.dump(indent, ' ', false, nlohmann::json::error_handler_t::replace);
}

nlohmann::json StatementJson(const StatementHit& hit) {
  const Statement& s = hit.statement;
  nlohmann::json spans = nlohmann::json::array();
  for (const Span& sp : s.spans) spans.push_back({sp.begin, sp.end});
  std::string speaker;
  for (size_t i = 0; i < hit.speakers.size(); ++i) {
    if (i) speaker += i + 1 == hit.speakers.size() ? " and " : ", ";
    speaker += hit.speakers[i];
  }
  nlohmann::json ids = nlohmann::json::array();
  char buf[17];
  for (SpeakerId id : s.speaker_ids) {
    std::snprintf(buf, sizeof(buf), "%016llx", static_cast<unsigned long long>(id));
    ids.push_back(buf);
  }
  nlohmann::json j = {
      {"id", s.article_id.ToHex() + ":" + std::to_string(s.ordinal)},
      {"kind", StatementKindName(s.kind)},
      {"quote", s.text},
      {"speaker", speaker.empty() ? nlohmann::json(nullptr) : nlohmann::json(speaker)},
      {"speaker_id", ids.empty() ? nlohmann::json(nullptr) : ids[0]},
      {"speakers", hit.speakers},
      {"speaker_ids", ids},
      {"speaker_mention", s.speaker_mention},
      {"cue", s.cue},
      {"source", hit.source.empty() ? nlohmann::json(nullptr) : nlohmann::json(hit.source)},
      {"date", s.date_days == kUnknownDate ? nlohmann::json(nullptr)
                                           : nlohmann::json(FormatDate(s.date_days))},
      {"url", hit.url.empty() ? nlohmann::json(nullptr) : nlohmann::json(hit.url)},
      {"article", s.article_id.ToHex()},
      {"title", hit.title},
      {"file", hit.file},
      {"spans", spans},
      {"content_hash", s.content_hash.ToHex()},
      {"confidence", s.confidence},
  };
  if (hit.exact) j["exact"] = true;
  // Every outlet that carried the statement: syndicated copies are folded into one record.
  if (!hit.sources.empty()) {
    j["sources"] = hit.sources;
  } else {
    j["sources"] = hit.source.empty() ? nlohmann::json::array() : nlohmann::json::array({hit.source});
  }
  if (!hit.copies.empty()) j["copies"] = hit.copies;
  return j;
}

std::string Cell(const nlohmann::json& v) {
  if (v.is_null()) return "";
  if (v.is_string()) return v.get<std::string>();
  if (v.is_array()) {
    std::string s;
    for (const auto& x : v) {
      if (!s.empty()) s += "; ";
      s += Cell(x);
    }
    return s;
  }
  return Dump(v);
}

nlohmann::json SpeakerJson(const Speaker& sp) {
  char buf[17];
  std::snprintf(buf, sizeof(buf), "%016llx", static_cast<unsigned long long>(sp.id));
  return {{"id", buf},
          {"name", sp.name},
          {"kind", SpeakerKindName(sp.kind)},
          {"aliases", sp.aliases},
          {"titles", sp.titles},
          {"affiliations", sp.affiliations},
          {"wikidata", sp.wikidata_qid.empty() ? nlohmann::json(nullptr)
                                               : nlohmann::json(sp.wikidata_qid)},
          {"statements", sp.statement_count}};
}

namespace {

std::string CsvEscape(const std::string& s) {
  if (s.find_first_of(",\"\n\r") == std::string::npos) return s;
  std::string r = "\"";
  for (char c : s) {
    if (c == '"') r += '"';
    r += c;
  }
  return r + "\"";
}

// Display width of UTF-8 text: code points, not bytes.
size_t Width(const std::string& s) {
  size_t w = 0;
  for (unsigned char c : s) w += (c & 0xC0) != 0x80;
  return w;
}

std::string Truncate(const std::string& s, size_t max) {
  if (Width(s) <= max) return s;
  std::string r;
  size_t w = 0;
  for (size_t i = 0; i < s.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if ((c & 0xC0) != 0x80) {
      if (w + 1 >= max) break;
      ++w;
    }
    r += s[i];
  }
  return r + "…";
}

}  // namespace

void PrintRecords(const std::vector<nlohmann::json>& records, Format fmt,
                  const std::vector<std::string>& columns) {
  switch (fmt) {
    case Format::kJson:
      std::cout << Dump(nlohmann::json(records), 2) << "\n";
      return;
    case Format::kJsonl:
      for (const auto& r : records) std::cout << Dump(r) << "\n";
      return;
    case Format::kCsv:
      for (size_t c = 0; c < columns.size(); ++c) std::cout << (c ? "," : "") << columns[c];
      std::cout << "\n";
      for (const auto& r : records) {
        for (size_t c = 0; c < columns.size(); ++c)
          std::cout << (c ? "," : "") << CsvEscape(Cell(r.value(columns[c], nlohmann::json())));
        std::cout << "\n";
      }
      return;
    case Format::kTable: {
      std::vector<std::vector<std::string>> rows;
      std::vector<size_t> width(columns.size());
      for (size_t c = 0; c < columns.size(); ++c) width[c] = Width(columns[c]);
      for (const auto& r : records) {
        std::vector<std::string> row;
        for (size_t c = 0; c < columns.size(); ++c) {
          std::string cell = Truncate(Cell(r.value(columns[c], nlohmann::json())), 100);
          for (char& ch : cell)
            if (ch == '\n' || ch == '\t') ch = ' ';
          width[c] = std::max(width[c], Width(cell));
          row.push_back(std::move(cell));
        }
        rows.push_back(std::move(row));
      }
      auto print_row = [&](const std::vector<std::string>& row) {
        for (size_t c = 0; c < row.size(); ++c) {
          std::cout << row[c];
          if (c + 1 < row.size()) std::cout << std::string(width[c] - Width(row[c]) + 2, ' ');
        }
        std::cout << "\n";
      };
      print_row(columns);
      for (const auto& row : rows) print_row(row);
      return;
    }
  }
}

std::string Hex64(uint64_t v) {
  char buf[17];
  std::snprintf(buf, sizeof(buf), "%016llx", static_cast<unsigned long long>(v));
  return buf;
}

nlohmann::json DateJson(int64_t days) {
  return days == kUnknownDate ? nlohmann::json(nullptr) : nlohmann::json(FormatDate(days));
}

nlohmann::json HitsJson(const std::vector<StatementHit>& hits) {
  nlohmann::json a = nlohmann::json::array();
  for (const StatementHit& h : hits) a.push_back(StatementJson(h));
  return a;
}

nlohmann::json EvidenceJson(const SpeakerEvidence& ev) {
  nlohmann::json ids = nlohmann::json::array();
  for (SpeakerId id : ev.ids) ids.push_back(Hex64(id));
  return {{"speaker", ev.name.empty() ? nlohmann::json(nullptr) : nlohmann::json(ev.name)},
          {"speaker_ids", ids},
          {"claimed", ev.claimed},
          {"sources", ev.sources},
          {"statements", ev.statements},
          {"independent_sources", ev.independent},
          {"first_seen", DateJson(ev.first_seen)},
          {"last_seen", DateJson(ev.last_seen)}};
}

nlohmann::json VariantJson(const VariantHit& v) {
  nlohmann::json edits = nlohmann::json::array();
  for (const WordEdit& e : v.diff.edits) {
    const char* op = e.op == WordEdit::Op::kEqual    ? "="
                     : e.op == WordEdit::Op::kDelete ? "-"
                                                     : "+";
    edits.push_back({{"op", op}, {"text", e.text}});
  }
  return {{"statement", StatementJson(v.hit)},
          {"similarity", std::round(v.diff.similarity * 1000) / 1000},
          {"diff", FormatWordDiff(v.diff)},
          {"edits", edits},
          {"word_edits", v.diff.distance}};
}

namespace {
nlohmann::json EvidenceAndVariants(const std::vector<SpeakerEvidence>& evidence,
                                   const std::vector<VariantHit>& variants, nlohmann::json* vs) {
  nlohmann::json speakers = nlohmann::json::array();
  for (const SpeakerEvidence& ev : evidence) speakers.push_back(EvidenceJson(ev));
  *vs = nlohmann::json::array();
  for (const VariantHit& v : variants) vs->push_back(VariantJson(v));
  return speakers;
}
}  // namespace

nlohmann::json CheckJson(const CheckResult& r, const std::string& quote,
                         const std::string& claimed_speaker) {
  nlohmann::json variants;
  nlohmann::json speakers = EvidenceAndVariants(r.speakers, r.variants, &variants);
  return {{"verdict", VerdictName(r.verdict)},
          {"quote", quote},
          {"claimed_speaker",
           claimed_speaker.empty() ? nlohmann::json(nullptr) : nlohmann::json(claimed_speaker)},
          {"speakers", speakers},
          {"statements", HitsJson(r.statements)},
          {"variants", variants}};
}

nlohmann::json AttributionJson(const AttributionFinding& f) {
  nlohmann::json variants;
  nlohmann::json speakers = EvidenceAndVariants(f.speakers, f.variants, &variants);
  return {{"kind", f.kind == AttributionFinding::Kind::kMisattributed ? "misattributed" : "altered"},
          {"score", std::round(f.score * 1000) / 1000},
          {"quote", f.text},
          {"speakers", speakers},
          {"statements", HitsJson(f.statements)},
          {"variants", variants}};
}

nlohmann::json ClaimStatementJson(const ClaimHit& h, const std::string& role) {
  nlohmann::json j = StatementJson(h.hit);
  if (!role.empty()) j["role"] = role;
  j["polarity"] = PolarityName(h.claim.polarity);
  j["modality"] = ModalityName(h.claim.modality);
  j["event_class"] = h.claim.event_class;
  j["participants"] = h.claim.participants;
  nlohmann::json nums = nlohmann::json::array();
  for (const ClaimNumber& n : h.claim.numbers)
    nums.push_back({{"value", n.value}, {"text", n.text}, {"unit", n.unit},
                    {"counts", n.counts}, {"qualifier", n.qualifier}});
  j["numbers"] = nums;
  return j;
}

nlohmann::json FindingJson(const Finding& f) {
  nlohmann::json fs = nlohmann::json::array(), as = nlohmann::json::array();
  for (const FindingEntry& e : f.for_side) fs.push_back(ClaimStatementJson(e.claim, e.role));
  for (const FindingEntry& e : f.against) as.push_back(ClaimStatementJson(e.claim, e.role));
  nlohmann::json j = {{"kind", FindingKindName(f.kind)},
                      {"proposition", f.proposition},
                      {"for", fs},
                      {"against", as},
                      {"score", std::round(f.score * 1000) / 1000},
                      {"proposition_key", Hex64(f.proposition_key)}};
  if (!f.quantity.empty()) j["quantity"] = f.quantity;
  return j;
}

}  // namespace quotedb::cli
