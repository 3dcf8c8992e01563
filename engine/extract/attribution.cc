// Sentence patterns that tie a cue to its speaker and its content:
//   CONTENT, SPEAKER CUE [tail].          "“...,” he said."  "X, officials said."
//   CONTENT, CUE SPEAKER [, appositive].  "“...,” said Steve Smith, a veteran editor."
//   SPEAKER [aux] CUE [object] [that|:] CONTENT.   "South Korea said it would ..."
//   SPEAKER, APPOSITIVE, CUE ...          "Jeff Weaver, Sanders' campaign manager, said ..."
//   according to SPEAKER, CONTENT.  /  CONTENT, according to SPEAKER.
//   ..., CUE-ing CONTENT                  "..., adding that ..." (the same speaker)
#include <algorithm>

#include "extract/doc.h"

namespace quotedb::extract {

bool Doc::Is(uint32_t k, std::string_view w) const {
  if (k >= toks.size()) return false;
  std::string_view t = Text(k);
  if (t.size() != w.size()) return false;
  for (size_t i = 0; i < t.size(); ++i) {
    char c = t[i];
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c | 0x20);
    if (c != w[i]) return false;
  }
  return true;
}

void BuildDoc(std::string_view text, Doc* doc) {
  doc->text = text;
  doc->toks = Tokenize(text);
  doc->quotes = PairQuotes(text, doc->toks);
  doc->sents = SplitSentences(text, doc->toks, doc->quotes);
  const size_t n = doc->toks.size();
  doc->cls.assign(n, 0);
  doc->lemma.assign(n, 0);
  doc->sent_of.assign(n, 0);
  char buf[48];
  for (size_t k = 0; k < n; ++k) {
    const Token& t = doc->toks[k];
    if (t.type != TokType::kWord) continue;
    std::string_view w = LowerInto(text, t, buf, sizeof buf);
    if (w.empty()) continue;
    const LexEntry* e = Lookup(w);
    if (!e && (t.flags & kPossessive)) continue;
    if (e) {
      doc->cls[k] = e->classes;
      doc->lemma[k] = e->lemma;
    }
  }
  for (uint32_t s = 0; s < doc->sents.size(); ++s)
    for (uint32_t k = doc->sents[s].tok_begin; k < doc->sents[s].tok_end; ++k)
      doc->sent_of[k] = s;
}

namespace {

bool IsBoundary(TokType t) {
  switch (t) {
    case TokType::kComma:
    case TokType::kColon:
    case TokType::kSemicolon:
    case TokType::kDash:
    case TokType::kQuoteClose:
    case TokType::kQuoteOpen:
    case TokType::kParenOpen:
    case TokType::kParenClose:
    case TokType::kPeriod:
    case TokType::kQuestion:
    case TokType::kExclaim:
    case TokType::kEllipsis:
      return true;
    default:
      return false;
  }
}

bool IsFinalPunct(TokType t) {
  return t == TokType::kPeriod || t == TokType::kQuestion || t == TokType::kExclaim ||
         t == TokType::kEllipsis || t == TokType::kColon || t == TokType::kSemicolon ||
         t == TokType::kComma || t == TokType::kDash;
}

class SentenceMatcher {
 public:
  SentenceMatcher(const Doc& doc, uint32_t sentence, std::vector<RawQuote>* out)
      : d_(doc), si_(sentence), sb_(doc.sents[sentence].tok_begin),
        se_(doc.sents[sentence].tok_end), out_(out), first_raw_(out->size()) {}

  void Run() {
    uint32_t consumed = sb_;
    for (uint32_t c = sb_; c < se_; ++c) {
      if (c < consumed) continue;
      const Token& t = d_.toks[c];
      if (t.type != TokType::kWord || t.quote >= 0) continue;
      uint32_t end = 0;
      if (d_.Is(c, "according") && d_.Is(c + 1, "to")) {
        end = MatchAccordingTo(c);
      } else if (d_.Is(c, "asked") && AskedOpensClause(c)) {
        end = MatchAskedClause(c);
      } else if (c == sb_ && d_.IsCap(c) && d_.Has(c, kCue) &&
                 !d_.Has(c, kIngCue | kBaseCue | kNounCue | kDocument) &&
                 (end = MatchFrontedCue(c)) > c) {
        // 'Said Rosa Vidal, who grew up there, “...”' (handled above)
      } else if (d_.Has(c, kCue) && (!d_.IsCap(c) || HeadlineVerb(c))) {
        // A capitalised cue word is part of a name ("United States", "The Post").
        end = MatchCue(c);
      }
      if (end > consumed) consumed = end;
    }
    MatchUnknownVerbQuotes();
    MatchHeadlineColon();
    MatchTranscriptLine();
    MatchColonBeforeQuoteParagraph();
  }

  // A verb that opens the sentence before its speaker: 'Said Rosa Vidal, who grew up on the
  // farm, “...”' and 'Added Moss: “...”' (the quotation in the sentence, or the next
  // paragraph when the sentence ends with the colon). Returns the end, or c when it fails.
  uint32_t MatchFrontedCue(uint32_t c) {
    std::string_view w = d_.Text(c);
    if (!w.ends_with("ed") && !d_.Is(c, "said") && !d_.Is(c, "wrote") && !d_.Is(c, "told"))
      return c;
    uint32_t np_e = c + 1;
    while (np_e < se_ && np_e < c + 6 && d_.IsCap(np_e) && !d_.Has(np_e, kStopCap)) ++np_e;
    if (np_e == c + 1) return c;
    TokType after = d_.Type(np_e);
    if (after != TokType::kComma && after != TokType::kColon) return c;
    uint32_t qb = 0;
    if (after == TokType::kColon && np_e + 1 == se_ && se_ < d_.toks.size() &&
        d_.Type(se_) == TokType::kQuoteOpen && d_.toks[se_].quote >= 0 &&
        d_.toks[se_].para != d_.toks[np_e].para) {
      qb = se_;
    } else {
      for (uint32_t k = np_e; k + 1 < se_ && k < np_e + 24; ++k) {
        if (d_.toks[k].quote < 0) continue;
        if (d_.Type(k) == TokType::kQuoteOpen &&
            (d_.Type(k - 1) == TokType::kComma || d_.Type(k - 1) == TokType::kColon))
          qb = k;
        break;
      }
    }
    if (qb == 0) return c;
    const Quote& qt = d_.quotes[d_.toks[qb].quote];
    uint32_t qe = qt.closed ? qt.close_tok + 1 : qt.close_tok;
    RawQuote q;
    q.cue = {c, c + 1};
    q.speaker_np = {c + 1, np_e};
    q.has_speaker = true;
    q.confidence = 0.7f;
    q.content.push_back({qb, qe});
    const size_t before = out_->size();
    Emit(std::move(q));
    if (out_->size() == before) return c;
    if (qb >= se_) {
      out_->back().sentence = d_.sent_of[qe - 1];
      return se_;
    }
    return qe;
  }

  // The headline (the first line) when it is one short sentence.
  bool IsHeadline() const {
    if (d_.toks[sb_].para != 0 || se_ - sb_ > 40) return false;
    return se_ >= d_.toks.size() || d_.toks[se_].para != 0;
  }

  // A capitalised verb in a title-case headline: "Bellwether County Says Trump Should Win".
  bool HeadlineVerb(uint32_t c) const {
    if (c == sb_ || !d_.IsCap(c - 1) || !IsHeadline()) return false;
    std::string_view w = d_.Text(c);
    if (!(w.ends_with("s") || w.ends_with("ed"))) return false;
    return !d_.Has(c, kMedia | kDocument | kPersonNoun | kTitle | kOrganisation | kStopCap);
  }

  // 'Clinton camp: Trump's rhetoric threatens security.' A headline that opens with a short
  // name and a colon reports what follows.
  void MatchHeadlineColon() {
    if (out_->size() > first_raw_ || !IsHeadline()) return;
    uint32_t colon = sb_;
    while (colon < se_ && colon < sb_ + 7 && d_.Type(colon) != TokType::kColon) {
      if (!d_.IsWord(colon) && d_.Type(colon) != TokType::kPeriod) return;
      ++colon;
    }
    if (colon == sb_ || colon >= se_ || d_.Type(colon) != TokType::kColon) return;
    if (!d_.IsCap(sb_) || d_.Has(sb_, kStopCap) || IsLabel(sb_)) return;
    TokRange content = Trim({colon + 1, se_});
    if (WordsIn(content) < 3) return;
    RawQuote q;
    q.cue = {colon, colon + 1};
    q.speaker_np = {sb_, colon};
    q.has_speaker = true;
    q.confidence = 0.5f;
    q.content.push_back(content);
    Emit(std::move(q));
  }

  bool IsLabel(uint32_t k) const {
    static constexpr std::string_view kLabels[] = {
        "photo", "photos", "video", "read", "watch", "sign", "follow", "update", "updated",
        "source", "credit", "note", "editor", "related", "see", "listen", "breaking",
        "exclusive", "warning", "live", "file", "graphic", "map", "chart", "ap", "cnn", "q", "a"};
    for (std::string_view l : kLabels)
      if (d_.Is(k, l)) return true;
    return false;
  }

  // 'Cruz continued:' closing a paragraph, and the next paragraph is the quote.
  void MatchColonBeforeQuoteParagraph() {
    if (out_->size() > first_raw_ || se_ < sb_ + 3) return;
    uint32_t colon = se_ - 1;
    if (d_.Type(colon) != TokType::kColon || d_.toks[colon].quote >= 0) return;
    if (se_ >= d_.toks.size() || d_.toks[se_].para == d_.toks[colon].para) return;
    const Token& next = d_.toks[se_];
    if (next.type != TokType::kQuoteOpen || next.quote < 0) return;
    const Quote& qt = d_.quotes[next.quote];
    uint32_t qe = qt.closed ? qt.close_tok + 1 : qt.close_tok;
    // The verb: a cue, else the word before the colon ("echoed", "responded").
    uint32_t v = colon - 1;
    for (uint32_t k = sb_; k < colon; ++k)
      if (d_.Has(k, kCue) && d_.toks[k].quote < 0 && !d_.IsCap(k)) v = k;
    if (!d_.IsWord(v) || d_.IsCap(v)) return;
    TokRange subj = SubjectBefore(SkipAuxBack(v));
    if (subj.empty()) return;
    RawQuote q;
    q.cue = {v, v + 1};
    q.speaker_np = subj;
    q.has_speaker = true;
    q.confidence = 0.6f;
    q.content.push_back({se_, qe});
    const size_t before = out_->size();
    Emit(std::move(q));  // may drop it (one word)
    if (out_->size() > before) out_->back().sentence = d_.sent_of[qe - 1];
  }

  // Transcripts: 'PENCE: Well, the question really should be ...' (a paragraph opening with
  // a name in capitals and a colon). Boilerplate labels (PHOTO:, WATCH:) are not speakers.
  void MatchTranscriptLine() {
    if (out_->size() > first_raw_) return;
    uint32_t k = sb_;
    if (k > 0 && d_.toks[k - 1].para == d_.toks[k].para) return;  // not a paragraph start
    if (d_.Type(k) == TokType::kQuoteOpen || d_.Type(k) == TokType::kQuoteAmbig) ++k;
    uint32_t n = k;
    while (n < se_ && n < k + 3 && d_.IsWord(n) && (d_.toks[n].flags & kAllCaps)) ++n;
    if (n == k || d_.Type(n) != TokType::kColon) return;
    if (IsLabel(k)) return;
    // The turn runs to the end of the paragraph.
    uint32_t pe = se_;
    while (pe < d_.toks.size() && d_.toks[pe].para == d_.toks[sb_].para) ++pe;
    TokRange content = Trim({n + 1, pe});
    if (WordsIn(content) < 4) return;
    RawQuote q;
    q.cue = {n, n + 1};
    q.speaker_np = {k, n};
    q.has_speaker = true;
    q.confidence = 0.6f;
    q.content.push_back(content);
    Emit(std::move(q));
  }

  // True when token k is already the cue of an attribution in this sentence whose content is
  // a quotation after it ('In "Face the Nation," Ryan said, "..."').
  bool CueUsed(uint32_t k) const {
    for (size_t i = first_raw_; i < out_->size(); ++i) {
      const RawQuote& r = (*out_)[i];
      if (r.cue.b == k && !r.content.empty() && r.content[0].b > k &&
          d_.Type(r.content[0].b) == TokType::kQuoteOpen)
        return true;
    }
    return false;
  }

  bool Covered(uint32_t k) const {
    for (size_t i = first_raw_; i < out_->size(); ++i)
      for (const TokRange& r : (*out_)[i].content)
        if (k >= r.b && k < r.e) return true;
    return false;
  }

  // Quotes whose attribution uses a verb outside the lexicon: the punctuation says it is
  // an attribution all the same.
  //   '“...,” Bennett shot back.'   '“...?” he demurred.'
  //   'he demurred: “...”'          'Donald Trump: “...”'
  void MatchUnknownVerbQuotes() {
    for (uint32_t k = sb_; k < se_; ++k) {
      const Token& t = d_.toks[k];
      if (t.type != TokType::kQuoteOpen || t.quote < 0) continue;
      const Quote& qt = d_.quotes[t.quote];
      uint32_t qe = qt.closed ? qt.close_tok + 1 : qt.close_tok;
      if (qe > se_ || Covered(k)) continue;
      RawQuote q;
      q.has_speaker = true;
      q.confidence = 0.6f;
      // After: ,” SPEAKER VERB
      if (qt.closed && qe < se_ && qt.close_tok > k + 1) {
        TokType before_close = d_.Type(qt.close_tok - 1);
        bool trailing = before_close == TokType::kComma || before_close == TokType::kQuestion ||
                        before_close == TokType::kExclaim;
        uint32_t np_b = qe;
        uint32_t np_e = np_b;
        if (d_.Has(np_b, kSubjPronoun) && !d_.IsCap(np_b + 1)) {
          np_e = np_b + 1;
        } else {
          while (np_e < se_ && np_e < np_b + 5 && d_.IsCap(np_e) && !d_.Has(np_e, kStopCap)) ++np_e;
        }
        if (trailing && np_e > np_b && d_.IsWord(np_e) && !d_.IsCap(np_e) && !CueUsed(np_e) &&
            !d_.Has(np_e, kPreposition | kDeterminer | kConjunction | kRelative) &&
            d_.toks[np_b].begin > d_.toks[qe - 1].end) {
          q.content.push_back({k, qe});
          q.speaker_np = {np_b, np_e};
          q.cue = {np_e, np_e + 1};
          Emit(std::move(q));
          continue;
        }
      }
      // '“...” ― Stephanie Egan'
      if (qt.closed && qe + 1 < se_ && d_.Type(qe) == TokType::kDash && d_.IsCap(qe + 1)) {
        uint32_t np_e = qe + 1;
        while (np_e < se_ && np_e < qe + 6 && d_.IsCap(np_e)) ++np_e;
        q.content.push_back({k, qe});
        q.speaker_np = {qe + 1, np_e};
        q.cue = {qe, qe + 1};
        Emit(std::move(q));
        continue;
      }
      // Before: SPEAKER VERB: “...”  or  NAME: “...”
      if (k >= sb_ + 2 && d_.Type(k - 1) == TokType::kColon) {
        uint32_t v = k - 2;
        if (d_.IsWord(v) && !d_.IsCap(v) && !d_.Has(v, kPreposition | kDeterminer)) {
          uint32_t p = SkipAuxBack(v);
          TokRange subj = SubjectBefore(p);
          if (!subj.empty() && (d_.IsCap(subj.e - 1) || d_.Has(subj.e - 1, kSubjPronoun))) {
            q.content.push_back({k, qe});
            q.speaker_np = subj;
            q.cue = {v, v + 1};
            Emit(std::move(q));
            continue;
          }
        } else if (d_.IsCap(v) && k - 1 - sb_ <= 4) {
          bool all_cap = true;
          for (uint32_t i = sb_; i < k - 1; ++i) all_cap &= d_.IsCap(i) && !d_.Has(i, kStopCap);
          if (all_cap) {
            q.content.push_back({k, qe});
            q.speaker_np = {sb_, k - 1};
            q.cue = {k - 1, k};
            Emit(std::move(q));
            continue;
          }
        }
        // Digests: 'HEADLINE IN CAPITALS - Ann Lee and Tom Moss: “...”'. A name after a dash.
        if (d_.IsCap(v) && !(d_.toks[v].flags & kAllCaps)) {
          uint32_t b = k - 1;
          while (b > sb_ && k - 1 - b < 7 &&
                 ((d_.IsCap(b - 1) && !(d_.toks[b - 1].flags & kAllCaps) &&
                   !d_.Has(b - 1, kStopCap)) ||
                  (d_.Is(b - 1, "and") && b - 1 > sb_ && d_.IsCap(b - 2))))
            --b;
          if (b > sb_ && b < k - 1 && d_.Type(b - 1) == TokType::kDash && d_.IsCap(b) &&
              !d_.Is(b, "and")) {
            q.content.push_back({k, qe});
            q.speaker_np = {b, k - 1};
            q.cue = {k - 1, k};
            Emit(std::move(q));
            continue;
          }
        }
      }
    }
  }

 private:
  // Last token of the sentence that is not final punctuation.
  uint32_t ContentEnd() const {
    uint32_t e = se_;
    while (e > sb_ && IsFinalPunct(d_.Type(e - 1))) --e;
    return e;
  }

  size_t WordsIn(TokRange r) const {
    size_t n = 0;
    for (uint32_t k = r.b; k < r.e; ++k) n += d_.IsWord(k);
    return n;
  }

  // Content before an attribution starts after an introductory clause: "In October, as it
  // became apparent ..., his campaign sought ..." -> "his campaign sought ...".
  TokRange SkipIntroClause(TokRange r) const {
    uint32_t f = r.b;
    if (f < r.e && (d_.Is(f, "but") || d_.Is(f, "and") || d_.Is(f, "so") || d_.Is(f, "yet")))
      ++f;
    if (f < r.e && d_.Type(f) == TokType::kComma) ++f;
    if (f >= r.e || d_.toks[f].quote >= 0) return r;
    bool intro = d_.Has(f, kPreposition) || d_.Is(f, "when") || d_.Is(f, "as") ||
                 d_.Is(f, "while") || d_.Is(f, "although") || d_.Is(f, "though") ||
                 d_.Is(f, "if") || d_.Is(f, "because") || d_.Is(f, "once") ||
                 d_.Is(f, "asked") || d_.Is(f, "whether");
    if (!intro) return r;
    for (uint32_t k = f + 1; k + 3 < r.e; ++k) {
      if (d_.toks[k].quote >= 0) return r;
      if (d_.Type(k) == TokType::kComma) return {k + 1, r.e};
    }
    return r;
  }

  // Where reported content that runs to the sentence end should stop: at a semicolon, at a
  // dash before a quote, or at a comma that starts a new report (", but lamented that",
  // ", he actually thinks").
  uint32_t ClauseEnd(uint32_t s, uint32_t limit) const {
    for (uint32_t k = s + 2; k + 1 < limit; ++k) {
      if (d_.toks[k].quote >= 0) continue;
      TokType t = d_.Type(k);
      if (t == TokType::kSemicolon) return k;
      if (t == TokType::kDash) return k;  // "... run against him — no different from ..."
      if (t != TokType::kComma) continue;
      uint32_t j = k + 1;
      // ", while 9 percent ...", ", however ...", ", and he railed ...": the narrator again.
      if (d_.Is(j, "while") || d_.Is(j, "whereas") || d_.Is(j, "however")) return k;
      // ", who is 70", ", which makes him an outlier": a relative clause of the narrator.
      if ((d_.Is(j, "who") || d_.Is(j, "which")) && k > s + 3) return k;
      if ((d_.Is(j, "and") || d_.Is(j, "but")) && d_.Has(j + 1, kSubjPronoun) &&
          !d_.Is(j + 1, "it") && !d_.Is(j + 1, "you") && d_.IsWord(j + 2))
        return k;
      if (d_.Is(j, "but") || d_.Is(j, "and") || d_.Is(j, "while") || d_.Is(j, "though")) ++j;
      if (d_.Has(j, kSubjPronoun) && !d_.Is(j, "it")) ++j;
      // ", but went on to say ...": a new report of the same speaker.
      if (j > k + 1 && GoOnTo(j)) return k;
      while (j < limit && d_.Has(j, kAux | kAdverb) && !d_.Has(j, kCue)) ++j;
      if (j > k + 1 && j < limit && d_.Has(j, kCue) && !d_.Has(j, kIngCue | kWeakCue | kBaseCue))
        return k;
    }
    return limit;
  }

  TokRange Trim(TokRange r) const {
    while (r.b < r.e && (IsFinalPunct(d_.Type(r.b)) || d_.Type(r.b) == TokType::kParenClose))
      ++r.b;
    while (r.e > r.b && IsFinalPunct(d_.Type(r.e - 1))) --r.e;
    return r;
  }

  // A noun phrase that can name a speaker, starting at k: returns its end (exclusive), or k
  // when there is none. Stops at commas, verbs-like lower-case words and the sentence end.
  uint32_t NounPhraseAfter(uint32_t k, uint32_t limit) const {
    uint32_t i = k;
    bool any_cap = false;
    bool any_noun = false;
    while (i < limit && i < k + 12) {
      if (!d_.IsWord(i)) {
        if (d_.Type(i) == TokType::kSingleQuote || d_.Type(i) == TokType::kOther) {
          ++i;
          continue;
        }
        break;
      }
      uint32_t c = d_.cls[i];
      if (d_.IsCap(i) && !(c & kStopCap && i == k && !(c & (kHonorific | kTitle)) &&
                           !d_.Is(i, "the"))) {
        any_cap = true;
        ++i;
        continue;
      }
      // Lower-case modifiers before a name or title: "undecided Republican voter ...".
      if (i < k + 4 && !(c & (kPreposition | kConjunction | kAux | kCue | kRelative |
                              kSubjPronoun | kObjPronoun | kTimeWord)) &&
          !d_.IsCap(i) && (d_.IsCap(i + 1) || d_.Has(i + 1, kTitle | kPersonNoun))) {
        ++i;
        continue;
      }
      if (d_.IsCap(i)) {  // "The" etc.
        ++i;
        continue;
      }
      if (c & (kDeterminer | kTitle | kNationality | kPersonNoun | kHonorific)) {
        any_noun = any_noun || (c & (kPersonNoun | kTitle));
        ++i;
        continue;
      }
      // A cue that is also a noun ends the phrase: "according to the full text".
      bool noun_cue = (c & kCue) && (c & (kDocument | kNounCue | kMedia | kPersonNoun));
      if (i > k && d_.Has(k, kDeterminer) &&
          (!(c & (kPreposition | kConjunction | kAux | kCue | kRelative | kSubjPronoun)) ||
           noun_cue)) {
        any_noun = true;  // "said the ruling"
        ++i;
        continue;
      }
      if (c & kSubjPronoun && i == k) return i + 1;
      if ((d_.Is(i, "of") || d_.Is(i, "for") || d_.Is(i, "at")) && (any_cap || any_noun) &&
          i + 1 < limit && (d_.IsCap(i + 1) || d_.Has(i + 1, kDeterminer))) {
        ++i;
        continue;
      }
      if (d_.Type(i) == TokType::kNumber && (any_cap || i < k + 3)) {  // "9/11 widow Jo Ray
        ++i;
        continue;
      }
      break;
    }
    if (!any_cap && !any_noun) return k;
    return i;
  }

  // Skips what may sit between a cue and its content: a particle, the addressee of "told",
  // time words and a short prepositional phrase ("in a statement", "on Twitter").
  uint32_t SkipTail(uint32_t c, uint32_t limit) const {
    uint32_t i = c + 1;
    if (d_.Has(i, kParticle) && (d_.Is(i, "out") || d_.Is(i, "up"))) ++i;
    if (CallOnFor(c)) ++i;  // "called on Trump to stop", "called for a ban"

    if (d_.Has(c, kTellVerb) && i < limit && d_.IsWord(i) && !d_.Is(i, "that")) {
      if (d_.Has(i, kObjPronoun)) {
        ++i;
      } else if (d_.Has(i, kDeterminer) && !d_.Has(i, kSubjPronoun)) {
        uint32_t j = i + 1;
        while (j < limit && j < i + 5 && d_.IsWord(j) && !d_.Is(j, "that") &&
               !d_.Has(j, kSubjPronoun | kAux | kTimeWord))
          ++j;
        i = j;
      } else {
        uint32_t e = NounPhraseAfter(i, limit);
        if (e > i && e - i <= 10) i = e;
      }
      // 'told CBS’s “Face the Town” that ...': the programme title is part of the addressee.
      if (i < limit && d_.Type(i) == TokType::kQuoteOpen && i > c + 1 &&
          (d_.toks[i - 1].flags & kPossessive) && d_.toks[i].quote >= 0 &&
          d_.quotes[d_.toks[i].quote].closed &&
          d_.quotes[d_.toks[i].quote].close_tok < i + 8)
        i = d_.quotes[d_.toks[i].quote].close_tok + 1;
    }
    for (int guard = 0; guard < 4 && i < limit; ++guard) {
      if (d_.Has(i, kTimeWord) && !d_.Is(i, "that")) {
        ++i;
        continue;
      }
      // "to" before a verb is an infinitive, part of the content ("promised to release").
      if (d_.Is(i, "to") && !(d_.IsCap(i + 1) || d_.Has(i + 1, kDeterminer | kObjPronoun)))
        break;
      if (d_.Has(i, kPreposition) && !d_.Is(i, "that")) {
        // A short phrase that ends before "that", a comma, a quote or a subject pronoun.
        uint32_t j = i + 1;
        while (j < limit && j < i + 7 &&
               (d_.IsWord(j) || d_.Type(j) == TokType::kSingleQuote) && !d_.Is(j, "that") &&
               !d_.Has(j, kSubjPronoun) && !d_.Has(j, kAux))
          ++j;
        if (j < limit && j > i + 1 &&
            (d_.Is(j, "that") || d_.Type(j) == TokType::kComma ||
             d_.Type(j) == TokType::kColon || d_.Type(j) == TokType::kQuoteOpen ||
             d_.Has(j, kSubjPronoun))) {
          i = j;
          continue;
        }
        if (j >= limit || IsFinalPunct(d_.Type(j))) {
          i = j;  // "... he said of Bill Clinton."
          continue;
        }
        break;
      }
      break;
    }
    return i;
  }

  bool CallOnFor(uint32_t c) const {
    return (d_.Is(c + 1, "on") || d_.Is(c + 1, "for")) && CueLemma(d_.lemma[c]) == "call";
  }

  // Scans back from the cue over auxiliaries and adverbs ("has also said").
  uint32_t SkipAuxBack(uint32_t c) const {
    uint32_t p = c;
    for (;;) {
      if (p > sb_ && d_.IsWord(p - 1) && d_.toks[p - 1].quote < 0 &&
          (d_.cls[p - 1] & (kAux | kAdverb)) && !(d_.cls[p - 1] & kSubjPronoun) &&
          !d_.IsCap(p - 1)) {
        --p;
        continue;
      }
      // "Feinstein (D-Calif.) last week said": time words and a parenthesis.
      if (p > sb_ && d_.IsWord(p - 1) && d_.Has(p - 1, kTimeWord) &&
          !d_.Has(p - 1, kDocument | kMedia | kPersonNoun | kCue) &&
          (d_.Has(p - 2, kTimeWord) || d_.Is(p - 1, "yesterday") || d_.Is(p - 1, "today") ||
           d_.Is(p - 1, "earlier") || d_.Is(p - 1, "recently") || d_.IsCap(p - 1))) {
        --p;
        continue;
      }
      if (p > sb_ + 2 && d_.Type(p - 1) == TokType::kParenClose) {
        uint32_t k = p - 1;
        while (k > sb_ && k + 8 > p && d_.Type(k) != TokType::kParenOpen) --k;
        if (d_.Type(k) == TokType::kParenOpen && k > sb_) {
          p = k;
          continue;
        }
      }
      return p;
    }
  }

  // The subject noun phrase that ends at p: back to a boundary. Empty when none fits.
  TokRange SubjectBefore(uint32_t p) const {
    // 'a sign that read “...”', 'the report, which found ...': the relative pronoun after a
    // noun is the subject (resolved to the noun later).
    if (p > sb_ + 1 && (d_.Is(p - 1, "that") || d_.Is(p - 1, "which")) && !d_.IsCap(p - 1) &&
        d_.toks[p - 2].quote < 0 &&
        ((d_.Is(p - 1, "which") && d_.Type(p - 2) == TokType::kComma) ||
         (d_.Type(p - 2) == TokType::kWord && !d_.Has(p - 2, kCue | kAux | kAdverb |
                                                          kPreposition | kConjunction |
                                                          kSubjPronoun | kObjPronoun |
                                                          kDeterminer | kTimeWord))))
      return {p - 1, p};
    uint32_t q = p;
    while (q > sb_ && q + 16 > p) {
      uint32_t k = q - 1;
      TokType ty = d_.Type(k);
      if (d_.toks[k].quote >= 0) break;
      if (IsBoundary(ty)) break;
      if (ty == TokType::kWord) {
        uint32_t c = d_.cls[k];
        // A cue form after a determiner is a noun ("people familiar with the talks").
        if ((c & kCue) && !d_.IsCap(k) && !(c & (kPersonNoun | kTitle | kDocument)) &&
            !(k > sb_ && d_.Has(k - 1, kDeterminer) && !d_.Has(k - 1, kSubjPronoun) &&
              k + 1 == p))
          break;
        if ((c & kConjunction) && !d_.IsCap(k)) {
          // "Washington and Seoul": coordination of names stays inside the phrase.
          if (d_.IsCap(k + 1) && k > sb_ && (d_.IsCap(k - 1) || d_.Has(k - 1, kPersonNoun)))
            {
              --q;
              continue;
            }
          break;
        }
        if (d_.Is(k, "that") || d_.Is(k, "if") || d_.Is(k, "because") || d_.Is(k, "when") ||
            d_.Is(k, "as") || d_.Is(k, "while") || d_.Is(k, "than") || d_.Is(k, "why") ||
            d_.Is(k, "how") || d_.Is(k, "what") || d_.Is(k, "where") || d_.Is(k, "whether") ||
            d_.Is(k, "though") || d_.Is(k, "although") || d_.Is(k, "whereas") ||
            d_.Is(k, "unless") || d_.Is(k, "so"))
          break;
      }
      --q;
    }
    TokRange r{q, p};
    if (r.empty()) return r;
    // Relative pronoun: "Mr. Ekovich, who noted ..." -> the relative; resolved later.
    if (r.e - r.b == 1 && d_.Is(r.b, "who")) return r;
    if (r.e - r.b > 1 && d_.Is(r.e - 1, "who")) return {r.e - 1, r.e};  // "critics who say"
    // The phrase must start like a noun phrase and end with a noun.
    uint32_t f = r.b;
    uint32_t fc = d_.cls[f];
    bool starts_ok = d_.IsCap(f) || (fc & (kDeterminer | kSubjPronoun | kTitle |
                                           kPersonNoun | kNationality | kHonorific)) ||
                     d_.Type(f) == TokType::kNumber;
    if (!starts_ok) {
      // Allow a leading lower-case modifier run only when a capitalised name or a people noun
      // heads it ("elected officials from both parties").
      bool people = false;
      for (uint32_t k = r.b; k < r.e && k < r.b + 3; ++k) people |= d_.Has(k, kPlural);
      if (!d_.IsCap(r.e - 1) && !people) return {p, p};
    }
    uint32_t l = r.e - 1;
    bool the_two = r.e - r.b == 2 && d_.Is(r.b, "the") && d_.Is(l, "two");
    if (d_.Has(l, kPreposition | kDeterminer | kConjunction) && !d_.Has(l, kPersonNoun) &&
        !the_two)
      return {p, p};
    if (d_.Has(f, kSubjPronoun) && r.e - r.b > 1) {
      // "it would ..." is not a subject of "said"; a pronoun must stand alone.
      return {r.e - 1, r.e};
    }
    // A phrase with a lower-case word that looks like a verb ("... was ...") is a clause.
    // ... unless a relative pronoun or participle opened a postmodifier before it:
    // "Supporters who have heard from the campaign say", "Democrats trying to regain ... say".
    bool postmodifier = false;
    for (uint32_t k = r.b; k < r.e; ++k) {
      if (k > r.b && !d_.IsCap(k) &&
          (d_.Is(k, "who") || d_.Is(k, "whose") || d_.Text(k).ends_with("ing")))
        postmodifier = true;
      // "The Commission on Trade", "Experts on river safety", "Those close to him": a
      // preposition before a noun phrase, not an auxiliary.
      bool prep = d_.Has(k, kPreposition) && k + 1 < r.e && !d_.Has(k + 1, kAux | kCue) &&
                  (d_.IsCap(k + 1) || d_.Has(k + 1, kDeterminer | kObjPronoun) ||
                   d_.Type(k + 1) == TokType::kNumber || !d_.Has(k + 1, kAdverb));
      if (d_.Has(k, kAux) && !d_.IsCap(k) && !d_.Has(k, kPersonNoun) && !postmodifier &&
          !prep)
        return {p, p};
    }
    size_t words = WordsIn(r);
    bool has_prep = false;
    for (uint32_t k = r.b; k < r.e; ++k) has_prep |= d_.Has(k, kPreposition);
    if (words > (has_prep ? 14u : 7u)) return {p, p};
    return r;
  }

  // The sentence-initial noun phrase (for coordinated verbs and -ing cues).
  TokRange SentenceSubject(uint32_t limit) const {
    TokRange r = SubjectFrom(sb_, limit);
    if (!r.empty()) return r;
    // Skip an introductory clause ending in a comma when it is short.
    for (uint32_t k = sb_; k < limit && k < sb_ + 14; ++k) {
      if (d_.Type(k) == TokType::kComma && d_.toks[k].quote < 0) return SubjectFrom(k + 1, limit);
      if (d_.toks[k].quote >= 0) break;
    }
    return {};
  }

  TokRange SubjectFrom(uint32_t b, uint32_t limit) const {
    uint32_t e = b;
    while (e < limit && e < b + 10 && d_.IsWord(e) && !d_.Has(e, kAux | kCue) &&
           (d_.IsCap(e) || d_.Has(e, kDeterminer | kConjunction | kTitle | kPersonNoun |
                                         kNationality | kSubjPronoun | kHonorific) ||
            d_.Is(e, "of") || d_.Is(e, "for") || d_.Is(e, "at")))
      ++e;
    if (e == b) return {};
    if (!d_.Has(e, kAux | kCue | kAdverb) && !(d_.IsWord(e) && !d_.IsCap(e))) return {};
    return {b, e};
  }

  void Emit(RawQuote q) {
    // Content made of only punctuation or one word is noise.
    size_t words = 0;
    for (const TokRange& r : q.content) words += WordsIn(r);
    bool no_comment = q.cue.e > q.cue.b && (CueLemma(d_.lemma[q.cue.b]) == "decline" ||
                                            CueLemma(d_.lemma[q.cue.b]) == "refuse" ||
                                            (!q.has_speaker && d_.Is(q.cue.b, "asked")));
    // 'endorsed Clinton last week': an object-taking cue whose content is a short name phrase;
    // time words after the object are the narrator's.
    if (q.content.size() == 1 && q.cue.e > q.cue.b && ObjectCue(q.cue.b)) {
      TokRange& r = q.content[0];
      if (r.e > r.b + 1 && d_.IsCap(r.b) && d_.toks[r.b].quote < 0) {
        uint32_t e = r.b + 1;
        while (e < r.e && d_.IsCap(e) && !d_.Has(e, kTimeWord)) ++e;
        uint32_t t = e;
        while (t < r.e && (d_.Has(t, kTimeWord) || d_.Is(t, "last") || d_.Is(t, "this") ||
                           d_.Is(t, "on") || d_.Is(t, "week") || d_.Is(t, "month") ||
                           d_.Is(t, "year")))
          ++t;
        if (t == r.e && e < r.e) r.e = e;
      }
      if (WordsIn(r) == 1 && d_.IsCap(r.b) && !d_.Has(r.b, kStopCap)) words = 2;
    }
    if (words < (no_comment ? 1u : 2u)) return;
    // 'told MSNBC’s “Morning Joe”': a quotation right after a possessive name is a title.
    if (q.content.size() == 1) {
      const TokRange& r = q.content[0];
      if (r.b > 0 && d_.Type(r.b) == TokType::kQuoteOpen && d_.IsCap(r.b - 1) &&
          (d_.toks[r.b - 1].flags & kPossessive) && d_.toks[r.b].quote >= 0 &&
          d_.quotes[d_.toks[r.b].quote].closed && d_.quotes[d_.toks[r.b].quote].close_tok + 1 >= r.e &&
          WordsIn(r) <= 6)
        return;
    }
    q.sentence = si_;
    out_->push_back(std::move(q));
  }

  // Cues whose content is often only their object ("endorsed Clinton", "praised Moss").
  bool ObjectCue(uint32_t k) const {
    static constexpr std::string_view kObjectCues[] = {
        "endorse", "praise", "criticize", "criticise", "blast", "slam", "attack", "thank",
        "congratulate", "blame", "mock", "condemn", "denounce", "defend", "accuse", "hail",
        "applaud", "commend", "laud", "lambast", "lambaste", "assail", "ridicule", "rebuke"};
    std::string_view lemma = CueLemma(d_.lemma[k]);
    for (std::string_view c : kObjectCues)
      if (c == lemma) return true;
    return false;
  }

  bool DirectQuoteStart(TokRange r) const { return d_.Type(r.b) == TokType::kQuoteOpen; }

  bool IngCueAfterComma(uint32_t k) const {
    if (d_.Type(k) != TokType::kComma || !d_.Has(k + 1, kIngCue)) return false;
    if (!d_.Has(k + 1, kWeakCue)) return true;
    // Participles that mostly describe rather than report: ", allowing people to ...".
    static constexpr std::string_view kNotReports[] = {
        "allow", "continue", "begin", "go", "point", "offer", "hit", "fire", "find", "show",
        "want", "read", "leak", "push", "press", "hope", "expect", "hold", "rule", "decide",
        "determine", "learn", "discover", "grant", "talk", "speak", "address", "discuss"};
    std::string_view lemma = CueLemma(d_.lemma[k + 1]);
    for (std::string_view n : kNotReports)
      if (n == lemma) return false;
    return true;
  }

  // The second part of "A, he said, B": from after the comma to the sentence end, unless
  // it starts a new attribution ("adding that", "who").
  void AddSecondPart(RawQuote* q, uint32_t after_tail) {
    uint32_t end = ContentEnd();
    if (after_tail >= end) return;
    if (d_.Type(after_tail) != TokType::kComma) return;
    uint32_t s = after_tail + 1;
    if (s >= end || d_.Has(s, kIngCue | kRelative) || d_.Is(s, "according")) return;
    // A second quote ('“...,” he said, “...”') or a clause that carries on the first
    // ("..., he said, because ..."); anything else is the narrator's.
    bool quote = d_.Type(s) == TokType::kQuoteOpen;
    bool clause = d_.Is(s, "because") || d_.Is(s, "but") ||
                  d_.Is(s, "although") || d_.Is(s, "though") || d_.Is(s, "since") ||
                  d_.Is(s, "so") || d_.Is(s, "unless");
    // After reported (unquoted) content, "If X, Rubio said, Y" carries on the report.
    bool narrator = d_.Is(s, "as") || d_.Is(s, "while") || d_.Is(s, "when") ||
                    d_.Is(s, "after") || d_.Is(s, "before") ||
                    (d_.Has(s, kPreposition) && !d_.Is(s, "to"));
    if (!quote && !clause && (DirectQuoteStart(q->content.front()) || narrator)) return;
    // '"A," he said, but "B."': a conjunction before the rest of the quote.
    if (!quote && DirectQuoteStart(q->content.front()) &&
        d_.Type(s + 1) != TokType::kQuoteOpen)
      return;
    TokRange r = Trim({s, end});
    if (WordsIn(r) >= 2) q->content.push_back(r);
  }

  // "Asked whether ..., Priebus said" and "When asked about it, ...": the question is
  // content without a speaker of its own.
  bool AskedOpensClause(uint32_t c) const {
    uint32_t k = c;
    if (k > sb_ && (d_.Is(k - 1, "when") || d_.Is(k - 1, "if") || d_.Is(k - 1, "once"))) --k;
    if (k > sb_ && (d_.Is(k - 1, "but") || d_.Is(k - 1, "and"))) --k;
    return k == sb_ || d_.Type(k - 1) == TokType::kComma;
  }

  uint32_t MatchAskedClause(uint32_t c) {
    uint32_t limit = ContentEnd();
    uint32_t s = c + 1;
    // Skip the addressee and time ("asked on Monday", "asked by reporters").
    while (s < limit && (d_.Has(s, kTimeWord) || d_.Is(s, "on") || d_.Is(s, "by")) &&
           !d_.Is(s, "about") && s < c + 4)
      ++s;
    uint32_t e = s;
    while (e < limit && d_.Type(e) != TokType::kComma) ++e;
    TokRange content = Trim({s, e});
    if (WordsIn(content) < 1 || e - s > 30) return c + 1;
    RawQuote q;
    q.cue = {c, c + 1};
    q.has_speaker = false;
    q.confidence = 0.5f;
    q.content.push_back(content);
    Emit(std::move(q));
    return e;
  }

  uint32_t MatchAccordingTo(uint32_t c) {
    uint32_t np_b = c + 2;
    uint32_t limit = ContentEnd();
    uint32_t np_e = NounPhraseAfter(np_b, limit);
    if (np_e == np_b) {
      // "according to a CBS poll released Monday": take up to the comma.
      np_e = np_b;
      while (np_e < limit && d_.IsWord(np_e) && np_e < np_b + 10) ++np_e;
    }
    if (np_e == np_b) return c + 1;
    RawQuote q;
    q.cue = {c, c + 2};
    q.speaker_np = {np_b, np_e};
    q.has_speaker = true;
    q.confidence = 0.8f;
    TokRange before = SkipIntroClause(Trim({DatelineEnd(), c}));
    if (WordsIn(before) >= 3) {
      q.content.push_back(before);
      // "One of the decisions, according to a person close to it, is to ...": the report
      // carries on after the source.
      uint32_t k = np_e;
      while (k < limit && d_.Type(k) != TokType::kComma && k < np_e + 6 && d_.IsWord(k)) ++k;
      if (k + 1 < limit && d_.Type(k) == TokType::kComma && !d_.Has(k + 1, kRelative | kIngCue) &&
          d_.toks[k + 1].quote < 0) {
        TokRange rest = Trim({k + 1, limit});
        if (WordsIn(rest) >= 2) q.content.push_back(rest);
        Emit(std::move(q));
        return limit;
      }
      Emit(std::move(q));
      return np_e;
    }
    // "According to X, CONTENT."
    uint32_t s = np_e;
    while (s < limit && d_.Type(s) != TokType::kComma) ++s;
    TokRange after = Trim({s, limit});
    q.content.push_back(after);
    Emit(std::move(q));
    return se_;
  }

  uint32_t MatchCue(uint32_t c) {
    const uint32_t limit = ContentEnd();
    const bool weak = d_.Has(c, kWeakCue);
    // "..., adding that ...": the speaker of the main clause.
    if (d_.Has(c, kIngCue) && c > sb_ && d_.Type(c - 1) == TokType::kComma) {
      uint32_t s = SkipTail(c, limit);
      // ", referring to his daughter Ivanka": the object of "to" is the content.
      if (CueLemma(d_.lemma[c]) == "refer" && d_.Is(c + 1, "to")) s = c + 2;
      if (d_.Type(s) == TokType::kColon || d_.Type(s) == TokType::kComma) ++s;
      TokRange content = Trim({s, limit});
      bool prior = out_->size() > first_raw_;
      if (WordsIn(content) < 2 || (weak && !d_.Is(s, "that") && !prior)) return c + 1;
      RawQuote q;
      q.cue = {c, c + 1};
      q.content.push_back(content);
      q.confidence = 0.6f;
      if (out_->size() > first_raw_) {
        q.same_speaker_as = static_cast<int32_t>(out_->size() - 1);
        q.has_speaker = true;
      } else {
        TokRange subj = SentenceSubject(c);
        if (subj.empty()) return c + 1;
        q.speaker_np = subj;
        q.has_speaker = true;
      }
      Emit(std::move(q));
      return limit;
    }
    if (d_.Has(c, kIngCue) && !weak) {
      // "with the campaign of the former senator saying Cruz was ...".
      TokRange subj = SubjectBefore(c);
      if (!subj.empty() && subj.b > sb_ && d_.Is(subj.b - 1, "with")) {
        TokRange content = Trim({SkipTail(c, limit), limit});
        if (WordsIn(content) >= 2) {
          RawQuote q;
          q.cue = {c, c + 1};
          q.speaker_np = subj;
          q.has_speaker = true;
          q.confidence = 0.5f;
          q.content.push_back(content);
          Emit(std::move(q));
          return limit;
        }
      }
    }
    // '..., tweeting, "..."' and 'before asking her, "..."': the quotation after the participle.
    if (d_.Has(c, kIngCue) && !weak) {
      uint32_t q0 = SkipTail(c, limit);
      if (d_.Type(q0) == TokType::kComma || d_.Type(q0) == TokType::kColon) ++q0;
      if (d_.Type(q0) == TokType::kQuoteOpen && d_.toks[q0].quote >= 0) {
        const Quote& qt = d_.quotes[d_.toks[q0].quote];
        uint32_t qe = qt.closed ? qt.close_tok + 1 : qt.close_tok;
        RawQuote q;
        q.cue = {c, c + 1};
        q.has_speaker = true;
        q.confidence = 0.6f;
        q.content.push_back({q0, qe});
        if (c > sb_ && d_.IsCap(c - 1) && !d_.Has(c - 1, kStopCap)) {
          uint32_t b = c - 1;  // "footage of Trump saying, ..."
          while (b > sb_ && b + 4 > c && d_.IsCap(b - 1) && !d_.Has(b - 1, kStopCap)) --b;
          q.speaker_np = {b, c};
        } else if (out_->size() > first_raw_) {
          q.same_speaker_as = static_cast<int32_t>(out_->size() - 1);
        } else {
          TokRange subj = SentenceSubject(c);
          if (subj.empty() || (subj.e - subj.b == 1 && d_.Has(subj.b, kStopCap | kDeterminer)))
            return c + 1;
          q.speaker_np = subj;
        }
        Emit(std::move(q));
        return qe;
      }
    }
    // "saying" elsewhere is rarely a cue, but "is demanding", "’s claiming" are verbs.
    if (d_.Has(c, kIngCue) && !Progressive(c)) return c + 1;

    // A noun after a possessive or determiner ("North Korea’s state media") is no verb.
    bool the_two = c > sb_ + 1 && d_.Is(c - 1, "two") && d_.Is(c - 2, "the");
    if (c > sb_ && ((d_.toks[c - 1].flags & kPossessive) ||
                    (d_.Has(c - 1, kDeterminer) && !d_.Has(c - 1, kSubjPronoun) && !the_two)))
      return c + 1;
    // Passives ("Traffic is expected to ease", "he was told") do not name the speaker.
    if (c > sb_ && !d_.Has(c, kIngCue)) {
      uint32_t b = c - 1;
      if (b > sb_ && d_.Has(b, kAdverb) && !d_.Has(b, kAux)) --b;  // "is widely expected"
      if (d_.Is(b, "is") || d_.Is(b, "are") || d_.Is(b, "was") || d_.Is(b, "were") ||
          d_.Is(b, "be") || d_.Is(b, "been") || d_.Is(b, "being"))
        return c + 1;
    }
    uint32_t p = SkipAuxBack(c);
    // "went on to say", "goes on to write": the report of the subject of "go on".
    bool go_on = c >= sb_ + 3 && d_.Is(c - 1, "to") && d_.Is(c - 2, "on") &&
                 (d_.Is(c - 3, "went") || d_.Is(c - 3, "goes") || d_.Is(c - 3, "go") ||
                  d_.Is(c - 3, "going") || d_.Is(c - 3, "gone"));
    if (go_on) p = SkipAuxBack(c - 3);
    // Bare forms after a modal or "to" are not reports: "Seoul would add 243 items".
    if (d_.Has(c, kBaseCue) && !go_on) {
      for (uint32_t k = p; k < c; ++k)
        if (IsModal(k)) return c + 1;
    }
    TokRange subj = SubjectBefore(p);
    uint32_t tail = SkipTail(c, limit);
    RawQuote q;
    q.cue = {c, c + 1};
    if (d_.Is(c + 1, "out") || d_.Is(c + 1, "up") || CallOnFor(c)) q.cue.e = c + 2;
    q.has_speaker = true;

    // Cue forms that are also nouns ("tweets", "reports", "remarks", "call") need a subject
    // that can speak: "his early-morning tweets" is no report.
    if (!subj.empty() && d_.Has(c, kNounCue | kDocument)) {
      uint32_t h = subj.e - 1;
      // A bare form after one capitalised name is a noun: "the FBI email probe".
      if (d_.Has(c, kBaseCue) && d_.IsCap(h) && !d_.Has(h, kPlural) &&
          !d_.Text(h).ends_with("s")) {
        bool group = false;
        for (uint32_t k = subj.b; k < subj.e; ++k) group |= d_.Is(k, "and");
        if (!group) return c + 1;
      }
      bool speaker_like = d_.IsCap(h) || d_.Has(h, kSubjPronoun | kPersonNoun | kPlural | kMedia |
                                                       kOrganisation | kGovernment | kDocument) ||
                          d_.Is(h, "who");
      if (!speaker_like) return c + 1;
    }
    if (!subj.empty()) {
      q.speaker_np = subj;
      q.confidence = weak ? 0.5f : 0.8f;
      // ", who said he ...": a relative clause reports what follows it.
      bool relative = subj.e - subj.b == 1 && d_.Is(subj.b, "who");
      bool at_start = relative || subj.b == sb_ ||
                      (d_.Type(subj.b - 1) == TokType::kComma && !HasContentBefore(subj.b - 1));
      return EmitWithContent(std::move(q), c, tail, subj.b > sb_ ? subj.b - 1 : sb_, weak,
                             at_start);
    }
    // Inverted: '“...,” said Steve Smith, a veteran editor.' ("The program, called EB-5," is
    // a participle, not a report: weak cues never invert.)
    if (p > sb_ && p == c && !weak && (d_.Type(p - 1) == TokType::kComma ||
                              d_.Type(p - 1) == TokType::kQuoteClose)) {
      uint32_t np_e = NounPhraseAfter(c + 1, limit);
      // The phrase must end the clause: '..., said the ruling.' but not 'said the space was'.
      // A postmodifier may follow it: 'said a farmer known as Tom', 'said a man who ...',
      // 'said an aide speaking on condition of anonymity'.
      bool ends = np_e >= limit || d_.Type(np_e) == TokType::kComma ||
                  d_.Type(np_e) == TokType::kParenOpen || d_.Type(np_e) == TokType::kDash ||
                  (d_.Has(np_e, kPreposition | kTimeWord) && !d_.Has(np_e, kCue)) ||
                  d_.Is(np_e, "who") || d_.Is(np_e, "whose") ||
                  ((d_.Is(np_e, "known") || d_.Is(np_e, "named")) && d_.IsWord(np_e + 1)) ||
                  (d_.Text(np_e).ends_with("ing") && !d_.IsCap(np_e) && d_.IsWord(np_e + 1));
      // '“A,” Ann Weller, the party chair, told reporters': a quotation, then the speaker
      // and an appositive before the verb; the appositive pattern below takes it.
      bool quote_then_name = false;
      for (uint32_t k = p - 1; k > sb_; --k) {
        if (d_.Type(k) == TokType::kQuoteClose) {
          quote_then_name = k + 2 < p && d_.IsCap(k + 1) && !d_.Has(k + 1, kStopCap);
          break;
        }
        if (d_.toks[k].quote >= 0) break;
      }
      if (np_e > c + 1 && ends && !d_.Has(c + 1, kPreposition) && !quote_then_name) {
        TokRange before = Trim({DatelineEnd(), p});
        if (WordsIn(before) >= 2) {
          q.speaker_np = {c + 1, np_e};
          q.content.push_back(before);
          q.confidence = 0.85f;
          // '“A,” said Ben Moss, a forecaster, “but B.”': the rest of the quotation after
          // the speaker and an appositive.
          uint32_t r = InvertedSecondPart(np_e, limit);
          if (r > 0) {
            const Quote& qt = d_.quotes[d_.toks[r].quote];
            q.content.push_back({r, qt.closed ? qt.close_tok + 1 : qt.close_tok});
            Emit(std::move(q));
            return limit;
          }
          Emit(std::move(q));
          return np_e;
        }
      }
    }
    // Appositive: "Jeff Weaver, Sanders' campaign manager, said ..." and
    // "Clinton's campaign chairman, John Podesta, said ...".
    if (p > sb_ && d_.Type(p - 1) == TokType::kComma) {
      uint32_t a = p - 1;
      uint32_t k = a;
      while (k > sb_ && d_.Type(k - 1) != TokType::kComma && d_.toks[k - 1].quote < 0 &&
             a - k < 32)
        --k;
      if (k > sb_ && d_.Type(k - 1) == TokType::kComma && k < a) {
        TokRange name = SubjectBefore(k - 1);
        bool cap = false;
        for (uint32_t i = name.b; i < a; ++i) cap |= d_.IsCap(i);
        if (!name.empty() && (cap || d_.Has(name.b, kDeterminer))) {
          q.speaker_np = {name.b, a};
          q.confidence = 0.75f;
          bool at_start = name.b == sb_ || (d_.Type(name.b - 1) == TokType::kComma &&
                                            !HasContentBefore(name.b - 1));
          return EmitWithContent(std::move(q), c, tail, name.b > sb_ ? name.b - 1 : sb_, weak,
                                 at_start);
        }
      }
    }
    // Coordinated verbs: "Washington and Seoul ... and have accused the two of ..."
    // and "... the club will meet, but said, “...”".
    if (p > sb_ && (d_.Is(p - 1, "and") || d_.Is(p - 1, "but"))) {
      TokRange s = SentenceSubject(p - 1);
      if (!s.empty() && tail < limit) {
        q.speaker_np = s;
        q.confidence = 0.5f;
        uint32_t b = tail;
        if ((d_.Type(b) == TokType::kComma || d_.Type(b) == TokType::kColon) &&
            d_.Type(b + 1) == TokType::kQuoteOpen)
          ++b;
        // '... and said it was great, a man yelled “...”': a new report ends it.
        uint32_t e = TrailingAttribution(b, limit);
        e = QuoteThenNarration(b, e);
        e = std::min(e, ClauseEnd(b, e));
        q.content.push_back(Trim({tail, e}));
        Emit(std::move(q));
        return e;
      }
    }
    return c + 1;
  }

  // "went on to say" starting at j.
  bool GoOnTo(uint32_t j) const {
    return (d_.Is(j, "went") || d_.Is(j, "goes") || d_.Is(j, "go")) && d_.Is(j + 1, "on") &&
           d_.Is(j + 2, "to") && d_.Has(j + 3, kCue) && d_.toks[j + 3].quote < 0;
  }

  static constexpr uint32_t kCovered = 0xFFFFFFFFu;

  // Where the text after the earlier reports of this sentence begins (their cues, speakers
  // and contents before `e`), or kCovered when one of them already ends its content at `e`.
  uint32_t PriorReportEnd(uint32_t e, size_t* holder) const {
    uint32_t b = 0;
    for (size_t i = first_raw_; i < out_->size(); ++i) {
      const RawQuote& r = (*out_)[i];
      if (r.cue.empty() || r.cue.b >= e) continue;
      for (const TokRange& t : r.content) {
        if (t.e == e && t.b < e) {
          *holder = i;
          return kCovered;
        }
        if (t.e <= e) b = std::max(b, t.e);
      }
      b = std::max(b, r.cue.e);
      if (!r.speaker_np.empty() && r.speaker_np.e <= e) b = std::max(b, r.speaker_np.e);
    }
    return b;
  }

  // 'said flatly: “...”', 'addressed the crowd again: “...”', 'told the mayors gathered in
  // Ohio, “...”': manner, addressee or setting words between the cue and a quotation that
  // runs to the end are not content. Returns where the content starts.
  uint32_t QuoteLeadIn(uint32_t s, uint32_t e, bool tell) const {
    if (s >= e || d_.toks[s].quote >= 0) return s;
    for (uint32_t k = s; k + 1 < e && k < s + 14; ++k) {
      if (d_.toks[k].quote >= 0 || d_.Is(k, "that") || d_.Has(k, kAux | kSubjPronoun)) return s;
      TokType t = d_.Type(k);
      if (t != TokType::kColon && !(t == TokType::kComma && tell)) {
        if (IsFinalPunct(t) && t != TokType::kComma) return s;
        continue;
      }
      if (d_.Type(k + 1) != TokType::kQuoteOpen || d_.toks[k + 1].quote < 0) continue;
      const Quote& qt = d_.quotes[d_.toks[k + 1].quote];
      uint32_t qe = qt.closed ? qt.close_tok + 1 : qt.close_tok;
      return qe >= e ? k + 1 : s;
    }
    return s;
  }

  // After an inverted speaker ('“A,” said X, a forecaster, “but B.”'): the quotation that
  // follows a comma and runs to the end of the sentence, with no other quotation between;
  // 0 when there is none.
  uint32_t InvertedSecondPart(uint32_t from, uint32_t limit) const {
    if (from >= limit || d_.Type(from) != TokType::kComma) return 0;
    for (uint32_t k = from + 1; k < limit && k < from + 24; ++k) {
      if (d_.toks[k].quote >= 0) {
        if (d_.Type(k) != TokType::kQuoteOpen || d_.Type(k - 1) != TokType::kComma) return 0;
        const Quote& qt = d_.quotes[d_.toks[k].quote];
        uint32_t qe = qt.closed ? qt.close_tok + 1 : qt.close_tok;
        return qe >= limit ? k : 0;
      }
      if (d_.Has(k, kCue) && !d_.IsCap(k) && !d_.Has(k, kIngCue)) return 0;
    }
    return 0;
  }

  // Chooses between the content after the cue ("X said [that] ...") and the content before
  // the speaker ("..., X said"), given the boundary token `before_end` that ends the
  // content before (sb_ when the speaker opens the sentence).
  uint32_t EmitWithContent(RawQuote q, uint32_t c, uint32_t tail, uint32_t before_end,
                           bool weak, bool prefer_after) {
    const uint32_t limit = ContentEnd();
    uint32_t s = tail;
    bool before_possible = before_end > sb_ && (d_.Type(before_end) == TokType::kComma ||
                                                d_.Type(before_end) == TokType::kQuoteClose ||
                                                d_.Type(before_end) == TokType::kDash);
    bool colon_quote = false;
    // '"A," Schiff told X, "but B."' keeps both parts: the comma leads to the second part.
    // 'At one point, Clinton said, "..."': an opening without quotation marks is narration.
    // 'An early vote, he said, “could settle it.”': a quotation that carries on in lower case
    // completes the words before the speaker, which are content too.
    bool carries_on = before_possible && d_.Type(s) == TokType::kComma &&
                      d_.Type(s + 1) == TokType::kQuoteOpen && d_.toks[s + 1].quote >= 0 &&
                      d_.Type(s + 2) == TokType::kWord && !d_.IsCap(s + 2) &&
                      !(d_.toks[s + 2].flags & kAllCaps) && !QuoteBefore(before_end) &&
                      WordsIn({DatelineEnd(), before_end}) >= 2;
    if (s < limit && !carries_on &&
        (d_.Type(s) == TokType::kColon ||
         (d_.Type(s) == TokType::kComma && d_.Type(s + 1) == TokType::kQuoteOpen &&
          (!before_possible || !QuoteBefore(before_end) || IntroPhrase(before_end))))) {
      ++s;
      colon_quote = true;
    }
    bool that = d_.Is(s, "that");
    bool subordinate = d_.Is(s, "as") || d_.Is(s, "when") || d_.Is(s, "while") ||
                       d_.Is(s, "after") || d_.Is(s, "before");
    // "declined to comment": an infinitive is content; other prepositions are not.
    bool infinitive = d_.Is(s, "to") && d_.IsWord(s + 1) && !d_.IsCap(s + 1) &&
                      !d_.Has(s + 1, kDeterminer | kObjPronoun);
    bool after_ok = s < limit && d_.Type(s) != TokType::kComma && WordsIn({s, limit}) >= 2 &&
                    !(d_.Has(s, kPreposition) && !that && !infinitive) && !subordinate;
    // A clause after a strong cue is its content ("Making the rounds, Carson said he was
    // ..."); only a quotation before the speaker keeps the content before.
    bool clause_after = !weak && d_.Type(before_end) != TokType::kQuoteClose;
    // 'X admitted that A “B,” he claimed C': when an earlier report of the sentence already
    // holds the words before the speaker, a clause after the cue is this one's content.
    size_t holder = 0;
    const uint32_t before_e = before_end + (d_.Type(before_end) == TokType::kQuoteClose ? 1 : 0);
    const uint32_t prior = before_possible ? PriorReportEnd(before_e, &holder) : 0;
    const bool covered_quote = prior == kCovered &&
                               d_.Type((*out_)[holder].content.back().b) == TokType::kQuoteOpen;
    if (prior == kCovered && !covered_quote) clause_after = true;
    if (after_ok && (prefer_after || !before_possible || colon_quote || that || clause_after)) {
      TokRange subj = q.speaker_np;
      const bool subj_which = subj.e == subj.b + 1 && d_.Is(subj.b, "which") && subj.b > sb_ &&
                               d_.Type(subj.b - 1) == TokType::kComma;
      if (weak && !(that || colon_quote) && !d_.IsCap(subj.e - 1) &&
          !d_.Has(subj.e - 1, kSubjPronoun | kPersonNoun))
        return c + 1;
      if (weak) {
        // "X held a news conference after Trump said ...": the strong cue is the report.
        for (uint32_t k = s; k < limit; ++k)
          if (d_.Has(k, kCue) && !d_.Has(k, kWeakCue | kIngCue | kBaseCue) &&
              d_.toks[k].quote < 0 && !d_.IsCap(k) && !CueUsedAsNoun(k))
            return c + 1;
      }
      uint32_t e = TrailingAttribution(s, limit);
      e = QuoteThenNarration(s, e);
      // Stop before ", adding/saying ..." which is its own attribution.
      for (uint32_t k = s; k + 1 < e; ++k) {
        if (IngCueAfterComma(k) && d_.toks[k].quote < 0) {
          e = k;
          break;
        }
      }
      e = std::min(e, ClauseEnd(s, e));
      // 'The study, which found that A, was paid ...': the relative clause ends at a comma.
      if (subj_which) {
        for (uint32_t k = s + 1; k < e; ++k)
          if (d_.Type(k) == TokType::kComma && d_.toks[k].quote < 0) {
            e = k;
            break;
          }
      }
      // "... and said she had been yanked backward": a coordinated report of its own.
      uint32_t next = CoordinatedCue(s, e);
      if (next < e) e = next;
      s = QuoteLeadIn(s, e, d_.Has(c, kTellVerb));
      q.content.push_back(Trim({s, e}));
      Emit(std::move(q));
      return e;
    }
    if (!before_possible && before_end == sb_ && (s >= limit || subordinate) && si_ > 0 &&
        d_.Type(sb_ - 1) == TokType::kQuoteClose && d_.toks[sb_ - 1].para == d_.toks[sb_].para &&
        d_.toks[sb_ - 1].quote >= 0) {
      // The splitter broke after '?”': '“Does anybody know ...?” Graham asked.'
      const Quote& pq = d_.quotes[d_.toks[sb_ - 1].quote];
      if (d_.sent_of[pq.open_tok] + 1 == si_ && !PrevSentenceClaimed()) {
        q.content.push_back({pq.open_tok, pq.close_tok + 1});
        Emit(std::move(q));
        return tail;
      }
    }
    if (before_possible) {
      uint32_t b = DatelineEnd();
      uint32_t e = before_end + (d_.Type(before_end) == TokType::kQuoteClose ? 1 : 0);
      // 'Vidal declared ...: “A,” she said.': an earlier report in the sentence already
      // holds the content; what it took is not content of this one.
      if (covered_quote) {
        // The nearer attribution names the speaker ('she said' after the quotation).
        RawQuote& h = (*out_)[holder];
        if (h.same_speaker_as < 0 && !q.speaker_np.empty()) {
          h.speaker_np = q.speaker_np;
          h.cue = q.cue;
        }
        return tail;
      }
      // 'A reported B, officials said': the outer report takes the whole clause.
      if (prior != kCovered) b = std::max(b, prior);
      TokRange before = SkipIntroClause(Trim({b, e}));
      // A weak cue ("published", "showed") reports what precedes it only when that is a quote.
      if (weak && !before.empty() && d_.Type(before.b) != TokType::kQuoteOpen &&
          d_.Type(before.e - 1) != TokType::kQuoteClose)
        return c + 1;
      size_t words = WordsIn(before);
      if (words >= 2) {
        q.content.push_back(before);
        AddSecondPart(&q, tail);
        Emit(std::move(q));
        return tail;
      }
      // "Otherwise, she said, countries may ...": a one-word opening and the rest after.
      if (words == 1 && d_.Type(tail) == TokType::kComma && tail + 1 < limit) {
        q.content.push_back(before);
        q.content.push_back(Trim({tail + 1, limit}));
        Emit(std::move(q));
        return limit;
      }
    }
    return c + 1;
  }

  // 'said: "...," adding that ...' and 'says "Don't," until ...': a quotation that opens the
  // content ends it when narration follows.
  uint32_t QuoteThenNarration(uint32_t s, uint32_t e) const {
    if (d_.Type(s) != TokType::kQuoteOpen || d_.toks[s].quote < 0) return e;
    const Quote& qt = d_.quotes[d_.toks[s].quote];
    if (!qt.closed || qt.close_tok + 1 >= e) return e;
    uint32_t n = qt.close_tok + 1;
    bool narration = (d_.Type(n) == TokType::kComma && d_.Type(n + 1) != TokType::kQuoteOpen) ||
                     (d_.Has(n, kIngCue) && d_.Type(n - 2) == TokType::kComma) ||
                     // '“...,” and shared a link': a verb of the narrator's.
                     ((d_.Is(n, "and") || d_.Is(n, "but")) && d_.IsWord(n + 1) &&
                      !d_.IsCap(n + 1) && !d_.Is(n + 1, "that") &&
                      (d_.Type(n - 2) == TokType::kComma || d_.Type(n - 2) == TokType::kQuestion ||
                       d_.Type(n - 2) == TokType::kExclaim || d_.Type(n - 2) == TokType::kPeriod)) ||
                     d_.Is(n, "until") || d_.Is(n, "as") || d_.Is(n, "when") ||
                     d_.Is(n, "while") || d_.Is(n, "before") || d_.Is(n, "after");
    return narration ? n : e;
  }

  // "is demanding", "are also calling", "’s claiming": a finite progressive verb.
  bool Progressive(uint32_t c) const {
    uint32_t b = c;
    while (b > sb_ + 1 && d_.Has(b - 1, kAdverb) && !d_.Has(b - 1, kAux)) --b;
    if (b == sb_) return false;
    uint32_t a = b - 1;
    return d_.Is(a, "is") || d_.Is(a, "are") || d_.Is(a, "was") || d_.Is(a, "were") ||
           d_.Is(a, "been") || d_.Is(a, "’s") || d_.Is(a, "'s") || d_.Is(a, "’re") ||
           d_.Is(a, "'re") || d_.Is(a, "am");
  }

  // 'In an interview on CBS's "Face the Nation,"': a short opening phrase that only sets the
  // scene, whatever titles it quotes.
  bool IntroPhrase(uint32_t e) const {
    return e > sb_ && e - sb_ <= 14 && d_.Has(sb_, kPreposition) &&
           d_.Type(sb_) == TokType::kWord && !d_.Has(sb_ + 1, kSubjPronoun) &&
           (d_.Type(e) == TokType::kComma || d_.Type(e) == TokType::kQuoteClose);
  }

  // True when a quotation mark opens or closes before token `e` in this sentence.
  bool QuoteBefore(uint32_t e) const {
    for (uint32_t k = sb_; k <= e && k < se_; ++k)
      if (d_.toks[k].quote >= 0) return true;
    return false;
  }

  // The "and" that coordinates a second reporting verb with the first ("tweeted a photo and
  // said ..."), or `e` when there is none.
  uint32_t CoordinatedCue(uint32_t s, uint32_t e) const {
    for (uint32_t k = s + 1; k + 1 < e; ++k) {
      if (!(d_.Is(k, "and") || d_.Is(k, "but")) || d_.toks[k].quote >= 0) continue;
      uint32_t j = k + 1;
      if (GoOnTo(j)) return k;
      while (j < e && d_.Has(j, kAux | kAdverb) && !d_.Has(j, kCue)) ++j;
      if (j < e && d_.Has(j, kCue) && !d_.Has(j, kIngCue | kBaseCue | kWeakCue) && !d_.IsCap(j) &&
          d_.toks[j].quote < 0 && !(d_.toks[j - 1].flags & kPossessive) &&
          !d_.Has(j - 1, kDeterminer))
        return k;
      if (GoOnTo(j)) return k;
    }
    return e;
  }

  // "angry tweets", "derogatory comments": a cue form used as a noun, not a verb.
  bool CueUsedAsNoun(uint32_t k) const {
    if (!d_.Has(k, kNounCue | kDocument | kTimeWord | kMedia) || k == sb_) return false;
    return !d_.Has(k - 1, kSubjPronoun) && !d_.IsCap(k - 1) && !d_.Has(k - 1, kAux | kAdverb);
  }

  bool PrevSentenceClaimed() const {
    for (size_t i = out_->size(); i-- > 0;) {
      if ((*out_)[i].sentence + 1 < si_) break;
      if ((*out_)[i].sentence + 1 == si_) return true;
    }
    return false;
  }

  // "WASHINGTON (AP) —" or "SEOUL –" opening a sentence is not content.
  uint32_t DatelineEnd() const {
    for (uint32_t k = sb_; k < se_ && k < sb_ + 10; ++k) {
      TokType t = d_.Type(k);
      if (t == TokType::kDash) return k + 1;
      if (t == TokType::kWord && !(d_.toks[k].flags & kAllCaps) && !d_.IsCap(k)) break;
      if (t == TokType::kQuoteOpen || t == TokType::kPeriod) break;
    }
    return sb_;
  }

  bool IsModal(uint32_t k) const {
    static constexpr std::string_view kModals[] = {"would", "will", "could", "can", "may",
                                                   "might", "should", "must", "shall", "to",
                                                   "wouldn't", "won't", "can't", "cannot"};
    for (std::string_view m : kModals)
      if (d_.Is(k, m)) return true;
    return false;
  }

  // "..., the state-run KCNA reported." or "..., according to X." at the end of a content
  // span: a second attribution that the content must not swallow. Returns the comma.
  uint32_t TrailingAttribution(uint32_t s, uint32_t limit) const {
    for (uint32_t k = s + 1; k + 1 < limit; ++k) {
      // '...: “A,” she said.' The comma inside a closing quotation ends the content too.
      bool qclose = d_.Type(k) == TokType::kQuoteClose && d_.toks[k].quote >= 0 &&
                    (d_.Type(k - 1) == TokType::kComma || d_.Type(k - 1) == TokType::kQuestion ||
                     d_.Type(k - 1) == TokType::kExclaim);
      if (!qclose && (d_.Type(k) != TokType::kComma || d_.toks[k].quote >= 0)) continue;
      const uint32_t cut = qclose ? k + 1 : k;
      if (d_.Is(k + 1, "according") && d_.Is(k + 2, "to")) return cut;
      // ", and three-quarters said ...": a conjunction may open the new attribution.
      uint32_t b = k + 1;
      if (d_.Is(b, "and") || d_.Is(b, "but")) ++b;
      for (uint32_t c2 = b; c2 < limit && c2 < k + 14; ++c2) {
        if (d_.Type(c2) == TokType::kComma) break;
        if (!d_.Has(c2, kCue) || d_.Has(c2, kIngCue) || d_.IsCap(c2)) continue;
        // A strong cue with its own subject starts a new report even when content follows
        // it ("..., Mr. Schmidt said he was building ..."); weak ones only at the end.
        bool strong = !d_.Has(c2, kWeakCue | kBaseCue | kNounCue);
        if (!strong && SkipTail(c2, limit) < limit) continue;
        if (c2 == b) {
          if (b == k + 1 && SkipTail(c2, limit) >= limit &&
              NounPhraseAfter(c2 + 1, limit) > c2 + 1)
            return cut;
          continue;
        }
        TokRange sub = SubjectBefore(SkipAuxBack(c2));
        if (!sub.empty() && sub.b == b && !d_.Is(sub.b, "who")) return cut;
      }
    }
    return limit;
  }

  bool HasContentBefore(uint32_t k) const {
    // An introductory phrase ("Following a meeting of its council,", "However,") is not
    // content: it opens with a preposition, adverb or conjunction and holds no quote.
    for (uint32_t i = sb_; i < k; ++i)
      if (d_.toks[i].quote >= 0) return true;
    if (k == sb_) return false;
    uint32_t f = sb_;
    bool intro = d_.Has(f, kPreposition | kAdverb | kConjunction | kTimeWord) ||
                 d_.Is(f, "following") || d_.Is(f, "asked") || d_.Is(f, "speaking") ||
                 d_.Is(f, "meanwhile") || d_.Is(f, "when") || d_.Is(f, "while") ||
                 d_.Is(f, "as") || d_.Is(f, "if") || d_.Is(f, "although") ||
                 d_.Is(f, "though") || d_.Is(f, "because") || d_.Is(f, "since") ||
                 d_.Is(f, "earlier") || d_.Is(f, "later") || d_.Is(f, "today");
    if (!intro) {
      // "The day after the primary, Republican Gov. Doug Ducey called ...": a short phrase
      // without a verb is an introduction, not content.
      if (k - sb_ > 6) return true;
      for (uint32_t i = sb_; i < k; ++i)
        if (d_.Has(i, kAux | kCue) && !d_.IsCap(i)) return true;
      return false;
    }
    return k - sb_ > 16;
  }

  const Doc& d_;
  uint32_t si_, sb_, se_;
  std::vector<RawQuote>* out_;
  size_t first_raw_;
};

}  // namespace

std::vector<RawQuote> FindAttributions(const Doc& doc) {
  std::vector<RawQuote> out;
  out.reserve(doc.sents.size() / 2 + 4);
  for (uint32_t s = 0; s < doc.sents.size(); ++s) {
    SentenceMatcher m(doc, s, &out);
    m.Run();
  }
  return out;
}

}  // namespace quotedb::extract
