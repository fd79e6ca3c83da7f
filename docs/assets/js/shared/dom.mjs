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

/** Offer text (or bytes, given as a Uint8Array) as a file download made in the browser (nothing is uploaded). */
export function downloadText(text, type, name) {
  const url = URL.createObjectURL(new Blob([text], { type: text instanceof Uint8Array ? type : `${type};charset=utf-8` }));
  const link = el("a", { href: url, download: name, hidden: true });
  document.body.append(link);
  link.click();
  link.remove();
  // The browser reads the blob after the click returns; on a busy machine that took over a second and the download
  // never started, so the address is freed only after 40 s (as FileSaver.js does).
  setTimeout(() => URL.revokeObjectURL(url), 40000);
}

/** Read the file chosen in a file input (and clear it): { text, name }, { refused: why } when over limit bytes or
 *  unreadable, or null when none was chosen. */
export async function readChosenFile(input, limit) {
  const file = input.files && input.files[0];
  input.value = "";
  if (!file) return null;
  if (file.size > limit) return { refused: `the file is ${file.size} bytes; the limit is ${limit}.` };
  try {
    const bytes = new Uint8Array(await file.arrayBuffer());
    return { text: new TextDecoder("utf-8").decode(bytes), bytes, name: file.name };
  } catch {
    return { refused: "the file could not be read." };
  }
}

let messageCount = 0;

/** Show a message right after anchor (a control or a group of controls) and tie it to it with aria-describedby and
 *  aria-invalid; an empty message removes it. */
export function showFieldMessage(anchor, message) {
  const next = anchor.nextElementSibling;
  let node = next && next.classList.contains("atlas-field-message") ? next : null;
  const described = (anchor.getAttribute("aria-describedby") || "").split(" ").filter(Boolean);
  if (!message) {
    if (!node) return;
    anchor.setAttribute("aria-describedby", described.filter((id) => id !== node.id).join(" "));
    if (!anchor.getAttribute("aria-describedby")) anchor.removeAttribute("aria-describedby");
    anchor.removeAttribute("aria-invalid");
    node.remove();
    return;
  }
  if (!node) {
    messageCount += 1;
    node = el("span", { class: "atlas-field-message", id: `atlas-field-message-${messageCount}` });
    anchor.after(node);
  }
  node.textContent = message;
  if (!described.includes(node.id)) anchor.setAttribute("aria-describedby", [...described, node.id].join(" "));
  anchor.setAttribute("aria-invalid", "true");
}

/** Call listener on every `storage` event (another tab saved) while node is on the page; then stop listening. */
export function onStorageChange(node, listener) {
  const handle = (event) => {
    if (!node.isConnected) {
      window.removeEventListener("storage", handle);
      return;
    }
    listener(event);
  };
  window.addEventListener("storage", handle);
}
