// extract_bench: extraction alone, in MB/s of article text on one core.
//
//   extract_bench [--runs N] PATH...   (folders recursively; default ../shared/corpus/bbc)
// Reads every file into memory first (transcoding non-UTF-8 as import does), then runs
// ExtractQuotes over all of them N times on one thread and prints each run and the median.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <string>
#include <vector>

#include "quotedb/extract.h"
#include "quotedb/reader.h"

int main(int argc, char** argv) {
  int runs = 5;
  std::vector<std::string> paths;
  for (int i = 1; i < argc; ++i) {
    if (std::strcmp(argv[i], "--runs") == 0 && i + 1 < argc) runs = std::atoi(argv[++i]);
    else paths.push_back(argv[i]);
  }
  if (paths.empty()) paths.push_back("../shared/corpus/bbc");
  if (!std::filesystem::exists(paths[0])) {
    std::printf("extract_bench: %s is absent; skipping\n", paths[0].c_str());
    return 0;
  }
  auto files = quotedb::ListInputFiles(paths);
  if (!files.ok()) {
    std::fprintf(stderr, "extract_bench: %s\n", files.status().message().c_str());
    return 2;
  }
  std::vector<std::string> texts;
  size_t bytes = 0;
  for (const auto& f : *files) {
    auto t = quotedb::ReadArticlesForExtraction(f, nullptr);
    if (!t.ok()) continue;
    for (auto& s : *t) {
      bytes += s.size();
      texts.push_back(std::move(s));
    }
  }
  std::vector<double> rates;
  size_t quotes = 0;
  for (int r = 0; r < runs; ++r) {
    auto start = std::chrono::steady_clock::now();
    quotes = 0;
    for (const auto& t : texts) quotes += quotedb::ExtractQuotes(t).size();
    double secs =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    rates.push_back(bytes / 1e6 / secs);
    std::printf("run %d: %.2f MB in %.3fs = %.1f MB/s (%zu quotes)\n", r + 1, bytes / 1e6, secs,
                rates.back(), quotes);
  }
  std::sort(rates.begin(), rates.end());
  std::printf("extract_bench: median %.1f MB/s over %d runs, %zu articles, one thread\n",
              rates[rates.size() / 2], runs, texts.size());
  return 0;
}
