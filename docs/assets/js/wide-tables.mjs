// Wide tables: the theme lets a table that is wider than the page scroll sideways inside its wrapper, with no sign
// that more columns exist. Mark each wrapper that overflows: a visible hint at its top that says how many columns
// there are (it stays in view while the table scrolls), and a named, focusable region so keyboard users can scroll
// it with the arrow keys. On phones the stylesheet keeps the hint's room at the top of every wrapper until the
// wrapper is marked, so a hint appearing moves nothing on the page (no layout shift).

const WRAPPER = ".md-typeset__scrollwrap";
const HINT_CLASS = "atlas-scroll-hint";

/** Show or hide one wrapper's hint, as its table overflows or fits (after a resize, say). */
function mark(wrapper) {
  const table = wrapper.querySelector("table");
  if (!table) return;
  const overflows = wrapper.scrollWidth > wrapper.clientWidth + 1;
  let hint = wrapper.firstElementChild;
  if (!hint || !hint.classList.contains(HINT_CLASS)) {
    if (!overflows) return;
    hint = document.createElement("p");
    hint.className = HINT_CLASS;
    hint.id = `atlas-scroll-hint-${document.querySelectorAll(`.${HINT_CLASS}`).length + 1}`;
    wrapper.prepend(hint);
  }
  const columns = table.rows[0] ? table.rows[0].cells.length : 0;
  hint.textContent = `This table is wider than the page: scroll sideways to see all ${columns} columns.`;
  hint.hidden = !overflows;
  if (overflows) {
    wrapper.setAttribute("role", "region");
    wrapper.setAttribute("tabindex", "0");
    wrapper.setAttribute("aria-labelledby", hint.id);
    wrapper.classList.add("atlas-scrolls");
  } else {
    for (const name of ["role", "tabindex", "aria-labelledby"]) wrapper.removeAttribute(name);
    wrapper.classList.remove("atlas-scrolls");
  }
}

const observer = typeof ResizeObserver === "function"
  ? new ResizeObserver((entries) => entries.forEach((entry) => mark(entry.target)))
  : null;

/** Mark one wrapper (a table the page built itself) once the browser has laid it out, and again on every resize;
 *  nothing is measured now, so building a table never forces a layout. */
export function watch(wrapper) {
  if (observer) observer.observe(wrapper);
}

/** Stop watching a wrapper that left the page. */
export function unwatch(wrapper) {
  if (observer) observer.unobserve(wrapper);
}

/** Mark every wide table of the current page, and keep the marks right when the page is resized. */
export function start() {
  for (const wrapper of document.querySelectorAll(WRAPPER)) {
    mark(wrapper);
    if (observer) observer.observe(wrapper);
  }
}
