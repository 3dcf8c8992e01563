// Readers: files of news articles in, Article records out.
//
// Plain text (.txt and anything unrecognised): headline on line 1, body after it; metadata
// comes from ReaderOptions. news-please JSON (.json: one record; .jsonl: one record a line):
// url, source_domain, date_publish, title, maintext or text, authors.
// Input that is not valid UTF-8 is transcoded from Windows-1252/Latin-1 with a warning.
#ifndef QUOTEDB_READER_H_
#define QUOTEDB_READER_H_

#include <cstdint>
#include <functional>
#include <string>
#include <system_error>
#include <utility>
#include <vector>

#include "quotedb/extract.h"
#include "quotedb/records.h"
#include "quotedb/status.h"

namespace quotedb {

struct ReaderOptions {
  // auto | text | json | jsonl | html | warc | quotebank | csv | tsv | statements.
  // auto decides by suffix (.html .warc .warc.gz .csv .tsv .bz2 .gz ...) and by content.
  std::string format = "auto";
  // csv/tsv statement tables: column names in order (id, quote, speaker, source, date, url,
  // context, title; "-" skips a column; any other name is kept as a named attribute). Empty:
  // the header row names the columns.
  std::vector<std::string> columns;
  bool no_header = false;  // csv/tsv: the first row is data, not a header
  // Metadata for plain text files (and defaults for JSON records that lack them).
  std::string source;
  std::string date;  // ISO 8601 date or date-time
  std::string url;
  // Files larger than this are refused with a message (64 MiB).
  uint64_t max_file_bytes = 64ull << 20;
};

// Called with a human-readable warning naming the file (e.g. a transcoded encoding).
using WarningFn = std::function<void(const std::string&)>;

// One article as a reader produced it, with the statements the input already carries.
// Quotebank files and statement tables arrive as quotes that were extracted elsewhere: for
// them `quotes_given` is true and the importer stores `quotes` as they are, without running
// extraction (their spans point into `article.text`).
struct ReadRecord {
  Article article;
  bool quotes_given = false;
  std::vector<ExtractedQuote> quotes;
};

// Called with each record of a file, in file order; a non-ok return stops the reader, which
// then returns that status.
using RecordSink = std::function<Status(ReadRecord&&)>;

// Streams the records of one file of any supported format into `sink`, so a WARC or a
// Quotebank dump of gigabytes never sits in memory whole. Broken records inside a file (bad
// JSON line, a WARC record whose length lies, a truncated gzip member) are warned about,
// counted and skipped; the file fails only when it cannot be read at all or yields nothing.
Status ReadRecordsStreaming(const std::string& path, const ReaderOptions& options,
                            const WarningFn& warn, const RecordSink& sink);

// ReadRecordsStreaming collected into a vector.
Result<std::vector<ReadRecord>> ReadRecords(const std::string& path, const ReaderOptions& options,
                                            const WarningFn& warn);

// The format `path` will be read as under `requested` ("auto" sniffs suffix and content).
// Returns one of the ReaderOptions::format names.
std::string ResolveInputFormat(const std::string& path, const std::string& requested);

// Reads the articles in one file. Article::text holds the headline, a newline and the body
// (for plain text: the file as read). Ids are left zero; the store computes them. Fails with
// InvalidArgument for unreadable or malformed input, naming the file.
Result<std::vector<Article>> ReadArticles(const std::string& path, const ReaderOptions& options,
                                          const WarningFn& warn);

// The texts extraction should run on for `path`: the file's bytes for plain text, so offsets
// are bytes of the file on disk; the stored text for JSON records.
Result<std::vector<std::string>> ReadArticlesForExtraction(const std::string& path,
                                                           const WarningFn& warn);

// Expands files and folders (recursively, sorted by path, hidden entries skipped) into the
// list of files to read. Fails with InvalidArgument for a path that does not exist.
Result<std::vector<std::string>> ListInputFiles(const std::vector<std::string>& paths);

// The files ListInputFiles lists, in the same order, one at a time: it holds the sorted
// listings of the folders on the current path only, not the whole tree (an import of 178,000
// files kept 20 MB of paths for its whole length: docs/performance.md, session 16). A folder's
// entries are sorted by name, a subfolder's name as if it ended in '/', which walks the
// paths in the order of sorting them whole. Hidden entries and folders that cannot be listed
// are skipped; symbolic links to folders are not followed.
class InputFileWalker {
 public:
  explicit InputFileWalker(std::vector<std::string> paths) : paths_(std::move(paths)) {}
  // The next file into *path; false once every file was given. Fails with InvalidArgument for
  // a given path that does not exist or a given folder that cannot be listed.
  Result<bool> Next(std::string* path);

 private:
  struct Folder {
    std::vector<std::pair<std::string, bool>> entries;  // sort key (name, '/' after a folder's), is a folder
    std::string path;                                   // the folder's path, ending in '/'
    size_t next = 0;
  };
  // Lists folder `path` onto the stack; the error when it cannot be listed.
  std::error_code Push(const std::string& path);
  std::vector<std::string> paths_;
  size_t next_path_ = 0;
  std::vector<Folder> stack_;
};

// A parsed publication date.
struct ParsedDate {
  int64_t days = kUnknownDate;  // days since 1970-01-01
  int32_t time_seconds = -1;    // -1 when no time was given
  bool zone_known = false;
  int32_t utc_offset_minutes = 0;
};

// Parses "2024-06-20", "2024-06-20 00:00:00", "2024-06-20T10:15:00Z", "...+09:00",
// "20 June 2024", "June 20, 2024". Returns false when nothing parses.
bool ParseDate(std::string_view text, ParsedDate* out);

// "YYYY-MM-DD" for a day number ("" for kUnknownDate).
std::string FormatDate(int64_t days);

// Normalised outlet domain or name: lowercase, no scheme, no "www.", no path
// ("https://www.StraitsTimes.com/asia" -> "straitstimes.com").
std::string NormalizeSourceName(std::string_view name_or_url);

}  // namespace quotedb

#endif  // QUOTEDB_READER_H_
