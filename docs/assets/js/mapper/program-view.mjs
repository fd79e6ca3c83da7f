// IECMH Competency Atlas: the mapper's program details (id, names, target categories), the add-course form and the
// list of courses. Text goes in as text, never as HTML.
import { el, fill } from "../shared/dom.mjs";
import { addCourse, removeCourse, setProgramInfo, setTargets } from "./state.mjs";

/** A labelled input. */
export function field(id, label, attrs) {
  return el("p", { class: "atlas-field" }, el("label", { for: id, text: label }), " ", el("input", { id, ...attrs }));
}

/** The program section: id, institution, program name and target categories (app: data, program, change). */
export function programSection(app) {
  const info = [["atlas-program-id", "Program id (used in the file name)", "id"],
    ["atlas-program-institution", "Institution", "institution"], ["atlas-program-name", "Program", "program"]]
    .map(([id, label, key]) => {
      const p = field(id, label, { type: "text", value: app.program[key], maxlength: app.data.limits.text_chars });
      const input = p.querySelector("input");
      input.addEventListener("change", () => {
        if (!app.change(() => setProgramInfo(app.program, { [key]: input.value }, app.data), input)) {
          input.value = app.program[key];
        }
      });
      return p;
    });
  const targets = app.data.categories.map((c) => {
    const id = `atlas-target-${c.id}`;
    const box = el("input", { type: "checkbox", id, value: c.id });
    box.checked = app.program.target_categories.includes(c.id);
    box.addEventListener("change", () => {
      const chosen = [...app.root.querySelectorAll(".atlas-targets input:checked")].map((b) => b.value);
      if (!app.change(() => setTargets(app.program, chosen, app.data), box.closest("fieldset"))) box.checked = !box.checked;
    });
    return el("span", { class: "atlas-choice" }, box, el("label", { for: id, text: `${c.code}: ${c.name}` }));
  });
  return el("section", { "aria-labelledby": "atlas-program-title" },
    el("h2", { id: "atlas-program-title", text: "Program" }), ...info,
    el("fieldset", { class: "atlas-targets", id: "atlas-targets" }, el("legend", { text: "Categories the program prepares for" }), targets));
}

/** The form that adds a course. */
export function addCourseForm(app) {
  const submit = el("button", { type: "submit", class: "md-button md-button--primary", id: "atlas-add-course-button" }, "Add course");
  const form = el("form", { class: "atlas-add-course" },
    field("atlas-new-code", "Course code", { type: "text", required: true, maxlength: app.data.limits.text_chars }),
    field("atlas-new-title", "Course title", { type: "text", required: true, maxlength: app.data.limits.text_chars }),
    field("atlas-new-credits", "Credits (optional)", { type: "number", min: 0, step: "any" }),
    field("atlas-new-hours", "Clock hours (optional)", { type: "number", min: 0, step: "any" }),
    el("p", {}, submit));
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const value = (id) => form.querySelector(id).value.trim();
    const number = (id) => (value(id) === "" ? undefined : Number(value(id)));
    const course = { code: value("#atlas-new-code"), title: value("#atlas-new-title"),
      credits: number("#atlas-new-credits"), clock_hours: number("#atlas-new-hours") };
    if (app.change(() => addCourse(app.program, course, app.data), submit)) {
      app.editing = course.code;
      app.renderEditor();
      form.reset();
      app.say(`Added ${course.code}.`);
    }
  });
  return form;
}

/** Fill the list of courses, each with its facts and a remove button. */
export function renderCourses(box, app) {
  const items = app.program.courses.map((course) => {
    const remove = el("button", { type: "button", class: "atlas-clear" }, `Remove ${course.code}`);
    remove.addEventListener("click", () => {
      if (!window.confirm(`Remove the course ${course.code} and everything mapped to it?`)) return;
      if (app.change(() => removeCourse(app.program, course.code), remove)) {
        if (app.editing === course.code) app.editing = app.program.courses[0]?.code ?? null;
        app.renderEditor();
        app.say(`Removed ${course.code}.`);
      }
    });
    const facts = [course.credits !== undefined ? `${course.credits} credits` : "",
      course.clock_hours !== undefined ? `${course.clock_hours} clock hours` : "",
      `${course.covers.length} ${course.covers.length === 1 ? "item" : "items"} mapped`].filter(Boolean).join(", ");
    return el("li", {}, el("strong", { text: course.code }), `: ${course.title} (${facts}) `, remove);
  });
  fill(box, items.length ? el("ul", {}, items) : el("p", { text: "No courses yet." }));
}
