#include "output.h"

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

}  // namespace quotedb::cli
