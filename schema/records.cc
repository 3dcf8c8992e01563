#include "quotedb/records.h"

#include <cstdio>

namespace quotedb {

std::string Hash128::ToHex() const {
  char buf[33];
  std::snprintf(buf, sizeof(buf), "%016llx%016llx", static_cast<unsigned long long>(hi),
                static_cast<unsigned long long>(lo));
  return std::string(buf, 32);
}

bool Hash128::FromHex(const std::string& hex, Hash128* out) {
  if (hex.size() != 32) return false;
  uint64_t parts[2] = {0, 0};
  for (size_t i = 0; i < 32; ++i) {
    char c = hex[i];
    int v;
    if (c >= '0' && c <= '9') v = c - '0';
    else if (c >= 'a' && c <= 'f') v = c - 'a' + 10;
    else if (c >= 'A' && c <= 'F') v = c - 'A' + 10;
    else return false;
    parts[i / 16] = (parts[i / 16] << 4) | static_cast<uint64_t>(v);
  }
  out->hi = parts[0];
  out->lo = parts[1];
  return true;
}

const char* SpeakerKindName(SpeakerKind kind) {
  switch (kind) {
    case SpeakerKind::kPerson: return "person";
    case SpeakerKind::kGovernment: return "government";
    case SpeakerKind::kOrganisation: return "organisation";
    case SpeakerKind::kDocument: return "document";
    case SpeakerKind::kMedia: return "media";
    case SpeakerKind::kGroup: return "group";
    case SpeakerKind::kUnknown: break;
  }
  return "unknown";
}

const char* StatementKindName(StatementKind kind) {
  switch (kind) {
    case StatementKind::kDirect: return "direct";
    case StatementKind::kPartial: return "partial";
    case StatementKind::kIndirect: return "indirect";
  }
  return "direct";
}

}  // namespace quotedb
