// The speaker registry file: see ReadSpeakerRegistry in quotedb/import.h.
#include "formats/formats_internal.h"
#include "quotedb/import.h"

namespace quotedb {
namespace {

std::string Trimmed(std::string_view s) {
  size_t b = s.find_first_not_of(" \t\r");
  if (b == std::string_view::npos) return "";
  size_t e = s.find_last_not_of(" \t\r");
  return std::string(s.substr(b, e - b + 1));
}

std::vector<std::string> Split(std::string_view s, std::string_view seps) {
  std::vector<std::string> out;
  size_t p = 0;
  while (p <= s.size()) {
    size_t e = s.find_first_of(seps, p);
    if (e == std::string_view::npos) e = s.size();
    out.push_back(Trimmed(s.substr(p, e - p)));
    p = e + 1;
  }
  return out;
}

bool ValidQid(const std::string& q) {
  if (q.size() < 2 || (q[0] != 'Q' && q[0] != 'q')) return false;
  for (size_t i = 1; i < q.size(); ++i)
    if (!std::isdigit(static_cast<unsigned char>(q[i]))) return false;
  return true;
}

}  // namespace

Result<std::vector<RegistryEntry>> ReadSpeakerRegistry(const std::string& path,
                                                       const WarningFn& warn) {
  auto in = formats::OpenInput(path);
  if (!in.ok()) return in.status();
  formats::LineReader lines(in->get());
  std::vector<RegistryEntry> out;
  size_t bad = 0;
  std::string line;
  while (lines.Next(&line)) {
    std::string where = path + ":" + std::to_string(lines.line_number());
    std::string t = Trimmed(line);
    if (t.empty() || t[0] == '#') continue;
    std::vector<std::string> f = Split(formats::EnsureUtf8(line), "\t");
    if (lines.line_number() == 1 && formats::AsciiLower(f[0]) == "name") continue;
    RegistryEntry e;
    e.name = f[0];
    if (e.name.empty()) {
      ++bad;
      if (warn) warn(where + ": no canonical name in the first field; line skipped");
      continue;
    }
    if (f.size() > 1)
      for (std::string& a : Split(f[1], "|;"))
        if (!a.empty() && a != e.name) e.aliases.push_back(std::move(a));
    if (f.size() > 2 && !f[2].empty()) {
      if (!ValidQid(f[2])) {
        ++bad;
        if (warn) warn(where + ": \"" + f[2] + "\" is not a Wikidata id (Q and digits); line skipped");
        continue;
      }
      e.wikidata_qid = f[2];
      e.wikidata_qid[0] = 'Q';
    }
    if (f.size() > 3 && !f[3].empty()) {
      std::string k = formats::AsciiLower(f[3]);
      bool found = false;
      for (int i = 0; i <= static_cast<int>(SpeakerKind::kGroup); ++i) {
        if (k == SpeakerKindName(static_cast<SpeakerKind>(i))) {
          e.kind = static_cast<SpeakerKind>(i);
          found = true;
        }
      }
      if (!found && warn) warn(where + ": unknown kind \"" + f[3] + "\"; read as person");
    }
    out.push_back(std::move(e));
  }
  QDB_RETURN_IF_ERROR(lines.status());
  if (out.empty())
    return Status::InvalidArgument(path + ": no registry entry" +
                                   (bad ? " (" + std::to_string(bad) + " bad lines)" : std::string()));
  return out;
}

}  // namespace quotedb
