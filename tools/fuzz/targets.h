// Fuzz entry points: one per reader, one for the extractor and one for the text normaliser.
//
// Each takes the bytes of one input, hands them to the library entry point in memory, and checks
// what the library promises about the result (readers store valid UTF-8 with a one-line
// headline, spans lie inside the text, the normaliser's output is trimmed UTF-8, ...). The
// libFuzzer binaries (fuzz_main.cc) and the replay test (tests/fuzz/fuzz_replay_test.cc) share
// them, so a saved crash is replayed through exactly the code that found it.
#ifndef QUOTEDB_TOOLS_FUZZ_TARGETS_H_
#define QUOTEDB_TOOLS_FUZZ_TARGETS_H_

#include <string>
#include <string_view>
#include <vector>

namespace quotedb::fuzz {

// Returns "" when every checked promise holds, else a sentence saying which one broke. Crashes,
// sanitizer reports and exceptions are the other ways an input fails.
using TargetFn = std::string (*)(std::string_view data);

struct Target {
  const char* name;  // fixtures/fuzz/<name>/ holds its seeds, fixtures/fuzz/crashes/<name>/ crashes
  const char* what;  // the entry point it drives
  TargetFn run;
};

// text newsplease html warc quotebank statements table extract normalize values
const std::vector<Target>& AllTargets();
const Target* FindTarget(std::string_view name);

}  // namespace quotedb::fuzz

#endif  // QUOTEDB_TOOLS_FUZZ_TARGETS_H_
