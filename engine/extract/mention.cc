// Speaker noun phrases: where the name is, what is title and what is affiliation, and what
// kind of speaker it names.
//   "Dr Artyom Lukin of Russia’s Far Eastern Federal University" -> name "Artyom Lukin",
//     affiliation "Russia’s Far Eastern Federal University"
//   "Ukrainian presidential aide Mykhailo Podolyak" -> name "Mykhailo Podolyak",
//     title "Ukrainian presidential aide"
//   "Washington and Seoul" -> a group of two
#include <string>

#include "extract/doc.h"

namespace quotedb::extract {
namespace {

bool IsNameToken(const Doc& d, uint32_t k) {
  if (d.Type(k) == TokType::kNumber) return false;
  if (!d.IsCap(k)) return false;
  return true;
}

SpeakerKind KindOfName(const Doc& d, TokRange name) {
  if (name.empty()) return SpeakerKind::kUnknown;
  uint32_t first = name.b, last = name.e - 1;
  uint32_t lc = d.cls[last];
  uint32_t fc = d.cls[first];
  if (fc & kDocument && (d.Type(first + 1) == TokType::kNumber || name.e - name.b == 1))
    return SpeakerKind::kDocument;  // "Article 4"
  if (lc & kMedia || fc & kMedia) {
    if (!(lc & kOrganisation) || lc & kMedia) return SpeakerKind::kMedia;
  }
  if (lc & kOrganisation) return SpeakerKind::kOrganisation;
  if (lc & kDocument && !(lc & kPersonNoun)) return SpeakerKind::kDocument;
  bool all_gov = true;
  for (uint32_t k = name.b; k < name.e; ++k)
    if (!(d.cls[k] & (kGovernment | kNationality))) all_gov = false;
  if (all_gov) return SpeakerKind::kGovernment;
  if (d.toks[first].flags & kAllCaps && name.e - name.b == 1) return SpeakerKind::kOrganisation;
  return SpeakerKind::kPerson;
}

SpeakerKind KindOfDescription(const Doc& d, TokRange np) {
  // The head is the last word of the phrase.
  uint32_t h = np.e;
  while (h > np.b && !d.IsWord(h - 1)) --h;
  if (h == np.b) return SpeakerKind::kUnknown;
  uint32_t c = d.cls[h - 1];
  if (c & kDocument && !(c & kPlural && c & kPersonNoun && !(c & kDocument))) {
    if (!(c & (kMedia)) || d.Is(h - 1, "report")) return SpeakerKind::kDocument;
  }
  if (c & kMedia) return SpeakerKind::kMedia;
  if (c & kGovernment && !(c & kPlural)) return SpeakerKind::kGovernment;
  if (c & kOrganisation) return SpeakerKind::kOrganisation;
  if (c & kPlural) return SpeakerKind::kGroup;
  return SpeakerKind::kPerson;
}

std::string Join(const Doc& d, TokRange r) { return std::string(d.Range(r.b, r.e)); }

// True when `r` holds a capitalised word that names someone (not "The", "Dutch", "Minister",
// nor a possessive "Clinton's" that names someone else).
bool HasName(const Doc& d, TokRange r) {
  for (uint32_t k = r.b; k < r.e; ++k)
    if (IsNameToken(d, k) && !(d.toks[k].flags & kPossessive) &&
        !d.Has(k, kStopCap | kNationality | kTitle | kDeterminer | kHonorific))
      return true;
  return false;
}

// Two to four capitalised words, at least one not a title: "Anneke Visser".
bool IsPersonName(const Doc& d, TokRange r) {
  if (r.e - r.b < 2 || r.e - r.b > 5) return false;
  for (uint32_t k = r.b; k < r.e; ++k)
    if (!IsNameToken(d, k) || (d.toks[k].flags & kPossessive) ||
        d.Has(k, kOrganisation | kMedia | kGovernment | kStopCap))
      return false;
  return HasName(d, r);
}

}  // namespace

MentionInfo AnalyzeMention(const Doc& d, TokRange np) {
  MentionInfo m;
  // Drop leading/trailing punctuation.
  while (np.b < np.e && !d.IsWord(np.b)) ++np.b;
  while (np.e > np.b && !d.IsWord(np.e - 1)) --np.e;
  m.span = np;
  if (np.empty()) return m;
  if (np.e - np.b == 1 && (d.Has(np.b, kSubjPronoun) || d.Is(np.b, "who"))) {
    m.pronoun = true;
    m.relative = d.Is(np.b, "who");
    m.name = np;
    if (d.Is(np.b, "he") || d.Is(np.b, "she") || d.Is(np.b, "i")) m.kind = SpeakerKind::kPerson;
    if (d.Is(np.b, "they") || d.Is(np.b, "we")) m.kind = SpeakerKind::kGroup;
    return m;
  }
  // Head part: before a top-level comma (appositive) or a preposition (affiliation).
  TokRange head = np;
  for (uint32_t k = np.b; k < np.e; ++k) {
    if (d.Type(k) == TokType::kComma || d.Type(k) == TokType::kParenOpen) {
      head.e = k;
      uint32_t a = k + 1;
      uint32_t ae = np.e;
      while (ae > a && !d.IsWord(ae - 1)) --ae;
      if (d.Type(k) == TokType::kComma && !HasName(d, {np.b, k}) && IsPersonName(d, {a, ae})) {
        // "The Dutch minister, Anneke Visser,": the name wins, the description is the role.
        MentionInfo named = AnalyzeMention(d, {a, ae});
        TokRange role{np.b, k};
        while (role.b < role.e && d.Has(role.b, kDeterminer)) ++role.b;
        if (!role.empty()) named.title = Join(d, role);
        return named;
      }
      if (ae > a) m.title = Join(d, {a, ae});
      break;
    }
    if (k > np.b && (d.Is(k, "of") || d.Is(k, "at") || d.Is(k, "from") || d.Is(k, "for") ||
                     d.Is(k, "on") || d.Is(k, "in") || d.Is(k, "with"))) {
      // "Article 4 of the agreement" keeps its "of": the document is the whole phrase.
      if (d.Has(np.b, kDocument) && d.IsCap(np.b)) break;
      if (d.Has(np.b, kDeterminer) && !d.IsCap(k - 1) && !d.Has(k - 1, kPersonNoun | kTitle))
        continue;
      head.e = k;
      uint32_t a = k + 1;
      uint32_t ae = np.e;
      for (uint32_t j = a; j < np.e; ++j)
        if (d.Type(j) == TokType::kComma) {
          ae = j;
          break;
        }
      if (ae > a) m.affiliation = Join(d, {a, ae});
      break;
    }
  }
  // Coordination of names: "Washington and Seoul", "Russia and North Korea".
  for (uint32_t k = head.b + 1; k + 1 < head.e; ++k) {
    if (d.Is(k, "and") && d.IsCap(k - 1) && d.IsCap(k + 1)) {
      m.kind = SpeakerKind::kGroup;
      m.members.push_back({head.b, k});
      m.members.push_back({k + 1, head.e});
      m.name = head;
      m.named = true;
      return m;
    }
  }
  // The name: the last run of capitalised words in the head part.
  uint32_t e = head.e;
  while (e > head.b && !IsNameToken(d, e - 1)) {
    if (d.Type(e - 1) == TokType::kNumber && e - 1 > head.b && IsNameToken(d, e - 2)) break;
    --e;
  }
  if (e < head.e && d.Type(e) == TokType::kNumber) ++e;  // "Article 4"
  uint32_t b = e;
  while (b > head.b && (IsNameToken(d, b - 1) ||
                        (d.Type(b - 1) == TokType::kNumber && b == e)))
    --b;
  // Possessive run ("Sanders’ campaign manager"): the name belongs to someone else.
  bool run_is_head = e == head.e || !d.IsWord(e);
  if (b < e && run_is_head) {
    // Strip honorifics and leading titles ("Russian President", "Nato Secretary-General").
    uint32_t nb = b;
    while (nb < e && d.Has(nb, kHonorific)) ++nb;
    uint32_t t = nb;
    bool saw_title = false;
    while (t < e && d.Has(t, kTitle | kNationality | kStopCap)) {
      saw_title |= d.Has(t, kTitle) || d.Has(t, kStopCap);
      ++t;
    }
    if (saw_title && t < e && !d.Has(e - 1, kOrganisation)) nb = t;
    // Sentence-initial words that are not names ("Will Russia ...", "But Mr Cha").
    while (nb < e && d.Has(nb, kStopCap | kAux | kAdverb | kDeterminer | kPreposition |
                                   kConjunction | kRelative) &&
           !d.Has(nb, kGovernment | kTitle | kFirstName))
      ++nb;
    if (nb < e) {
      m.name = {nb, e};
      m.named = true;
      uint32_t tb = head.b;
      while (tb < nb && (d.Has(tb, kDeterminer) || !d.IsWord(tb))) ++tb;
      uint32_t te = nb;
      while (te > tb && d.Has(te - 1, kHonorific)) --te;
      if (te > tb) {
        std::string title = Join(d, {tb, te});
        m.title = m.title.empty() ? title : title + ", " + m.title;
      }
      m.span = {nb, e};
      m.kind = KindOfName(d, m.name);
      if (d.Has(b, kHonorific) && m.kind != SpeakerKind::kMedia) m.kind = SpeakerKind::kPerson;
      return m;
    }
  }
  // A description: "a spokesperson for China's foreign ministry", "the source".
  m.name = head;
  m.span = head;
  m.kind = KindOfDescription(d, head);
  return m;
}

}  // namespace quotedb::extract
