// lsh_tune: picks the MinHash shingle size and band layout for statements (analysis/minhash.h)
// on real sentences, with no database.
//
//   build/lsh_tune [--corpus DIR] [--sentences 5000]
//
// Takes sentences of 8-40 words from the BBC corpus as stand-ins for quotes and, for each
// parameter set, measures
//   recall     how often a sentence and a variant of it share a band, for three edits:
//              one middle word replaced by two ("the budget" -> "the spending plan"), one word
//              dropped, two words replaced;
//   candidates how many OTHER sentences share a band with a sentence, on average (the
//              verification work per check), and how many of those verify (word similarity
//              >= 0.6, the threshold of quotedb check).
// Without the corpus it says so and exits 0.
#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <random>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

#include "analysis/minhash.h"
#include "quotedb/reader.h"
#include "quotedb/similarity.h"
#include "quotedb/text.h"

using namespace quotedb;
using namespace quotedb::analysis;

namespace {

std::vector<std::string> Split(const std::string& s) {
  std::vector<std::string> w;
  size_t i = 0;
  while (i < s.size()) {
    size_t e = s.find(' ', i);
    if (e == std::string::npos) e = s.size();
    if (e > i) w.push_back(s.substr(i, e - i));
    i = e + 1;
  }
  return w;
}

std::string Join(const std::vector<std::string>& w) {
  std::string s;
  for (const auto& x : w) s += (s.empty() ? "" : " ") + x;
  return s;
}

}  // namespace

int main(int argc, char** argv) {
  std::string corpus = "/work/shared/corpus/bbc";
  size_t want = 5000;
  for (int i = 1; i + 1 < argc; i += 2) {
    std::string a = argv[i];
    if (a == "--corpus") corpus = argv[i + 1];
    if (a == "--sentences") want = std::strtoul(argv[i + 1], nullptr, 10);
  }
  if (!std::filesystem::exists(corpus)) {
    std::printf("lsh_tune: skipped, corpus %s is absent\n", corpus.c_str());
    return 0;
  }
  auto files = ListInputFiles({corpus});
  if (!files.ok()) return 2;
  std::vector<std::string> sentences;
  std::set<std::string> seen;
  for (const auto& f : *files) {
    auto arts = ReadArticles(f, ReaderOptions{}, [](const std::string&) {});
    if (!arts.ok()) continue;
    for (const auto& a : *arts) {
      size_t start = 0;
      const std::string& t = a.text;
      while (start < t.size()) {
        size_t end = t.find_first_of(".\n", start);
        if (end == std::string::npos) end = t.size();
        std::string s = t.substr(start, end - start);
        size_t n = IndexTerms(s).size();
        if (n >= 8 && n <= 40 && seen.insert(NormalizeForHash(s)).second) sentences.push_back(s);
        start = end + 1;
      }
    }
  }
  std::mt19937_64 rng(7);
  std::shuffle(sentences.begin(), sentences.end(), rng);
  if (sentences.size() > want) sentences.resize(want);
  std::printf("%zu distinct sentences of 8-40 words\n", sentences.size());

  const std::vector<MinHashParams> sets = {{3, 16, 4, 1}, {2, 16, 4, 1}, {3, 20, 3, 1},
                                           {2, 20, 3, 1}, {2, 32, 2, 1}, {1, 16, 4, 1}};
  std::printf("%-12s %8s %8s %8s %8s %12s %10s\n", "k bands×rows", "replace", "drop", "2 words",
              "P(0.5)", "candidates", "verified");
  for (const MinHashParams& p : sets) {
    size_t hit[3] = {0, 0, 0}, tries = 0;
    std::unordered_map<std::string, std::vector<size_t>> buckets;
    std::vector<std::vector<uint64_t>> bands(sentences.size());
    for (size_t i = 0; i < sentences.size(); ++i) {
      TextSignature s = SignText(sentences[i], p);
      bands[i] = s.bands;
      for (size_t b = 0; b < s.bands.size(); ++b)
        buckets[std::to_string(b) + ":" + std::to_string(s.bands[b])].push_back(i);
      std::vector<std::string> w = Split(sentences[i]);
      if (w.size() < 8) continue;
      ++tries;
      size_t mid = w.size() / 2;
      std::vector<std::string> v1 = w, v2 = w, v3 = w;
      v1[mid] = "spending plan";
      v2.erase(v2.begin() + static_cast<long>(mid));
      v3[mid] = "quite";
      v3[mid / 2] = "different";
      const std::vector<std::string>* vs[3] = {&v1, &v2, &v3};
      for (int k = 0; k < 3; ++k) {
        TextSignature t = SignText(Join(*vs[k]), p);
        for (size_t b = 0; b < t.bands.size(); ++b)
          if (t.bands[b] == s.bands[b]) {
            ++hit[k];
            break;
          }
      }
    }
    size_t cand = 0, ok = 0;
    for (size_t i = 0; i < sentences.size(); ++i) {
      std::set<size_t> c;
      for (size_t b = 0; b < bands[i].size(); ++b)
        for (size_t j : buckets[std::to_string(b) + ":" + std::to_string(bands[i][b])])
          if (j != i) c.insert(j);
      cand += c.size();
      for (size_t j : c)
        if (DiffWords(sentences[i], sentences[j]).similarity >= 0.6) ++ok;
    }
    char name[32];
    std::snprintf(name, sizeof(name), "%zu %zux%zu", p.shingle_words, p.bands, p.rows);
    std::printf("%-12s %8.3f %8.3f %8.3f %8.3f %12.3f %10.4f\n", name,
                double(hit[0]) / tries, double(hit[1]) / tries, double(hit[2]) / tries,
                CandidateProbability(0.5, p), double(cand) / sentences.size(),
                double(ok) / sentences.size());
  }
  return 0;
}
