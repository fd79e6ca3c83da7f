// IECMH Competency Atlas: the self-assessment page. DOM glue only; the logic lives in state.mjs, report.mjs and
// formats.mjs, the saving in saved.mjs. Everything from the data or from the user is put into the page with
// textContent, never as HTML. Nothing is sent anywhere: answers live in localStorage and in files the user downloads.
import { downloadText, el, onStorageChange, readChosenFile } from "../shared/dom.mjs";
import { SavedWorkPage } from "../shared/editing.mjs";
import { whenIdle, yieldToMain } from "../shared/tasks.mjs";
import { fileName, parseImport, toJSON } from "./formats.mjs";
import { ContentsView, wideScreen } from "./contents-view.mjs";
import { ItemsView } from "./items-view.mjs";
import { LazyLogs } from "./logs-lazy.mjs";
import { carriedSentence, entered } from "./outline.mjs";
import { renderPrint } from "./print-view.mjs";
import { nextUnrated, progress } from "./report.mjs";
import { renderRemoved, renderReport } from "./report-view.mjs";
import { RequirementsView } from "./requirements-view.mjs";
import { RatersView } from "./raters-view.mjs";
import { hasCompanion } from "./raters.mjs";
import { openSaved } from "./saved.mjs";
import { NAME_CHARS, emptyState, setName } from "./state.mjs";

/** The downloads; make(app, now, exports) gets exports.mjs (the Markdown and CSV writers, loaded on first use). */
const EXPORTS = {
  md: { label: "Download Markdown", type: "text/markdown", make: (app, now, x) => x.toMarkdown(app.data, app.state, now, app.raters.companion) },
  csv: { label: "Download CSV", type: "text/csv", make: (app, now, x) => x.toCSV(app.data, app.state, app.raters.companion) },
  json: { label: "Download JSON", type: "application/json", make: (app, now) => toJSON(app.data, app.state, now, app.raters.companion) },
};

const XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
/** Whether the page's data holds the Getting Started grid's layout (the same test as grid-xlsx.mjs's hasGrid). */
const hasGridLayout = (data) => Array.isArray(data.grid?.rows);

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
    this.view = { filter: "all", compact: false, contentsOpen: wideScreen(), actionsOpen: wideScreen(),
      requirementsOpen: wideScreen() };
    this.printMode = "report";
    this.watchPrinting();
    this.raters = new RatersView(this);
    if (this.raters.messages.length) this.startupMessage = [this.startupMessage, ...this.raters.messages].filter(Boolean).join(" ");
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
    this.status = el("p", { class: "atlas-status", id: "atlas-status", role: "status", "aria-live": "polite" });
    this.storageWarning = el("p", { class: "atlas-warning", role: "alert", hidden: this.texts.available },
      "This browser is not letting the page save your answers (storage is turned off or full). You can keep " +
      "working: download the JSON file before you leave, and import it next time.");
    this.removedBox = el("section", { class: "atlas-removed", hidden: true, "aria-labelledby": "atlas-removed-title" });
    renderRemoved(this.removedBox, this.data, this.state);
    this.requirements = new RequirementsView(this);
    if (this.data.items.length === 0) {
      this.mountWithoutItems();
      return;
    }
    this.contents = new ContentsView(this);
    this.root.append(this.storageWarning, ...this.toolbar(), this.notices(), this.contents.nav(), this.removedBox);
    this.root.querySelector(".atlas-actions-box").after(this.raters.actions()); // below the bar, so a phone keeps its room
    this.items = new ItemsView(this);
    this.logsView = new LazyLogs(this);
    this.form = el("div", { class: "atlas-assess-form" }, this.scaleHelp(), this.requirementsBox(),
      this.logsView.section(), this.items.section(() => generation === this.generation));
    this.contents.applyCompact();
    this.ready = Promise.all([this.items.ready, this.logsView.started]).then(([finished]) => {
      if (finished) this.logsView.renderLinks();
      if (finished) this.root.dataset.built = "true";
      if (finished) this.contents.apply();
      return finished;
    });
    this.report = el("section", { class: "atlas-report", "aria-labelledby": "atlas-report-title", hidden: true });
    this.printHead = el("section", { class: "atlas-print atlas-print-head", "aria-label": "Printed report" });
    this.printBody = el("section", { class: "atlas-print atlas-print-body", "aria-label": "Printed items" });
    this.root.append(this.form, this.printHead, this.report, this.printBody, ...this.raters.sections());
    this.renderSummary();
    if (this.startupMessage) this.say(this.startupMessage);
  }

  /** A toolbar button whose messages appear in the status line (tied to it with aria-describedby). */
  button(label, action, attrs = {}) {
    const button = el("button", { type: "button", class: "md-button", "aria-describedby": "atlas-status", ...attrs }, label);
    button.addEventListener("click", action);
    return button;
  }

  /** The toolbar: progress, the next unrated item, the gap report and the status line (sticky on wide screens);
   *  then the view choices and, in a disclosure (closed at first on phones), saving, printing and importing. */
  toolbar() {
    const total = this.data.items.length;
    this.progressBar = el("progress", { max: total, value: 0, "aria-labelledby": "atlas-progress-label" });
    this.progressText = el("span", { id: "atlas-progress-label" });
    const next = this.button("Go to the next unrated item", () => this.goToNextUnrated());
    this.viewButton = this.button("Show the gap report", () => this.toggleView(),
      { class: "md-button md-button--primary", "aria-pressed": "false" });
    return [el("div", { class: "atlas-toolbar" },
      el("p", { class: "atlas-progress" }, this.progressBar, " ", this.progressText, " ", next, " ", this.viewButton),
      this.status), this.contents.controls(), this.actions()];
  }

  /** Downloads, printing, import and start over, the name for the printout, in a disclosure. */
  actions() {
    const downloads = Object.entries(EXPORTS).map(([kind, { label }]) =>
      this.button(label, () => this.download(kind), { "data-export": kind }));
    if (hasGridLayout(this.data)) {
      downloads.push(this.button("Download the Getting Started grid (.xlsx)", () => this.downloadGrid(), { "data-export": "xlsx" }));
    }
    const print = this.button("Print the report", () => this.print("report"));
    const blank = this.button("Print the blank form", () => this.print("blank"));
    this.fileInput = el("input", { type: "file", accept: ".json,application/json", id: "atlas-import",
      "aria-describedby": "atlas-status" });
    this.fileInput.addEventListener("change", () => this.importFile());
    const startOver = this.button("Start over", () => this.startOver());
    const name = el("input", { type: "text", id: "atlas-name", maxlength: NAME_CHARS, autocomplete: "name",
      value: this.state.name ?? "" });
    name.addEventListener("input", () => this.update(() => setName(this.state, name.value), null, name));
    const details = el("details", { class: "atlas-actions-box" },
      el("summary", { text: "Save, print or import" }),
      el("p", { class: "atlas-actions" }, ...downloads.flatMap((b) => [b, " "]), print, " ", blank),
      // the import before the name: on a phone its message (in the status line at the top) then stays near it
      el("p", { class: "atlas-actions" },
        el("label", { for: "atlas-import" }, "Import a JSON export: "), this.fileInput, " ", startOver),
      el("p", { class: "atlas-name" }, el("label", { for: "atlas-name", text: "Your name on the printed report (optional): " }), name));
    details.open = this.view.actionsOpen;
    details.addEventListener("toggle", () => { this.view.actionsOpen = details.open; });
    return details;
  }

  /** The requirements tracker in a disclosure, open at first on wide screens (on a phone it would push the first
   *  item two screens down). */
  requirementsBox() {
    const details = el("details", { class: "atlas-requirements-box" },
      el("summary", { text: "Requirements: what you have met so far" }), this.requirements.section());
    details.open = this.view.requirementsOpen;
    details.addEventListener("toggle", () => { this.view.requirementsOpen = details.open; });
    return details;
  }

  /** What is entered for this category so far (when not everything is) and the answers carried over. */
  notices() {
    this.carriedNotice = el("p", { class: "atlas-notice atlas-carried-summary", hidden: true });
    const coverage = entered(this.data);
    return el("div", { class: "atlas-notices" },
      coverage.complete ? null : el("p", { class: "atlas-notice atlas-entered" }, coverage.sentences.join(" ")),
      this.carriedNotice);
  }

  /** A category without items: say so, keep the requirements tracker (if any) and nothing that needs items. */
  mountWithoutItems() {
    const parts = [this.status, this.storageWarning]; // the page above already says that nothing is entered
    if (this.data.requirements.length) {
      const startOver = this.button("Start over", () => this.startOver());
      parts.push(el("p", {}, "You can still keep track of the requirements below; they are saved in this browser."),
        this.requirements.section(), el("p", { class: "atlas-actions" }, startOver));
    } else {
      parts.push(el("p", {}, "Its requirements are not yet entered in the Atlas either; the category page says what " +
        "is known about it."));
    }
    this.root.append(...parts);
    this.ready = Promise.resolve(true);
    this.requirements.render();
    this.root.dataset.built = "true";
    if (this.startupMessage) this.say(this.startupMessage);
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

  /** Show what one accepted change touched: the item's marks, progress, requirements and the report. A change to
   *  one item leaves the logs section as it is (the logs never read the answers). */
  refresh(itemId) {
    if (itemId) this.items.renderMarks(itemId);
    this.raters.refresh(itemId);
    this.renderSummary(itemId ? { logs: false } : {});
    if (this.status.textContent.startsWith(WORDS.refused)) this.say("");
  }

  /** Progress, requirement statuses, the logs section (unless logs is false) and the gap report for the current
   *  state; the gap report at once while it is shown, else once the browser is idle (see gapReportSoon). */
  renderSummary({ logs = true } = {}) {
    if (!this.data.items.length) {
      this.requirements.render();
      return;
    }
    const { rated, total } = progress(this.data, this.state);
    this.progressBar.value = rated;
    this.progressText.textContent = `${rated} of ${total} rated`;
    this.requirements.render();
    this.contents.render();
    const carried = carriedSentence(this.data, this.state);
    this.carriedNotice.textContent = carried ?? "";
    this.carriedNotice.hidden = !carried;
    if (logs) this.logsView.render();
    this.reportStale = true;
    if (!this.report.hidden) this.showGapReport();
    else this.gapReportSoon();
  }

  /** Build the hidden gap report once the browser is idle (once for changes made meanwhile), so neither the change's
   *  paint nor the next click waits for it, and the report is ready to show soon after (showing or printing it
   *  builds it at once when it is still stale). */
  gapReportSoon() {
    if (this.reportSoon) return;
    this.reportSoon = true;
    whenIdle().then(() => {
      this.reportSoon = false;
      this.showGapReport();
    });
  }

  /** Show what the logs add to the report and the printout, once their code is loaded (see logs-lazy.mjs). */
  logsArrived() {
    this.reportStale = true;
    if (this.printPrepared) this.preparePrint();
    else if (this.report && !this.report.hidden) this.showGapReport();
  }

  /** Build the gap report for the current state when it is stale (before it is shown or printed). */
  showGapReport() {
    if (!this.reportStale || !this.report) return;
    this.reportStale = false;
    renderReport(this.report, this.data, this.state);
    this.raters.renderReport(this.report);
    this.report.append(...this.logsView.reportPart());
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
      if (node.hidden) this.contents.choose("all", true);
      node.scrollIntoView({ block: "center" });
      node.querySelector("input[type=radio]").focus();
    });
  }

  toggleView() {
    if (this.raters.panel) this.raters.show(null);
    this.showingReport = !this.showingReport;
    this.form.hidden = this.showingReport;
    if (this.showingReport) this.showGapReport();
    this.report.hidden = !this.showingReport;
    this.viewButton.setAttribute("aria-pressed", String(this.showingReport));
    this.viewButton.textContent = this.showingReport ? "Back to the questions" : "Show the gap report";
    if (this.showingReport) this.report.querySelector("h2").focus();
  }

  /** Download an export; the Markdown and CSV writers are loaded on first use (the JSON one is always here). */
  async download(kind) {
    const now = new Date();
    const name = fileName(this.data, kind, now);
    let exports = null;
    if (kind !== "json") {
      try {
        exports = await import("./exports.mjs");
      } catch {
        this.say("This download could not be made in this browser. The JSON download has the same answers.");
        return;
      }
    }
    downloadText(EXPORTS[kind].make(this, now, exports), EXPORTS[kind].type, name);
    this.say(`Downloaded ${name}.`);
  }

  /** The Getting Started grid filled in from the answers, as a spreadsheet; its code is loaded on first use only,
   *  so the page's first load does not grow by it. */
  async downloadGrid() {
    const now = new Date();
    const name = fileName(this.data, "xlsx", now);
    try {
      const { gridXlsx } = await import("./grid-xlsx.mjs");
      downloadText(gridXlsx(this.data, this.state, now), XLSX_TYPE, name);
    } catch {
      this.say("The spreadsheet could not be made in this browser. The CSV download has the same answers.");
      return;
    }
    this.say(`Downloaded ${name}.`);
  }

  /** Print the report or the blank form (the browser's print dialog also offers saving as PDF). */
  print(mode) {
    this.preparePrint(mode);
    window.print();
  }

  /** Build what will be printed ("report" or "blank"); printing by the browser's own menu prints the report. */
  preparePrint(mode = this.printMode) {
    if (!this.printHead) return;
    this.printMode = mode;
    this.root.dataset.print = mode;
    this.printPrepared = true;
    this.showGapReport(); // the report is printed too
    renderPrint(this.printHead, this.printBody, this.data, this.state, mode, new Date());
    if (mode === "report" && this.logsView) this.printHead.append(...this.logsView.reportPart());
  }

  /** Build the printout whenever the page is printed, and print the report again after a blank form. */
  watchPrinting() {
    const prepare = () => { if (this.root.isConnected) this.preparePrint(); };
    window.addEventListener("beforeprint", prepare);
    window.addEventListener("afterprint", () => { this.printMode = "report"; });
    if (typeof window.matchMedia === "function") {
      window.matchMedia("print").addEventListener("change", (event) => { if (event.matches) prepare(); });
    }
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
    const hasAnswers = Object.keys(this.state.answers || {}).length || Object.keys(this.state.requirements || {}).length
      || (hasCompanion(result.companion) && hasCompanion(this.raters.companion));
    if (hasAnswers && !window.confirm("Replace your current answers for this category with the imported ones?")) {
      this.say("Import cancelled. Your answers are unchanged.");
      return;
    }
    this.state = result.state;
    if (hasCompanion(result.companion)) this.raters.takeImport(result.companion);
    this.storageWarning.hidden = this.document.slot.write(toJSON(this.data, this.state, new Date())) && this.texts.available;
    this.rebuild();
    await this.logsView.started; // the imported logs are on the page (and in the report) when the import is told
    if (this.fileInput) this.fileInput.focus();
    const removed = result.removed.length ? ` ${result.removed.length} answer(s) refer to items no longer in the data; ` +
      "they are listed at the top and kept." : "";
    this.say(`Imported ${Object.keys(result.state.answers).length} answers from ${chosen.name}.${removed}`);
  }

  startOver() {
    if (!window.confirm("Start over? This clears every answer, requirement entry and log entry for this category in this browser.")) {
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
  onStorageChange(root, (event) => app.receive(event));
  root.atlasApp = app; // for the benchmark and tests
  // Reading the saved answers and building the page are each their own task (on a slow phone each is tens of ms);
  // ready covers both (a change saved in another tab meanwhile has mounted it already).
  app.ready = yieldToMain().then(() => {
    if (!app.status) app.mount();
    return app.ready;
  });
}
