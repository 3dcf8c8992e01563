#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <filesystem>
#include <mutex>
#include <thread>

#include "quotedb/import.h"

namespace quotedb {
namespace {

struct FileResult {
  bool ready = false;
  Status error;
  uint64_t bytes = 0;
  std::vector<Article> articles;
  std::vector<std::vector<ExtractedQuote>> quotes;
  std::vector<std::string> warnings;
};

}  // namespace

Result<ImportSummary> ImportPaths(DB* db, const std::vector<std::string>& paths,
                                  const ImportOptions& options, const ProgressFn& progress,
                                  const WarningFn& warn) {
  auto start = std::chrono::steady_clock::now();
  auto files = ListInputFiles(paths);
  if (!files.ok()) return files.status();
  const size_t n = files->size();

  ImportSummary summary;
  summary.files = n;
  ImportProgress prog;
  prog.files_total = n;
  for (const auto& f : *files) {
    std::error_code ec;
    auto size = std::filesystem::file_size(f, ec);
    if (!ec) prog.bytes_total += size;
  }

  unsigned threads = options.threads ? options.threads : std::thread::hardware_concurrency();
  threads = std::clamp(threads, 1u, 16u);
  // Results wait here until the writer takes them, at most `window` files ahead of it, so
  // memory stays flat however large the input.
  const size_t window = 64;
  std::vector<FileResult> slots(n);
  std::mutex mu;
  std::condition_variable ready_cv, space_cv;
  size_t written = 0;
  std::atomic<size_t> next{0};
  std::atomic<bool> stop{false};

  auto worker = [&] {
    while (!stop.load()) {
      size_t i = next.fetch_add(1);
      if (i >= n) return;
      {
        std::unique_lock<std::mutex> lock(mu);
        space_cv.wait(lock, [&] { return stop.load() || i < written + window; });
        if (stop.load()) return;
      }
      FileResult r;
      auto records = ReadRecords((*files)[i], options.reader,
                                 [&](const std::string& w) { r.warnings.push_back(w); });
      if (!records.ok()) {
        r.error = records.status();
      } else {
        for (ReadRecord& rec : *records) {
          r.bytes += rec.article.text.size();
          // Quotebank files and statement tables carry their statements: nothing to extract.
          r.quotes.push_back(rec.quotes_given ? std::move(rec.quotes)
                                              : ExtractQuotes(rec.article.text, options.extract));
          r.articles.push_back(std::move(rec.article));
        }
      }
      std::lock_guard<std::mutex> lock(mu);
      r.ready = true;
      slots[i] = std::move(r);
      ready_cv.notify_all();
    }
  };
  std::vector<std::thread> pool;
  for (unsigned t = 0; t < threads; ++t) pool.emplace_back(worker);

  Status failure;
  for (size_t i = 0; i < n; ++i) {
    FileResult r;
    {
      std::unique_lock<std::mutex> lock(mu);
      ready_cv.wait(lock, [&] { return slots[i].ready; });
      r = std::move(slots[i]);
      slots[i] = FileResult{};
    }
    for (const auto& w : r.warnings) {
      ++summary.warnings;
      if (warn) warn(w);
    }
    if (!r.error.ok()) {
      ++summary.files_failed;
      summary.failures.push_back(r.error.message());
    } else {
      for (size_t k = 0; k < r.articles.size(); ++k) {
        auto res = db->ImportArticle(r.articles[k], r.quotes[k]);
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
      summary.bytes += r.bytes;
    }
    {
      std::lock_guard<std::mutex> lock(mu);
      written = i + 1;
      space_cv.notify_all();
    }
    if (!failure.ok()) break;
    prog.files_done = i + 1;
    std::error_code ec;
    auto size = std::filesystem::file_size((*files)[i], ec);
    if (!ec) prog.bytes_done += size;
    prog.articles_new = summary.articles_new;
    prog.articles_unchanged = summary.articles_unchanged;
    if (progress) progress(prog);
  }
  {
    std::lock_guard<std::mutex> lock(mu);
    stop.store(true);
    space_cv.notify_all();
  }
  for (auto& t : pool) t.join();
  Status synced = db->Sync();
  if (!failure.ok()) return failure;
  if (!synced.ok()) return synced;
  summary.seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return summary;
}

}  // namespace quotedb
