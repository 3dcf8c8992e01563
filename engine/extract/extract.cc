// ExtractQuotes: tokens -> quotes and sentences -> attribution patterns -> quote merging
// (interrupted and multi-paragraph quotes) -> speaker resolution within the article.
#include "quotedb/extract.h"

#include <algorithm>

#include "extract/doc.h"
#include "extract/resolve.h"

namespace quotedb {
namespace {

using extract::Doc;
using extract::RawQuote;
using extract::TokRange;
using extract::TokType;

// True when sentence s is nothing but one quotation (and trailing punctuation).
int QuoteOnlySentence(const Doc& d, uint32_t s) {
  const extract::Sentence& st = d.sents[s];
  if (st.tok_end <= st.tok_begin) return -1;
  const extract::Token& first = d.toks[st.tok_begin];
  if (first.type != TokType::kQuoteOpen || first.quote < 0) return -1;
  int q = first.quote;
  for (uint32_t k = st.tok_begin; k < st.tok_end; ++k) {
    if (d.toks[k].quote == q) continue;
    TokType t = d.toks[k].type;
    if (t == TokType::kPeriod || t == TokType::kComma || t == TokType::kQuestion ||
        t == TokType::kExclaim || t == TokType::kEllipsis)
      continue;
    return -1;
  }
  return q;
}

// The quote a content range is exactly, or -1.
int DirectQuoteOf(const Doc& d, TokRange r) {
  if (r.empty()) return -1;
  const extract::Token& f = d.toks[r.b];
  if (f.type != TokType::kQuoteOpen || f.quote < 0) return -1;
  const extract::Quote& q = d.quotes[f.quote];
  uint32_t last = q.closed ? q.close_tok + 1 : q.close_tok;
  uint32_t e = r.e;
  // Allow trailing punctuation after the closing mark.
  while (e > r.b && e > last) {
    TokType t = d.toks[e - 1].type;
    if (t == TokType::kPeriod || t == TokType::kComma || t == TokType::kQuestion ||
        t == TokType::kExclaim)
      --e;
    else
      break;
  }
  if (e == last) return f.quote;
  // A content range trimmed of the final punctuation of an unclosed quote.
  if (!q.closed && e < last) {
    for (uint32_t k = e; k < last; ++k) {
      TokType t = d.toks[k].type;
      if (t != TokType::kPeriod && t != TokType::kComma && t != TokType::kQuestion &&
          t != TokType::kExclaim && t != TokType::kEllipsis && t != TokType::kColon)
        return -1;
    }
    return f.quote;
  }
  return -1;
}

// Appends quote-only sentences that follow a direct quote (the rest of an interrupted quote
// and the paragraphs of a multi-paragraph quote), and prepends the unclosed paragraphs that
// open a quote whose attribution comes later (BBC style).
void MergeContinuations(const Doc& d, std::vector<RawQuote>& raws) {
  std::vector<uint8_t> claimed(d.sents.size(), 0);
  for (const RawQuote& r : raws) claimed[r.sentence] = 1;
  for (RawQuote& r : raws) {
    if (r.content.empty()) continue;
    int last_q = DirectQuoteOf(d, r.content.back());
    int first_q = DirectQuoteOf(d, r.content.front());
    // Forward: '“A,” he said. “B.”' and following quote paragraphs.
    bool ends_with_quote = last_q >= 0 ||
                           (r.content.size() == 1 && d.toks[r.content[0].e - 1].quote >= 0 &&
                            d.toks[r.content[0].e - 1].type == TokType::kQuoteClose);
    if (ends_with_quote) {
      uint32_t para = d.toks[r.content.back().e - 1].para;
      for (uint32_t s = r.sentence + 1; s < d.sents.size() && !claimed[s]; ++s) {
        int q = QuoteOnlySentence(d, s);
        if (q < 0) break;
        uint32_t sp = d.toks[d.sents[s].tok_begin].para;
        if (sp > para + 1) break;

        const extract::Quote& qq = d.quotes[q];
        uint32_t e = qq.closed ? qq.close_tok + 1 : qq.close_tok;
        r.content.push_back({qq.open_tok, e});
        claimed[s] = 1;
        para = sp;
        if (sp > d.toks[r.content.front().b].para && qq.closed) break;
      }
    }
    // Backward: unclosed quote paragraphs that lead into this one.
    if (first_q > 0 && d.quotes[first_q].continues) {
      std::vector<TokRange> pre;
      int q = first_q;
      while (q > 0 && d.quotes[q].continues) {
        const extract::Quote& prev = d.quotes[q - 1];
        if (prev.closed) break;
        uint32_t s = d.sent_of[prev.open_tok];
        if (claimed[s] || QuoteOnlySentence(d, s) != q - 1) break;
        pre.push_back({prev.open_tok, prev.close_tok});
        claimed[s] = 1;
        --q;
      }
      if (!pre.empty()) {
        std::reverse(pre.begin(), pre.end());
        r.content.insert(r.content.begin(), pre.begin(), pre.end());
      }
    }
  }
}

// BBC style: 'X told the seminar: "A. "B," she said.' is one statement over two quote
// paragraphs; the second attribution (usually a pronoun) joins the first.
void MergeChainedQuotes(const Doc& d, std::vector<RawQuote>& raws) {
  for (size_t i = 0; i + 1 < raws.size(); ++i) {
    RawQuote& a = raws[i];
    RawQuote& b = raws[i + 1];
    if (a.content.empty() || b.content.empty()) continue;
    int qa = DirectQuoteOf(d, a.content.back());
    int qb = DirectQuoteOf(d, b.content.front());
    if (qa < 0 || qb != qa + 1 || !d.quotes[qb].continues || d.quotes[qa].closed) continue;
    bool b_pronoun = !b.speaker_np.empty() && b.speaker_np.e - b.speaker_np.b == 1 &&
                     d.Has(b.speaker_np.b, extract::kSubjPronoun);
    if (!b_pronoun) continue;
    a.content.insert(a.content.end(), b.content.begin(), b.content.end());
    b.content.clear();
  }
  // Compact, keeping "same speaker as" links pointing at the surviving statements.
  std::vector<int32_t> new_index(raws.size(), -1);
  int32_t n = 0;
  for (size_t i = 0; i < raws.size(); ++i) {
    if (!raws[i].content.empty()) new_index[i] = n++;
    else if (i > 0) new_index[i] = new_index[i - 1];
  }
  std::vector<RawQuote> kept;
  kept.reserve(n);
  for (RawQuote& r : raws) {
    if (r.content.empty()) continue;
    if (r.same_speaker_as >= 0) r.same_speaker_as = new_index[r.same_speaker_as];
    kept.push_back(std::move(r));
  }
  raws.swap(kept);
}

StatementKind KindOf(const Doc& d, const std::vector<TokRange>& content) {
  bool all_direct = true;
  bool any_mark = false;
  for (const TokRange& r : content) {
    if (DirectQuoteOf(d, r) < 0) all_direct = false;
    for (uint32_t k = r.b; k < r.e && !any_mark; ++k)
      any_mark = d.toks[k].type == TokType::kQuoteOpen || d.toks[k].type == TokType::kQuoteClose;
  }
  if (all_direct) return StatementKind::kDirect;
  return any_mark ? StatementKind::kPartial : StatementKind::kIndirect;
}

Span ByteSpan(const Doc& d, TokRange r) {
  if (r.empty()) return {};
  return {d.toks[r.b].begin, d.toks[r.e - 1].end};
}

}  // namespace

std::vector<ExtractedQuote> ExtractQuotes(std::string_view text, const ExtractOptions& options) {
  std::vector<ExtractedQuote> out;
  if (text.empty() || text.size() > 0xFFFFFFF0u) return out;
  Doc d;
  extract::BuildDoc(text, &d);
  std::vector<RawQuote> raws = extract::FindAttributions(d);
  MergeChainedQuotes(d, raws);
  MergeContinuations(d, raws);
  std::vector<extract::ResolvedSpeaker> speakers = extract::ResolveSpeakers(d, raws);
  out.reserve(raws.size());
  for (size_t i = 0; i < raws.size(); ++i) {
    const RawQuote& r = raws[i];
    StatementKind kind = KindOf(d, r.content);
    if ((kind == StatementKind::kDirect && !options.direct) ||
        (kind == StatementKind::kPartial && !options.partial) ||
        (kind == StatementKind::kIndirect && !options.indirect))
      continue;
    ExtractedQuote q;
    q.kind = kind;
    for (const TokRange& c : r.content) {
      Span s = ByteSpan(d, c);
      // A range merged in twice ("PW: \"...\"" as transcript and quote) is not repeated.
      if (s.empty() || (!q.spans.empty() && s.begin < q.spans.back().end)) continue;
      if (!q.spans.empty()) q.text += ' ';
      q.text.append(text.substr(s.begin, s.end - s.begin));
      q.spans.push_back(s);
    }
    if (q.spans.empty()) continue;
    q.cue_span = ByteSpan(d, r.cue);
    q.cue = std::string(d.Range(r.cue.b, r.cue.e));
    const extract::ResolvedSpeaker& rs = speakers[i];
    if (!rs.span.empty()) {
      q.speaker_span = ByteSpan(d, rs.span);
      q.speaker_mention = std::string(d.Range(rs.span.b, rs.span.e));
      q.speaker = rs.display;
      q.speakers = rs.speakers;
    }
    q.confidence = r.confidence;
    out.push_back(std::move(q));
  }
  std::stable_sort(out.begin(), out.end(), [](const ExtractedQuote& a, const ExtractedQuote& b) {
    return a.spans.front().begin < b.spans.front().begin;
  });
  return out;
}

}  // namespace quotedb
