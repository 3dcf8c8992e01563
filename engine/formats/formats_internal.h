// Internal pieces shared by the readers in engine/formats: byte streams over plain, gzip and
// bzip2 files, a line reader, and one entry point per format. Not part of the public API.
#ifndef QUOTEDB_ENGINE_FORMATS_FORMATS_INTERNAL_H_
#define QUOTEDB_ENGINE_FORMATS_FORMATS_INTERNAL_H_

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "quotedb/reader.h"

namespace quotedb::formats {

bool EndsWith(std::string_view s, std::string_view suffix);
std::string AsciiLower(std::string_view s);

// `bytes` when valid UTF-8, else read as Windows-1252 and transcoded (readers store UTF-8 only).
std::string EnsureUtf8(std::string bytes);

// Sets the article's date from `text`. A time without a zone is dropped (the calendar date is
// kept and time_seconds stays -1): without a zone the instant is not known. Returns false
// when `text` is non-empty and does not parse.
bool ApplyDate(Article* article, std::string_view text);

// `text` on one line (line breaks become spaces), cut at a UTF-8 boundary to at most
// `max_bytes` with "..." appended when cut.
std::string OneLine(std::string_view text, size_t max_bytes);

// Fills source_name from `source` or, failing that, from the URL's domain.
void SetSource(Article* article, const std::string& source);

// A sequential byte source. Read returns 0 bytes at the end of the input.
class InputStream {
 public:
  virtual ~InputStream() = default;
  virtual Status Read(char* buf, size_t cap, size_t* got) = 0;
};

// Opens `path` for reading: .gz through zlib (every gzip member, concatenated), .bz2 through
// libbz2 (every stream), anything else as is.
Result<std::unique_ptr<InputStream>> OpenInput(const std::string& path);

// The first `max` bytes of the decompressed content of `path` (for format sniffing).
Result<std::string> PeekInput(const std::string& path, size_t max);

// Sets *out to the whole of `path` and returns true when it is a regular file of at most `max`
// bytes that reads in full; false otherwise (*out is then unspecified). One open and one read:
// for a small file, the sniffed head is the file, and the plain-text reader needs no second read.
bool ReadWholeSmallFile(const std::string& path, size_t max, std::string* out);

// Lines of an InputStream, without their "\n" (and "\r"). offset() is the byte offset of the
// last line returned within the decompressed input.
class LineReader {
 public:
  explicit LineReader(InputStream* in) : in_(in) {}
  // Sets *line to the next line; returns false at the end (or on error, see status()).
  bool Next(std::string* line);
  const Status& status() const { return status_; }
  uint64_t offset() const { return line_offset_; }
  uint64_t line_number() const { return line_no_; }

 private:
  InputStream* in_;
  std::string buf_;
  size_t pos_ = 0;
  bool eof_ = false;
  uint64_t consumed_ = 0;  // bytes of the input before buf_[0]
  uint64_t line_offset_ = 0;
  uint64_t line_no_ = 0;
  Status status_;
};

// --- HTML -------------------------------------------------------------------------------------

// What the page says about itself and its body, before it becomes an Article.
struct HtmlPage {
  std::string title;
  std::string date;  // as printed, ISO 8601 most of the time
  std::vector<std::string> authors;
  std::string publisher;
  std::string url;
  std::vector<std::string> paragraphs;  // the article's body paragraphs, in order
};

// Parses an HTML document (UTF-8) with gumbo: metadata from JSON-LD NewsArticle first, then
// Open Graph, then <meta> and <title>; paragraphs from the article element (or the body),
// leaving out navigation, headers, footers, asides, scripts, forms and captions.
HtmlPage ParseHtml(std::string_view html);

// The Article for a parsed page: text is headline, "\n", paragraphs joined by "\n".
// `forced_url` (the URL a WARC record was fetched from) wins over the page's own URL;
// `fallback_date` (the fetch date) is used when the page has no date. Fails when the page has
// no title and no body.
Result<Article> ArticleFromHtml(const std::string& where, const HtmlPage& page,
                                const ReaderOptions& options, const std::string& forced_url,
                                const std::string& fallback_date, const WarningFn& warn);

// Re-encodes HTML bytes as UTF-8, honouring a charset named in `content_type` or in a <meta>.
std::string HtmlToUtf8(std::string bytes, std::string_view content_type);

Status ReadHtmlFile(const std::string& path, const ReaderOptions& options, const WarningFn& warn,
                    const RecordSink& sink);

// --- WARC -------------------------------------------------------------------------------------
Status ReadWarcFile(const std::string& path, const ReaderOptions& options, const WarningFn& warn,
                    const RecordSink& sink);

// --- Quotebank and quotedb's own statement export -----------------------------------------
Status ReadQuotebankFile(const std::string& path, const ReaderOptions& options,
                         const WarningFn& warn, const RecordSink& sink);
Status ReadStatementsFile(const std::string& path, const ReaderOptions& options,
                          const WarningFn& warn, const RecordSink& sink);

// --- CSV and TSV statement tables ----------------------------------------------------------
Status ReadTableFile(const std::string& path, const ReaderOptions& options, char delimiter,
                     const WarningFn& warn, const RecordSink& sink);

// --- In memory (the fuzz targets in tools/fuzz, tests) ----------------------------------------
// Each reader above on bytes already in memory; `path` only names the input in messages and
// provenance. The file readers open the file and call these.

// `bytes` as an InputStream; a `name` ending in .bz2 is decompressed as OpenInput would (.gz is
// read from files only).
Result<std::unique_ptr<InputStream>> OpenInputBytes(std::string_view bytes, const std::string& name);
// Plain text and news-please JSON/JSONL (ReadArticles after the file is read).
Result<std::vector<Article>> ReadArticlesFromBytes(const std::string& path, std::string bytes,
                                                   const ReaderOptions& options,
                                                   const WarningFn& warn);
Status ReadHtmlBytes(const std::string& path, std::string bytes, const ReaderOptions& options,
                     const WarningFn& warn, const RecordSink& sink);
Status ReadWarcBytes(const std::string& path, std::string_view data, const ReaderOptions& options,
                     const WarningFn& warn, const RecordSink& sink);
Status ReadQuotebankStream(const std::string& path, InputStream* in, const ReaderOptions& options,
                           const WarningFn& warn, const RecordSink& sink);
Status ReadStatementsStream(const std::string& path, InputStream* in, const ReaderOptions& options,
                            const WarningFn& warn, const RecordSink& sink);
Status ReadTableStream(const std::string& path, InputStream* in, const ReaderOptions& options,
                       char delimiter, const WarningFn& warn, const RecordSink& sink);

}  // namespace quotedb::formats

#endif  // QUOTEDB_ENGINE_FORMATS_FORMATS_INTERNAL_H_
