// HTML pages with gumbo: metadata and the article's paragraphs.
//
// Metadata precedence (first non-empty wins): JSON-LD NewsArticle (headline, datePublished,
// author, publisher, url), Open Graph (og:title, article:published_time, the non-standard
// article:published, og:url, og:site_name), plain <meta> (title, author, date, pubdate, ...),
// <link rel=canonical>, and last <h1>/<title>.
// Body: the <p> elements of the article region (the <article>, itemprop=articleBody or
// article-body-like element with the most paragraph text; the whole <body> when none), with
// navigation, headers, footers, asides, scripts, forms, figures and share/related/newsletter
// blocks left out. JSON-LD articleBody is the fallback for pages without paragraphs.
#include <gumbo.h>
#include <iconv.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "formats/formats_internal.h"
#include "quotedb/text.h"

namespace quotedb::formats {
namespace {

using json = nlohmann::json;

const char* Attr(const GumboNode* n, const char* name) {
  if (n->type != GUMBO_NODE_ELEMENT) return nullptr;
  const GumboAttribute* a = gumbo_get_attribute(&n->v.element.attributes, name);
  return a ? a->value : nullptr;
}

std::string AttrLower(const GumboNode* n, const char* name) {
  const char* v = Attr(n, name);
  return v ? AsciiLower(v) : std::string();
}

// Elements whose whole subtree is never article text.
bool SkippedTag(GumboTag tag) {
  switch (tag) {
    case GUMBO_TAG_NAV: case GUMBO_TAG_FOOTER: case GUMBO_TAG_HEADER: case GUMBO_TAG_ASIDE:
    case GUMBO_TAG_SCRIPT: case GUMBO_TAG_STYLE: case GUMBO_TAG_NOSCRIPT: case GUMBO_TAG_FORM:
    case GUMBO_TAG_FIGURE: case GUMBO_TAG_FIGCAPTION: case GUMBO_TAG_BUTTON:
    case GUMBO_TAG_IFRAME: case GUMBO_TAG_SVG: case GUMBO_TAG_TEMPLATE: case GUMBO_TAG_SELECT:
    case GUMBO_TAG_TEXTAREA: case GUMBO_TAG_HEAD: case GUMBO_TAG_MENU:
      return true;
    default:
      return false;
  }
}

// class/id/role words of page furniture inside the article region.
bool BoilerplateHint(const GumboNode* n) {
  static const char* kWords[] = {"nav",        "navbar",     "menu",       "footer",
                                 "sidebar",    "related",    "share",      "sharing",
                                 "social",     "newsletter", "subscribe",  "promo",
                                 "advert",     "advertisement", "ad",      "ads",
                                 "cookie",     "cookies",    "comments",   "comment",
                                 "recommended", "breadcrumb", "breadcrumbs", "caption",
                                 "outbrain",   "taboola",    "paywall",    "signup"};
  std::string role = AttrLower(n, "role");
  if (role == "navigation" || role == "complementary" || role == "contentinfo" ||
      role == "banner" || role == "menu")
    return true;
  if (AttrLower(n, "aria-hidden") == "true") return true;
  for (const char* attr : {"class", "id"}) {
    std::string v = AttrLower(n, attr);
    size_t i = 0;
    while (i < v.size()) {
      size_t j = v.find_first_of(" \t-_", i);
      if (j == std::string::npos) j = v.size();
      std::string_view word(v.data() + i, j - i);
      for (const char* w : kWords)
        if (word == w) return true;
      i = j + 1;
    }
  }
  return false;
}

// Appends the text under `n`, inline markup flattened; <br> becomes a space.
void AppendText(const GumboNode* n, std::string* out) {
  if (n->type == GUMBO_NODE_TEXT || n->type == GUMBO_NODE_WHITESPACE ||
      n->type == GUMBO_NODE_CDATA) {
    out->append(n->v.text.text);
    return;
  }
  if (n->type != GUMBO_NODE_ELEMENT && n->type != GUMBO_NODE_TEMPLATE) return;
  GumboTag tag = n->v.element.tag;
  if (tag == GUMBO_TAG_SCRIPT || tag == GUMBO_TAG_STYLE || tag == GUMBO_TAG_NOSCRIPT ||
      tag == GUMBO_TAG_TEMPLATE || tag == GUMBO_TAG_SVG || tag == GUMBO_TAG_BUTTON)
    return;
  if (tag == GUMBO_TAG_BR) {
    out->push_back(' ');
    return;
  }
  const GumboVector& kids = n->v.element.children;
  for (unsigned i = 0; i < kids.length; ++i)
    AppendText(static_cast<const GumboNode*>(kids.data[i]), out);
}

// White space collapsed (no-break spaces included), trimmed.
std::string CleanText(std::string_view s) {
  std::string r;
  bool space = false;
  for (size_t i = 0; i < s.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    bool ws = c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
    if (c == 0xC2 && i + 1 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0xA0) {
      ws = true;
      ++i;
    }
    if (ws) {
      space = !r.empty();
      continue;
    }
    if (space) r.push_back(' ');
    space = false;
    r.push_back(static_cast<char>(c));
  }
  return r;
}

// `s` with every byte that is not part of a UTF-8 sequence replaced by U+FFFD. gumbo 0.10
// passes a numeric character reference too large for Unicode inside an attribute
// (content="&#x888888888888;") through as a raw byte.
std::string ValidUtf8(std::string s) {
  if (IsValidUtf8(s)) return s;
  std::string r;
  for (size_t i = 0; i < s.size();) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    size_t n = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 0;
    if (n && i + n <= s.size() && IsValidUtf8(std::string_view(s).substr(i, n))) {
      r.append(s, i, n);
      i += n;
    } else {
      r += "\xEF\xBF\xBD";
      ++i;
    }
  }
  return r;
}

std::string NodeText(const GumboNode* n) {
  std::string s;
  AppendText(n, &s);
  return CleanText(s);
}

struct Walker {
  std::string title_tag, h1;
  std::vector<std::string> ld_json;
  std::vector<std::pair<std::string, std::string>> metas;  // (name or property, content)
  std::string canonical;
  std::vector<const GumboNode*> candidates;  // possible article regions
  const GumboNode* body = nullptr;

  void Visit(const GumboNode* n) {
    if (n->type != GUMBO_NODE_ELEMENT && n->type != GUMBO_NODE_DOCUMENT) return;
    const GumboVector* kids = nullptr;
    if (n->type == GUMBO_NODE_DOCUMENT) {
      kids = &n->v.document.children;
    } else {
      GumboTag tag = n->v.element.tag;
      kids = &n->v.element.children;
      if (tag == GUMBO_TAG_TITLE && title_tag.empty()) {
        title_tag = NodeText(n);
      } else if (tag == GUMBO_TAG_H1 && h1.empty()) {
        h1 = NodeText(n);
      } else if (tag == GUMBO_TAG_BODY) {
        body = n;
      } else if (tag == GUMBO_TAG_SCRIPT) {
        if (AttrLower(n, "type") == "application/ld+json") {
          std::string s;
          for (unsigned i = 0; i < kids->length; ++i) {
            auto* c = static_cast<const GumboNode*>(kids->data[i]);
            if (c->type == GUMBO_NODE_TEXT || c->type == GUMBO_NODE_CDATA ||
                c->type == GUMBO_NODE_WHITESPACE)
              s += c->v.text.text;
          }
          ld_json.push_back(std::move(s));
        }
        return;
      } else if (tag == GUMBO_TAG_META) {
        const char* key = Attr(n, "property");
        if (!key) key = Attr(n, "name");
        if (!key) key = Attr(n, "itemprop");
        const char* content = Attr(n, "content");
        if (!content) content = Attr(n, "datetime");
        if (key && content) metas.emplace_back(AsciiLower(key), content);
      } else if (tag == GUMBO_TAG_LINK) {
        if (AttrLower(n, "rel") == "canonical" && canonical.empty()) {
          if (const char* href = Attr(n, "href")) canonical = href;
        }
      } else if (tag == GUMBO_TAG_TIME) {
        if (AttrLower(n, "itemprop") == "datepublished") {
          if (const char* dt = Attr(n, "datetime")) metas.emplace_back("datepublished", dt);
        }
      }
      if (tag == GUMBO_TAG_ARTICLE || AttrLower(n, "itemprop") == "articlebody") {
        candidates.push_back(n);
      } else {
        std::string cls = AttrLower(n, "class") + " " + AttrLower(n, "id");
        for (const char* hint : {"article-body", "articlebody", "article__body", "story-body",
                                 "storybody", "post-content", "entry-content", "article-content",
                                 "story-content", "article-text", "articletext"}) {
          if (cls.find(hint) != std::string::npos) {
            candidates.push_back(n);
            break;
          }
        }
      }
    }
    for (unsigned i = 0; i < kids->length; ++i) Visit(static_cast<const GumboNode*>(kids->data[i]));
  }
};

// The paragraphs under `n`, furniture left out.
void CollectParagraphs(const GumboNode* n, bool is_root, std::vector<std::string>* out) {
  if (n->type != GUMBO_NODE_ELEMENT) return;
  GumboTag tag = n->v.element.tag;
  if (!is_root && (SkippedTag(tag) || BoilerplateHint(n))) return;
  if (tag == GUMBO_TAG_P) {
    std::string t = NodeText(n);
    if (!t.empty()) out->push_back(std::move(t));
    return;
  }
  const GumboVector& kids = n->v.element.children;
  for (unsigned i = 0; i < kids.length; ++i)
    CollectParagraphs(static_cast<const GumboNode*>(kids.data[i]), false, out);
}

size_t TotalBytes(const std::vector<std::string>& v) {
  size_t n = 0;
  for (const auto& s : v) n += s.size();
  return n;
}

// --- JSON-LD ---------------------------------------------------------------------------------

int ArticleTypeRank(const json& type) {
  auto rank_of = [](const std::string& t) {
    if (t.find("NewsArticle") != std::string::npos) return 3;
    if (t == "Article" || t == "Report") return 2;
    if (t == "BlogPosting" || t == "LiveBlogPosting" || t == "SocialMediaPosting") return 1;
    return 0;
  };
  int best = 0;
  if (type.is_string()) best = rank_of(type.get<std::string>());
  if (type.is_array())
    for (const auto& t : type)
      if (t.is_string()) best = std::max(best, rank_of(t.get<std::string>()));
  return best;
}

void FindArticleObjects(const json& j, int depth, std::vector<std::pair<int, const json*>>* out) {
  if (depth > 8) return;
  if (j.is_array()) {
    for (const auto& x : j) FindArticleObjects(x, depth + 1, out);
    return;
  }
  if (!j.is_object()) return;
  if (auto t = j.find("@type"); t != j.end()) {
    int r = ArticleTypeRank(*t);
    if (r > 0) out->emplace_back(r, &j);
  }
  for (const char* key : {"@graph", "mainEntity", "mainEntityOfPage"}) {
    if (auto it = j.find(key); it != j.end() && (it->is_array() || it->is_object()))
      FindArticleObjects(*it, depth + 1, out);
  }
}

std::string JsonString(const json& j) {
  if (j.is_string()) return j.get<std::string>();
  if (j.is_object()) {
    for (const char* k : {"name", "@value", "@id", "url"})
      if (auto it = j.find(k); it != j.end() && it->is_string()) return it->get<std::string>();
  }
  if (j.is_array() && !j.empty()) return JsonString(j[0]);
  return "";
}

std::vector<std::string> JsonNames(const json& j) {
  std::vector<std::string> out;
  if (j.is_array()) {
    for (const auto& x : j)
      if (std::string s = JsonString(x); !s.empty()) out.push_back(s);
  } else if (std::string s = JsonString(j); !s.empty()) {
    out.push_back(s);
  }
  return out;
}

std::string Field(const json& j, const char* key) {
  auto it = j.find(key);
  return it == j.end() ? std::string() : CleanText(JsonString(*it));
}

void FillIfEmpty(std::string* dst, const std::string& v) {
  if (dst->empty() && !v.empty()) *dst = v;
}

// Windows-1252, ISO-8859-1 and ASCII share the in-house transcoder; anything else goes to iconv.
std::string Transcode(const std::string& bytes, std::string charset) {
  charset = AsciiLower(charset);
  if (charset.empty() || charset == "windows-1252" || charset == "cp1252" ||
      charset == "iso-8859-1" || charset == "latin1" || charset == "latin-1" ||
      charset == "us-ascii" || charset == "ascii" || charset == "utf-8" || charset == "utf8")
    return TranscodeCp1252ToUtf8(bytes);
  iconv_t cd = iconv_open("UTF-8//TRANSLIT", charset.c_str());
  if (cd == reinterpret_cast<iconv_t>(-1)) return TranscodeCp1252ToUtf8(bytes);
  std::string out(bytes.size() * 4 + 16, '\0');
  char* in = const_cast<char*>(bytes.data());
  size_t in_left = bytes.size();
  char* o = out.data();
  size_t out_left = out.size();
  while (in_left > 0) {
    if (iconv(cd, &in, &in_left, &o, &out_left) == static_cast<size_t>(-1)) {
      if (errno == EILSEQ || errno == EINVAL) {  // an undecodable byte: skip it
        ++in;
        --in_left;
        continue;
      }
      break;
    }
  }
  iconv_close(cd);
  out.resize(out.size() - out_left);
  return IsValidUtf8(out) ? out : TranscodeCp1252ToUtf8(out);
}

std::string CharsetFrom(std::string_view text) {
  std::string lower = AsciiLower(text);
  size_t p = lower.find("charset=");
  if (p == std::string::npos) return "";
  p += 8;
  while (p < lower.size() && (lower[p] == '"' || lower[p] == '\'' || lower[p] == ' ')) ++p;
  size_t e = p;
  while (e < lower.size() && (std::isalnum(static_cast<unsigned char>(lower[e])) ||
                              lower[e] == '-' || lower[e] == '_' || lower[e] == ':'))
    ++e;
  return lower.substr(p, e - p);
}

// Drops the contents of <script> (except JSON-LD) and <style> elements before parsing: on news
// pages they are often half the bytes, and gumbo's script tokenizer is its slowest path. An
// HTML tokenizer ends these elements at the first "</script" / "</style" too, so the cut is
// the one the parser would make.
std::string StripScriptBodies(std::string_view html) {
  std::string out;
  out.reserve(html.size());
  size_t p = 0;
  while (p < html.size()) {
    size_t lt = html.find('<', p);
    if (lt == std::string_view::npos || lt + 7 >= html.size()) break;
    std::string_view rest = html.substr(lt + 1, 6);
    auto name_ends = [&](size_t at) {  // "<scripts>" or "<style-guide>" are other elements
      char c = at < html.size() ? html[at] : '>';
      return c == '>' || c == '/' || c == ' ' || c == '\t' || c == '\n' || c == '\r';
    };
    bool script = AsciiLower(rest) == "script" && name_ends(lt + 7);
    bool style = !script && AsciiLower(rest.substr(0, 5)) == "style" && name_ends(lt + 6);
    if (!script && !style) {
      out.append(html.substr(p, lt + 1 - p));
      p = lt + 1;
      continue;
    }
    size_t tag_end = html.find('>', lt);
    if (tag_end == std::string_view::npos) break;
    std::string open = AsciiLower(html.substr(lt, tag_end + 1 - lt));
    std::string close_tag = script ? "</script" : "</style";
    // Find the close tag case-insensitively.
    size_t close = tag_end + 1;
    while (true) {
      close = html.find("</", close);
      if (close == std::string_view::npos) break;
      if (AsciiLower(html.substr(close, close_tag.size())) == close_tag) break;
      close += 2;
    }
    if (close == std::string_view::npos) break;
    bool keep = script && open.find("ld+json") != std::string::npos;
    out.append(html.substr(p, tag_end + 1 - p));
    if (keep) out.append(html.substr(tag_end + 1, close - tag_end - 1));
    p = close;
  }
  out.append(html.substr(p));
  return out;
}

}  // namespace

std::string HtmlToUtf8(std::string bytes, std::string_view content_type) {
  if (bytes.size() >= 3 && bytes.compare(0, 3, "\xEF\xBB\xBF") == 0) bytes.erase(0, 3);
  if (IsValidUtf8(bytes)) return bytes;
  std::string charset = CharsetFrom(content_type);
  if (charset.empty()) charset = CharsetFrom(std::string_view(bytes).substr(0, 4096));
  return Transcode(bytes, charset);
}

HtmlPage ParseHtml(std::string_view html) {
  HtmlPage page;
  const std::string stripped = StripScriptBodies(html);
  GumboOutput* out =
      gumbo_parse_with_options(&kGumboDefaultOptions, stripped.data(), stripped.size());
  Walker w;
  w.Visit(out->document);

  // JSON-LD: the best-ranked article object of every block.
  std::string ld_body;
  for (const std::string& block : w.ld_json) {
    json j = json::parse(block, nullptr, false);
    if (j.is_discarded()) continue;
    std::vector<std::pair<int, const json*>> found;
    FindArticleObjects(j, 0, &found);
    std::stable_sort(found.begin(), found.end(),
                     [](const auto& a, const auto& b) { return a.first > b.first; });
    for (const auto& [rank, obj] : found) {
      FillIfEmpty(&page.title, Field(*obj, "headline"));
      FillIfEmpty(&page.title, Field(*obj, "name"));
      FillIfEmpty(&page.date, Field(*obj, "datePublished"));
      FillIfEmpty(&page.date, Field(*obj, "dateCreated"));
      if (page.authors.empty())
        if (auto it = obj->find("author"); it != obj->end()) page.authors = JsonNames(*it);
      FillIfEmpty(&page.publisher, Field(*obj, "publisher"));
      FillIfEmpty(&page.url, Field(*obj, "url"));
      if (auto it = obj->find("articleBody"); it != obj->end() && it->is_string())
        FillIfEmpty(&ld_body, it->get<std::string>());
    }
  }
  auto meta = [&](std::initializer_list<const char*> names) -> std::string {
    for (const char* name : names)
      for (const auto& [k, v] : w.metas)
        if (k == name && !CleanText(v).empty()) return CleanText(v);
    return "";
  };
  FillIfEmpty(&page.title, meta({"og:title", "twitter:title"}));
  FillIfEmpty(&page.date, meta({"article:published_time", "article:published", "og:published_time"}));
  FillIfEmpty(&page.url, meta({"og:url"}));
  FillIfEmpty(&page.publisher, meta({"og:site_name"}));
  FillIfEmpty(&page.title, meta({"title", "headline", "dc.title"}));
  FillIfEmpty(&page.date, meta({"datepublished", "date", "pubdate", "publishdate", "publish-date",
                                "publish_date", "dc.date", "dc.date.issued", "dcterms.created",
                                "sailthru.date", "parsely-pub-date", "article.published"}));
  if (page.authors.empty()) {
    std::string a = meta({"author", "article:author", "dc.creator", "byl"});
    // article:author is often a profile URL, which is not a name.
    if (!a.empty() && a.find("://") == std::string::npos) {
      if (a.rfind("By ", 0) == 0 || a.rfind("by ", 0) == 0) a.erase(0, 3);
      page.authors.push_back(a);
    }
  }
  FillIfEmpty(&page.url, w.canonical);
  FillIfEmpty(&page.title, w.h1);
  FillIfEmpty(&page.title, w.title_tag);

  // Body: the candidate region with the most paragraph text, the inner one on a tie.
  std::vector<std::string> best;
  for (const GumboNode* c : w.candidates) {
    std::vector<std::string> paras;
    CollectParagraphs(c, true, &paras);
    if (TotalBytes(paras) >= TotalBytes(best) && !paras.empty()) best = std::move(paras);
  }
  if (best.empty() && w.body) CollectParagraphs(w.body, true, &best);
  if (best.empty() && !ld_body.empty()) {
    std::istringstream in(ld_body);
    std::string line;
    while (std::getline(in, line))
      if (std::string t = CleanText(line); !t.empty()) best.push_back(std::move(t));
  }
  // A page that repeats the headline as its first paragraph would store it twice.
  if (!best.empty() && best.front() == page.title) best.erase(best.begin());
  page.paragraphs = std::move(best);
  gumbo_destroy_output(&kGumboDefaultOptions, out);
  for (std::string* f : {&page.title, &page.date, &page.publisher, &page.url}) *f = ValidUtf8(*f);
  for (std::string& f : page.authors) f = ValidUtf8(f);
  for (std::string& f : page.paragraphs) f = ValidUtf8(f);
  return page;
}

Result<Article> ArticleFromHtml(const std::string& where, const HtmlPage& page,
                                const ReaderOptions& options, const std::string& forced_url,
                                const std::string& fallback_date, const WarningFn& warn) {
  if (page.title.empty() && page.paragraphs.empty())
    return Status::InvalidArgument(where + ": no headline and no article paragraphs in the page");
  Article a;
  a.title = OneLine(page.title, 1000);
  a.text = a.title;
  for (const std::string& p : page.paragraphs) {
    a.text.push_back('\n');
    a.text += p;
  }
  a.authors = page.authors;
  a.url = !forced_url.empty() ? forced_url : !page.url.empty() ? page.url : options.url;
  // The outlet is the domain when there is a URL, so HTML, WARC and news-please records of the
  // same outlet share one source id; the publisher's name is the fallback.
  SetSource(&a, a.url.empty() ? (page.publisher.empty() ? options.source : page.publisher)
                              : (options.source.empty() ? a.url : options.source));
  std::string date = page.date;
  if (!ApplyDate(&a, date)) {
    if (warn) warn(where + ": date \"" + date + "\" does not parse; using the fallback date");
    date.clear();
  }
  if (date.empty()) {
    std::string fb = !fallback_date.empty() ? fallback_date : options.date;
    if (!ApplyDate(&a, fb) && warn) warn(where + ": date \"" + fb + "\" does not parse");
  }
  return a;
}

Status ReadHtmlFile(const std::string& path, const ReaderOptions& options, const WarningFn& warn,
                    const RecordSink& sink) {
  auto in = OpenInput(path);
  if (!in.ok()) return in.status();
  std::string bytes;
  char buf[1 << 16];
  while (true) {
    size_t got = 0;
    QDB_RETURN_IF_ERROR((*in)->Read(buf, sizeof(buf), &got));
    if (got == 0) break;
    bytes.append(buf, got);
    if (bytes.size() > options.max_file_bytes)
      return Status::InvalidArgument(path + ": page is over the " +
                                     std::to_string(options.max_file_bytes >> 20) + " MiB limit");
  }
  return ReadHtmlBytes(path, std::move(bytes), options, warn, sink);
}

Status ReadHtmlBytes(const std::string& path, std::string bytes, const ReaderOptions& options,
                     const WarningFn& warn, const RecordSink& sink) {
  if (bytes.empty()) return Status::InvalidArgument(path + ": empty file");
  std::string html = HtmlToUtf8(std::move(bytes), "");
  HtmlPage page = ParseHtml(html);
  if (page.paragraphs.empty())
    return Status::InvalidArgument(path + ": no article paragraphs in the page (a section front, "
                                          "an index or a page built by scripts?)");
  auto a = ArticleFromHtml(path, page, options, "", "", warn);
  if (!a.ok()) return a.status();
  a->provenance.file = path;
  ReadRecord r;
  r.article = std::move(*a);
  return sink(std::move(r));
}

}  // namespace quotedb::formats
