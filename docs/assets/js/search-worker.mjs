// IECMH Competency Atlas: one search engine, Pagefind's search API in a worker thread of its own (started by
// search-ui.mjs as a module worker; search-workers.mjs says why there are two). In a worker Pagefind runs in the
// worker's own thread, so ending this worker stops a search nobody waits for any more.
//
// Messages in: {kind: "start", bundle} once (the search bundle's folder, a path from the site's root); then
// {kind: "search", id, query, shown} and {kind: "more", id, of, from, shown}. Messages out: {kind: "ready"} or
// {kind: "failed", message} once; then {id, count, data, took: {search, data}} for a search (the data of its
// first `shown` results, and the milliseconds Pagefind's search and the results' data took), {id, data} for more results of
// the search `of`, or {id, error} when one could not be answered.
import { HIGHLIGHT_PARAM, RANKING, SEARCH_NAMES_FILE, searchSite } from "./search-core.mjs";

let pagefind = null;
let names = {};
let latest = null; // the last search's id and all its results, for "More results"

/** Load Pagefind's API with the site's ranking and its runtime, and the names file (without it search still
 *  answers, in Pagefind's own order). */
async function start(bundle) {
  const loadingNames = fetch(bundle + SEARCH_NAMES_FILE)
    .then((response) => (response.ok ? response.json() : Promise.reject(new Error(`${response.status}`))))
    .catch((error) => {
      console.error("IECMH Atlas search: names and codes could not be loaded:", error);
      return {};
    });
  pagefind = await import(bundle + "pagefind.js");
  // Result links as paths from the site's root, as Pagefind makes them in a page (in a worker it would put the
  // origin in front): the site's root is the folder holding the bundle.
  const baseUrl = bundle.replace(/pagefind\/$/, "");
  await pagefind.options({ ranking: RANKING, highlightParam: HIGHLIGHT_PARAM, baseUrl });
  await pagefind.preload(""); // a search of no words loads Pagefind's runtime and metadata, and nothing else
  names = await loadingNames;
}

/** Answer one search: how many results, the data of the first `shown`, and how long each part took. */
async function search({ id, query, shown }) {
  const started = performance.now();
  const results = await searchSite(pagefind, query, names);
  const answered = performance.now();
  const data = await Promise.all(results.slice(0, shown).map((result) => result.data()));
  latest = { id, results };
  return { id, count: results.length, data, took: { search: answered - started, data: performance.now() - answered } };
}

/** The data of the next results of the latest search (none when a newer search came since). */
async function more({ id, of, from, shown }) {
  const results = latest?.id === of ? latest.results.slice(from, from + shown) : [];
  return { id, data: await Promise.all(results.map((result) => result.data())) };
}

self.addEventListener("message", ({ data: message }) => {
  if (message?.kind === "start") {
    start(message.bundle).then(() => self.postMessage({ kind: "ready" }),
                               (error) => self.postMessage({ kind: "failed", message: String(error?.message ?? error) }));
    return;
  }
  const answer = message?.kind === "search" ? search(message) : message?.kind === "more" ? more(message) : null;
  answer?.then((reply) => self.postMessage(reply),
               (error) => self.postMessage({ id: message.id, error: String(error?.message ?? error) }));
});
