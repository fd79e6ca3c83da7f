// IECMH Competency Atlas: load a page's interactive module only on the pages that need it.
// MkDocs Material's instant navigation swaps page content without reloading, so this runs on every page change.
// The imports are written out (not built from a string) so that the offline bundle can inline them (make offline).
import { opensSearch, shortcutKeys } from "./search-core.mjs";

const MODULES = [
  ["#atlas-assessment", () => import("./assessment/ui.mjs")],
  ["#atlas-mapper", () => import("./mapper/ui.mjs")],
  [".atlas-compare-picker, .atlas-compare-filter", () => import("./compare-ui.mjs")],
  [".md-typeset__scrollwrap", () => import("./wide-tables.mjs")],
];

let search = null; // the search module, once it has started: it then handles the shortcuts itself

/** Start the search module on the current page (it wires itself once per visit and marks searched words on each
 *  page). */
function startSearch() {
  return import("./search-ui.mjs").then((module) => {
    module.start();
    search = module;
    return module;
  });
}

// A press of the search button or a search shortcut before the search module has started (it starts after the
// first frame) is not lost: it starts the module and opens search; the page's own start follows, and marks nothing
// twice.
document.addEventListener("keydown", (event) => {
  if (search || event.defaultPrevented || !document.querySelector(".atlas-search-button")) return;
  if (!opensSearch(shortcutKeys(event)) || document.querySelector("dialog[open]")) return;
  event.preventDefault();
  startSearch().then((module) => module.openSearchNow());
}, true);
document.addEventListener("click", (event) => {
  if (search || !(event.target instanceof Element) || !event.target.closest(".atlas-search-button")) return;
  startSearch().then((module) => module.openSearchNow());
});

/** Start the module of each interactive part present on the current page. */
function startPage() {
  if (document.querySelector(".atlas-search-button")) startSearch();
  for (const [selector, load] of MODULES) {
    if (document.querySelector(selector)) {
      load().then((module) => module.start());
    }
  }
}

/** Run fn once the browser has shown the page (after the next frame), so that text is on screen before the
 *  interactive parts load and build; on a slow phone that is what people see first (Lighthouse's first paint). */
function afterPaint(fn) {
  requestAnimationFrame(() => setTimeout(fn, 0));
}

if (window.document$ && typeof window.document$.subscribe === "function") {
  window.document$.subscribe(() => afterPaint(startPage));
} else {
  afterPaint(startPage);
}
