#include "extract/lexicon.h"

#include <memory>
#include <string>
#include <vector>

namespace quotedb::extract {
namespace {

// Reporting verbs. "lemma" takes regular forms; "lemma+" doubles its last consonant
// (admit -> admitted); "lemma|past|participle" spells irregular forms out.
constexpr std::string_view kStrongCues[] = {
    "say|said|said", "tell|told|told", "add", "state", "write|wrote|written", "note", "explain",
    "claim", "argue", "insist", "warn", "declare", "announce", "report", "tweet", "ask",
    "reply", "respond", "answer", "acknowledge", "admit+", "concede", "confirm", "deny",
    "allege", "assert", "contend", "suggest", "predict", "promise", "vow", "pledge", "stress",
    "emphasize", "emphasise", "complain", "recall", "reiterate", "repeat", "observe", "remark",
    "comment", "joke", "quip+", "muse", "boast", "brag+", "testify", "conclude", "estimate",
    "counter", "retort", "reveal", "disclose", "indicate", "mention", "urge", "caution",
    "lament", "protest", "charge", "accuse", "blame", "criticize", "criticise", "praise",
    "dismiss", "reject", "question", "wonder", "believe", "think|thought|thought", "hope",
    "fear", "worry", "expect", "recommend", "propose", "demand", "inform", "assure", "remind",
    "advise", "speculate", "theorize", "surmise", "posit+", "opine", "proclaim", "exclaim",
    "shout", "scream", "yell", "whisper", "mutter", "cry", "plead", "beg+", "implore", "chant",
    "concur+", "agree", "disagree", "object", "dispute", "rebut+", "refute", "contest",
    "maintain", "aver+", "affirm", "reaffirm", "attest", "certify", "swear|swore|sworn",
    "guarantee", "forecast", "project", "calculate", "figure", "reckon", "guess", "imply",
    "hint", "signal", "point", "highlight", "underscore", "underline", "elaborate",
    "clarify", "specify", "detail", "describe", "characterize", "portray", "label", "brand",
    "dub+", "condemn", "denounce", "decry", "slam+", "blast", "attack", "chide", "scold",
    "rebuke", "castigate", "lambast", "lambaste", "assail", "mock", "ridicule", "deride",
    "scoff", "sneer", "taunt", "threaten", "vow", "swear", "commit+", "welcome", "hail",
    "applaud", "commend", "laud", "thank", "congratulate", "apologize", "apologise",
    "regret+", "concede", "grant", "allow", "admonish", "lecture", "preach", "proclaim",
    "pronounce", "announce", "broadcast|broadcast|broadcast", "publish", "post", "blog+",
    "email", "e-mail", "text", "message", "wire", "cable", "telegraph", "relay", "convey",
    "echo", "second", "endorse", "contradict", "correct", "amend", "retract", "recant",
    "confess", "disclose", "divulge", "leak", "volunteer", "offer", "interject", "interrupt",
    "continue", "go", "begin|began|begun", "conclude", "summarize", "summarise", "sum+",
    "recount", "narrate", "relate", "recollect", "reminisce", "tout", "trumpet", "herald",
    "champion", "advocate", "defend", "justify", "rationalize", "excuse", "fault", "rap+",
    "knock", "pan+", "bash", "hit|hit|hit", "fire|fired|fired", "lash", "press", "push",
    "urge", "call", "demand", "request", "inquire", "enquire", "query", "probe", "press",
    "challenge", "dare", "invite", "caution", "alert", "notify", "brief", "apprise",
    "concede", "acknowledge", "allege", "accuse", "charge", "indict", "sue", "cite",
    "quote", "paraphrase", "reason", "theorise", "hypothesize", "conjecture", "presume",
    "assume", "suppose", "suspect", "doubt", "know|knew|known", "feel|felt|felt",
    "realize", "realise", "recognize", "recognise", "understand|understood|understood",
    "learn", "discover", "find|found|found", "determine", "decide", "rule", "judge",
    "conclude", "decree", "order", "instruct", "direct", "command", "tell", "read|read|read",
    "show|showed|shown", "suggest", "predict", "warn", "forewarn", "prophesy", "envision",
    "envisage", "foresee|foresaw|foreseen", "pray", "wish", "want", "vent", "grumble",
    "groan", "moan", "gripe", "whine", "fume", "rage", "rant", "rail", "fret+",
    "speak|spoke|spoken", "talk", "discuss", "address", "chat+", "confide", "assure",
    "reassure", "promise", "vouch", "bet|bet|bet", "wager", "claim", "insinuate", "muse",
    "ponder", "reflect", "concede", "snap+", "snipe", "bark", "growl", "thunder", "roar",
    "declare", "proclaim", "maintain", "posit+", "express", "decline",
    "refuse", "tweet", "retweet", "testify", "acknowledge", "emphasize", "refer+",
};

// Cues that are attributions only with a clear speaker and a clause after them; they are
// ambiguous on their own ("show", "call", "find", "want", "go", "hit").
constexpr std::string_view kWeakCueLemmas[] = {
    "show",   "call",   "find",    "want",    "go",      "hit",     "fire",    "hold",
    "read",   "continue", "begin", "point",   "offer",   "text",    "post",    "wire",
    "cable",  "relay",  "second",  "correct", "amend",   "volunteer", "interrupt", "sum",
    "relate", "herald", "champion", "excuse", "rap",     "knock",   "pan",     "bash",
    "press",  "push",   "probe",   "dare",    "invite",  "direct",  "command", "rule",
    "judge",  "decide", "determine", "learn", "discover", "project", "figure", "calculate",
    "grant",  "allow",  "message", "leak",    "second",  "pray",    "wish",    "vent",
    "roar",   "thunder", "bark",   "growl",   "snap",    "address", "talk",    "speak",
    "discuss", "chat",  "reflect", "ponder",  "rage",    "rail",    "fume",    "lash",
    "attack", "order",  "instruct", "sue",    "indict",  "publish", "broadcast", "hail",
    "welcome", "thank", "congratulate", "praise", "commend", "laud", "applaud",
    "defend", "justify", "advocate", "endorse", "label",  "brand",   "dub",     "describe",
    "characterize", "portray", "detail", "highlight", "underscore", "underline", "signal",
    "hint", "object", "question", "contest", "dispute", "challenge", "request", "demand",
    "hope", "fear", "worry", "expect", "want", "believe", "think", "know", "feel", "wonder",
    "realize", "realise", "recognize", "recognise", "understand", "assume", "suppose",
    "suspect", "doubt", "presume", "cite", "quote", "reason", "echo", "mock", "attack",
    "blast", "slam", "criticize", "criticise", "condemn", "denounce", "decry", "blame",
    "accuse", "charge", "dismiss", "reject", "praise", "threaten", "commit", "recommend",
    "propose", "urge", "advise", "remind", "guarantee", "tout", "state",
};

constexpr std::string_view kTellLemmas[] = {
    "tell", "ask", "inform", "assure", "remind", "warn", "advise", "urge", "brief",
    "notify", "alert", "caution", "reassure", "promise", "email", "e-mail", "text",
    "message", "write", "answer", "press", "instruct", "order",
};

constexpr std::string_view kNounCues[] = {
    "claim", "claims", "statement", "statements", "assertion", "assertions", "allegation",
    "allegations", "argument", "warning", "warnings", "insistence", "denial", "admission",
    "contention", "remark", "remarks", "comment", "comments", "suggestion", "prediction",
    "promise", "pledge", "vow", "view", "belief", "accusation", "accusations", "charge",
    "charges", "assessment", "estimate", "announcement", "declaration", "testimony",
    "complaint", "message", "response", "reply", "answer", "insinuation", "conclusion",
    "finding", "findings", "report", "observation", "explanation", "acknowledgment",
    "acknowledgement", "confirmation", "speculation", "suspicion", "fears", "hope", "hopes",
    "concern", "concerns", "criticism", "praise", "opinion", "position", "stance",
};

constexpr std::string_view kHonorifics[] = {
    "mr", "mr.", "mrs", "mrs.", "ms", "ms.", "dr", "dr.", "prof", "prof.", "professor",
    "rev", "rev.", "reverend", "sir", "dame", "miss", "mx", "mx.", "messrs", "messrs.",
    "mme", "mme.", "mlle", "herr", "frau", "lord", "lady", "baroness", "baron", "hon.",
    "honourable", "honorable", "sheikh", "madam", "monsieur", "señor", "senor",
};

constexpr std::string_view kTitles[] = {
    "president", "vice", "senator", "sen.", "sens.", "rep.", "reps.", "representative",
    "gov.", "governor", "secretary", "secretary-general", "under-secretary", "undersecretary",
    "minister", "prime", "premier", "chancellor", "leader", "chairman", "chairwoman", "chair",
    "director", "director-general", "spokesman", "spokeswoman", "spokesperson", "spokesmen",
    "adviser", "advisor", "aide", "ambassador", "general", "gen.", "judge", "justice",
    "mayor", "ceo", "cfo", "coo", "chief", "speaker", "commissioner", "congressman",
    "congresswoman", "candidate", "nominee", "king", "queen", "prince", "princess", "pope",
    "officer", "official", "analyst", "economist", "strategist", "manager", "executive",
    "founder", "co-founder", "attorney", "attorney-general", "lawyer", "counsel", "deputy",
    "foreign", "defense", "defence", "state", "national", "security", "presidential",
    "former", "then", "then-", "lt.", "col.", "sgt.", "capt.", "captain", "coach", "host",
    "anchor", "editor", "columnist", "reporter", "correspondent", "author", "expert",
    "researcher", "fellow", "head", "commander", "envoy", "negotiator", "prosecutor",
    "sheriff", "detective", "sergeant", "lieutenant", "colonel", "admiral", "bishop", "rabbi",
    "imam", "cardinal", "pastor", "father", "whip", "majority", "minority", "house", "senate",
    "press", "communications", "campaign", "policy", "interior", "finance", "trade",
    "treasury", "health", "education", "energy", "justice", "homeland", "top", "senior",
    "junior", "assistant", "associate", "acting", "interim", "incoming", "outgoing", "new",
    "longtime", "veteran", "retired", "ex-", "u.s.", "us", "federal", "district", "county",
    "city", "council", "party", "opposition", "labour", "labor", "conservative", "liberal",
    "tory", "democratic", "democrat", "republican", "gop", "independent", "military",
    "intelligence", "defense", "army", "navy", "air", "force", "police", "fire", "union",
    "industry", "business", "company", "firm", "group", "organization", "council",
    "committee", "board", "member", "members", "partner", "professor", "lecturer",
    "scientist", "physician", "doctor", "nurse", "teacher", "student", "activist",
    "organizer", "organiser", "consultant", "pollster", "historian", "scholar",
    "commentator", "pundit", "blogger", "writer", "producer", "actor", "actress", "singer",
    "star", "businessman", "businesswoman", "billionaire", "mogul", "tycoon", "entrepreneur",
    "investor", "banker", "trader", "owner", "employee", "worker", "resident", "voter",
    "supporter", "delegate", "donor", "fundraiser", "operative", "staffer", "surrogate",
    "manager", "director", "vp", "v.p.", "sec.", "atty.", "asst.", "dep.", "amb.", "supt.",
    "cmdr.", "adm.", "maj.", "cpl.", "pvt.", "det.", "insp.", "lt", "col", "sgt", "capt",
    "nato", "un", "u.n.", "eu", "e.u.",
};

constexpr std::string_view kAuxWords[] = {
    "has", "have", "had", "was", "were", "is", "are", "be", "been", "being", "will", "would",
    "could", "can", "may", "might", "should", "must", "shall", "did", "does", "do", "'s",
    "’s", "'ve", "’ve", "'d", "’d", "'ll", "’ll", "am", "going", "got", "get", "gets",
    "didn't", "didn’t", "doesn't", "doesn’t", "don't", "don’t", "hasn't", "hasn’t",
    "haven't", "haven’t", "hadn't", "hadn’t", "won't", "won’t", "wouldn't", "wouldn’t",
    "couldn't", "couldn’t", "can't", "can’t", "cannot", "isn't", "isn’t", "wasn't",
    "wasn’t", "used", "to", "seems", "seemed", "appears", "appeared", "tried", "tries",
    "wants", "wanted", "began", "begins", "started", "starts", "went", "on", "not", "never",
};

constexpr std::string_view kAdverbs[] = {
    "also", "later", "then", "previously", "recently", "repeatedly", "once", "again",
    "publicly", "privately", "flatly", "quickly", "separately", "still", "already", "often",
    "frequently", "reportedly", "never", "even", "just", "only", "further", "explicitly",
    "openly", "earlier", "first", "long", "since", "now", "ultimately", "finally", "bluntly",
    "simply", "always", "correctly", "falsely", "wrongly", "mistakenly", "rightly", "clearly",
    "strongly", "loudly", "angrily", "famously", "initially", "originally", "subsequently",
    "immediately", "quietly", "personally", "directly", "specifically", "herself", "himself",
    "themselves", "itself", "sharply", "sternly", "firmly", "emphatically", "vehemently",
    "fiercely", "repeatedly", "consistently", "regularly", "routinely", "generally",
    "usually", "actually", "really", "certainly", "apparently", "allegedly", "supposedly",
    "officially", "formally", "informally", "casually", "candidly", "frankly", "jokingly",
    "sarcastically", "cautiously", "confidently", "proudly", "boldly", "defiantly",
    "tearfully", "calmly", "softly", "gently", "brusquely", "curtly", "tersely", "wryly",
    "dryly", "drily", "optimistically", "pessimistically", "ominously", "darkly", "approvingly",
    "disapprovingly", "notably", "pointedly", "memorably", "infamously", "erroneously",
    "incorrectly", "accurately", "inaccurately", "falsely", "baselessly", "groundlessly",
    "wrongfully", "unequivocally", "categorically", "unambiguously", "plainly", "simply",
    "essentially", "basically", "effectively", "practically", "virtually", "nearly",
    "almost", "partly", "largely", "mostly", "partially", "fully", "completely", "totally",
    "entirely", "similarly", "likewise", "meanwhile", "however", "instead", "too", "yet",
    "ever", "soon", "shortly", "eventually", "afterward", "afterwards", "twice", "thrice",
    "not", "n't", "privately", "subsequently", "widely",
};

constexpr std::string_view kSubjPronouns[] = {"he", "she", "they", "it", "we", "i", "you"};
constexpr std::string_view kObjPronouns[] = {
    "him", "her", "them", "us", "me", "you", "reporters", "journalists", "supporters",
    "voters", "lawmakers", "members", "listeners", "viewers", "readers", "audiences",
    "delegates", "senators", "colleagues", "donors", "students", "followers", "fans",
    "congress", "parliament", "mps", "everyone", "people", "crowds", "officials",
    "investigators", "police", "prosecutors", "jurors", "interviewers", "host", "hosts",
};

constexpr std::string_view kDeterminers[] = {
    "the", "a", "an", "some", "many", "most", "several", "his", "her", "their", "its", "our",
    "my", "your", "one", "two", "three", "four", "five", "other", "another", "both", "all",
    "few", "this", "that", "these", "those", "each", "every", "no", "any", "more", "numerous",
    "dozens", "hundreds", "thousands", "millions", "various", "certain", "such",
};

constexpr std::string_view kPrepositions[] = {
    "in", "on", "at", "during", "to", "of", "via", "after", "before", "about", "with",
    "through", "from", "for", "over", "under", "without", "by", "into", "onto", "upon",
    "across", "against", "amid", "among", "toward", "towards", "outside", "inside",
    "behind", "beyond", "near", "since", "until", "till", "following", "ahead", "despite",
};

constexpr std::string_view kTimeWords[] = {
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "today",
    "yesterday", "tonight", "tomorrow", "earlier", "later", "last", "this", "next", "week",
    "month", "year", "morning", "afternoon", "evening", "night", "recently", "weekend",
    "ago", "previously", "again", "repeatedly", "privately", "publicly", "separately",
    "too", "also", "then", "now", "once", "first", "still", "overnight", "late", "early",
    "monday's", "tuesday's", "wednesday's", "thursday's", "friday's", "saturday's",
    "sunday's", "january", "february", "march", "april", "may", "june", "july", "august",
    "september", "october", "november", "december", "jan.", "feb.", "aug.", "sept.",
    "sep.", "oct.", "nov.", "dec.", "interview", "statement",
    "email", "e-mail", "emailed", "written", "press", "release", "conference", "news",
    "briefing", "speech", "rally", "tweet", "post", "letter", "op-ed", "phone", "telephone",
    "call", "radio", "television", "tv", "appearance", "hearing", "debate", "event",
    "meeting", "session", "remarks", "town", "hall", "program", "programme", "show",
};

constexpr std::string_view kNationalities[] = {
    "russian", "ukrainian", "american", "british", "chinese", "japanese", "korean", "north",
    "south", "french", "german", "italian", "spanish", "indian", "pakistani", "iranian",
    "iraqi", "syrian", "israeli", "palestinian", "turkish", "egyptian", "saudi", "mexican",
    "canadian", "australian", "brazilian", "european", "asian", "african", "western",
    "eastern", "afghan", "vietnamese", "thai", "indonesian", "filipino", "malaysian",
    "singaporean", "taiwanese", "polish", "dutch", "belgian", "swiss", "swedish",
    "norwegian", "danish", "finnish", "irish", "scottish", "welsh", "english", "greek",
    "cuban", "venezuelan", "colombian", "argentine", "chilean", "peruvian", "nigerian",
    "kenyan", "ethiopian", "libyan", "lebanese", "jordanian", "qatari", "emirati",
    "kuwaiti", "yemeni", "hungarian", "czech", "austrian", "romanian", "bulgarian",
    "serbian", "croatian", "belarusian", "georgian", "armenian", "kazakh", "uzbek",
    "mongolian", "burmese", "cambodian", "bangladeshi", "sri", "nepali", "us", "u.s.",
    "uk", "eu", "un", "nato", "soviet", "federal", "state", "democratic", "republican",
};

// Country, capital and government words: a speaker named by one of these is a government.
constexpr std::string_view kGovernmentWords[] = {
    "washington", "seoul", "moscow", "pyongyang", "beijing", "tokyo", "london", "paris",
    "berlin", "kyiv", "kiev", "tehran", "brussels", "jerusalem", "ankara", "damascus",
    "baghdad", "kabul", "islamabad", "delhi", "taipei", "hanoi", "canberra", "ottawa",
    "havana", "caracas", "riyadh", "cairo", "rome", "madrid", "warsaw", "minsk", "tbilisi",
    "russia", "ukraine", "china", "japan", "korea", "america", "britain", "france",
    "germany", "italy", "spain", "india", "pakistan", "iran", "iraq", "syria", "israel",
    "turkey", "egypt", "mexico", "canada", "australia", "brazil", "vietnam", "taiwan",
    "afghanistan", "cuba", "venezuela", "poland", "belarus", "georgia", "libya", "lebanon",
    "jordan", "qatar", "yemen", "hungary", "greece", "sweden", "norway", "finland",
    "denmark", "netherlands", "belgium", "switzerland", "austria", "ireland", "scotland",
    "indonesia", "philippines", "malaysia", "singapore", "thailand", "myanmar", "cambodia",
    "nigeria", "kenya", "ethiopia", "sudan", "somalia", "argentina", "chile", "colombia",
    "peru", "romania", "serbia", "kazakhstan", "mongolia", "bangladesh", "nepal",
    "government", "administration", "ministry", "kremlin", "pentagon", "whitehall",
    "white", "department", "cabinet", "state", "states", "nation", "country", "congress",
    "parliament", "senate", "house", "embassy", "military", "army", "navy", "police",
    "authorities", "officials", "regime", "council", "downing", "elysee", "u.s.", "us",
    "uk", "u.k.", "eu", "e.u.", "un", "u.n.", "nato", "dprk", "prc", "rok", "fbi", "cia",
    "nsa", "fda", "epa", "irs", "doj", "dhs", "gao",
};

constexpr std::string_view kMediaWords[] = {
    "kcna", "reuters", "ap", "afp", "yonhap", "xinhua", "tass", "ria", "interfax", "bbc",
    "cnn", "fox", "msnbc", "nbc", "abc", "cbs", "npr", "pbs", "politico", "bloomberg",
    "times", "post", "journal", "daily", "newspaper", "paper", "tribune", "herald",
    "guardian", "telegraph", "independent", "gazette", "globe", "chronicle", "observer",
    "economist", "newsweek", "magazine", "tabloid", "broadcaster", "network", "outlet",
    "agency", "breitbart", "axios", "buzzfeed", "huffington", "vox", "slate", "salon",
    "hill", "atlantic", "yorker", "mashable", "wired", "cnbc", "nikkei", "asahi", "yomiuri",
    "pravda", "izvestia", "sputnik", "rt", "aljazeera", "jazeera", "dpa", "ansa", "efe",
    "kyodo", "television", "radio", "website", "site", "blog", "report", "reports",
};

constexpr std::string_view kDocuments[] = {
    "agreement", "treaty", "pact", "article", "charter", "report", "statement", "document",
    "documents", "law", "bill", "resolution", "constitution", "memo", "letter", "poll",
    "polls", "survey", "surveys", "study", "studies", "analysis", "filing", "complaint",
    "lawsuit", "ruling", "text", "draft", "declaration", "communique", "indictment", "ad",
    "ads", "order", "data", "figures", "records", "research", "review", "audit", "budget",
    "plan", "proposal", "platform", "manifesto", "decree", "directive", "guidance",
    "guidelines", "rules", "policy", "legislation", "accord", "deal", "contract", "book",
    "memoir", "email", "emails", "tweet", "tweets", "post", "video", "transcript",
    "release", "announcement", "paper", "index", "estimates", "projections", "numbers",
    "results", "evidence", "opinion", "brief", "motion", "petition", "note", "notes",
};

constexpr std::string_view kOrganisations[] = {
    "university", "institute", "party", "committee", "council", "campaign", "company",
    "corporation", "inc", "inc.", "corp", "corp.", "association", "foundation", "bank",
    "group", "agency", "department", "union", "commission", "organization", "organisation",
    "center", "centre", "fund", "coalition", "league", "board", "court", "network",
    "federation", "society", "alliance", "institution", "college", "school", "academy",
    "hospital", "club", "team", "firm", "ltd", "llc", "co.", "bureau", "office", "service",
    "authority", "watchdog", "movement", "pac", "super", "caucus", "church", "trust",
    "exchange", "industries", "holdings", "enterprises", "partners", "associates",
    "consultancy", "lab", "laboratory", "think", "tank", "forum", "project", "initiative",
    "democrats", "republicans", "gop", "dnc", "rnc", "aclu", "naacp", "nra", "who", "imf",
    "opec", "wto", "fifa", "ioc",
};

constexpr std::string_view kPersonNouns[] = {
    "spokesman", "spokeswoman", "spokesperson", "spokesmen", "official", "officials",
    "source", "sources", "aide", "aides", "analyst", "analysts", "expert", "experts",
    "critic", "critics", "observer", "observers", "people", "voters", "supporters",
    "opponents", "lawmakers", "legislators", "members", "democrats", "republicans",
    "investigators", "prosecutors", "researchers", "scientists", "economists", "residents",
    "activists", "leaders", "diplomats", "executives", "advocates", "organizers",
    "candidates", "man", "woman", "men", "women", "person", "spokespeople", "adviser",
    "advisers", "advisor", "advisors", "strategist", "strategists", "insider", "insiders",
    "observer", "pollster", "pollsters", "historian", "historians", "friend", "friends",
    "colleague", "colleagues", "ally", "allies", "rival", "rivals", "candidate", "nominee",
    "senator", "senators", "governor", "governors", "congressman", "congresswoman",
    "president", "secretary", "minister", "ministers", "leader", "chairman", "director",
    "manager", "lawyer", "lawyers", "attorney", "attorneys", "judge", "judges", "doctor",
    "doctors", "witness", "witnesses", "student", "students", "teacher", "teachers",
    "parent", "parents", "worker", "workers", "employee", "employees", "owner", "owners",
    "protesters", "protestors", "demonstrators", "fans", "followers", "conservatives",
    "liberals", "progressives", "delegates", "donors", "backers", "detractors", "skeptics",
    "sceptics", "proponents", "economist", "professor", "scholar", "scholars", "author",
    "authors", "reporter", "reporters", "journalist", "journalists", "commentator",
    "commentators", "pundits", "bloggers", "user", "users", "americans", "citizens",
    "others", "many", "some", "most", "both", "all", "everyone", "anyone", "nobody",
    "somebody", "someone", "representative", "representatives", "operative", "operatives",
    "staffer", "staffers", "surrogate", "surrogates", "party", "campaign", "administration",
    "government", "company", "police", "authorities", "military", "white", "house",
    "ministry", "agency", "department", "committee", "group", "organization", "statement",
    "report", "poll", "polls", "study", "survey", "agreement", "treaty", "pact", "article",
    "document", "memo", "letter", "newspaper", "daily", "network", "website", "ad", "ads",
    "figures", "data", "records", "numbers", "estimates", "court", "justices", "panel",
    "board", "council", "commission", "union", "firm", "bank", "team", "coalition",
    "state", "country", "countries", "nations", "nation", "side", "sides", "camp", "aide",
    "chief", "head", "boss", "founder", "ceo", "executive", "host", "anchor", "editor",
    "writer", "mother", "father", "wife", "husband", "son", "daughter", "brother", "sister",
    "family", "spouse", "guy", "individual", "individuals", "respondents", "participants",
    "veteran", "veterans", "soldiers", "troops", "officer", "officers", "agents", "agent",
    "lobbyist", "lobbyists", "donor", "consultant", "consultants", "specialist",
    "specialists", "representative", "delegation", "envoy", "envoys", "ambassador",
};

constexpr std::string_view kPlurals[] = {
    "officials", "sources", "aides", "analysts", "experts", "critics", "observers", "people",
    "voters", "supporters", "opponents", "lawmakers", "legislators", "members", "democrats",
    "republicans", "investigators", "prosecutors", "researchers", "scientists", "economists",
    "residents", "activists", "leaders", "diplomats", "executives", "advocates",
    "organizers", "candidates", "men", "women", "advisers", "advisors", "strategists",
    "insiders", "pollsters", "historians", "friends", "colleagues", "allies", "rivals",
    "senators", "governors", "ministers", "lawyers", "attorneys", "judges", "doctors",
    "witnesses", "students", "teachers", "parents", "workers", "employees", "owners",
    "protesters", "protestors", "demonstrators", "fans", "followers", "conservatives",
    "liberals", "progressives", "delegates", "donors", "backers", "detractors", "skeptics",
    "sceptics", "proponents", "scholars", "authors", "reporters", "journalists",
    "commentators", "pundits", "bloggers", "users", "americans", "citizens", "others",
    "authorities", "polls", "studies", "surveys", "figures", "data", "records", "numbers",
    "estimates", "justices", "countries", "nations", "sides", "veterans", "soldiers",
    "troops", "officers", "agents", "lobbyists", "consultants", "specialists", "envoys",
    "respondents", "participants", "individuals", "both", "many", "some", "most", "all",
};

// Capitalised words that start sentences or phrases but are never part of a name.
constexpr std::string_view kStopCaps[] = {
    "the", "a", "an", "but", "and", "or", "in", "on", "at", "for", "to", "of", "with",
    "by", "from", "as", "if", "when", "while", "after", "before", "since", "because",
    "although", "though", "however", "meanwhile", "still", "yet", "so", "then", "now",
    "this", "that", "these", "those", "it", "its", "he", "she", "they", "we", "i", "you",
    "his", "her", "their", "our", "my", "your", "there", "here", "what", "who", "which",
    "where", "why", "how", "some", "many", "most", "all", "both", "each", "every", "no",
    "not", "one", "two", "three", "also", "even", "just", "only", "during", "under",
    "over", "about", "into", "through", "until", "last", "next", "first", "another",
    "other", "such", "earlier", "later", "today", "yesterday", "according", "asked",
    "speaking", "following", "despite", "without", "instead", "indeed", "moreover",
    "furthermore", "besides", "thus", "hence", "therefore", "nonetheless", "nevertheless",
    "otherwise", "perhaps", "maybe", "sign", "photo", "follow", "read", "watch", "click",
    "subscribe", "related", "advertisement", "see", "more", "editor", "update", "updated",
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
    "january", "february", "march", "april", "june", "july", "august", "september",
    "october", "november", "december", "mr", "mrs", "ms", "dr", "mr.", "mrs.", "ms.", "dr.",
};

constexpr std::string_view kFirstNames[] = {
    "donald", "hillary", "barack", "bernie", "ted", "marco", "jeb", "john", "ben", "carly",
    "chris", "mike", "rand", "bill", "joe", "paul", "george", "michelle", "melania",
    "ivanka", "jared", "nancy", "mitch", "elizabeth", "tim", "martin", "rick", "scott",
    "lindsey", "bobby", "jim", "james", "robert", "michael", "william", "david", "richard",
    "thomas", "mark", "steven", "steve", "kevin", "brian", "jeff", "jeffrey", "eric", "dan",
    "daniel", "matthew", "andrew", "anthony", "jason", "ryan", "gary", "larry", "frank",
    "peter", "jonathan", "sarah", "mary", "patricia", "jennifer", "linda", "barbara",
    "susan", "jessica", "karen", "lisa", "nancy", "betty", "sandra", "ashley", "kimberly",
    "emily", "donna", "carol", "amy", "anna", "rebecca", "laura", "sharon", "cynthia",
    "kathleen", "helen", "debbie", "deborah", "rachel", "vladimir", "xi", "angela",
    "emmanuel", "theresa", "boris", "justin", "shinzo", "narendra", "recep", "benjamin",
    "kim", "moon", "jens", "tony", "gordon", "david", "nick", "ed", "alan", "charles",
    "kelly", "kellyanne", "reince", "sean", "stephen", "newt", "rudy", "sheldon", "reid",
    "harry", "chuck", "al", "jack", "joseph", "hugh", "ruth", "jane", "ann", "anne", "kate",
    "alex", "alexander", "sam", "samuel", "adam", "tom", "joshua", "josh", "aaron", "ken",
    "kenneth", "greg", "gregory", "jerry", "dennis", "walter", "patrick", "peter", "roger",
    "carl", "arthur", "ralph", "lawrence", "nicholas", "roy", "louis", "philip", "jimmy",
    "ronald", "gerald", "lyndon", "franklin", "dwight", "harold", "margaret", "tessa",
    "jacqui", "gordon", "tony", "john", "charles", "clare", "jack", "alistair",
};

// FNV-1a: cheap for the short words looked up once per token.
inline uint32_t HashWord(std::string_view w) {
  uint32_t h = 2166136261u;
  for (unsigned char c : w) h = (h ^ c) * 16777619u;
  return h;
}

struct Tables {
  std::vector<std::unique_ptr<std::string>> storage;  // owns generated forms
  // Open addressing, linear probing; a power of two well above the ~3,000 words, so probes
  // stay short. std::unordered_map was the hottest spot of extraction.
  static constexpr size_t kSlots = 1u << 14;
  std::vector<std::string_view> keys = std::vector<std::string_view>(kSlots);
  std::vector<LexEntry> vals = std::vector<LexEntry>(kSlots);
  std::vector<std::string_view> lemmas;

  size_t Slot(std::string_view w) const {
    size_t i = HashWord(w) & (kSlots - 1);
    while (!keys[i].empty() && keys[i] != w) i = (i + 1) & (kSlots - 1);
    return i;
  }

  void Add(std::string_view w, uint32_t cls, uint16_t lemma = 0) {
    size_t i = Slot(w);
    if (keys[i].empty()) {
      keys[i] = w;
      vals[i] = LexEntry{cls, lemma};
      return;
    }
    if ((cls & kCue) && !(vals[i].classes & kCue)) vals[i].lemma = lemma;
    vals[i].classes |= cls;
  }
  std::string_view Own(std::string s) {
    storage.push_back(std::make_unique<std::string>(std::move(s)));
    return *storage.back();
  }
};

bool IsVowel(char c) { return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u'; }

void AddVerb(Tables& t, std::string_view spec, bool weak, bool tell) {
  std::string_view lemma = spec;
  std::string_view past, part;
  bool dbl = false;
  if (size_t bar = spec.find('|'); bar != std::string_view::npos) {
    lemma = spec.substr(0, bar);
    std::string_view rest = spec.substr(bar + 1);
    size_t bar2 = rest.find('|');
    past = rest.substr(0, bar2);
    part = bar2 == std::string_view::npos ? past : rest.substr(bar2 + 1);
  }
  if (lemma.ends_with('+')) {
    dbl = true;
    lemma.remove_suffix(1);
  }
  uint16_t id = static_cast<uint16_t>(t.lemmas.size());
  for (size_t i = 0; i < t.lemmas.size(); ++i)
    if (t.lemmas[i] == lemma) id = static_cast<uint16_t>(i);
  if (id == t.lemmas.size()) t.lemmas.push_back(lemma);
  std::string base(lemma);
  char last = base.back();
  bool cons_y = last == 'y' && base.size() > 1 && !IsVowel(base[base.size() - 2]);
  std::string s3, ed, ing;
  if (cons_y) {
    s3 = base.substr(0, base.size() - 1) + "ies";
  } else if (base.ends_with("s") || base.ends_with("x") || base.ends_with("z") ||
             base.ends_with("ch") || base.ends_with("sh") || base.ends_with("o")) {
    s3 = base + "es";
  } else {
    s3 = base + "s";
  }
  if (!past.empty()) {
    ed = std::string(past);
  } else if (last == 'e') {
    ed = base + "d";
  } else if (cons_y) {
    ed = base.substr(0, base.size() - 1) + "ied";
  } else if (dbl) {
    ed = base + last + "ed";
  } else {
    ed = base + "ed";
  }
  if (base.ends_with("ie")) {
    ing = base.substr(0, base.size() - 2) + "ying";
  } else if (last == 'e' && !base.ends_with("ee") && base.size() > 2) {
    ing = base.substr(0, base.size() - 1) + "ing";
  } else if (dbl) {
    ing = base + last + "ing";
  } else {
    ing = base + "ing";
  }
  uint32_t cls = kCue | (weak ? uint32_t{kWeakCue} : 0u) | (tell ? uint32_t{kTellVerb} : 0u);
  t.Add(t.Own(base), cls | kBaseCue, id);
  t.Add(t.Own(s3), cls, id);
  t.Add(t.Own(ed), cls, id);
  if (!part.empty() && part != past) t.Add(t.Own(std::string(part)), cls, id);
  t.Add(t.Own(ing), cls | kIngCue, id);
}

template <size_t N>
void AddAll(Tables& t, const std::string_view (&words)[N], uint32_t cls) {
  for (std::string_view w : words) t.Add(w, cls);
}

template <size_t N>
bool Contains(const std::string_view (&words)[N], std::string_view w) {
  for (std::string_view x : words)
    if (x == w) return true;
  return false;
}

const Tables& GetTables() {
  static const Tables* tables = [] {
    auto* t = new Tables;
    for (std::string_view spec : kStrongCues) {
      std::string_view lemma = spec.substr(0, spec.find_first_of("|+"));
      AddVerb(*t, spec, Contains(kWeakCueLemmas, lemma), Contains(kTellLemmas, lemma));
    }
    AddAll(*t, kNounCues, kNounCue);
    AddAll(*t, kHonorifics, kHonorific);
    AddAll(*t, kTitles, kTitle);
    AddAll(*t, kAuxWords, kAux);
    AddAll(*t, kAdverbs, kAdverb);
    AddAll(*t, kSubjPronouns, kSubjPronoun);
    AddAll(*t, kObjPronouns, kObjPronoun);
    AddAll(*t, kDeterminers, kDeterminer);
    AddAll(*t, kPrepositions, kPreposition);
    AddAll(*t, kTimeWords, kTimeWord);
    AddAll(*t, kNationalities, kNationality);
    AddAll(*t, kGovernmentWords, kGovernment);
    AddAll(*t, kMediaWords, kMedia);
    AddAll(*t, kDocuments, kDocument);
    AddAll(*t, kOrganisations, kOrganisation);
    AddAll(*t, kPersonNouns, kPersonNoun);
    AddAll(*t, kPlurals, kPlural);
    AddAll(*t, kStopCaps, kStopCap);
    AddAll(*t, kFirstNames, kFirstName);
    for (std::string_view w : {"and", "but", "or", "&", "nor"}) t->Add(w, kConjunction);
    for (std::string_view w : {"who", "which", "that", "whose", "whom"}) t->Add(w, kRelative);
    for (std::string_view w : {"out", "up", "down", "on", "back", "off"}) t->Add(w, kParticle);
    return t;
  }();
  return *tables;
}

}  // namespace

const LexEntry* Lookup(std::string_view lower) {
  if (lower.empty()) return nullptr;
  const Tables& t = GetTables();
  size_t i = t.Slot(lower);
  return t.keys[i].empty() ? nullptr : &t.vals[i];
}

std::string_view CueLemma(uint16_t id) {
  const Tables& t = GetTables();
  return id < t.lemmas.size() ? t.lemmas[id] : std::string_view();
}

}  // namespace quotedb::extract
