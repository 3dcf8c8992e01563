// See targets.h.
#include "targets.h"

#include <initializer_list>

#include <algorithm>

#include "formats/formats_internal.h"
#include "quotedb/extract.h"
#include "quotedb/keys.h"
#include "quotedb/reader.h"
#include "quotedb/text.h"
#include "schema/serialize.h"

namespace quotedb::fuzz {
namespace {

// Collects the first broken promise; later ones are not interesting.
class Checker {
 public:
  bool ok() const { return problem_.empty(); }
  const std::string& problem() const { return problem_; }
  void Fail(const std::string& what) {
    if (problem_.empty()) problem_ = what;
  }
  void Utf8(const char* field, std::string_view value) {
    if (!IsValidUtf8(value)) Fail(std::string(field) + " is not valid UTF-8");
  }
  void InText(const char* field, const Span& s, size_t text_size) {
    if (s.begin > s.end || s.end > text_size)
      Fail(std::string(field) + " [" + std::to_string(s.begin) + ", " + std::to_string(s.end) +
           ") is not inside the text of " + std::to_string(text_size) + " bytes");
  }
  // A span that cuts a UTF-8 sequence would slice invalid text out of valid text.
  void OnBoundaries(const char* field, const Span& s, std::string_view text) {
    auto inside = [&](uint32_t at) {
      return at < text.size() && (static_cast<unsigned char>(text[at]) & 0xC0) == 0x80;
    };
    if (s.end <= text.size() && (inside(s.begin) || inside(s.end)))
      Fail(std::string(field) + " [" + std::to_string(s.begin) + ", " + std::to_string(s.end) +
           ") cuts a UTF-8 character");
  }

 private:
  std::string problem_;
};

const WarningFn kWarn = [](const std::string&) {};

// What every reader promises about an article (quotedb/reader.h, formats_internal.h): UTF-8
// in every text field, the headline on one line and, except for statement exports that carry
// their own text, at the start of the text.
void CheckArticle(Checker& c, const Article& a, bool text_starts_with_title) {
  c.Utf8("title", a.title);
  c.Utf8("text", a.text);
  c.Utf8("url", a.url);
  c.Utf8("source_name", a.source_name);
  for (const std::string& au : a.authors) c.Utf8("an author", au);
  c.Utf8("the provenance file", a.provenance.file);
  c.Utf8("the WARC record id", a.provenance.warc_record_id);
  if (a.title.find('\n') != std::string::npos) c.Fail("the headline has a line break");
  if (text_starts_with_title && a.text.compare(0, a.title.size(), a.title) != 0)
    c.Fail("the text does not start with the headline");
}

// Given statements (Quotebank, statement exports, tables): the importer stores them as they
// are, so their spans must lie inside the stored text and their strings must be UTF-8.
void CheckRecord(Checker& c, const ReadRecord& r, bool text_starts_with_title) {
  CheckArticle(c, r.article, text_starts_with_title);
  if (!r.quotes_given && !r.quotes.empty()) c.Fail("quotes without quotes_given");
  const size_t n = r.article.text.size();
  for (const ExtractedQuote& q : r.quotes) {
    for (const Span& s : q.spans) c.InText("a quote span", s, n);
    if (!q.cue_span.empty()) c.InText("the cue span", q.cue_span, n);
    if (!q.speaker_span.empty()) c.InText("the speaker span", q.speaker_span, n);
    c.Utf8("a quote", q.text);
    c.Utf8("a speaker", q.speaker);
    c.Utf8("a speaker mention", q.speaker_mention);
    c.Utf8("a cue", q.cue);
    for (const SpeakerMention& m : q.speakers) {
      c.Utf8("a speaker name", m.name);
      c.Utf8("a Wikidata id", m.wikidata_qid);
    }
  }
}

RecordSink Collect(Checker& c, bool text_starts_with_title) {
  return [&c, text_starts_with_title](ReadRecord&& r) {
    CheckRecord(c, r, text_starts_with_title);
    return Status::OK();
  };
}

// Plain text and news-please JSON/JSONL: ReadArticles once the file is read, under each format.
std::string FuzzArticles(std::string_view data, std::initializer_list<const char*> names) {
  Checker c;
  for (const char* format : names) {
    ReaderOptions o;
    o.format = format;
    auto r = formats::ReadArticlesFromBytes("fuzz.input", std::string(data), o, kWarn);
    if (r.ok())
      for (const Article& a : *r) CheckArticle(c, a, true);
  }
  return c.problem();
}

std::string FuzzText(std::string_view data) { return FuzzArticles(data, {"text"}); }
std::string FuzzNewsPlease(std::string_view data) { return FuzzArticles(data, {"json", "jsonl"}); }

std::string FuzzHtml(std::string_view data) {
  Checker c;
  (void)formats::ReadHtmlBytes("fuzz.html", std::string(data), ReaderOptions{}, kWarn,
                               Collect(c, true));
  return c.problem();
}

// Plain WARC and .warc.gz alike: the reader tells them apart by the gzip magic.
std::string FuzzWarc(std::string_view data) {
  Checker c;
  (void)formats::ReadWarcBytes("fuzz.warc", data, ReaderOptions{}, kWarn, Collect(c, true));
  return c.problem();
}

// The JSON-lines readers, on a stream over the bytes (`name` ending .bz2: through bzip2).
using StreamReader = Status (*)(const std::string&, formats::InputStream*, const ReaderOptions&,
                                const WarningFn&, const RecordSink&);
std::string FuzzStream(std::string_view data, const std::string& name, StreamReader read,
                       bool text_starts_with_title) {
  Checker c;
  auto in = formats::OpenInputBytes(data, name);
  if (in.ok())
    (void)read(name, in->get(), ReaderOptions{}, kWarn, Collect(c, text_starts_with_title));
  return c.problem();
}

// Input that starts like bzip2 ("BZh") is read as a .bz2 Quotebank file.
std::string FuzzQuotebank(std::string_view data) {
  const bool bz2 = data.substr(0, 3) == "BZh";
  return FuzzStream(data, bz2 ? "fuzz.jsonl.bz2" : "fuzz.jsonl", formats::ReadQuotebankStream,
                    true);
}

// Exported statements carry their own text, which need not start with the headline.
std::string FuzzStatements(std::string_view data) {
  return FuzzStream(data, "fuzz.jsonl", formats::ReadStatementsStream, false);
}

// CSV with a header, TSV with a header, and CSV with the columns named and no header.
std::string FuzzTable(std::string_view data) {
  Checker c;
  ReaderOptions named;
  named.columns = {"id",   "quote", "speaker", "qid",   "source",
                   "date", "url",   "context", "title", "rating"};
  named.no_header = true;
  const std::pair<ReaderOptions, char> runs[] = {
      {ReaderOptions{}, ','}, {ReaderOptions{}, '\t'}, {named, ','}};
  for (const auto& [options, delim] : runs) {
    auto in = formats::OpenInputBytes(data, "fuzz.csv");
    if (!in.ok()) continue;
    (void)formats::ReadTableStream("fuzz.csv", in->get(), options, delim, kWarn, Collect(c, true));
  }
  return c.problem();
}

// The extractor takes UTF-8 (readers transcode first), so other bytes are transcoded as the
// readers would. Promises of quotedb/extract.h: spans inside the text, on character
// boundaries, in text order; statements ordered by their first span; confidence in 0..1.
std::string FuzzExtract(std::string_view data) {
  Checker c;
  std::string text = IsValidUtf8(data) ? std::string(data) : TranscodeCp1252ToUtf8(data);
  std::vector<ExtractedQuote> quotes = ExtractQuotes(text);
  uint32_t last_first = 0;
  for (const ExtractedQuote& q : quotes) {
    if (q.spans.empty()) {
      c.Fail("a statement without a content span");
      continue;
    }
    uint32_t prev_end = 0;
    for (const Span& s : q.spans) {
      if (s.empty()) c.Fail("an empty content span");
      c.InText("a content span", s, text.size());
      c.OnBoundaries("a content span", s, text);
      if (s.begin < prev_end) c.Fail("content spans overlap or are out of order");
      prev_end = s.end;
    }
    if (q.spans[0].begin < last_first) c.Fail("statements are not ordered by their first span");
    last_first = q.spans[0].begin;
    if (!q.cue_span.empty()) {
      c.InText("the cue span", q.cue_span, text.size());
      c.OnBoundaries("the cue span", q.cue_span, text);
    }
    if (!q.speaker_span.empty()) {
      c.InText("the speaker span", q.speaker_span, text.size());
      c.OnBoundaries("the speaker span", q.speaker_span, text);
    }
    c.Utf8("a statement", q.text);
    c.Utf8("a cue", q.cue);
    c.Utf8("a speaker mention", q.speaker_mention);
    c.Utf8("a speaker", q.speaker);
    for (const SpeakerMention& m : q.speakers) {
      c.Utf8("a speaker name", m.name);
      c.Utf8("a speaker title", m.title);
      c.Utf8("a speaker affiliation", m.affiliation);
    }
    if (!(q.confidence >= 0.0f && q.confidence <= 1.0f)) c.Fail("confidence outside 0..1");
  }
  return c.problem();
}

// The text utilities of quotedb/text.h and the date parser of quotedb/reader.h.
std::string FuzzNormalize(std::string_view data) {
  Checker c;
  std::string h = NormalizeForHash(data);
  c.Utf8("NormalizeForHash", h);
  if (!h.empty() && (h.front() == ' ' || h.back() == ' ' || h.find("  ") != std::string::npos))
    c.Fail("NormalizeForHash left white space untrimmed or uncollapsed");
  (void)ContentHash(data);
  c.Utf8("NormalizeName", NormalizeName(data));
  const std::vector<std::string> terms = IndexTerms(data);
  for (const std::string& t : terms) {
    if (t.empty()) c.Fail("IndexTerms gave an empty term");
    c.Utf8("an index term", t);
  }
  if (IndexTerms(data, h) != terms) c.Fail("IndexTerms(text, NormalizeForHash(text)) != IndexTerms(text)");
  std::string transcoded = TranscodeCp1252ToUtf8(data);
  c.Utf8("TranscodeCp1252ToUtf8", transcoded);
  if (IsValidUtf8(data)) c.Utf8("OneLine", formats::OneLine(data, data.size() / 2));
  (void)NormalizeSourceName(data);
  ParsedDate d;
  if (ParseDate(data, &d) && d.days != kUnknownDate) {
    std::string iso = FormatDate(d.days);
    ParsedDate back;
    if (!ParseDate(iso, &back) || back.days != d.days)
      c.Fail("a parsed date does not survive FormatDate and ParseDate (" + iso + ")");
  }
  return c.problem();
}

// Stored values as a damaged disk could hand them over: the first byte picks the reader, the
// rest is the value. The direct readers of Statement, Article, Speaker and Source values
// (schema/serialize.h) and the posting-list reader (quotedb/keys.h) must not crash or read out
// of bounds; a value a direct reader takes re-encodes to the same bytes; the partial readers
// (a speaker's name, an article's head) take the values the whole readers take; a posting list's
// places ascend, and DecodePostings agrees with the reader. (cereal's readers are left out:
// they trust length prefixes and ask for what they say, which a sanitizer reports as a crash.)
std::string FuzzValues(std::string_view data) {
  Checker c;
  if (data.empty()) return c.problem();
  const unsigned pick = static_cast<unsigned char>(data[0]) % 5;
  const std::string_view v = data.substr(1);
  auto same = [&](const char* what, const std::string& again) {
    if (again != v) c.Fail(std::string("a ") + what + " the direct reader took re-encodes differently");
  };
  switch (pick) {
    case 0: {
      Statement s;
      if (schema::DecodeStatementDirect(v, &s)) same("statement", schema::EncodeStatement(s));
      break;
    }
    case 1: {
      Article a;
      const bool whole = schema::DecodeArticleDirect(v, &a);
      if (whole) same("article", schema::EncodeArticle(a));
      schema::ArticleHead h;
      const bool part = schema::DecodeArticleHeadDirect(v, &h);
      if (part != whole) c.Fail("the article head reader and the whole reader disagree on a value");
      if (part && whole && (h.url != a.url || h.title != a.title || h.file != a.provenance.file))
        c.Fail("the article head reader reads other fields than the whole reader");
      break;
    }
    case 2: {
      Speaker s;
      const bool whole = schema::DecodeSpeakerDirect(v, &s);
      if (whole) same("speaker", schema::EncodeSpeaker(s));
      std::string name;
      const bool part = schema::DecodeSpeakerNameDirect(v, &name);
      if (part != whole) c.Fail("the speaker name reader and the whole reader disagree on a value");
      if (part && whole && name != s.name) c.Fail("the speaker name reader reads another name");
      break;
    }
    case 3: {
      Source s;
      if (schema::DecodeSourceDirect(v, &s)) same("source", schema::EncodeSource(s));
      break;
    }
    default: {
      keys::PostingReader r(v);
      uint32_t ordinal = 0;
      size_t n = 0;
      std::vector<uint32_t> places;
      while (r.NextGroup()) {
        if (r.article().size() != 16) c.Fail("a posting group's article is not 16 bytes");
        while (r.NextEntry(&ordinal, &places)) {
          ++n;
          if (!std::is_sorted(places.begin(), places.end())) c.Fail("posting places descend");
          if (r.placed() && places.empty()) c.Fail("a placed posting has no places");
        }
      }
      std::vector<keys::StatementKeyBytes> all;
      const bool decoded = keys::DecodePostings(v, &all);
      if (decoded != r.ok()) c.Fail("DecodePostings and PostingReader disagree on a list");
      if (decoded && all.size() != n) c.Fail("DecodePostings and PostingReader count differently");
      break;
    }
  }
  return c.problem();
}

}  // namespace

const std::vector<Target>& AllTargets() {
  static const std::vector<Target> kTargets = {
      {"text", "ReadArticlesFromBytes, plain text", FuzzText},
      {"newsplease", "ReadArticlesFromBytes, news-please JSON and JSONL", FuzzNewsPlease},
      {"html", "ReadHtmlBytes (gumbo)", FuzzHtml},
      {"warc", "ReadWarcBytes, WARC and .warc.gz", FuzzWarc},
      {"quotebank", "ReadQuotebankStream, JSON lines and .bz2", FuzzQuotebank},
      {"statements", "ReadStatementsStream, quotedb's JSONL export", FuzzStatements},
      {"table", "ReadTableStream, CSV and TSV", FuzzTable},
      {"extract", "ExtractQuotes", FuzzExtract},
      {"normalize", "NormalizeForHash, NormalizeName, IndexTerms, ParseDate, ...", FuzzNormalize},
      {"values", "stored values: direct record readers, posting lists", FuzzValues},
  };
  return kTargets;
}

const Target* FindTarget(std::string_view name) {
  for (const Target& t : AllTargets())
    if (name == t.name) return &t;
  return nullptr;
}

}  // namespace quotedb::fuzz
