// IECMH Competency Atlas: what the self-assessment prints. "report": the page a user hands a reflective supervisor
// (name, date, category, requirements, then the gap report, then every item with its rating, evidence and note);
// "blank": the empty form on paper. Built only when printing; text goes in as text, never as HTML.
import { el } from "../shared/dom.mjs";
import { carriedSentence, entered } from "./outline.mjs";
import { progress, ratingLabel, requirementStatus, unitWords } from "./report.mjs";
import { answerOf } from "./state.mjs";

/** Today's date in the user's time zone, as YYYY-MM-DD. */
export function localDay(date) {
  const pad = (n) => String(n).padStart(2, "0");
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** A label and its value as a row of a definition list. */
const fact = (label, value) => [el("dt", { text: label }), el("dd", { text: value })];

/** A box to tick on paper, with its label. */
const paperBox = (label) => el("span", { class: "atlas-paper-choice" }, "\u2610 ", label);

/** The head of the printout: title, who, when, category, target and what is entered. */
function head(data, state, mode, date) {
  const [, many] = unitWords(data);
  const { rated, total } = progress(data, state);
  const target = ratingLabel(data, data.target) ?? String(data.target);
  const category = `${data.category.name} (${data.category.code})`;
  const blank = mode === "blank";
  const name = typeof state.name === "string" && state.name.trim() ? state.name : null;
  const facts = el("dl", { class: "atlas-print-facts" },
    fact("Name", blank || !name ? (blank ? "" : "(not given)") : name),
    fact("Date", blank ? "" : localDay(date)),
    fact("Category", category),
    fact("Target level", target),
    blank ? [] : fact("Rated", `${rated} of ${total} ${many}`),
    fact("Dataset version", data.dataset_version ?? ""));
  const coverage = entered(data);
  const carried = blank ? null : carriedSentence(data, state);
  return [
    el("h2", { text: `${blank ? "Self-assessment form" : "Self-assessment report"}: ${category}` }),
    facts,
    coverage.complete ? null : el("p", { class: "atlas-print-entered" }, coverage.sentences.join(" ")),
    carried ? el("p", { text: carried }) : null,
  ];
}

/** The levels and what each means (on the blank form, so the paper explains itself). */
function levels(data) {
  const scale = data.scale;
  return [el("h3", { text: "What the levels mean" }),
    el("dl", { class: "atlas-print-levels" }, [...scale.levels, scale.not_enough_info].flatMap((lv) => fact(lv.label, lv.description ?? "")))];
}

/** Every requirement with its status (report) or a line to fill in (blank form). */
function requirements(data, state, mode) {
  if (!data.requirements?.length) {
    return [el("h3", { text: "Requirements" }), el("p", { text: "The requirements of this category are not yet entered in the Atlas." })];
  }
  const statuses = requirementStatus(data, state);
  const rows = data.requirements.map((req, i) => {
    const s = statuses[i];
    const wanted = req.kind === "check" ? (req.summary ?? "yes / no") : `${req.required} ${req.unit ?? (req.kind === "years" ? "years" : "")}`.trim();
    const cells = mode === "blank" ? [wanted, ""] : [s.met ? "Met" : `Not yet${s.shortfall && s.shortfall !== "not yet" ? `: ${s.shortfall}` : ""}`, s.detail ?? ""];
    return el("tr", {}, el("th", { scope: "row", text: req.label }), cells.map((text) => el("td", { text })));
  });
  const header = mode === "blank" ? ["Requirement", "Required", "So far"] : ["Requirement", "Status", "So far"];
  return [el("h3", { text: "Requirements" }), el("table", { class: "atlas-print-table" },
    el("thead", {}, el("tr", {}, header.map((h) => el("th", { scope: "col", text: h })))), el("tbody", {}, rows))];
}

/** One item: its text, then its rating, evidence and note (report) or boxes and lines to fill in (blank form). */
function item(data, state, it, mode) {
  const scale = data.scale;
  const text = el("p", { class: "atlas-print-text", text: it.text });
  if (mode === "blank") {
    return el("div", { class: "atlas-print-item" }, text,
      el("p", {}, "Level: ", [...scale.levels, scale.not_enough_info].map((lv) => paperBox(lv.label))),
      el("p", {}, "Evidence: ", scale.evidence.map((ev) => paperBox(ev.label))),
      el("p", { class: "atlas-paper-note" }, "Note:"));
  }
  const answer = answerOf(state, it.id) ?? {};
  const evidence = (answer.evidence ?? []).map((id) => scale.evidence.find((ev) => ev.id === id)?.label ?? id);
  const rating = ratingLabel(data, answer.rating) ?? "Not yet rated";
  return el("div", { class: "atlas-print-item" }, text,
    el("p", {}, el("strong", { text: "Rating: " }), rating),
    el("p", {}, el("strong", { text: "Evidence: " }), evidence.length ? evidence.join("; ") : "none ticked"),
    answer.note ? el("p", { class: "atlas-print-note" }, el("strong", { text: "Note: " }), answer.note) : null,
    answer.carried_from ? el("p", { class: "atlas-meta", text: `Carried over from the ${answer.carried_from.toUpperCase()} self-assessment.` }) : null);
}

/** Every item by domain and knowledge area. */
function items(data, state, mode) {
  const [, many] = unitWords(data);
  const title = mode === "blank" ? `The ${many}` : "Ratings, evidence and notes";
  return [el("h3", { text: title }), data.domains.map((domain) => {
    const inDomain = data.items.filter((it) => it.domain === domain.id);
    if (!inDomain.length) return null;
    let lastKa = null;
    const nodes = [el("h4", { text: domain.name })];
    for (const it of inDomain) {
      if (data.unit === "indicator" && it.ka !== lastKa) {
        nodes.push(el("p", { class: "atlas-print-ka", text: it.ka_name }));
        lastKa = it.ka;
      }
      nodes.push(item(data, state, it, mode));
    }
    return el("div", { class: "atlas-print-domain" }, nodes);
  })];
}

/** Fill the two print sections: head (before the gap report) and body (after it) for mode "report" or "blank". */
export function renderPrint(headSection, bodySection, data, state, mode, date) {
  headSection.replaceChildren(...[head(data, state, mode, date), mode === "blank" ? levels(data) : null,
    requirements(data, state, mode)].flat(Infinity).filter(Boolean));
  bodySection.replaceChildren(...[items(data, state, mode),
    el("p", { class: "atlas-meta", text: `Made with the IECMH Competency Atlas self-assessment (dataset version ${data.dataset_version ?? ""}).` })]
    .flat(Infinity).filter(Boolean));
}
