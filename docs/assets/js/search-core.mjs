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
