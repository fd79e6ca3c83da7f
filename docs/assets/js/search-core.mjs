// IECMH Competency Atlas: the site search's decisions, without the DOM (tested with node --test).

/** Whether a key press opens search: "/" outside a text field, or Ctrl+K / Cmd+K anywhere. */
export function opensSearch({ key, ctrlKey = false, metaKey = false, altKey = false, shiftKey = false, editable = false }) {
  if (altKey) return false;
  if (key === "/") return !ctrlKey && !metaKey && !shiftKey && !editable;
  return (key === "k" || key === "K") && ctrlKey !== metaKey && !shiftKey;
}

/** A key press as opensSearch reads it: its key and modifiers, and whether it happened in a place where typing "/"
 *  means the character (a text field, or editable content). */
export function shortcutKeys(event) {
  const target = event.target;
  const editable = Boolean(target && (target.isContentEditable || target.closest?.("input, textarea, select")));
  return { key: event.key, ctrlKey: event.ctrlKey, metaKey: event.metaKey, altKey: event.altKey,
           shiftKey: event.shiftKey, editable };
}

/** The search bundle's folder as a path from the site's root, from the relative address the page gives: read once,
 *  as instant navigation changes the page's address but keeps this module. */
export function searchBundlePath(bundle, pageUrl) {
  const folder = new URL(bundle, pageUrl);
  if (!folder.pathname.endsWith("/pagefind/")) {
    throw new TypeError(`the search bundle must be a folder named pagefind/, not ${folder.pathname}`);
  }
  return folder.pathname;
}

/** Pagefind's ranking settings for this site, given to `pagefind.options` by the dialog and by the relevance tests
 *  (tests/search/relevance.yml), so both rank alike. Empty: Pagefind's defaults. */
export const RANKING = {};

/** A name or code as compared with a query: lower case, any run of other characters than letters and digits one
 *  space ("ECMHM-RF" and "ecmhm rf" are alike). */
export function plainName(text) {
  return text.normalize("NFKC").toLowerCase().replace(/[^\p{L}\p{N}]+/gu, " ").trim();
}

/** The names file beside Pagefind's index (written by the build, generator/site/search.py): for each kind of name
 *  (name, term, code, abbreviation), each name's pages as Pagefind result ids. */
export const SEARCH_NAMES_FILE = "atlas-names.json";

/** The page list beside Pagefind's index (written by the build, generator/site/search.py): each Pagefind result id's
 *  page address (from the site's root) and title, as [address, title]. */
export const SEARCH_PAGES_FILE = "atlas-pages.json";

/** Kinds of name a query must be as a whole (a page's or a glossary term's name). */
export const WHOLE_QUERY_NAMES = ["name", "term"];
/** Kinds of name that may be one of a query's words (a category's code, a glossary abbreviation). */
export const WORD_NAMES = ["code", "abbreviation"];

/** The names a query means exactly, as [kind, name] pairs in the order they rank, given the names file: the page
 *  whose whole name the query is, and the category whose code is one of the query's words. Pagefind's own ranking
 *  cannot tell these apart: its stemmer makes "ECMHS" a prefix of "ECMHM" and "reflection" the same word as
 *  "reflective", and long pages such as a category's lose to short ones. */
export function exactNames(query, names) {
  const wanted = plainName(query);
  const found = [];
  for (const kind of WHOLE_QUERY_NAMES) {
    for (const name of Object.keys(names?.[kind] ?? {})) {
      if (wanted && plainName(name) === wanted) found.push([kind, name]);
    }
  }
  for (const kind of WORD_NAMES) {
    for (const name of Object.keys(names?.[kind] ?? {})) {
      const plain = plainName(name);
      if (plain && ` ${wanted} `.includes(` ${plain} `)) found.push([kind, name]);
    }
  }
  return found;
}

/** The results in the order shown: for each exact name in turn, the results that are its pages (in Pagefind's
 *  order), then the rest; each page once. Only pages that match the query's words are results at all. */
export function pinnedFirst(results, exact, names) {
  const pinned = new Set();
  for (const [kind, name] of exact) {
    const pages = new Set(names?.[kind]?.[name] ?? []);
    for (const result of results) if (pages.has(result.id)) pinned.add(result);
  }
  return [...pinned, ...results.filter((result) => !pinned.has(result))];
}

/** Search the site: one Pagefind search (ranked with RANKING), its results reordered so that the pages the query
 *  names exactly come first (exactNames, from the names file). `names` may be a promise: the search starts at once,
 *  beside it. */
export async function searchSite(pagefind, query, names) {
  const found = pagefind.search(query);
  const known = await names;
  return pinnedFirst((await found)?.results ?? [], exactNames(query, known), known);
}

/** Start loading the data of a superseded search's first `count` results, without waiting for it: the query typed
 *  after it mostly shares them (a prefix's best pages are mostly the whole word's), and Pagefind keeps each page's
 *  data once loaded, so that the query's own results show sooner. A failure is left to the search that shows them. */
export function prefetchData(results, count) {
  for (const result of results.slice(0, count)) Promise.resolve().then(() => result.data()).catch(() => {});
}

/** Characters Pagefind leaves out of a query (dashes, brackets, quotes and other punctuation), tested on each of
 *  its graphemes as Pagefind 1.x does (pagefind.js, PagefindInstance.search). */
const LEFT_OUT = /^\p{Pd}|\p{Pe}|\p{Pf}|\p{Pi}|\p{Po}|\p{Ps}$/u;

/** A query as Pagefind searches it: without punctuation, in lower case, spaces collapsed, accents taken off; the
 *  words it puts into a result's address for highlighting. */
export function searchedTerm(query) {
  const graphemes = typeof Intl.Segmenter === "function"
    ? [...new Intl.Segmenter("en", { granularity: "grapheme" }).segment(query)].map((part) => part.segment)
    : [...query];
  const term = graphemes.filter((grapheme) => !LEFT_OUT.test(grapheme)).map((grapheme) => grapheme.toLocaleLowerCase())
    .join("").replace(/\s{2,}/g, " ").trim();
  return term.normalize("NFD").replace(/\p{M}/gu, "");
}

/** The address a result for `query` links to, as Pagefind's own `data().url` gives it: the page's address under the
 *  site's root (the folder holding the search bundle), with each searched word as a highlight parameter. */
export function resultUrl(pageUrl, query, bundlePath, param = HIGHLIGHT_PARAM) {
  const root = bundlePath.match(/^(.*\/)_?pagefind/)?.[1] || "/";
  const address = new URL(`https://example.com${`${root}/${pageUrl}`.replace(/\/+/g, "/")}`);
  for (const word of searchedTerm(query).split(/\s+/)) address.searchParams.append(param, word);
  return address.toString().replace(/^https:\/\/example\.com/, "");
}

/** The first results as the dialog lists them before their data is loaded, each with its id, address and title from
 *  the page list; null when the list lacks any of them (then the dialog waits for the data). */
export function listedResults(results, pages, query, bundlePath) {
  const listed = [];
  for (const result of results) {
    const page = pages?.[result.id];
    if (!Array.isArray(page) || typeof page[0] !== "string" || typeof page[1] !== "string") return null;
    listed.push({ id: result.id, url: resultUrl(page[0], query, bundlePath), title: page[1] });
  }
  return listed;
}

/** How many heading links a result shows under its page link (Pagefind's own dialog shows 3). */
export const SUB_RESULTS_SHOWN = 3;

/** How much a heading's section matches, as a pair compared in order: how many of the query's words it holds
 *  (a word counts when it starts with the word's stem, roughly its first letters but the last two), then the sum of
 *  its matching words' scores, which count a word in a heading (or in a weighted part) more than one in running
 *  text. `words` are the page's indexed words (Pagefind's `content`, split on spaces). */
export function sectionScore(sub, queryWords, words) {
  const stems = queryWords.map((word) => word.slice(0, Math.max(3, word.length - 2)));
  const held = new Set();
  for (const location of sub.locations ?? []) {
    const word = plainName(words[location] ?? "");
    stems.forEach((stem, i) => { if (word.startsWith(stem)) held.add(i); });
  }
  const weighted = sub.weighted_locations ?? [];
  return [held.size, weighted.reduce((sum, word) => sum + word.balanced_score, 0)];
}

/** Sort order of two section scores: negative when a comes first. */
function before(a, b) {
  return a[0] !== b[0] ? b[0] - a[0] : b[1] - a[1];
}

/** The links one result of `query` shows: its page, then up to `limit` of its headings, those whose sections
 *  match most (sectionScore), in page order. */
export function shownLinks(data, query = "", limit = SUB_RESULTS_SHOWN) {
  const page = { url: data.url, title: data.meta?.title ?? data.url, excerpt: data.excerpt ?? "" };
  const headings = (data.sub_results ?? []).filter((sub) => sub.url !== data.url);
  const queryWords = plainName(query).split(" ").filter(Boolean);
  const words = (data.content ?? "").split(/\s+/);
  const scores = new Map(headings.map((sub) => [sub.url, sectionScore(sub, queryWords, words)]));
  const kept = new Set([...headings].sort((a, b) => before(scores.get(a.url), scores.get(b.url)))
    .slice(0, limit).map((sub) => sub.url));
  return [page, ...headings.filter((sub) => kept.has(sub.url))
    .map((sub) => ({ url: sub.url, title: sub.title, excerpt: sub.excerpt ?? "" }))];
}

/** The address parameter that carries the searched words to the page a result opens, where they are marked. */
export const HIGHLIGHT_PARAM = "highlight";

const ENTITIES = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: "\u00a0" };

/** Text with HTML character references (as Pagefind writes excerpts) turned back into characters. */
export function decodeEntities(text) {
  return text.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (whole, name) => {
    if (name[0] === "#") {
      const code = name[1] === "x" || name[1] === "X" ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
      return Number.isFinite(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return ENTITIES[name.toLowerCase()] ?? whole;
  });
}

/** A Pagefind excerpt as parts of text, each marked or not: the excerpt is escaped HTML with <mark> around the
 *  matching words, read here as text so that nothing in it can become markup. */
export function excerptParts(excerpt) {
  return String(excerpt ?? "").split(/(<mark>.*?<\/mark>)/s).filter(Boolean).map((part) => {
    const marked = part.startsWith("<mark>") && part.endsWith("</mark>");
    return { text: decodeEntities(marked ? part.slice(6, -7) : part.replace(/<\/?mark>/g, "")), marked };
  });
}

/** The dialog's line about the answer, with the count written as people read it ("1,409 results"). */
export function resultCount(count, query) {
  const shown = query.trim();
  if (count === 0) return `No results for “${shown}”`;
  return `${count.toLocaleString("en-US")} result${count === 1 ? "" : "s"} for “${shown}”`;
}

/** What a request to a latestWins runner resolves to when a newer request took its place before it started. */
export const SUPERSEDED = Symbol("superseded");

/** A runner of `run` (an async function of one value) that runs one call at a time, the latest request winning:
 *  a request made while a call runs waits, and replaces any request already waiting, which never starts and resolves
 *  to SUPERSEDED. Pagefind answers searches one after another in its worker and cannot stop one it has started, so
 *  without this a typed query waits for the searches of all its prefixes; with it, for at most the one running. */
export function latestWins(run) {
  let running = false;
  let waiting = null;
  async function start(job) {
    running = true;
    try {
      job.resolve(await run(job.value));
    } catch (error) {
      job.reject(error);
    }
    const next = waiting;
    waiting = null;
    running = false;
    if (next) start(next);
  }
  return (value) => new Promise((resolve, reject) => {
    const job = { value, resolve, reject };
    if (!running) {
      start(job);
      return;
    }
    waiting?.resolve(SUPERSEDED);
    waiting = job;
  });
}

/** Words shorter than this (in characters) are short: as the last word of a query, they are mostly a word being typed. */
export const SHORT_WORD = 3;
/** How long (ms) a query ending in a short word waits for the next keystroke before it is searched: Pagefind's own
 *  dialog waits as long before every search. */
export const SHORT_QUERY_PAUSE = 300;

/** How long a query waits for the next keystroke before it is searched, in milliseconds: none, unless its last word
 *  is short ("r", "re", "home v"). Such a word matches the start of a great many words, so its search is the
 *  slowest (at 100x, "r" alone matches nearly every page and takes ten times as long as "reflective") and says the
 *  least, and a search cannot be stopped once started: while someone types on, it would hold up the query they
 *  mean. A short query still gets its results when typing pauses. */
export function searchPause(query) {
  const last = query.trim().split(/\s+/).at(-1) ?? "";
  return [...last].length < SHORT_WORD ? SHORT_QUERY_PAUSE : 0;
}
