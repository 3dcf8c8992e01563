// fts5_peer: the peer a user would pick instead of quotedb. Builds an SQLite FTS5 table of the
// same article files quotedb imports (headline and body, one row per file), in one
// transaction, the way a careful user would. Prints the seconds it took.
//
//   fts5_peer DB_FILE PATH...        (folders are read recursively, like quotedb import)
#include <sqlite3.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace fs = std::filesystem;

int main(int argc, char** argv) {
  if (argc < 3) {
    std::fprintf(stderr, "usage: fts5_peer DB_FILE PATH...\n");
    return 2;
  }
  auto start = std::chrono::steady_clock::now();
  std::vector<std::string> files;
  for (int i = 2; i < argc; ++i) {
    if (fs::is_directory(argv[i])) {
      for (const auto& e : fs::recursive_directory_iterator(argv[i]))
        if (e.is_regular_file()) files.push_back(e.path().string());
    } else {
      files.push_back(argv[i]);
    }
  }
  std::sort(files.begin(), files.end());
  fs::remove(argv[1]);
  sqlite3* db = nullptr;
  if (sqlite3_open(argv[1], &db) != SQLITE_OK) {
    std::fprintf(stderr, "fts5_peer: cannot open %s\n", argv[1]);
    return 3;
  }
  char* err = nullptr;
  if (sqlite3_exec(db,
                   "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;"
                   "CREATE VIRTUAL TABLE articles USING fts5(path UNINDEXED, title, body);"
                   "BEGIN;",
                   nullptr, nullptr, &err) != SQLITE_OK) {
    std::fprintf(stderr, "fts5_peer: %s\n", err);
    return 3;
  }
  sqlite3_stmt* ins = nullptr;
  sqlite3_prepare_v2(db, "INSERT INTO articles(path, title, body) VALUES (?, ?, ?)", -1, &ins,
                     nullptr);
  size_t bytes = 0;
  for (const auto& f : files) {
    std::ifstream in(f, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    std::string text = ss.str();
    bytes += text.size();
    size_t nl = text.find('\n');
    std::string title = text.substr(0, nl == std::string::npos ? text.size() : nl);
    std::string body = nl == std::string::npos ? "" : text.substr(nl + 1);
    sqlite3_bind_text(ins, 1, f.c_str(), -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(ins, 2, title.c_str(), static_cast<int>(title.size()), SQLITE_TRANSIENT);
    sqlite3_bind_text(ins, 3, body.c_str(), static_cast<int>(body.size()), SQLITE_TRANSIENT);
    if (sqlite3_step(ins) != SQLITE_DONE) {
      std::fprintf(stderr, "fts5_peer: insert failed: %s\n", sqlite3_errmsg(db));
      return 3;
    }
    sqlite3_reset(ins);
  }
  sqlite3_finalize(ins);
  sqlite3_exec(db, "COMMIT;", nullptr, nullptr, nullptr);
  sqlite3_close(db);
  double secs =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::printf("fts5_peer: %zu files, %.1f MB in %.3fs\n", files.size(), bytes / 1e6, secs);
  return 0;
}
