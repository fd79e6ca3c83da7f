// IECMH Competency Atlas: the header's search button opens the site's search dialog, which asks Pagefind's search
// API (loaded the first time it is needed, so pages that are only read never download it) and shows a short list of
// results it builds itself: the exact names and codes first (search-core.mjs), no placeholder or animation, only
// the results on screen built. Pagefind runs in two workers of the dialog's own (search-workers.mjs says why).
// Instant navigation keeps this module and the dialog across page changes; the bundle's address is read once, from
// the first page.
import { el, fill } from "./shared/dom.mjs";
import { HIGHLIGHT_PARAM, SUPERSEDED, excerptParts, opensSearch, resultCount, searchBundlePath, searchPause,
         shortcutKeys, shownLinks } from "./search-core.mjs";
import { SearchEngines } from "./search-workers.mjs";

const BUTTON = ".atlas-search-button";
const SHOWN = 6; // results built at a time (about what the dialog shows at once); "More results" builds the next
let bundlePath = null;
let dialog = null;

/** One search engine: Pagefind in a worker of its own (search-worker.mjs), as SearchEngines uses it. */
function workerEngine() {
  const worker = new Worker(new URL("./search-worker.mjs", import.meta.url), { type: "module", name: "atlas-search" });
  const replies = new Map();
  let asked = 0;
  let started;
  const ready = new Promise((resolve, reject) => { started = { resolve, reject }; });
  worker.addEventListener("message", ({ data }) => {
    if (data?.kind === "ready") started.resolve();
    else if (data?.kind === "failed") started.reject(new Error(data.message));
    else if (replies.has(data?.id)) {
      const reply = replies.get(data.id);
      replies.delete(data.id);
      if (data.error) reply.reject(new Error(data.error));
      else reply.resolve({ ...data, engine, received: performance.now() });
    }
  });
  worker.addEventListener("error", (event) => {
    event.preventDefault();
    const error = new Error(event.message || "the search worker could not start");
    started.reject(error);
    for (const reply of replies.values()) reply.reject(error);
    replies.clear();
  });
  /** Send a message and wait for its reply. */
  const ask = (message) => new Promise((resolve, reject) => {
    const id = ++asked;
    replies.set(id, { resolve, reject });
    worker.postMessage({ ...message, id });
  });
  const engine = {
    ready,
    search: ({ query }) => ask({ kind: "search", query, shown: SHOWN }),
    more: (answer, from) => ask({ kind: "more", of: answer.id, from, shown: SHOWN }),
    end: () => worker.terminate(),
  };
  worker.postMessage({ kind: "start", bundle: bundlePath });
  return engine;
}

/** An excerpt as text with the matching words marked (Pagefind's excerpt is read as text, never as HTML). */
function excerpt(text) {
  return el("p", { class: "atlas-search__excerpt" },
            excerptParts(text).map((part) => (part.marked ? el("mark", { text: part.text }) : part.text)));
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
 *  pauses: searchPause), on the engine that waits ready while an older query's search is stopped, or, when none
 *  waits, as soon as the running search ends (SearchEngines; the queries typed meanwhile never are); an answer is
 *  dropped when a newer query has been typed, and the results show in the frame after the answer arrives. */
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
  let engines = null;
  let latest = 0;
  let answer = null; // the answer shown: its engine keeps all its results for "More results"
  let query = "";

  /** Build the next results, SHOWN at a time. */
  async function showMore(ticket) {
    const engine = engines?.engineOf(answer);
    if (!engine || list.children.length >= answer.count) return;
    const { data } = await engine.more(answer, list.children.length);
    if (ticket !== latest) return;
    list.append(...data.map((d) => resultItem(d, query)));
    more.hidden = list.children.length >= answer.count;
  }

  /** Search for the box's text and show the answer (unless a newer query came first). */
  async function search() {
    const ticket = ++latest;
    const typed = box.value;
    if (!typed.trim()) {
      answer = null;
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
    engines ??= new SearchEngines(workerEngine);
    const answered = await engines.ask({ query: typed });
    if (answered === SUPERSEDED || ticket !== latest) return;
    answer = answered;
    query = typed;
    fill(list, answered.data.map((d) => resultItem(d, typed)));
    more.hidden = list.children.length >= answered.count;
    status.textContent = resultCount(answered.count, typed);
    node.dataset.answered = typed; // for the tests and the benchmark: the results of this query are on screen
    requestAnimationFrame(() => measurePhases(typed, answered));
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
    engines ??= new SearchEngines(workerEngine);
    return engines.whenReady().then(() => { node.dataset.ready = "true"; }, // for the benchmark: ready to search
                                    (error) => { engines.close(); engines = null; throw error; });
  };
  return { node, box, warm };
}

/** Note how long each phase of a search took, as performance measures the benchmark reads (bench/site_bench.py):
 *  Pagefind's answer (engine) and loading the shown results' data (fragments), as the worker timed them and ending
 *  when its answer arrived, and building them until the next frame (render). */
function measurePhases(query, answered) {
  const detail = { query };
  const loaded = answered.received;
  const started = loaded - answered.took.data - answered.took.search;
  performance.measure("atlas-search engine", { start: started, end: started + answered.took.search, detail });
  performance.measure("atlas-search fragments", { start: started + answered.took.search, end: loaded, detail });
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
