// IECMH Competency Atlas: the mapper's course editor: a level and hours per knowledge area (and, unfolded, per
// indicator) for the course being edited.
import { el, fill } from "../shared/dom.mjs";
import { setCover } from "./state.mjs";

/** The names of the levels, by letter. */
export const LEVEL_NAMES = { I: "Introduced", R: "Reinforced", M: "Mastered" };

/** Knowledge areas shown in the editor: those of the target categories, or all when none is chosen. */
function editorAreas(data, program) {
  const targets = data.categories.filter((c) => program.target_categories.includes(c.id));
  const wanted = new Set(targets.flatMap((c) => c.knowledge_areas));
  return data.knowledge_areas.filter((k) => !targets.length || wanted.has(k.id));
}

/** One item's row: its level select and hours field. */
function coverRow(app, box, course, item, label) {
  const current = course.covers.find((c) => c.item === item);
  const safe = item.replace(/[^A-Za-z0-9_-]/g, "_");
  const level = el("select", { id: `atlas-level-${safe}`, "data-item": item },
    el("option", { value: "", text: "not covered" }),
    ["I", "R", "M"].map((lv) => el("option", { value: lv, selected: current?.level === lv, text: `${lv}: ${LEVEL_NAMES[lv]}` })));
  const hours = el("input", { type: "number", min: 0, step: "any", id: `atlas-hours-${safe}`,
    value: current?.hours ?? "", class: "atlas-hours" });
  const apply = (control) => {
    const h = hours.value.trim() === "" ? undefined : Number(hours.value);
    if (app.change(() => setCover(app.program, course.code, item, level.value || null, h, app.data), control)) {
      box.querySelector(`#${level.id}`)?.focus();
    }
  };
  level.addEventListener("change", () => apply(level));
  hours.addEventListener("change", () => apply(hours));
  return el("div", { class: "atlas-cover" },
    el("label", { for: level.id, text: label }), " ", level, " ",
    el("label", { for: hours.id, text: "hours", class: "atlas-meta" }), " ", hours);
}

/** Fill the editor for app.editing (the first course when that is gone). */
export function renderEditor(box, app) {
  const courses = app.program.courses;
  if (!courses.length) {
    fill(box, el("p", { text: "Add a course first." }));
    return;
  }
  if (!courses.some((c) => c.code === app.editing)) app.editing = courses[0].code;
  const course = courses.find((c) => c.code === app.editing);
  const picker = el("select", { id: "atlas-edit-course" },
    courses.map((c) => el("option", { value: c.code, selected: c.code === app.editing, text: `${c.code}: ${c.title}` })));
  picker.addEventListener("change", () => {
    app.editing = picker.value;
    renderEditor(box, app);
    box.querySelector("#atlas-edit-course").focus();
  });
  const targets = new Set(app.program.target_categories);
  const areas = editorAreas(app.data, app.program);
  const groups = app.data.domains.map((domain) => {
    const inDomain = areas.filter((k) => k.domain === domain.id);
    if (!inDomain.length) return null;
    return el("div", {}, el("h3", { text: domain.name }), inDomain.map((ka) => {
      const indicators = app.data.indicators.filter((i) => i.ka === ka.id && (!targets.size || targets.has(i.category)));
      const details = indicators.length ? el("details", { open: indicators.some((i) => course.covers.some((c) => c.item === i.id)) },
        el("summary", { text: `Map single indicators of ${ka.name} (${indicators.length})` }),
        indicators.map((i) => coverRow(app, box, course, i.id, `${i.text} (${i.id})`))) : null;
      return el("div", { class: "atlas-ka" }, coverRow(app, box, course, `ka:${ka.id}`, ka.name), details);
    }));
  });
  fill(box, el("p", {}, el("label", { for: "atlas-edit-course", text: "Course: " }), picker), groups);
}
