// IECMH Competency Atlas: the site search's decisions, without the DOM (tested with node --test).

/** Whether a key press opens search: "/" outside a text field, or Ctrl+K / Cmd+K anywhere. */
export function opensSearch({ key, ctrlKey = false, metaKey = false, altKey = false, shiftKey = false, editable = false }) {
  if (altKey) return false;
  if (key === "/") return !ctrlKey && !metaKey && !shiftKey && !editable;
  return (key === "k" || key === "K") && ctrlKey !== metaKey && !shiftKey;
}

/** The search bundle's folder and the site's base path from the bundle address the page gives (resolved against
 *  the page's own address): result links are made under the base path, so they work when the site is published
 *  in a sub-folder. */
export function searchLocations(bundle, pageUrl) {
  const folder = new URL(bundle, pageUrl);
  if (!folder.pathname.endsWith("/pagefind/")) {
    throw new TypeError(`the search bundle must be a folder named pagefind/, not ${folder.pathname}`);
  }
  return { bundlePath: folder.pathname, basePath: folder.pathname.slice(0, -"pagefind/".length) };
}
