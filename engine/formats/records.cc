// ReadRecords: the one entry point the importer uses; dispatches on ResolveInputFormat.
#include <nlohmann/json.hpp>

#include "formats/formats_internal.h"

namespace quotedb {
namespace {

bool IsRecordFormat(const std::string& f) {
  return f == "html" || f == "warc" || f == "quotebank" || f == "statements" || f == "csv" ||
         f == "tsv";
}

// The first line of `head` as a JSON object, or a discarded value.
nlohmann::json FirstJsonLine(std::string_view head) {
  size_t b = head.find_first_not_of(" \t\r\n");
  if (b == std::string_view::npos || head[b] != '{') return nlohmann::json::value_t::discarded;
  size_t e = head.find('\n', b);
  if (e == std::string_view::npos) e = head.size();
  return nlohmann::json::parse(head.substr(b, e - b), nullptr, false);
}

// Sniffing reads the first 64 KB of a file whose name does not say its format.
constexpr size_t kSniffBytes = 64 << 10;

// ResolveInputFormat. When `whole` is not null and the file is uncompressed and no larger than
// what sniffing reads, it is read whole into *whole (and *have_whole set), so the plain-text
// reader needs no second read of it.
std::string ResolveFormat(const std::string& path, const std::string& requested,
                          std::string* whole, bool* have_whole) {
  using formats::EndsWith;
  if (requested != "auto" && !requested.empty()) return requested;
  std::string lower = formats::AsciiLower(path);
  if (EndsWith(lower, ".warc") || EndsWith(lower, ".warc.gz")) return "warc";
  std::string inner = lower;
  for (const char* z : {".gz", ".bz2"})
    if (EndsWith(inner, z)) inner.resize(inner.size() - std::string_view(z).size());
  bool compressed = inner.size() != lower.size();
  if (EndsWith(inner, ".html") || EndsWith(inner, ".htm") || EndsWith(inner, ".xhtml"))
    return "html";
  if (EndsWith(inner, ".csv")) return "csv";
  if (EndsWith(inner, ".tsv") || EndsWith(inner, ".tab")) return "tsv";
  Result<std::string> head = std::string();
  std::string_view h;
  if (whole && !compressed && formats::ReadWholeSmallFile(path, kSniffBytes, whole)) {
    *have_whole = true;
    h = *whole;  // a file of at most kSniffBytes: the head PeekInput would read
  } else {
    head = formats::PeekInput(path, kSniffBytes);
    if (!head.ok()) return compressed ? "jsonl" : "auto";
    h = *head;
  }
  size_t b = h.find_first_not_of(" \t\r\n");
  if (b != std::string_view::npos) {
    if (h.compare(b, 7, "WARC/1.") == 0) return "warc";
    if (h[b] == '<') {
      std::string l = formats::AsciiLower(h.substr(b, 4096));
      if (l.find("<html") != std::string::npos || l.find("<!doctype html") != std::string::npos)
        return "html";
    }
    nlohmann::json j = FirstJsonLine(h);
    if (j.is_object()) {
      if (j.contains("quoteID") && j.contains("quotation")) return "quotebank";
      if (j.contains("article") && (j.contains("quote") || (j.contains("record") && j["record"] == "article")))
        return "statements";
    }
  }
  return compressed ? "jsonl" : "auto";
}

}  // namespace

std::string ResolveInputFormat(const std::string& path, const std::string& requested) {
  return ResolveFormat(path, requested, nullptr, nullptr);
}

Status ReadRecordsStreaming(const std::string& path, const ReaderOptions& options,
                            const WarningFn& warn, const RecordSink& sink) {
  std::string whole;
  bool have_whole = false;
  const std::string format = ResolveFormat(path, options.format, &whole, &have_whole);
  if (format == "html") return formats::ReadHtmlFile(path, options, warn, sink);
  if (format == "warc") return formats::ReadWarcFile(path, options, warn, sink);
  if (format == "quotebank") return formats::ReadQuotebankFile(path, options, warn, sink);
  if (format == "statements") return formats::ReadStatementsFile(path, options, warn, sink);
  if (format == "csv") return formats::ReadTableFile(path, options, ',', warn, sink);
  if (format == "tsv") return formats::ReadTableFile(path, options, '\t', warn, sink);
  std::string lower = formats::AsciiLower(path);
  if (formats::EndsWith(lower, ".gz") || formats::EndsWith(lower, ".bz2"))
    return Status::InvalidArgument(path + ": compressed input is read for warc, html, csv, tsv, "
                                          "quotebank and statements only; decompress it first");
  // The plain reader (ReadArticles) resolves the format again and reads the file: a small file
  // read whole while sniffing goes to it directly (the same bytes ReadArticles would read).
  auto articles = have_whole && whole.size() <= options.max_file_bytes
                      ? formats::ReadArticlesFromBytes(path, std::move(whole), options, warn)
                      : ReadArticles(path, options, warn);
  if (!articles.ok()) return articles.status();
  for (Article& a : *articles) {
    ReadRecord r;
    r.article = std::move(a);
    QDB_RETURN_IF_ERROR(sink(std::move(r)));
  }
  return Status::OK();
}

Result<std::vector<ReadRecord>> ReadRecords(const std::string& path, const ReaderOptions& options,
                                            const WarningFn& warn) {
  std::vector<ReadRecord> out;
  Status s = ReadRecordsStreaming(path, options, warn, [&](ReadRecord&& r) {
    out.push_back(std::move(r));
    return Status::OK();
  });
  if (!s.ok()) return s;
  return out;
}

// Called by ReadArticles (reader.cc) so that every reader is reachable from it, e.g. by
// `quotedb extract page.html`. Returns false when `path` is for the plain reader.
bool ReadRecordFormatArticles(const std::string& path, const ReaderOptions& options,
                              const WarningFn& warn, Result<std::vector<Article>>* out) {
  if (!IsRecordFormat(ResolveInputFormat(path, options.format))) return false;
  std::vector<Article> articles;
  Status s = ReadRecordsStreaming(path, options, warn, [&](ReadRecord&& r) {
    articles.push_back(std::move(r.article));
    return Status::OK();
  });
  *out = s.ok() ? Result<std::vector<Article>>(std::move(articles)) : Result<std::vector<Article>>(s);
  return true;
}

}  // namespace quotedb
