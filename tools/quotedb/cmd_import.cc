// quotedb import PATH...: read, extract and store articles.
#include <cstdio>
#include <iostream>

#include "cli.h"
#include "quotedb/db.h"
#include "quotedb/import.h"

namespace quotedb::cli {
namespace {

struct ImportFlags {
  std::vector<std::string> paths;
  std::string format = "auto";
  std::string source, date, url;
  unsigned threads = 0;
  size_t commit_articles = Options{}.commit_articles;
  // An import's block cache is smaller than a query's (Options::block_cache_bytes, 64 MiB):
  // most of its reads are probes for content not yet stored, answered by the filters, and the
  // larger cache only held its peak RSS up as the corpus grew (BBC x40 by turns: 16 MiB, peak
  // 186-188 MiB at 1.03x the wall time; 64 MiB, 219-224 MiB; docs/performance.md, session 16).
  size_t cache_mb = 16;
  std::vector<std::string> columns;  // csv/tsv column names
  bool no_header = false;
};

int RunImport(const ImportFlags& f, Globals& g) {
  TuneMallocForImport(g);
  Options o;
  o.commit_articles = f.commit_articles;
  o.block_cache_bytes = f.cache_mb << 20;
  o.bulk_import = true;
  ImportOptions opts;
  opts.reader.format = f.format;
  opts.reader.source = f.source;
  opts.reader.date = f.date;
  opts.reader.url = f.url;
  opts.reader.columns = f.columns;
  opts.reader.no_header = f.no_header;
  opts.threads = f.threads;
  const bool bar = !g.quiet && StderrIsTerminal();
  auto start = std::chrono::steady_clock::now();
  ProgressFn progress;
  if (bar) {
    progress = [start](const ImportProgress& p) {
      double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
      double rate = secs > 0 ? static_cast<double>(p.articles_new + p.articles_unchanged) / secs : 0;
      double frac = p.bytes_total ? static_cast<double>(p.bytes_done) / p.bytes_total : 1.0;
      double eta = frac > 0 ? secs / frac - secs : 0;
      int filled = static_cast<int>(frac * 30);
      std::fprintf(stderr, "\r[%-30s] %zu/%zu files  %.0f articles/s  ETA %.0fs ",
                   std::string(filled, '#').c_str(), p.files_done, p.files_total, rate, eta);
      if (p.files_done == p.files_total) std::fprintf(stderr, "\n");
    };
  }
  WarningFn warn = [&g, bar](const std::string& w) {
    if (g.quiet) return;
    if (bar) std::fprintf(stderr, "\r\033[K");
    std::cerr << "quotedb: warning: " << w << "\n";
  };
  auto summary = ImportPaths(g.db, o, f.paths, opts, progress, warn);
  if (!summary.ok()) return ReportError(summary.status());
  if (!g.quiet) {
    std::fprintf(stderr,
                 "imported %zu files in %.2fs: %llu new articles (%llu statements), %llu unchanged, "
                 "%zu files skipped, %llu warnings\n",
                 summary->files, summary->seconds,
                 static_cast<unsigned long long>(summary->articles_new),
                 static_cast<unsigned long long>(summary->statements_new),
                 static_cast<unsigned long long>(summary->articles_unchanged),
                 summary->files_failed, static_cast<unsigned long long>(summary->warnings));
  }
  // The reasons close the summary, even under --quiet: a skipped file is an error to act on.
  if (!summary->failures.empty()) std::cerr << "skipped files:\n";
  for (const std::string& failure : summary->failures) std::cerr << "  " << failure << "\n";
  return summary->files_failed ? kExitBadInput : kExitOk;
}

}  // namespace

void AddImportCommand(CLI::App& app, Globals& g) {
  auto f = std::make_shared<ImportFlags>();
  CLI::App* cmd = app.add_subcommand("import", "Import articles: extract their quotes and store them");
  cmd->description("Import articles: extract their quotes and store them. Folders are read recursively.");
  cmd->footer("Plain text has the headline on line 1 (give metadata with --source/--date/--url);\n"
              ".json is one news-please record, .jsonl one record a line. Re-importing an article\n"
              "changes nothing. A file that cannot be read is reported and skipped (exit 2 at the end).\n"
              "\n"
              "Example:\n"
              "  quotedb --db ./qdb import ../shared/corpus/seed/nk-russia-pact.json\n"
              "  quotedb --db ./qdb import --source bbc.co.uk --date 2005-03-01 story.txt\n"
              "  quotedb --db ./qdb import crawl/CC-NEWS-20240620.warc.gz\n"
              "  quotedb --db ./qdb import quotes-2020.json.bz2          # Quotebank\n"
              "  quotedb --db ./qdb import --format tsv --no-header \\\n"
              "      --columns id,label,quote,subjects,speaker,job,state,party,-,-,-,-,-,context \\\n"
              "      ../shared/corpus/liar/train.tsv\n"
              "\n"
              "Formats (auto-detected by suffix and content): text; json/jsonl (news-please);\n"
              "html (JSON-LD, Open Graph, <meta>; the article's paragraphs); warc (.warc, .warc.gz:\n"
              "HTML responses; a broken record is skipped with a warning); quotebank (JSON lines,\n"
              "also .bz2: quotes with speakers, QIDs and probabilities, no extraction); csv/tsv\n"
              "statement tables (--columns names them: id, quote, speaker, qid, source, date, url,\n"
              "context, title; - skips; other names are kept as attributes; default: the header);\n"
              "statements (quotedb export --format jsonl). Dates without a zone are stored as dates\n"
              "with the time unknown.");
  cmd->add_option("paths", f->paths, "files or folders")->required();
  cmd->add_option("--format", f->format,
                  "input format: auto|text|json|jsonl|html|warc|quotebank|csv|tsv|statements")
      ->check(CLI::IsMember({"auto", "text", "json", "jsonl", "html", "warc", "quotebank", "csv",
                             "tsv", "statements"}))
      ->capture_default_str();
  cmd->add_option("--columns", f->columns,
                  "csv/tsv: column names in order, comma-separated (id, quote, speaker, qid, "
                  "source, date, url, context, title; - skips; others become attributes)")
      ->delimiter(',');
  cmd->add_flag("--no-header", f->no_header, "csv/tsv: the first row is data (needs --columns)");
  cmd->add_flag("-q,--quiet", g.quiet, "no progress bar, warnings or summary (skipped files are still listed)");
  cmd->add_option("--source", f->source, "outlet name or domain for plain text files");
  cmd->add_option("--date", f->date, "publication date (YYYY-MM-DD) for plain text files");
  cmd->add_option("--url", f->url, "article URL for a plain text file");
  cmd->add_option("--threads", f->threads, "extraction threads (default: half the cores, at least one; the writer needs a core of its own)");
  cmd->add_option("--commit-articles", f->commit_articles,
                  "articles per commit (default 2048): a killed import loses at most the "
                  "commit being written and the one being staged, never part of an article; "
                  "smaller commits lose less and import more slowly")
      ->check(CLI::Range(size_t{1}, size_t{1} << 20));
  cmd->add_option("--cache-mb", f->cache_mb,
                  "block cache in MiB (default 16), shared by every index, its tables' index "
                  "and filter blocks and the memtables: a larger cache holds more of a large "
                  "database's blocks in memory, a smaller one keeps the import's memory down")
      ->check(CLI::Range(size_t{4}, size_t{1} << 16));
  cmd->callback([f, &g] { g.exit_code = RunImport(*f, g); });
}

}  // namespace quotedb::cli
