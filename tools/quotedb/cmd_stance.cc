// quotedb stance: the stance of texts towards claims (for, against, observing, unrelated).
// Reads {"id", "claim", "text"} JSON lines on stdin, or one pair from --claim and --text.
// The jsonl record is the interface fixed by ../shared/eval/README.md.
#include <cstdio>
#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>

#include "cli.h"
#include "quotedb/stance.h"

namespace quotedb::cli {
namespace {

struct StanceArgs {
  std::string claim;
  std::string text;
};

nlohmann::json Record(const nlohmann::json& id, const StanceResult& r) {
  nlohmann::json probs = nlohmann::json::object();
  for (int i = 0; i < kNumStances; ++i) {
    // Two decimals are plenty for a reader and keep the lines short.
    probs[std::string(StanceName(static_cast<Stance>(i)))] =
        static_cast<double>(static_cast<int>(r.probability[i] * 100.0f + 0.5f)) / 100.0;
  }
  return {{"id", id},
          {"stance", StanceName(r.stance)},
          {"probability", probs},
          {"text_kind", r.headline ? "headline" : "body"}};
}

std::string Shorten(const std::string& s, size_t max_bytes) {
  if (s.size() <= max_bytes) return s;
  size_t cut = max_bytes;
  // Do not cut a UTF-8 sequence in half.
  while (cut > 0 && (static_cast<unsigned char>(s[cut]) & 0xC0) == 0x80) --cut;
  return s.substr(0, cut) + "...";
}

class Printer {
 public:
  explicit Printer(Format fmt) : fmt_(fmt) {
    if (fmt_ == Format::kTable) std::cout << "id\tstance\tprobability\tclaim\n";
  }
  void Add(const nlohmann::json& id, const std::string& claim, const StanceResult& r) {
    if (fmt_ == Format::kTable) {
      char prob[16];
      std::snprintf(prob, sizeof prob, "%.2f", r.probability[static_cast<int>(r.stance)]);
      std::cout << (id.is_string() ? id.get<std::string>() : id.dump()) << "\t"
                << StanceName(r.stance) << "\t" << prob << "\t" << Shorten(claim, 60) << "\n";
    } else if (fmt_ == Format::kJson) {
      all_.push_back(Record(id, r));
    } else {
      std::cout << Record(id, r).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace)
                << "\n";
    }
  }
  void Finish() {
    if (fmt_ == Format::kJson)
      std::cout << all_.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
    std::cout.flush();
  }

 private:
  Format fmt_;
  nlohmann::json all_ = nlohmann::json::array();
};

int RunStance(const StanceArgs& args, Globals& g) {
  auto classifier = StanceClassifier::Create();
  if (!classifier.ok()) return ReportError(classifier.status());
  Printer printer(ResolveFormat(g));

  if (!args.claim.empty() || !args.text.empty()) {
    auto r = (*classifier)->Classify(args.claim, args.text);
    if (!r.ok()) return ReportError(r.status());
    printer.Add("1", args.claim, *r);
    printer.Finish();
    return kExitOk;
  }

  std::ios::sync_with_stdio(false);
  int bad = 0;
  long line_no = 0;
  std::string line;
  auto complain = [&](const std::string& why) {
    std::cerr << "quotedb: stance: line " << line_no << ": " << why << "\n";
    ++bad;
  };
  while (std::getline(std::cin, line)) {
    ++line_no;
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    nlohmann::json j = nlohmann::json::parse(line, nullptr, /*allow_exceptions=*/false);
    if (j.is_discarded()) {
      complain("not valid JSON (want {\"id\": ..., \"claim\": \"...\", \"text\": \"...\"})");
      continue;
    }
    if (!j.is_object()) {
      complain("not a JSON object");
      continue;
    }
    auto claim = j.find("claim");
    auto text = j.find("text");
    if (claim == j.end() || !claim->is_string()) {
      complain("\"claim\" is missing or not a string");
      continue;
    }
    if (text == j.end() || !text->is_string()) {
      complain("\"text\" is missing or not a string");
      continue;
    }
    auto id_it = j.find("id");
    nlohmann::json id = id_it == j.end() ? nlohmann::json(line_no) : *id_it;
    const std::string& claim_s = claim->get_ref<const std::string&>();
    auto r = (*classifier)->Classify(claim_s, text->get_ref<const std::string&>());
    if (!r.ok()) {
      complain(r.status().message());
      continue;
    }
    printer.Add(id, claim_s, *r);
  }
  printer.Finish();
  if (bad > 0) {
    std::cerr << "quotedb: stance: " << bad << " bad input line" << (bad == 1 ? "" : "s")
              << " skipped\n";
    return kExitBadInput;
  }
  return kExitOk;
}

}  // namespace

void AddStanceCommand(CLI::App& app, Globals& g) {
  auto args = std::make_shared<StanceArgs>();
  CLI::App* cmd = app.add_subcommand(
      "stance",
      "Stance of texts towards claims: for, against, observing (reports it without taking a\n"
      "side) or unrelated. Reads one JSON object a line on stdin,\n"
      "  {\"id\": \"17\", \"claim\": \"<claim>\", \"text\": \"<headline or article body>\"}\n"
      "and writes one a line, {\"id\": \"17\", \"stance\": \"against\", ...}. Texts of up to 30\n"
      "words are read as headlines, longer ones as article bodies. A bad input line is\n"
      "reported on stderr with its number and skipped; the exit code is then 2.\n\n"
      "Example:\n"
      "  echo '{\"id\": \"1\", \"claim\": \"North Korea supplies arms to Russia\", "
      "\"text\": \"Russia and North Korea deny any arms trade\"}' | quotedb stance --format jsonl\n"
      "  quotedb stance --claim \"The minister resigned\" --text \"Minister denies quitting\"");
  cmd->add_option("--claim", args->claim, "classify this one claim (with --text) instead of stdin");
  cmd->add_option("--text", args->text, "the headline or article body for --claim");
  AddFormatOption(cmd, g, "table|json|jsonl");
  cmd->callback([args, &g] { g.exit_code = RunStance(*args, g); });
}

}  // namespace quotedb::cli
