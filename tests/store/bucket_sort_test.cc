// BucketSort (engine/store/bucket_sort.h) orders as std::sort does, on both of its paths.
#include <catch2/catch.hpp>

#include <random>
#include <vector>

#include "store/bucket_sort.h"

using quotedb::store::BucketSort;

namespace {

struct Posting {
  uint64_t term;
  uint32_t rank;
  bool operator==(const Posting&) const = default;
};

bool Less(const Posting& x, const Posting& y) {
  return x.term != y.term ? x.term < y.term : x.rank < y.rank;
}

std::vector<Posting> Random(size_t n, uint64_t seed, uint64_t distinct_terms) {
  std::mt19937_64 rng(seed);
  std::vector<Posting> v(n);
  std::vector<uint64_t> terms(distinct_terms);
  for (auto& t : terms) t = rng();
  terms[0] = 0;                      // the smallest and the largest key
  terms[1] = ~uint64_t{0};
  for (auto& p : v) p = {terms[rng() % terms.size()], static_cast<uint32_t>(rng() % 1000)};
  return v;
}

}  // namespace

TEST_CASE("BucketSort orders as std::sort, bucketed or not", "[store]") {
  auto top = [](const Posting& p) { return static_cast<size_t>(p.term >> 48); };
  for (size_t n : {size_t{0}, size_t{1}, size_t{1000}, size_t{65535}, size_t{65536},
                   size_t{300000}}) {
    for (uint64_t distinct : {uint64_t{2}, uint64_t{5000}, uint64_t{1} << 20}) {
      INFO("n " << n << ", distinct terms " << distinct);
      std::vector<Posting> v = Random(n, n * 31 + distinct, distinct), scratch;
      std::vector<Posting> want = v;
      std::sort(want.begin(), want.end(), Less);
      BucketSort(&v, &scratch, top, Less);
      CHECK(v == want);
      // Again with the buffers the first sort left: the scratch is reused, not trusted.
      std::vector<Posting> again = Random(n, n * 17 + distinct + 1, distinct);
      std::vector<Posting> want_again = again;
      std::sort(want_again.begin(), want_again.end(), Less);
      BucketSort(&again, &scratch, top, Less);
      CHECK(again == want_again);
    }
  }
}
