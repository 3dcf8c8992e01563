// Quote-level JSON lines: Quotebank quotation files and quotedb's own statement export.
//
// Quotebank (Vaucher et al. 2021), one object a line, plain or .bz2:
//   {"quoteID": "2020-01-16-000088", "quotation": "...", "speaker": "Jeff Bezos" | "None",
//    "qids": ["Q312556"], "date": "2020-01-16 13:55:49", "numOccurrences": 3,
//    "probas": [["Jeff Bezos", "0.9138"], ["None", "0.0862"]], "urls": ["https://..."]}
// Each quotation becomes one article (id: XXH3-128 of "quotebank:" + quoteID, URL: the first
// of `urls`) carrying one given statement: speaker with the first Wikidata id, confidence =
// the speaker's probability. The text stored is the headline line, the quotation, and the
// remaining URLs and occurrence count as "name: value" lines.
//
// quotedb statements (`quotedb export --format jsonl`): the statement records of DESIGN.md
// plus "speaker_kinds", "speaker_qids", "cue_span", "speaker_span" and, on an article's first
// statement when exported --with-text, "article_text". Consecutive lines of one article become
// that article again, with its id, so an export imported again gives the same stats. Articles
// without statements come as {"record": "article", "article", "title", "url", "source", "date",
// "file"[, "article_text"]}.
#include <xxhash.h>

#include <nlohmann/json.hpp>

#include "formats/formats_internal.h"

namespace quotedb::formats {
namespace {

using json = nlohmann::json;

// A speaker's name is cut at this many bytes (on a character boundary): Quotebank's are a
// few words.
constexpr size_t kMaxNameBytes = 1000;

std::string Str(const json& j, const char* key) {
  auto it = j.find(key);
  if (it == j.end() || it->is_null()) return "";
  if (it->is_string()) return it->get<std::string>();
  if (it->is_number()) return it->dump();
  return "";
}

float ToFloat(const json& v) {
  if (v.is_number()) return v.get<float>();
  if (v.is_string()) {
    try {
      return std::stof(v.get<std::string>());
    } catch (...) {
      return 0.0f;
    }
  }
  return 0.0f;
}

// Iterates the JSON lines of `path`, handing each object to `fn` with a "path:line" label.
// Lines that are not JSON objects are warned about and skipped.
Status ForEachJsonLine(const std::string& path, InputStream* in, const WarningFn& warn,
                       uint64_t* bad,
                       const std::function<Status(const std::string&, uint64_t, json&)>& fn) {
  LineReader lines(in);
  std::string line;
  while (lines.Next(&line)) {
    if (line.find_first_not_of(" \t") == std::string::npos) continue;
    std::string where = path + ":" + std::to_string(lines.line_number());
    json j = json::parse(line, nullptr, false);
    if (j.is_discarded() || !j.is_object()) {
      ++*bad;
      if (warn) warn(where + ": not a JSON object; line skipped");
      continue;
    }
    QDB_RETURN_IF_ERROR(fn(where, lines.offset(), j));
  }
  return lines.status();
}

SpeakerKind KindFromName(const std::string& name) {
  for (int k = 0; k <= static_cast<int>(SpeakerKind::kGroup); ++k)
    if (name == SpeakerKindName(static_cast<SpeakerKind>(k))) return static_cast<SpeakerKind>(k);
  return SpeakerKind::kUnknown;
}

StatementKind StatementKindFromName(const std::string& name) {
  for (int k = 0; k <= static_cast<int>(StatementKind::kIndirect); ++k)
    if (name == StatementKindName(static_cast<StatementKind>(k)))
      return static_cast<StatementKind>(k);
  return StatementKind::kDirect;
}

Span SpanFrom(const json& j) {
  if (j.is_array() && j.size() == 2 && j[0].is_number_unsigned() && j[1].is_number_unsigned())
    return Span{j[0].get<uint32_t>(), j[1].get<uint32_t>()};
  return Span{};
}

}  // namespace

Status ReadQuotebankFile(const std::string& path, const ReaderOptions& options,
                         const WarningFn& warn, const RecordSink& sink) {
  auto in = OpenInput(path);
  if (!in.ok()) return in.status();
  return ReadQuotebankStream(path, in->get(), options, warn, sink);
}

Status ReadQuotebankStream(const std::string& path, InputStream* in, const ReaderOptions& options,
                           const WarningFn& warn, const RecordSink& sink) {
  uint64_t bad = 0, good = 0;
  Status s = ForEachJsonLine(path, in, warn, &bad, [&](const std::string& where, uint64_t offset,
                                                   json& j) -> Status {
    std::string id = Str(j, "quoteID");
    std::string quote = EnsureUtf8(Str(j, "quotation"));
    if (id.empty() || quote.empty()) {
      ++bad;
      if (warn) warn(where + ": Quotebank record without \"quoteID\" or \"quotation\"; skipped");
      return Status::OK();
    }
    // A name is one line, its spaces single: it heads the article's title, and a speaker
    // named across lines would break it (and fail to match the same name written on one).
    std::string speaker = OneLine(EnsureUtf8(Str(j, "speaker")), kMaxNameBytes);
    if (speaker == "None") speaker.clear();
    std::vector<std::string> urls;
    if (auto it = j.find("urls"); it != j.end() && it->is_array())
      for (const auto& u : *it)
        if (u.is_string()) urls.push_back(u.get<std::string>());

    ReadRecord r;
    Article& a = r.article;
    std::string key = "quotebank:" + id;
    XXH128_hash_t h = XXH3_128bits(key.data(), key.size());
    a.id = Hash128{h.high64, h.low64};
    a.url = urls.empty() ? options.url : urls[0];
    SetSource(&a, options.source.empty() ? a.url : options.source);
    std::string date = Str(j, "date");
    if (!ApplyDate(&a, date) && warn) warn(where + ": date \"" + date + "\" does not parse");
    if (a.date_days == kUnknownDate) ApplyDate(&a, options.date);
    a.title = (speaker.empty() ? std::string("Unattributed") : speaker) + ": " + OneLine(quote, 100);
    a.text = a.title + "\n";
    ExtractedQuote q;
    q.kind = StatementKind::kDirect;
    q.text = OneLine(quote, quote.size() + 1);
    q.spans.push_back(Span{static_cast<uint32_t>(a.text.size()),
                           static_cast<uint32_t>(a.text.size() + q.text.size())});
    a.text += q.text;
    a.text += "\nquoteID: " + id;
    if (auto it = j.find("numOccurrences"); it != j.end() && it->is_number())
      a.text += "\nnumOccurrences: " + it->dump();
    for (size_t i = 1; i < urls.size(); ++i) a.text += "\nurl: " + urls[i];
    q.confidence = 1.0f;
    if (!speaker.empty()) {
      SpeakerMention m;
      m.name = speaker;
      m.kind = SpeakerKind::kPerson;  // Quotebank speakers are Wikidata humans
      if (auto it = j.find("qids"); it != j.end() && it->is_array() && !it->empty() &&
                                    (*it)[0].is_string())
        m.wikidata_qid = (*it)[0].get<std::string>();
      q.speaker = speaker;
      q.speaker_mention = speaker;
      q.speakers.push_back(std::move(m));
    }
    if (auto it = j.find("probas"); it != j.end() && it->is_array()) {
      for (const auto& p : *it) {
        if (!p.is_array() || p.size() < 2 || !p[0].is_string()) continue;
        std::string who = OneLine(EnsureUtf8(p[0].get<std::string>()), kMaxNameBytes);
        if (who == (speaker.empty() ? "None" : speaker)) {
          q.confidence = ToFloat(p[1]);
          break;
        }
      }
    }
    a.provenance.file = path;
    a.provenance.offset = offset;
    r.quotes_given = true;
    r.quotes.push_back(std::move(q));
    ++good;
    return sink(std::move(r));
  });
  QDB_RETURN_IF_ERROR(s);
  if (good == 0 && bad > 0)
    return Status::InvalidArgument(path + ": no readable Quotebank record (" + std::to_string(bad) +
                                   " bad lines)");
  return Status::OK();
}

Status ReadStatementsFile(const std::string& path, const ReaderOptions& options,
                          const WarningFn& warn, const RecordSink& sink) {
  auto in = OpenInput(path);
  if (!in.ok()) return in.status();
  return ReadStatementsStream(path, in->get(), options, warn, sink);
}

Status ReadStatementsStream(const std::string& path, InputStream* in, const ReaderOptions& options,
                            const WarningFn& warn, const RecordSink& sink) {
  uint64_t bad = 0, good = 0;
  ReadRecord cur;
  std::string cur_article;
  bool have_text = false;
  // Without the stored text, the article is rebuilt as its headline and one quote a line.
  auto flush = [&]() -> Status {
    if (cur_article.empty()) return Status::OK();
    if (!have_text) {
      cur.article.text = cur.article.title;
      for (ExtractedQuote& q : cur.quotes) {
        cur.article.text.push_back('\n');
        uint32_t b = static_cast<uint32_t>(cur.article.text.size());
        cur.article.text += q.text;
        q.spans = {Span{b, static_cast<uint32_t>(cur.article.text.size())}};
        q.cue_span = Span{};
        q.speaker_span = Span{};
      }
    }
    cur.quotes_given = true;
    cur_article.clear();
    Status s = sink(std::move(cur));
    cur = ReadRecord{};
    return s;
  };
  Status s = ForEachJsonLine(path, in, warn, &bad, [&](const std::string& where, uint64_t offset,
                                                   json& j) -> Status {
    std::string article = Str(j, "article");
    std::string quote = Str(j, "quote");
    const bool article_only = Str(j, "record") == "article";  // an article without statements
    Hash128 id;
    if (!Hash128::FromHex(article, &id) || (quote.empty() && !article_only)) {
      ++bad;
      if (warn) warn(where + ": statement record without \"article\" id or \"quote\"; skipped");
      return Status::OK();
    }
    if (article != cur_article) {
      QDB_RETURN_IF_ERROR(flush());
      cur_article = article;
      Article& a = cur.article;
      a.id = id;
      a.url = Str(j, "url");
      a.title = OneLine(Str(j, "title"), 1000);
      a.source_name = Str(j, "source");
      if (a.source_name.empty()) SetSource(&a, options.source);
      ApplyDate(&a, Str(j, "date"));
      a.provenance.file = Str(j, "file").empty() ? path : Str(j, "file");
      a.provenance.offset = offset;
      have_text = j.contains("article_text") && j["article_text"].is_string();
      if (have_text) a.text = j["article_text"].get<std::string>();
    }
    if (article_only) {
      ++good;
      return Status::OK();
    }
    ExtractedQuote q;
    q.kind = StatementKindFromName(Str(j, "kind"));
    q.text = quote;
    if (auto it = j.find("spans"); it != j.end() && it->is_array())
      for (const auto& sp : *it)
        if (Span x = SpanFrom(sp); !x.empty()) q.spans.push_back(x);
    q.cue = Str(j, "cue");
    if (auto it = j.find("cue_span"); it != j.end()) q.cue_span = SpanFrom(*it);
    if (auto it = j.find("speaker_span"); it != j.end()) q.speaker_span = SpanFrom(*it);
    q.speaker_mention = Str(j, "speaker_mention");
    q.speaker = Str(j, "speaker");
    if (auto it = j.find("confidence"); it != j.end()) q.confidence = ToFloat(*it);
    if (auto it = j.find("speakers"); it != j.end() && it->is_array()) {
      const json* kinds = j.contains("speaker_kinds") ? &j["speaker_kinds"] : nullptr;
      const json* qids = j.contains("speaker_qids") ? &j["speaker_qids"] : nullptr;
      for (size_t i = 0; i < it->size(); ++i) {
        if (!(*it)[i].is_string()) continue;
        SpeakerMention m;
        m.name = (*it)[i].get<std::string>();
        if (kinds && kinds->is_array() && i < kinds->size() && (*kinds)[i].is_string())
          m.kind = KindFromName((*kinds)[i].get<std::string>());
        if (qids && qids->is_array() && i < qids->size() && (*qids)[i].is_string())
          m.wikidata_qid = (*qids)[i].get<std::string>();
        q.speakers.push_back(std::move(m));
      }
    }
    if (have_text) {
      // Spans must lie inside the text, or the record is not what it claims to be.
      std::vector<Span> spans = q.spans;
      spans.insert(spans.end(), {q.cue_span, q.speaker_span});
      for (const Span& sp : spans)
        if (sp.end > cur.article.text.size()) {
          ++bad;
          if (warn) warn(where + ": span runs past the article text; statement skipped");
          return Status::OK();
        }
    }
    ++good;
    cur.quotes.push_back(std::move(q));
    return Status::OK();
  });
  QDB_RETURN_IF_ERROR(s);
  QDB_RETURN_IF_ERROR(flush());
  if (good == 0 && bad > 0)
    return Status::InvalidArgument(path + ": no readable statement record (" + std::to_string(bad) +
                                   " bad lines)");
  return Status::OK();
}

}  // namespace quotedb::formats
