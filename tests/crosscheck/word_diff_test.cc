// Word-level similarity and diff (quotedb/similarity.h).
#include <catch2/catch.hpp>

#include "quotedb/similarity.h"

using namespace quotedb;

TEST_CASE("DiffWords: a replaced phrase", "[crosscheck][diff]") {
  WordDiff d = DiffWords("He said the budget would pass.", "He said the spending plan would pass.");
  CHECK(d.words_a == 6);
  CHECK(d.words_b == 7);
  CHECK(d.distance == 2);
  CHECK(d.similarity == Approx(1.0 - 2.0 / 7.0));
  CHECK(FormatWordDiff(d) == "He said the [-budget-] {+spending plan+} would pass.");
  REQUIRE(d.edits.size() == 4);
  CHECK(d.edits[1].op == WordEdit::Op::kDelete);
  CHECK(d.edits[2].op == WordEdit::Op::kInsert);
  CHECK(d.edits[2].text == "spending plan");
}

TEST_CASE("DiffWords: case, punctuation and quote marks are not differences", "[crosscheck][diff]") {
  WordDiff d = DiffWords("“Nothing is off the table,” he said", "nothing is OFF the table he said.");
  CHECK(d.distance == 0);
  CHECK(d.similarity == 1.0);
  CHECK(FormatWordDiff(d) == "“Nothing is off the table,” he said");
}

TEST_CASE("DiffWords: insertions, deletions and unrelated text", "[crosscheck][diff]") {
  WordDiff ins = DiffWords("we will win", "we will surely win");
  CHECK(ins.distance == 1);
  CHECK(FormatWordDiff(ins) == "we will {+surely+} win");
  WordDiff del = DiffWords("we will surely win this", "we will win");
  CHECK(del.distance == 2);
  CHECK(FormatWordDiff(del) == "we will [-surely-] win [-this-]");
  WordDiff other = DiffWords("the league must look after its players",
                             "we will do what is right for the city");
  CHECK(other.similarity < 0.2);
  // Punctuation-only tokens are not words.
  CHECK(DiffWords("yes – no", "yes no").distance == 0);
}

TEST_CASE("DiffWords: empty sides", "[crosscheck][diff]") {
  CHECK(DiffWords("", "").similarity == 1.0);
  WordDiff d = DiffWords("", "two words");
  CHECK(d.distance == 2);
  CHECK(d.similarity == 0.0);
  CHECK(FormatWordDiff(d) == "{+two words+}");
}

TEST_CASE("DiffWords: long quotes with a change in the middle stay exact", "[crosscheck][diff]") {
  std::string a, b;
  for (int i = 0; i < 3000; ++i) {
    // Appended piecewise: GCC 12 warns falsely (-Wrestrict) on "literal" + std::string.
    std::string word = std::to_string(i);
    word.insert(0, 1, 'w');
    a += word;
    a += ' ';
    b += i == 1500 ? std::string("changed") : word;
    b += ' ';
  }
  WordDiff d = DiffWords(a, b);
  CHECK(d.distance == 1);
  CHECK(d.similarity == Approx(1.0 - 1.0 / 3000));
}
