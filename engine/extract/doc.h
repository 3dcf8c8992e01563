// The article as the extractor sees it: tokens with their word classes, quotes and
// sentences, plus the raw attributions the patterns find before speakers are resolved.
#ifndef QUOTEDB_ENGINE_EXTRACT_DOC_H_
#define QUOTEDB_ENGINE_EXTRACT_DOC_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "extract/lexicon.h"
#include "extract/tokenizer.h"
#include "quotedb/records.h"

namespace quotedb::extract {

struct Doc {
  std::string_view text;
  std::vector<Token> toks;
  std::vector<Quote> quotes;
  std::vector<Sentence> sents;
  std::vector<uint32_t> cls;     // word classes per token (0 for punctuation)
  std::vector<uint16_t> lemma;   // cue lemma per token
  std::vector<uint32_t> sent_of; // sentence index per token

  bool IsWord(uint32_t k) const {
    return k < toks.size() && (toks[k].type == TokType::kWord || toks[k].type == TokType::kNumber);
  }
  bool IsCap(uint32_t k) const {
    return k < toks.size() && toks[k].type == TokType::kWord && (toks[k].flags & kCap);
  }
  bool Has(uint32_t k, uint32_t c) const { return k < toks.size() && (cls[k] & c); }
  TokType Type(uint32_t k) const { return k < toks.size() ? toks[k].type : TokType::kOther; }
  std::string_view Text(uint32_t k) const { return TokText(text, toks[k]); }
  // Case-insensitive comparison of token k with lower-case ASCII `w`.
  bool Is(uint32_t k, std::string_view w) const;
  std::string_view Range(uint32_t b, uint32_t e) const {
    return e > b ? text.substr(toks[b].begin, toks[e - 1].end - toks[b].begin) : std::string_view();
  }
};

// Builds the token, quote and sentence tables for `text`.
void BuildDoc(std::string_view text, Doc* doc);

// A token range [b, e).
struct TokRange {
  uint32_t b = 0;
  uint32_t e = 0;
  bool empty() const { return e <= b; }
};

// A speaker mention as analysed: which tokens name the speaker, its title and affiliation.
struct MentionInfo {
  TokRange span;  // the tokens the cue attaches to, as the speaker span
  TokRange name;  // the name proper (honorifics and titles stripped)
  std::string title;
  std::string affiliation;
  SpeakerKind kind = SpeakerKind::kUnknown;
  bool pronoun = false;
  bool relative = false;  // "who"
  bool named = false;     // a capitalised name (not a description or pronoun)
  std::vector<TokRange> members;  // for "Washington and Seoul"
};

// An attribution found by the sentence patterns, before speaker resolution.
struct RawQuote {
  std::vector<TokRange> content;
  TokRange cue;
  TokRange speaker_np;  // the whole noun phrase of the speaker, empty when none
  bool has_speaker = false;
  int32_t same_speaker_as = -1;  // "..., adding that": the speaker of an earlier RawQuote
  uint32_t sentence = 0;
  float confidence = 0.5f;
};

// Finds attributions sentence by sentence.
std::vector<RawQuote> FindAttributions(const Doc& doc);

// Analyses a speaker noun phrase.
MentionInfo AnalyzeMention(const Doc& doc, TokRange np);

}  // namespace quotedb::extract

#endif  // QUOTEDB_ENGINE_EXTRACT_DOC_H_
