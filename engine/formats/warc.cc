// WARC 1.0/1.1 files, plain or gzipped (Common Crawl's CC-NEWS: one gzip member per record).
//
//   warc-file   = *( warc-record )              ; .warc.gz: each record its own gzip member
//   warc-record = "WARC/1." DIGIT CRLF *( named-field CRLF ) CRLF block CRLF CRLF
//   block       = Content-Length bytes; for WARC-Type: response with Content-Type
//                 application/http, an HTTP response: status line, headers, CRLF, body
//
// Only `response` records whose HTTP body is HTML become articles, parsed by the HTML reader;
// WARC-Target-URI (angle brackets stripped) is the URL and WARC-Date the date when the page
// gives none. Provenance keeps WARC-Record-ID and the byte offset of the record (of its gzip
// member in a .warc.gz) in the file. A record that cannot be read (Content-Length lies, a
// damaged or truncated gzip member) is warned about and skipped; reading resumes at the next
// record or gzip member. The file is memory-mapped, so its size does not matter.
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

#include <cstring>

#include "formats/formats_internal.h"

namespace quotedb::formats {
namespace {

struct Mapped {
  const char* data = nullptr;
  size_t size = 0;
  ~Mapped() {
    if (data && size) munmap(const_cast<char*>(data), size);
  }
};

struct Counts {
  uint64_t records = 0, articles = 0, broken = 0, not_html = 0, not_article = 0;
};

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

// Parses "Name: value" lines of [begin, end) into lower-case names.
std::vector<std::pair<std::string, std::string>> ParseHeaders(std::string_view block) {
  std::vector<std::pair<std::string, std::string>> out;
  size_t p = 0;
  while (p < block.size()) {
    size_t e = block.find('\n', p);
    if (e == std::string_view::npos) e = block.size();
    std::string_view line = block.substr(p, e - p);
    p = e + 1;
    size_t colon = line.find(':');
    if (colon == std::string_view::npos) continue;
    // Values become URLs and record ids, stored as text: UTF-8 only (readers store UTF-8).
    out.emplace_back(AsciiLower(Trim(line.substr(0, colon))),
                     EnsureUtf8(std::string(Trim(line.substr(colon + 1)))));
  }
  return out;
}

std::string Header(const std::vector<std::pair<std::string, std::string>>& h, const char* name) {
  for (const auto& [k, v] : h)
    if (k == name) return v;
  return "";
}

// End of the header block starting at `p` (the index after the blank line), or npos.
size_t HeaderEnd(std::string_view s, size_t p, size_t* block_end) {
  size_t a = s.find("\r\n\r\n", p);
  size_t b = s.find("\n\n", p);
  if (a == std::string_view::npos && b == std::string_view::npos) return std::string_view::npos;
  if (b == std::string_view::npos || (a != std::string_view::npos && a < b)) {
    *block_end = a;
    return a + 4;
  }
  *block_end = b;
  return b + 2;
}

// Inflates one gzip (or zlib/raw deflate, for Content-Encoding) stream from `in`. Sets
// *consumed to the compressed bytes used. Returns false when the data is damaged or truncated.
bool Inflate(std::string_view in, int window_bits, std::string* out, size_t* consumed,
             std::string* error) {
  z_stream z;
  std::memset(&z, 0, sizeof(z));
  if (inflateInit2(&z, window_bits) != Z_OK) {
    *error = "cannot start zlib";
    return false;
  }
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(in.data()));
  z.avail_in = static_cast<uInt>(std::min<size_t>(in.size(), 0xFFFFFFFFu));
  out->clear();
  int rc = Z_OK;
  char buf[1 << 16];
  while (rc == Z_OK) {
    z.next_out = reinterpret_cast<Bytef*>(buf);
    z.avail_out = sizeof(buf);
    rc = inflate(&z, Z_NO_FLUSH);
    out->append(buf, sizeof(buf) - z.avail_out);
    if (rc == Z_BUF_ERROR && z.avail_in == 0) break;  // input ran out: truncated
  }
  *consumed = z.total_in;
  bool ok = rc == Z_STREAM_END;
  if (!ok) *error = rc == Z_BUF_ERROR ? "truncated" : (z.msg ? z.msg : "damaged data");
  inflateEnd(&z);
  return ok;
}

// Decodes an HTTP chunked body; returns false when it is not well-formed chunking.
bool Dechunk(std::string_view in, std::string* out) {
  out->clear();
  size_t p = 0;
  while (p < in.size()) {
    size_t e = in.find("\r\n", p);
    if (e == std::string_view::npos) return false;
    size_t n = 0;
    size_t i = p;
    for (; i < e && std::isxdigit(static_cast<unsigned char>(in[i])); ++i) {
      n = n * 16 + static_cast<size_t>(std::isdigit(static_cast<unsigned char>(in[i]))
                                           ? in[i] - '0'
                                           : (std::tolower(static_cast<unsigned char>(in[i])) - 'a' + 10));
      // A size past the body is no chunk; stopping here also keeps n from wrapping around,
      // which made "fffffffffffffffff" lines copy the rest of the body once per line.
      if (n > in.size()) return false;
    }
    if (i == p) return false;
    if (n == 0) return true;
    p = e + 2;
    if (p + n > in.size()) return false;
    out->append(in.substr(p, n));
    p += n + 2;
  }
  return true;
}

class WarcParser {
 public:
  WarcParser(const std::string& path, const ReaderOptions& options, const WarningFn& warn,
             const RecordSink& sink)
      : path_(path), options_(options), warn_(warn), sink_(sink) {}

  // Parses the records in `data`. `member_offset` >= 0: `data` is one gzip member that starts at
  // that offset in the file, and every record in it is reported at that offset.
  Status ParseRecords(std::string_view data, int64_t member_offset) {
    size_t p = 0;
    while (true) {
      while (p < data.size() && (data[p] == '\r' || data[p] == '\n')) ++p;
      if (p >= data.size()) return Status::OK();
      uint64_t offset = member_offset >= 0 ? static_cast<uint64_t>(member_offset) : p;
      if (data.compare(p, 7, "WARC/1.") != 0) {
        size_t next = data.find("WARC/1.", p + 1);
        Broken(offset, "no WARC record header here (" +
                           std::to_string(next == std::string_view::npos ? data.size() - p : next - p) +
                           " bytes skipped)");
        if (next == std::string_view::npos) return Status::OK();
        p = next;
        continue;
      }
      size_t head_end = 0;
      size_t block = HeaderEnd(data, p, &head_end);
      if (block == std::string_view::npos) {
        Broken(offset, "record header does not end");
        return Status::OK();
      }
      auto headers = ParseHeaders(data.substr(p, head_end - p));
      std::string len_text = Header(headers, "content-length");
      char* end = nullptr;
      unsigned long long len = std::strtoull(len_text.c_str(), &end, 10);
      bool len_ok = !len_text.empty() && end && *end == '\0';
      // The block must be followed by CRLF CRLF; when it is not, Content-Length lies.
      bool fits = len_ok && block + len <= data.size();
      bool trailer_ok = fits && (block + len == data.size() ||
                                 data.compare(block + len, 4, "\r\n\r\n") == 0 ||
                                 data.compare(block + len, 2, "\n\n") == 0);
      if (!trailer_ok) {
        Broken(offset, !len_ok ? "no valid Content-Length"
                       : !fits ? "Content-Length " + len_text + " runs past the end of the " +
                                     (member_offset >= 0 ? "gzip member" : "file")
                               : "Content-Length " + len_text + " does not end at a record boundary");
        size_t next = data.find("WARC/1.", block);
        if (next == std::string_view::npos || member_offset >= 0) return Status::OK();
        p = next;
        continue;
      }
      ++counts_.records;
      QDB_RETURN_IF_ERROR(OnRecord(headers, data.substr(block, len), offset));
      p = block + len;
    }
  }

  void Broken(uint64_t offset, const std::string& why) {
    ++counts_.broken;
    if (warn_) warn_(path_ + "@" + std::to_string(offset) + ": broken WARC record (" + why + "); skipped");
  }

  const Counts& counts() const { return counts_; }

 private:
  Status OnRecord(const std::vector<std::pair<std::string, std::string>>& headers,
                  std::string_view block, uint64_t offset) {
    if (AsciiLower(Header(headers, "warc-type")) != "response") return Status::OK();
    std::string ctype = AsciiLower(Header(headers, "content-type"));
    if (!ctype.empty() && ctype.find("application/http") == std::string::npos) {
      ++counts_.not_html;
      return Status::OK();
    }
    std::string uri = Header(headers, "warc-target-uri");
    if (uri.size() >= 2 && uri.front() == '<' && uri.back() == '>') uri = uri.substr(1, uri.size() - 2);
    std::string id = Header(headers, "warc-record-id");
    if (id.size() >= 2 && id.front() == '<' && id.back() == '>') id = id.substr(1, id.size() - 2);
    std::string where = path_ + "@" + std::to_string(offset) + " (" + (uri.empty() ? id : uri) + ")";

    // The HTTP response: status line, headers, body.
    size_t head_end = 0;
    size_t body_at = HeaderEnd(block, 0, &head_end);
    if (block.compare(0, 5, "HTTP/") != 0 || body_at == std::string_view::npos) {
      Broken(offset, "the response block is not an HTTP response");
      return Status::OK();
    }
    std::string_view status_line = block.substr(0, block.find('\n'));
    int code = 0;
    if (size_t sp = status_line.find(' '); sp != std::string_view::npos)
      code = std::atoi(std::string(status_line.substr(sp + 1, 3)).c_str());
    auto http = ParseHeaders(block.substr(0, head_end));
    std::string http_type = Header(http, "content-type");
    std::string lower_type = AsciiLower(http_type);
    std::string_view body = block.substr(body_at);
    if (code < 200 || code >= 300) {
      ++counts_.not_article;
      return Status::OK();
    }
    bool html = lower_type.find("html") != std::string::npos ||
                (lower_type.empty() && AsciiLower(body.substr(0, 1024)).find("<html") != std::string::npos);
    if (!html) {
      ++counts_.not_html;
      return Status::OK();
    }
    std::string decoded;
    if (AsciiLower(Header(http, "transfer-encoding")).find("chunked") != std::string::npos) {
      std::string tmp;
      if (Dechunk(body, &tmp)) decoded = std::move(tmp);
    }
    if (decoded.empty()) decoded.assign(body);
    std::string enc = AsciiLower(Header(http, "content-encoding"));
    if (enc == "gzip" || enc == "x-gzip" || enc == "deflate") {
      std::string plain, err;
      size_t used = 0;
      if (!Inflate(decoded, enc == "deflate" ? 15 + 32 : 15 + 16, &plain, &used, &err)) {
        Broken(offset, "Content-Encoding " + enc + " body is " + err);
        return Status::OK();
      }
      decoded = std::move(plain);
    }
    std::string html_text = HtmlToUtf8(std::move(decoded), http_type);
    HtmlPage page = ParseHtml(html_text);
    if (page.paragraphs.empty()) {  // section fronts, galleries, error pages
      ++counts_.not_article;
      return Status::OK();
    }
    auto a = ArticleFromHtml(where, page, options_, uri, Header(headers, "warc-date"), warn_);
    if (!a.ok()) {
      ++counts_.not_article;
      return Status::OK();
    }
    a->provenance.file = path_;
    a->provenance.warc_record_id = id;
    a->provenance.offset = offset;
    ++counts_.articles;
    ReadRecord r;
    r.article = std::move(*a);
    return sink_(std::move(r));
  }

  const std::string& path_;
  const ReaderOptions& options_;
  const WarningFn& warn_;
  const RecordSink& sink_;
  Counts counts_;
};

}  // namespace

Status ReadWarcFile(const std::string& path, const ReaderOptions& options, const WarningFn& warn,
                    const RecordSink& sink) {
  int fd = ::open(path.c_str(), O_RDONLY);
  if (fd < 0) return Status::InvalidArgument(path + ": cannot open for reading");
  struct stat st;
  if (fstat(fd, &st) != 0) {
    ::close(fd);
    return Status::InvalidArgument(path + ": cannot read its size");
  }
  Mapped m;
  m.size = static_cast<size_t>(st.st_size);
  if (m.size == 0) {
    ::close(fd);
    return Status::InvalidArgument(path + ": empty file");
  }
  void* p = mmap(nullptr, m.size, PROT_READ, MAP_PRIVATE, fd, 0);
  ::close(fd);
  if (p == MAP_FAILED) {
    m.size = 0;
    return Status::IOError(path + ": cannot map the file");
  }
  m.data = static_cast<const char*>(p);
  madvise(p, m.size, MADV_SEQUENTIAL);
  return ReadWarcBytes(path, std::string_view(m.data, m.size), options, warn, sink);
}

Status ReadWarcBytes(const std::string& path, std::string_view data, const ReaderOptions& options,
                     const WarningFn& warn, const RecordSink& sink) {
  WarcParser parser(path, options, warn, sink);
  const bool gzipped = data.size() >= 2 && static_cast<unsigned char>(data[0]) == 0x1f &&
                       static_cast<unsigned char>(data[1]) == 0x8b;
  if (!gzipped) {
    QDB_RETURN_IF_ERROR(parser.ParseRecords(data, -1));
  } else {
    static constexpr std::string_view kMagic("\x1f\x8b\x08", 3);
    size_t pos = 0;
    std::string member;
    while (pos < data.size()) {
      if (data.compare(pos, 3, kMagic) != 0) {
        size_t next = data.find(kMagic, pos);
        parser.Broken(pos, "not a gzip member (" +
                               std::to_string((next == std::string_view::npos ? data.size() : next) - pos) +
                               " bytes skipped)");
        if (next == std::string_view::npos) break;
        pos = next;
      }
      size_t used = 0;
      std::string err;
      if (!Inflate(data.substr(pos), 15 + 16, &member, &used, &err)) {
        parser.Broken(pos, "gzip member is " + err);
        size_t next = data.find(kMagic, pos + 1);
        if (next == std::string_view::npos) break;
        pos = next;
        continue;
      }
      QDB_RETURN_IF_ERROR(parser.ParseRecords(member, static_cast<int64_t>(pos)));
      pos += std::max<size_t>(used, 1);
    }
  }
  const Counts& c = parser.counts();
  if (c.records == 0 && c.broken > 0)
    return Status::InvalidArgument(path + ": no readable WARC record (" + std::to_string(c.broken) +
                                   " broken)");
  if (c.records == 0) return Status::InvalidArgument(path + ": not a WARC file (no record found)");
  if (warn && (c.not_html || c.not_article) && c.articles == 0)
    warn(path + ": " + std::to_string(c.records) + " records, none an HTML news article");
  return Status::OK();
}

}  // namespace quotedb::formats
