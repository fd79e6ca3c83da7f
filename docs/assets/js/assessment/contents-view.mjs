// IECMH Competency Atlas: the self-assessment's way through a long form: the contents by domain (with counts, each a
// link to its domain), the filters and the compact view. The view choices are kept on the app (not saved), so a
// rebuild keeps them. Text goes in as text, never as HTML.
import { el } from "../shared/dom.mjs";
import { FILTERS, contentsLine, domainContents, matchingIds } from "./outline.mjs";

/** The DOM id of a domain's heading in the items list. */
export const domainHeadingId = (domainId) => "atlas-domain-" + String(domainId).replace(/[^A-Za-z0-9_-]/g, "_");

/** Whether the screen is wide enough to show the disclosures open at first (the theme's phone breakpoint). */
export const wideScreen = () => typeof window.matchMedia !== "function" || window.matchMedia("(min-width: 45em)").matches;

/** The contents, filters and compact view of one mount: app gives data, state, itemNodes, form, ready and view. */
export class ContentsView {
  constructor(app) {
    this.app = app;
    this.data = app.data;
    this.view = app.view; // {filter, compact, contentsOpen}
    this.rows = {};
  }

  /** The filter radios and the compact checkbox. */
  controls() {
    const radios = Object.entries(FILTERS).map(([id, label]) => {
      const radio = el("input", { type: "radio", name: "atlas-filter", id: `atlas-filter-${id}`, value: id });
      radio.checked = this.view.filter === id;
      radio.addEventListener("change", () => {
        if (radio.checked) this.choose(id);
      });
      return el("span", { class: "atlas-choice" }, radio, el("label", { for: radio.id, text: label }));
    });
    this.shown = el("span", { class: "atlas-filter-count", id: "atlas-filter-count", role: "status", "aria-live": "polite" });
    const compact = el("input", { type: "checkbox", id: "atlas-compact" });
    compact.checked = this.view.compact;
    compact.addEventListener("change", () => {
      this.view.compact = compact.checked;
      this.applyCompact();
    });
    return el("div", { class: "atlas-view" },
      el("fieldset", { class: "atlas-filters", "aria-describedby": "atlas-filter-count" },
        el("legend", { text: "Show" }), radios),
      el("span", { class: "atlas-choice" }, compact, el("label", { for: "atlas-compact", text: "Compact view" })),
      this.shown);
  }

  /** The contents: one link per domain with its counts. */
  nav() {
    const list = el("ul", {}, domainContents(this.data, this.app.state).map((row) => {
      const link = el("a", { href: `#${domainHeadingId(row.id)}`, text: row.name });
      link.addEventListener("click", (event) => {
        event.preventDefault();
        this.goTo(row.id);
      });
      this.rows[row.id] = el("span", { class: "atlas-contents-count" });
      return el("li", {}, link, " ", this.rows[row.id]);
    }));
    const details = el("details", { class: "atlas-contents" },
      el("summary", { text: "Contents by domain" }),
      el("nav", { "aria-label": "Contents by domain" }, list));
    details.open = this.view.contentsOpen;
    details.addEventListener("toggle", () => { this.view.contentsOpen = details.open; });
    return details;
  }

  /** Show the counts of each domain for the current state. */
  render() {
    for (const row of domainContents(this.data, this.app.state)) {
      if (this.rows[row.id]) this.rows[row.id].textContent = contentsLine(row);
    }
  }

  /** Scroll to a domain's heading once it is built and move the focus there (its items follow in tab order). */
  goTo(domainId) {
    if (this.app.showingReport) this.app.toggleView();
    this.app.ready.then(() => {
      const heading = document.getElementById(domainHeadingId(domainId));
      if (!heading) return;
      if (heading.closest("[hidden]")) this.choose("all", true);
      heading.scrollIntoView({ block: "start" });
      heading.focus({ preventScroll: true });
    });
  }

  /** Apply a filter chosen by the user (or, with sync, set the radios to it as well). */
  choose(filter, sync = false) {
    this.view.filter = filter;
    if (sync) {
      const radio = document.getElementById(`atlas-filter-${filter}`);
      if (radio) radio.checked = true;
    }
    this.apply();
  }

  /** Show only the items that pass the filter now (an item changed later stays shown until a filter is chosen again). */
  apply() {
    const filter = this.view.filter;
    const shown = new Set(matchingIds(this.data, this.app.state, filter));
    for (const group of this.app.form.querySelectorAll(".atlas-domain")) this.applyTo(group, shown);
    const total = this.data.items.length;
    if (filter === "all") this.shown.textContent = "";
    else if (shown.size === 0) this.shown.textContent = `No item is ${FILTERS[filter].toLowerCase()} now.`;
    else this.shown.textContent = `Showing ${shown.size} of ${total}: ${FILTERS[filter].toLowerCase()}. An item you change stays shown until you choose again.`;
  }

  /** Hide the items of one domain's group that are not in shown, and the headings left without items. */
  applyTo(group, shown = new Set(matchingIds(this.data, this.app.state, this.view.filter))) {
    let any = false;
    let heading = null;
    let headingHasItems = false;
    const closeHeading = () => { if (heading) heading.hidden = !headingHasItems; };
    for (const node of group.children) {
      if (node.tagName === "H4") {
        closeHeading();
        heading = node;
        headingHasItems = false;
      } else if (node.dataset.item) {
        node.hidden = !shown.has(node.dataset.item);
        headingHasItems ||= !node.hidden;
        any ||= !node.hidden;
      }
    }
    closeHeading();
    group.hidden = !any;
  }

  /** Turn the compact view on or off. */
  applyCompact() {
    this.app.form.classList.toggle("atlas-compact", this.view.compact);
  }

  /** Called by the items view after it built a domain's group: apply the filter to it. */
  built(group) {
    if (this.view.filter !== "all") this.applyTo(group);
  }
}
