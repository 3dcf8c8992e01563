// Cue lexicons for stance: words that refute, negate, hedge, report or confirm.
//
// The lists are written by hand from general English usage in news (not from any corpus):
// "hoax", "denied", "debunked" refute; "not", "never", "no" negate; "reportedly", "allegedly",
// "may" hedge; "said", "according" report; "confirmed", "proves" support.
#ifndef QUOTEDB_ENGINE_STANCE_LEXICON_H_
#define QUOTEDB_ENGINE_STANCE_LEXICON_H_

#include <string_view>

#include "stance/text_analysis.h"

namespace quotedb::stance {

enum Cue : CueMask {
  kCueRefute = 1 << 0,    // hoax, fake, false, debunk, deny, untrue, myth, satire
  kCueNegation = 1 << 1,  // not, no, never, nothing, none, without
  kCueHedge = 1 << 2,     // reportedly, allegedly, may, might, rumour, unconfirmed
  kCueReport = 1 << 3,    // said, told, according, claims, reports
  kCueSupport = 1 << 4,   // confirmed, proves, officially, indeed, revealed
  kCueDeny = 1 << 5,      // deny, denied, dismissed, rejected (a speaker refuting)
  kCueQuestion = 1 << 6,  // whether, if, what, who (question words)
};
inline constexpr int kNumCues = 7;

// The cue classes of a lowercased word (0 when none).
CueMask CuesOf(std::string_view word);

// Short readable name of one cue bit ("refute", "neg", ...), for feature names.
std::string_view CueName(int bit);

}  // namespace quotedb::stance

#endif  // QUOTEDB_ENGINE_STANCE_LEXICON_H_
