// Claim frames: entities, event class, polarity, modality and numbers of one statement.
//
// The reading is deliberately shallow and lexicon-driven (no parser): tokens with byte-free
// positions, Snowball stems for event words, a gazetteer for countries and institutions, and
// capitalised sequences for people and places. Each rule below says what it is for.
#include <libstemmer.h>
#include <xxhash.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <deque>
#include <map>
#include <set>
#include <unordered_map>

#include "claims/lexicon.h"
#include "quotedb/claims.h"
#include "quotedb/text.h"

namespace quotedb {

// The word lists live in claims/lexicon.h; this file is their only reader.
using namespace claims;  // NOLINT(build/namespaces)
// Comparisons with literals are string_view comparisons: the length first, no strlen.
using namespace std::string_view_literals;  // NOLINT(build/namespaces)

const char* PolarityName(Polarity p) { return p == Polarity::kDeny ? "deny" : "affirm"; }

const char* ModalityName(Modality m) {
  switch (m) {
    case Modality::kAsserted: return "asserted";
    case Modality::kHedged: return "hedged";
    case Modality::kQuestion: return "question";
    case Modality::kReported: return "reported";
  }
  return "asserted";
}

uint64_t PropositionKey(std::vector<std::string> participants, std::string_view event_class) {
  std::sort(participants.begin(), participants.end());
  participants.erase(std::unique(participants.begin(), participants.end()), participants.end());
  participants.erase(std::remove(participants.begin(), participants.end(), std::string()),
                     participants.end());
  if (participants.empty() || event_class.empty()) return 0;
  std::string buf(event_class);
  for (const std::string& p : participants) {
    buf.push_back('\x1f');
    buf += p;
  }
  uint64_t h = XXH3_64bits(buf.data(), buf.size());
  return h == 0 ? 1 : h;
}

namespace {

// ASCII character classes: what the "C" locale's isspace, isdigit, isupper, isalpha, isalnum
// and tolower say (the library never sets a locale), without a call per byte.
constexpr bool IsSpace(unsigned char c) { return c == ' ' || (c >= '\t' && c <= '\r'); }
constexpr bool IsDigit(unsigned char c) { return c >= '0' && c <= '9'; }
constexpr bool IsUpper(unsigned char c) { return c >= 'A' && c <= 'Z'; }
constexpr bool IsAlpha(unsigned char c) { return IsUpper(c) || (c >= 'a' && c <= 'z'); }
constexpr bool IsAsciiAlnum(unsigned char c) { return IsDigit(c) || IsAlpha(c); }
constexpr char ToLower(char c) {
  return IsUpper(static_cast<unsigned char>(c)) ? static_cast<char>(c + ('a' - 'A')) : c;
}

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = ToLower(c);
  return out;
}

// What the word lists say of one lowercased word. The builder computes it once per distinct
// word (Rep::Info) so that a token costs one hash lookup, not a scan of every list it is
// tested against.
enum LexBit : uint32_t {
  kCapitalStopword = 1u << 0,
  kTitle = 1u << 1,
  kOrgWord = 1u << 2,
  kLocationPreposition = 1u << 3,
  kWeaponNoun = 1u << 4,
  kAccuseCue = 1u << 5,
  kNegator = 1u << 6,
  kFalsity = 1u << 7,
  kClauseBreak = 1u << 8,
  kMonth = 1u << 9,
  kDenialFirst = 1u << 10,    // the first word of a DenialWords phrase
  kHedgeFirst = 1u << 11,     // ... of a HedgeWords phrase
  kReportedFirst = 1u << 12,  // ... of a ReportedWords phrase
  kCasualtyDeath = 1u << 13,  // by its stem
  kCasualtyInjury = 1u << 14,
  kKoreaWord = 1u << 15,  // korea, korean, pyongyang, seoul
};

// Words the rules test one by one in every statement, as small numbers: a token's is
// info->word (kOtherWord for all others).
enum WordId : uint8_t {
  kOtherWord = 0,
  kThe, kTwo, kBoth, kOf, kNorth, kSouth, kThat, kMay, kQuestionMark,
  kWe, kI, kOur, kMy, kMe, kUs,  // first person
  kIt, kThey, kHe, kShe,         // third person
};
constexpr std::pair<std::string_view, WordId> kWordIds[] = {
    {"the", kThe}, {"two", kTwo},   {"both", kBoth}, {"of", kOf},   {"north", kNorth},
    {"south", kSouth}, {"that", kThat}, {"may", kMay}, {"?", kQuestionMark}, {"we", kWe},
    {"i", kI},     {"our", kOur},   {"my", kMy},     {"me", kMe},   {"us", kUs},
    {"it", kIt},   {"they", kThey}, {"he", kHe},     {"she", kShe}};

struct WordInfo {
  std::string stem;  // Snowball stem
  uint32_t lex = 0;  // LexBit
  // Event classes (bit c for EventClasses()[c]) the word is a single trigger, a verb or a
  // noun of, by its stem (and for singles also as printed).
  uint32_t single = 0, verb = 0, noun = 0;
  uint8_t gazetteer_words = 0;  // most words of a gazetteer phrase it starts; 0 when none
  WordId word = kOtherWord;
  double number = -1;           // NumberWordValue
};

struct Token {
  std::string text;   // as printed (apostrophes straightened, possessive 's dropped)
  std::string lower;  // ASCII-lowercased text
  std::string_view stem;           // empty for punctuation; points into the word cache
  const WordInfo* info = nullptr;  // of `lower`; set by Rep::Tokens
  bool cap = false;    // starts with an uppercase letter
  bool upper = false;  // every letter uppercase, at least two letters
  bool punct = false;
  bool digits = false;  // starts with a digit
};

// A cache keyed by strings: open addressing over XXH3 hashes (mostly one probe, where a node
// map hashes, divides and chases pointers). Values sit in a deque, so pointers to them stay
// valid while it grows, until Clear.
template <class V>
class StringCache {
 public:
  static uint64_t Hash(std::string_view key) { return XXH3_64bits(key.data(), key.size()); }

  // The value of `key`, or null.
  V* Find(std::string_view key, uint64_t hash) {
    const size_t mask = slots_.size() - 1;
    for (size_t i = hash & mask; slots_[i].entry; i = (i + 1) & mask)
      if (slots_[i].hash == hash && slots_[i].entry->key == key) return &slots_[i].entry->value;
    return nullptr;
  }

  // Adds `key`, which must be absent.
  V* Insert(std::string_view key, uint64_t hash, V value) {
    if ((entries_.size() + 1) * 2 > slots_.size()) Grow();
    const size_t mask = slots_.size() - 1;
    size_t i = hash & mask;
    while (slots_[i].entry) i = (i + 1) & mask;
    Entry& e = entries_.emplace_back(Entry{std::string(key), std::move(value)});
    slots_[i] = {hash, &e};
    return &e.value;
  }

  size_t size() const { return entries_.size(); }

  void Clear() {
    entries_.clear();
    std::fill(slots_.begin(), slots_.end(), Slot{});
  }

 private:
  struct Entry {
    std::string key;
    V value;
  };
  struct Slot {
    uint64_t hash = 0;
    Entry* entry = nullptr;  // null: empty
  };

  void Grow() {  // at most half the slots in use
    std::vector<Slot> grown(slots_.size() * 2);
    const size_t mask = grown.size() - 1;
    for (const Slot& slot : slots_) {
      if (!slot.entry) continue;
      size_t k = slot.hash & mask;
      while (grown[k].entry) k = (k + 1) & mask;
      grown[k] = slot;
    }
    slots_.swap(grown);
  }

  std::deque<Entry> entries_;
  std::vector<Slot> slots_ = std::vector<Slot>(1024);  // a power of two
};

bool Is(const Token& t, uint32_t bit) { return (t.info->lex & bit) != 0; }
bool Is(const Token& t, WordId w) { return t.info->word == w; }

// Whether s starts with the lowercase `d` when ASCII-lowercased.
bool StartsLower(std::string_view s, std::string_view d) {
  if (s.size() < d.size()) return false;
  for (size_t k = 0; k < d.size(); ++k)
    if (ToLower(s[k]) != d[k]) return false;
  return true;
}

// Splits text into words and punctuation. Curly quotes and dashes become ASCII punctuation;
// "1,402", "U.S." and "Du-hyeogn" stay one word. `out` is cleared first.
void Tokenize(std::string_view s, std::vector<Token>* out_tokens) {
  std::vector<Token>& out = *out_tokens;
  out.clear();
  static constexpr std::string_view kDotted[] = {"u.s.a.", "u.s.", "u.n.", "u.k.", "d.p.r.k."};
  std::string word;
  size_t i = 0;
  auto push_punct = [&](char c) {
    Token& t = out.emplace_back();
    t.text.assign(1, c);
    t.lower.assign(1, c);
    t.punct = true;
  };
  while (i < s.size()) {
    unsigned char c = s[i];
    if (IsSpace(c)) {
      ++i;
      continue;
    }
    if (c == 0xE2 && i + 2 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0x80) {
      unsigned char d = s[i + 2];
      if (d == 0x9C || d == 0x9D) {
        push_punct('"');
        i += 3;
        continue;
      }
      if (d == 0x93 || d == 0x94) {
        push_punct(',');
        i += 3;
        continue;
      }
      if (d == 0x98 || d == 0x99) {  // a stray curly apostrophe or single quote
        i += 3;
        continue;
      }
    }
    bool dotted = false;
    if (ToLower(static_cast<char>(c)) == 'u' || ToLower(static_cast<char>(c)) == 'd') {
      for (std::string_view d : kDotted) {
        size_t n = d.size();
        if (StartsLower(s.substr(i), d)) {
          Token& t = out.emplace_back();
          t.text.assign(s.substr(i, n));
          t.lower.assign(d);
          t.cap = true;
          t.upper = true;
          i += n;
          dotted = true;
          break;
        }
      }
    }
    if (dotted) continue;
    if (IsAsciiAlnum(c) || c >= 0x80) {
      // The word is the bytes [start, i) of s, except that a curly apostrophe inside it
      // counts as one "'" (then it is copied into `word`). The last character taken is a
      // digit exactly when the last byte taken is one (an apostrophe ends in 0x98 or 0x99).
      const size_t start = i;
      bool curly = false, hyphen = false;
      while (i < s.size()) {
        unsigned char x = s[i];
        if (IsAsciiAlnum(x)) {
          ++i;
          continue;
        }
        if (x >= 0x80) {
          // A curly apostrophe inside a word ("didn’t", "Korea’s") is an apostrophe.
          if (x == 0xE2 && i + 2 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0x80 &&
              (static_cast<unsigned char>(s[i + 2]) == 0x99 ||
               static_cast<unsigned char>(s[i + 2]) == 0x98)) {
            if (i + 3 < s.size() && IsAsciiAlnum(static_cast<unsigned char>(s[i + 3]))) {
              curly = true;
              i += 3;
              continue;
            }
            break;
          }
          if (x == 0xE2) break;  // other punctuation in the U+20xx block
          ++i;
          continue;
        }
        const bool taken = i > start;
        bool next_alnum = i + 1 < s.size() && IsAsciiAlnum(static_cast<unsigned char>(s[i + 1]));
        bool digit_context = taken && IsDigit(static_cast<unsigned char>(s[i - 1])) &&
                             i + 1 < s.size() && IsDigit(static_cast<unsigned char>(s[i + 1]));
        if ((x == '\'' || x == '-') && next_alnum && taken) {
          hyphen = hyphen || x == '-';
          ++i;
          continue;
        }
        if ((x == ',' || x == '.') && digit_context) {
          ++i;
          continue;
        }
        break;
      }
      if (i == start) {
        ++i;
        continue;
      }
      std::string_view w = s.substr(start, i - start);
      if (curly) {
        // Every 0xE2 taken began a curly apostrophe (any other 0xE2 ends the word).
        word.clear();
        for (size_t k = 0; k < w.size(); ++k) {
          if (static_cast<unsigned char>(w[k]) == 0xE2) {
            word.push_back('\'');
            k += 2;
          } else {
            word.push_back(w[k]);
          }
        }
        w = word;
      }
      Token& t = out.emplace_back();
      std::string& lw = t.lower;
      lw.assign(w);
      for (char& ch : lw) ch = ToLower(ch);
      size_t len = w.size();
      if (len > 2 && lw[len - 2] == '\'' && lw[len - 1] == 's') len -= 2;
      // "North Korean-made missiles": the origin is what matters.
      if (hyphen) {
        static constexpr std::string_view kOrigins[] = {"-made", "-built", "-supplied",
                                                        "-produced", "-origin"};
        for (std::string_view suf : kOrigins) {
          if (len > suf.size() && std::string_view(lw).substr(len - suf.size(), suf.size()) == suf) {
            len -= suf.size();
            break;
          }
        }
      }
      lw.resize(len);
      t.text.assign(w.data(), len);
      std::string_view word_view = w;
      unsigned char f = word_view[0];
      t.digits = IsDigit(f);
      t.cap = IsUpper(f) || f >= 0x80;  // accented initials count as capitals
      int letters = 0, uppers = 0;
      for (size_t k = 0; k < len; ++k) {
        unsigned char ch = word_view[k];
        if (IsAlpha(ch)) {
          ++letters;
          if (IsUpper(ch)) ++uppers;
        }
      }
      t.upper = letters >= 2 && letters == uppers;
      continue;
    }
    if (c == '\'' || c == '`') {
      ++i;
      continue;
    }
    push_punct(static_cast<char>(c));
    ++i;
  }
}

bool In(const std::vector<std::string_view>& list, std::string_view w) {
  return std::find(list.begin(), list.end(), w) != list.end();
}

// Whether `phrase` (lowercase words separated by single spaces) starts at token i; returns
// the number of tokens it spans, 0 when it does not match.
size_t PhraseAt(const std::vector<Token>& toks, size_t i, std::string_view phrase) {
  size_t n = 0;
  size_t pos = 0;
  while (pos <= phrase.size()) {
    size_t sp = phrase.find(' ', pos);
    if (sp == std::string_view::npos) sp = phrase.size();
    std::string_view w = phrase.substr(pos, sp - pos);
    if (i + n >= toks.size() || toks[i + n].lower != w) return 0;
    ++n;
    pos = sp + 1;
  }
  return n;
}

// A list of phrases split into words once, in list order. `first` is the LexBit its first
// words carry: a token without it starts none of the phrases.
struct PhraseList {
  PhraseList(const std::vector<std::string_view>& list, uint32_t first_bit) : first(first_bit) {
    for (std::string_view p : list) {
      std::vector<std::string_view>& words = phrases.emplace_back();
      size_t pos = 0;
      while (pos <= p.size()) {
        size_t sp = p.find(' ', pos);
        if (sp == std::string_view::npos) sp = p.size();
        words.push_back(p.substr(pos, sp - pos));
        pos = sp + 1;
      }
    }
  }
  std::vector<std::vector<std::string_view>> phrases;
  uint32_t first;
};

const PhraseList& DenialPhrases() {
  static const PhraseList k(DenialWords(), kDenialFirst);
  return k;
}
const PhraseList& HedgePhrases() {
  static const PhraseList k(HedgeWords(), kHedgeFirst);
  return k;
}
const PhraseList& ReportedPhrases() {
  static const PhraseList k(ReportedWords(), kReportedFirst);
  return k;
}

// Length of the first phrase of `list` that starts at token i, or 0.
size_t AnyPhraseAt(const std::vector<Token>& toks, size_t i, const PhraseList& list) {
  if (!Is(toks[i], list.first)) return 0;
  for (const std::vector<std::string_view>& words : list.phrases) {
    size_t n = 0;
    while (n < words.size() && i + n < toks.size() && toks[i + n].lower == words[n]) ++n;
    if (n == words.size()) return n;
  }
  return 0;
}

bool ContainsPhrase(const std::vector<Token>& toks, const PhraseList& list) {
  for (size_t i = 0; i < toks.size(); ++i)
    if (AnyPhraseAt(toks, i, list)) return true;
  return false;
}

struct Mention {
  size_t begin = 0, end = 0;  // token range
  std::string key;
  std::string display;
  bool gazetteer = false;
};

struct EventMatch {
  int cls = -1;
  size_t first = 0, last = 0;  // token range of the trigger words
  bool evidence = false;       // weapon of a named origin, no transfer verb
};

const std::vector<std::string_view>& Months() {
  static const std::vector<std::string_view> k = {
      "january", "february", "march",     "april",   "may",      "june",    "july",
      "august",  "september", "october",  "november", "december", "jan",    "feb",
      "mar",     "apr",       "jun",      "jul",      "aug",      "sep",    "sept",
      "oct",     "nov",       "dec"};
  return k;
}

// Number words and their values (Token::info->number; -1 for any other word).
const std::map<std::string_view, double>& NumberWords() {
  static const std::map<std::string_view, double> kWords = {
      {"two", 2},       {"three", 3},     {"four", 4},       {"five", 5},      {"six", 6},
      {"seven", 7},     {"eight", 8},     {"nine", 9},       {"ten", 10},      {"eleven", 11},
      {"twelve", 12},   {"thirteen", 13}, {"fourteen", 14},  {"fifteen", 15},  {"sixteen", 16},
      {"seventeen", 17}, {"eighteen", 18}, {"nineteen", 19}, {"twenty", 20},   {"thirty", 30},
      {"forty", 40},    {"fifty", 50},    {"sixty", 60},     {"seventy", 70},  {"eighty", 80},
      {"ninety", 90},   {"hundred", 100}, {"dozen", 12},     {"dozens", 24},   {"hundreds", 200},
      {"thousands", 2000}};
  return kWords;
}

// What the cue verb says: the CueHas tests Build makes of it.
struct CueFlags {
  bool deny = false, accuse = false, question = false, report = false, hedge = false;
};
CueFlags ReadCue(std::string_view cue);

}  // namespace

struct ClaimBuilder::Rep {
  sb_stemmer* stemmer = nullptr;
  // Gazetteer phrase -> entry index; phrases of up to kMaxPhrase words.
  std::unordered_map<std::string, size_t> phrases;
  std::unordered_map<std::string, size_t> upper_phrases;
  static constexpr size_t kMaxPhrase = 6;
  int north_korea = -1, south_korea = -1;  // gazetteer entries of "the North", "the South"
  std::vector<bool> class_has_verbs;       // by event class
  // What the word lists say of a word as printed (lowercased) and of a stem; Info joins the
  // two with the word's stem.
  std::unordered_map<std::string, WordInfo> lexicon;
  std::unordered_map<std::string, WordInfo> stem_lexicon;
  // Every word seen, with its stem and lexicon bits: the stemmer and the lists are consulted
  // once per distinct word. Tokens point into it, so it is cleared (when it has grown past
  // kMaxWords) only between statements.
  StringCache<WordInfo> words;
  static constexpr size_t kMaxWords = size_t{1} << 16;
  // Longer words, names and cues are not cached (a few odd inputs must not fill memory); the
  // information of such words lives here until the next statement.
  static constexpr size_t kMaxCachedBytes = 64;
  std::deque<WordInfo> uncached_words;
  // EntityKeyOf by name: speakers repeat from statement to statement.
  struct EntityName {
    std::string key, display;
  };
  StringCache<EntityName> entity_names;
  EntityName uncached_name;
  static constexpr size_t kMaxEntityNames = size_t{1} << 14;
  // What a cue verb says (CueFlags), by the cue as given: a few verbs make most cues.
  StringCache<CueFlags> cues;
  static constexpr size_t kMaxCues = size_t{1} << 12;
  // Scratch reused by every Build.
  std::vector<Token> toks, ctx;
  std::string phrase;

  ~Rep() {
    if (stemmer) sb_stemmer_delete(stemmer);
  }

  std::string Stem(const std::string& lower) {
    if (!stemmer || lower.empty()) return lower;
    const sb_symbol* s = sb_stemmer_stem(stemmer, reinterpret_cast<const sb_symbol*>(lower.data()),
                                         static_cast<int>(lower.size()));
    if (!s) return lower;
    return std::string(reinterpret_cast<const char*>(s), sb_stemmer_length(stemmer));
  }

  // Bounds the caches; only between statements, since tokens point into `words`.
  void TrimCaches() {
    uncached_words.clear();
    if (words.size() > kMaxWords) words.Clear();
    if (entity_names.size() > kMaxEntityNames) entity_names.Clear();
    if (cues.size() > kMaxCues) cues.Clear();
  }

  CueFlags CachedCueFlags(std::string_view cue) {
    if (cue.size() > kMaxCachedBytes) return ReadCue(cue);
    const uint64_t h = StringCache<CueFlags>::Hash(cue);
    if (const CueFlags* f = cues.Find(cue, h)) return *f;
    return *cues.Insert(cue, h, ReadCue(cue));
  }

  const WordInfo* Info(const std::string& lower) {
    if (lower.size() > kMaxCachedBytes) return &uncached_words.emplace_back(NewWordInfo(lower));
    const uint64_t h = StringCache<WordInfo>::Hash(lower);
    if (const WordInfo* info = words.Find(lower, h)) return info;
    return words.Insert(lower, h, NewWordInfo(lower));
  }

  WordInfo NewWordInfo(const std::string& lower) {
    WordInfo info;
    if (auto it = lexicon.find(lower); it != lexicon.end()) info = it->second;
    info.stem = Stem(lower);
    if (auto it = stem_lexicon.find(info.stem); it != stem_lexicon.end()) {
      info.lex |= it->second.lex;
      info.single |= it->second.single;
      info.verb |= it->second.verb;
      info.noun |= it->second.noun;
    }
    return info;
  }

  // Tokenize, with each token's word information and (words only) stem.
  void Tokens(std::string_view s, std::vector<Token>* out) {
    Tokenize(s, out);
    for (Token& t : *out) {
      t.info = Info(t.lower);
      if (!t.punct) t.stem = t.info->stem;
    }
  }

  // Gazetteer entry matched at token i: sets *len, returns the entry index or -1.
  int GazetteerAt(const std::vector<Token>& toks, size_t i, bool korea_context, size_t* len) {
    // Phrases longer than the longest one starting with this word cannot match.
    const size_t longest = toks[i].punct ? 0 : toks[i].info->gazetteer_words;
    for (size_t n = std::min({longest, kMaxPhrase, toks.size() - i}); n >= 1; --n) {
      phrase.clear();
      bool ok = true, all_upper = true;
      for (size_t k = 0; k < n; ++k) {
        if (toks[i + k].punct) {
          ok = false;
          break;
        }
        if (k) phrase.push_back(' ');
        phrase += toks[i + k].lower;
        all_upper = all_upper && toks[i + k].upper;
      }
      if (!ok) continue;
      if (auto it = phrases.find(phrase); it != phrases.end()) {
        // Lowercase "washington" or "china" in running text is still the place; but a
        // lowercase "american" as in "american football" is rare enough to accept.
        *len = n;
        return static_cast<int>(it->second);
      }
      if (all_upper) {
        if (auto it = upper_phrases.find(phrase); it != upper_phrases.end()) {
          *len = n;
          return static_cast<int>(it->second);
        }
      }
    }
    // "the North" is North Korea only where Korea is the subject; never "the South" blindly
    // into one party: each maps to its own key.
    if (korea_context && i + 1 < toks.size() && toks[i].lower == "the"sv && toks[i + 1].cap) {
      int want = toks[i + 1].lower == "north"sv   ? north_korea
                 : toks[i + 1].lower == "south"sv ? south_korea
                                                : -1;
      if (want >= 0 && (i + 2 >= toks.size() || !toks[i + 2].cap)) {
        *len = 2;
        return want;
      }
    }
    return -1;
  }

  // Named entities in `toks`: gazetteer phrases, then capitalised sequences (people keyed by
  // surname, organisations and places by their whole name).
  std::vector<Mention> Entities(const std::vector<Token>& toks, bool korea_context) {
    std::vector<Mention> out;
    const auto& g = Gazetteer();
    size_t i = 0;
    while (i < toks.size()) {
      size_t len = 0;
      int e = GazetteerAt(toks, i, korea_context, &len);
      if (e >= 0) {
        out.push_back({i, i + len, std::string(g[e].key), std::string(g[e].display), true});
        i += len;
        continue;
      }
      const Token& t = toks[i];
      if (t.punct || t.digits || !t.cap || t.info->number >= 0) {
        ++i;
        continue;
      }
      size_t j = i;
      std::vector<size_t> words;
      while (j < toks.size() && !toks[j].punct && !toks[j].digits && toks[j].cap) {
        size_t l2 = 0;
        if (j > i && GazetteerAt(toks, j, korea_context, &l2) >= 0) break;
        words.push_back(j);
        ++j;
      }
      size_t end = j;
      // Drop sentence-initial function words and titles at the front.
      while (!words.empty() && Is(toks[words.front()], kCapitalStopword | kTitle))
        words.erase(words.begin());
      if (words.empty()) {
        i = std::max(end, i + 1);
        continue;
      }
      bool org = false;
      for (size_t w : words) org = org || Is(toks[w], kOrgWord);
      std::string display, key;
      for (size_t w : words) {
        if (!display.empty()) display.push_back(' ');
        display += toks[w].text;
      }
      if (org || words.size() > 3) {
        for (size_t w : words) {
          if (!key.empty()) key.push_back('-');
          key += toks[w].lower;
        }
      } else {
        key = toks[words.back()].lower;  // "Vladimir Putin", "Mr Putin", "Putin" meet
      }
      out.push_back({words.front(), end, key, display, false});
      i = end;
    }
    return out;
  }

  // EntityKeyOf, remembered by name.
  // The result stays valid until the next call.
  const EntityName& CachedEntityKey(std::string_view name) {
    if (name.size() > kMaxCachedBytes) {
      uncached_name.display.clear();
      uncached_name.key = EntityKeyOf(name, &uncached_name.display);
      return uncached_name;
    }
    const uint64_t h = StringCache<EntityName>::Hash(name);
    if (const EntityName* e = entity_names.Find(name, h)) return *e;
    EntityName e;
    e.key = EntityKeyOf(name, &e.display);
    return *entity_names.Insert(name, h, std::move(e));
  }

  std::string EntityKeyOf(std::string_view name, std::string* display) {
    std::vector<Token> toks;
    Tokens(name, &toks);
    if (toks.empty()) return "";
    size_t len = 0;
    const auto& g = Gazetteer();
    // A whole-name gazetteer match first ("North Korea", "Seoul", "the White House").
    size_t start = toks[0].lower == "the"sv ? 1 : 0;
    if (start < toks.size()) {
      int e = GazetteerAt(toks, start, true, &len);
      if (e >= 0 && start + len == toks.size()) {
        if (display) *display = std::string(g[e].display);
        return std::string(g[e].key);
      }
    }
    // A person ("Vladimir Putin", "Russian President Vladimir Putin"): the surname.
    std::vector<Mention> ms = Entities(toks, true);
    for (const Mention& m : ms) {
      if (!m.gazetteer) {
        if (display) *display = m.display;
        return m.key;
      }
    }
    // A group named by its country ("Ukrainian officials", "the Russian foreign ministry").
    for (const Mention& m : ms) {
      if (display) *display = m.display;
      return m.key;
    }
    std::string norm = NormalizeName(name);
    std::replace(norm.begin(), norm.end(), ' ', '-');
    if (display) *display = std::string(name);
    return norm;
  }

  // The first event class in `toks`, by class priority.
  EventMatch FindEvent(const std::vector<Token>& toks) {
    const size_t kWindow = 5;
    // Classes with a single trigger or a verb in the statement: no other class can match.
    uint32_t candidates = 0;
    for (const Token& t : toks)
      if (!t.punct) candidates |= t.info->single | t.info->verb;
    for (size_t c = 0; c < class_has_verbs.size(); ++c) {
      const uint32_t bit = uint32_t{1} << c;
      if (!(candidates & bit)) continue;
      for (size_t i = 0; i < toks.size(); ++i) {
        if (toks[i].punct) continue;
        if (toks[i].info->single & bit) return {static_cast<int>(c), i, i, false};
      }
      if (!class_has_verbs[c]) continue;
      for (size_t i = 0; i < toks.size(); ++i) {
        if (toks[i].punct || !(toks[i].info->verb & bit)) continue;
        size_t lo = i >= kWindow ? i - kWindow : 0;
        size_t hi = std::min(toks.size(), i + kWindow + 1);
        for (size_t k = lo; k < hi; ++k) {
          if (k == i || toks[k].punct || !(toks[k].info->noun & bit)) continue;
          // "armed aggression" and "the army" share the stem of "arms" but are not weapons.
          if (toks[k].stem == "arm"sv && toks[k].lower != "arms"sv) continue;
          // The verb and its object must sit in one clause.
          bool broken = false;
          for (size_t m = std::min(i, k) + 1; m < std::max(i, k); ++m)
            if (toks[m].punct || toks[m].lower == "but"sv || toks[m].lower == "which"sv) broken = true;
          if (broken) continue;
          return {static_cast<int>(c), std::min(i, k), std::max(i, k), false};
        }
      }
    }
    return {};
  }
};

ClaimBuilder::ClaimBuilder(std::unique_ptr<Rep> rep) : rep_(std::move(rep)) {}
ClaimBuilder::~ClaimBuilder() = default;

Result<std::unique_ptr<ClaimBuilder>> ClaimBuilder::Create() {
  auto rep = std::make_unique<Rep>();
  rep->stemmer = sb_stemmer_new("english", "UTF_8");
  if (!rep->stemmer) return Status::IOError("cannot create the Snowball English stemmer");
  const auto& defs = EventClasses();
  if (defs.size() > 32) return Status::InvalidArgument("more than 32 event classes");
  auto word = [&](std::string_view w) -> WordInfo& { return rep->lexicon[std::string(w)]; };
  auto stem = [&](std::string_view w) -> WordInfo& {
    return rep->stem_lexicon[rep->Stem(std::string(w))];
  };
  const auto& g = Gazetteer();
  for (size_t e = 0; e < g.size(); ++e) {
    for (std::string_view p : g[e].phrases) rep->phrases.emplace(std::string(p), e);
    for (std::string_view p : g[e].upper_phrases) rep->upper_phrases.emplace(std::string(p), e);
    for (const auto* list : {&g[e].phrases, &g[e].upper_phrases}) {
      for (std::string_view p : *list) {
        WordInfo& first = word(p.substr(0, p.find(' ')));
        size_t n = std::count(p.begin(), p.end(), ' ') + 1;
        first.gazetteer_words =
            static_cast<uint8_t>(std::max<size_t>(first.gazetteer_words, std::min<size_t>(n, 255)));
      }
    }
    if (g[e].key == "north-korea"sv && rep->north_korea < 0) rep->north_korea = static_cast<int>(e);
    if (g[e].key == "south-korea"sv && rep->south_korea < 0) rep->south_korea = static_cast<int>(e);
  }
  for (size_t c = 0; c < defs.size(); ++c) {
    const EventClassDef& d = defs[c];
    const uint32_t bit = uint32_t{1} << c;
    for (std::string_view w : d.singles) {
      word(w).single |= bit;
      // "arming" shares its stem with "armed" and "arms": it matches as printed only.
      std::string s = rep->Stem(std::string(w));
      if (s != "arm"sv && s != "rearm"sv) rep->stem_lexicon[s].single |= bit;
    }
    for (std::string_view w : d.verbs) stem(w).verb |= bit;
    for (std::string_view w : d.nouns) stem(w).noun |= bit;
    rep->class_has_verbs.push_back(!d.verbs.empty());
  }
  for (std::string_view w : {"kill", "killed", "dead", "die", "died", "death", "deaths",
                             "fatalities", "slain", "toll", "lives"})
    stem(w).lex |= kCasualtyDeath;
  for (std::string_view w : {"wound", "wounded", "injure", "injured", "injuries", "hurt"})
    stem(w).lex |= kCasualtyInjury;
  const std::pair<const std::vector<std::string_view>*, uint32_t> lists[] = {
      {&CapitalStopwords(), kCapitalStopword},
      {&Titles(), kTitle},
      {&OrgWords(), kOrgWord},
      {&LocationPrepositions(), kLocationPreposition},
      {&WeaponNouns(), kWeaponNoun},
      {&AccuseCues(), kAccuseCue},
      {&Negators(), kNegator},
      {&FalsityWords(), kFalsity},
      {&ClauseBreaks(), kClauseBreak},
      {&Months(), kMonth}};
  for (const auto& [list, bit] : lists)
    for (std::string_view w : *list) word(w).lex |= bit;
  for (const PhraseList* list : {&DenialPhrases(), &HedgePhrases(), &ReportedPhrases()})
    for (const std::vector<std::string_view>& words : list->phrases)
      word(words.front()).lex |= list->first;
  for (const auto& [w, value] : NumberWords()) word(w).number = value;
  for (const auto& [w, id] : kWordIds) word(w).word = id;
  for (std::string_view w : {"korea", "korean", "pyongyang", "seoul"}) word(w).lex |= kKoreaWord;
  return std::unique_ptr<ClaimBuilder>(new ClaimBuilder(std::move(rep)));
}

std::string ClaimBuilder::EntityKey(std::string_view name) {
  rep_->TrimCaches();
  return rep_->CachedEntityKey(name).key;
}

namespace {

// The lowercase cue padded with a space each side, every byte but an ASCII letter or digit a
// space: what CueHas searches.
std::string PadCue(std::string_view cue_lower) {
  std::string padded;
  padded.reserve(cue_lower.size() + 2);
  padded.push_back(' ');
  padded.append(cue_lower);
  padded.push_back(' ');
  for (char& c : padded)
    if (!IsAsciiAlnum(static_cast<unsigned char>(c))) c = ' ';
  return padded;
}

// True when the padded cue contains one of `list` as whole words (" w ").
bool CueHas(const std::string& padded, const std::vector<std::string_view>& list) {
  for (std::string_view w : list) {
    for (size_t p = padded.find(w, 1); p != std::string::npos; p = padded.find(w, p + 1)) {
      if (padded[p - 1] == ' ' && p + w.size() < padded.size() && padded[p + w.size()] == ' ')
        return true;
    }
  }
  return false;
}

CueFlags ReadCue(std::string_view cue) {
  static const std::vector<std::string_view> kReportCues = {"reported", "reports", "report"};
  const std::string padded = PadCue(Lower(cue));
  CueFlags f;
  f.deny = CueHas(padded, DenyCues());
  f.accuse = CueHas(padded, AccuseCues());
  f.question = CueHas(padded, QuestionCues());
  f.report = CueHas(padded, kReportCues);
  f.hedge = CueHas(padded, HedgeCues());
  return f;
}

bool IsNegatorAt(const std::vector<Token>& toks, size_t i, size_t* len) {
  const Token& t = toks[i];
  *len = 1;
  if (t.punct) return false;
  if (Is(t, kNegator)) return true;
  if (t.lower.size() > 3 && t.lower.compare(t.lower.size() - 3, 3, "n't") == 0) return true;
  if (size_t n = AnyPhraseAt(toks, i, DenialPhrases())) {
    *len = n;
    return true;
  }
  return false;
}

bool IsBreak(const Token& t) { return Is(t, kClauseBreak); }

// Number of negations whose scope covers the trigger tokens [first, last]: negators before the
// trigger in the same clause (at most 8 words back), inside it, and words of falsity after it
// ("the claims of an arms trade are baseless").
int NegationsInScope(const std::vector<Token>& toks, size_t first, size_t last) {
  int count = 0;
  size_t lo = first >= 8 ? first - 8 : 0;
  for (size_t i = first; i-- > lo;) {
    if (IsBreak(toks[i])) break;
    size_t len = 0;
    if (IsNegatorAt(toks, i, &len)) {
      // "not only" and "no doubt" do not negate.
      if (i + 1 < toks.size() && (toks[i + 1].lower == "only"sv || toks[i + 1].lower == "doubt"sv))
        continue;
      ++count;
    }
  }
  for (size_t i = first + 1; i <= last && i < toks.size(); ++i) {
    size_t len = 0;
    if (IsNegatorAt(toks, i, &len)) ++count;
  }
  // After the trigger: words of falsity anywhere in the clause; a plain negator only before
  // the next "and" ("Russia supplied arms and did not hide it" affirms the supply).
  bool past_and = false;
  for (size_t i = last + 1; i < toks.size() && i <= last + 10; ++i) {
    if (IsBreak(toks[i]) || toks[i].lower == "."sv) break;
    if (toks[i].lower == "and"sv) past_and = true;
    size_t len = 0;
    static const std::vector<std::string_view> kHappen = {
        "happen", "happened", "true", "exist", "existed", "occur", "occurred",
        "real",   "take",     "took"};
    if (Is(toks[i], kFalsity)) {
      ++count;
    } else if (!past_and && i <= last + 3 && IsNegatorAt(toks, i, &len) && len == 1 &&
               i + 1 < toks.size() && In(kHappen, toks[i + 1].lower)) {
      // "the arms trade did not happen"; but not "his resignation must not be swept under
      // the carpet", where the negation is about something else.
      ++count;
    }
  }
  return count;
}

struct ParsedNumber {
  ClaimNumber number;
  size_t pos = 0;
};

bool IsMonth(const Token& t) { return Is(t, kMonth); }

}  // namespace

Claim ClaimBuilder::Build(const ClaimInput& in) {
  Rep& r = *rep_;
  r.TrimCaches();
  Claim c;
  c.asserters = in.speaker_ids;
  std::vector<std::string> asserter_displays;
  for (const std::string& name : in.speakers) {
    const Rep::EntityName& e = r.CachedEntityKey(name);
    if (!e.key.empty() &&
        std::find(c.asserter_entities.begin(), c.asserter_entities.end(), e.key) ==
            c.asserter_entities.end()) {
      c.asserter_entities.push_back(e.key);
      asserter_displays.push_back(e.display);
    }
  }

  std::vector<Token>& toks = r.toks;
  r.Tokens(in.text, &toks);
  // The context is read only for what needs it: Korea in the context (for "the North" in
  // the statement), "the two"/"both", and the accused of an accusation. Most statements need
  // none of them, so it is tokenised and its entities found on first use.
  std::vector<Token>& ctx = r.ctx;
  bool ctx_ready = false;
  auto need_ctx = [&]() {
    if (!ctx_ready) r.Tokens(in.context, &ctx);
    ctx_ready = true;
  };
  auto has_korea = [](const std::vector<Token>& v) {
    for (const Token& t : v)
      if (Is(t, kKoreaWord)) return true;
    return false;
  };
  int korea_known = -1;
  auto korea = [&]() {
    if (korea_known < 0) {
      bool k = has_korea(toks);
      if (!k) {
        need_ctx();
        k = has_korea(ctx);
      }
      korea_known = k ? 1 : 0;
    }
    return korea_known == 1;
  };
  // Korea matters to GazetteerAt only at "the North" / "the South".
  auto north_south = [](const std::vector<Token>& v) {
    for (size_t i = 0; i + 1 < v.size(); ++i)
      if (Is(v[i], kThe) && (Is(v[i + 1], kNorth) || Is(v[i + 1], kSouth)))
        return true;
    return false;
  };
  const CueFlags cue = r.CachedCueFlags(in.cue);
  const bool deny_cue = cue.deny;
  const bool accuse_cue = cue.accuse;

  // Entities: display names by key, participants and places in order of appearance.
  std::map<std::string, std::string> display;
  for (size_t i = 0; i < c.asserter_entities.size(); ++i)
    display[c.asserter_entities[i]] = asserter_displays[i];
  std::vector<Mention> mentions = r.Entities(toks, north_south(toks) && korea());
  std::vector<Mention> ctx_mentions;
  bool ctx_mentions_ready = false;
  auto need_ctx_mentions = [&]() {
    if (ctx_mentions_ready) return;
    need_ctx();
    ctx_mentions = r.Entities(ctx, north_south(ctx) && korea());
    ctx_mentions_ready = true;
  };

  // "the two", "both" refer to the last two distinct parties named before the statement that
  // are not its speakers ("... between Russia and North Korea, and have accused the two of").
  auto last_two = [&](size_t ctx_end) {
    need_ctx_mentions();
    std::vector<Mention> picked;
    for (size_t k = ctx_mentions.size(); k-- > 0 && picked.size() < 2;) {
      const Mention& m = ctx_mentions[k];
      if (m.end > ctx_end) continue;
      if (std::find(c.asserter_entities.begin(), c.asserter_entities.end(), m.key) !=
          c.asserter_entities.end())
        continue;
      bool dup = false;
      for (const Mention& p : picked) dup = dup || p.key == m.key;
      if (!dup) picked.push_back(m);
    }
    return picked;
  };
  std::vector<Mention> resolved;  // entities from pronouns and "the two"
  for (size_t i = 0; i + 1 < toks.size(); ++i) {
    bool two = (Is(toks[i], kThe) && Is(toks[i + 1], kTwo)) ||
               (Is(toks[i], kBoth) && (i + 1 >= toks.size() || !Is(toks[i + 1], kOf)));
    if (!two) continue;
    need_ctx();
    for (Mention m : last_two(ctx.size())) {
      m.begin = m.end = i;
      resolved.push_back(m);
    }
    break;
  }
  // The accused of "A accused B of X" sits between the cue and the content: in the context
  // after the cue word.
  if (accuse_cue) need_ctx();
  if (accuse_cue && !ctx.empty()) {
    size_t cue_pos = ctx.size();
    for (size_t i = ctx.size(); i-- > 0;) {
      if (Is(ctx[i], kAccuseCue)) {
        cue_pos = i;
        break;
      }
    }
    if (cue_pos < ctx.size()) {
      bool two = false;
      for (size_t i = cue_pos + 1; i + 1 < ctx.size(); ++i)
        two = two || (Is(ctx[i], kThe) && Is(ctx[i + 1], kTwo)) || Is(ctx[i], kBoth);
      if (two) {
        for (Mention m : last_two(cue_pos)) {
          m.begin = m.end = 0;
          resolved.push_back(m);
        }
      }
      need_ctx_mentions();
      for (const Mention& m : ctx_mentions) {
        if (m.begin > cue_pos) {
          Mention copy = m;
          copy.begin = copy.end = 0;
          resolved.push_back(copy);
        }
      }
    }
  }
  // Pronouns that stand for the speaker: first person anywhere, third person as the subject
  // at the head of reported speech ("South Korea said it would ...").
  bool self_reference = false;
  for (size_t i = 0; i < toks.size(); ++i) {
    const WordId w = toks[i].info->word;
    bool first_person = (w == kWe || w == kI || w == kOur || w == kMy || w == kMe) ||
                        (w == kUs && !toks[i].upper);
    bool third_subject = (w == kIt || w == kThey || w == kHe || w == kShe) &&
                         (i <= 1 || Is(toks[i - 1], kThat));
    // A dummy "it" ("it remains to be seen", "it is unclear") stands for no one.
    static const std::vector<std::string_view> kDummyVerbs = {"is",    "was",     "remains",
                                                              "seems", "appears", "s"};
    if (w == kIt && i + 1 < toks.size() && In(kDummyVerbs, toks[i + 1].lower))
      third_subject = false;
    if (first_person || third_subject) self_reference = true;
  }

  EventMatch ev = r.FindEvent(toks);
  // Weapons of a named origin with no transfer verb ("North Korean missile debris") are
  // evidence that the origin supplied them: an arms transfer by that party.
  std::vector<std::string> evidence_origin;
  if (ev.cls < 0) {
    for (const Mention& m : mentions) {
      if (!m.gazetteer) continue;
      for (size_t k = m.end; k < toks.size() && k <= m.end + 1; ++k) {
        if (Is(toks[k], kWeaponNoun)) {
          evidence_origin.push_back(m.key);
          display[m.key] = m.display;
          if (ev.cls < 0) ev = {0, k, k, true};
        }
      }
    }
  }

  if (ev.cls >= 0) {
    const EventClassDef& def = EventClasses()[ev.cls];
    c.event_class = std::string(def.name);
    std::string pred;
    for (size_t k = ev.first; k <= ev.last && k < toks.size(); ++k) {
      if (!pred.empty()) pred.push_back(' ');
      pred += toks[k].text;
    }
    c.predicate = pred;
  }

  std::set<std::string> participants, objects;
  if (ev.evidence) {
    participants.insert(evidence_origin.begin(), evidence_origin.end());
  } else {
    const bool located = ev.cls >= 0 && EventClasses()[ev.cls].located;
    for (const Mention& m : mentions) {
      display.emplace(m.key, m.display);
      bool place = m.begin > 0 && Is(toks[m.begin - 1], kLocationPreposition);
      // "in eastern Ukraine": one adjective between the preposition and the place.
      if (!place && m.begin > 1 && !toks[m.begin - 1].cap &&
          Is(toks[m.begin - 2], kLocationPreposition))
        place = true;
      if (place && !located) {
        objects.insert(m.key);
      } else {
        participants.insert(m.key);
      }
    }
    for (const Mention& m : resolved) {
      display.emplace(m.key, m.display);
      participants.insert(m.key);
    }
    if (self_reference)
      participants.insert(c.asserter_entities.begin(), c.asserter_entities.end());
    // "Iran denied sending drones to Russia", "Russia and North Korea have denied any arms
    // trade": a denial whose content opens with a gerund or a determiner denies the act of
    // the deniers themselves.
    if (deny_cue && !toks.empty()) {
      const std::string& w = toks[0].lower;
      bool gerund = w.size() > 4 && w.compare(w.size() - 3, 3, "ing") == 0;
      static const std::vector<std::string_view> kOpeners = {
          "any", "a", "an", "the", "all", "claims", "allegations", "reports", "accusations",
          "having", "ever"};
      if (gerund || In(kOpeners, w))
        participants.insert(c.asserter_entities.begin(), c.asserter_entities.end());
    }
    // A statement that names no one is about its speaker ("There will be no increase in
    // income tax", said by the finance minister): that is what lets one speaker's reversals
    // meet at one proposition.
    if (participants.empty())
      participants.insert(c.asserter_entities.begin(), c.asserter_entities.end());
  }
  for (const std::string& o : objects)
    if (!participants.count(o)) c.objects.push_back(display.count(o) ? display[o] : o);
  c.participants.assign(participants.begin(), participants.end());

  // Polarity: the cue, then negations in scope of the trigger.
  int negations = deny_cue ? 1 : 0;
  if (ev.cls >= 0) negations += NegationsInScope(toks, ev.first, ev.last);
  c.polarity = negations % 2 ? Polarity::kDeny : Polarity::kAffirm;

  // Modality: a question, something relayed, hedged, else a flat assertion.
  bool question = cue.question;
  for (const Token& t : toks) question = question || Is(t, kQuestionMark);
  bool media = false;
  for (SpeakerKind k : in.speaker_kinds) media = media || k == SpeakerKind::kMedia;
  bool reported = ContainsPhrase(toks, ReportedPhrases()) || (media && cue.report);
  bool hedged = cue.hedge;
  for (size_t i = 0; i < toks.size() && !hedged; ++i) {
    // "May" with a capital is the month.
    if (Is(toks[i], kMay) && toks[i].cap) continue;
    if (AnyPhraseAt(toks, i, HedgePhrases())) hedged = true;
  }
  c.modality = question   ? Modality::kQuestion
               : reported ? Modality::kReported
               : hedged   ? Modality::kHedged
                          : Modality::kAsserted;

  // Numbers with what they count.
  const bool casualties = c.event_class == "casualties"sv;
  for (size_t i = 0; i < toks.size(); ++i) {
    const Token& t = toks[i];
    double value = -1;
    if (t.digits) {
      std::string digits;
      bool bad = false;
      for (char ch : t.lower) {
        if (IsDigit(static_cast<unsigned char>(ch)) || ch == '.') digits.push_back(ch);
        else if (ch == ',') continue;
        else if (digits.empty()) bad = true;
        else break;
      }
      if (bad || digits.empty()) continue;
      value = std::atof(digits.c_str());
      size_t suffix_at = t.lower.find_first_not_of("0123456789.,");
      std::string suffix = suffix_at == std::string::npos ? "" : t.lower.substr(suffix_at);
      if (suffix == "bn"sv) value *= 1e9;
      else if (suffix == "m"sv) value *= 1e6;
      else if (suffix == "k"sv) value *= 1e3;
      else if (suffix == "st"sv || suffix == "nd"sv || suffix == "rd"sv || suffix == "th"sv) continue;
      else if (!suffix.empty() && suffix != "p"sv && suffix != "pc"sv) continue;
      // Years and dates are not quantities.
      bool plain_int = t.lower.find_first_not_of("0123456789") == std::string::npos;
      if (plain_int && t.lower.size() == 4 && value >= 1800 && value <= 2100) continue;
      if (i > 0 && IsMonth(toks[i - 1])) continue;
      if (i + 1 < toks.size() && IsMonth(toks[i + 1])) continue;
      // Part of a name or a reference ("Article 51", "Resolution 1718").
      if (i > 0 && toks[i - 1].cap && !toks[i - 1].punct && !Is(toks[i - 1], kCapitalStopword))
        continue;
      if (i > 0 && (toks[i - 1].lower == "article"sv || toks[i - 1].lower == "resolution"sv))
        continue;
    } else {
      value = t.info->number;
      if (value < 0) continue;
      if (i > 0 && (toks[i - 1].lower == "the"sv || toks[i - 1].lower == "these"sv ||
                    toks[i - 1].lower == "those"sv))
        continue;
      static const std::vector<std::string_view> kNotCounted = {
          "of", "were", "was", "are", "is", "had", "have", "more", "times"};
      if (i + 1 >= toks.size() || toks[i + 1].punct || In(kNotCounted, toks[i + 1].lower))
        continue;
    }
    ClaimNumber n;
    n.value = value;
    n.text = t.text;
    // "dozens", "hundreds": an order of magnitude, not a count.
    if (!t.digits && t.lower.back() == 's' && t.lower != "tens"sv) n.qualifier = "about";
    size_t j = i + 1;
    // Scale words and units after the number.
    static const std::map<std::string_view, double> kScale = {
        {"thousand", 1e3}, {"million", 1e6}, {"billion", 1e9}, {"trillion", 1e12}};
    if (j < toks.size()) {
      if (auto it = kScale.find(toks[j].lower); it != kScale.end()) {
        n.value *= it->second;
        n.text += " " + toks[j].text;
        ++j;
      }
    }
    if (j < toks.size() && toks[j].lower == "%"sv) {
      n.unit = "%";
      ++j;
    } else if (j + 1 < toks.size() && toks[j].lower == "per"sv && toks[j + 1].lower == "cent"sv) {
      n.unit = "%";
      j += 2;
    } else if (j < toks.size() && toks[j].lower == "percent"sv) {
      n.unit = "%";
      ++j;
    }
    if (i > 0) {
      const std::string& p = toks[i - 1].lower;
      if (p == "$"sv) n.unit = "usd";
      else if (p == "\xc2\xa3"sv || p == "£"sv) n.unit = "gbp";
    }
    if (t.lower.size() > 1 && t.lower.back() == 'p' && n.unit.empty()) n.unit = "pence";
    // Qualifiers before the number.
    static const std::vector<std::string_view> kQualifiers = {
        "at least", "more than", "over", "about", "around", "nearly", "almost", "up to",
        "some", "approximately", "roughly", "fewer than", "less than", "at most", "as many as",
        "an estimated", "estimated"};
    for (std::string_view q : kQualifiers) {
      size_t words = std::count(q.begin(), q.end(), ' ') + 1;
      if (i >= words && PhraseAt(toks, i - words, q)) {
        n.qualifier = std::string(q);
        n.text = std::string(q) + " " + n.text;
        break;
      }
    }
    // The counted noun right after ("243 new items", "12 people").
    static const std::vector<std::string_view> kSkip = {
        "new", "more", "other", "additional", "extra", "further", "of", "the", "more", "than"};
    size_t k = j;
    while (k < toks.size() && !toks[k].punct && In(kSkip, toks[k].lower)) ++k;
    std::string noun;
    if (k < toks.size() && !toks[k].punct && !toks[k].digits) {
      noun = toks[k].stem;
      if (n.unit.empty()) n.unit = toks[k].lower;
    }
    // Nothing after ("bringing the total to 1,402"): what comes just before names it.
    if (noun.empty()) {
      static const std::vector<std::string_view> kGlue = {
          "to", "the", "of", "a", "by", "at", "from", "was", "is", "were", "are", "be",
          "reached", "rose", "stood", "now", "stands", "hit"};
      for (size_t back = 1; back <= 4 && back <= i; ++back) {
        const Token& p = toks[i - back];
        if (p.punct) break;
        if (In(kGlue, p.lower)) continue;
        noun = p.stem;
        break;
      }
    }
    // What the number counts: for casualties, deaths or injuries by the nearest such word.
    if (casualties) {
      size_t best = SIZE_MAX;
      std::string label;
      size_t lo = i >= 6 ? i - 6 : 0;
      for (size_t m = lo; m < toks.size() && m <= i + 6; ++m) {
        if (toks[m].punct) continue;
        size_t d = m > i ? m - i : i - m;
        // On a tie the word after the number wins: "12 were killed and 30 were wounded".
        bool closer = d < best || (d == best && m > i);
        if (closer && Is(toks[m], kCasualtyDeath)) best = d, label = "deaths";
        if (closer && Is(toks[m], kCasualtyInjury)) best = d, label = "injuries";
      }
      n.counts = label.empty() ? noun : label;
    } else {
      n.counts = n.unit == "%"sv || n.unit == "usd"sv || n.unit == "gbp"sv || n.unit == "pence"sv
                     ? (noun.empty() ? n.unit : n.unit + " " + noun)
                     : noun;
    }
    if (n.counts.empty()) continue;
    c.numbers.push_back(std::move(n));
  }

  c.proposition_key = PropositionKey(c.participants, c.event_class);
  if (c.proposition_key != 0) {
    std::string names;
    for (const std::string& p : c.participants) {
      if (!names.empty()) names += ", ";
      names += display.count(p) ? display[p] : p;
    }
    c.proposition = std::string(EventClasses()[ev.cls].display) + ": " + names;
  }
  return c;
}

ClaimInput ClaimInputFor(const Statement& st, const std::vector<std::string>& speakers,
                         std::string_view article_text) {
  ClaimInput in;
  in.text = st.text;
  in.cue = st.cue;
  in.kind = st.kind;
  in.speakers = speakers;
  in.speaker_ids = st.speaker_ids;
  if (!st.spans.empty() && st.spans.front().begin <= article_text.size()) {
    size_t end = st.spans.front().begin;
    // The statement's paragraph up to its content, at most ~600 bytes back: enough for the
    // sentence before, which is where "the two" and the accused are named.
    size_t para = article_text.rfind('\n', end == 0 ? 0 : end - 1);
    size_t begin = para == std::string_view::npos ? 0 : para + 1;
    if (end > begin + 600) begin = end - 600;
    if (begin > end) begin = end;
    in.context = article_text.substr(begin, end - begin);
  }
  return in;
}

}  // namespace quotedb
