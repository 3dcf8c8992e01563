// Helpers shared by the store tests.
#ifndef QUOTEDB_TESTS_STORE_TEST_UTIL_H_
#define QUOTEDB_TESTS_STORE_TEST_UTIL_H_

#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <string>

#include "quotedb/extract.h"
#include "quotedb/records.h"

namespace quotedb::testing {

// A fresh directory under the system temp dir, removed on destruction.
struct TempDir {
  std::filesystem::path path;
  explicit TempDir(const std::string& tag = "qdb") {
    static std::atomic<int> counter{0};
    path = std::filesystem::temp_directory_path() /
           (tag + "-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
    std::filesystem::remove_all(path);
  }
  ~TempDir() { std::filesystem::remove_all(path); }
  std::string str() const { return path.string(); }
};

inline ExtractedQuote Quote(const std::string& text, const std::string& speaker,
                            SpeakerKind kind = SpeakerKind::kPerson) {
  ExtractedQuote q;
  q.text = text;
  q.spans = {{0, static_cast<uint32_t>(text.size())}};
  q.speaker = speaker;
  q.cue = "said";
  SpeakerMention m;
  m.name = speaker;
  m.kind = kind;
  if (!speaker.empty()) q.speakers.push_back(m);
  q.confidence = 0.9f;
  return q;
}

inline Article MakeArticle(const std::string& title, const std::string& body,
                           const std::string& source, int64_t date_days,
                           const std::string& url = "") {
  Article a;
  a.title = title;
  a.text = title + "\n" + body;
  a.source_name = source;
  a.date_days = date_days;
  a.url = url;
  return a;
}

}  // namespace quotedb::testing

#endif
