// Contradiction reports over the by_prop index: claim-vs-denial, self-contradiction and
// numeric-mismatch findings, and the for/against/observing grouping of `quotedb claims`.
//
// Scale: the report is one ordered pass over by_prop (or, with --speaker, the propositions of
// that speaker's statements). Every comparison happens inside one proposition group, whose
// size is capped by ContradictionQuery::max_group, so the work grows with the index, not with
// the square of the number of statements.
#include <algorithm>
#include <cmath>
#include <map>
#include <set>

#include "quotedb/claims.h"
#include "quotedb/text.h"

namespace quotedb {

const char* FindingKindName(FindingKind kind) {
  switch (kind) {
    case FindingKind::kClaimVsDenial: return "claim-vs-denial";
    case FindingKind::kSelfContradiction: return "self-contradiction";
    case FindingKind::kNumericMismatch: return "numeric-mismatch";
  }
  return "claim-vs-denial";
}

namespace {

std::string StatementId(const ClaimHit& h) {
  return h.hit.statement.article_id.ToHex() + ":" + std::to_string(h.hit.statement.ordinal);
}

// The same words twice in one article (an extractor echo) are shown once.
std::string DedupKey(const ClaimHit& h) {
  return h.hit.statement.article_id.ToHex() + ":" + h.hit.statement.content_hash.ToHex();
}

bool Disjoint(const std::vector<SpeakerId>& a, const std::vector<SpeakerId>& b) {
  for (SpeakerId x : a)
    if (std::find(b.begin(), b.end(), x) != b.end()) return false;
  return true;
}

const char* SoftRole(Modality m) {
  return m == Modality::kHedged ? "hedged" : m == Modality::kReported ? "reported" : "question";
}

double Clamp01(double x) { return std::max(0.0, std::min(1.0, x)); }

class Analyzer {
 public:
  Analyzer(DB& db, const ContradictionQuery& q) : db_(db), q_(q) {
    std::vector<std::string> terms = IndexTerms(q.topic);
    topic_.insert(terms.begin(), terms.end());
  }

  void set_speaker_filter(std::set<SpeakerId> ids) {
    speaker_filter_ = std::move(ids);
    filter_speakers_ = true;
  }

  Status Analyse(uint64_t key, std::vector<ClaimHit>& raw) {
    std::vector<ClaimHit> group;
    for (ClaimHit& h : raw)
      if (InDates(h)) group.push_back(std::move(h));
    if (group.empty()) return Status::OK();
    if (!topic_.empty() && !MatchesTopic(group)) return Status::OK();
    QDB_RETURN_IF_ERROR(ClaimVsDenial(key, group));
    SelfContradictions(key, group);
    NumericMismatches(key, group);
    return Status::OK();
  }

  std::vector<Finding> TakeFindings() {
    std::stable_sort(findings_.begin(), findings_.end(),
                     [](const Finding& a, const Finding& b) { return a.score > b.score; });
    if (q_.limit && findings_.size() > q_.limit) findings_.resize(q_.limit);
    return std::move(findings_);
  }

 private:
  bool InDates(const ClaimHit& h) const {
    int64_t d = h.hit.statement.date_days;
    if (q_.from_days != kUnknownDate && (d == kUnknownDate || d < q_.from_days)) return false;
    if (q_.to_days != kUnknownDate && (d == kUnknownDate || d > q_.to_days)) return false;
    return true;
  }

  bool MatchesTopic(const std::vector<ClaimHit>& group) const {
    std::set<std::string> seen;
    auto add = [&](std::string_view text) {
      for (std::string& t : IndexTerms(text)) seen.insert(std::move(t));
    };
    add(group.front().claim.proposition);
    add(group.front().claim.event_class);
    for (const ClaimHit& h : group) add(h.hit.statement.text);
    for (const std::string& t : topic_)
      if (!seen.count(t)) return false;
    return true;
  }

  // With --speaker, a finding must have a statement by that speaker.
  bool Keep(const Finding& f) const {
    if (!filter_speakers_) return true;
    for (const auto* side : {&f.for_side, &f.against})
      for (const FindingEntry& e : *side)
        for (SpeakerId id : e.claim.hit.statement.speaker_ids)
          if (speaker_filter_.count(id)) return true;
    return false;
  }

  void Add(Finding f) {
    if (Keep(f)) findings_.push_back(std::move(f));
  }

  // Different speakers, opposite polarity, same proposition. Hedged and merely reported
  // statements ride along under their own role; they never make a finding by themselves.
  Status ClaimVsDenial(uint64_t key, const std::vector<ClaimHit>& group) {
    std::vector<const ClaimHit*> aff, den;
    for (const ClaimHit& h : group) {
      if (h.claim.modality != Modality::kAsserted || h.hit.statement.speaker_ids.empty())
        continue;
      (h.claim.polarity == Polarity::kAffirm ? aff : den).push_back(&h);
    }
    Finding f;
    f.kind = FindingKind::kClaimVsDenial;
    f.proposition = group.front().claim.proposition;
    f.proposition_key = key;
    std::set<std::string> used;
    for (const ClaimHit* a : aff) {
      for (const ClaimHit* d : den) {
        if (!Disjoint(a->hit.statement.speaker_ids, d->hit.statement.speaker_ids)) continue;
        if (used.insert(DedupKey(*a)).second) f.for_side.push_back({*a, "claim"});
        if (used.insert(DedupKey(*d)).second) f.against.push_back({*d, "claim"});
      }
    }
    if (f.for_side.empty() || f.against.empty()) return Status::OK();
    for (const ClaimHit& h : group) {
      if (used.count(DedupKey(h)) || h.claim.modality == Modality::kAsserted) continue;
      used.insert(DedupKey(h));
      (h.claim.polarity == Polarity::kAffirm ? f.for_side : f.against)
          .push_back({h, SoftRole(h.claim.modality)});
    }
    // Support: statements about part of the proposition (one of its participants) with the
    // same event class, e.g. "North Korean missile debris" found in Ukraine for an arms
    // transfer between North Korea and Russia. Read from the one-participant ranges.
    const Claim& c = group.front().claim;
    bool supported = false;
    if (c.participants.size() >= 2) {
      for (const std::string& p : c.participants) {
        uint64_t sub = PropositionKey({p}, c.event_class);
        auto hits = db_.ClaimsByProposition(sub, 200);
        if (!hits.ok()) return hits.status();
        for (ClaimHit& h : *hits) {
          if (!InDates(h) || !used.insert(DedupKey(h)).second) continue;
          const char* role =
              h.claim.modality == Modality::kAsserted ? "support" : SoftRole(h.claim.modality);
          supported = supported || h.claim.modality == Modality::kAsserted;
          (h.claim.polarity == Polarity::kAffirm ? f.for_side : f.against)
              .push_back({std::move(h), role});
        }
      }
    }
    double conf = (f.for_side.front().claim.hit.statement.confidence +
                   f.against.front().claim.hit.statement.confidence) /
                  2.0;
    f.score = Clamp01(0.5 + 0.15 * (c.participants.size() >= 2) + 0.2 * Clamp01(conf) +
                      0.1 * supported + 0.05 * (f.for_side.size() > 1 && f.against.size() > 1));
    Add(std::move(f));
    return Status::OK();
  }

  // One speaker, opposite polarity, a later date: the first reversal per speaker.
  void SelfContradictions(uint64_t key, const std::vector<ClaimHit>& group) {
    std::map<SpeakerId, std::vector<const ClaimHit*>> by_speaker;
    for (const ClaimHit& h : group) {
      if (h.claim.modality != Modality::kAsserted || h.hit.statement.date_days == kUnknownDate)
        continue;
      for (SpeakerId id : h.hit.statement.speaker_ids) by_speaker[id].push_back(&h);
    }
    std::set<std::pair<std::string, std::string>> reported;
    for (auto& [id, list] : by_speaker) {
      if (list.size() < 2) continue;
      std::stable_sort(list.begin(), list.end(), [](const ClaimHit* a, const ClaimHit* b) {
        return a->hit.statement.date_days < b->hit.statement.date_days;
      });
      for (size_t j = 1; j < list.size(); ++j) {
        const ClaimHit* later = list[j];
        const ClaimHit* earlier = nullptr;
        for (size_t i = 0; i < j; ++i) {
          if (list[i]->claim.polarity != later->claim.polarity &&
              list[i]->hit.statement.date_days < later->hit.statement.date_days)
            earlier = list[i];
        }
        if (!earlier) continue;
        if (!reported.insert({StatementId(*earlier), StatementId(*later)}).second) continue;
        Finding f;
        f.kind = FindingKind::kSelfContradiction;
        f.proposition = group.front().claim.proposition;
        f.proposition_key = key;
        FindingEntry e1{*earlier, "earlier"}, e2{*later, "later"};
        if (earlier->claim.polarity == Polarity::kAffirm) {
          f.for_side.push_back(std::move(e1));
          f.against.push_back(std::move(e2));
        } else {
          f.for_side.push_back(std::move(e2));
          f.against.push_back(std::move(e1));
        }
        double conf = std::min(earlier->hit.statement.confidence, later->hit.statement.confidence);
        int64_t gap = later->hit.statement.date_days - earlier->hit.statement.date_days;
        f.score = Clamp01(0.65 + 0.2 * Clamp01(conf) + 0.15 * (gap >= 30));
        Add(std::move(f));
        break;  // the first reversal per speaker and proposition is the finding
      }
    }
  }

  // Same quantity (the proposition and what the number counts), different numbers, in
  // different articles.
  void NumericMismatches(uint64_t key, const std::vector<ClaimHit>& group) {
    struct Value {
      const ClaimHit* hit;
      const ClaimNumber* number;
    };
    std::map<std::string, std::vector<Value>> by_quantity;
    for (const ClaimHit& h : group) {
      if (h.claim.polarity != Polarity::kAffirm || h.claim.modality == Modality::kQuestion)
        continue;
      std::set<std::string> seen;  // one number per quantity per statement
      for (const ClaimNumber& n : h.claim.numbers) {
        std::string q = n.counts;
        if (seen.insert(q).second) by_quantity[q].push_back({&h, &n});
      }
    }
    for (auto& [quantity, values] : by_quantity) {
      // The most cited value is the reference.
      std::map<double, std::vector<Value>> by_value;
      for (const Value& v : values) by_value[v.number->value].push_back(v);
      if (by_value.size() < 2) continue;
      auto ref = std::max_element(by_value.begin(), by_value.end(), [](auto& a, auto& b) {
        return a.second.size() < b.second.size();
      });
      Finding f;
      f.kind = FindingKind::kNumericMismatch;
      f.proposition_key = key;
      f.quantity = quantity;
      std::set<ArticleId> ref_articles;
      for (const Value& v : ref->second) {
        f.for_side.push_back({*v.hit, "value"});
        ref_articles.insert(v.hit->hit.statement.article_id);
      }
      double best = 0;
      std::string others;
      for (auto& [value, list] : by_value) {
        if (value == ref->first) continue;
        for (const Value& v : list) {
          if (ref_articles.count(v.hit->hit.statement.article_id)) continue;  // an update
          f.against.push_back({*v.hit, "value"});
          const ClaimNumber& a = *ref->second.front().number;
          const ClaimNumber& b = *v.number;
          double s = 0.85;
          if (!a.qualifier.empty() || !b.qualifier.empty()) {
            s = 0.55;
            // "at least 12" and "19" can both be true.
            auto lower_bound = [](const ClaimNumber& n) {
              return n.qualifier == "at least" || n.qualifier == "more than" ||
                     n.qualifier == "over";
            };
            if ((lower_bound(a) && b.value >= a.value) || (lower_bound(b) && a.value >= b.value))
              s = 0.3;
          }
          best = std::max(best, s);
          if (others.find(b.text) == std::string::npos) others += (others.empty() ? "" : ", ") + b.text;
        }
      }
      if (f.against.empty()) continue;
      f.proposition = group.front().claim.proposition + " (" + quantity + ": " +
                      ref->second.front().number->text + " vs " + others + ")";
      f.score = best;
      Add(std::move(f));
    }
  }

  DB& db_;
  const ContradictionQuery& q_;
  std::set<std::string> topic_;
  bool filter_speakers_ = false;
  std::set<SpeakerId> speaker_filter_;
  std::vector<Finding> findings_;
};

}  // namespace

Result<std::vector<Finding>> FindContradictions(DB& db, const ContradictionQuery& q) {
  Analyzer an(db, q);
  if (q.speaker.empty()) {
    Status inner;
    Status s = db.ForEachProposition(q.max_group, [&](uint64_t key, std::vector<ClaimHit>& g) {
      inner = an.Analyse(key, g);
      return inner.ok();
    });
    QDB_RETURN_IF_ERROR(s);
    QDB_RETURN_IF_ERROR(inner);
    return an.TakeFindings();
  }
  // A speaker: their statements (by_speaker), the propositions those make, and each
  // proposition's range in by_prop.
  QuoteQuery qq;
  qq.speaker = q.speaker;
  qq.from_days = q.from_days;
  qq.to_days = q.to_days;
  qq.limit = SIZE_MAX;
  auto hits = db.Quotes(qq);
  if (!hits.ok()) return hits.status();
  std::set<SpeakerId> ids;
  std::set<uint64_t> props;
  for (const StatementHit& h : *hits) {
    ids.insert(h.statement.speaker_ids.begin(), h.statement.speaker_ids.end());
    auto c = db.GetClaim(h.statement.article_id, h.statement.ordinal);
    if (c.status().IsNotFound()) continue;  // written before claims existed
    if (!c.ok()) return c.status();
    if (c->proposition_key != 0) props.insert(c->proposition_key);
  }
  an.set_speaker_filter(std::move(ids));
  for (uint64_t key : props) {
    auto group = db.ClaimsByProposition(key, q.max_group);
    if (!group.ok()) return group.status();
    QDB_RETURN_IF_ERROR(an.Analyse(key, *group));
  }
  return an.TakeFindings();
}

Result<ClaimReport> ClaimsAbout(DB& db, std::string_view text, size_t limit) {
  auto builder = ClaimBuilder::Create();
  if (!builder.ok()) return builder.status();
  ClaimInput in;
  in.text = text;
  ClaimReport report;
  report.claim = (*builder)->Build(in);
  if (report.claim.proposition_key == 0) {
    std::string why = report.claim.event_class.empty()
                          ? "no known event (arms transfer, casualties, tax increase, ...)"
                          : "no participant (a country, organisation or person)";
    return Status::InvalidArgument("cannot read a claim from \"" + std::string(text) +
                                   "\": it names " + why);
  }
  auto hits = db.ClaimsByProposition(report.claim.proposition_key, limit);
  if (!hits.ok()) return hits.status();
  for (ClaimHit& h : *hits) {
    if (h.claim.modality != Modality::kAsserted) {
      report.observing.push_back(std::move(h));
    } else if (h.claim.polarity == report.claim.polarity) {
      report.for_side.push_back(std::move(h));
    } else {
      report.against.push_back(std::move(h));
    }
  }
  return report;
}

}  // namespace quotedb
