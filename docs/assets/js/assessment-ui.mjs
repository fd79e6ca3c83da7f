// IECMH Competency Atlas: the self-assessment page. DOM glue only; the logic lives in assessment-core.mjs.
// Everything from the data or from the user is put into the page with textContent, never as HTML.
// Nothing is sent anywhere: answers live in localStorage and in files the user downloads.
import * as core from "./assessment-core.mjs";
import { downloadText, el, readChosenFile } from "./dom.mjs";

const SVG = "http://www.w3.org/2000/svg";


/** A DOM-safe id fragment for an item id. */
const domId = (id) => "atlas-item-" + id.replace(/[^A-Za-z0-9_-]/g, "_");

/** Browser storage that reports, instead of throwing, when it is unavailable or full. */
class Store {
  constructor(prefix) {
    this.prefix = prefix + ":";
    this.available = Store.probe();
  }

  static probe() {
    try {
      const key = "iecmh-atlas.probe";
      window.localStorage.setItem(key, "1");
      window.localStorage.removeItem(key);
      return true;
    } catch {
      return false;
    }
  }

  /** The saved text for a category, or null. */
  load(category) {
    try {
      return window.localStorage.getItem(this.prefix + category);
    } catch {
      return null;
    }
  }

  /** Save text for a category; false when the browser refused. */
  save(category, text) {
    try {
      window.localStorage.setItem(this.prefix + category, text);
      return true;
    } catch {
      return false;
    }
  }

  /** Forget a category's answers. */
  remove(category) {
    try {
      window.localStorage.removeItem(this.prefix + category);
    } catch {
      /* nothing saved, nothing to remove */
    }
  }

  /** {categoryId: savedText} for every other category saved in this browser. */
  others(except) {
    const out = {};
    try {
      for (let i = 0; i < window.localStorage.length; i += 1) {
        const key = window.localStorage.key(i);
        if (key && key.startsWith(this.prefix) && key !== this.prefix + except) {
          out[key.slice(this.prefix.length)] = window.localStorage.getItem(key);
        }
      }
    } catch {
      /* storage unavailable: no carry-over */
    }
    return out;
  }
}

/** Run the first step now and each further step in its own task; resolves true when all ran, false if abandoned. */
function inTasks(steps, stillWanted) {
  return new Promise((resolve) => {
    let index = 0;
    const next = () => {
      if (!stillWanted()) {
        resolve(false);
        return;
      }
      if (index === steps.length) {
        resolve(true);
        return;
      }
      steps[index]();
      index += 1;
      setTimeout(next, 0);
    };
    next();
  });
}

/** The self-assessment of one category, mounted in its root element. */
class AssessmentApp {
  constructor(root, data) {
    this.root = root;
    this.data = data;
    this.category = data.category.id;
    this.store = new Store(data.storage_key);
    this.removed = [];
    this.state = this.loadState();
    this.showingReport = false;
  }

  /** Saved answers (validated like an import), carried over where empty, or a fresh state. */
  loadState() {
    let state = core.emptyState(this.data);
    const saved = this.store.load(this.category);
    if (saved) {
      const result = core.parseImport(saved, this.data);
      if (result.ok) {
        state = result.state;
        this.removed = result.removed;
      } else {
        const backup = this.category + ".unreadable";
        this.store.save(backup, saved);
        this.startupMessage = "Saved answers for this category could not be read (" + result.error + "). A copy " +
          `was kept in this browser's storage under "${this.store.prefix}${backup}"; you are starting afresh.`;
      }
    }
    const others = {};
    for (const [id, text] of Object.entries(this.store.others(this.category))) {
      if (!/^[a-z0-9-]+$/.test(id)) continue;
      try {
        const parsed = JSON.parse(text);
        if (parsed && typeof parsed === "object" && parsed.category === id) others[id] = parsed;
      } catch {
        /* unreadable entries of other categories are ignored */
      }
    }
    return core.carryOver(this.data, state, others);
  }

  /** Persist the state; say so on the page when the browser refuses. */
  save() {
    const ok = this.store.save(this.category, core.toJSON(this.data, this.state, new Date()));
    this.storageWarning.hidden = ok && this.store.available;
  }

  /** Build the whole interface. */
  mount() {
    this.generation = (this.generation || 0) + 1;
    this.root.dataset.built = "false";
    this.root.replaceChildren();
    this.status = el("p", { class: "atlas-status", role: "status", "aria-live": "polite" });
    this.storageWarning = el("p", { class: "atlas-warning", role: "alert", hidden: this.store.available },
      "This browser is not letting the page save your answers (storage is turned off or full). You can keep " +
      "working: download the JSON file before you leave, and import it next time.");
    this.root.append(this.status, this.storageWarning, this.toolbar(), this.removedSection());
    this.form = el("div", { class: "atlas-assess-form" }, this.scaleHelp(), this.requirementsSection(),
      this.itemsSection());
    this.report = el("section", { class: "atlas-report", "aria-labelledby": "atlas-report-title", hidden: true });
    this.root.append(this.form, this.report);
    this.updateProgress();
    this.renderReport();
    if (this.startupMessage) this.say(this.startupMessage);
  }

  /** Announce a message in the status line. */
  say(message) {
    this.status.textContent = message;
  }

  toolbar() {
    const total = this.data.items.length;
    this.progressBar = el("progress", { max: total, value: 0, "aria-labelledby": "atlas-progress-label" });
    this.progressText = el("span", { id: "atlas-progress-label" });
    const next = el("button", { type: "button", class: "md-button" }, "Go to the next unrated item");
    next.addEventListener("click", () => this.goToNextUnrated());
    this.viewButton = el("button", { type: "button", class: "md-button md-button--primary", "aria-pressed": "false" },
      "Show the gap report");
    this.viewButton.addEventListener("click", () => this.toggleView());
    const downloads = ["md", "csv", "json"].map((kind) => {
      const label = { md: "Download Markdown", csv: "Download CSV", json: "Download JSON" }[kind];
      const button = el("button", { type: "button", class: "md-button", "data-export": kind }, label);
      button.addEventListener("click", () => this.download(kind));
      return button;
    });
    const print = el("button", { type: "button", class: "md-button" }, "Print or save as PDF");
    print.addEventListener("click", () => this.print());
    this.fileInput = el("input", { type: "file", accept: ".json,application/json", id: "atlas-import" });
    this.fileInput.addEventListener("change", () => this.importFile());
    const startOver = el("button", { type: "button", class: "md-button" }, "Start over");
    startOver.addEventListener("click", () => this.startOver());
    return el("div", { class: "atlas-toolbar" },
      el("p", { class: "atlas-progress" }, this.progressBar, " ", this.progressText, " ", next),
      el("p", { class: "atlas-actions" }, this.viewButton, " ", ...downloads.flatMap((b) => [b, " "]), print),
      el("p", { class: "atlas-actions" },
        el("label", { for: "atlas-import" }, "Import a JSON export: "), this.fileInput, " ", startOver));
  }

  removedSection() {
    this.removedBox = el("section", { class: "atlas-removed", hidden: true, "aria-labelledby": "atlas-removed-title" });
    this.renderRemoved();
    return this.removedBox;
  }

  renderRemoved() {
    const orphans = this.state.orphans || {};
    const ids = Object.keys(orphans).sort();
    this.removedBox.hidden = ids.length === 0;
    if (!ids.length) return;
    const levelLabel = (r) => this.ratingLabel(r);
    this.removedBox.replaceChildren(
      el("h2", { id: "atlas-removed-title", text: "Answers to items that are no longer in the data" }),
      el("p", {}, "The competency data has changed since you answered these. Your answers are kept here and in " +
        "every JSON export; they do not count towards your progress."),
      el("ul", {}, ids.map((id) => el("li", {},
        el("code", { text: id }), ": ", levelLabel(orphans[id].rating),
        orphans[id].note ? " (note: " + orphans[id].note + ")" : ""))));
  }

  ratingLabel(rating) {
    if (rating === "nei") return this.data.scale.not_enough_info.label;
    const level = this.data.scale.levels.find((l) => l.value === rating);
    return level ? level.label : "not rated";
  }

  scaleHelp() {
    const scale = this.data.scale;
    return el("details", { class: "atlas-scale" },
      el("summary", { text: "What the levels mean" }),
      el("dl", {}, [...scale.levels, scale.not_enough_info].flatMap((lv) => [
        el("dt", { text: lv.label }), el("dd", { text: lv.description })])));
  }

  requirementsSection() {
    this.requirementStatus = {};
    const rows = this.data.requirements.map((req) => this.requirementRow(req));
    return el("section", { class: "atlas-requirements", "aria-labelledby": "atlas-req-title" },
      el("h2", { id: "atlas-req-title", text: "Requirements" }),
      rows.length ? el("div", {}, rows)
        : el("p", {}, "The requirements of this category are not yet entered in the Atlas."));
  }

  requirementRow(req) {
    const saved = (this.state.requirements || {})[req.id] || {};
    const status = el("span", { class: "atlas-req-status", id: `atlas-req-${req.id}-status` });
    this.requirementStatus[req.id] = status;
    const described = `atlas-req-${req.id}-status`;
    const number = (id, label, value, step) => {
      const input = el("input", { type: "number", min: 0, step, id, inputmode: "decimal",
        value: value ?? "", "aria-describedby": described });
      return [el("label", { for: id, text: label }), input];
    };
    let fields;
    if (req.kind === "check") {
      const box = el("input", { type: "checkbox", id: `atlas-req-${req.id}`, "aria-describedby": described });
      box.checked = saved.met === true;
      box.addEventListener("change", () => this.update(() =>
        core.setRequirement(this.state, req.id, box.checked ? { met: true } : null, this.data)));
      fields = [box, " ", el("label", { for: box.id, text: req.label + (req.summary ? ` (${req.summary})` : "") })];
    } else {
      const key = { hours: "hours", years: "years", count: "count" }[req.kind];
      const unit = req.unit || { years: "years", count: "ratings" }[req.kind];
      const main = number(`atlas-req-${req.id}`, `${req.label}: ${unit} so far (required: ${req.required})`,
        saved[key], req.kind === "count" ? 1 : "any");
      const parts = (req.parts || []).map((part) => number(`atlas-req-${part.id.replace(/\./g, "-")}`,
        `of which ${part.label} (required: ${part.required})`, (saved.parts || {})[part.id], "any"));
      const inputs = [main[1], ...parts.map((p) => p[1])];
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
      for (const input of inputs) {
        input.addEventListener("change", () => this.update(() => core.setRequirement(this.state, req.id, read(),
          this.data)));
      }
      fields = [el("span", { class: "atlas-req-field" }, main), ...parts.map((p) => el("span",
        { class: "atlas-req-field atlas-req-part" }, p))];
    }
    return el("div", { class: "atlas-req" }, ...fields, " ", status);
  }

  /**
   * The items, one domain at a time: the first domain now, each further one in its own task, so that a long list
   * never keeps the page from answering input for long. `this.ready` resolves once every item is on the page
   * (and the root gets data-built="true"); a newer mount() stops an older one's remaining work.
   */
  itemsSection() {
    const section = el("section", { class: "atlas-items", "aria-labelledby": "atlas-items-title" },
      el("h2", { id: "atlas-items-title",
        text: this.data.unit === "indicator" ? "Indicators" : "Knowledge areas" }));
    this.itemNodes = {};
    const generation = this.generation;
    const steps = this.data.domains.map((domain) => () => this.appendDomain(section, domain));
    this.ready = inTasks(steps, () => generation === this.generation).then((finished) => {
      if (finished) this.root.dataset.built = "true";
      return finished;
    });
    return section;
  }

  /** Append one domain's heading, knowledge-area headings and items. */
  appendDomain(section, domain) {
    const nodes = [el("h3", { text: domain.name })];
    let lastKa = null;
    for (const item of this.data.items.filter((i) => i.domain === domain.id)) {
      if (this.data.unit === "indicator" && item.ka !== lastKa) {
        nodes.push(el("h4", { text: item.ka_name }));
        lastKa = item.ka;
      }
      nodes.push(this.itemFieldset(item));
    }
    section.append(...nodes);
  }

  itemFieldset(item) {
    const answer = (this.state.answers || {})[item.id] || {};
    const base = domId(item.id);
    const scale = this.data.scale;
    const choices = [...scale.levels, scale.not_enough_info].map((level) => {
      const id = `${base}-r-${level.value}`;
      const radio = el("input", { type: "radio", name: `${base}-rating`, id, value: String(level.value) });
      radio.checked = answer.rating === level.value;
      radio.addEventListener("change", () => this.update(() => core.setRating(this.state, item.id,
        level.value === "nei" ? "nei" : Number(level.value), this.data), item.id));
      return el("span", { class: "atlas-choice" }, radio, el("label", { for: id, text: level.label }));
    });
    const clear = el("button", { type: "button", class: "atlas-clear" }, "Clear rating");
    clear.addEventListener("click", () => {
      this.update(() => core.setRating(this.state, item.id, null, this.data), item.id);
      for (const radio of node.querySelectorAll("input[type=radio]")) radio.checked = false;
    });
    const evidence = scale.evidence.map((ev) => {
      const id = `${base}-e-${ev.id}`;
      const box = el("input", { type: "checkbox", id, value: ev.id });
      box.checked = (answer.evidence || []).includes(ev.id);
      box.addEventListener("change", () => this.update(() => core.toggleEvidence(this.state, item.id, ev.id,
        this.data), item.id));
      return el("span", { class: "atlas-choice" }, box, el("label", { for: id, text: ev.label }));
    });
    const noteId = `${base}-note`;
    const note = el("textarea", { id: noteId, rows: 2, maxlength: scale.limits.note_chars });
    note.value = answer.note || "";
    note.addEventListener("input", () => {
      const accepted = this.update(() => core.setNote(this.state, item.id, note.value, this.data), item.id);
      note.setAttribute("aria-invalid", String(!accepted));
    });
    const carried = el("p", { class: "atlas-carried" });
    const node = el("fieldset", { class: "atlas-item", id: base, "data-item": item.id },
      el("legend", { text: item.text }),
      el("div", { class: "atlas-ratings", role: "radiogroup", "aria-label": "Your level" }, choices, clear),
      el("fieldset", { class: "atlas-evidence" }, el("legend", { text: "Evidence you have" }), evidence),
      el("p", { class: "atlas-note" }, el("label", { for: noteId, text: "Note" }), note),
      carried);
    this.itemNodes[item.id] = node;
    this.renderItemMarks(item.id);
    return node;
  }

  /** Show or hide the carried-over marker and the rated mark of one item. */
  renderItemMarks(itemId) {
    const node = this.itemNodes[itemId];
    const answer = (this.state.answers || {})[itemId] || {};
    const marker = node.querySelector(".atlas-carried");
    marker.textContent = answer.carried_from
      ? `Carried over from your ${answer.carried_from.toUpperCase()} answers (an exact match); change it if it does not fit.`
      : "";
    marker.hidden = !answer.carried_from;
    node.classList.toggle("atlas-rated", answer.rating !== undefined);
  }

  /** Apply one change through a core function; keep the old state and say why if it is refused. */
  update(change, itemId = null) {
    let next;
    try {
      next = change();
    } catch (error) {
      this.say("That value was not accepted, so it is not saved: " + error.message);
      return false;
    }
    this.state = next;
    this.save();
    if (itemId) this.renderItemMarks(itemId);
    this.updateProgress();
    this.renderReport();
    if (this.status.textContent.startsWith("That value was not accepted")) this.say("");
    return true;
  }

  updateProgress() {
    const { rated, total } = core.progress(this.data, this.state);
    this.progressBar.value = rated;
    this.progressText.textContent = `${rated} of ${total} rated`;
    for (const status of core.requirementStatus(this.data, this.state)) {
      const node = this.requirementStatus[status.id];
      if (node) node.textContent = status.met ? "Met" : status.shortfall && status.shortfall !== "not yet" ? `Not yet: ${status.shortfall}` : "Not yet";
    }
  }

  goToNextUnrated() {
    const current = document.activeElement && document.activeElement.closest
      ? document.activeElement.closest("[data-item]") : null;
    const id = core.nextUnrated(this.data, this.state, current ? current.dataset.item : null);
    if (!id) {
      this.say("Every item is rated.");
      return;
    }
    if (this.showingReport) this.toggleView();
    this.ready.then(() => {
      const node = this.itemNodes[id];
      if (!node) return;
      node.scrollIntoView({ block: "center" });
      node.querySelector("input[type=radio]").focus();
    });
  }

  toggleView() {
    this.showingReport = !this.showingReport;
    this.form.hidden = this.showingReport;
    this.report.hidden = !this.showingReport;
    this.viewButton.setAttribute("aria-pressed", String(this.showingReport));
    this.viewButton.textContent = this.showingReport ? "Back to the questions" : "Show the gap report";
    if (this.showingReport) this.report.querySelector("h2").focus();
  }

  /** Rebuild the gap report from the current state. */
  renderReport() {
    const report = core.gapReport(this.data, this.state);
    const title = el("h2", { id: "atlas-report-title", tabindex: "-1",
      text: `Gap report: ${this.data.category.name} (${this.data.category.code})` });
    const itemLine = (item) => el("li", {}, item.text, el("span", { class: "atlas-meta" },
      ` (${item.ka_name}; ${this.ratingLabel(item.rating)})`));
    const unmet = report.requirements.filter((r) => !r.met);
    this.report.replaceChildren(
      title,
      el("p", {}, `${report.progress.rated} of ${report.progress.total} items rated; target level: ` +
        `${this.ratingLabel(report.target)}. ${this.data.scale ? "" : ""}`),
      el("h3", { text: "Readiness by domain" }),
      this.readinessChart(report.readiness),
      this.readinessTable(report.readiness),
      el("h3", { text: "Requirements not yet met" }),
      this.data.requirements.length === 0 ? el("p", { text: "The requirements of this category are not yet entered." })
        : unmet.length ? el("ul", {}, unmet.map((r) => el("li", {}, `${r.label}: ${r.shortfall || "not yet"}`)))
          : el("p", { text: "All listed requirements are met." }),
      el("h3", { text: "Below target" }),
      report.gaps.length ? el("div", {}, report.gaps.map((group) => [el("h4", { text: group.name }),
        el("ul", {}, group.items.map(itemLine))])) : el("p", { text: "No rated item is below the target." }),
      el("h3", { text: "Strengths" }),
      report.strengths.length ? el("ul", {}, report.strengths.map(itemLine))
        : el("p", { text: "No item is rated at the target yet." }),
      el("h3", { text: "Not enough information to rate" }),
      report.notEnoughInfo.length ? el("ul", {}, report.notEnoughInfo.map(itemLine)) : el("p", { text: "None." }),
      el("p", {}, `Not yet rated: ${report.unrated.length}.`));
  }

  /** Inline SVG bars of readiness per domain; the table after it gives the same figures as text. */
  readinessChart(rows) {
    const rowHeight = 28;
    const svg = document.createElementNS(SVG, "svg");
    svg.setAttribute("viewBox", `0 0 600 ${rows.length * rowHeight + 4}`);
    svg.setAttribute("role", "img");
    svg.setAttribute("aria-labelledby", "atlas-chart-title");
    svg.setAttribute("class", "atlas-chart");
    const titleNode = document.createElementNS(SVG, "title");
    titleNode.id = "atlas-chart-title";
    titleNode.textContent = "Share of items at or above the target level, per domain (the table below gives the figures)";
    svg.append(titleNode);
    rows.forEach((row, i) => {
      const y = i * rowHeight + 2;
      const label = document.createElementNS(SVG, "text");
      label.setAttribute("x", "0");
      label.setAttribute("y", String(y + 18));
      label.textContent = row.name;
      const track = document.createElementNS(SVG, "rect");
      Object.entries({ x: 260, y: y + 4, width: 280, height: 18, class: "atlas-bar-track" })
        .forEach(([k, v]) => track.setAttribute(k, String(v)));
      const bar = document.createElementNS(SVG, "rect");
      Object.entries({ x: 260, y: y + 4, width: Math.round(2.8 * row.percent), height: 18, class: "atlas-bar" })
        .forEach(([k, v]) => bar.setAttribute(k, String(v)));
      const value = document.createElementNS(SVG, "text");
      value.setAttribute("x", "548");
      value.setAttribute("y", String(y + 18));
      value.textContent = `${row.percent}%`;
      svg.append(label, track, bar, value);
    });
    return svg;
  }

  readinessTable(rows) {
    return el("table", {},
      el("caption", { text: "Readiness by domain" }),
      el("thead", {}, el("tr", {}, ["Domain", "At or above target", "Rated", "Items", "Not enough information"]
        .map((h) => el("th", { scope: "col", text: h })))),
      el("tbody", {}, rows.map((row) => el("tr", {},
        el("th", { scope: "row", text: row.name }), el("td", { text: `${row.atTarget} (${row.percent}%)` }),
        el("td", { text: String(row.rated) }), el("td", { text: String(row.total) }),
        el("td", { text: String(row.nei) })))));
  }

  download(kind) {
    const now = new Date();
    const text = { md: () => core.toMarkdown(this.data, this.state, now), csv: () => core.toCSV(this.data, this.state),
      json: () => core.toJSON(this.data, this.state, now) }[kind]();
    const type = { md: "text/markdown", csv: "text/csv", json: "application/json" }[kind];
    const name = core.fileName(this.data, kind, now);
    downloadText(text, type, name);
    this.say(`Downloaded ${name}.`);
  }

  print() {
    if (!this.showingReport) this.toggleView();
    window.print();
  }

  async importFile() {
    const chosen = await readChosenFile(this.fileInput, this.data.scale.limits.import_bytes);
    if (!chosen) return;
    if (chosen.refused) {
      this.say(`Import refused: ${chosen.refused} Your answers are unchanged.`);
      return;
    }
    const result = core.parseImport(chosen.text, this.data);
    if (!result.ok) {
      this.say(`Import refused: ${result.error} Your answers are unchanged.`);
      return;
    }
    const hasAnswers = Object.keys(this.state.answers || {}).length || Object.keys(this.state.requirements || {}).length;
    if (hasAnswers && !window.confirm("Replace your current answers for this category with the imported ones?")) {
      this.say("Import cancelled. Your answers are unchanged.");
      return;
    }
    this.state = result.state;
    this.save();
    this.rebuild();
    const removed = result.removed.length ? ` ${result.removed.length} answer(s) refer to items no longer in the data; ` +
      "they are listed at the top and kept." : "";
    this.say(`Imported ${Object.keys(result.state.answers).length} answers from ${chosen.name}.${removed}`);
  }

  startOver() {
    if (!window.confirm("Start over? This clears every answer and requirement entry for this category in this browser.")) {
      return;
    }
    this.state = core.emptyState(this.data);
    this.store.remove(this.category);
    this.rebuild();
    this.say("Started over: all answers for this category were cleared.");
  }

  /** Re-create the interface from the state, keeping the status line and the view. */
  rebuild() {
    const message = this.status.textContent;
    const report = this.showingReport;
    this.showingReport = false;
    this.mount();
    this.say(message);
    if (report) this.toggleView();
  }
}

/** Start the self-assessment on the current page, once (called on every instant navigation). */
export function start() {
  const root = document.getElementById("atlas-assessment");
  const source = document.getElementById("atlas-assessment-data");
  if (!root || !source || root.dataset.ready) return;
  root.dataset.ready = "true";
  let data;
  try {
    data = JSON.parse(source.textContent);
  } catch {
    root.textContent = "The self-assessment data of this page could not be read.";
    return;
  }
  const app = new AssessmentApp(root, data);
  app.mount();
  root.atlasApp = app; // for the benchmark and tests
}
