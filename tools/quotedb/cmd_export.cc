// quotedb export: statements out for other tools (jsonl, csv, Quotebank, schema.org JSON-LD).
#include <cmath>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <map>
#include <unordered_map>

#include "cli.h"
#include "output.h"
#include "quotedb/claims.h"
#include "quotedb/db.h"
#include "quotedb/reader.h"

namespace quotedb::cli {
namespace {

using json = nlohmann::json;

struct ExportFlags {
  std::string format = "jsonl";
  std::string output;  // empty or "-": stdout
  bool with_text = false;
};

// Speaker records by id, read once each: kinds and Wikidata ids are not in a StatementHit.
class SpeakerCache {
 public:
  explicit SpeakerCache(DB* db) : db_(db) {}
  const Speaker& Get(SpeakerId id, const std::string& name) {
    auto it = cache_.find(id);
    if (it != cache_.end()) return it->second;
    Speaker found;
    found.id = id;
    found.name = name;
    if (auto r = db_->FindSpeakers(name, 0); r.ok())
      for (Speaker& sp : *r)
        if (sp.id == id) found = std::move(sp);
    return cache_.emplace(id, std::move(found)).first->second;
  }

 private:
  DB* db_;
  std::unordered_map<SpeakerId, Speaker> cache_;
};

json SpanJson(const Span& s) {
  return s.empty() ? json(nullptr) : json::array({s.begin, s.end});
}

std::string Joined(const std::vector<std::string>& v, const char* sep) {
  std::string s;
  for (const auto& x : v) s += (s.empty() ? "" : sep) + x;
  return s;
}

std::string CsvCell(const std::string& s) {
  if (s.find_first_of(",\"\r\n") == std::string::npos) return s;
  std::string r = "\"";
  for (char c : s) {
    if (c == '"') r += '"';
    r += c;
  }
  return r + "\"";
}

const char* SchemaType(SpeakerKind kind) {
  switch (kind) {
    case SpeakerKind::kPerson: case SpeakerKind::kUnknown: return "Person";
    case SpeakerKind::kGovernment: return "GovernmentOrganization";
    case SpeakerKind::kMedia: return "NewsMediaOrganization";
    case SpeakerKind::kDocument: return "CreativeWork";
    case SpeakerKind::kOrganisation: case SpeakerKind::kGroup: break;
  }
  return "Organization";
}

json PersonJson(const Speaker& sp) {
  json p = {{"@type", SchemaType(sp.kind)}, {"name", sp.name}};
  if (!sp.wikidata_qid.empty()) p["sameAs"] = "https://www.wikidata.org/wiki/" + sp.wikidata_qid;
  return p;
}

json ArticleJson(const StatementHit& h) {
  json a = {{"@type", "NewsArticle"}};
  if (!h.url.empty()) a["url"] = h.url;
  if (!h.title.empty()) a["headline"] = h.title;
  if (!h.source.empty()) a["publisher"] = {{"@type", "Organization"}, {"name", h.source}};
  if (h.statement.date_days != kUnknownDate) a["datePublished"] = FormatDate(h.statement.date_days);
  return a;
}

json AuthorJson(const StatementHit& h, SpeakerCache& speakers) {
  json authors = json::array();
  for (size_t i = 0; i < h.statement.speaker_ids.size() && i < h.speakers.size(); ++i)
    authors.push_back(PersonJson(speakers.Get(h.statement.speaker_ids[i], h.speakers[i])));
  if (authors.empty()) return json(nullptr);
  return authors.size() == 1 ? authors[0] : authors;
}

// schema.org Quotation: the words, who spoke them, the article they appeared in.
json QuotationJson(const StatementHit& h, SpeakerCache& speakers) {
  json q = {{"@context", "https://schema.org"},
            {"@type", "Quotation"},
            {"identifier", h.statement.article_id.ToHex() + ":" + std::to_string(h.statement.ordinal)},
            {"text", h.statement.text},
            {"isPartOf", ArticleJson(h)}};
  if (json who = AuthorJson(h, speakers); !who.is_null()) q["spokenByCharacter"] = who;
  if (h.statement.date_days != kUnknownDate) q["dateCreated"] = FormatDate(h.statement.date_days);
  return q;
}

// schema.org Claim for ClaimReview.itemReviewed.
json ClaimJson(const StatementHit& h, SpeakerCache& speakers) {
  json c = {{"@type", "Claim"}, {"text", h.statement.text}, {"appearance", ArticleJson(h)}};
  if (json who = AuthorJson(h, speakers); !who.is_null()) c["author"] = who;
  if (h.statement.date_days != kUnknownDate) c["datePublished"] = FormatDate(h.statement.date_days);
  return c;
}

json QuotebankJson(const StatementHit& h, SpeakerCache& speakers) {
  const Statement& s = h.statement;
  std::string speaker = h.speakers.empty() ? "None" : Joined(h.speakers, " and ");
  json qids = json::array();
  for (size_t i = 0; i < s.speaker_ids.size() && i < h.speakers.size(); ++i) {
    const Speaker& sp = speakers.Get(s.speaker_ids[i], h.speakers[i]);
    if (!sp.wikidata_qid.empty()) qids.push_back(sp.wikidata_qid);
  }
  char conf[32];
  std::snprintf(conf, sizeof(conf), "%.4f", s.confidence);
  char rest[32];
  std::snprintf(rest, sizeof(rest), "%.4f", std::max(0.0f, 1.0f - s.confidence));
  json probas = json::array({json::array({speaker, conf})});
  if (speaker != "None") probas.push_back(json::array({"None", rest}));
  return {{"quoteID", s.article_id.ToHex() + "-" + std::to_string(s.ordinal)},
          {"quotation", s.text},
          {"speaker", speaker},
          {"qids", qids},
          {"date", s.date_days == kUnknownDate ? json(nullptr)
                                              : json(FormatDate(s.date_days) + " 00:00:00")},
          {"numOccurrences", 1},
          {"probas", probas},
          {"urls", h.url.empty() ? json::array() : json::array({h.url})},
          {"phase", "quotedb"}};
}

const std::vector<std::string> kCsvColumns = {
    "id",  "kind",    "quote", "speaker", "speaker_qid", "source", "date", "url", "title",
    "article", "spans", "cue", "speaker_mention", "confidence"};

int RunExport(const ExportFlags& f, Globals& g) {
  Options o;
  o.create_if_missing = false;
  auto opened = DB::Open(g.db, o);
  if (!opened.ok() && opened.status().IsBusy()) {
    o.read_only = true;  // an import is running: read a consistent snapshot beside it
    opened = DB::Open(g.db, o);
  }
  if (!opened.ok()) return ReportError(opened.status());
  DB* db = opened->get();
  std::ofstream file;
  if (!f.output.empty() && f.output != "-") {
    file.open(f.output, std::ios::binary | std::ios::trunc);
    if (!file) return ReportError(Status::InvalidArgument(f.output + ": cannot write"));
  }
  std::ostream& out = file.is_open() ? static_cast<std::ostream&>(file) : std::cout;
  SpeakerCache speakers(db);
  uint64_t n = 0;

  if (f.format == "claimreview") {
    auto findings = FindContradictions(*db, ContradictionQuery{});
    if (!findings.ok()) return ReportError(findings.status());
    for (const Finding& fd : *findings) {
      if (fd.for_side.empty() || fd.against.empty()) continue;
      const StatementHit& claim = fd.for_side.front().claim.hit;
      json against = json::array();
      std::string body = std::string(FindingKindName(fd.kind)) + ": " + fd.proposition + ".";
      for (const FindingEntry& e : fd.against) {
        against.push_back(ClaimJson(e.claim.hit, speakers));
        std::string who = e.claim.hit.speakers.empty() ? "unattributed"
                                                       : Joined(e.claim.hit.speakers, " and ");
        body += " " + who + ": \"" + e.claim.hit.statement.text + "\"";
        if (!e.claim.hit.source.empty()) body += " (" + e.claim.hit.source + ")";
        body += ".";
      }
      json review = {
          {"@context", "https://schema.org"},
          {"@type", "ClaimReview"},
          {"claimReviewed", claim.statement.text},
          {"itemReviewed", ClaimJson(claim, speakers)},
          {"reviewBody", body},
          {"reviewRating",
           {{"@type", "Rating"},
            {"alternateName", FindingKindName(fd.kind)},
            {"ratingExplanation", "contradicted by " + std::to_string(fd.against.size()) +
                                      " statement(s); the rating value is the finding's score"},
            {"ratingValue", std::round(fd.score * 100) / 100},
            {"bestRating", 1},
            {"worstRating", 0}}},
          {"author", {{"@type", "Organization"}, {"name", "quotedb"}}},
          {"isBasedOn", against}};
      out << Dump(review) << "\n";
      ++n;
    }
  } else {
    if (f.format == "csv") {
      for (size_t i = 0; i < kCsvColumns.size(); ++i) out << (i ? "," : "") << kCsvColumns[i];
      out << "\n";
    }
    ArticleId last_article;
    bool first = true;
    Status s = db->ForEachStatement([&](const StatementHit& h) {
      const Statement& st = h.statement;
      if (f.format == "jsonl") {
        json j = StatementJson(h);
        json kinds = json::array(), qids = json::array();
        for (size_t i = 0; i < st.speaker_ids.size() && i < h.speakers.size(); ++i) {
          const Speaker& sp = speakers.Get(st.speaker_ids[i], h.speakers[i]);
          kinds.push_back(SpeakerKindName(sp.kind));
          qids.push_back(sp.wikidata_qid.empty() ? json(nullptr) : json(sp.wikidata_qid));
        }
        j["speaker_kinds"] = kinds;
        j["speaker_qids"] = qids;
        j["cue_span"] = SpanJson(st.cue_span);
        j["speaker_span"] = SpanJson(st.speaker_span);
        if (f.with_text && (first || st.article_id != last_article)) {
          if (auto a = db->GetArticle(st.article_id, true); a.ok()) j["article_text"] = a->text;
        }
        out << Dump(j) << "\n";
      } else if (f.format == "csv") {
        json j = StatementJson(h);
        std::string qid;
        if (!st.speaker_ids.empty() && !h.speakers.empty())
          qid = speakers.Get(st.speaker_ids[0], h.speakers[0]).wikidata_qid;
        j["speaker_qid"] = qid;
        std::string spans;
        for (const Span& sp : st.spans)
          spans += (spans.empty() ? "" : ";") + std::to_string(sp.begin) + "-" + std::to_string(sp.end);
        j["spans"] = spans;
        for (size_t i = 0; i < kCsvColumns.size(); ++i) {
          const json& v = j.contains(kCsvColumns[i]) ? j[kCsvColumns[i]] : json(nullptr);
          out << (i ? "," : "") << CsvCell(Cell(v));
        }
        out << "\n";
      } else if (f.format == "quotebank") {
        out << Dump(QuotebankJson(h, speakers)) << "\n";
      } else {
        out << Dump(QuotationJson(h, speakers)) << "\n";
      }
      first = false;
      last_article = st.article_id;
      ++n;
      return static_cast<bool>(out);
    });
    if (!s.ok()) return ReportError(s);
    if (f.format == "jsonl") {
      // Articles without statements are not in the statement pass; without them a re-import
      // would count fewer articles and sources. One "record": "article" line each.
      s = db->ForEachArticle([&](const Article& a) {
        if (a.statement_count != 0) return true;
        json j = {{"record", "article"},
                  {"article", a.id.ToHex()},
                  {"title", a.title},
                  {"url", a.url.empty() ? json(nullptr) : json(a.url)},
                  {"source", a.source_name.empty() ? json(nullptr) : json(a.source_name)},
                  {"date", a.date_days == kUnknownDate ? json(nullptr) : json(FormatDate(a.date_days))},
                  {"file", a.provenance.file}};
        if (f.with_text)
          if (auto full = db->GetArticle(a.id, true); full.ok()) j["article_text"] = full->text;
        out << Dump(j) << "\n";
        return static_cast<bool>(out);
      });
      if (!s.ok()) return ReportError(s);
    }
  }
  out.flush();
  if (!out) return ReportError(Status::IOError("cannot write the export (disk full?)"));
  if (!g.quiet)
    std::fprintf(stderr, "exported %llu %s\n", static_cast<unsigned long long>(n),
                 f.format == "claimreview" ? "findings" : "statements");
  return n ? kExitOk : kExitNothingFound;
}

}  // namespace

void AddExportCommand(CLI::App& app, Globals& g) {
  auto f = std::make_shared<ExportFlags>();
  CLI::App* cmd = app.add_subcommand("export", "Export statements for other tools");
  cmd->description(
      "Export every statement: jsonl (the statement records of `quotes`, plus speaker kinds,\n"
      "Wikidata ids and spans; `quotedb import` reads it back to the same stats), csv,\n"
      "quotebank (Quotebank's quotation-level JSON lines), quotation (schema.org Quotation\n"
      "JSON-LD, one a line) or claimreview (schema.org ClaimReview JSON-LD, one per\n"
      "contradiction finding of `quotedb contradictions`).");
  cmd->footer("Example:\n"
              "  quotedb --db ./qdb export --format jsonl --with-text -o statements.jsonl\n"
              "  quotedb --db ./copy import statements.jsonl   # same `quotedb stats`\n"
              "  quotedb --db ./qdb export --format claimreview > reviews.jsonld");
  cmd->add_option("--format", f->format, "jsonl|csv|quotebank|quotation|claimreview")
      ->check(CLI::IsMember({"jsonl", "csv", "quotebank", "quotation", "claimreview"}))
      ->capture_default_str();
  cmd->add_option("-o,--output", f->output, "file to write (default: standard output)");
  cmd->add_flag("--with-text", f->with_text,
                "jsonl: add each article's stored text (once per article), so spans survive a "
                "re-import");
  cmd->callback([f, &g] { g.exit_code = RunExport(*f, g); });
}

}  // namespace quotedb::cli
