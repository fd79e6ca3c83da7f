// IECMH Competency Atlas: the mapper's course editor: a level and hours per knowledge area (and, unfolded, per
// indicator) for the course being edited. A change goes through app.change and leaves the controls as they are (the
// user just set them); only the course picker or new targets build the rows again.
import { el, fill } from "../shared/dom.mjs";
import { LEVEL_NAMES } from "./coverage-view.mjs";
import { codeKey, setCover } from "./state.mjs";

export { LEVEL_NAMES };

/** Knowledge areas shown in the editor: those of the target categories, or all when none is chosen. */
function editorAreas(data, program) {
  const targets = data.categories.filter((c) => program.target_categories.includes(c.id));
  const wanted = new Set(targets.flatMap((c) => c.knowledge_areas));
  return data.knowledge_areas.filter((k) => !targets.length || wanted.has(k.id));
}

/** A DOM-safe id fragment for an item id. */
const safeId = (item) => item.replace(/[^A-Za-z0-9_-]/g, "_");

/** The course editor of one mount (app: data, program, editing, change). */
export class EditorView {
  constructor(box, app) {
    this.box = box;
    this.app = app;
    this.controls = new Map();
  }

  /** The course being edited (the first course when app.editing is gone), or undefined when there is none. */
  course() {
    const courses = this.app.program.courses;
    return courses.find((c) => codeKey(c.code) === codeKey(this.app.editing ?? "")) ?? courses[0];
  }

  /** Build the editor: the course picker and the rows of the course being edited. */
  render() {
    for (const step of this.renderSteps()) step();
  }

  /** The editor's build as small steps (see runInPieces): the course picker, then its rows a knowledge area each. */
  renderSteps() {
    const courses = this.app.program.courses;
    if (!courses.length) {
      return [() => {
        this.controls = new Map();
        fill(this.box, el("p", { text: "Add a course first." }));
      }];
    }
    const picker = () => {
      this.app.editing = this.course().code;
      const picker = el("select", { id: "atlas-edit-course" },
        courses.map((c) => el("option", { value: c.code, selected: c.code === this.app.editing, text: `${c.code}: ${c.title}` })));
      picker.addEventListener("change", () => {
        this.app.editing = picker.value;
        this.renderRows();
      });
      this.rows = el("div", { class: "atlas-editor-rows" });
      fill(this.box, el("p", {}, el("label", { for: "atlas-edit-course", text: "Course: " }), picker,
        " ", el("a", { href: "#atlas-coverage-title", class: "atlas-jump" }, "Jump to the coverage")), this.rows);
    };
    return [picker, ...this.rowSteps()];
  }

  /** Build the rows of the course being edited, one group per domain; indicator rows when unfolded. */
  renderRows() {
    for (const step of this.rowSteps()) step();
  }

  /** The rows' build as steps: empty the rows, then per domain its group and one step per knowledge area. A later
   *  build (the course picker changed while these steps were still running) turns the rest of them into no-ops. */
  rowSteps() {
    const { data, program } = this.app;
    const targets = new Set(program.target_categories);
    const areas = editorAreas(data, program);
    const build = {};
    const current = (step) => () => {
      if (this.rowsBuild === build) step();
    };
    const steps = [() => {
      this.rowsBuild = build;
      this.controls = new Map();
      fill(this.rows);
    }];
    for (const domain of data.domains) {
      const inDomain = areas.filter((k) => k.domain === domain.id);
      if (!inDomain.length) continue;
      let group = null;
      steps.push(current(() => {
        group = el("div", {}, el("h3", { text: domain.name }));
        this.rows.append(group);
      }));
      steps.push(...inDomain.map((ka) => current(() => {
        const course = this.course();
        const indicators = data.indicators.filter((i) => i.ka === ka.id && (!targets.size || targets.has(i.category)));
        group.append(el("div", { class: "atlas-ka" }, this.coverRow(course, `ka:${ka.id}`, ka.name),
          indicators.length ? this.indicatorRows(course, ka, indicators) : null));
      })));
    }
    return steps;
  }

  /** The unfoldable indicator rows of one knowledge area, built when first unfolded (open at once when some is mapped). */
  indicatorRows(course, ka, indicators) {
    const open = indicators.some((i) => course.covers.some((c) => c.item === i.id));
    const details = el("details", { class: "atlas-unfold", open },
      el("summary", { text: `Map single indicators of ${ka.name} (${indicators.length})` }));
    const build = () => {
      if (details.dataset.built) return;
      details.dataset.built = "true";
      details.append(...indicators.map((i) => this.coverRow(this.course(), i.id, `${i.text} (${i.id})`)));
    };
    if (open) build();
    else details.addEventListener("toggle", build);
    return details;
  }

  /** One item's row: its level select and hours field. */
  coverRow(course, item, label) {
    const current = course.covers.find((c) => c.item === item);
    const safe = safeId(item);
    const level = el("select", { id: `atlas-level-${safe}`, "data-item": item },
      el("option", { value: "", text: "not covered" }),
      ["I", "R", "M"].map((lv) => el("option", { value: lv, selected: current?.level === lv, text: `${lv}: ${LEVEL_NAMES[lv]}` })));
    const hours = el("input", { type: "number", min: 0, step: "any", id: `atlas-hours-${safe}`,
      value: current?.hours ?? "", class: "atlas-hours" });
    const apply = (control) => {
      const code = this.course().code;
      const h = hours.value.trim() === "" ? undefined : Number(hours.value);
      const taken = this.app.change(() => setCover(this.app.program, code, item, level.value || null, h, this.app.data),
        control, { cover: code });
      if (!taken && control === level) this.showCover(item);
    };
    level.addEventListener("change", () => apply(level));
    hours.addEventListener("change", () => apply(hours));
    this.controls.set(item, { level, hours });
    // Each row is its own form: Chromium's autofill reads the whole form of a changed control (every control and
    // label, each with a forced style and layout), which for one form of all rows took 7 ms per change (30 ms at 4x
    // CPU). Enter in the hours field submits the row's form: that only applies the field (change), never navigates.
    const row = el("form", { class: "atlas-cover" },
      el("label", { for: level.id, text: label }), " ", level, " ",
      el("label", { for: hours.id, text: "hours", class: "atlas-meta" }), " ", hours);
    row.addEventListener("submit", (event) => event.preventDefault());
    return row;
  }

  /** Put an item's level back to what is saved (after a refused change). */
  showCover(item) {
    const controls = this.controls.get(item);
    if (!controls) return;
    controls.level.value = this.course()?.covers.find((c) => c.item === item)?.level ?? "";
  }
}
