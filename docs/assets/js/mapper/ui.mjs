// IECMH Competency Atlas: the coursework mapper page. DOM glue only; the logic lives in state.mjs, coverage.mjs,
// formats.mjs and courses-csv.mjs, the saving in saved.mjs. Text from the data, the user or imported files is always
// put in the page with textContent, never as HTML. A change touches only what it changes: a level or hours rewrites
// the coverage cells whose text changed and the course's line in the list, nothing else (see refresh).
import { decodeCSV } from "../shared/csv.mjs";
import { downloadText, el, fill, onStorageChange, readChosenFile, showFieldMessage } from "../shared/dom.mjs";
import { SavedWorkPage } from "../shared/editing.mjs";
import { SavedTexts } from "../shared/storage.mjs";
import { runInPieces, yieldToMain } from "../shared/tasks.mjs";
import { applyImport, csvTemplate, importClashes, importSummaryText, parseCoursesCSV, readCoursesCSV } from "./courses-csv.mjs";
import { prepareCourse } from "./coverage.mjs";
import { CoverageView } from "./coverage-view.mjs";
import { EditorView } from "./editor-view.mjs";
import { fileName, parseProgramJSON, toMatrixCSV, toProgramJSON, toProgramYAML } from "./formats.mjs";
import { addCourseForm, programSection, renderCourses, updateCourseFacts } from "./program-view.mjs";
import { openSaved } from "./saved.mjs";
import { emptyProgram } from "./state.mjs";

const DOWNLOADS = {
  template: { label: "Download the CSV template", type: "text/csv", make: (app) => csvTemplate(app.data, app.program) },
  csv: { label: "Download the matrix (CSV)", type: "text/csv", make: (app) => toMatrixCSV(app.data, app.program) },
  json: { label: "Download JSON", type: "application/json", make: (app) => toProgramJSON(app.program) },
  yaml: { label: "Download the YAML program file", type: "application/yaml", make: (app) => toProgramYAML(app.program) },
};

const WORDS = { saved: "the map", kind: "a map", thing: "map", advice: "Remove some entries first.", refused: "Not changed: " };

/** Scroll a message just enough that it is on screen (an import happens at the foot of a long page), now and once
 *  more after the next frame, when tables above that had been skipped off screen (content-visibility) are laid out. */
function reveal(node) {
  node.scrollIntoView({ block: "nearest" });
  requestAnimationFrame(() => setTimeout(() => node.isConnected && node.scrollIntoView({ block: "nearest" }), 0));
}

/** Whether a program holds anything the user made (a course, a target or other names than a new map's). */
function hasWork(program, data) {
  const fresh = emptyProgram(data);
  return program.courses.length > 0 || program.target_categories.length > 0
    || ["id", "institution", "program"].some((key) => program[key] !== fresh[key]);
}

class MapperApp extends SavedWorkPage {
  /** texts: the browser's storage (see SavedWorkPage). */
  constructor(root, data, texts) {
    super(root, data, WORDS, openSaved, texts);
    this.program = this.opened.program;
    this.editing = this.program.courses.length ? this.program.courses[0].code : null;
    this.generation = 0;
  }

  /** The map (what SavedWorkPage saves). */
  get value() {
    return this.program;
  }

  set value(program) {
    this.program = program;
  }

  /** Apply one change through a state function and save it (merged with what another tab saved meanwhile); true
   *  when it was taken. detail says what it touches (see refresh). A refused change keeps the old program and says
   *  why in the status line and next to anchor. */
  change(fn, anchor = null, detail = null) {
    return this.take(fn, anchor, detail) === null;
  }

  rebuild() {
    this.mount();
  }

  /** Show one taken change: {cover: code} (a level or hours of that course), {info} (a name: nothing else shows
   *  it), {targets} (the editor's rows and the coverage), {courses, editing?} (the list, editor and coverage). While
   *  the page is still building its parts (see mount), any change builds them all at once. */
  refresh(detail) {
    if (detail?.info) {
      return;
    } else if (this.root.dataset.built !== "true") {
      if (detail?.editing) this.editing = detail.editing;
      this.renderAll();
    } else if (detail?.cover) {
      updateCourseFacts(this, detail.cover);
      this.coverage.render(this.program);
    } else if (detail?.targets) {
      this.editor.render();
      this.coverage.render(this.program);
    } else {
      if (detail?.editing) this.editing = detail.editing;
      this.renderAll();
    }
  }

  /** Build the course list, the editor and the coverage now (ending a build in pieces still under way). */
  renderAll() {
    this.generation += 1;
    if (!this.editor) this.mountWorkspace();
    renderCourses(this.coursesBox, this);
    this.editor.render();
    this.coverage.render(this.program);
    this.root.dataset.built = "true";
  }

  /** Build the rest of the page in pieces of a few milliseconds each, each after a frame (no long task on a slow
   *  phone): the courses, the workspace and the files section, then the editor's rows and the coverage a row at a
   *  time. Resolves true once built, false when a newer build or mount took over. */
  renderInPieces() {
    this.generation += 1;
    const generation = this.generation;
    this.root.dataset.built = "false";
    // Each is a step of its own. The third appends the editor's rows, then each course's part of the coverage (a
    // step each), then the step that computes the coverage and appends its build.
    const steps = [
      () => this.editor || this.mountWorkspace(),
      () => renderCourses(this.coursesBox, this),
      () => steps.push(...this.editor.renderSteps(),
        ...this.program.courses.map((course) => () => prepareCourse(this.data, course)),
        () => steps.push(...this.coverage.renderSteps(this.program))),
    ];
    return runInPieces(steps, { stillWanted: () => generation === this.generation && this.root.isConnected, later: true })
      .then((finished) => {
        if (finished) this.root.dataset.built = "true";
        return finished;
      });
  }

  /** Build the page: the status line and the program now, the rest in pieces (see renderInPieces). */
  mount() {
    fill(this.root);
    this.editor = null;
    this.status = el("p", { class: "atlas-status", role: "status", "aria-live": "polite" });
    this.storageWarning = el("p", { class: "atlas-warning", role: "alert", hidden: this.texts.available },
      "This browser is not letting the page save your map (storage is turned off or full). Keep working, and " +
      "download the JSON file before you leave.");
    this.programBox = el("div", { class: "atlas-program" }, programSection(this));
    this.root.append(this.status, this.storageWarning, this.programBox);
    this.ready = this.renderInPieces();
    if (this.startupMessage) this.say(this.startupMessage);
  }

  /** The courses section (the add-course form and the list's box), the editor and coverage boxes and the files
   *  section, below the program. */
  mountWorkspace() {
    this.coursesBox = el("div", { class: "atlas-courses" });
    const editorBox = el("div", { class: "atlas-editor" });
    const summary = el("section", { class: "atlas-coverage-summary", "aria-labelledby": "atlas-summary-title" });
    const coverageBox = el("section", { class: "atlas-coverage", "aria-labelledby": "atlas-coverage-title" });
    this.editor = new EditorView(editorBox, this);
    this.coverage = new CoverageView(coverageBox, summary, this.data);
    this.root.append(
      el("section", { "aria-labelledby": "atlas-courses-title" },
        el("h2", { id: "atlas-courses-title", text: "Courses" }), addCourseForm(this), this.coursesBox),
      el("div", { class: "atlas-workspace" },
        el("section", { class: "atlas-editor-section", "aria-labelledby": "atlas-editor-title" },
          el("h2", { id: "atlas-editor-title", text: "What each course covers" }), editorBox),
        summary),
      coverageBox, this.filesSection());
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
    this.importStatus = el("p", { class: "atlas-status atlas-import-status", role: "status" });
    this.importChoice = el("div", { class: "atlas-import-choice", hidden: true });
    this.importErrors = el("div", { class: "atlas-import-errors" });
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
      this.importStatus, this.importChoice, this.importErrors,
      el("p", {}, startOver));
  }

  download(kind) {
    const name = fileName(this.program, kind, new Date());
    downloadText(DOWNLOADS[kind].make(this), DOWNLOADS[kind].type, name);
    this.sayImport(`Downloaded ${name}.`); // said below the buttons, where the user is
  }

  /** Say what an import or download did, right below the import control (announced there, scrolled into view). */
  sayImport(message) {
    this.importStatus.textContent = message;
    if (message) reveal(this.importStatus);
  }

  /** Clear what the last import said and asked. */
  clearImport() {
    this.sayImport("");
    fill(this.importErrors);
    fill(this.importChoice);
    this.importChoice.hidden = true;
    showFieldMessage(this.fileInput, "");
  }

  /** Show why an import was refused (every problem listed below the file input, the first tied to it); the map
   *  stays as it was. */
  refuseImport(name, errors) {
    const count = errors.length === 1 ? "a problem" : `${errors.length} problems`;
    const more = errors.length > 1 ? ` (and ${errors.length - 1} more, listed below)` : "";
    showFieldMessage(this.fileInput, `Not imported: ${errors[0]}${more}`);
    fill(this.importErrors, el("ul", {}, errors.map((e) => el("li", { text: e }))));
    this.sayImport(`Import refused: ${count} in ${name}; nothing was imported and your map is unchanged.`);
    reveal(this.importErrors.querySelector("li"));
  }

  async importFile(input) {
    this.clearImport();
    const chosen = await readChosenFile(input, this.data.limits.import_bytes);
    if (!chosen) return;
    if (chosen.refused) {
      this.sayImport(`Import refused: ${chosen.refused} Your map is unchanged.`);
      return;
    }
    const { text, bytes, name } = chosen;
    const isJSON = /\.json$/i.test(name) || text.trimStart().startsWith("{");
    if (isJSON) {
      this.importJSON(text, name);
      return;
    }
    const decoded = decodeCSV(bytes);
    if (decoded.error) this.refuseImport(name, [decoded.error]);
    else this.importCSV(decoded.text, name, decoded.encoding);
  }

  /** A JSON export replaces the whole map, after asking when there is work to lose. */
  importJSON(text, name) {
    const result = parseProgramJSON(text, this.data);
    if (!result.ok) {
      this.refuseImport(name, [result.error]);
      return;
    }
    if (hasWork(this.program, this.data) && !window.confirm("Replace your whole map in this browser with the imported one?")) {
      this.sayImport("Import cancelled. Your map is unchanged.");
      return;
    }
    this.program = result.program;
    this.document.slot.write(toProgramJSON(this.program));
    this.editing = null;
    fill(this.programBox, programSection(this));
    this.renderAll();
    const n = this.program.courses.length;
    this.sayImport(`Imported ${name}: your map was replaced by the file's, with ${n} ${n === 1 ? "course" : "courses"}.`);
  }

  /** A filled-in CSV template adds its courses; when the map has a course of the same code, the user chooses
   *  whether the file's rows are merged into it or replace its mappings. The status says how the file was read
   *  (encoding and separator), so a wrong guess is visible. */
  importCSV(text, name, encoding) {
    const read = readCoursesCSV(text, this.data);
    if (!read.ok) {
      this.refuseImport(name, read.groups ? parseCoursesCSV(text, this.data, this.program).errors : read.errors);
      return;
    }
    const clashes = importClashes(this.program, read.groups);
    if (clashes.length) this.askImportMode(name, read.groups, clashes, this.readAs(encoding, read.separator));
    else this.applyCSV(name, read.groups, "merge", this.readAs(encoding, read.separator));
  }

  /** Ask, next to the import control, how courses the map already has are to be imported. */
  askImportMode(name, groups, clashes, readAs) {
    const listed = clashes.map((c) => `${c.code} (${c.mappings} ${c.mappings === 1 ? "mapping" : "mappings"})`).join(", ");
    const some = clashes.length === 1 ? "a course" : `${clashes.length} courses`;
    const choice = (label, mode, primary) => {
      const button = el("button", { type: "button", class: `md-button${primary ? " md-button--primary" : ""}`, "data-mode": mode }, label);
      button.addEventListener("click", () => {
        fill(this.importChoice);
        this.importChoice.hidden = true;
        this.fileInput.focus();
        if (mode === "cancel") this.sayImport("Import cancelled. Your map is unchanged.");
        else this.applyCSV(name, groups, mode, readAs);
      });
      return button;
    };
    const buttons = [choice("Merge into my map", "merge", true), choice("Replace these courses", "replace", false),
      choice("Cancel", "cancel", false)];
    fill(this.importChoice, el("p", { id: "atlas-import-question" },
      el("strong", { text: `${name} has ${some} your map already has: ${listed}. ` }),
      "Merge keeps their other mappings and takes the file's level and hours for each item it lists; replace gives " +
      "them only the file's mappings. Courses that are new are added either way."),
    el("p", {}, buttons.flatMap((b) => [b, " "])));
    this.importChoice.setAttribute("role", "group");
    this.importChoice.setAttribute("aria-labelledby", "atlas-import-question");
    this.importChoice.hidden = false;
    this.sayImport(`${name} has ${some} your map already has. Choose below: merge, replace or cancel.`);
    reveal(this.importChoice);
    buttons[0].focus({ preventScroll: true });
  }

  /** How the file was read, as said after its name: "read as UTF-8, semicolon-separated". */
  readAs(encoding, separator) {
    return `read as ${encoding}, ${separator}-separated`;
  }

  /** Put the read courses into the map (mode "merge" or "replace") and say what was added, merged or replaced. */
  applyCSV(name, groups, mode, readAs) {
    const result = applyImport(this.program, groups, mode, this.data);
    if (!result.ok) {
      this.refuseImport(name, result.errors);
      return;
    }
    const refused = this.take(() => result.program, null, { courses: true });
    if (refused) {
      this.refuseImport(name, [refused]);
      return;
    }
    this.sayImport(`Imported ${name} (${readAs}): ${importSummaryText(result.summary)}`);
  }
}

/** Start the mapper on the current page, once (called on every instant navigation). Reading the data and opening
 *  storage, reading the saved map, and building the page each happen in their own tasks (on a slow phone each takes
 *  tens of ms). */
export async function start() {
  const root = document.getElementById("atlas-mapper");
  const source = document.getElementById("atlas-mapper-data");
  if (!root || !source || root.dataset.ready) return;
  root.dataset.ready = "true";
  await yieldToMain();
  const data = JSON.parse(source.textContent);
  const texts = new SavedTexts(() => window.localStorage); // (its first use loads the page's storage)
  await yieldToMain();
  const app = new MapperApp(root, data, texts);
  onStorageChange(root, (event) => app.receive(event));
  root.atlasApp = app;
  await yieldToMain();
  if (root.isConnected && !app.status) app.mount(); // (a change saved in another tab meanwhile has mounted it)
}
