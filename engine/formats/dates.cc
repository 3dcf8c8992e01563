// Date parsing for article metadata. See quotedb/reader.h.
#include <cctype>
#include <cstdio>
#include <string>

#include "quotedb/reader.h"

namespace quotedb {
namespace {

// Days from 1970-01-01 to y-m-d (proleptic Gregorian); Howard Hinnant's days_from_civil.
int64_t DaysFromCivil(int64_t y, unsigned m, unsigned d) {
  y -= m <= 2;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<int64_t>(doe) - 719468;
}

bool ValidYmd(int y, int m, int d) {
  static const int kDays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (y < 1 || y > 9999 || m < 1 || m > 12 || d < 1) return false;
  if (d > kDays[m - 1]) return false;
  if (m == 2 && d == 29 && !((y % 4 == 0 && y % 100 != 0) || y % 400 == 0)) return false;
  return true;
}

int MonthFromName(std::string_view w) {
  static const char* kNames[] = {"jan", "feb", "mar", "apr", "may", "jun",
                                 "jul", "aug", "sep", "oct", "nov", "dec"};
  if (w.size() < 3) return 0;
  std::string lw;
  for (char c : w) lw.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
  for (int i = 0; i < 12; ++i)
    if (lw.compare(0, 3, kNames[i]) == 0) return i + 1;
  return 0;
}

bool ReadInt(std::string_view s, size_t* pos, size_t min_digits, size_t max_digits, int* out) {
  size_t start = *pos, i = *pos;
  int v = 0;
  while (i < s.size() && i - start < max_digits && std::isdigit(static_cast<unsigned char>(s[i]))) {
    v = v * 10 + (s[i] - '0');
    ++i;
  }
  if (i - start < min_digits) return false;
  *pos = i;
  *out = v;
  return true;
}

// Parses "HH:MM[:SS][.fff][Z|+HH:MM|+HHMM]" at *pos.
void ParseTime(std::string_view s, size_t pos, ParsedDate* out) {
  int hh, mm, ss = 0;
  if (!ReadInt(s, &pos, 2, 2, &hh) || pos >= s.size() || s[pos] != ':') return;
  ++pos;
  if (!ReadInt(s, &pos, 2, 2, &mm)) return;
  if (pos < s.size() && s[pos] == ':') {
    ++pos;
    if (!ReadInt(s, &pos, 2, 2, &ss)) return;
  }
  if (hh > 23 || mm > 59 || ss > 60) return;
  if (pos < s.size() && (s[pos] == '.' || s[pos] == ',')) {
    ++pos;
    while (pos < s.size() && std::isdigit(static_cast<unsigned char>(s[pos]))) ++pos;
  }
  out->time_seconds = hh * 3600 + mm * 60 + std::min(ss, 59);
  while (pos < s.size() && s[pos] == ' ') ++pos;
  if (pos < s.size() && (s[pos] == 'Z' || s[pos] == 'z')) {
    out->zone_known = true;
    out->utc_offset_minutes = 0;
  } else if (pos < s.size() && (s[pos] == '+' || s[pos] == '-')) {
    int sign = s[pos] == '-' ? -1 : 1;
    ++pos;
    int oh, om = 0;
    if (!ReadInt(s, &pos, 2, 2, &oh)) return;
    if (pos < s.size() && s[pos] == ':') ++pos;
    ReadInt(s, &pos, 2, 2, &om);
    if (oh > 14 || om > 59) return;
    out->zone_known = true;
    out->utc_offset_minutes = sign * (oh * 60 + om);
  } else if (s.substr(pos, 3) == "UTC" || s.substr(pos, 3) == "GMT") {
    out->zone_known = true;
    out->utc_offset_minutes = 0;
  }
}

}  // namespace

bool ParseDate(std::string_view s, ParsedDate* out) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  ParsedDate r;
  size_t pos = 0;
  int y, m, d;
  // ISO: YYYY-MM-DD[(T| )time]
  if (ReadInt(s, &pos, 4, 4, &y) && pos < s.size() && (s[pos] == '-' || s[pos] == '/')) {
    char sep = s[pos++];
    if (!ReadInt(s, &pos, 1, 2, &m) || pos >= s.size() || s[pos] != sep) return false;
    ++pos;
    if (!ReadInt(s, &pos, 1, 2, &d) || !ValidYmd(y, m, d)) return false;
    r.days = DaysFromCivil(y, static_cast<unsigned>(m), static_cast<unsigned>(d));
    if (pos < s.size() && (s[pos] == 'T' || s[pos] == ' ')) ParseTime(s, pos + 1, &r);
    else if (pos != s.size()) return false;
    *out = r;
    return true;
  }
  // "20 June 2024" or "June 20, 2024" (an optional weekday first: "Thu, 20 Jun 2024 ...").
  std::string_view rest = s;
  size_t comma = rest.find(", ");
  if (comma != std::string_view::npos && comma <= 9 && MonthFromName(rest.substr(0, comma)) == 0 &&
      !std::isdigit(static_cast<unsigned char>(rest[0]))) {
    rest.remove_prefix(comma + 2);
  }
  pos = 0;
  int day = 0, month = 0, year = 0;
  if (ReadInt(rest, &pos, 1, 2, &day)) {
    while (pos < rest.size() && rest[pos] == ' ') ++pos;
    size_t w = pos;
    while (pos < rest.size() && std::isalpha(static_cast<unsigned char>(rest[pos]))) ++pos;
    month = MonthFromName(rest.substr(w, pos - w));
    while (pos < rest.size() && (rest[pos] == ' ' || rest[pos] == ',')) ++pos;
    if (!month || !ReadInt(rest, &pos, 4, 4, &year)) return false;
  } else {
    size_t w = pos;
    while (pos < rest.size() && std::isalpha(static_cast<unsigned char>(rest[pos]))) ++pos;
    month = MonthFromName(rest.substr(w, pos - w));
    if (pos < rest.size() && rest[pos] == '.') ++pos;
    while (pos < rest.size() && rest[pos] == ' ') ++pos;
    if (!month || !ReadInt(rest, &pos, 1, 2, &day)) return false;
    while (pos < rest.size() && (rest[pos] == ' ' || rest[pos] == ',')) ++pos;
    if (!ReadInt(rest, &pos, 4, 4, &year)) return false;
  }
  if (!ValidYmd(year, month, day)) return false;
  r.days = DaysFromCivil(year, static_cast<unsigned>(month), static_cast<unsigned>(day));
  while (pos < rest.size() && rest[pos] == ' ') ++pos;
  if (pos < rest.size()) ParseTime(rest, pos, &r);
  *out = r;
  return true;
}

std::string FormatDate(int64_t days) {
  if (days == kUnknownDate) return "";
  // civil_from_days
  int64_t z = days + 719468;
  const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const unsigned doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  int64_t y = static_cast<int64_t>(yoe) + era * 400;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  const unsigned d = doy - (153 * mp + 2) / 5 + 1;
  const unsigned m = mp < 10 ? mp + 3 : mp - 9;
  y += m <= 2;
  char buf[32];
  std::snprintf(buf, sizeof(buf), "%04lld-%02u-%02u", static_cast<long long>(y), m, d);
  return buf;
}

}  // namespace quotedb
