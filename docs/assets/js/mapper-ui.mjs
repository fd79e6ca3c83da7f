// IECMH Competency Atlas: the coursework mapper page. DOM glue only; the logic lives in mapper-core.mjs.
// Text from the data, the user or imported files is always put in the page with textContent, never as HTML.
import { downloadText, el, fill, readChosenFile } from "./dom.mjs";
import * as core from "./mapper-core.mjs";

const LEVEL_NAMES = { I: "Introduced", R: "Reinforced", M: "Mastered" };



/** localStorage that reports instead of throwing. */
const storage = {
  load(key) {
    try { return window.localStorage.getItem(key); } catch { return null; }
  },
  save(key, text) {
    try { window.localStorage.setItem(key, text); return true; } catch { return false; }
  },
  remove(key) {
    try { window.localStorage.removeItem(key); } catch { /* nothing to remove */ }
  },
};

/** A labelled input. */
function field(id, label, attrs) {
  return el("p", { class: "atlas-field" }, el("label", { for: id, text: label }), " ", el("input", { id, ...attrs }));
}

class MapperApp {
  constructor(root, data) {
    this.root = root;
    this.data = data;
    this.key = data.storage_key;
    this.program = this.load();
    this.editing = this.program.courses.length ? this.program.courses[0].code : null;
  }

  /** The saved program (validated like an import) or a new one. */
  load() {
    const saved = storage.load(this.key);
    if (saved) {
      const result = core.parseProgramJSON(saved, this.data);
      if (result.ok) return result.program;
      storage.save(this.key + ".unreadable", saved);
      this.startupMessage = `Your saved map could not be read (${result.error}); a copy was kept in this browser's ` +
        `storage under "${this.key}.unreadable", and you are starting afresh.`;
    }
    return core.emptyProgram(this.data);
  }

  save() {
    const ok = storage.save(this.key, core.toProgramJSON(this.program));
    this.storageWarning.hidden = ok;
  }

  say(message) {
    this.status.textContent = message;
  }

  /** Apply one change through a core function; keep the old program and explain when it is refused. */
  change(fn) {
    let next;
    try {
      next = fn();
    } catch (error) {
      this.say(`Not changed: ${error.message}`);
      return false;
    }
    this.program = next;
    this.save();
    this.renderCourses();
    this.renderEditor();
    this.renderCoverage();
    return true;
  }

  mount() {
    fill(this.root);
    this.status = el("p", { class: "atlas-status", role: "status", "aria-live": "polite" });
    this.storageWarning = el("p", { class: "atlas-warning", role: "alert", hidden: true },
      "This browser is not letting the page save your map (storage is turned off or full). Keep working, and " +
      "download the JSON file before you leave.");
    this.importErrors = el("div", { class: "atlas-import-errors", role: "alert" });
    this.coursesBox = el("div", { class: "atlas-courses" });
    this.editorBox = el("div", { class: "atlas-editor" });
    this.coverageBox = el("section", { class: "atlas-coverage", "aria-labelledby": "atlas-coverage-title" });
    this.root.append(this.status, this.storageWarning, this.importErrors, this.programSection(),
      el("section", { "aria-labelledby": "atlas-courses-title" },
        el("h2", { id: "atlas-courses-title", text: "Courses" }), this.addCourseForm(), this.coursesBox),
      el("section", { "aria-labelledby": "atlas-editor-title" },
        el("h2", { id: "atlas-editor-title", text: "What each course covers" }), this.editorBox),
      this.coverageBox, this.filesSection());
    this.renderCourses();
    this.renderEditor();
    this.renderCoverage();
    if (this.startupMessage) this.say(this.startupMessage);
  }

  programSection() {
    const info = [["atlas-program-id", "Program id (used in the file name)", "id"],
      ["atlas-program-institution", "Institution", "institution"], ["atlas-program-name", "Program", "program"]]
      .map(([id, label, key]) => {
        const p = field(id, label, { type: "text", value: this.program[key], maxlength: this.data.limits.text_chars });
        const input = p.querySelector("input");
        input.addEventListener("change", () => {
          if (!this.change(() => core.setProgramInfo(this.program, { [key]: input.value }, this.data))) {
            input.value = this.program[key];
          }
        });
        return p;
      });
    const targets = this.data.categories.map((c) => {
      const id = `atlas-target-${c.id}`;
      const box = el("input", { type: "checkbox", id, value: c.id });
      box.checked = this.program.target_categories.includes(c.id);
      box.addEventListener("change", () => {
        const chosen = [...this.root.querySelectorAll(".atlas-targets input:checked")].map((b) => b.value);
        this.change(() => core.setTargets(this.program, chosen, this.data));
      });
      return el("span", { class: "atlas-choice" }, box, el("label", { for: id, text: `${c.code}: ${c.name}` }));
    });
    return el("section", { "aria-labelledby": "atlas-program-title" },
      el("h2", { id: "atlas-program-title", text: "Program" }), ...info,
      el("fieldset", { class: "atlas-targets" }, el("legend", { text: "Categories the program prepares for" }), targets));
  }

  addCourseForm() {
    const form = el("form", { class: "atlas-add-course" },
      field("atlas-new-code", "Course code", { type: "text", required: true, maxlength: this.data.limits.text_chars }),
      field("atlas-new-title", "Course title", { type: "text", required: true, maxlength: this.data.limits.text_chars }),
      field("atlas-new-credits", "Credits (optional)", { type: "number", min: 0, step: "any" }),
      field("atlas-new-hours", "Clock hours (optional)", { type: "number", min: 0, step: "any" }),
      el("p", {}, el("button", { type: "submit", class: "md-button md-button--primary" }, "Add course")));
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      const value = (id) => form.querySelector(id).value.trim();
      const number = (id) => (value(id) === "" ? undefined : Number(value(id)));
      const course = { code: value("#atlas-new-code"), title: value("#atlas-new-title"),
        credits: number("#atlas-new-credits"), clock_hours: number("#atlas-new-hours") };
      if (this.change(() => core.addCourse(this.program, course, this.data))) {
        this.editing = course.code;
        this.renderEditor();
        form.reset();
        this.say(`Added ${course.code}.`);
      }
    });
    return form;
  }

  renderCourses() {
    const items = this.program.courses.map((course) => {
      const remove = el("button", { type: "button", class: "atlas-clear" }, `Remove ${course.code}`);
      remove.addEventListener("click", () => {
        if (!window.confirm(`Remove the course ${course.code} and everything mapped to it?`)) return;
        if (this.change(() => core.removeCourse(this.program, course.code))) {
          if (this.editing === course.code) this.editing = this.program.courses[0]?.code ?? null;
          this.renderEditor();
          this.say(`Removed ${course.code}.`);
        }
      });
      const facts = [course.credits !== undefined ? `${course.credits} credits` : "",
        course.clock_hours !== undefined ? `${course.clock_hours} clock hours` : "",
        `${course.covers.length} item(s) mapped`].filter(Boolean).join(", ");
      return el("li", {}, el("strong", { text: course.code }), `: ${course.title} (${facts}) `, remove);
    });
    fill(this.coursesBox, items.length ? el("ul", {}, items) : el("p", { text: "No courses yet." }));
  }

  /** Knowledge areas shown in the editor: those of the target categories, or all when none is chosen. */
  editorAreas() {
    const targets = this.data.categories.filter((c) => this.program.target_categories.includes(c.id));
    const wanted = new Set(targets.flatMap((c) => c.knowledge_areas));
    return this.data.knowledge_areas.filter((k) => !targets.length || wanted.has(k.id));
  }

  renderEditor() {
    const courses = this.program.courses;
    if (!courses.length) {
      fill(this.editorBox, el("p", { text: "Add a course first." }));
      return;
    }
    if (!courses.some((c) => c.code === this.editing)) this.editing = courses[0].code;
    const course = courses.find((c) => c.code === this.editing);
    const picker = el("select", { id: "atlas-edit-course" },
      courses.map((c) => el("option", { value: c.code, selected: c.code === this.editing, text: `${c.code}: ${c.title}` })));
    picker.addEventListener("change", () => {
      this.editing = picker.value;
      this.renderEditor();
      this.editorBox.querySelector("#atlas-edit-course").focus();
    });
    const entry = (item) => course.covers.find((c) => c.item === item);
    const targets = new Set(this.program.target_categories);
    const row = (item, label, extra = null) => {
      const current = entry(item);
      const safe = item.replace(/[^A-Za-z0-9_-]/g, "_");
      const level = el("select", { id: `atlas-level-${safe}`, "data-item": item },
        el("option", { value: "", text: "not covered" }),
        ["I", "R", "M"].map((lv) => el("option", { value: lv, selected: current?.level === lv, text: `${lv}: ${LEVEL_NAMES[lv]}` })));
      const hours = el("input", { type: "number", min: 0, step: "any", id: `atlas-hours-${safe}`,
        value: current?.hours ?? "", class: "atlas-hours" });
      const apply = () => {
        const h = hours.value.trim() === "" ? undefined : Number(hours.value);
        if (this.change(() => core.setCover(this.program, course.code, item, level.value || null, h, this.data))) {
          this.editorBox.querySelector(`#${level.id}`)?.focus();
        }
      };
      level.addEventListener("change", apply);
      hours.addEventListener("change", apply);
      return el("div", { class: "atlas-cover" },
        el("label", { for: level.id, text: label }), " ", level, " ",
        el("label", { for: hours.id, text: "hours", class: "atlas-meta" }), " ", hours, extra);
    };
    const groups = this.data.domains.map((domain) => {
      const areas = this.editorAreas().filter((k) => k.domain === domain.id);
      if (!areas.length) return null;
      return el("div", {}, el("h3", { text: domain.name }), areas.map((ka) => {
        const indicators = this.data.indicators.filter((i) => i.ka === ka.id && (!targets.size || targets.has(i.category)));
        const details = indicators.length ? el("details", { open: indicators.some((i) => entry(i.id)) },
          el("summary", { text: `Map single indicators of ${ka.name} (${indicators.length})` }),
          indicators.map((i) => row(i.id, `${i.text} (${i.id})`))) : null;
        return el("div", { class: "atlas-ka" }, row(`ka:${ka.id}`, ka.name), details);
      }));
    });
    fill(this.editorBox, el("p", {}, el("label", { for: "atlas-edit-course", text: "Course: " }), picker), groups);
  }

  renderCoverage() {
    const report = core.coverageReport(this.data, this.program);
    const codes = report.matrix.courses;
    const kaName = (id) => this.data.knowledge_areas.find((k) => k.id === id)?.name ?? id;
    const cell = (level) => (level ? el("span", { class: `atlas-level atlas-level-${level}`, text: level }) : "");
    const table = (domain) => el("table", {},
      el("caption", { text: domain.name }),
      el("thead", {}, el("tr", {}, el("th", { scope: "col", text: "Knowledge area" }),
        codes.map((c) => el("th", { scope: "col", text: c })),
        ["Courses", "Highest", "Hours"].map((h) => el("th", { scope: "col", text: h })))),
      el("tbody", {}, domain.rows.map((r) => el("tr", { "data-ka": r.ka },
        el("th", { scope: "row", text: r.name }), r.cells.map((lv) => el("td", {}, cell(lv))),
        el("td", { text: String(r.reached) }), el("td", { text: r.highest ? LEVEL_NAMES[r.highest] : "not reached" }),
        el("td", { text: r.hours ? String(r.hours) : "" })))));
    const categories = report.categories.map((cov) => {
      const c = cov.category;
      const line = (label, t) => el("tr", {}, el("th", { scope: "row", text: label }),
        [t.total, t.M, t.R, t.I, t.none].map((n) => el("td", { text: String(n) })), el("td", { text: `${t.percent_reached}%` }));
      return el("div", { class: "atlas-category-coverage", "data-category": c.id },
        el("h3", { text: `${c.name} (${c.code})` }),
        el("table", {}, el("caption", { text: `Coverage of ${c.code}` }),
          el("thead", {}, el("tr", {}, ["", "Total", "Mastered", "Reinforced", "Introduced only", "Not reached", "Reached"]
            .map((h) => el("th", { scope: "col", text: h })))),
          el("tbody", {}, line("Knowledge areas", cov.knowledge_areas), line("Indicators", cov.indicators))),
        el("p", {}, el("strong", { text: "Gaps: " }), cov.gaps.length ? cov.gaps.map(kaName).join(", ") : "none"),
        el("p", {}, el("strong", { text: "Only introduced: " }),
          cov.introduced_only.length ? cov.introduced_only.map(kaName).join(", ") : "none"));
    });
    fill(this.coverageBox, el("h2", { id: "atlas-coverage-title", text: "Coverage" }),
      categories.length ? categories : el("p", { text: "Tick the categories the program prepares for to see their coverage and gaps." }),
      el("h3", { text: "Coverage matrix" }),
      report.matrix.domains.length ? report.matrix.domains.map(table) : el("p", { text: "Nothing mapped yet." }));
  }

  filesSection() {
    const buttons = [["template", "Download the CSV template"], ["csv", "Download the matrix (CSV)"],
      ["json", "Download JSON"], ["yaml", "Download the YAML program file"]].map(([kind, label]) => {
      const b = el("button", { type: "button", class: "md-button" }, label);
      b.addEventListener("click", () => this.download(kind));
      return [b, " "];
    });
    const input = el("input", { type: "file", id: "atlas-mapper-import", accept: ".csv,.json,text/csv,application/json" });
    input.addEventListener("change", () => this.importFile(input));
    const startOver = el("button", { type: "button", class: "md-button" }, "Start over");
    startOver.addEventListener("click", () => {
      if (!window.confirm("Start over? This clears your whole map in this browser.")) return;
      this.program = core.emptyProgram(this.data);
      storage.remove(this.key);
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
    const now = new Date();
    const make = { template: () => core.csvTemplate(this.data, this.program), csv: () => core.toMatrixCSV(this.data, this.program),
      json: () => core.toProgramJSON(this.program), yaml: () => core.toProgramYAML(this.program) }[kind];
    const type = { template: "text/csv", csv: "text/csv", json: "application/json", yaml: "application/yaml" }[kind];
    const name = core.fileName(this.program, kind, now);
    downloadText(make(), type, name);
    this.say(`Downloaded ${name}.`);
  }

  async importFile(input) {
    fill(this.importErrors);
    const chosen = await readChosenFile(input, this.data.limits.import_bytes);
    if (!chosen) return;
    if (chosen.refused) {
      this.say(`Import refused: ${chosen.refused} Your map is unchanged.`);
      return;
    }
    const { text, name } = chosen;
    const isJSON = /\.json$/i.test(name) || text.trimStart().startsWith("{");
    const result = isJSON ? core.parseProgramJSON(text, this.data) : core.parseCoursesCSV(text, this.data, this.program);
    if (!result.ok) {
      const errors = result.errors || [result.error];
      this.say(`Import refused: ${errors.length} problem(s) in ${name}; nothing was imported and your map is unchanged.`);
      fill(this.importErrors, el("ul", {}, errors.map((e) => el("li", { text: e }))));
      return;
    }
    this.program = result.program;
    this.save();
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
  root.atlasApp = app;
}
