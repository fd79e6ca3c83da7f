// IECMH Competency Atlas: the mapper's program details (id, names, target categories), the add-course form and the
// list of courses. Text goes in as text, never as HTML.
import { el, fill } from "../shared/dom.mjs";
import { addCourse, codeKey, removeCourse, setProgramInfo, setTargets } from "./state.mjs";

/** A labelled input. */
export function field(id, label, attrs) {
  return el("p", { class: "atlas-field" }, el("label", { for: id, text: label }), " ", el("input", { id, ...attrs }));
}

/** The program section: id, institution, program name and target categories (app: data, program, change). The names
 *  start empty, with an example as placeholder, so that nothing the user did not type reaches an export. */
export function programSection(app) {
  const info = [["atlas-program-id", "Program id (used in the file name)", "id", "such as iecmh-certificate"],
    ["atlas-program-institution", "Institution", "institution", "such as Example State University"],
    ["atlas-program-name", "Program", "program", "such as Graduate Certificate in IECMH"]]
    .map(([id, label, key, example]) => {
      const p = field(id, label, { type: "text", value: app.program[key], placeholder: example, maxlength: app.data.limits.text_chars });
      const input = p.querySelector("input");
      input.addEventListener("change", () => {
        if (!app.change(() => setProgramInfo(app.program, { [key]: input.value }, app.data), input, { info: key })) {
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
      if (!app.change(() => setTargets(app.program, chosen, app.data), box.closest("fieldset"), { targets: true })) box.checked = !box.checked;
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
    if (app.change(() => addCourse(app.program, course, app.data), submit, { courses: true, editing: course.code })) {
      form.reset();
      app.say(`Added ${course.code}.`);
    }
  });
  return form;
}

/** What the course list says about a course: credits, clock hours and how many items are mapped. */
function courseFacts(course) {
  return [course.credits !== undefined ? `${course.credits} credits` : "",
    course.clock_hours !== undefined ? `${course.clock_hours} clock hours` : "",
    `${course.covers.length} ${course.covers.length === 1 ? "item" : "items"} mapped`].filter(Boolean).join(", ");
}

/** Rewrite one course's facts in the list (after a change to what it covers). */
export function updateCourseFacts(app, code) {
  const course = app.program.courses.find((c) => codeKey(c.code) === codeKey(code));
  const node = app.courseFacts?.get(codeKey(code));
  if (!course || !node) return;
  const text = `: ${course.title} (${courseFacts(course)}) `;
  if (node.textContent !== text) node.textContent = text;
}

/** Fill the list of courses, each with its facts and a remove button. */
export function renderCourses(box, app) {
  app.courseFacts = new Map();
  const items = app.program.courses.map((course) => {
    const remove = el("button", { type: "button", class: "atlas-clear" }, `Remove ${course.code}`);
    remove.addEventListener("click", () => {
      if (!window.confirm(`Remove the course ${course.code} and everything mapped to it?`)) return;
      if (app.change(() => removeCourse(app.program, course.code), remove, { courses: true })) {
        app.say(`Removed ${course.code}.`);
      }
    });
    const facts = el("span", { text: `: ${course.title} (${courseFacts(course)}) ` });
    app.courseFacts.set(codeKey(course.code), facts);
    return el("li", {}, el("strong", { text: course.code }), facts, remove);
  });
  fill(box, items.length ? el("ul", {}, items) : el("p", { text: "No courses yet." }));
}
