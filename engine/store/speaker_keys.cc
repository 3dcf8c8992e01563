#include "store/speaker_keys.h"

#include <xxhash.h>

#include <array>

#include "quotedb/text.h"

namespace quotedb::store {
namespace {

constexpr std::array<std::string_view, 16> kHonorifics = {
    "mr", "mrs", "ms", "miss", "mx", "dr", "prof", "professor",
    "sir", "dame", "madam", "madame", "monsieur", "herr", "rev", "reverend"};

bool IsHonorific(std::string_view word) {
  for (auto h : kHonorifics)
    if (word == h) return true;
  return false;
}

}  // namespace

std::string SpeakerKey(std::string_view name) {
  std::string key = NormalizeName(name);
  // Strip honorifics at the front ("mr", "dr"), keeping at least one word.
  while (true) {
    size_t sp = key.find(' ');
    if (sp == std::string::npos) break;
    if (!IsHonorific(std::string_view(key).substr(0, sp))) break;
    key.erase(0, sp + 1);
  }
  return key;
}

SpeakerId SpeakerIdForKey(std::string_view key) {
  uint64_t h = XXH3_64bits(key.data(), key.size());
  return h == 0 ? 1 : h;
}

std::vector<std::string> AliasKeys(std::string_view key, SpeakerKind kind) {
  std::vector<std::string> out;
  if (key.empty()) return out;
  out.emplace_back(key);
  if (kind == SpeakerKind::kPerson) {
    size_t sp = key.rfind(' ');
    if (sp != std::string_view::npos && sp + 1 < key.size()) out.emplace_back(key.substr(sp + 1));
  }
  return out;
}

}  // namespace quotedb::store
