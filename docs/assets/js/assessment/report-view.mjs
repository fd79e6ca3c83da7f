// IECMH Competency Atlas: the self-assessment's gap report on the page (readiness chart and table, gaps, strengths)
// and the list of answers to items the data no longer has. Text goes in as text, never as HTML.
import { el, fill } from "../shared/dom.mjs";
import { entered } from "./outline.mjs";
import { gapReport, ratingLabel } from "./report.mjs";

const SVG = "http://www.w3.org/2000/svg";

/** A rating's label for the page ("not rated" for none). */
const labelOf = (data, rating) => ratingLabel(data, rating) ?? "not rated";

/** An SVG element with attributes. */
function svgNode(tag, attrs = {}, text = null) {
  const node = document.createElementNS(SVG, tag);
  for (const [key, value] of Object.entries(attrs)) node.setAttribute(key, String(value));
  if (text !== null) node.textContent = text;
  return node;
}

/** Inline SVG bars of readiness per domain; the table after it gives the same figures as text. */
function readinessChart(rows) {
  const rowHeight = 40;
  const svg = svgNode("svg", { viewBox: `0 0 400 ${rows.length * rowHeight + 4}`, role: "img",
    "aria-labelledby": "atlas-chart-title", class: "atlas-chart" });
  const title = svgNode("title", { id: "atlas-chart-title" },
    "Share of items at or above the target level, per domain (the table below gives the figures)");
  svg.append(title);
  rows.forEach((row, i) => {
    const y = i * rowHeight + 2;
    // The name and figure above the bar (not beside it): the chart then needs little width, and its text stays
    // readable when a phone scales it down.
    svg.append(svgNode("text", { x: 0, y: y + 15 }, `${row.name}: ${row.percent}%`),
      svgNode("rect", { x: 0, y: y + 21, width: 400, height: 14, class: "atlas-bar-track" }),
      svgNode("rect", { x: 0, y: y + 21, width: 4 * row.percent, height: 14, class: "atlas-bar" }));
  });
  return svg;
}

/** The readiness figures per domain as a table. */
function readinessTable(rows) {
  return el("table", {},
    el("caption", { text: "Items at or above target, per domain" }),
    el("thead", {}, el("tr", {}, ["Domain", "At or above target", "Rated", "Items", "Not enough information"]
      .map((h) => el("th", { scope: "col", text: h })))),
    el("tbody", {}, rows.map((row) => el("tr", {},
      el("th", { scope: "row", text: row.name }), el("td", { text: `${row.atTarget} (${row.percent}%)` }),
      el("td", { text: String(row.rated) }), el("td", { text: String(row.total) }),
      el("td", { text: String(row.nei) })))));
}

/** Fill the report section from the current state. */
export function renderReport(section, data, state) {
  const report = gapReport(data, state);
  const itemLine = (item) => el("li", {}, item.text, el("span", { class: "atlas-meta" },
    ` (${item.ka_name}; ${labelOf(data, item.rating)})`));
  const list = (items, none) => (items.length ? el("ul", {}, items.map(itemLine)) : el("p", { text: none }));
  const unmet = report.requirements.filter((r) => !r.met);
  fill(section, // fill skips the parts that are null (replaceChildren would print "null")
    el("h2", { id: "atlas-report-title", tabindex: "-1",
      text: `Gap report: ${data.category.name} (${data.category.code})` }),
    el("p", {}, `${report.progress.rated} of ${report.progress.total} items rated; target level: ` +
      `${labelOf(data, report.target)}. `),
    entered(data).complete ? null : el("p", { class: "atlas-notice atlas-entered" }, entered(data).sentences.join(" ")),
    el("h3", { text: "Readiness by domain" }),
    readinessChart(report.readiness),
    readinessTable(report.readiness),
    el("h3", { text: "Requirements not yet met" }),
    data.requirements.length === 0 ? el("p", { text: "The requirements of this category are not yet entered." })
      : unmet.length ? el("ul", {}, unmet.map((r) => el("li", {}, `${r.label}: ${r.shortfall || "not yet"}`)))
        : el("p", { text: "All listed requirements are met." }),
    el("h3", { text: "Below target" }),
    report.gaps.length ? el("div", {}, report.gaps.map((group) => [el("h4", { text: group.name }),
      el("ul", {}, group.items.map(itemLine))])) : el("p", { text: "No rated item is below the target." }),
    el("h3", { text: "Strengths" }),
    list(report.strengths, "No item is rated at the target yet."),
    el("h3", { text: "Not enough information to rate" }),
    list(report.notEnoughInfo, "None."),
    el("p", {}, `Not yet rated: ${report.unrated.length}.`));
}

/** Fill (or hide) the box that lists answers to items that are no longer in the data. */
export function renderRemoved(box, data, state) {
  const orphans = state.orphans || {};
  const ids = Object.keys(orphans).sort();
  box.hidden = ids.length === 0;
  if (!ids.length) return;
  box.replaceChildren(
    el("h2", { id: "atlas-removed-title", text: "Answers to items that are no longer in the data" }),
    el("p", {}, "The competency data has changed since you answered these. Your answers are kept here and in " +
      "every JSON export; they do not count towards your progress."),
    el("ul", {}, ids.map((id) => el("li", {},
      el("code", { text: id }), ": ", labelOf(data, orphans[id].rating),
      orphans[id].note ? " (note: " + orphans[id].note + ")" : ""))));
}
