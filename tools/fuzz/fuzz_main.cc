// A libFuzzer binary for one target of targets.h, named by QUOTEDB_FUZZ_TARGET at build time.
// A target that reports a broken promise aborts, so libFuzzer saves the input as a crash.
#include <cstdio>
#include <cstdlib>

#include "targets.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const quotedb::fuzz::Target* target = quotedb::fuzz::FindTarget(QUOTEDB_FUZZ_TARGET);
  if (!target) {
    std::fprintf(stderr, "no fuzz target named %s\n", QUOTEDB_FUZZ_TARGET);
    std::abort();
  }
  std::string problem = target->run(std::string_view(reinterpret_cast<const char*>(data), size));
  if (!problem.empty()) {
    std::fprintf(stderr, "fuzz_%s: %s\n", target->name, problem.c_str());
    std::abort();
  }
  return 0;
}
