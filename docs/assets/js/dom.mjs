// IECMH Competency Atlas: DOM helpers shared by the interactive pages. Text always goes in as text, never as HTML.

/** Create an element with attributes and children (strings become text nodes; arrays are flattened). */
export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === false || value === null || value === undefined) continue;
    if (key === "text") node.textContent = value;
    else node.setAttribute(key, value === true ? "" : String(value));
  }
  fill(node, ...node.childNodes, ...children);
  return node;
}

/** Replace a node's children, flattening arrays, skipping empty values and turning strings into text nodes. */
export function fill(node, ...children) {
  node.replaceChildren(...children.flat(Infinity)
    .filter((c) => c !== null && c !== undefined && c !== false)
    .map((c) => (typeof c === "string" ? document.createTextNode(c) : c)));
}

/** Offer text as a file download made in the browser (nothing is uploaded). */
export function downloadText(text, type, name) {
  const url = URL.createObjectURL(new Blob([text], { type: `${type};charset=utf-8` }));
  const link = el("a", { href: url, download: name, hidden: true });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
