// IECMH Competency Atlas: the self-assessment page. DOM glue only; the logic lives in state.mjs, report.mjs and
// formats.mjs, the saving in saved.mjs. Everything from the data or from the user is put into the page with
// textContent, never as HTML. Nothing is sent anywhere: answers live in localStorage and in files the user downloads.
import { downloadText, el, onStorageChange, readChosenFile } from "../shared/dom.mjs";
import { SavedWorkPage } from "../shared/editing.mjs";
import { fileName, parseImport, toCSV, toJSON, toMarkdown } from "./formats.mjs";
import { ItemsView } from "./items-view.mjs";
import { nextUnrated, progress } from "./report.mjs";
import { renderRemoved, renderReport } from "./report-view.mjs";
import { RequirementsView } from "./requirements-view.mjs";
import { openSaved } from "./saved.mjs";
import { emptyState } from "./state.mjs";

const EXPORTS = {
  md: { label: "Download Markdown", type: "text/markdown", make: (app, now) => toMarkdown(app.data, app.state, now) },
  csv: { label: "Download CSV", type: "text/csv", make: (app) => toCSV(app.data, app.state) },
  json: { label: "Download JSON", type: "application/json", make: (app, now) => toJSON(app.data, app.state, now) },
};

const WORDS = { saved: "your saved answers", kind: "a self-assessment", thing: "self-assessment",
  advice: "Shorten this note or another one.", refused: "That value was not accepted, so it is not saved: " };

/** The self-assessment of one category, mounted in its root element. */
class AssessmentApp extends SavedWorkPage {
  constructor(root, data) {
    super(root, data, WORDS, openSaved);
    this.state = this.opened.state;
    this.removed = this.opened.removed;
    this.showingReport = false;
    this.generation = 0;
  }

  /** The item fieldsets by item id (of the current mount). */
  get itemNodes() {
    return this.items.nodes;
  }

  /** Build the whole interface. */
  mount() {
    this.generation += 1;
    const generation = this.generation;
    this.root.dataset.built = "false";
    this.root.replaceChildren();
    this.status = el("p", { class: "atlas-status", role: "status", "aria-live": "polite" });
    this.storageWarning = el("p", { class: "atlas-warning", role: "alert", hidden: this.texts.available },
      "This browser is not letting the page save your answers (storage is turned off or full). You can keep " +
      "working: download the JSON file before you leave, and import it next time.");
    this.removedBox = el("section", { class: "atlas-removed", hidden: true, "aria-labelledby": "atlas-removed-title" });
    renderRemoved(this.removedBox, this.data, this.state);
    this.root.append(this.status, this.storageWarning, this.toolbar(), this.removedBox);
    this.requirements = new RequirementsView(this);
    this.items = new ItemsView(this);
    this.form = el("div", { class: "atlas-assess-form" }, this.scaleHelp(), this.requirements.section(),
      this.items.section(() => generation === this.generation));
    this.ready = this.items.ready.then((finished) => {
      if (finished) this.root.dataset.built = "true";
      return finished;
    });
    this.report = el("section", { class: "atlas-report", "aria-labelledby": "atlas-report-title", hidden: true });
    this.root.append(this.form, this.report);
    this.renderSummary();
    if (this.startupMessage) this.say(this.startupMessage);
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
    const downloads = Object.entries(EXPORTS).map(([kind, { label }]) => {
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

  scaleHelp() {
    const scale = this.data.scale;
    return el("details", { class: "atlas-scale" },
      el("summary", { text: "What the levels mean" }),
      el("dl", {}, [...scale.levels, scale.not_enough_info].flatMap((lv) => [
        el("dt", { text: lv.label }), el("dd", { text: lv.description })])));
  }

  /** The answers (what SavedWorkPage saves). */
  get value() {
    return this.state;
  }

  set value(state) {
    this.state = state;
  }

  /** Apply one change through a state function and save it (merged with what another tab saved meanwhile); a
   *  refused change keeps the old state, says why in the status line and next to anchor, and returns false. */
  update(change, itemId = null, anchor = null) {
    return this.take(change, anchor, itemId) === null;
  }

  /** Show what one accepted change touched: the item's marks, progress, requirements and the report. */
  refresh(itemId) {
    if (itemId) this.items.renderMarks(itemId);
    this.renderSummary();
    if (this.status.textContent.startsWith(WORDS.refused)) this.say("");
  }

  /** Progress, requirement statuses and the gap report for the current state. */
  renderSummary() {
    const { rated, total } = progress(this.data, this.state);
    this.progressBar.value = rated;
    this.progressText.textContent = `${rated} of ${total} rated`;
    this.requirements.render();
    renderReport(this.report, this.data, this.state);
  }

  goToNextUnrated() {
    const current = document.activeElement && document.activeElement.closest
      ? document.activeElement.closest("[data-item]") : null;
    const id = nextUnrated(this.data, this.state, current ? current.dataset.item : null);
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

  download(kind) {
    const now = new Date();
    const name = fileName(this.data, kind, now);
    downloadText(EXPORTS[kind].make(this, now), EXPORTS[kind].type, name);
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
    const result = parseImport(chosen.text, this.data);
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
    this.storageWarning.hidden = this.document.slot.write(toJSON(this.data, this.state, new Date())) && this.texts.available;
    this.rebuild();
    const removed = result.removed.length ? ` ${result.removed.length} answer(s) refer to items no longer in the data; ` +
      "they are listed at the top and kept." : "";
    this.say(`Imported ${Object.keys(result.state.answers).length} answers from ${chosen.name}.${removed}`);
  }

  startOver() {
    if (!window.confirm("Start over? This clears every answer and requirement entry for this category in this browser.")) {
      return;
    }
    this.state = emptyState(this.data);
    this.document.slot.clear();
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
  onStorageChange(root, (event) => app.receive(event));
  root.atlasApp = app; // for the benchmark and tests
}
