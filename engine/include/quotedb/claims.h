// Claim frames and contradiction reports.
//
//   auto builder = quotedb::ClaimBuilder::Create();
//   quotedb::ClaimInput in;
//   in.text = "any arms trade";
//   in.cue = "denied";
//   in.speakers = {"Russia", "North Korea"};
//   quotedb::Claim c = (*builder)->Build(in);
//   // c.polarity == kDeny, c.event_class == "arms-transfer",
//   // c.participants == {"north-korea", "russia"}
//
//   auto findings = quotedb::FindContradictions(*db, quotedb::ContradictionQuery{});
//
// A claim frame reads one statement: who asserts it (the speakers), which entities it is about
// (countries, capitals, demonyms and leaders' governments meet at one key: "North Korea",
// "Pyongyang", "the North", "DPRK" and "North Korean" are all north-korea, and South Korea is
// another key), which event class its predicate belongs to (a lexicon over Snowball stems:
// "trading in arms", "arms trade", "supplied weapons", "shipping drones" are arms-transfer),
// numbers with what they count, polarity (the cue verb and negation in scope: "A accuses B of
// X" is A asserting X of B; "B denies X" is B asserting not-X) and modality. Statements about
// one proposition (the same event class over the same participants) share a proposition key,
// indexed in the by_prop column family, so the report reads candidates from index ranges.
#ifndef QUOTEDB_CLAIMS_H_
#define QUOTEDB_CLAIMS_H_

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "quotedb/db.h"
#include "quotedb/records.h"
#include "quotedb/status.h"

namespace quotedb {

// "affirm" / "deny".
const char* PolarityName(Polarity polarity);
// "asserted" / "hedged" / "question" / "reported".
const char* ModalityName(Modality modality);

// What the builder reads of one statement. Views must outlive the Build call.
struct ClaimInput {
  std::string_view text;  // the statement's content
  std::string_view cue;   // the reporting verb ("denied", "accused", "said"), may be empty
  StatementKind kind = StatementKind::kDirect;
  std::vector<std::string> speakers;       // resolved speaker names ("Russia", "North Korea")
  std::vector<SpeakerKind> speaker_kinds;  // parallel to speakers, may be shorter
  std::vector<SpeakerId> speaker_ids;      // copied into Claim::asserters
  // Article text just before the content (its sentence and the one before): resolves "the
  // two", "both", "the North" and the accused of "accused the two of ...". May be empty.
  std::string_view context;
};

// Builds claim frames. Owns a Snowball stemmer, so it is not thread-safe: one per thread.
class ClaimBuilder {
 public:
  // IOError when the English stemmer cannot be created. The caller owns the builder.
  static Result<std::unique_ptr<ClaimBuilder>> Create();
  ~ClaimBuilder();
  ClaimBuilder(const ClaimBuilder&) = delete;
  ClaimBuilder& operator=(const ClaimBuilder&) = delete;

  // The frame of `input`. Never fails: a statement with no recognised event class or no
  // participants gets proposition_key 0 (it is stored but not indexed by proposition).
  // article_id and ordinal are left zero for the caller to set.
  Claim Build(const ClaimInput& input);

  // The entity key of a name ("Pyongyang" -> "north-korea", "Mr Putin" -> "putin"), or "".
  std::string EntityKey(std::string_view name);

 private:
  struct Rep;
  explicit ClaimBuilder(std::unique_ptr<Rep> rep);
  std::unique_ptr<Rep> rep_;
};

// XXH3-64 of the event class and the sorted, de-duplicated participants; 0 when either is
// empty (never 0 otherwise).
uint64_t PropositionKey(std::vector<std::string> participants, std::string_view event_class);

// The input for a stored statement: its text, cue and speakers, with `article_text` (the text
// its spans point into) giving the context. Views point into `st`, `speakers` and
// `article_text`, which must outlive the result.
ClaimInput ClaimInputFor(const Statement& st, const std::vector<std::string>& speakers,
                         std::string_view article_text);

// ---- Reports over a database ----

enum class FindingKind : uint8_t { kClaimVsDenial, kSelfContradiction, kNumericMismatch };
// "claim-vs-denial", "self-contradiction", "numeric-mismatch".
const char* FindingKindName(FindingKind kind);

// One statement on one side of a finding.
struct FindingEntry {
  ClaimHit claim;
  // "claim" (a flat assertion), "support" (a flat assertion about part of the proposition,
  // e.g. evidence about one of its participants), "hedged", "reported" (kept apart from flat
  // assertions), "earlier" / "later" (self-contradiction), "value" (numeric-mismatch).
  std::string role;
};

struct Finding {
  FindingKind kind = FindingKind::kClaimVsDenial;
  std::string proposition;  // readable summary
  uint64_t proposition_key = 0;
  std::vector<FindingEntry> for_side;  // affirming (numeric: the most cited value)
  std::vector<FindingEntry> against;   // denying (numeric: the other values)
  double score = 0;                    // 0..1
  std::string quantity;                // numeric-mismatch: what the numbers count
};

struct ContradictionQuery {
  std::string speaker;  // only findings with a statement by this speaker (name or alias)
  std::string topic;    // only findings whose proposition or statements hold every word
  int64_t from_days = kUnknownDate;  // statements dated before are ignored
  int64_t to_days = kUnknownDate;    // statements dated after are ignored
  size_t limit = 0;                  // 0: all
  // Propositions with more statements than this are read only up to it (a guard against a
  // runaway group; the report stays linear in the index size).
  size_t max_group = 5000;
};

// Findings in `db`, strongest first. Candidates come from range scans of by_prop: one pass
// over the index (or, with a speaker, the speaker's propositions only), never all pairs.
Result<std::vector<Finding>> FindContradictions(DB& db, const ContradictionQuery& query);

// Every stored statement about the claim in `text`, grouped: `for_side` affirms it,
// `against` denies it, `observing` reports it without asserting (hedged, reported, question).
struct ClaimReport {
  Claim claim;  // the frame read from `text`
  std::vector<ClaimHit> for_side;
  std::vector<ClaimHit> against;
  std::vector<ClaimHit> observing;
};

// InvalidArgument when `text` yields no proposition (no known event or no participant).
Result<ClaimReport> ClaimsAbout(DB& db, std::string_view text, size_t limit = 1000);

}  // namespace quotedb

#endif  // QUOTEDB_CLAIMS_H_
