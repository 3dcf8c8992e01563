#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <filesystem>
#include <functional>
#include <memory>
#include <mutex>
#include <thread>

#include "quotedb/import.h"

namespace quotedb {
namespace {

// A file's records travel from its worker to the writer in batches of a few dozen articles,
// at most kMaxQueued batches per file in flight, so a multi-gigabyte WARC or Quotebank dump
// streams through in flat memory.
constexpr size_t kBatchArticles = 64;
constexpr size_t kMaxQueued = 4;
// ... and at most ImportOptions::queue_bytes of memory in queued batches over all files, except
// for the file the writer is reading (so it can always go on; kMaxQueued bounds it). Within it,
// workers run as far ahead as the files allow: while the writer writes a commit, they go on
// extracting instead of waiting. The budget counts what a batch holds (QueuedBytes), not its
// text alone: a prepared article takes 2-4 times its text.

// Heap bytes a string or vector holds, with malloc's per-block overhead: an estimate, close
// enough to bound memory by.
constexpr uint64_t kBlockOverhead = 16;
uint64_t HeapBytes(const std::string& s) {
  return s.capacity() > 15 ? s.capacity() + 1 + kBlockOverhead : 0;  // 15: the SSO buffer
}
template <typename T>
uint64_t HeapBytes(const std::vector<T>& v) {
  return v.capacity() ? v.capacity() * sizeof(T) + kBlockOverhead : 0;
}

}  // namespace

unsigned DefaultImportThreads() {
  // Half the cores: the writer, the database's indexer and committer (write.cc) take about 60%
  // of an import's CPU and extraction the rest, and the writer, one thread, sets the pace. With
  // one worker per core the workers held a core the writer needed: on 2 cores, one worker
  // imported BBC x10 in 0.86 of the time two took (docs/performance.md, session 14).
  return std::max(1u, std::thread::hardware_concurrency() / 2);
}

uint64_t QueuedBytes(const PreparedArticle& a, const std::vector<ExtractedQuote>& quotes) {
  uint64_t n = sizeof(PreparedArticle) + sizeof(std::vector<ExtractedQuote>);
  const Article& art = a.article;
  n += HeapBytes(art.text) + HeapBytes(art.url) + HeapBytes(art.title) +
       HeapBytes(art.source_name) + HeapBytes(art.authors) + HeapBytes(art.provenance.file) +
       HeapBytes(art.provenance.warc_record_id) +
       HeapBytes(a.content_hashes) + HeapBytes(a.body_signature);
  for (const auto& author : art.authors) n += HeapBytes(author);
  n += HeapBytes(quotes);
  for (const auto& q : quotes) {
    n += HeapBytes(q.text) + HeapBytes(q.spans) + HeapBytes(q.cue) +
         HeapBytes(q.speaker_mention) + HeapBytes(q.speaker) + HeapBytes(q.speakers);
    for (const auto& m : q.speakers)
      n += HeapBytes(m.name) + HeapBytes(m.title) + HeapBytes(m.affiliation) +
           HeapBytes(m.wikidata_qid);
  }
  return n;
}

namespace {

struct Batch {
  size_t worker = 0;  // the worker that made it, and frees it once the writer is done with it
  uint64_t bytes = 0;         // article text, for the summary
  uint64_t queued_bytes = 0;  // memory held (QueuedBytes), for the queue's budget
  uint64_t last_offset = 0;  // provenance offset of the last record: progress within a file
  std::vector<PreparedArticle> articles;  // made ready on the worker (PrepareArticle)
  std::vector<std::vector<ExtractedQuote>> quotes;
  std::vector<std::string> warnings;
};

struct FileSlot {
  std::string path;    // set by the worker that takes the file, before anything else
  uint64_t size = 0;   // its size in bytes, 0 when unknown
  std::deque<Batch> batches;
  bool done = false;  // the worker has finished with the file
  Status error;       // why the file failed (records before the failure are imported)
};

}  // namespace

namespace {

// The import itself. `open_db` gives the database to write to; it is called on this thread
// once the workers have started, so that opening a database (creating one syncs its manifest
// once per column family: about 30 ms) overlaps the reading and extraction of the first files.
Result<ImportSummary> Import(const std::function<Result<DB*>()>& open_db,
                             const std::vector<std::string>& paths, const ImportOptions& options,
                             const ProgressFn& progress, const WarningFn& warn) {
  auto start = std::chrono::steady_clock::now();
  // The files are walked twice, never listed whole: once here for the totals that progress
  // reports (and to fail on a missing path before anything is written), then by the workers,
  // each taking the next file as it starts one. A list of 178,000 paths and their sizes kept
  // 20 MB for the import's whole length (docs/performance.md, session 16).
  ImportSummary summary;
  ImportProgress prog;
  {
    InputFileWalker count(paths);
    std::string path;
    while (true) {
      auto more = count.Next(&path);
      if (!more.ok()) return more.status();
      if (!*more) break;
      ++prog.files_total;
      std::error_code ec;
      auto size = std::filesystem::file_size(path, ec);
      if (!ec) prog.bytes_total += size;
    }
  }
  const size_t n = prog.files_total;  // as counted: files may come or go before they are read

  unsigned threads = options.threads ? options.threads : DefaultImportThreads();
  threads = std::clamp(threads, 1u, 16u);
  // Results wait here until the writer takes them, at most `window` files (files_ahead) and
  // options.queue_bytes of memory ahead of it, so memory stays flat however large the input.
  // File i waits in slot i % window, which the writer clears when it is done with file i - window:
  // a slot per input file (a deque each) took 11 MB and 37 MB more for 89,000 files (heaptrack).
  const size_t window = std::clamp<size_t>(std::min(options.files_ahead, n), 1, 1u << 20);
  std::vector<FileSlot> ring(window);
  auto slot = [&](size_t i) -> FileSlot& { return ring[i % window]; };
  std::mutex mu;
  std::condition_variable ready_cv, space_cv;
  size_t written = 0;
  uint64_t queued_bytes = 0;  // QueuedBytes of the batches not yet taken by the writer
  // Guarded by mu: the walk the workers take files from, in order, how many they took, and
  // whether it ended (walk_error: why, if it failed).
  InputFileWalker walker(paths);
  size_t taken = 0;
  bool walk_done = false;
  Status walk_error;
  std::atomic<bool> stop{false};
  // Batches the writer is done with, by worker (guarded by mu): each is freed by the worker
  // that made it. A thread that frees memory another thread allocated takes that thread's
  // malloc arena lock, and the writer freeing the workers' batches kept them waiting on it.
  std::vector<std::vector<Batch>> used(threads);

  auto worker = [&](size_t w) {
    std::vector<Batch> garbage;
    std::string path;
    while (!stop.load()) {
      size_t i;
      {
        std::unique_lock<std::mutex> lock(mu);
        if (walk_done) return;
        auto more = walker.Next(&path);
        if (!more.ok() || !*more) {
          walk_done = true;
          if (!more.ok()) walk_error = more.status();
          ready_cv.notify_all();
          return;
        }
        i = taken++;
        space_cv.wait(lock, [&] { return stop.load() || i < written + window; });
        if (stop.load()) return;
      }
      std::error_code ec;
      uint64_t size = std::filesystem::file_size(path, ec);
      {
        std::lock_guard<std::mutex> lock(mu);
        slot(i).path = path;
        slot(i).size = ec ? 0 : size;
      }
      Batch cur;
      cur.worker = w;
      // Hands `cur` to the writer, waiting while this file already has kMaxQueued batches
      // queued. Fails once the import stops, which makes the reader stop too.
      auto hand_over = [&]() -> Status {
        std::unique_lock<std::mutex> lock(mu);
        space_cv.wait(lock, [&] {
          return stop.load() || (slot(i).batches.size() < kMaxQueued &&
                                 (i == written || queued_bytes < options.queue_bytes));
        });
        if (stop.load()) return Status::Busy("import stopped");
        queued_bytes += cur.queued_bytes;
        slot(i).batches.push_back(std::move(cur));
        cur = Batch{};
        cur.worker = w;
        ready_cv.notify_all();
        garbage.swap(used[w]);
        lock.unlock();
        garbage.clear();
        return Status::OK();
      };
      Status s = ReadRecordsStreaming(
          path, options.reader, [&](const std::string& w) { cur.warnings.push_back(w); },
          [&](ReadRecord&& rec) -> Status {
            cur.bytes += rec.article.text.size();
            cur.last_offset = rec.article.provenance.offset;
            // Quotebank files and statement tables carry their statements: nothing to extract.
            cur.quotes.push_back(rec.quotes_given
                                     ? std::move(rec.quotes)
                                     : ExtractQuotes(rec.article.text, options.extract));
            cur.articles.push_back(PrepareArticle(std::move(rec.article), cur.quotes.back()));
            cur.queued_bytes += QueuedBytes(cur.articles.back(), cur.quotes.back());
            return cur.articles.size() >= kBatchArticles ? hand_over() : Status::OK();
          });
      if (!cur.articles.empty() || !cur.warnings.empty()) {
        Status h = hand_over();
        if (s.ok()) s = h;
      }
      std::unique_lock<std::mutex> lock(mu);
      slot(i).done = true;
      slot(i).error = s;
      ready_cv.notify_all();
      garbage.swap(used[w]);
      lock.unlock();
      garbage.clear();
    }
  };
  std::vector<std::thread> pool;
  for (unsigned t = 0; t < threads; ++t) pool.emplace_back(worker, t);
  auto stop_workers = [&] {
    {
      std::lock_guard<std::mutex> lock(mu);
      stop.store(true);
      space_cv.notify_all();
    }
    for (auto& t : pool) t.join();
  };
  auto opened = open_db();
  if (!opened.ok()) {
    stop_workers();
    return opened.status();
  }
  DB* const db = *opened;

  Status failure;
  Batch b;  // the last batch taken, handed back to its worker with the next lock
  for (size_t i = 0; failure.ok(); ++i) {
    const uint64_t bytes_before = prog.bytes_done;
    // Whether the walk has a file i: wait until a worker took it or the walk ended.
    uint64_t file_size = 0;
    std::string name;
    {
      std::unique_lock<std::mutex> lock(mu);
      ready_cv.wait(lock, [&] {
        return !slot(i).batches.empty() || slot(i).done || (walk_done && taken <= i);
      });
      if (slot(i).batches.empty() && !slot(i).done) {
        if (!walk_error.ok()) failure = walk_error;
        break;
      }
      file_size = slot(i).size;  // set by the worker before its batches and `done`
      name = slot(i).path;
    }
    summary.files = i + 1;
    prog.files_total = std::max(prog.files_total, i + 1);
    auto ends = [&](std::string_view suffix) {
      return name.size() >= suffix.size() &&
             name.compare(name.size() - suffix.size(), suffix.size(), suffix) == 0;
    };
    const bool decompressed_offsets = ends(".bz2") || (ends(".gz") && !ends(".warc.gz"));
    while (failure.ok()) {
      Status file_error;
      bool file_done = false;
      {
        std::unique_lock<std::mutex> lock(mu);
        if (!b.articles.empty() || !b.warnings.empty()) used[b.worker].push_back(std::move(b));
        b = Batch{};
        ready_cv.wait(lock, [&] { return !slot(i).batches.empty() || slot(i).done; });
        if (!slot(i).batches.empty()) {
          b = std::move(slot(i).batches.front());
          slot(i).batches.pop_front();
          queued_bytes -= b.queued_bytes;
          space_cv.notify_all();
        } else {
          file_done = true;
          file_error = slot(i).error;
        }
      }
      if (file_done) {
        if (!file_error.ok()) {
          ++summary.files_failed;
          summary.failures.push_back(file_error.message());
        }
        break;
      }
      for (const auto& w : b.warnings) {
        ++summary.warnings;
        if (warn) warn(w);
      }
      for (size_t k = 0; k < b.articles.size(); ++k) {
        auto res = db->ImportPrepared(std::move(b.articles[k]), b.quotes[k]);
        if (!res.ok()) {
          failure = res.status();
          break;
        }
        if (res->outcome == ImportOutcome::kNew) {
          ++summary.articles_new;
          summary.statements_new += res->statements;
        } else {
          ++summary.articles_unchanged;
        }
      }
      summary.bytes += b.bytes;
      // Progress within a long file too: the rate and counts move with every batch, and the
      // bytes too where record offsets are offsets in the file as stored (not for .bz2 or
      // plain .gz, whose offsets count decompressed bytes).
      if (file_size > 0 && b.last_offset <= file_size && !decompressed_offsets)
        prog.bytes_done = bytes_before + b.last_offset;
      prog.articles_new = summary.articles_new;
      prog.articles_unchanged = summary.articles_unchanged;
      if (progress && failure.ok()) progress(prog);
    }
    {
      std::lock_guard<std::mutex> lock(mu);
      slot(i) = FileSlot{};  // for file i + window (batches left by a failure are dropped)
      written = i + 1;
      space_cv.notify_all();
    }
    if (!failure.ok()) break;
    prog.files_done = i + 1;
    prog.bytes_done = bytes_before + file_size;
    prog.articles_new = summary.articles_new;
    prog.articles_unchanged = summary.articles_unchanged;
    if (progress) progress(prog);
  }
  stop_workers();
  Status synced = db->Sync();
  if (!failure.ok()) return failure;
  if (!synced.ok()) return synced;
  summary.seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return summary;
}

}  // namespace

Result<ImportSummary> ImportPaths(DB* db, const std::vector<std::string>& paths,
                                  const ImportOptions& options, const ProgressFn& progress,
                                  const WarningFn& warn) {
  return Import([db]() -> Result<DB*> { return db; }, paths, options, progress, warn);
}

Result<ImportSummary> ImportPaths(const std::string& db_dir, const Options& db_options,
                                  const std::vector<std::string>& paths,
                                  const ImportOptions& options, const ProgressFn& progress,
                                  const WarningFn& warn) {
  std::unique_ptr<DB> db;
  auto open = [&]() -> Result<DB*> {
    auto opened = DB::Open(db_dir, db_options);
    if (!opened.ok()) return opened.status();
    db = std::move(*opened);
    return db.get();
  };
  auto summary = Import(open, paths, options, progress, warn);
  db.reset();  // closes the database: what the import wrote is synced already
  return summary;
}

}  // namespace quotedb
