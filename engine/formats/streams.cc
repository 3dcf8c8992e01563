// Byte streams over plain, gzip and bzip2 files; the line reader; small reader helpers.
#include <bzlib.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstdio>
#include <cstring>

#include "formats/formats_internal.h"
#include "quotedb/text.h"

namespace quotedb::formats {
namespace {

class FileStream : public InputStream {
 public:
  FileStream(std::string path, FILE* f) : path_(std::move(path)), f_(f) {}
  ~FileStream() override { std::fclose(f_); }
  Status Read(char* buf, size_t cap, size_t* got) override {
    *got = std::fread(buf, 1, cap, f_);
    if (*got == 0 && std::ferror(f_)) return Status::IOError(path_ + ": read error");
    return Status::OK();
  }

 private:
  std::string path_;
  FILE* f_;
};

// gzread reads every member of a multi-member file in turn, which is what .gz dumps are.
class GzipStream : public InputStream {
 public:
  GzipStream(std::string path, gzFile f) : path_(std::move(path)), f_(f) {}
  ~GzipStream() override { gzclose(f_); }
  Status Read(char* buf, size_t cap, size_t* got) override {
    int n = gzread(f_, buf, static_cast<unsigned>(std::min<size_t>(cap, 1u << 30)));
    if (n < 0) {
      int err = 0;
      const char* msg = gzerror(f_, &err);
      return Status::InvalidArgument(path_ + ": gzip data is damaged (" + msg + ")");
    }
    *got = static_cast<size_t>(n);
    return Status::OK();
  }

 private:
  std::string path_;
  gzFile f_;
};

// bzip2 through the low-level API so concatenated streams (pbzip2 output) are read whole.
class Bz2Stream : public InputStream {
 public:
  Bz2Stream(std::string path, FILE* f) : path_(std::move(path)), f_(f), in_(1 << 16) {
    std::memset(&bz_, 0, sizeof(bz_));
    ok_ = BZ2_bzDecompressInit(&bz_, 0, 0) == BZ_OK;
  }
  ~Bz2Stream() override {
    if (ok_) BZ2_bzDecompressEnd(&bz_);
    std::fclose(f_);
  }
  Status Read(char* buf, size_t cap, size_t* got) override {
    *got = 0;
    if (!ok_) return Status::IOError(path_ + ": cannot start bzip2 decompression");
    while (*got == 0 && !done_) {
      if (bz_.avail_in == 0) {
        size_t n = std::fread(in_.data(), 1, in_.size(), f_);
        if (n == 0) {
          if (std::ferror(f_)) return Status::IOError(path_ + ": read error");
          if (in_stream_) return Status::InvalidArgument(path_ + ": bzip2 data is truncated");
          done_ = true;
          break;
        }
        bz_.next_in = in_.data();
        bz_.avail_in = static_cast<unsigned>(n);
      }
      in_stream_ = true;
      bz_.next_out = buf;
      bz_.avail_out = static_cast<unsigned>(std::min<size_t>(cap, 1u << 30));
      int rc = BZ2_bzDecompress(&bz_);
      *got = static_cast<size_t>(bz_.next_out - buf);
      if (rc == BZ_STREAM_END) {
        // Another stream may follow; restart the decoder on the bytes left over.
        char* next = bz_.next_in;
        unsigned left = bz_.avail_in;
        BZ2_bzDecompressEnd(&bz_);
        std::memset(&bz_, 0, sizeof(bz_));
        if (BZ2_bzDecompressInit(&bz_, 0, 0) != BZ_OK) {
          ok_ = false;
          return Status::IOError(path_ + ": cannot restart bzip2 decompression");
        }
        bz_.next_in = next;
        bz_.avail_in = left;
        in_stream_ = false;
      } else if (rc != BZ_OK) {
        return Status::InvalidArgument(path_ + ": bzip2 data is damaged (error " +
                                       std::to_string(rc) + ")");
      }
    }
    return Status::OK();
  }

 private:
  std::string path_;
  FILE* f_;
  std::vector<char> in_;
  bz_stream bz_;
  bool ok_ = false;
  bool done_ = false;
  bool in_stream_ = false;  // inside a stream that has not ended yet
};

// Bytes in memory, not owned.
class MemoryStream : public InputStream {
 public:
  explicit MemoryStream(std::string_view bytes) : bytes_(bytes) {}
  Status Read(char* buf, size_t cap, size_t* got) override {
    *got = std::min(cap, bytes_.size() - pos_);
    if (*got) std::memcpy(buf, bytes_.data() + pos_, *got);
    pos_ += *got;
    return Status::OK();
  }

 private:
  std::string_view bytes_;
  size_t pos_ = 0;
};

}  // namespace

bool EndsWith(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() &&
         s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

std::string AsciiLower(std::string_view s) {
  std::string r(s);
  for (char& c : r) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return r;
}

std::string EnsureUtf8(std::string bytes) {
  if (IsValidUtf8(bytes)) return bytes;
  return TranscodeCp1252ToUtf8(bytes);
}

bool ApplyDate(Article* a, std::string_view text) {
  if (text.find_first_not_of(" \t\r\n") == std::string_view::npos) return true;
  ParsedDate d;
  if (!ParseDate(text, &d)) return false;
  a->date_days = d.days;
  a->zone_known = d.zone_known;
  a->time_seconds = d.zone_known ? d.time_seconds : -1;
  a->utc_offset_minutes = d.zone_known ? d.utc_offset_minutes : 0;
  return true;
}

std::string OneLine(std::string_view text, size_t max_bytes) {
  std::string r;
  bool space = false;
  for (char c : text) {
    if (c == '\n' || c == '\r' || c == '\t' || c == ' ') {
      space = !r.empty();
      continue;
    }
    if (space) r.push_back(' ');
    space = false;
    r.push_back(c);
  }
  if (r.size() <= max_bytes) return r;
  size_t cut = max_bytes;
  while (cut > 0 && (static_cast<unsigned char>(r[cut]) & 0xC0) == 0x80) --cut;
  r.resize(cut);
  while (!r.empty() && r.back() == ' ') r.pop_back();
  return r + "...";
}

void SetSource(Article* a, const std::string& source) {
  a->source_name = NormalizeSourceName(source);
  if (a->source_name.empty() && !a->url.empty()) a->source_name = NormalizeSourceName(a->url);
}

Result<std::unique_ptr<InputStream>> OpenInput(const std::string& path) {
  std::string lower = AsciiLower(path);
  if (EndsWith(lower, ".gz")) {
    gzFile f = gzopen(path.c_str(), "rb");
    if (!f) return Status::InvalidArgument(path + ": cannot open for reading");
    gzbuffer(f, 1 << 17);
    return std::unique_ptr<InputStream>(new GzipStream(path, f));
  }
  FILE* f = std::fopen(path.c_str(), "rb");
  if (!f) return Status::InvalidArgument(path + ": cannot open for reading");
  if (EndsWith(lower, ".bz2")) return std::unique_ptr<InputStream>(new Bz2Stream(path, f));
  return std::unique_ptr<InputStream>(new FileStream(path, f));
}

Result<std::unique_ptr<InputStream>> OpenInputBytes(std::string_view bytes,
                                                    const std::string& name) {
  std::string lower = AsciiLower(name);
  if (EndsWith(lower, ".gz"))
    return Status::InvalidArgument(name + ": gzip is read from files only");
  if (EndsWith(lower, ".bz2") && !bytes.empty()) {
    FILE* f = fmemopen(const_cast<char*>(bytes.data()), bytes.size(), "rb");
    if (!f) return Status::IOError(name + ": cannot open the bytes as a stream");
    return std::unique_ptr<InputStream>(new Bz2Stream(name, f));
  }
  return std::unique_ptr<InputStream>(new MemoryStream(bytes));
}

bool ReadWholeSmallFile(const std::string& path, size_t max, std::string* out) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return false;
  struct stat st;
  bool ok = ::fstat(fd, &st) == 0 && S_ISREG(st.st_mode) &&
            static_cast<uint64_t>(st.st_size) <= max;
  if (ok) {
    // One byte more than the size: a file that grew since fstat is not read whole.
    out->resize(static_cast<size_t>(st.st_size) + 1);
    size_t have = 0;
    while (have < out->size()) {
      const ssize_t got = ::read(fd, out->data() + have, out->size() - have);
      if (got < 0 && errno == EINTR) continue;
      if (got <= 0) {
        ok = got == 0;
        break;
      }
      have += static_cast<size_t>(got);
    }
    ok = ok && have == static_cast<size_t>(st.st_size);
    out->resize(have);
  }
  ::close(fd);
  return ok;
}

Result<std::string> PeekInput(const std::string& path, size_t max) {
  auto in = OpenInput(path);
  if (!in.ok()) return in.status();
  std::string out(max, '\0');
  size_t have = 0;
  while (have < max) {
    size_t got = 0;
    Status s = (*in)->Read(out.data() + have, max - have, &got);
    if (!s.ok()) {
      if (have > 0) break;  // sniffing only needs the start
      return s;
    }
    if (got == 0) break;
    have += got;
  }
  out.resize(have);
  return out;
}

bool LineReader::Next(std::string* line) {
  while (true) {
    size_t nl = buf_.find('\n', pos_);
    if (nl != std::string::npos || (eof_ && pos_ < buf_.size())) {
      size_t end = nl == std::string::npos ? buf_.size() : nl;
      line->assign(buf_, pos_, end - pos_);
      if (!line->empty() && line->back() == '\r') line->pop_back();
      line_offset_ = consumed_ + pos_;
      ++line_no_;
      pos_ = nl == std::string::npos ? buf_.size() : nl + 1;
      return true;
    }
    if (eof_ || !status_.ok()) return false;
    consumed_ += pos_;
    buf_.erase(0, pos_);
    pos_ = 0;
    size_t old = buf_.size();
    buf_.resize(old + (1 << 16));
    size_t got = 0;
    status_ = in_->Read(buf_.data() + old, 1 << 16, &got);
    buf_.resize(old + got);
    if (!status_.ok() || got == 0) eof_ = true;
    if (!status_.ok() && buf_.empty()) return false;
  }
}

}  // namespace quotedb::formats
