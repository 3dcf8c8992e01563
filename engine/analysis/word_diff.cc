// Word-level Levenshtein diff. See quotedb/similarity.h.
#include <algorithm>
#include <string>
#include <vector>

#include "quotedb/similarity.h"
#include "quotedb/text.h"

namespace quotedb {
namespace {

struct Word {
  std::string_view printed;
  std::string key;  // NormalizeForHash(printed) without spaces ("U.S." -> "us")
};

std::vector<Word> SplitWords(std::string_view text) {
  std::vector<Word> out;
  size_t i = 0;
  auto is_space = [](char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
  };
  while (i < text.size()) {
    while (i < text.size() && is_space(text[i])) ++i;
    size_t start = i;
    while (i < text.size() && !is_space(text[i])) ++i;
    if (i == start) break;
    Word w{text.substr(start, i - start), NormalizeForHash(text.substr(start, i - start))};
    w.key.erase(std::remove(w.key.begin(), w.key.end(), ' '), w.key.end());
    if (!w.key.empty()) out.push_back(std::move(w));
  }
  return out;
}

constexpr size_t kMaxCells = 4u << 20;

// Appends one word to the run of `op` at the end of `edits`.
void Emit(std::vector<WordEdit>* edits, WordEdit::Op op, std::string_view word) {
  if (edits->empty() || edits->back().op != op) {
    edits->push_back(WordEdit{op, std::string(word)});
  } else {
    edits->back().text += ' ';
    edits->back().text += word;
  }
}

}  // namespace

WordDiff DiffWords(std::string_view a_text, std::string_view b_text) {
  const std::vector<Word> a = SplitWords(a_text);
  const std::vector<Word> b = SplitWords(b_text);
  WordDiff d;
  d.words_a = a.size();
  d.words_b = b.size();

  size_t prefix = 0;
  while (prefix < a.size() && prefix < b.size() && a[prefix].key == b[prefix].key) ++prefix;
  size_t suffix = 0;
  while (suffix < a.size() - prefix && suffix < b.size() - prefix &&
         a[a.size() - 1 - suffix].key == b[b.size() - 1 - suffix].key)
    ++suffix;
  const size_t n = a.size() - prefix - suffix;  // middle of a
  const size_t m = b.size() - prefix - suffix;  // middle of b

  std::vector<WordEdit> middle;
  if (n == 0 || m == 0 || (n + 1) * (m + 1) > kMaxCells) {
    d.distance = std::max(n, m);
    for (size_t i = 0; i < n; ++i) Emit(&middle, WordEdit::Op::kDelete, a[prefix + i].printed);
    for (size_t j = 0; j < m; ++j) Emit(&middle, WordEdit::Op::kInsert, b[prefix + j].printed);
  } else {
    // dist[i][j]: edits turning a[prefix, prefix+i) into b[prefix, prefix+j).
    const size_t w = m + 1;
    std::vector<uint32_t> dist((n + 1) * w);
    for (size_t i = 0; i <= n; ++i) dist[i * w] = static_cast<uint32_t>(i);
    for (size_t j = 0; j <= m; ++j) dist[j] = static_cast<uint32_t>(j);
    for (size_t i = 1; i <= n; ++i) {
      for (size_t j = 1; j <= m; ++j) {
        uint32_t sub = dist[(i - 1) * w + j - 1] + (a[prefix + i - 1].key == b[prefix + j - 1].key ? 0 : 1);
        uint32_t del = dist[(i - 1) * w + j] + 1;
        uint32_t ins = dist[i * w + j - 1] + 1;
        dist[i * w + j] = std::min({sub, del, ins});
      }
    }
    d.distance = dist[n * w + m];
    // Walk back from the end; collect ops in reverse, then regroup so that within a changed
    // stretch the deleted words print before the inserted ones.
    struct Step {
      WordEdit::Op op;
      std::string_view word;
    };
    std::vector<Step> steps;
    size_t i = n, j = m;
    while (i > 0 || j > 0) {
      if (i > 0 && j > 0) {
        bool same = a[prefix + i - 1].key == b[prefix + j - 1].key;
        if (dist[i * w + j] == dist[(i - 1) * w + j - 1] + (same ? 0 : 1)) {
          if (same) {
            steps.push_back({WordEdit::Op::kEqual, a[prefix + i - 1].printed});
          } else {
            steps.push_back({WordEdit::Op::kInsert, b[prefix + j - 1].printed});
            steps.push_back({WordEdit::Op::kDelete, a[prefix + i - 1].printed});
          }
          --i;
          --j;
          continue;
        }
      }
      if (i > 0 && dist[i * w + j] == dist[(i - 1) * w + j] + 1) {
        steps.push_back({WordEdit::Op::kDelete, a[prefix + i - 1].printed});
        --i;
      } else {
        steps.push_back({WordEdit::Op::kInsert, b[prefix + j - 1].printed});
        --j;
      }
    }
    std::reverse(steps.begin(), steps.end());
    std::vector<std::string_view> dels, inss;
    auto flush = [&] {
      for (auto word : dels) Emit(&middle, WordEdit::Op::kDelete, word);
      for (auto word : inss) Emit(&middle, WordEdit::Op::kInsert, word);
      dels.clear();
      inss.clear();
    };
    for (const Step& s : steps) {
      if (s.op == WordEdit::Op::kEqual) {
        flush();
        Emit(&middle, WordEdit::Op::kEqual, s.word);
      } else {
        (s.op == WordEdit::Op::kDelete ? dels : inss).push_back(s.word);
      }
    }
    flush();
  }

  for (size_t i = 0; i < prefix; ++i) Emit(&d.edits, WordEdit::Op::kEqual, a[i].printed);
  for (WordEdit& e : middle) {
    if (!d.edits.empty() && d.edits.back().op == e.op) {
      d.edits.back().text += ' ' + e.text;
    } else {
      d.edits.push_back(std::move(e));
    }
  }
  for (size_t i = a.size() - suffix; i < a.size(); ++i)
    Emit(&d.edits, WordEdit::Op::kEqual, a[i].printed);

  size_t longest = std::max(a.size(), b.size());
  d.similarity = longest == 0 ? 1.0
                              : 1.0 - static_cast<double>(d.distance) / static_cast<double>(longest);
  return d;
}

std::string FormatWordDiff(const WordDiff& diff) {
  std::string out;
  for (const WordEdit& e : diff.edits) {
    if (!out.empty()) out += ' ';
    switch (e.op) {
      case WordEdit::Op::kEqual:
        out += e.text;
        break;
      case WordEdit::Op::kDelete:
        out += "[-" + e.text + "-]";
        break;
      case WordEdit::Op::kInsert:
        out += "{+" + e.text + "+}";
        break;
    }
  }
  return out;
}

}  // namespace quotedb
