// IECMH Competency Atlas: the comparison picker and the matched/unmatched filter (DOM glue only).
import { pairKey, rowVisible } from "./compare-core.mjs";

/** Wire the picker of the comparison index page, if this page has one. */
function startPicker() {
  const form = document.querySelector(".atlas-compare-picker");
  if (!form || form.dataset.ready) return;
  form.dataset.ready = "true";
  form.hidden = false;
  const first = form.querySelector("#atlas-compare-first");
  const second = form.querySelector("#atlas-compare-second");
  const message = form.querySelector(".atlas-compare-message");
  const order = [...first.options].map((o) => o.value);
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const key = pairKey(first.value, second.value, order);
    if (!key) {
      message.textContent = "Pick two different categories.";
      return;
    }
    const marker = document.querySelector(`[data-atlas-pair="${CSS.escape(key)}"]`);
    const link = marker && marker.nextElementSibling?.matches("a[href]") ? marker.nextElementSibling : null;
    if (link) window.location.assign(link.href);
    else message.textContent = "There is no side-by-side page for this pair; the crosswalk matrix shows which " +
      "knowledge areas each category includes.";
  });
}

/** Wire the matched/unmatched filter of a comparison page, if this page has one. */
function startFilter() {
  const fieldset = document.querySelector(".atlas-compare-filter");
  if (!fieldset || fieldset.dataset.ready) return;
  fieldset.dataset.ready = "true";
  fieldset.hidden = false;
  const apply = () => {
    const filter = fieldset.querySelector("input:checked").value;
    for (const marker of document.querySelectorAll("[data-atlas-row]")) {
      marker.closest("tr").hidden = !rowVisible(marker.dataset.atlasRow, filter);
    }
  };
  for (const input of fieldset.querySelectorAll("input")) input.addEventListener("change", apply);
  apply();
}

/** Start the picker and the filter on the current page (called by atlas.mjs on every page change). */
export function start() {
  startPicker();
  startFilter();
}
