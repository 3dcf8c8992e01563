// Word lists behind claim frames: the entity gazetteer, event classes and the polarity and
// modality cues. Data only; builder.cc stems the event words once when a builder is created.
#ifndef QUOTEDB_ENGINE_CLAIMS_LEXICON_H_
#define QUOTEDB_ENGINE_CLAIMS_LEXICON_H_

#include <string_view>
#include <vector>

namespace quotedb::claims {

// One named entity and the lowercased phrases that name it. Countries list their capital,
// demonym and official initials, so "Pyongyang", "DPRK" and "North Korean" meet at
// north-korea, while "South Korea" is a different key: phrases are matched whole, longest
// first, and no phrase is a bare "Korea".
struct GazetteerEntry {
  std::string_view key;      // "north-korea"
  std::string_view display;  // "North Korea"
  std::vector<std::string_view> phrases;
  // Phrases that only count when printed in capitals ("US" is a country, "us" a pronoun).
  std::vector<std::string_view> upper_phrases = {};
};
const std::vector<GazetteerEntry>& Gazetteer();

// An event class. It is recognised by any of `singles` alone, or by one of `verbs` within a
// few words of one of `nouns` ("trading in arms", "arms trade", "supplied weapons").
// Words are surface forms; the builder compares their Snowball stems.
struct EventClassDef {
  std::string_view name;     // "arms-transfer"
  std::string_view display;  // "arms transfer"
  std::vector<std::string_view> singles;
  std::vector<std::string_view> verbs;
  std::vector<std::string_view> nouns;
  // Places named after "in"/"at" are participants (where the event happened identifies it).
  bool located = false;
};
// In priority order: the first class found in a statement is its event class.
const std::vector<EventClassDef>& EventClasses();

// Nouns for weapons: "North Korean missile debris" is evidence of an arms transfer by the
// country of origin.
const std::vector<std::string_view>& WeaponNouns();

// Cue verbs (lowercased surface forms) by what they do to polarity and participants.
const std::vector<std::string_view>& DenyCues();     // denied, rejected, ruled out
const std::vector<std::string_view>& AccuseCues();   // accused, blamed, charged
const std::vector<std::string_view>& QuestionCues(); // asked, wondered
const std::vector<std::string_view>& HedgeCues();    // suggested, speculated, believes

// Words in the content.
const std::vector<std::string_view>& Negators();       // not, never, no, n't handled apart
const std::vector<std::string_view>& DenialWords();    // deny, reject, rule out (in the text)
const std::vector<std::string_view>& FalsityWords();   // false, baseless (after the trigger)
const std::vector<std::string_view>& HedgeWords();     // may, might, could, perhaps
const std::vector<std::string_view>& ReportedWords();  // reportedly, allegedly
const std::vector<std::string_view>& ClauseBreaks();   // but, which, because
const std::vector<std::string_view>& Titles();         // mr, president, minister
const std::vector<std::string_view>& CapitalStopwords();  // sentence-initial words, months
const std::vector<std::string_view>& OrgWords();       // university, ministry: keep the phrase
const std::vector<std::string_view>& LocationPrepositions();  // in, at, against, inside

}  // namespace quotedb::claims

#endif  // QUOTEDB_ENGINE_CLAIMS_LEXICON_H_
