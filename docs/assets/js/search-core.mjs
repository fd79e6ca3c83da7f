// IECMH Competency Atlas: the site search's decisions, without the DOM (tested with node --test).

/** Whether a key press opens search: "/" outside a text field, or Ctrl+K / Cmd+K anywhere. */
export function opensSearch({ key, ctrlKey = false, metaKey = false, altKey = false, shiftKey = false, editable = false }) {
  if (altKey) return false;
  if (key === "/") return !ctrlKey && !metaKey && !shiftKey && !editable;
  return (key === "k" || key === "K") && ctrlKey !== metaKey && !shiftKey;
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

/** How many heading links a result shows under its page link (Pagefind's own dialog shows 3). */
export const SUB_RESULTS_SHOWN = 3;

/** The links one result shows: its page, then up to `limit` of its headings, those with the most matching words,
 *  in page order (as Pagefind's dialog picks them). */
export function shownLinks(data, limit = SUB_RESULTS_SHOWN) {
  const page = { url: data.url, title: data.meta?.title ?? data.url, excerpt: data.excerpt ?? "" };
  const headings = (data.sub_results ?? []).filter((sub) => sub.url !== data.url);
  const kept = new Set([...headings].sort((a, b) => (b.locations?.length ?? 0) - (a.locations?.length ?? 0))
    .slice(0, limit).map((sub) => sub.url));
  return [page, ...headings.filter((sub) => kept.has(sub.url))
    .map((sub) => ({ url: sub.url, title: sub.title, excerpt: sub.excerpt ?? "" }))];
}
