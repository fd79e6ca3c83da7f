// IECMH Competency Atlas: load a page's interactive module only on the pages that need it.
// MkDocs Material's instant navigation swaps page content without reloading, so this runs on every page change.
// The imports are written out (not built from a string) so that the offline bundle can inline them (make offline).
const MODULES = [
  ["#atlas-assessment", () => import("./assessment-ui.mjs")],
  ["#atlas-mapper", () => import("./mapper-ui.mjs")],
  [".atlas-compare-picker, .atlas-compare-filter", () => import("./compare-ui.mjs")],
];

/** Start the module of each interactive part present on the current page. */
function startPage() {
  if (document.querySelector(".atlas-search-button")) {
    import("./search-ui.mjs").then((module) => module.start()); // once per visit: it keeps itself across pages
  }
  for (const [selector, load] of MODULES) {
    if (document.querySelector(selector)) {
      load().then((module) => module.start());
    }
  }
}

if (window.document$ && typeof window.document$.subscribe === "function") {
  window.document$.subscribe(() => startPage());
} else {
  startPage();
}
