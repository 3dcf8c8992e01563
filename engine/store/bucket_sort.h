// BucketSort: a sort for keys that start with a hash (write.cc's term and band postings).
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <vector>

namespace quotedb::store {

// Sorts `v` by `less`, given `top(x)`: 16 bits of x's key that `less` orders first (x's top
// below y's means less(x, y)). One counting pass and one scatter into `scratch` by those bits,
// then each bucket sorted on its own: the keys are hashes, so a bucket holds a few elements,
// where one std::sort over a commit's postings took a fifth of the committer's samples (BBC
// x10; docs/performance.md, session 14). `v` and `scratch` trade buffers, so neither is
// allocated again by the next commit.
template <class V, class Top, class Less>
void BucketSort(V* v, V* scratch, Top top, Less less) {
  constexpr size_t kBuckets = size_t{1} << 16;
  const size_t n = v->size();
  // Too few to spread (the counts would cost more than they save), or too many to count in 32
  // bits.
  if (n < kBuckets || n > UINT32_MAX) {
    std::sort(v->begin(), v->end(), less);
    return;
  }
  std::vector<uint32_t> start(kBuckets + 1, 0);
  for (const auto& x : *v) ++start[top(x) + 1];
  for (size_t b = 1; b <= kBuckets; ++b) start[b] += start[b - 1];
  std::vector<uint32_t> next(start.begin(), start.end() - 1);
  scratch->resize(n);
  for (const auto& x : *v) (*scratch)[next[top(x)]++] = x;
  for (size_t b = 0; b < kBuckets; ++b) {
    if (start[b + 1] - start[b] > 1)
      std::sort(scratch->begin() + start[b], scratch->begin() + start[b + 1], less);
  }
  v->swap(*scratch);
}

}  // namespace quotedb::store
