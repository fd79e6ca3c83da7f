// IECMH Competency Atlas: the self-assessment's requirements tracker (a checkbox or numbers per requirement).
import { el } from "../shared/dom.mjs";
import { requirementStatus } from "./report.mjs";
import { setRequirement } from "./state.mjs";

const MAIN_KEY = { hours: "hours", years: "years", count: "count" };

/** The requirements section of one mount: app gives data, the current state and update(change, itemId, anchor). */
export class RequirementsView {
  constructor(app) {
    this.app = app;
    this.data = app.data;
    this.statusNodes = {};
  }

  /** The section: one row per requirement of the category, or a note that none are entered. */
  section() {
    const rows = this.data.requirements.map((req) => this.row(req));
    return el("section", { class: "atlas-requirements", "aria-labelledby": "atlas-req-title" },
      el("h2", { id: "atlas-req-title", text: "Requirements" }),
      rows.length ? el("div", {}, rows)
        : el("p", {}, "The requirements of this category are not yet entered in the Atlas."));
  }

  /** Save one requirement entry (null removes it) through the app. */
  change(req, value, anchor) {
    this.app.update(() => setRequirement(this.app.state, req.id, value, this.data), null, anchor);
  }

  /** A checkbox for a yes/no requirement. */
  checkFields(req, saved, described) {
    const box = el("input", { type: "checkbox", id: `atlas-req-${req.id}`, "aria-describedby": described });
    box.checked = saved.met === true;
    box.addEventListener("change", () => this.change(req, box.checked ? { met: true } : null, box));
    return [box, " ", el("label", { for: box.id, text: req.label + (req.summary ? ` (${req.summary})` : "") })];
  }

  /** Number fields for hours (with their parts), years or a count. */
  amountFields(req, saved, described) {
    const number = (id, label, value, step) => {
      const input = el("input", { type: "number", min: 0, step, id, inputmode: "decimal",
        value: value ?? "", "aria-describedby": described });
      return [el("label", { for: id, text: label }), input];
    };
    const key = MAIN_KEY[req.kind];
    const unit = req.unit || { years: "years", count: "ratings" }[req.kind];
    const main = number(`atlas-req-${req.id}`, `${req.label}: ${unit} so far (required: ${req.required})`,
      saved[key], req.kind === "count" ? 1 : "any");
    const parts = (req.parts || []).map((part) => number(`atlas-req-${part.id.replace(/\./g, "-")}`,
      `of which ${part.label} (required: ${part.required})`, (saved.parts || {})[part.id], "any"));
    const read = () => {
      const value = (input) => (input.value.trim() === "" ? null : Number(input.value));
      const total = value(main[1]);
      const partValues = {};
      (req.parts || []).forEach((part, i) => {
        const v = value(parts[i][1]);
        if (v !== null) partValues[part.id] = v;
      });
      if (total === null && !Object.keys(partValues).length) return null;
      const entry = { [key]: total ?? 0 };
      if (req.kind === "hours" && (req.parts || []).length) entry.parts = partValues;
      return entry;
    };
    for (const input of [main[1], ...parts.map((p) => p[1])]) {
      input.addEventListener("change", () => this.change(req, read(), input));
    }
    return [el("span", { class: "atlas-req-field" }, main),
      ...parts.map((p) => el("span", { class: "atlas-req-field atlas-req-part" }, p))];
  }

  /** One requirement's row with its status. */
  row(req) {
    const saved = (this.app.state.requirements || {})[req.id] || {};
    const described = `atlas-req-${req.id}-status`;
    const status = el("span", { class: "atlas-req-status", id: described });
    this.statusNodes[req.id] = status;
    const fields = req.kind === "check" ? this.checkFields(req, saved, described) : this.amountFields(req, saved, described);
    return el("div", { class: "atlas-req" }, ...fields, " ", status);
  }

  /** Show each requirement's status for the current state. */
  render() {
    for (const status of requirementStatus(this.data, this.app.state)) {
      const node = this.statusNodes[status.id];
      if (!node) continue;
      let text = status.met ? "Met" : status.shortfall && status.shortfall !== "not yet" ? `Not yet: ${status.shortfall}` : "Not yet";
      if (status.from_log) text += " (counted from your log below; the numbers here are kept but not counted)";
      if (node.textContent !== text) node.textContent = text;
      node.setAttribute("aria-live", "polite"); // after the first fill: a change is announced, the page's load is not
    }
  }
}
