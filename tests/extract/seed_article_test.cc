// The seed article (../shared/corpus/seed, not part of the repository): every statement a
// reader sees, with the right speaker. Skips when the corpus is absent.
#include <catch2/catch.hpp>
#include <fstream>
#include <sstream>
#include <string>

#include "quotedb/extract.h"

namespace {

std::string ReadSeed() {
  std::ifstream in(std::string(QUOTEDB_SOURCE_DIR) + "/../shared/corpus/seed/nk-russia-pact.txt",
                   std::ios::binary);
  if (!in.good()) return {};
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

const quotedb::ExtractedQuote* Find(const std::vector<quotedb::ExtractedQuote>& qs,
                                    const std::string& needle) {
  for (const auto& q : qs)
    if (q.text.find(needle) != std::string::npos) return &q;
  return nullptr;
}

}  // namespace

TEST_CASE("seed article: statements and speakers", "[extract][seed]") {
  std::string t = ReadSeed();
  if (t.empty()) {
    WARN("../shared/corpus/seed/nk-russia-pact.txt not found: skipped");
    return;
  }
  auto qs = quotedb::ExtractQuotes(t);
  struct Want {
    const char* text;
    const char* speaker;
  };
  const Want wants[] = {
      {"In case any one of the two sides", "Article 4 of the agreement"},
      {"hegemonic and imperialist", "Kim Jong Un"},
      {"Moscow’s first defence alliance", "Artyom Lukin"},
      {"Nothing is off the table now", "Artyom Lukin"},
      {"It comes from Kim wanting to put everything in", "Cha Du-hyeogn"},
      {"the most brazen nullification", "Mykhailo Podolyak"},
      {"grave concerns", "Japan"},
      {"243 new items", "Chang Ho-jin"},
      {"authoritarian powers are aligning", "Jens Stoltenberg"},
      {"a big win for Russia", "Cho Han-bum"},
      {"any arms trade", "Russia and North Korea"},
      {"North Korean missile debris", "Ukrainian officials"},
      {"further strengthen security cooperation", "South Korea"},
      {"neither side would sign any treaty", nullptr},
  };
  for (const Want& w : wants) {
    INFO(w.text);
    const quotedb::ExtractedQuote* q = Find(qs, w.text);
    REQUIRE(q != nullptr);
    if (w.speaker) CHECK(q->speaker == w.speaker);
  }
  const auto* lukin = Find(qs, "It remains to be seen");
  REQUIRE(lukin);
  CHECK(lukin->spans.size() == 2);
  CHECK(lukin->speaker == "Artyom Lukin");
  const auto* accuse = Find(qs, "violating international laws");
  REQUIRE(accuse);
  REQUIRE(accuse->speakers.size() == 2);
  CHECK(accuse->speakers[0].name == "Washington");
  CHECK(accuse->speakers[1].name == "Seoul");
  const auto* podolyak = Find(qs, "the most brazen nullification");
  REQUIRE(podolyak);
  CHECK(podolyak->speakers.at(0).title == "Ukrainian presidential aide");
  // No false statements from the title in quotes or the boilerplate lines.
  for (const auto& q : qs) {
    CHECK(q.text.find("Sign up now") == std::string::npos);
    CHECK(q.text.find("PHOTO") == std::string::npos);
    CHECK(q.text != "“Treaty on Comprehensive Strategic Partnership”");
  }
}
