// Word lists the extractor consults: reporting verbs in all their forms, honorifics, titles,
// auxiliaries, pronouns, and small gazetteers that decide a speaker's kind. All tables are
// built once, on first use, and are immutable afterwards (thread-safe).
#ifndef QUOTEDB_ENGINE_EXTRACT_LEXICON_H_
#define QUOTEDB_ENGINE_EXTRACT_LEXICON_H_

#include <cstdint>
#include <string_view>

namespace quotedb::extract {

// Word classes (bit flags; a word may be in several).
enum WordClass : uint32_t {
  kCue = 1u << 0,           // a reporting verb form
  kHonorific = 1u << 1,     // Mr, Mrs, Dr ... (stripped from names)
  kTitle = 1u << 2,         // president, senator, spokesman ... (kept as title)
  kAux = 1u << 3,           // has, had, was, would ... between subject and verb
  kAdverb = 1u << 4,        // also, later, repeatedly ... between subject and verb
  kSubjPronoun = 1u << 5,   // he she they it we i you
  kObjPronoun = 1u << 6,    // him her them us me reporters
  kDeterminer = 1u << 7,    // the a an some many his her their
  kPreposition = 1u << 8,   // in on at during to of ...
  kTimeWord = 1u << 9,      // monday ... yesterday earlier
  kNationality = 1u << 10,  // russian ukrainian ... (part of a title)
  kGovernment = 1u << 11,   // country and capital names, government words
  kMedia = 1u << 12,        // newspapers, agencies, broadcasters
  kDocument = 1u << 13,     // agreement treaty report statement poll
  kOrganisation = 1u << 14, // university institute party committee
  kPersonNoun = 1u << 15,   // spokesman official analyst source voters
  kConjunction = 1u << 16,  // and but or
  kRelative = 1u << 17,     // who which that
  kPlural = 1u << 18,       // officials sources voters (a group speaker)
  kStopCap = 1u << 19,      // capitalised words that are not names (The, But, In, ...)
  kParticle = 1u << 20,     // out up (point out, hold up)
  kWeakCue = 1u << 21,      // cue verbs that often are not attributions (show, call, want)
  kIngCue = 1u << 22,       // -ing form of a cue (saying, adding)
  kBaseCue = 1u << 23,      // bare form (say): needs a plural or pronoun subject
  kNounCue = 1u << 24,      // claim, statement, assertion ... ("his claim that")
  kTellVerb = 1u << 25,     // verbs with an addressee object (told reporters that)
  kFirstName = 1u << 26,    // common given names (person kind)
};

struct LexEntry {
  uint32_t classes = 0;
  uint16_t lemma = 0;  // index of the cue lemma (for cues)
};

// Looks up a lower-cased word. Returns nullptr when the word is in no list.
const LexEntry* Lookup(std::string_view lower);

inline uint32_t ClassesOf(std::string_view lower) {
  const LexEntry* e = Lookup(lower);
  return e ? e->classes : 0;
}

// The base form of cue lemma `id` ("say").
std::string_view CueLemma(uint16_t id);

}  // namespace quotedb::extract

#endif  // QUOTEDB_ENGINE_EXTRACT_LEXICON_H_
