// The allocator behind a commit's large buffers (engine/store/huge_pages.h): blocks either
// side of the 1 MiB line hold what was written to them, large blocks start on a 2 MiB
// boundary, and containers grow across the line (small block to mapping, mapping to a larger
// mapping) with their contents intact.
#include <catch2/catch.hpp>

#include <cstdint>
#include <string>
#include <string_view>

#include "store/huge_pages.h"

using quotedb::store::HugeBytes;
using quotedb::store::HugePageAllocator;
using quotedb::store::HugeVector;
namespace huge_pages = quotedb::store::huge_pages;

TEST_CASE("huge_pages: mapped lengths round up to whole 2 MiB pages", "[store][huge_pages]") {
  CHECK(huge_pages::MappedLength(1) == huge_pages::kPage);
  CHECK(huge_pages::MappedLength(huge_pages::kPage) == huge_pages::kPage);
  CHECK(huge_pages::MappedLength(huge_pages::kPage + 1) == 2 * huge_pages::kPage);
}

TEST_CASE("HugePageAllocator: small and large blocks hold their contents", "[store][huge_pages]") {
  HugePageAllocator<uint64_t> alloc;
  for (size_t n : {size_t{1}, size_t{1000}, huge_pages::kMinBytes / 8 - 1, huge_pages::kMinBytes / 8,
                   huge_pages::kPage / 8 + 3, 3 * huge_pages::kPage / 8}) {
    uint64_t* p = alloc.allocate(n);
    REQUIRE(p != nullptr);
    if (n * 8 >= huge_pages::kMinBytes) {
      CHECK(reinterpret_cast<uintptr_t>(p) % huge_pages::kPage == 0);
    }
    for (size_t i = 0; i < n; ++i) p[i] = i * 2654435761u;
    bool same = true;
    for (size_t i = 0; i < n; ++i) same = same && p[i] == i * 2654435761u;
    CHECK(same);
    alloc.deallocate(p, n);
  }
  CHECK_THROWS_AS(alloc.allocate(SIZE_MAX / 4), std::bad_alloc);
}

TEST_CASE("HugeVector and HugeBytes grow across the 1 MiB line intact", "[store][huge_pages]") {
  struct Entry {
    uint64_t head;
    uint32_t off, len;
  };
  HugeVector<Entry> entries;
  HugeBytes buf;
  const std::string_view word = "quotedb ";
  const size_t n = 3 * huge_pages::kPage / sizeof(Entry);  // several mappings' worth
  for (size_t i = 0; i < n; ++i) {
    entries.push_back(Entry{i, static_cast<uint32_t>(buf.size()), static_cast<uint32_t>(word.size())});
    buf.append(word);
  }
  REQUIRE(entries.size() == n);
  REQUIRE(buf.size() == n * word.size());
  bool same = true;
  for (size_t i = 0; i < n; ++i) {
    same = same && entries[i].head == i && std::string_view(buf).substr(entries[i].off, entries[i].len) == word;
  }
  CHECK(same);

  HugeBytes copy = buf;  // a copy allocates its own block
  buf.clear();
  buf.shrink_to_fit();
  CHECK(copy.size() == n * word.size());
  CHECK(std::string_view(copy).substr(copy.size() - word.size()) == word);

  entries.clear();
  entries.shrink_to_fit();  // back under the line: from a mapping to the usual allocator
  entries.push_back(Entry{7, 0, 0});
  CHECK(entries.front().head == 7);
}
