// IECMH Competency Atlas: the header's search button opens the site's search dialog, which asks Pagefind's search
// API (loaded the first time it is needed, so pages that are only read never download it) and shows a short list of
// results it builds itself: the exact names and codes first (search-core.mjs), no placeholder or animation, only
// the results on screen built. Instant navigation keeps this module and the dialog across page changes; the
// bundle's address is read once, from the first page.
import { el, fill } from "./shared/dom.mjs";
import { afterPaint } from "./shared/tasks.mjs";
import { HIGHLIGHT_PARAM, RANKING, SEARCH_NAMES_FILE, SEARCH_PAGES_FILE, SUPERSEDED, excerptParts, latestWins,
         listedResults, opensSearch, prefetchData, resultCount, searchBundlePath, searchPause, searchSite, shortcutKeys,
         shownLinks } from "./search-core.mjs";

const BUTTON = ".atlas-search-button";
const SHOWN = 6; // results built at a time (about what the dialog shows at once); "More results" builds the next
let bundlePath = null;
let dialog = null;

/** A JSON file the build writes beside the index (a promise: without it search still answers, in Pagefind's own
 *  order, or once the results' data is loaded); `what` names it in the console. */
async function bundleFile(name, what) {
  try {
    const response = await fetch(bundlePath + name);
    if (!response.ok) throw new Error(`${response.status} ${response.statusText}`);
    return await response.json();
  } catch (error) {
    console.error(`IECMH Atlas search: ${what} could not be loaded:`, error);
    return {};
  }
}

/** Pagefind's search API with the site's ranking, the names file and the page list (loading beside it); `loaded`
 *  settles when Pagefind's runtime and metadata are loaded too (a search of no words loads them, and nothing else). */
async function searchEngine() {
  const names = bundleFile(SEARCH_NAMES_FILE, "names and codes");
  const pages = bundleFile(SEARCH_PAGES_FILE, "the page list");
  const pagefind = await import(bundlePath + "pagefind.js");
  await pagefind.options({ ranking: RANKING, highlightParam: HIGHLIGHT_PARAM });
  const loaded = Promise.all([names, pages, pagefind.preload("")]);
  return { pagefind, names, pages, loaded };
}

/** An excerpt as text with the matching words marked (Pagefind's excerpt is read as text, never as HTML). */
function excerpt(text) {
  return el("p", { class: "atlas-search__excerpt" },
            excerptParts(text).map((part) => (part.marked ? el("mark", { text: part.text }) : part.text)));
}

/** One result as listed before its data is loaded: its page link. */
function listedItem(page) {
  return el("li", { class: "atlas-search__result" },
            el("a", { href: page.url, class: "atlas-search__page" }, el("span", { text: page.title })));
}

/** One result: its page link, then the links to the headings that match most, each with its excerpt. */
function resultItem(data, query) {
  const [page, ...headings] = shownLinks(data, query);
  return el("li", { class: "atlas-search__result" },
            el("a", { href: page.url, class: "atlas-search__page" }, el("span", { text: page.title }),
               headings.length ? null : excerpt(page.excerpt)),
            headings.length ? el("ul", {}, headings.map((link) => el("li", {},
              el("a", { href: link.url }, el("span", { text: link.title }), excerpt(link.excerpt))))) : null);
}

/** The dialog's parts and behaviour: each keystroke searches at once (a query ending in a short word once typing
 *  pauses: searchPause) unless a search is running, in which case the latest query searches as soon as it ends (the
 *  prefixes typed meanwhile never do); an answer is dropped when a newer query has been typed. The results are listed
 *  in the frame after Pagefind's answer, by title from the page list (a page the last complete list showed keeps its
 *  excerpts meanwhile, so the list hardly moves), and completed with excerpts and headings once that frame is drawn:
 *  Pagefind's `data()` computes them on the main thread, 1-16 ms for six results at 10x. */
function searchDialog() {
  const box = el("input", { type: "search", "aria-label": "Search the Atlas", placeholder: "Search",
                            autocomplete: "off", spellcheck: "false", enterkeyhint: "search" });
  const status = el("p", { class: "atlas-search__status", role: "status" });
  const list = el("ol", { class: "atlas-search__results" });
  const more = el("button", { type: "button", class: "md-button atlas-search__more", hidden: true,
                              text: "More results" });
  const close = el("button", { type: "button", class: "atlas-search__close", "aria-label": "Close",
                               text: "×" });
  const node = el("dialog", { class: "atlas-search", "aria-label": "Search" },
                  el("div", { class: "atlas-search__bar", role: "search" }, box, close), status, list, more);
  let engine = null;
  let latest = 0;
  let results = [];
  let query = "";
  let complete = new Map(); // the last complete list's items, by result id

  /** Build the next results, SHOWN at a time. */
  async function showMore(ticket) {
    const next = results.slice(list.children.length, list.children.length + SHOWN);
    const data = await Promise.all(next.map((result) => result.data()));
    if (ticket !== latest) return;
    list.append(...data.map((d) => resultItem(d, query)));
    more.hidden = list.children.length >= results.length;
  }

  /** Pagefind's answer to a query with the page list, or null when a newer query was typed meanwhile (its results
   *  would not be shown). */
  async function answerQuery({ ticket, typed }) {
    const started = performance.now();
    const { pagefind, names, pages } = await (engine ??= searchEngine());
    const found = await searchSite(pagefind, typed, names);
    if (ticket !== latest) {
      prefetchData(found, SHOWN); // loads while Pagefind answers the newer query, which mostly shows the same pages
      return null;
    }
    return { found, pages: await pages, started, answered: performance.now() };
  }
  const answer = latestWins(answerQuery); // one search at a time: a query typed meanwhile waits, its prefixes never run

  /** Search for the box's text and show the answer (unless a newer query came first). */
  async function search() {
    const ticket = ++latest;
    const typed = box.value;
    if (!typed.trim()) {
      results = [];
      fill(list);
      status.textContent = "";
      more.hidden = true;
      return;
    }
    const pause = searchPause(typed);
    if (pause) {
      await new Promise((resolve) => { setTimeout(resolve, pause); });
      if (ticket !== latest) return; // typing went on: this query is not searched
    }
    const answered = await answer({ ticket, typed });
    if (answered === SUPERSEDED || answered === null || ticket !== latest) return;
    results = answered.found;
    query = typed;
    const first = results.slice(0, SHOWN);
    const listed = listedResults(first, answered.pages, typed, bundlePath);
    if (listed) {
      fill(list, listed.map((page) => complete.get(page.id) ?? listedItem(page)));
      more.hidden = list.children.length >= results.length;
      status.textContent = resultCount(results.length, typed);
      node.dataset.listed = typed; // for the tests and the benchmark: this query's results are listed
      await afterPaint();
      if (ticket !== latest) return;
    }
    const listedAt = performance.now();
    const data = await Promise.all(first.map((result) => result.data()));
    if (ticket !== latest) return;
    const loaded = performance.now();
    const items = data.map((d) => resultItem(d, typed));
    complete = new Map(first.map((result, i) => [result.id, items[i]]));
    fill(list, items);
    more.hidden = list.children.length >= results.length;
    status.textContent = resultCount(results.length, typed);
    node.dataset.listed = typed;
    node.dataset.answered = typed; // for the tests and the benchmark: this query's results are complete
    requestAnimationFrame(() => measurePhases(typed, answered.started, answered.answered, listedAt, loaded));
  }

  box.addEventListener("input", () => { search().catch((error) => console.error("IECMH Atlas search:", error)); });
  more.addEventListener("click", () => { showMore(latest).catch(() => {}); });
  close.addEventListener("click", () => node.close());
  node.addEventListener("keydown", (event) => moveFocus(event, node, box));
  // Following a result closes the dialog: a result on the page itself only scrolls to it.
  node.addEventListener("click", (event) => {
    if (event.target instanceof Element && event.target.closest("a[href]")) node.close();
    else if (event.target === node) node.close(); // a click on the backdrop
  });
  document.body.append(node);
  const warm = () => {
    engine ??= searchEngine();
    return engine.then(({ loaded }) => {
      loaded.then(() => { node.dataset.ready = "true"; }, () => {}); // for the benchmark: everything is loaded
    }, (error) => { engine = null; throw error; });
  };
  return { node, box, warm };
}

/** Note how long each phase of a search took, as performance measures the benchmark reads (bench/site_bench.py):
 *  Pagefind's answer (engine), listing the results by title until the frame after it is drawn (listing), loading the
 *  shown results' data (fragments), and building them until the next frame (render). */
function measurePhases(query, started, answered, listedAt, loaded) {
  const detail = { query };
  performance.measure("atlas-search engine", { start: started, end: answered, detail });
  performance.measure("atlas-search listing", { start: answered, end: listedAt, detail });
  performance.measure("atlas-search fragments", { start: listedAt, end: loaded, detail });
  performance.measure("atlas-search render", { start: loaded, end: performance.now(), detail });
}

/** Arrow keys move between the box and the result links. */
function moveFocus(event, node, box) {
  if (event.key !== "ArrowDown" && event.key !== "ArrowUp") return;
  const links = [box, ...node.querySelectorAll(".atlas-search__results a[href]")];
  const at = links.indexOf(document.activeElement);
  const next = links[Math.min(Math.max(at + (event.key === "ArrowDown" ? 1 : -1), 0), links.length - 1)];
  if (next && next !== document.activeElement) {
    event.preventDefault();
    next.focus();
  }
}

/** The search dialog, loaded with Pagefind's API on first use (a failed download is tried again next time). */
async function openedDialog() {
  dialog ??= searchDialog();
  await dialog.warm().catch((error) => {
    dialog.node.remove();
    dialog = null;
    throw error;
  });
  return dialog;
}

/** Open the search dialog, marking the button busy while it loads and saying so on the button if it cannot. */
async function openSearch(button) {
  button?.setAttribute("aria-busy", "true");
  try {
    const { node, box } = await openedDialog();
    if (!node.open) node.showModal();
    box.focus();
    box.select();
    button?.setAttribute("title", "Search (/)");
  } catch (error) {
    button?.setAttribute("title", "Search could not be loaded. Check the connection and try again.");
    console.error("IECMH Atlas search:", error);
  } finally {
    button?.removeAttribute("aria-busy");
  }
}

/** Mark the searched words on a page opened from a search result (Pagefind's highlight script, loaded only then). */
async function highlightSearchedWords() {
  if (!new URL(document.location.href).searchParams.has(HIGHLIGHT_PARAM)) return;
  const article = document.querySelector("[data-pagefind-body]");
  if (!article || article.dataset.atlasHighlighted) return; // this page's words are marked already
  article.dataset.atlasHighlighted = "true";
  await import(bundlePath + "pagefind-highlight.js");
  // The site's stylesheet colours the marks: the script's own styles would be an inline style the policy refuses.
  new window.PagefindHighlight({ highlightParam: HIGHLIGHT_PARAM, markContext: "[data-pagefind-body]",
                                 addStyles: false });
}


/** The search button an event happened on, if any (instant navigation may swap the header, so events are
 *  taken at the document). */
function buttonOf(event) {
  return event.target instanceof Element ? event.target.closest(BUTTON) : null;
}

/** Wire the search button and the keyboard shortcuts (once), and mark searched words on each page opened from a
 *  result; does nothing on pages without the button. */
export function start() {
  const button = document.querySelector(BUTTON);
  if (!button) return;
  if (bundlePath) {
    highlightSearchedWords().catch(() => {});
    return;
  }
  bundlePath = searchBundlePath(button.dataset.atlasSearch, document.baseURI);
  highlightSearchedWords().catch(() => {});
  document.addEventListener("click", (event) => {
    const pressed = buttonOf(event);
    if (pressed) openSearch(pressed);
  });
  // Hovering or focusing the button starts the download, so the dialog usually opens at once.
  for (const type of ["pointerover", "focusin"]) {
    document.addEventListener(type, (event) => {
      if (buttonOf(event)) openedDialog().catch(() => {});
    });
  }
  document.addEventListener("keydown", (event) => {
    if (event.defaultPrevented || !opensSearch(shortcutKeys(event)) || document.querySelector("dialog[open]")) return;
    event.preventDefault();
    event.stopPropagation();
    openSearch(document.querySelector(BUTTON));
  }, true);
}

/** Open search now: for a button press or shortcut before this module had started (atlas.mjs catches those). */
export function openSearchNow() {
  if (!document.querySelector("dialog[open]")) openSearch(document.querySelector(BUTTON));
}
