// quotedb::DB: the database of articles, statements and speakers.
//
//   auto db = quotedb::DB::Open("./qdb", quotedb::Options{});
//   if (!db.ok()) { ... db.status().message() ... }
//   (*db)->ImportArticle(article, quotedb::ExtractQuotes(article.text));
//   auto hits = (*db)->WhoSaid("nothing is off the table", 10);
//
// One process writes at a time (RocksDB's LOCK file); Open fails with Busy while another
// process holds it. Options::read_only opens without the lock for a second reader. All methods
// are thread-safe; writes are serialised internally. Every read method reads under one
// snapshot, so it sees a consistent picture even while an import runs.
#ifndef QUOTEDB_DB_H_
#define QUOTEDB_DB_H_

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "quotedb/extract.h"
#include "quotedb/records.h"
#include "quotedb/status.h"

namespace quotedb {

struct Options {
  bool create_if_missing = true;
  // Open without taking the write lock; every write method then fails with NotSupported.
  bool read_only = false;
  // One LRU block cache shared by every column family.
  size_t block_cache_bytes = 64u << 20;
  // fsync the write-ahead log after every article. Off by default: the WAL is synced by
  // Sync() (the importer calls it at the end of a run), so a power cut can lose the articles
  // imported since the last Sync(), never half an article. A process crash loses nothing.
  bool sync_every_write = false;
};

enum class ImportOutcome { kNew, kUnchanged };

struct ImportResult {
  ImportOutcome outcome = ImportOutcome::kNew;
  ArticleId id;
  uint32_t statements = 0;  // statements stored (or already stored, when unchanged)
};

// A statement with what a reader needs to see it: speaker names, source, article link.
struct StatementHit {
  Statement statement;
  std::vector<std::string> speakers;  // display names, parallel to statement.speaker_ids
  std::string source;                 // source name, "" when unknown
  std::string url;                    // article URL, "" when unknown
  std::string title;                  // article title
  std::string file;                   // file the article was read from
  bool exact = false;                 // who-said: the normalised text matched exactly
};

struct QuoteQuery {
  std::string speaker;             // a name or alias; folded for case and diacritics
  std::string source;              // source name or domain
  int64_t from_days = kUnknownDate;  // inclusive; kUnknownDate = no bound
  int64_t to_days = kUnknownDate;    // inclusive; kUnknownDate = no bound
  std::string text;                // words the statement must contain
  size_t limit = 100;
};

// One speaker of a registry: canonical name, other names, optional Wikidata id.
struct RegistryEntry {
  std::string name;
  std::vector<std::string> aliases;
  std::string wikidata_qid;
  SpeakerKind kind = SpeakerKind::kPerson;
};

struct RegistryResult {
  size_t speakers_new = 0;
  size_t speakers_updated = 0;
  size_t aliases = 0;  // alias keys written
};

struct Stats {
  Counters counters;
  uint32_t schema_version = 0;
};

class DB {
 public:
  // Opens (creating when missing and options.create_if_missing) the database in `dir`.
  // Errors: Busy when another process holds it; InvalidArgument when `dir` holds something
  // that is not a quotedb database; NotSupported when it was written by a newer schema version;
  // IOError otherwise. The caller owns the returned DB.
  static Result<std::unique_ptr<DB>> Open(const std::string& dir, const Options& options);

  DB() = default;
  DB(const DB&) = delete;
  DB& operator=(const DB&) = delete;
  virtual ~DB() = default;

  // Stores one article, its statements, speakers and every index entry in ONE atomic write.
  // `article.id` is computed when zero (XXH3-128 of the URL, else of the normalised text).
  // An article already stored is left untouched and reported as kUnchanged.
  virtual Result<ImportResult> ImportArticle(const Article& article,
                                             const std::vector<ExtractedQuote>& quotes) = 0;

  // Makes every import so far durable (syncs the write-ahead log).
  virtual Status Sync() = 0;

  // Statements matching `query`, newest first. Empty when nothing matches.
  virtual Result<std::vector<StatementHit>> Quotes(const QuoteQuery& query) = 0;

  // Who said `text`: statements whose normalised text equals it (exact, via the content hash)
  // first, then statements that contain its words in order. Empty when nothing matches.
  virtual Result<std::vector<StatementHit>> WhoSaid(std::string_view text, size_t limit) = 0;

  // Speakers whose name or an alias equals or starts with `name` (folded); every speaker when
  // `name` is empty. Most quoted first.
  virtual Result<std::vector<Speaker>> FindSpeakers(std::string_view name, size_t limit) = 0;

  // The article with `id`, with its text when `with_text`. NotFound when absent.
  virtual Result<Article> GetArticle(const ArticleId& id, bool with_text) = 0;

  virtual Result<Stats> GetStats() = 0;

  // Calls `fn` for every stored statement, in key order (article id, then ordinal), under one
  // snapshot; stops early when `fn` returns false. For exports, reports and checks.
  virtual Status ForEachStatement(const std::function<bool(const StatementHit&)>& fn) = 0;

  // Stores a speaker registry (quotedb speakers import): each entry's speaker (id from its
  // canonical name) gets the name, kind, aliases and Wikidata id, and every alias resolves to
  // it, in queries at once and in every later import (an alias then names that speaker instead
  // of a speaker of its own). Entries for speakers already stored update them. One atomic
  // write. Fails with InvalidArgument for an entry without a name.
  virtual Result<RegistryResult> PutSpeakerRegistry(const std::vector<RegistryEntry>& entries) = 0;

  // The directory this database lives in.
  virtual const std::string& dir() const = 0;
};

}  // namespace quotedb

#endif  // QUOTEDB_DB_H_
