#include "stance/lexicon.h"

#include <string_view>
#include <unordered_map>

namespace quotedb::stance {
namespace {

struct Entry {
  std::string_view word;
  CueMask cues;
};

// Inflected forms are listed because matching is on the word, not the stem: "claim" as a
// noun in a headline is a different signal from "claims" as a reporting verb.
constexpr Entry kEntries[] = {
    // Refuting.
    {"fake", kCueRefute}, {"fakes", kCueRefute}, {"faked", kCueRefute},
    {"fraud", kCueRefute}, {"fraudulent", kCueRefute}, {"hoax", kCueRefute},
    {"hoaxes", kCueRefute}, {"hoaxed", kCueRefute}, {"false", kCueRefute},
    {"falsely", kCueRefute}, {"falsehood", kCueRefute}, {"untrue", kCueRefute},
    {"debunk", kCueRefute}, {"debunks", kCueRefute}, {"debunked", kCueRefute},
    {"debunking", kCueRefute}, {"refute", kCueRefute}, {"refutes", kCueRefute},
    {"refuted", kCueRefute}, {"myth", kCueRefute}, {"myths", kCueRefute},
    {"bogus", kCueRefute}, {"prank", kCueRefute}, {"pranks", kCueRefute},
    {"pranked", kCueRefute}, {"prankster", kCueRefute}, {"satire", kCueRefute},
    {"satirical", kCueRefute}, {"parody", kCueRefute}, {"fabricated", kCueRefute},
    {"fabrication", kCueRefute}, {"made-up", kCueRefute}, {"misleading", kCueRefute},
    {"incorrect", kCueRefute}, {"wrong", kCueRefute}, {"baseless", kCueRefute},
    {"unfounded", kCueRefute}, {"nonsense", kCueRefute}, {"doubt", kCueRefute},
    {"doubts", kCueRefute}, {"doubtful", kCueRefute}, {"dubious", kCueRefute},
    {"skeptical", kCueRefute}, {"sceptical", kCueRefute}, {"despite", kCueRefute},
    {"nope", kCueRefute}, {"scam", kCueRefute}, {"spoof", kCueRefute},
    {"photoshopped", kCueRefute}, {"doctored", kCueRefute}, {"erroneous", kCueRefute},
    {"mistaken", kCueRefute}, {"retract", kCueRefute}, {"retracted", kCueRefute},
    {"retraction", kCueRefute}, {"contrary", kCueRefute}, {"disproved", kCueRefute},
    {"disproven", kCueRefute}, {"lie", kCueRefute}, {"lies", kCueRefute},
    {"lied", kCueRefute}, {"hoaxer", kCueRefute}, {"rubbish", kCueRefute},
    {"ridiculous", kCueRefute}, {"absurd", kCueRefute}, {"invented", kCueRefute},
    {"alive", kCueRefute}, {"survived", kCueRefute}, {"safe", kCueRefute},
    // Denying (a speaker refutes).
    {"deny", kCueDeny | kCueRefute}, {"denies", kCueDeny | kCueRefute},
    {"denied", kCueDeny | kCueRefute}, {"denying", kCueDeny | kCueRefute},
    {"denial", kCueDeny | kCueRefute}, {"dismiss", kCueDeny}, {"dismisses", kCueDeny},
    {"dismissed", kCueDeny}, {"reject", kCueDeny}, {"rejects", kCueDeny},
    {"rejected", kCueDeny}, {"rebuff", kCueDeny}, {"rebuffed", kCueDeny},
    {"slam", kCueDeny}, {"slams", kCueDeny}, {"slammed", kCueDeny},
    {"contradict", kCueDeny}, {"contradicts", kCueDeny}, {"contradicted", kCueDeny},
    {"disputes", kCueDeny}, {"disputed", kCueDeny}, {"dispute", kCueDeny},
    {"insist", kCueDeny}, {"insists", kCueDeny}, {"insisted", kCueDeny},
    {"clarify", kCueDeny}, {"clarified", kCueDeny}, {"clarifies", kCueDeny},
    {"quash", kCueDeny}, {"quashed", kCueDeny}, {"quashes", kCueDeny},
    // Negation.
    {"not", kCueNegation}, {"no", kCueNegation}, {"never", kCueNegation},
    {"none", kCueNegation}, {"nothing", kCueNegation}, {"nobody", kCueNegation},
    {"neither", kCueNegation}, {"nor", kCueNegation}, {"without", kCueNegation},
    {"cannot", kCueNegation}, {"nowhere", kCueNegation}, {"hardly", kCueNegation},
    {"isnt", kCueNegation}, {"wasnt", kCueNegation},
    // Hedging.
    {"reportedly", kCueHedge}, {"allegedly", kCueHedge}, {"alleged", kCueHedge},
    {"alleges", kCueHedge}, {"allege", kCueHedge}, {"apparently", kCueHedge},
    {"apparent", kCueHedge}, {"possibly", kCueHedge}, {"possible", kCueHedge},
    {"may", kCueHedge}, {"might", kCueHedge}, {"could", kCueHedge},
    {"perhaps", kCueHedge}, {"maybe", kCueHedge}, {"rumor", kCueHedge},
    {"rumors", kCueHedge}, {"rumour", kCueHedge}, {"rumours", kCueHedge},
    {"rumored", kCueHedge}, {"rumoured", kCueHedge}, {"unconfirmed", kCueHedge},
    {"unverified", kCueHedge}, {"purportedly", kCueHedge}, {"purported", kCueHedge},
    {"supposedly", kCueHedge}, {"speculation", kCueHedge}, {"speculate", kCueHedge},
    {"speculated", kCueHedge}, {"likely", kCueHedge}, {"unclear", kCueHedge},
    {"suggest", kCueHedge}, {"suggests", kCueHedge}, {"suggested", kCueHedge},
    {"seems", kCueHedge}, {"seem", kCueHedge}, {"appears", kCueHedge},
    {"appear", kCueHedge}, {"believed", kCueHedge}, {"thought", kCueHedge},
    {"expected", kCueHedge}, {"investigating", kCueHedge}, {"investigate", kCueHedge},
    {"investigation", kCueHedge}, {"probe", kCueHedge}, {"claim", kCueHedge},
    {"claims", kCueHedge | kCueReport}, {"claimed", kCueHedge | kCueReport},
    {"claiming", kCueHedge | kCueReport}, {"if", kCueHedge}, {"would", kCueHedge},
    // Reporting.
    {"said", kCueReport}, {"says", kCueReport}, {"say", kCueReport},
    {"saying", kCueReport}, {"told", kCueReport}, {"tells", kCueReport},
    {"according", kCueReport}, {"report", kCueReport}, {"reports", kCueReport},
    {"reported", kCueReport}, {"reporting", kCueReport}, {"sources", kCueReport},
    {"source", kCueReport}, {"spokesman", kCueReport}, {"spokeswoman", kCueReport},
    {"spokesperson", kCueReport}, {"statement", kCueReport}, {"announced", kCueReport},
    {"stated", kCueReport}, {"wrote", kCueReport}, {"writes", kCueReport},
    {"tweeted", kCueReport}, {"posted", kCueReport}, {"added", kCueReport},
    {"explained", kCueReport}, {"cited", kCueReport}, {"via", kCueReport},
    {"media", kCueReport}, {"tabloid", kCueReport}, {"website", kCueReport},
    // Supporting.
    {"confirm", kCueSupport}, {"confirms", kCueSupport}, {"confirmed", kCueSupport},
    {"confirmation", kCueSupport}, {"prove", kCueSupport}, {"proves", kCueSupport},
    {"proved", kCueSupport}, {"proven", kCueSupport}, {"proof", kCueSupport},
    {"official", kCueSupport}, {"officially", kCueSupport}, {"indeed", kCueSupport},
    {"reveal", kCueSupport}, {"reveals", kCueSupport}, {"revealed", kCueSupport},
    {"verified", kCueSupport}, {"verify", kCueSupport}, {"evidence", kCueSupport},
    {"footage", kCueSupport}, {"video", kCueSupport}, {"photo", kCueSupport},
    {"photos", kCueSupport}, {"shows", kCueSupport}, {"showed", kCueSupport},
    {"admits", kCueSupport}, {"admitted", kCueSupport}, {"admit", kCueSupport},
    {"true", kCueSupport}, {"real", kCueSupport}, {"actually", kCueSupport},
    {"finally", kCueSupport}, {"now", kCueSupport}, {"announces", kCueSupport},
    {"dies", kCueSupport}, {"dead", kCueSupport}, {"killed", kCueSupport},
    // Question words.
    {"whether", kCueQuestion}, {"what", kCueQuestion}, {"who", kCueQuestion},
    {"why", kCueQuestion}, {"how", kCueQuestion}, {"really", kCueQuestion},
    {"is", 0},
};

}  // namespace

CueMask CuesOf(std::string_view word) {
  // Built once, read-only afterwards: no mutable global state.
  static const auto* const kTable = [] {
    auto* table = new std::unordered_map<std::string_view, CueMask>();
    for (const Entry& e : kEntries) (*table)[e.word] |= e.cues;
    return table;
  }();
  auto it = kTable->find(word);
  return it == kTable->end() ? 0 : it->second;
}

std::string_view CueName(int bit) {
  static constexpr std::string_view kNames[kNumCues] = {"refute", "neg",  "hedge", "report",
                                                        "support", "deny", "qword"};
  return bit >= 0 && bit < kNumCues ? kNames[bit] : "?";
}

}  // namespace quotedb::stance
