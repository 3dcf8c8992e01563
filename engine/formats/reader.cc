// Plain-text and news-please JSON readers. See quotedb/reader.h.
#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "formats/formats_internal.h"
#include "quotedb/reader.h"
#include "quotedb/text.h"

namespace quotedb {
namespace {

namespace fs = std::filesystem;
using json = nlohmann::json;

bool EndsWith(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

std::string Lower(std::string_view s) {
  std::string r(s);
  for (char& c : r) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return r;
}

Result<std::string> ReadFileBytes(const std::string& path, uint64_t max_bytes) {
  std::error_code ec;
  if (fs::is_directory(path, ec)) return Status::InvalidArgument(path + ": is a directory");
  auto size = fs::file_size(path, ec);
  if (ec) return Status::InvalidArgument(path + ": cannot read (" + ec.message() + ")");
  if (size > max_bytes) {
    return Status::InvalidArgument(path + ": file is " + std::to_string(size >> 20) +
                                   " MiB, over the " + std::to_string(max_bytes >> 20) +
                                   " MiB limit for one file; split it or raise the limit");
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::InvalidArgument(path + ": cannot open for reading");
  std::string bytes(size, '\0');
  in.read(bytes.data(), static_cast<std::streamsize>(size));
  if (static_cast<uint64_t>(in.gcount()) != size)
    return Status::InvalidArgument(path + ": short read");
  return bytes;
}

// Returns UTF-8 text for `bytes`: as is when valid, else transcoded with a warning. A file with
// NUL bytes in its first 4 KiB is taken to be binary and refused.
Result<std::string> ToUtf8(const std::string& path, std::string bytes, const WarningFn& warn) {
  if (bytes.size() >= 3 && bytes.compare(0, 3, "\xEF\xBB\xBF") == 0) bytes.erase(0, 3);
  if (bytes.find('\0', 0) != std::string::npos &&
      bytes.find('\0') < std::min<size_t>(bytes.size(), 4096)) {
    return Status::InvalidArgument(path + ": binary file (NUL bytes), not an article");
  }
  if (IsValidUtf8(bytes)) return bytes;
  if (warn) warn(path + ": not valid UTF-8; read as Windows-1252/Latin-1 and transcoded");
  return TranscodeCp1252ToUtf8(bytes);
}

void SetDate(Article* a, const std::string& date) {
  ParsedDate d;
  if (!date.empty() && ParseDate(date, &d)) {
    a->date_days = d.days;
    // A time without a zone is no instant: keep the calendar date, mark the time unknown.
    a->time_seconds = d.zone_known ? d.time_seconds : -1;
    a->zone_known = d.zone_known;
    a->utc_offset_minutes = d.utc_offset_minutes;
  }
}

Result<Article> FromNewsPlease(const std::string& where, const json& j,
                               const ReaderOptions& options, const WarningFn& warn) {
  if (!j.is_object()) return Status::InvalidArgument(where + ": a record must be a JSON object");
  auto str = [&](const char* field, std::string* out) -> Status {
    auto it = j.find(field);
    if (it == j.end() || it->is_null()) return Status::OK();
    if (!it->is_string())
      return Status::InvalidArgument(where + ": field \"" + field + "\" must be a string");
    *out = it->get<std::string>();
    return Status::OK();
  };
  Article a;
  std::string title, body, date, domain, url;
  QDB_RETURN_IF_ERROR(str("title", &title));
  QDB_RETURN_IF_ERROR(str("maintext", &body));
  if (body.empty()) QDB_RETURN_IF_ERROR(str("text", &body));
  QDB_RETURN_IF_ERROR(str("date_publish", &date));
  QDB_RETURN_IF_ERROR(str("source_domain", &domain));
  QDB_RETURN_IF_ERROR(str("url", &url));
  if (auto it = j.find("authors"); it != j.end() && !it->is_null()) {
    if (!it->is_array())
      return Status::InvalidArgument(where + ": field \"authors\" must be an array of strings");
    for (const auto& x : *it)
      if (x.is_string()) a.authors.push_back(x.get<std::string>());
  }
  if (title.empty() && body.empty())
    return Status::InvalidArgument(where + ": record has neither \"title\" nor \"maintext\"");
  for (std::string* s : {&title, &body}) {
    if (!IsValidUtf8(*s)) *s = TranscodeCp1252ToUtf8(*s);
  }
  // Headlines are one line; the stored text is headline, newline, body.
  std::replace(title.begin(), title.end(), '\n', ' ');
  a.title = title;
  a.text = title + "\n" + body;
  a.url = url.empty() ? options.url : url;
  a.source_name = domain.empty() ? NormalizeSourceName(options.source) : NormalizeSourceName(domain);
  if (a.source_name.empty() && !a.url.empty()) a.source_name = NormalizeSourceName(a.url);
  SetDate(&a, date.empty() ? options.date : date);
  if (!date.empty() && a.date_days == kUnknownDate && warn)
    warn(where + ": date \"" + date + "\" does not parse; stored without a date");
  return a;
}

Result<std::vector<Article>> ReadJsonl(const std::string& path, const std::string& text,
                                       const ReaderOptions& options, const WarningFn& warn) {
  std::vector<Article> out;
  size_t line_no = 0, start = 0, bad = 0;
  std::string first_error;
  while (start < text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    ++line_no;
    std::string_view line(text.data() + start, end - start);
    start = end + 1;
    if (line.find_first_not_of(" \t\r") == std::string_view::npos) continue;
    std::string where = path + ":" + std::to_string(line_no);
    json j = json::parse(line, nullptr, false);
    if (j.is_discarded()) {
      ++bad;
      if (warn) warn(where + ": not valid JSON; line skipped");
      continue;
    }
    auto a = FromNewsPlease(where, j, options, warn);
    if (!a.ok()) {
      ++bad;
      if (warn) warn(a.status().message() + "; line skipped");
      continue;
    }
    a->provenance.file = path;
    a->provenance.offset = static_cast<uint64_t>(line.data() - text.data());
    out.push_back(std::move(*a));
  }
  if (out.empty() && bad > 0)
    return Status::InvalidArgument(path + ": no readable record (" + std::to_string(bad) +
                                   " bad lines)");
  return out;
}

std::string DetectFormat(const std::string& path, const std::string& text) {
  std::string lower = Lower(path);
  if (EndsWith(lower, ".jsonl") || EndsWith(lower, ".ndjson")) return "jsonl";
  if (EndsWith(lower, ".json")) return "json";
  // Content sniffing: a file that starts with '{' and parses is JSON.
  size_t first = text.find_first_not_of(" \t\r\n");
  if (first != std::string::npos && text[first] == '{') {
    size_t nl = text.find('\n', first);
    std::string_view line(text.data() + first,
                          (nl == std::string::npos ? text.size() : nl) - first);
    if (!json::parse(line, nullptr, false).is_discarded()) return "jsonl";
    if (!json::parse(text, nullptr, false).is_discarded()) return "json";
  }
  return "text";
}

}  // namespace

std::string NormalizeSourceName(std::string_view s) {
  std::string r = Lower(s);
  while (!r.empty() && std::isspace(static_cast<unsigned char>(r.back()))) r.pop_back();
  size_t i = r.find_first_not_of(" \t");
  r.erase(0, i == std::string::npos ? r.size() : i);
  bool url_like = r.find("://") != std::string::npos || r.rfind("www.", 0) == 0 ||
                  (r.find('.') != std::string::npos && r.find(' ') == std::string::npos);
  if (!url_like) return std::string(s.substr(std::min(s.size(), s.find_first_not_of(" \t"))));
  if (size_t p = r.find("://"); p != std::string::npos) r.erase(0, p + 3);
  if (size_t p = r.find_first_of("/?#"); p != std::string::npos) r.erase(p);
  if (size_t p = r.find('@'); p != std::string::npos) r.erase(0, p + 1);
  if (size_t p = r.find(':'); p != std::string::npos) r.erase(p);
  if (r.rfind("www.", 0) == 0) r.erase(0, 4);
  return r;
}

// formats/records.cc: the HTML, WARC, Quotebank, statement and CSV/TSV readers.
bool ReadRecordFormatArticles(const std::string& path, const ReaderOptions& options,
                              const WarningFn& warn, Result<std::vector<Article>>* out);

Result<std::vector<Article>> ReadArticles(const std::string& path, const ReaderOptions& options,
                                          const WarningFn& warn) {
  if (Result<std::vector<Article>> r = std::vector<Article>{};
      ReadRecordFormatArticles(path, options, warn, &r))
    return r;
  auto bytes = ReadFileBytes(path, options.max_file_bytes);
  if (!bytes.ok()) return bytes.status();
  return formats::ReadArticlesFromBytes(path, std::move(*bytes), options, warn);
}

Result<std::vector<Article>> formats::ReadArticlesFromBytes(const std::string& path,
                                                            std::string bytes,
                                                            const ReaderOptions& options,
                                                            const WarningFn& warn) {
  if (bytes.empty()) return Status::InvalidArgument(path + ": empty file");
  auto text = ToUtf8(path, std::move(bytes), warn);
  if (!text.ok()) return text.status();
  std::string format = options.format == "auto" ? DetectFormat(path, *text) : options.format;
  std::vector<Article> out;
  if (format == "jsonl") return ReadJsonl(path, *text, options, warn);
  if (format == "json") {
    json j = json::parse(*text, nullptr, false);
    if (j.is_discarded()) return Status::InvalidArgument(path + ": not valid JSON");
    if (j.is_array()) {
      for (size_t i = 0; i < j.size(); ++i) {
        auto a = FromNewsPlease(path + "[" + std::to_string(i) + "]", j[i], options, warn);
        if (!a.ok()) return a.status();
        a->provenance.file = path;
        out.push_back(std::move(*a));
      }
      return out;
    }
    auto a = FromNewsPlease(path, j, options, warn);
    if (!a.ok()) return a.status();
    a->provenance.file = path;
    out.push_back(std::move(*a));
    return out;
  }
  if (format != "text") return Status::InvalidArgument("unknown input format \"" + format + "\"");
  // Plain text: headline on line 1, the file stored as read so offsets are file offsets.
  if (text->find_first_not_of(" \t\r\n") == std::string::npos)
    return Status::InvalidArgument(path + ": empty file (white space only)");
  Article a;
  size_t nl = text->find('\n');
  a.title = text->substr(0, nl == std::string::npos ? text->size() : nl);
  if (!a.title.empty() && a.title.back() == '\r') a.title.pop_back();
  a.text = std::move(*text);
  a.url = options.url;
  a.source_name = NormalizeSourceName(options.source);
  if (a.source_name.empty() && !a.url.empty()) a.source_name = NormalizeSourceName(a.url);
  SetDate(&a, options.date);
  if (!options.date.empty() && a.date_days == kUnknownDate)
    return Status::InvalidArgument("--date \"" + options.date + "\" does not parse (use YYYY-MM-DD)");
  a.provenance.file = path;
  out.push_back(std::move(a));
  return out;
}

Result<std::vector<std::string>> ReadArticlesForExtraction(const std::string& path,
                                                           const WarningFn& warn) {
  auto articles = ReadArticles(path, ReaderOptions{}, warn);
  if (!articles.ok()) return articles.status();
  std::vector<std::string> texts;
  for (auto& a : *articles) texts.push_back(std::move(a.text));
  return texts;
}

Result<std::vector<std::string>> ListInputFiles(const std::vector<std::string>& paths) {
  std::vector<std::string> out;
  InputFileWalker walker(paths);
  std::string path;
  while (true) {
    auto more = walker.Next(&path);
    if (!more.ok()) return more.status();
    if (!*more) return out;
    out.push_back(path);
  }
}

std::error_code InputFileWalker::Push(const std::string& path) {
  Folder f;
  f.path = path;
  if (f.path.empty() || f.path.back() != '/') f.path += '/';
  std::error_code ec;
  fs::directory_iterator it(path, fs::directory_options::skip_permission_denied, ec), end;
  if (ec) return ec;
  for (; it != end; it.increment(ec)) {
    if (ec) break;
    std::string name = it->path().filename().string();
    if (name.empty() || name[0] == '.') continue;
    // A link to a folder is not followed (as recursive_directory_iterator's default); a link to
    // a file is read.
    bool folder = it->is_directory(ec) && !it->is_symlink(ec);
    if (folder) {
      f.entries.emplace_back(name + '/', true);
    } else if (it->is_regular_file(ec)) {
      f.entries.emplace_back(std::move(name), false);
    }
  }
  std::sort(f.entries.begin(), f.entries.end());
  stack_.push_back(std::move(f));
  return {};
}

Result<bool> InputFileWalker::Next(std::string* path) {
  while (true) {
    while (!stack_.empty()) {
      Folder& top = stack_.back();
      if (top.next == top.entries.size()) {
        stack_.pop_back();
        continue;
      }
      const auto& [key, folder] = top.entries[top.next++];
      std::string full = top.path + key;  // a folder's key ends in '/' already
      if (!folder) {
        *path = std::move(full);
        return true;
      }
      Push(full);  // a subfolder that cannot be listed is skipped
    }
    if (next_path_ == paths_.size()) return false;
    const std::string& p = paths_[next_path_++];
    std::error_code ec;
    if (!fs::exists(p, ec)) return Status::InvalidArgument(p + ": no such file or directory");
    if (!fs::is_directory(p, ec)) {
      *path = p;
      return true;
    }
    if (std::error_code e = Push(p)) return Status::InvalidArgument(p + ": cannot list (" + e.message() + ")");
  }
}

}  // namespace quotedb
