// quotedb extract FILE...: quotes and speakers found in files, without a database.
// The jsonl record is the interface fixed by ../shared/eval/README.md.
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "cli.h"
#include "quotedb/extract.h"
#include "quotedb/reader.h"

namespace quotedb::cli {
namespace {

nlohmann::json SpanJson(const Span& s) {
  if (s.empty()) return nullptr;
  return nlohmann::json::array({s.begin, s.end});
}

nlohmann::json QuoteJson(const std::string& doc, const ExtractedQuote& q) {
  nlohmann::json spans = nlohmann::json::array();
  for (const Span& s : q.spans) spans.push_back({s.begin, s.end});
  nlohmann::json speakers = nlohmann::json::array();
  for (const SpeakerMention& m : q.speakers) {
    speakers.push_back({{"name", m.name}, {"kind", SpeakerKindName(m.kind)},
                        {"title", m.title}, {"affiliation", m.affiliation}});
  }
  return {{"doc", doc},
          {"kind", StatementKindName(q.kind)},
          {"quote", q.text},
          {"quote_spans", spans},
          {"speaker", q.speaker.empty() ? nlohmann::json(nullptr) : nlohmann::json(q.speaker)},
          {"speaker_span", SpanJson(q.speaker_span)},
          {"speaker_mention", q.speaker_mention},
          {"speakers", speakers},
          {"cue", q.cue.empty() ? nlohmann::json(nullptr) : nlohmann::json(q.cue)},
          {"cue_span", SpanJson(q.cue_span)},
          {"confidence", q.confidence}};
}

int RunExtract(const std::vector<std::string>& files, Globals& g) {
  Format fmt = ResolveFormat(g);
  int rc = kExitNothingFound;
  bool failed = false;
  nlohmann::json all = nlohmann::json::array();
  for (const std::string& file : files) {
    // Offsets are bytes of the file as it lies on disk, so plain text is used as read (a file
    // that is not UTF-8 is transcoded first, with a warning).
    auto articles = ReadArticlesForExtraction(file, [&](const std::string& warning) {
      if (!g.quiet) std::cerr << "quotedb: warning: " << warning << "\n";
    });
    if (!articles.ok()) {
      std::cerr << "quotedb: " << articles.status().message() << "\n";
      failed = true;
      continue;
    }
    for (const std::string& text : *articles) {
      for (const ExtractedQuote& q : ExtractQuotes(text)) {
        rc = kExitOk;
        nlohmann::json j = QuoteJson(file, q);
        if (fmt == Format::kJson) {
          all.push_back(std::move(j));
        } else if (fmt == Format::kTable) {
          std::cout << (q.speaker.empty() ? "?" : q.speaker) << "\t" << StatementKindName(q.kind)
                    << "\t" << q.text << "\n";
        } else {
          std::cout << j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
        }
      }
    }
  }
  if (fmt == Format::kJson)
    std::cout << all.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
  return failed ? kExitBadInput : rc;
}

}  // namespace

void AddExtractCommand(CLI::App& app, Globals& g) {
  auto files = std::make_shared<std::vector<std::string>>();
  CLI::App* cmd = app.add_subcommand("extract", "Find quotes and their speakers in files, without a database.");
  cmd->footer("Plain text (.txt, headline on line 1) offsets are bytes of the file as on disk;\n"
              "news-please .json/.jsonl records are read as headline + newline + body.\n"
              "\n"
              "Example:\n"
              "  quotedb extract --format jsonl article.txt\n"
              "  quotedb extract --format table ../shared/corpus/seed/nk-russia-pact.txt");
  cmd->add_option("files", *files, "article files")->required()->check(CLI::ExistingFile);
  AddFormatOption(cmd, g, "table|json|jsonl");
  cmd->callback([files, &g] { g.exit_code = RunExtract(*files, g); });
}

}  // namespace quotedb::cli
