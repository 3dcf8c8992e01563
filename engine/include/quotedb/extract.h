// Quote extraction and in-article attribution. Needs no database.
//
// ExtractQuotes finds every direct quote, partial quote and reported claim in one article's
// text and attributes each to a speaker named in the same article (pronouns, surnames and
// "the two" resolved within the article). Offsets are bytes into `text`, half-open.
#ifndef QUOTEDB_EXTRACT_H_
#define QUOTEDB_EXTRACT_H_

#include <string>
#include <string_view>
#include <vector>

#include "quotedb/records.h"

namespace quotedb {

// One speaker a quote is attributed to, as resolved within the article.
struct SpeakerMention {
  std::string name;  // the fullest name seen in the article ("Artyom Lukin", "South Korea")
  SpeakerKind kind = SpeakerKind::kUnknown;
  std::string title;        // role or title, when printed ("national security adviser")
  std::string affiliation;  // ("Russia's Far Eastern Federal University")
  std::string wikidata_qid;  // when known from the input (Quotebank, a speaker registry)
};

struct ExtractedQuote {
  StatementKind kind = StatementKind::kDirect;
  std::string text;         // the content as printed; several spans are joined by a space
  std::vector<Span> spans;  // content spans, in text order
  std::string cue;          // "said", "according to", "in a statement", ... or empty
  Span cue_span;            // empty when there is no cue
  // The mention the cue attaches to, as printed ("he", "Mr Cha", "Washington and Seoul").
  std::string speaker_mention;
  Span speaker_span;  // empty when no speaker was found
  // The resolved speaker display name ("Cha Du-hyeogn"; "Washington and Seoul" for a group),
  // empty when unattributed.
  std::string speaker;
  // The resolved speakers: one, or several for a group mention.
  std::vector<SpeakerMention> speakers;
  float confidence = 0.0f;  // 0..1
};

struct ExtractOptions {
  bool direct = true;    // quotes wholly inside quotation marks
  bool partial = true;   // reported speech carrying a quoted fragment
  bool indirect = true;  // reported speech without quotation marks
};

// Returns the statements in `text`, ordered by their first span. `text` must be valid UTF-8
// (readers transcode before extraction). Pure function: no global state, thread-safe.
std::vector<ExtractedQuote> ExtractQuotes(std::string_view text,
                                          const ExtractOptions& options = {});

}  // namespace quotedb

#endif  // QUOTEDB_EXTRACT_H_
