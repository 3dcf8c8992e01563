#include <catch2/catch.hpp>

#include "quotedb/extract.h"

TEST_CASE("ExtractQuotes finds nothing in plain narration", "[extract]") {
  auto q = quotedb::ExtractQuotes("The sky is blue.\nThe grass is green.\n");
  CHECK(q.empty());
}
