#include "extract/resolve.h"

#include <algorithm>

namespace quotedb::extract {
namespace {

std::string_view StripPossessive(std::string_view s) {
  if (s.ends_with("'s")) return s.substr(0, s.size() - 2);
  if (s.ends_with("\xE2\x80\x99s")) return s.substr(0, s.size() - 4);
  if (s.ends_with("\xE2\x80\x99") || s.ends_with("'")) return s.substr(0, s.size() - (s.back() == '\'' ? 1 : 3));
  return s;
}

std::string NameText(const Doc& d, TokRange r) {
  return std::string(StripPossessive(d.Range(r.b, r.e)));
}

bool SameWord(std::string_view a, std::string_view b) {
  a = StripPossessive(a);
  b = StripPossessive(b);
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    char x = a[i], y = b[i];
    if (x >= 'A' && x <= 'Z') x = static_cast<char>(x | 0x20);
    if (y >= 'A' && y <= 'Z') y = static_cast<char>(y | 0x20);
    if (x != y) return false;
  }
  return true;
}

struct Entity {
  TokRange name;
};

class Resolver {
 public:
  Resolver(const Doc& d) : d_(d) { CollectEntities(); }

  ResolvedSpeaker Resolve(const RawQuote& r, const std::vector<ResolvedSpeaker>& done,
                          const std::vector<RawQuote>& raws, size_t index) {
    ResolvedSpeaker out;
    if (r.same_speaker_as >= 0 && static_cast<size_t>(r.same_speaker_as) < done.size()) {
      out = done[r.same_speaker_as];
      return out;
    }
    if (!r.has_speaker || r.speaker_np.empty()) return out;
    MentionInfo m = AnalyzeMention(d_, r.speaker_np);
    out.span = m.span;
    if (m.span.empty()) return out;
    if (m.pronoun) {
      ResolvePronoun(m, r, done, raws, index, &out);
      return out;
    }
    if (ResolveTheTwo(r.speaker_np, &out)) return out;
    if (!m.members.empty()) {
      std::string display;
      for (const TokRange& mem : m.members) {
        MentionInfo mi = AnalyzeMention(d_, mem);
        SpeakerMention sm;
        sm.name = mi.named && mi.kind == SpeakerKind::kPerson ? FullName(mi.name, mi.span.b)
                                                              : NameText(d_, mi.name);
        sm.kind = mi.kind == SpeakerKind::kUnknown ? SpeakerKind::kPerson : mi.kind;
        if (!display.empty()) display += " and ";
        display += sm.name;
        out.speakers.push_back(std::move(sm));
      }
      out.display = display;
      return out;
    }
    SpeakerMention sm;
    sm.kind = m.kind;
    sm.title = m.title;
    sm.affiliation = m.affiliation;
    if (m.named && m.kind == SpeakerKind::kPerson) {
      sm.name = FullName(m.name, m.span.b);
    } else if (m.named) {
      sm.name = NameText(d_, m.name);
    } else {
      TokRange h = m.name;
      while (h.b + 1 < h.e && d_.Has(h.b, kDeterminer) && !d_.Has(h.b, kPersonNoun)) ++h.b;
      sm.name = NameText(d_, h);
    }
    out.display = sm.name;
    out.speakers.push_back(std::move(sm));
    return out;
  }

 private:
  void CollectEntities() {
    const size_t n = d_.toks.size();
    uint32_t k = 0;
    while (k < n) {
      if (!d_.IsCap(static_cast<uint32_t>(k))) {
        ++k;
        continue;
      }
      uint32_t b = k;
      while (k < n && d_.IsCap(k) && d_.toks[k].para == d_.toks[b].para) {
        ++k;
        if (d_.toks[k - 1].flags & kPossessive) break;
      }
      // 'Said Rosa Vidal, ...': a fronted verb is not part of the name.
      if (k > b + 1 && d_.Has(b, kCue) && !d_.Has(b, kNounCue | kPersonNoun | kTitle) &&
          (d_.Text(b).ends_with("ed") || d_.Is(b, "said") || d_.Is(b, "wrote") ||
           d_.Is(b, "told")) &&
          (b == 0 || d_.toks[b - 1].para != d_.toks[b].para || d_.sent_of[b - 1] != d_.sent_of[b]))
        ++b;
      MentionInfo m = AnalyzeMention(d_, {b, k});
      if (m.named && m.kind == SpeakerKind::kPerson && m.name.e - m.name.b >= 2 &&
          m.name.e - m.name.b <= 4)
        entities_.push_back({m.name});
    }
  }

  // The fullest name in the article that contains the words of `name` ("Mr Cha" ->
  // "Cha Du-hyeogn"): the latest such mention before `pos`, else the first after it.
  std::string FullName(TokRange name, uint32_t pos) const {
    const Entity* best = nullptr;
    size_t name_len = name.e - name.b;
    for (const Entity& e : entities_) {
      size_t elen = e.name.e - e.name.b;
      if (elen <= name_len) continue;
      // Every word of the mention must appear in the entity, in order.
      uint32_t j = e.name.b;
      bool ok = true;
      for (uint32_t i = name.b; i < name.e && ok; ++i) {
        while (j < e.name.e && !SameWord(d_.Text(j), d_.Text(i))) ++j;
        if (j == e.name.e) ok = false;
        ++j;
      }
      if (!ok) continue;
      if (e.name.b < pos) {
        best = &e;  // latest before
      } else if (!best) {
        best = &e;
        break;
      }
    }
    return NameText(d_, best ? best->name : name);
  }

  // "the two": the two people named last before the mention.
  bool ResolveTheTwo(TokRange np, ResolvedSpeaker* out) const {
    while (np.b < np.e && !d_.IsWord(np.b)) ++np.b;
    while (np.e > np.b && !d_.IsWord(np.e - 1)) --np.e;
    if (np.e - np.b != 2 || !d_.Is(np.b, "the") || !d_.Is(np.b + 1, "two")) return false;
    std::vector<std::string> names;
    for (size_t i = entities_.size(); i-- > 0 && names.size() < 2;) {
      if (entities_[i].name.b >= np.b) continue;
      std::string n = FullName(entities_[i].name, entities_[i].name.b);
      if (names.empty() || !SameWord(names[0], n)) names.push_back(std::move(n));
    }
    if (names.size() < 2) return false;
    out->span = np;
    out->display = names[1] + " and " + names[0];
    for (size_t i = 2; i-- > 0;) {
      SpeakerMention sm;
      sm.name = names[i];
      sm.kind = SpeakerKind::kPerson;
      out->speakers.push_back(std::move(sm));
    }
    return true;
  }

  void ResolvePronoun(const MentionInfo& m, const RawQuote& r,
                      const std::vector<ResolvedSpeaker>& done, const std::vector<RawQuote>& raws,
                      size_t index, ResolvedSpeaker* out) {
    out->span = m.span;
    bool person = d_.Is(m.span.b, "he") || d_.Is(m.span.b, "she") || d_.Is(m.span.b, "i");
    bool group = d_.Is(m.span.b, "they") || d_.Is(m.span.b, "we");
    if (m.relative) {
      // "Mr. Ekovich, who noted": the name before the comma.
      uint32_t k = m.span.b;
      while (k > 0 && d_.Type(k - 1) == TokType::kComma) --k;
      uint32_t e = k;
      uint32_t b = e;
      while (b > 0 && d_.IsCap(b - 1)) --b;
      if (b < e) {
        MentionInfo mi = AnalyzeMention(d_, {b, e});
        SpeakerMention sm;
        sm.name = mi.kind == SpeakerKind::kPerson && mi.named ? FullName(mi.name, b)
                                                              : NameText(d_, mi.name);
        sm.kind = mi.kind;
        out->display = sm.name;
        out->speakers.push_back(std::move(sm));
        return;
      }
      person = true;
    }
    // The last speaker of a fitting kind, when recent.
    for (size_t i = index; i-- > 0;) {
      if (raws[i].sentence + 6 < r.sentence) break;
      if (done[i].speakers.size() != 1 && !group) continue;
      if (done[i].speakers.empty()) continue;
      SpeakerKind k = done[i].speakers.size() > 1 ? SpeakerKind::kGroup : done[i].speakers[0].kind;
      bool fits = person ? k == SpeakerKind::kPerson
                         : group ? (k == SpeakerKind::kGroup || k == SpeakerKind::kGovernment ||
                                    k == SpeakerKind::kOrganisation)
                                 : (k != SpeakerKind::kPerson && k != SpeakerKind::kGroup);
      if (!fits) continue;
      out->display = done[i].display;
      out->speakers = done[i].speakers;
      return;
    }
    if (person) {
      // The latest full name before the pronoun.
      const Entity* best = nullptr;
      for (const Entity& e : entities_)
        if (e.name.b < m.span.b) best = &e;
      if (best) {
        SpeakerMention sm;
        sm.name = NameText(d_, best->name);
        sm.kind = SpeakerKind::kPerson;
        out->display = sm.name;
        out->speakers.push_back(std::move(sm));
        return;
      }
    }
    SpeakerMention sm;
    sm.name = std::string(d_.Range(m.span.b, m.span.e));
    sm.kind = m.kind;
    out->display = sm.name;
    out->speakers.push_back(std::move(sm));
  }

  const Doc& d_;
  std::vector<Entity> entities_;
};

}  // namespace

std::vector<ResolvedSpeaker> ResolveSpeakers(const Doc& doc, const std::vector<RawQuote>& raws) {
  std::vector<ResolvedSpeaker> out;
  out.reserve(raws.size());
  Resolver res(doc);
  for (size_t i = 0; i < raws.size(); ++i) out.push_back(res.Resolve(raws[i], out, raws, i));
  return out;
}

}  // namespace quotedb::extract
