// CSV and TSV statement tables: one statement a row.
//
// Columns are named by ReaderOptions::columns, in order, or by the header row. Known names:
//   id, quote, speaker, qid (Wikidata id of the speaker), source, date, url, context, title
// "-" skips a column; any other name is kept as a named attribute. Synonyms in a header:
// statement/quotation/text/claim = quote, speaker_qid/wikidata = qid.
// CSV follows RFC 4180 (quoted fields may hold commas, doubled quotes and line breaks); TSV is
// split on tabs only, because TSV dumps such as LIAR put bare quotation marks inside fields.
//
// Each row becomes an article holding one given statement; consecutive rows with the same
// non-empty url become one article with several statements. The stored text is the headline
// (title, else the quote cut to one line), then each quote on its own line, then the row's
// context, id and attributes as "name: value" lines, so that nothing in the row is lost and
// two rows that differ only in an attribute stay two articles. A speaker written as a slug
// ("barack-obama", as in LIAR) is turned into a name ("Barack Obama").
#include <algorithm>
#include <cctype>

#include "formats/formats_internal.h"

namespace quotedb::formats {
namespace {

// Splits `line` (which may have grown by later lines for CSV) into fields. Returns false when
// a quoted CSV field is still open at the end of `line`.
bool SplitRow(std::string_view line, char delim, std::vector<std::string>* fields) {
  fields->clear();
  if (delim == '\t') {
    size_t p = 0;
    while (true) {
      size_t e = line.find('\t', p);
      fields->emplace_back(line.substr(p, e == std::string_view::npos ? line.size() - p : e - p));
      if (e == std::string_view::npos) return true;
      p = e + 1;
    }
  }
  std::string cur;
  bool quoted = false, was_quoted = false;
  for (size_t i = 0; i < line.size(); ++i) {
    char c = line[i];
    if (quoted) {
      if (c == '"') {
        if (i + 1 < line.size() && line[i + 1] == '"') {
          cur.push_back('"');
          ++i;
        } else {
          quoted = false;
        }
      } else {
        cur.push_back(c);
      }
    } else if (c == '"' && cur.empty() && !was_quoted) {
      quoted = was_quoted = true;
    } else if (c == delim) {
      fields->push_back(std::move(cur));
      cur.clear();
      was_quoted = false;
    } else {
      cur.push_back(c);
    }
  }
  if (quoted) return false;
  fields->push_back(std::move(cur));
  return true;
}

std::string CanonicalColumn(std::string name) {
  name = AsciiLower(name);
  while (!name.empty() && std::isspace(static_cast<unsigned char>(name.back()))) name.pop_back();
  size_t i = name.find_first_not_of(" \t");
  name.erase(0, i == std::string::npos ? name.size() : i);
  if (name.empty()) return "-";
  if (name == "statement" || name == "quotation" || name == "text" || name == "claim") return "quote";
  if (name == "speaker_qid" || name == "wikidata" || name == "wikidata_qid") return "qid";
  return name;
}

bool IsSlug(std::string_view s) {
  if (s.find('-') == std::string_view::npos) return false;
  for (char c : s)
    if (!(std::islower(static_cast<unsigned char>(c)) || std::isdigit(static_cast<unsigned char>(c)) ||
          c == '-'))
      return false;
  return s.front() != '-' && s.back() != '-';
}

std::string SpeakerName(std::string s) {
  if (!IsSlug(s)) return s;
  bool start = true;
  for (char& c : s) {
    if (c == '-') {
      c = ' ';
      start = true;
    } else {
      if (start) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
      start = false;
    }
  }
  return s;
}

std::string Clean(std::string s) {
  s = EnsureUtf8(std::move(s));
  size_t b = s.find_first_not_of(" \t\r\n");
  if (b == std::string::npos) return "";
  size_t e = s.find_last_not_of(" \t\r\n");
  return s.substr(b, e - b + 1);
}

}  // namespace

Status ReadTableFile(const std::string& path, const ReaderOptions& options, char delim,
                     const WarningFn& warn, const RecordSink& sink) {
  auto in = OpenInput(path);
  if (!in.ok()) return in.status();
  return ReadTableStream(path, in->get(), options, delim, warn, sink);
}

Status ReadTableStream(const std::string& path, InputStream* in, const ReaderOptions& options,
                       char delim, const WarningFn& warn, const RecordSink& sink) {
  LineReader lines(in);
  std::vector<std::string> columns;
  for (const auto& c : options.columns) columns.push_back(c == "-" ? "-" : CanonicalColumn(c));
  bool header_pending = !options.no_header;
  if (columns.empty() && options.no_header)
    return Status::InvalidArgument(path + ": --no-header needs --columns to name the columns");

  uint64_t good = 0, bad = 0, ragged = 0;
  constexpr size_t kMaxRowBytes = 1 << 20;
  ReadRecord cur;
  std::string cur_url, cur_attrs;
  auto flush = [&]() -> Status {
    if (cur.quotes.empty()) return Status::OK();
    cur.article.text += cur_attrs;
    cur.quotes_given = true;
    Status s = sink(std::move(cur));
    cur = ReadRecord{};
    cur_url.clear();
    cur_attrs.clear();
    return s;
  };

  std::string line, row;
  std::vector<std::string> fields;
  uint64_t row_line = 0, row_offset = 0;
  while (lines.Next(&line)) {
    if (row.empty()) {
      row_line = lines.line_number();
      row_offset = lines.offset();
      row = line;
    } else {
      row += "\n" + line;
    }
    if (!SplitRow(row, delim, &fields)) {  // a quoted field spans lines
      if (row.size() < kMaxRowBytes) continue;
      // A stray quotation mark would swallow the rest of the file: give up on this row.
      ++bad;
      if (warn) warn(path + ":" + std::to_string(row_line) + ": quoted field runs over " +
                     std::to_string(kMaxRowBytes >> 20) + " MiB; row skipped");
      row.clear();
      continue;
    }
    std::string where = path + ":" + std::to_string(row_line);
    std::string raw = std::move(row);
    row.clear();
    if (raw.find_first_not_of(" \t\r") == std::string::npos) continue;
    if (header_pending) {
      header_pending = false;
      if (columns.empty()) {
        for (auto& f : fields) columns.push_back(CanonicalColumn(Clean(f)));
        if (std::find(columns.begin(), columns.end(), "quote") == columns.end())
          return Status::InvalidArgument(
              path + ": the header names no quote column (quote, statement, quotation, text or "
                     "claim); name the columns with --columns");
      }
      continue;
    }
    if (std::find(columns.begin(), columns.end(), "quote") == columns.end())
      return Status::InvalidArgument(path + ": --columns names no \"quote\" column");
    if (fields.size() != columns.size() && ++ragged <= 5 && warn) {
      // Short or long rows are read as far as they go; the first few are named.
      warn(where + ": " + std::to_string(fields.size()) + " fields, " +
           std::to_string(columns.size()) + " columns named" +
           (ragged == 5 ? " (further rows like this are not reported)" : ""));
    }
    std::string id, quote, speaker, qid, source, date, url, context, title, attrs;
    for (size_t i = 0; i < columns.size() && i < fields.size(); ++i) {
      const std::string& c = columns[i];
      if (c == "-") continue;
      std::string v = Clean(fields[i]);
      if (c == "id") id = v;
      else if (c == "quote") quote = v;
      else if (c == "speaker") speaker = v;
      else if (c == "qid") qid = v;
      else if (c == "source") source = v;
      else if (c == "date") date = v;
      else if (c == "url") url = v;
      else if (c == "context") context = v;
      else if (c == "title") title = v;
      else if (!v.empty()) attrs += "\n" + c + ": " + OneLine(v, v.size() + 1);
    }
    if (quote.empty()) {
      ++bad;
      if (warn) warn(where + ": empty quote; row skipped");
      continue;
    }
    if (url.empty() || url != cur_url) QDB_RETURN_IF_ERROR(flush());
    Article& a = cur.article;
    if (cur.quotes.empty()) {
      a.url = url.empty() ? options.url : url;
      SetSource(&a, source.empty() ? (options.source.empty() ? a.url : options.source) : source);
      if (!ApplyDate(&a, date)) {
        if (warn) warn(where + ": date \"" + date + "\" does not parse; stored without a date");
      }
      if (a.date_days == kUnknownDate) ApplyDate(&a, options.date);
      a.title = title.empty() ? OneLine(quote, 120) : OneLine(title, 1000);
      a.text = a.title;
      a.provenance.file = path;
      a.provenance.offset = row_offset;
      cur_url = url;
    }
    ExtractedQuote q;
    q.kind = StatementKind::kDirect;
    q.text = OneLine(quote, quote.size() + 1);
    a.text.push_back('\n');
    q.spans.push_back(Span{static_cast<uint32_t>(a.text.size()),
                           static_cast<uint32_t>(a.text.size() + q.text.size())});
    a.text += q.text;
    q.confidence = 1.0f;  // a table row is an attribution someone made, not a guess
    if (!speaker.empty()) {
      SpeakerMention m;
      m.name = SpeakerName(speaker);
      m.wikidata_qid = qid;
      q.speaker = m.name;
      q.speaker_mention = speaker;
      q.speakers.push_back(std::move(m));
    }
    if (!context.empty()) cur_attrs += "\ncontext: " + OneLine(context, context.size() + 1);
    if (!id.empty()) cur_attrs += "\nid: " + id;
    cur_attrs += attrs;
    cur.quotes.push_back(std::move(q));
    ++good;
  }
  QDB_RETURN_IF_ERROR(lines.status());
  if (!row.empty()) {
    ++bad;
    if (warn) warn(path + ":" + std::to_string(row_line) + ": quoted field never closes; row skipped");
  }
  QDB_RETURN_IF_ERROR(flush());
  if (good == 0)
    return Status::InvalidArgument(path + ": no statement rows" +
                                   (bad ? " (" + std::to_string(bad) + " bad rows)" : std::string()));
  return Status::OK();
}

}  // namespace quotedb::formats
