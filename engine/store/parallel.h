// Runs a commit's per-family work on two threads: the caller and one helper.
#ifndef QUOTEDB_ENGINE_STORE_PARALLEL_H_
#define QUOTEDB_ENGINE_STORE_PARALLEL_H_

#include <atomic>
#include <cstddef>
#include <thread>

namespace quotedb::store {

// Calls fn(i) for every i in [0, n), each once, from this thread and (when n > 1) one more;
// returns when all are done. The items are taken in order, so put the largest first.
template <class Fn>
void OnTwoThreads(size_t n, Fn&& fn) {
  std::atomic<size_t> next{0};
  auto work = [&] {
    for (size_t i; (i = next.fetch_add(1)) < n;) fn(i);
  };
  if (n > 1) {
    std::thread helper(work);
    work();
    helper.join();
  } else {
    work();
  }
}

}  // namespace quotedb::store

#endif  // QUOTEDB_ENGINE_STORE_PARALLEL_H_
