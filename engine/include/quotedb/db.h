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
#include "quotedb/similarity.h"
#include "quotedb/status.h"

namespace quotedb {

struct Options {
  bool create_if_missing = true;
  // Open without taking the write lock, as a RocksDB secondary instance (safe beside a running
  // import; see CatchUp()); every write method then fails with NotSupported.
  bool read_only = false;
  // One LRU block cache shared by every column family.
  size_t block_cache_bytes = 64u << 20;
  // Queries keep the speakers' and sources' names, article heads and syndication groups of
  // their hits decoded in memory, up to about this many bytes (cleared whole when full, and
  // on every write); 0 reads them from the store every time.
  size_t hit_cache_bytes = 16u << 20;
  // fsync the write-ahead log after every article. Off by default: the WAL is synced by
  // Sync() (the importer calls it at the end of a run), so a power cut can lose the articles
  // imported since the last Sync(), never half an article.
  bool sync_every_write = false;
  // Imported articles are written in commits of whole articles: one WriteBatch once this many
  // are pending (or 12 MiB of entries, or one second's worth; and at Sync(), before a read, on
  // close), by a thread beside the import. A process killed mid-import loses at most the
  // commit being written and the one being staged, which a resumed import writes again.
  // Smaller commits lose less and import more slowly.
  size_t commit_articles = 2048;
  // A database created with this set also indexes every two adjacent common words of a
  // statement ("of the", "that a") as one term, so who-said finds a phrase of common words
  // from the pairs' short posting lists rather than by walking the words' long ones (BBC:
  // the terms family about a fifth larger). Read only when the database is created; an
  // existing database keeps what it was created with (meta/word_pairs, schema/FORMAT.md).
  bool index_word_pairs = true;
  // Opened for a bulk import (`quotedb import` sets it): the index and filter blocks of the
  // families an import writes but never reads (statements, bodies, claims, terms, lsh, the
  // date-ordered indexes) are read through the block cache instead of being held by their
  // tables' readers, so they do not add to the import's memory as the database grows (BBC x80:
  // peak RSS 179 -> 170 MiB, the import's time unchanged). Queries in such a process pay for
  // it: exact who-said 8-15% slower at p50 (docs/performance.md, session 17).
  bool bulk_import = false;
};

enum class ImportOutcome { kNew, kUnchanged };

struct ImportResult {
  ImportOutcome outcome = ImportOutcome::kNew;
  ArticleId id;
  uint32_t statements = 0;  // statements stored (or already stored, when unchanged)
};

// What an import computes from an article alone, before it touches the database: the article
// with its id, source id, body hash and size filled in, each quote's content hash, and the
// MinHash signature of its body for syndication (empty when the body is too short to say).
struct PreparedArticle {
  Article article;
  std::vector<Hash128> content_hashes;  // parallel to the quotes
  std::vector<uint32_t> body_signature;
};
// Pure and thread-safe (engine/store/prepare.cc).
PreparedArticle PrepareArticle(Article article, const std::vector<ExtractedQuote>& quotes);

// A statement with what a reader needs to see it: speaker names, source, article link.
struct StatementHit {
  Statement statement;
  std::vector<std::string> speakers;  // display names, parallel to statement.speaker_ids
  std::string source;                 // source name, "" when unknown
  std::string url;                    // article URL, "" when unknown
  std::string title;                  // article title
  std::string file;                   // file the article was read from
  bool exact = false;                 // who-said: the normalised text matched exactly
  // Syndication: copies of this statement in near-identical articles (one wire story reprinted
  // by several outlets) are folded into one hit. `sources` lists every outlet that carried it
  // (empty when the statement was not folded: then it is just `source`); `copies` holds the
  // statement ids ("article:ordinal") of the folded copies.
  std::vector<std::string> sources;
  std::vector<std::string> copies;
};

// A statement with its claim frame (quotedb/claims.h).
struct ClaimHit {
  StatementHit hit;
  Claim claim;
};

struct QuoteQuery {
  std::string speaker;             // a name or alias; folded for case and diacritics
  std::string source;              // source name or domain
  int64_t from_days = kUnknownDate;  // inclusive; kUnknownDate = no bound
  int64_t to_days = kUnknownDate;    // inclusive; kUnknownDate = no bound
  std::string text;                // words the statement must contain
  size_t limit = 100;
};

// Attribution cross-checks (DB::Check, DB::AttributionReport).
enum class Verdict : uint8_t {
  kConfirmed,     // the words are stored, given to the claimed speaker (or to one speaker)
  kMisattributed,  // the words are stored, given to other (or several) speakers
  kAltered,        // only near variants of the words are stored
  kNotFound,
};
const char* VerdictName(Verdict verdict);  // "confirmed", "misattributed", "altered", "not-found"

struct CheckOptions {
  std::string speaker;          // the claimed speaker (a name or alias); empty = none claimed
  double min_similarity = 0.6;  // word similarity a variant needs (quotedb/similarity.h)
  size_t max_variants = 20;
};

// One attribution of some words: a speaker (or group) with where and when they were reported.
struct SpeakerEvidence {
  std::vector<SpeakerId> ids;     // empty for unattributed statements
  std::string name;               // display name ("Washington and Seoul" for a group)
  bool claimed = false;           // matches CheckOptions::speaker
  std::vector<std::string> sources;  // distinct outlets, in the order first seen
  size_t statements = 0;          // statements, syndicated copies included
  size_t independent = 0;         // independent reports: syndicated copies count once
  int64_t first_seen = kUnknownDate;
  int64_t last_seen = kUnknownDate;
};

struct VariantHit {
  StatementHit hit;
  WordDiff diff;  // from the checked words (or the finding's main wording) to this statement
};

struct CheckResult {
  Verdict verdict = Verdict::kNotFound;
  // Attributions of the exact words, strongest first (of the variants when there are none).
  std::vector<SpeakerEvidence> speakers;
  std::vector<StatementHit> statements;  // exact matches, syndicated copies folded, oldest first
  std::vector<VariantHit> variants;      // near variants, most similar first
};

struct AttributionFinding {
  enum class Kind : uint8_t { kMisattributed, kAltered };
  Kind kind = Kind::kMisattributed;
  double score = 0;  // 0..1, strongest first
  std::string text;  // the wording the finding is about
  // kMisattributed: the competing attributions of `text`; kAltered: who said each wording.
  std::vector<SpeakerEvidence> speakers;
  std::vector<StatementHit> statements;  // statements with `text` (copies folded)
  std::vector<VariantHit> variants;      // kAltered: the other wordings, diffed against `text`
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

// What DB::Verify found. `problems` lists the first problems found (up to the limit asked
// for); `problem_count` counts all of them.
struct VerifyReport {
  bool ok() const { return problem_count == 0; }
  uint64_t problem_count = 0;
  std::vector<std::string> problems;
  std::vector<std::pair<std::string, uint64_t>> keys_per_family;  // column family -> keys
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
  Result<ImportResult> ImportArticle(const Article& article,
                                     const std::vector<ExtractedQuote>& quotes) {
    return ImportPrepared(PrepareArticle(article, quotes), quotes);
  }
  // The same for an article made ready by PrepareArticle (on any thread: the importer's
  // extraction workers do it, so the one writer does not).
  virtual Result<ImportResult> ImportPrepared(PreparedArticle&& article,
                                              const std::vector<ExtractedQuote>& quotes) = 0;

  // Makes every import so far durable (syncs the write-ahead log).
  virtual Status Sync() = 0;

  // A read-only handle (a RocksDB secondary instance beside a running import) sees what the
  // writer had committed when it was opened; CatchUp() brings it up to what the writer has
  // committed now, whole articles only. A no-op on the writer.
  virtual Status CatchUp() = 0;

  // Statements matching `query`, newest first. Empty when nothing matches.
  virtual Result<std::vector<StatementHit>> Quotes(const QuoteQuery& query) = 0;

  // Who said `text`: statements whose normalised text equals it (exact, via the content hash)
  // first, then statements that hold its words in a row (words as IndexTerms gives them: case,
  // punctuation and accents aside), in statement-key order. Empty when nothing matches.
  virtual Result<std::vector<StatementHit>> WhoSaid(std::string_view text, size_t limit) = 0;

  // Speakers whose name or an alias equals or starts with `name` (folded); every speaker when
  // `name` is empty. Most quoted first.
  virtual Result<std::vector<Speaker>> FindSpeakers(std::string_view name, size_t limit) = 0;

  // The article with `id`, with its text when `with_text`. NotFound when absent.
  virtual Result<Article> GetArticle(const ArticleId& id, bool with_text) = 0;

  virtual Result<Stats> GetStats() = 0;

  // Checks the whole database under one snapshot: every value decodes, every index entry points
  // to a record, every record has all its index entries, the counters match. Problems are
  // findings in the report, not errors; an error means the check itself could not run.
  virtual Result<VerifyReport> Verify(size_t max_problems) = 0;

  // Rewrites every column family into one sorted run (RocksDB CompactRange), so a lookup reads
  // one table per family instead of one per commit an import ingested. Queries keep working
  // meanwhile; its cost is about that of writing the database once. NotSupported read-only.
  virtual Status Compact() = 0;

  // Calls `fn` for every stored statement, in key order (article id, then ordinal), under one
  // snapshot; stops early when `fn` returns false. For exports, reports and checks.
  virtual Status ForEachStatement(const std::function<bool(const StatementHit&)>& fn) = 0;

  // Calls `fn` for every stored article (metadata, without its text), in id order, under one
  // snapshot; stops early when `fn` returns false. Exports use it for articles that hold no
  // statement.
  virtual Status ForEachArticle(const std::function<bool(const Article&)>& fn) = 0;

  // Cross-checks `text` against everything stored: the exact words (by content hash) and their
  // near variants (MinHash LSH, verified by word similarity). See Verdict for the outcome;
  // kNotFound is a result, not an error. InvalidArgument when `text` has no words.
  virtual Result<CheckResult> Check(std::string_view text, const CheckOptions& options) = 0;

  // Every misattribution (the same words given to different speakers) and altered quote (near
  // variants of one quote) in the database, strongest first, at most `limit` (0: all). Built
  // from scans of the content and LSH indexes, not from comparing all pairs.
  virtual Result<std::vector<AttributionFinding>> AttributionReport(size_t limit) = 0;

  // Claims (engine/store/claims_read.cc; reports over them in quotedb/claims.h).
  // The claim frame of statement (article, ordinal); NotFound when absent.
  virtual Result<Claim> GetClaim(const ArticleId& article, uint32_t ordinal) = 0;
  // Statements indexed under `proposition_key` in by_prop (both polarities), with their
  // claims, in key order (affirmations first); at most `limit` (0: all).
  virtual Result<std::vector<ClaimHit>> ClaimsByProposition(uint64_t proposition_key,
                                                            size_t limit) = 0;
  // Calls `fn` once per proposition key in by_prop, in key order, with its statements (at most
  // `max_group`), under one snapshot; stops early when `fn` returns false. One pass over the
  // index: the contradiction report's candidate generator.
  virtual Status ForEachProposition(
      size_t max_group, const std::function<bool(uint64_t, std::vector<ClaimHit>&)>& fn) = 0;

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
