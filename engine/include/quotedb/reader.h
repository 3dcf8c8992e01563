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
#include <vector>

#include "quotedb/records.h"
#include "quotedb/status.h"

namespace quotedb {

struct ReaderOptions {
  std::string format = "auto";  // auto | text | json | jsonl
  // Metadata for plain text files (and defaults for JSON records that lack them).
  std::string source;
  std::string date;  // ISO 8601 date or date-time
  std::string url;
  // Files larger than this are refused with a message (64 MiB).
  uint64_t max_file_bytes = 64ull << 20;
};

// Called with a human-readable warning naming the file (e.g. a transcoded encoding).
using WarningFn = std::function<void(const std::string&)>;

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
