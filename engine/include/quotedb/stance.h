// Claim stance: does a text (a headline or an article body) assert a claim, deny it, only
// report it without taking a side, or speak of something else?
//
//   auto classifier = quotedb::StanceClassifier::Create();
//   if (!classifier.ok()) return classifier.status();
//   auto r = (*classifier)->Classify("North Korea supplies arms to Russia",
//                                    "Russia and North Korea deny any arms trade");
//   if (r.ok()) std::cout << quotedb::StanceName(r->stance);   // "against"
//
// Every text goes first to a relatedness gate (unrelated or not). Then a short text (a
// headline) goes to a model trained on claim/headline pairs (Emergent), a longer one (an
// article body) to a model trained on headline/body pairs (FNC-1); both answer for, against
// or observing. The models are small (logistic regressions, and boosted trees for bodies)
// over hand-made cue lexicons and overlap measures, compiled into the library;
// docs/stance.md tells how they are trained and how well they do.
#ifndef QUOTEDB_STANCE_H_
#define QUOTEDB_STANCE_H_

#include <array>
#include <memory>
#include <optional>
#include <string_view>

#include "quotedb/status.h"

namespace quotedb {

enum class Stance : unsigned char {
  kFor = 0,        // the text asserts the claim
  kAgainst = 1,    // the text denies or refutes it
  kObserving = 2,  // the text reports the claim without taking a side
  kUnrelated = 3,  // the text is about something else
};
inline constexpr int kNumStances = 4;

// "for", "against", "observing" or "unrelated".
std::string_view StanceName(Stance stance);
// The stance named `name` (as StanceName spells it), or nullopt.
std::optional<Stance> ParseStance(std::string_view name);

struct StanceResult {
  Stance stance = Stance::kUnrelated;
  // Probability of each stance, indexed by static_cast<int>(Stance); they sum to 1.
  std::array<float, kNumStances> probability{};
  // True when the text was read as a headline (short text), false as an article body.
  bool headline = false;
};

struct StanceOptions {
  // Texts of at most this many words are read as headlines, longer ones as article bodies.
  int max_headline_words = 30;
  // A text is unrelated when the gate gives it a probability of being related below this:
  // `related_threshold` for bodies, `headline_related_threshold` for headlines (lower, since
  // a headline shares few words with a claim even when it speaks of it).
  float related_threshold = 0.5f;
  float headline_related_threshold = 0.3f;
};

class StanceClassifier {
 public:
  // Returns a classifier with the compiled-in models, or InvalidArgument for bad options,
  // or IOError when the stemmer cannot be created. The caller owns the classifier.
  static Result<std::unique_ptr<StanceClassifier>> Create(const StanceOptions& options = {});

  ~StanceClassifier();
  StanceClassifier(const StanceClassifier&) = delete;
  StanceClassifier& operator=(const StanceClassifier&) = delete;

  // The stance of `text` towards `claim` (both UTF-8). Returns InvalidArgument when the
  // claim has no words. An empty text is unrelated. Not safe to call from two threads at
  // once (it keeps a stem cache): give each thread its own classifier.
  Result<StanceResult> Classify(std::string_view claim, std::string_view text);

 private:
  struct Rep;
  explicit StanceClassifier(std::unique_ptr<Rep> rep);
  std::unique_ptr<Rep> rep_;
};

}  // namespace quotedb

#endif  // QUOTEDB_STANCE_H_
