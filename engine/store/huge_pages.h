// Memory for the import's large, short-lived buffers: a commit's entries and the indexer's
// postings (db_impl.h, Commit). They grow to tens of megabytes per commit and are written
// once, front to back, so every 4 KiB page of them costs a page fault on first touch: a
// quarter of an import's CPU time went to faults, most of them in these buffers
// (docs/performance.md, "Session 12"). A block of 1 MiB or more is mapped on its own, on 2 MiB
// boundaries, and advised as a transparent huge page region (MADV_HUGEPAGE), so that it
// faults in 2 MiB at a time. Smaller blocks come from the usual allocator. Where the kernel
// has no transparent huge pages the advice fails, which is harmless: the mapping behaves like
// any other.
#pragma once

#include <sys/mman.h>

#include <cstddef>
#include <cstdint>
#include <memory>
#include <new>
#include <string>
#include <vector>

namespace quotedb::store {

namespace huge_pages {
inline constexpr size_t kPage = size_t{2} << 20;  // x86-64's PMD page
inline constexpr size_t kMinBytes = size_t{1} << 20;

inline size_t MappedLength(size_t bytes) { return (bytes + kPage - 1) / kPage * kPage; }

// A kPage-aligned mapping of MappedLength(bytes) bytes; throws std::bad_alloc.
inline void* Map(size_t bytes) {
  const size_t len = MappedLength(bytes);
  // Over-map by one page and cut the ends so the block starts on a kPage boundary.
  void* raw = mmap(nullptr, len + kPage, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (raw == MAP_FAILED) throw std::bad_alloc();
  const auto start = reinterpret_cast<uintptr_t>(raw);
  const uintptr_t aligned = (start + kPage - 1) / kPage * kPage;
  if (aligned > start) munmap(raw, aligned - start);
  const uintptr_t tail = aligned + len;
  const uintptr_t end = start + len + kPage;
  if (end > tail) munmap(reinterpret_cast<void*>(tail), end - tail);
  void* p = reinterpret_cast<void*>(aligned);
  (void)madvise(p, len, MADV_HUGEPAGE);
  return p;
}

inline void Unmap(void* p, size_t bytes) { munmap(p, MappedLength(bytes)); }
}  // namespace huge_pages

// A stateless allocator: blocks of kMinBytes or more are huge-page mappings, the rest
// std::allocator's. Which one a block came from follows from its size, which deallocate is
// given.
template <class T>
struct HugePageAllocator {
  using value_type = T;
  HugePageAllocator() = default;
  template <class U>
  HugePageAllocator(const HugePageAllocator<U>&) noexcept {}

  T* allocate(size_t n) {
    if (n > SIZE_MAX / sizeof(T)) throw std::bad_alloc();
    const size_t bytes = n * sizeof(T);
    if (bytes < huge_pages::kMinBytes) return std::allocator<T>().allocate(n);
    return static_cast<T*>(huge_pages::Map(bytes));
  }
  void deallocate(T* p, size_t n) noexcept {
    const size_t bytes = n * sizeof(T);
    if (bytes < huge_pages::kMinBytes) {
      std::allocator<T>().deallocate(p, n);
    } else {
      huge_pages::Unmap(p, bytes);
    }
  }
  template <class U>
  bool operator==(const HugePageAllocator<U>&) const noexcept {
    return true;
  }
};

using HugeBytes = std::basic_string<char, std::char_traits<char>, HugePageAllocator<char>>;
template <class T>
using HugeVector = std::vector<T, HugePageAllocator<T>>;

}  // namespace quotedb::store
