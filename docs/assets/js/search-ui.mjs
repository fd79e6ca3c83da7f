// IECMH Competency Atlas: the header's search button opens Pagefind's search dialog, loaded the first time it is
// needed, so pages that are only read never download it. Instant navigation keeps this module and the dialog
// across page changes; the bundle's address is read once, from the first page.
import { el } from "./shared/dom.mjs";
import { opensSearch, searchBundlePath } from "./search-core.mjs";

const BUTTON = ".atlas-search-button";
const DEBOUNCE_MS = 50; // how long the dialog waits after a keystroke before it searches (Pagefind's default: 300)
let bundlePath = null;
let dialog = null;

/** Load a stylesheet or a classic script from the search bundle; resolves once it has loaded. */
function load(tag, url) {
  return new Promise((resolve, reject) => {
    const node = document.createElement(tag);
    if (tag === "link") Object.assign(node, { rel: "stylesheet", href: url });
    else node.src = url;
    node.addEventListener("load", resolve, { once: true });
    node.addEventListener("error", () => {
      node.remove(); // the next try adds it again
      reject(new Error(`could not load ${url}`));
    }, { once: true });
    document.head.append(node);
  });
}

/** The dialog's parts as Pagefind lays them out by default, but searching DEBOUNCE_MS after a keystroke (results
 *  then show within 100 ms for the dataset, see docs/benchmarks.md). */
function dialogParts() {
  return [el("pagefind-modal-header", {}, el("pagefind-input", { debounce: String(DEBOUNCE_MS) })),
          el("pagefind-modal-body", {}, el("pagefind-summary"), el("pagefind-results")),
          el("pagefind-modal-footer", {}, el("pagefind-keyboard-hints"))];
}

/** Pagefind's search dialog, loaded and added to the page on first use. */
function searchDialog() {
  if (!dialog) {
    dialog = Promise.all([load("link", bundlePath + "pagefind-component-ui.css"),
                          load("script", bundlePath + "pagefind-component-ui.js")]).then(() => {
      // Pagefind makes result links under the bundle's parent folder, so they work in a sub-folder too (tested).
      const config = el("pagefind-config", { "bundle-path": bundlePath });
      const modal = el("pagefind-modal", {}, ...dialogParts());
      // Following a result closes the dialog: a result on the page itself only scrolls to it.
      modal.addEventListener("click", (event) => {
        if (event.target instanceof Element && event.target.closest("a[href]")) modal.close();
      });
      document.body.append(config, modal);
      return modal;
    });
    dialog.catch(() => { dialog = null; }); // a failed download is tried again on the next use
  }
  return dialog;
}

/** Open the search dialog, marking the button busy while it loads and saying so on the button if it cannot. */
async function openSearch(button) {
  button?.setAttribute("aria-busy", "true");
  try {
    (await searchDialog()).open();
    button?.setAttribute("title", "Search (/)");
  } catch (error) {
    button?.setAttribute("title", "Search could not be loaded. Check the connection and try again.");
    console.error("IECMH Atlas search:", error);
  } finally {
    button?.removeAttribute("aria-busy");
  }
}

/** Whether the key press happened in a place where typing "/" means the character. */
function editable(target) {
  return target instanceof Element && (target.isContentEditable || Boolean(target.closest("input, textarea, select")));
}

/** The search button an event happened on, if any (instant navigation may swap the header, so events are
 *  taken at the document). */
function buttonOf(event) {
  return event.target instanceof Element ? event.target.closest(BUTTON) : null;
}

/** Wire the search button and the keyboard shortcuts; does nothing on pages without the button. */
export function start() {
  const button = document.querySelector(BUTTON);
  if (bundlePath || !button) return;
  bundlePath = searchBundlePath(button.dataset.atlasSearch, document.baseURI);
  document.addEventListener("click", (event) => {
    const pressed = buttonOf(event);
    if (pressed) openSearch(pressed);
  });
  // Hovering or focusing the button starts the download, so the dialog usually opens at once.
  for (const type of ["pointerover", "focusin"]) {
    document.addEventListener(type, (event) => {
      if (buttonOf(event)) searchDialog().catch(() => {});
    });
  }
  document.addEventListener("keydown", (event) => {
    const keys = { key: event.key, ctrlKey: event.ctrlKey, metaKey: event.metaKey, altKey: event.altKey,
                   shiftKey: event.shiftKey, editable: editable(event.target) };
    if (event.defaultPrevented || !opensSearch(keys) || document.querySelector("dialog[open]")) return;
    event.preventDefault();
    event.stopPropagation();
    openSearch(document.querySelector(BUTTON));
  }, true);
}
