#include "claims/lexicon.h"

namespace quotedb::claims {

const std::vector<GazetteerEntry>& Gazetteer() {
  // Leaders are people, not their countries: "Putin" stays a participant of its own.
  static const std::vector<GazetteerEntry> kEntries = {
      {"north-korea",
       "North Korea",
       {"north korea", "north korean", "north koreans", "dprk", "d.p.r.k.", "pyongyang",
        "democratic people's republic of korea", "democratic people republic of korea"}},
      {"south-korea",
       "South Korea",
       {"south korea", "south korean", "south koreans", "seoul", "republic of korea"},
       {"rok"}},
      {"russia",
       "Russia",
       {"russia", "russian", "russians", "moscow", "kremlin", "russian federation"}},
      {"united-states",
       "United States",
       {"united states", "united states of america", "america", "american", "americans",
        "washington", "white house", "pentagon", "u.s.", "u.s.a."},
       {"us", "usa"}},
      {"ukraine", "Ukraine", {"ukraine", "ukrainian", "ukrainians", "kyiv", "kiev"}},
      {"china", "China", {"china", "chinese", "beijing", "people's republic of china"}},
      {"japan", "Japan", {"japan", "japanese", "tokyo"}},
      {"united-kingdom",
       "United Kingdom",
       {"united kingdom", "britain", "great britain", "british", "london", "downing street",
        "u.k."},
       {"uk"}},
      {"iran", "Iran", {"iran", "iranian", "iranians", "tehran"}},
      {"israel", "Israel", {"israel", "israeli", "israelis"}},
      {"syria", "Syria", {"syria", "syrian", "damascus"}},
      {"france", "France", {"france", "french", "paris", "elysee"}},
      {"germany", "Germany", {"germany", "german", "berlin"}},
      {"india", "India", {"india", "indian", "new delhi"}},
      {"pakistan", "Pakistan", {"pakistan", "pakistani", "islamabad"}},
      {"afghanistan", "Afghanistan", {"afghanistan", "afghan", "kabul"}},
      {"iraq", "Iraq", {"iraq", "iraqi", "baghdad"}},
      {"turkey", "Turkey", {"turkey", "turkish", "ankara", "turkiye"}},
      {"belarus", "Belarus", {"belarus", "belarusian", "minsk"}},
      {"taiwan", "Taiwan", {"taiwan", "taiwanese", "taipei"}},
      {"vietnam", "Vietnam", {"vietnam", "vietnamese", "hanoi"}},
      {"saudi-arabia", "Saudi Arabia", {"saudi arabia", "saudi", "riyadh"}},
      {"eu", "European Union", {"european union", "brussels"}, {"eu"}},
      {"nato", "Nato", {"nato"}},
      {"un", "United Nations", {"united nations", "u.n."}, {"un"}},
  };
  return kEntries;
}

const std::vector<EventClassDef>& EventClasses() {
  static const std::vector<EventClassDef> kClasses = {
      {"arms-transfer",
       "arms transfer",
       {"arming", "rearming", "gunrunning"},
       {"trade", "trading", "supply", "ship", "shipping", "shipment", "send", "deliver",
        "delivery", "provide", "sell", "sale", "buy", "purchase", "transfer", "export",
        "import", "smuggle", "give", "acquire", "procure", "deal", "transport", "receive",
        "obtain", "furnish", "exchange", "traffic",
        // Irregular forms the stemmer leaves alone.
        "sold", "sent", "bought", "gave", "given", "dealt", "got"},
       {"arms", "weapon", "weaponry", "munitions", "ammunition", "missile", "shell", "drone",
        "rocket", "artillery", "warhead", "firearm", "armament", "materiel"}},
      {"weapons-test",
       "weapons test",
       {},
       {"test", "tested", "testing", "detonate"},
       {"nuclear", "missile", "icbm", "ballistic", "warhead", "bomb", "weapon"}},
      {"sanctions-violation",
       "sanctions violation",
       {},
       {"violate", "violation", "breach", "evade", "evasion", "circumvent", "flout", "break",
        "nullification", "undermine"},
       {"sanction", "embargo", "resolution"}},
      {"tax-increase",
       "tax increase",
       {},
       {"raise", "rise", "increase", "hike", "higher", "lift"},
       {"tax", "taxes", "vat", "levy", "duty", "taxation"}},
      {"tax-cut",
       "tax cut",
       {},
       {"cut", "lower", "reduce", "reduction", "slash", "scrap", "abolish"},
       {"tax", "taxes", "vat", "levy", "duty", "taxation"}},
      {"rate-increase",
       "interest rate increase",
       {},
       {"raise", "rise", "increase", "hike", "higher", "lift"},
       {"interest", "rates"}},
      {"election-interference",
       "election interference",
       {},
       {"interfere", "interference", "meddle", "meddling", "hack", "rig", "fraud"},
       {"election", "vote", "ballot", "poll", "campaign"}},
      {"ceasefire-violation",
       "ceasefire violation",
       {},
       {"violate", "violation", "breach", "break", "broke"},
       {"ceasefire", "truce", "armistice"}},
      {"troop-deployment",
       "troop deployment",
       {},
       {"deploy", "deployment", "send", "station", "dispatch", "appear", "fight"},
       {"troops", "soldiers", "forces", "personnel", "mercenaries"}},
      {"resignation",
       "resignation",
       {"resign", "resignation", "quit"},
       {"step"},
       {"down"}},
      {"casualties",
       "casualties",
       {"kill", "killed", "dead", "die", "died", "death", "deaths", "wound", "wounded",
        "injure", "injured", "injuries", "casualties", "fatalities", "toll", "slain"},
       {},
       {},
       true},
      {"attack",
       "attack",
       {"airstrike", "airstrikes", "bombing", "bombed", "bombard", "bombardment", "invade",
        "invaded", "invasion", "bomb", "blast"},
       {},
       {},
       true},
  };
  return kClasses;
}

const std::vector<std::string_view>& WeaponNouns() {
  static const std::vector<std::string_view> k = {
      "arms",   "weapon", "weapons", "missile",  "missiles", "shell",  "shells",
      "drone",  "drones", "rocket",  "rockets",  "artillery", "munitions", "ammunition",
      "warhead", "warheads"};
  return k;
}

const std::vector<std::string_view>& DenyCues() {
  static const std::vector<std::string_view> k = {
      "deny",     "denied",   "denies",    "denying",   "reject",     "rejected", "rejects",
      "refute",   "refuted",  "refutes",   "rebut",     "rebutted",   "dismiss",  "dismissed",
      "dismisses", "dispute", "disputed",  "disputes",  "ruled out",  "rule out", "rules out",
      "contradicted", "rebuffed", "brushed off", "denial", "denials", "repudiated"};
  return k;
}

const std::vector<std::string_view>& AccuseCues() {
  static const std::vector<std::string_view> k = {
      "accuse", "accused", "accuses", "accusing", "blame",   "blamed",
      "blames", "charge",  "charged", "charges",  "accusation", "accusations"};
  return k;
}

const std::vector<std::string_view>& QuestionCues() {
  static const std::vector<std::string_view> k = {"ask",      "asked",    "asks",
                                                   "wondered", "wonders",  "questioned",
                                                   "queried",  "inquired", "enquired"};
  return k;
}

const std::vector<std::string_view>& HedgeCues() {
  static const std::vector<std::string_view> k = {
      "suggested", "suggests", "speculated", "speculates", "believes", "believed",
      "suspects",  "suspected", "thinks",    "thought",    "feared",   "fears",
      "guessed",   "estimated", "hinted",    "hinted at",  "hopes",    "hoped"};
  return k;
}

const std::vector<std::string_view>& Negators() {
  static const std::vector<std::string_view> k = {
      "not", "never", "no", "none", "nothing", "neither", "nor", "without", "cannot", "nobody"};
  return k;
}

const std::vector<std::string_view>& DenialWords() {
  static const std::vector<std::string_view> k = {
      "deny", "denied", "denies", "reject", "rejected", "rejects", "refute", "refuted",
      "dismiss", "dismissed", "rule out", "ruled out", "rules out", "ruling out"};
  return k;
}

const std::vector<std::string_view>& FalsityWords() {
  static const std::vector<std::string_view> k = {
      "false",    "baseless", "groundless", "untrue", "fabricated", "fabrication",
      "nonsense", "lie",      "lies",       "fake",   "unfounded",  "absurd"};
  return k;
}

const std::vector<std::string_view>& HedgeWords() {
  static const std::vector<std::string_view> k = {
      "may",      "might",      "could",    "possibly", "perhaps",     "probably",
      "likely",   "unlikely",   "apparently", "seems",  "seem",        "appears",
      "appear",   "suggests",   "suspect",  "suspected", "consider",   "considering",
      "whether",  "unclear",    "maybe",    "potentially", "review",   "mull",
      "weigh",    "weighing",   "presumably", "remains to be seen", "not clear",
      "open for interpretation",
      // Normative and conditional: what should happen is not a claim that it did.
      "should", "ought", "if", "unless"};
  return k;
}

const std::vector<std::string_view>& ReportedWords() {
  static const std::vector<std::string_view> k = {
      "reportedly", "allegedly", "according to", "reports say", "reports said",
      "was quoted", "quoted as", "claimed that", "claims that", "rumoured", "rumored",
      "purportedly", "said that", "say that"};
  return k;
}

const std::vector<std::string_view>& ClauseBreaks() {
  static const std::vector<std::string_view> k = {
      ",", ";", ":", "but", "although", "though", "while", "whereas", "because",
      "which", "who", "since", "unless", "however", "yet", "\"", "(", ")"};
  return k;
}

const std::vector<std::string_view>& Titles() {
  static const std::vector<std::string_view> k = {
      "mr",        "mrs",       "ms",      "dr",       "prof",     "professor", "president",
      "prime",     "minister",  "secretary", "general", "chancellor", "king",   "queen",
      "sir",       "lord",      "senator", "sen",      "rep",      "governor",  "mayor",
      "leader",    "spokesman", "spokeswoman", "spokesperson", "chief", "ambassador",
      "foreign",   "finance",   "defence", "defense",  "deputy",   "vice",      "premier",
      "colonel",   "captain",   "judge",   "justice",  "officer",  "commander", "lady",
      "state",     "treasury",  "home",    "health",   "interior", "former",    "acting"};
  return k;
}

const std::vector<std::string_view>& CapitalStopwords() {
  static const std::vector<std::string_view> k = {
      "the",      "a",        "an",       "we",       "i",        "it",       "he",
      "she",      "they",     "this",     "that",     "these",    "those",    "there",
      "in",       "on",       "at",       "but",      "and",      "or",       "however",
      "if",       "when",     "while",    "as",       "our",      "my",       "his",
      "her",      "their",    "its",      "nothing",  "no",       "not",      "will",
      "would",    "what",     "who",      "why",      "how",      "after",    "before",
      "for",      "with",     "by",       "from",     "to",       "of",       "all",
      "any",      "some",     "one",      "such",     "so",       "yet",      "also",
      "then",     "today",    "yesterday", "tomorrow", "monday",  "tuesday",  "wednesday",
      "thursday", "friday",   "saturday", "sunday",   "january",  "february", "march",
      "april",    "may",      "june",     "july",     "august",   "september", "october",
      "november", "december", "article",  "photo",    "you",      "let",      "is",
      "are",      "was",      "were",     "do",       "does",     "did",      "have",
      "has",      "had",      "can",      "could",    "should",   "must",     "nor",
      "neither",  "none",     "every",    "each",     "both",     "many",     "most",
      "more",     "only",     "even",     "now",      "here",     "where",    "which",
      "whose",    "whom",     "said",     "says",     "asked",    "last",     "next",
      "first",    "second",   "new",      "our",      "us",       "thank",    "thanks",
      "yes",      "well",     "oh",       "mr",       "mrs",      "ms",       "dr",
      "nobody",   "everyone", "someone",  "hours",    "following", "sign",    "follow",
      "getty",    "reuters",  "afp",      "ap",       "image",    "images"};
  return k;
}

const std::vector<std::string_view>& OrgWords() {
  static const std::vector<std::string_view> k = {
      "university", "institute", "council",  "ministry", "party",   "bank",     "agency",
      "department", "federation", "union",   "organisation", "organization", "committee",
      "court",      "army",      "forces",   "news",     "times",   "post",     "company",
      "group",      "corporation", "office", "house",    "senate",  "congress", "parliament",
      "assembly",   "association", "police", "service",  "commission", "foundation",
      "school",     "college",   "hospital", "market",   "street",  "square",   "airport",
      "station",    "club",      "league",   "fund",     "board",   "authority", "centre",
      "center",     "network",   "press",    "guard",    "navy",    "command",  "cabinet"};
  return k;
}

const std::vector<std::string_view>& LocationPrepositions() {
  static const std::vector<std::string_view> k = {"in",   "inside", "into",  "at",  "against",
                                                   "near", "across", "within", "outside"};
  return k;
}

}  // namespace quotedb::claims
