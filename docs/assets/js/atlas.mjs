// IECMH Competency Atlas: load a page's interactive module only on the pages that need it.
// MkDocs Material's instant navigation swaps page content without reloading, so this runs on every page change.
const MODULES = [
  ["#atlas-assessment", "./assessment-ui.mjs"],
  ["#atlas-mapper", "./mapper-ui.mjs"],
  [".atlas-compare-picker, .atlas-compare-filter", "./compare-ui.mjs"],
];

/** Start the module of each interactive part present on the current page. */
function startPage() {
  for (const [selector, path] of MODULES) {
    if (document.querySelector(selector)) {
      import(path).then((module) => module.start());
    }
  }
}

if (window.document$ && typeof window.document$.subscribe === "function") {
  window.document$.subscribe(() => startPage());
} else {
  startPage();
}
