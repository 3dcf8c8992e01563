// The import pipeline: files -> readers -> extraction -> one atomic write per article.
//
// Reading and extraction run on worker threads; writes happen on the calling thread in input
// order, so the same input always produces the same database. A file that cannot be read is
// counted and reported, and the import goes on with the rest. Files stream through in batches
// (a multi-gigabyte WARC or Quotebank dump never sits in memory whole), so a file that breaks
// partway keeps the articles read before the break and is reported as failed.
#ifndef QUOTEDB_IMPORT_H_
#define QUOTEDB_IMPORT_H_

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "quotedb/db.h"
#include "quotedb/extract.h"
#include "quotedb/reader.h"
#include "quotedb/status.h"

namespace quotedb {

struct ImportOptions {
  ReaderOptions reader;
  ExtractOptions extract;
  unsigned threads = 0;  // extraction threads; 0 = DefaultImportThreads()
  // Memory, as QueuedBytes counts it, that extracted articles may hold while they wait for the
  // writer, over every file but the one it is writing (which has at most 4 batches of 64
  // articles waiting). Workers stop extracting when it is reached, so an import's memory does
  // not grow with the corpus however far the writer falls behind.
  uint64_t queue_bytes = 16u << 20;
  // Files that may be read and extracted ahead of the one the writer is writing.
  size_t files_ahead = 1024;
};

struct ImportProgress {
  size_t files_done = 0;
  size_t files_total = 0;
  uint64_t bytes_done = 0;
  uint64_t bytes_total = 0;
  uint64_t articles_new = 0;
  uint64_t articles_unchanged = 0;
};

struct ImportSummary {
  size_t files = 0;
  size_t files_failed = 0;
  uint64_t articles_new = 0;
  uint64_t articles_unchanged = 0;
  uint64_t statements_new = 0;
  uint64_t warnings = 0;
  uint64_t bytes = 0;
  double seconds = 0;
  std::vector<std::string> failures;  // "path: reason", one per failed file
};

using ProgressFn = std::function<void(const ImportProgress&)>;

// Imports every file under `paths` into `db` (not owned; must outlive the call). Returns the
// summary, or an error only when the database itself fails (a bad file is a failure in the
// summary, not an error). `progress` is called after each file; `warn` for each warning. The
// write-ahead log is synced before returning.
Result<ImportSummary> ImportPaths(DB* db, const std::vector<std::string>& paths,
                                  const ImportOptions& options, const ProgressFn& progress,
                                  const WarningFn& warn);

// The same into the database at `db_dir`, which the import opens (DB::Open with `db_options`)
// while its workers read and extract the first files, and closes before it returns: creating a
// database costs tens of milliseconds of manifest syncs, a tenth of a BBC import. Fails, with
// nothing written, where DB::Open fails; the paths are listed first, so a missing path fails
// before any database is created.
Result<ImportSummary> ImportPaths(const std::string& db_dir, const Options& db_options,
                                  const std::vector<std::string>& paths,
                                  const ImportOptions& options, const ProgressFn& progress,
                                  const WarningFn& warn);

// Extraction threads when ImportOptions::threads is 0: half the hardware threads, at least one.
unsigned DefaultImportThreads();

// The memory an article prepared for the writer holds, with its statements: the strings' and
// vectors' heap blocks and the structs themselves. An estimate (allocator overhead is guessed),
// used to bound ImportPaths' queue.
uint64_t QueuedBytes(const PreparedArticle& article, const std::vector<ExtractedQuote>& quotes);

// Reads a speaker registry for DB::PutSpeakerRegistry: UTF-8 TSV, one speaker a line,
//   canonical name <TAB> aliases <TAB> Wikidata QID [<TAB> kind]
// aliases separated by "|" or ";", QID and kind optional (kind: person, government,
// organisation, document, media, group; default person). Blank lines, "#" comments and a header
// line whose first field is "name" are skipped. A line without a name or with a malformed QID
// (not Q followed by digits) is warned about and skipped; fails when nothing is readable.
Result<std::vector<RegistryEntry>> ReadSpeakerRegistry(const std::string& path,
                                                       const WarningFn& warn);

}  // namespace quotedb

#endif  // QUOTEDB_IMPORT_H_
