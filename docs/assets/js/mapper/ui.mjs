// IECMH Competency Atlas: the coursework mapper page. DOM glue only; the logic lives in state.mjs, coverage.mjs,
// formats.mjs and courses-csv.mjs, the saving in saved.mjs. Text from the data, the user or imported files is always
// put in the page with textContent, never as HTML.
import { downloadText, el, fill, onStorageChange, readChosenFile, showFieldMessage } from "../shared/dom.mjs";
import { SavedWorkPage } from "../shared/editing.mjs";
import { csvTemplate, parseCoursesCSV } from "./courses-csv.mjs";
import { renderCoverage } from "./coverage-view.mjs";
import { renderEditor } from "./editor-view.mjs";
import { fileName, parseProgramJSON, toMatrixCSV, toProgramJSON, toProgramYAML } from "./formats.mjs";
import { addCourseForm, programSection, renderCourses } from "./program-view.mjs";
import { openSaved } from "./saved.mjs";
import { emptyProgram } from "./state.mjs";

const DOWNLOADS = {
  template: { label: "Download the CSV template", type: "text/csv", make: (app) => csvTemplate(app.data, app.program) },
  csv: { label: "Download the matrix (CSV)", type: "text/csv", make: (app) => toMatrixCSV(app.data, app.program) },
  json: { label: "Download JSON", type: "application/json", make: (app) => toProgramJSON(app.program) },
  yaml: { label: "Download the YAML program file", type: "application/yaml", make: (app) => toProgramYAML(app.program) },
};

const WORDS = { saved: "the map", kind: "a map", thing: "map", advice: "Remove some entries first.", refused: "Not changed: " };

/** Whether a program holds anything the user made (a course, a target or other names than a new map's). */
function hasWork(program, data) {
  const fresh = emptyProgram(data);
  return program.courses.length > 0 || program.target_categories.length > 0
    || ["id", "institution", "program"].some((key) => program[key] !== fresh[key]);
}

class MapperApp extends SavedWorkPage {
  constructor(root, data) {
    super(root, data, WORDS, openSaved);
    this.program = this.opened.program;
    this.editing = this.program.courses.length ? this.program.courses[0].code : null;
  }

  /** The map (what SavedWorkPage saves). */
  get value() {
    return this.program;
  }

  set value(program) {
    this.program = program;
  }

  /** Apply one change through a state function and save it (merged with what another tab saved meanwhile); true
   *  when it was taken. A refused change keeps the old program and says why in the status line and next to anchor. */
  change(fn, anchor = null) {
    return this.take(fn, anchor) === null;
  }

  rebuild() {
    this.mount();
  }

  refresh() {
    this.renderAll();
  }

  renderCourses() {
    renderCourses(this.coursesBox, this);
  }

  renderEditor() {
    renderEditor(this.editorBox, this);
  }

  renderAll() {
    this.renderCourses();
    this.renderEditor();
    renderCoverage(this.coverageBox, this.data, this.program);
  }

  mount() {
    fill(this.root);
    this.status = el("p", { class: "atlas-status", role: "status", "aria-live": "polite" });
    this.storageWarning = el("p", { class: "atlas-warning", role: "alert", hidden: this.texts.available },
      "This browser is not letting the page save your map (storage is turned off or full). Keep working, and " +
      "download the JSON file before you leave.");
    this.importErrors = el("div", { class: "atlas-import-errors", role: "alert" });
    this.coursesBox = el("div", { class: "atlas-courses" });
    this.editorBox = el("div", { class: "atlas-editor" });
    this.coverageBox = el("section", { class: "atlas-coverage", "aria-labelledby": "atlas-coverage-title" });
    this.root.append(this.status, this.storageWarning, this.importErrors, programSection(this),
      el("section", { "aria-labelledby": "atlas-courses-title" },
        el("h2", { id: "atlas-courses-title", text: "Courses" }), addCourseForm(this), this.coursesBox),
      el("section", { "aria-labelledby": "atlas-editor-title" },
        el("h2", { id: "atlas-editor-title", text: "What each course covers" }), this.editorBox),
      this.coverageBox, this.filesSection());
    this.renderAll();
    if (this.startupMessage) this.say(this.startupMessage);
  }

  filesSection() {
    const buttons = Object.entries(DOWNLOADS).map(([kind, { label }]) => {
      const b = el("button", { type: "button", class: "md-button" }, label);
      b.addEventListener("click", () => this.download(kind));
      return [b, " "];
    });
    const input = el("input", { type: "file", id: "atlas-mapper-import", accept: ".csv,.json,text/csv,application/json" });
    input.addEventListener("change", () => this.importFile(input));
    this.fileInput = input;
    const startOver = el("button", { type: "button", class: "md-button" }, "Start over");
    startOver.addEventListener("click", () => {
      if (!window.confirm("Start over? This clears your whole map in this browser.")) return;
      this.program = emptyProgram(this.data);
      this.document.slot.clear();
      this.mount();
      this.say("Started over.");
    });
    return el("section", { "aria-labelledby": "atlas-files-title" },
      el("h2", { id: "atlas-files-title", text: "Import and export" }),
      el("p", {}, buttons),
      el("p", {}, el("label", { for: "atlas-mapper-import", text: "Import a filled-in CSV template or a JSON export: " }), input),
      el("p", {}, startOver));
  }

  download(kind) {
    const name = fileName(this.program, kind, new Date());
    downloadText(DOWNLOADS[kind].make(this), DOWNLOADS[kind].type, name);
    this.say(`Downloaded ${name}.`);
  }

  /** Show why an import was refused (every problem listed, the first also next to the file input); the map stays
   *  as it was. */
  refuseImport(name, errors) {
    this.say(`Import refused: ${errors.length} problem(s) in ${name}; nothing was imported and your map is unchanged.`);
    fill(this.importErrors, el("ul", {}, errors.map((e) => el("li", { text: e }))));
    const more = errors.length > 1 ? ` (and ${errors.length - 1} more, listed at the top of the page)` : "";
    showFieldMessage(this.fileInput, `Not imported: ${errors[0]}${more}`);
  }

  async importFile(input) {
    fill(this.importErrors);
    showFieldMessage(input, "");
    const chosen = await readChosenFile(input, this.data.limits.import_bytes);
    if (!chosen) return;
    if (chosen.refused) {
      this.say(`Import refused: ${chosen.refused} Your map is unchanged.`);
      return;
    }
    const { text, name } = chosen;
    const isJSON = /\.json$/i.test(name) || text.trimStart().startsWith("{");
    if (isJSON) this.importJSON(text, name);
    else this.importCSV(text, name);
  }

  /** A JSON export replaces the whole map, after asking when there is work to lose. */
  importJSON(text, name) {
    const result = parseProgramJSON(text, this.data);
    if (!result.ok) {
      this.refuseImport(name, [result.error]);
      return;
    }
    if (hasWork(this.program, this.data) && !window.confirm("Replace your whole map in this browser with the imported one?")) {
      this.say("Import cancelled. Your map is unchanged.");
      return;
    }
    this.program = result.program;
    this.document.slot.write(toProgramJSON(this.program));
    this.editing = null;
    this.mount();
    this.say(`Imported ${name}: ${this.program.courses.length} course(s).`);
  }

  /** A filled-in CSV template adds its courses (a course of the same code is replaced). */
  importCSV(text, name) {
    const result = parseCoursesCSV(text, this.data, this.program);
    if (!result.ok) {
      this.refuseImport(name, result.errors);
      return;
    }
    const refused = this.take(() => result.program);
    if (refused) {
      this.refuseImport(name, [refused]);
      return;
    }
    this.editing = null;
    this.mount();
    this.say(`Imported ${name}: ${this.program.courses.length} course(s).`);
  }
}

/** Start the mapper on the current page, once (called on every instant navigation). */
export function start() {
  const root = document.getElementById("atlas-mapper");
  const source = document.getElementById("atlas-mapper-data");
  if (!root || !source || root.dataset.ready) return;
  root.dataset.ready = "true";
  const app = new MapperApp(root, JSON.parse(source.textContent));
  app.mount();
  onStorageChange(root, (event) => app.receive(event));
  root.atlasApp = app;
}
