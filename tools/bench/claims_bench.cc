// claims_bench: claim frames alone (ClaimBuilder::Build), in statements/s on one core.
//
//   claims_bench [--runs N] [--inputs FILE] [--save-inputs FILE] [--dump FILE] [PATH...]
//     (folders recursively; default ../shared/corpus/bbc)
// Extracts every statement of PATH the way import does (speakers from the extraction, the
// context from the article text) and builds a claim for each, N times on one thread, printing
// each run and the median. Every run prints an XXH3-64 digest of all the serialised claims
// (and of EntityKey of every speaker name), so a change to the builder can be shown to leave
// its output byte-identical.
//
// --save-inputs FILE writes the claim inputs; --inputs FILE reads them instead of extracting,
// so the digest does not move when extraction changes. --dump FILE writes every claim as text.
#include <time.h>
#include <xxhash.h>

#include <algorithm>
#include <chrono>
#include <cinttypes>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "quotedb/claims.h"
#include "quotedb/extract.h"
#include "quotedb/reader.h"

namespace {

// One statement's claim input, owning what ClaimInput views.
struct Input {
  std::string text, cue, context;
  uint8_t kind = 0;
  std::vector<std::string> speakers;
  std::vector<uint8_t> kinds;
  std::vector<uint64_t> ids;
};

void PutStr(std::string* out, std::string_view s) {
  uint32_t n = static_cast<uint32_t>(s.size());
  out->append(reinterpret_cast<const char*>(&n), 4);
  out->append(s);
}

bool GetStr(std::string_view* in, std::string* s) {
  if (in->size() < 4) return false;
  uint32_t n;
  std::memcpy(&n, in->data(), 4);
  in->remove_prefix(4);
  if (in->size() < n) return false;
  s->assign(in->data(), n);
  in->remove_prefix(n);
  return true;
}

std::string Encode(const std::vector<Input>& inputs) {
  std::string out;
  for (const Input& in : inputs) {
    PutStr(&out, in.text);
    PutStr(&out, in.cue);
    PutStr(&out, in.context);
    PutStr(&out, std::string_view(reinterpret_cast<const char*>(&in.kind), 1));
    PutStr(&out, std::to_string(in.speakers.size()));
    for (size_t i = 0; i < in.speakers.size(); ++i) {
      PutStr(&out, in.speakers[i]);
      PutStr(&out, std::string_view(reinterpret_cast<const char*>(&in.kinds[i]), 1));
      PutStr(&out, std::string_view(reinterpret_cast<const char*>(&in.ids[i]), 8));
    }
  }
  return out;
}

bool Decode(std::string_view data, std::vector<Input>* inputs) {
  while (!data.empty()) {
    Input in;
    std::string k, n;
    if (!GetStr(&data, &in.text) || !GetStr(&data, &in.cue) || !GetStr(&data, &in.context) ||
        !GetStr(&data, &k) || k.size() != 1 || !GetStr(&data, &n))
      return false;
    in.kind = static_cast<uint8_t>(k[0]);
    size_t count = std::stoul(n);
    for (size_t i = 0; i < count; ++i) {
      std::string name, sk, id;
      if (!GetStr(&data, &name) || !GetStr(&data, &sk) || sk.size() != 1 ||
          !GetStr(&data, &id) || id.size() != 8)
        return false;
      uint64_t v;
      std::memcpy(&v, id.data(), 8);
      in.speakers.push_back(std::move(name));
      in.kinds.push_back(static_cast<uint8_t>(sk[0]));
      in.ids.push_back(v);
    }
    inputs->push_back(std::move(in));
  }
  return true;
}

std::vector<Input> Extract(const std::vector<std::string>& paths) {
  std::vector<Input> inputs;
  auto files = quotedb::ListInputFiles(paths);
  if (!files.ok()) {
    std::fprintf(stderr, "claims_bench: %s\n", files.status().message().c_str());
    std::exit(2);
  }
  for (const auto& f : *files) {
    auto texts = quotedb::ReadArticlesForExtraction(f, nullptr);
    if (!texts.ok()) continue;
    for (const std::string& article : *texts) {
      for (const quotedb::ExtractedQuote& q : quotedb::ExtractQuotes(article)) {
        std::vector<quotedb::SpeakerMention> mentions = q.speakers;
        if (mentions.empty() && !q.speaker.empty()) {
          quotedb::SpeakerMention m;
          m.name = q.speaker;
          mentions.push_back(std::move(m));
        }
        quotedb::Statement st;
        st.kind = q.kind;
        st.text = q.text;
        st.spans = q.spans;
        st.cue = q.cue;
        std::vector<std::string> names;
        Input in;
        for (const quotedb::SpeakerMention& m : mentions) {
          names.push_back(m.name);
          in.kinds.push_back(static_cast<uint8_t>(m.kind));
          in.ids.push_back(XXH3_64bits(m.name.data(), m.name.size()));
        }
        quotedb::ClaimInput ci = quotedb::ClaimInputFor(st, names, article);
        in.text = std::string(ci.text);
        in.cue = std::string(ci.cue);
        in.context = std::string(ci.context);
        in.kind = static_cast<uint8_t>(ci.kind);
        in.speakers = std::move(names);
        inputs.push_back(std::move(in));
      }
    }
  }
  return inputs;
}

quotedb::ClaimInput View(const Input& in) {
  quotedb::ClaimInput ci;
  ci.text = in.text;
  ci.cue = in.cue;
  ci.context = in.context;
  ci.kind = static_cast<quotedb::StatementKind>(in.kind);
  ci.speakers = in.speakers;
  for (uint8_t k : in.kinds) ci.speaker_kinds.push_back(static_cast<quotedb::SpeakerKind>(k));
  ci.speaker_ids = in.ids;
  return ci;
}

void Serialise(const quotedb::Claim& c, std::string* out) {
  auto list = [&](const char* name, const std::vector<std::string>& v) {
    *out += name;
    for (const std::string& s : v) {
      out->push_back('\t');
      *out += s;
    }
    out->push_back('\n');
  };
  char buf[64];
  *out += "asserters";
  for (uint64_t a : c.asserters) {
    std::snprintf(buf, sizeof buf, "\t%016" PRIx64, a);
    *out += buf;
  }
  out->push_back('\n');
  list("asserter_entities", c.asserter_entities);
  list("participants", c.participants);
  *out += "event_class\t" + c.event_class + "\npredicate\t" + c.predicate + "\n";
  list("objects", c.objects);
  for (const quotedb::ClaimNumber& n : c.numbers) {
    std::snprintf(buf, sizeof buf, "%.17g", n.value);
    *out += "number\t" + std::string(buf) + "\t" + n.text + "\t" + n.unit + "\t" + n.counts +
            "\t" + n.qualifier + "\n";
  }
  std::snprintf(buf, sizeof buf, "%d\t%d\t%016" PRIx64, static_cast<int>(c.polarity),
                static_cast<int>(c.modality), c.proposition_key);
  *out += "polarity,modality,key\t" + std::string(buf) + "\nproposition\t" + c.proposition +
          "\n\n";
}

// CPU time of this thread: less moved than wall time by other work on a shared machine.
double ThreadSeconds() {
  timespec ts;
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return ts.tv_sec + ts.tv_nsec / 1e9;
}

}  // namespace

int main(int argc, char** argv) {
  int runs = 5;
  std::vector<std::string> paths;
  std::string inputs_path, save_path, dump_path;
  for (int i = 1; i < argc; ++i) {
    if (std::strcmp(argv[i], "--runs") == 0 && i + 1 < argc) runs = std::atoi(argv[++i]);
    else if (std::strcmp(argv[i], "--inputs") == 0 && i + 1 < argc) inputs_path = argv[++i];
    else if (std::strcmp(argv[i], "--save-inputs") == 0 && i + 1 < argc) save_path = argv[++i];
    else if (std::strcmp(argv[i], "--dump") == 0 && i + 1 < argc) dump_path = argv[++i];
    else paths.push_back(argv[i]);
  }
  if (runs < 1) runs = 1;
  std::vector<Input> inputs;
  if (!inputs_path.empty()) {
    std::ifstream f(inputs_path, std::ios::binary);
    std::string data((std::istreambuf_iterator<char>(f)), std::istreambuf_iterator<char>());
    if (!f.good() && !f.eof()) {
      std::fprintf(stderr, "claims_bench: cannot read %s\n", inputs_path.c_str());
      return 2;
    }
    if (!Decode(data, &inputs)) {
      std::fprintf(stderr, "claims_bench: %s is not a claims_bench input file\n",
                   inputs_path.c_str());
      return 2;
    }
  } else {
    if (paths.empty()) paths.push_back("../shared/corpus/bbc");
    if (!std::filesystem::exists(paths[0])) {
      std::printf("claims_bench: %s is absent; skipping\n", paths[0].c_str());
      return 0;
    }
    inputs = Extract(paths);
  }
  if (!save_path.empty()) {
    std::ofstream f(save_path, std::ios::binary);
    f << Encode(inputs);
  }

  auto builder = quotedb::ClaimBuilder::Create();
  if (!builder.ok()) {
    std::fprintf(stderr, "claims_bench: %s\n", builder.status().message().c_str());
    return 2;
  }
  quotedb::ClaimBuilder& b = **builder;
  {
    // Creating a builder: what a one-off caller (ClaimsAbout) pays before its one Build.
    const int n = 200;
    auto start = std::chrono::steady_clock::now();
    for (int k = 0; k < n; ++k) (void)quotedb::ClaimBuilder::Create();
    double secs =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    std::printf("create: %.1f us per builder\n", secs / n * 1e6);
  }
  std::vector<quotedb::ClaimInput> views;
  views.reserve(inputs.size());
  for (const Input& in : inputs) views.push_back(View(in));

  std::vector<double> rates, cpu_rates;
  for (int r = 0; r < runs; ++r) {
    std::vector<quotedb::Claim> claims;
    claims.reserve(views.size());
    auto start = std::chrono::steady_clock::now();
    double cpu_start = ThreadSeconds();
    for (const quotedb::ClaimInput& in : views) claims.push_back(b.Build(in));
    double cpu = ThreadSeconds() - cpu_start;
    double secs =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    rates.push_back(views.size() / secs);
    cpu_rates.push_back(views.size() / cpu);
    // The digest of this run's output, with the entity key of every speaker name.
    std::string all;
    for (size_t i = 0; i < claims.size(); ++i) {
      Serialise(claims[i], &all);
      for (const std::string& name : inputs[i].speakers)
        all += "entity_key\t" + name + "\t" + b.EntityKey(name) + "\n";
    }
    uint64_t digest = XXH3_64bits(all.data(), all.size());
    std::printf("run %d: %zu statements in %.3fs = %.0f statements/s, %.0f per CPU second "
                "(digest %016" PRIx64 ")\n",
                r + 1, views.size(), secs, rates.back(), cpu_rates.back(), digest);
    if (r == 0 && !dump_path.empty()) {
      std::ofstream f(dump_path, std::ios::binary);
      f << all;
    }
  }
  std::sort(rates.begin(), rates.end());
  std::sort(cpu_rates.begin(), cpu_rates.end());
  std::printf("claims_bench: median %.0f statements/s (%.0f per CPU second) over %d runs, %zu "
              "statements, one thread\n",
              rates[rates.size() / 2], cpu_rates[cpu_rates.size() / 2], runs, views.size());
  return 0;
}
