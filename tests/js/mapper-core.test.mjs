// Unit tests for docs/assets/js/mapper-core.mjs. Run from the repo root: node --test tests/js/
import { test, describe } from "node:test";
import assert from "node:assert/strict";

// Dates in these tests are read in UTC; tests/js/local-day.test.mjs checks other time zones.
process.env.TZ = "UTC";
import {
  emptyProgram, addCourse, updateCourse, removeCourse, setCover, setTargets, setProgramInfo, slugify, validateProgram,
  matrix, categoryCoverage, coverageReport, parseProgramJSON, toProgramJSON, toProgramYAML, csvTemplate,
  parseCoursesCSV, toMatrixCSV, fileName, csvCell,
} from "../../docs/assets/js/mapper-core.mjs";

function deepFreeze(value) {
  if (value !== null && typeof value === "object" && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const key of Object.keys(value)) deepFreeze(value[key]);
  }
  return value;
}

const P1 = "ecmhs.tf.pregnancy.1";
const P2 = "ecmhs.tf.pregnancy.2";
const D1 = "ecmhs.tf.development.1";
const E1 = "ecmhs.law.ethics.1";
const R1 = "ecmhs.law.reporting.1";
const IP1 = "imhs.tf.pregnancy.1";
const A1 = "imhs.tf.attachment.1";
const A2 = "imhs.tf.attachment.2";

// Knowledge areas are deliberately not listed domain by domain, so grouping and order are both tested.
const data = deepFreeze({
  format: "iecmh-atlas-mapper-data",
  dataset_version: "0.1.0",
  storage_key: "iecmh-atlas.mapper.v1",
  limits: { import_bytes: 1000000, courses: 200, text_chars: 200 },
  domains: [{ id: "tf", name: "Theoretical Foundations" }, { id: "law", name: "Law, Regulation and Agency Policy" }],
  knowledge_areas: [
    { id: "pregnancy", name: "Pregnancy & Early Parenthood", domain: "tf" },
    { id: "ethics", name: "Ethical Practice", domain: "law" },
    { id: "development", name: "Infant/Very Young Child Development", domain: "tf" },
    { id: "reporting", name: "Mandated Reporting", domain: "law" },
    { id: "attachment", name: "Attachment, Separation, Trauma & Loss", domain: "tf" },
  ],
  indicators: [
    { id: P1, ka: "pregnancy", category: "ecmhs", text: "Describes pregnancy" },
    { id: P2, ka: "pregnancy", category: "ecmhs", text: "Describes early parenthood" },
    { id: E1, ka: "ethics", category: "ecmhs", text: "Follows the code of ethics" },
    { id: D1, ka: "development", category: "ecmhs", text: "Knows milestones" },
    { id: R1, ka: "reporting", category: "ecmhs", text: "Knows reporting duties" },
    { id: IP1, ka: "pregnancy", category: "imhs", text: "Supports expectant parents" },
    { id: A1, ka: "attachment", category: "imhs", text: "Explains attachment" },
    { id: A2, ka: "attachment", category: "imhs", text: "Recognises trauma" },
  ],
  categories: [
    { id: "ecmhs", code: "ECMHS", name: "Early Childhood Mental Health Specialist",
      knowledge_areas: ["pregnancy", "ethics", "development", "reporting"], indicators: [P1, P2, E1, D1, R1] },
    { id: "imhs", code: "IMHS", name: "Infant Mental Health Specialist",
      knowledge_areas: ["pregnancy", "attachment"], indicators: [IP1, A1, A2] },
  ],
});

const withLimits = (extra) => deepFreeze({ ...data, limits: { ...data.limits, ...extra } });

/**
 * Three courses, target ECMHS. Hand-computed per knowledge area (course level / course hours):
 *   pregnancy:   501 R / max(6, 4+5)=9   520 M / max(10, 0)=10   590 R / 0    -> reached 3, M, 19 hours
 *   development: 501 I / max(0, 3)=3     520 R / max(0, 7)=7     590 -        -> reached 2, R, 10 hours
 *   attachment:  520 R / 2 (not an ECMHS area, but reached)                   -> reached 1, R, 2 hours
 *   ethics:      590 I / 1                                                    -> reached 1, I, 1 hour
 *   reporting:   nobody (ECMHS target)                                        -> reached 0, none, 0 hours
 * Course totals: 501 = 9 + 3 = 12 (a naive sum would be 18), 520 = 10 + 2 + 7 = 19, 590 = 1.
 */
function sampleProgram() {
  return deepFreeze({
    format: "iecmh-atlas-program", version: 1, dataset_version: "0.1.0",
    id: "demo-u", institution: "Demo University", program: "IECMH Certificate", target_categories: ["ecmhs"],
    courses: [
      { code: "IECMH 501", title: "Development", credits: 3, clock_hours: 45, covers: [
        { item: "ka:pregnancy", level: "I", hours: 6 }, { item: P1, level: "R", hours: 4 },
        { item: P2, level: "I", hours: 5 }, { item: D1, level: "I", hours: 3 }] },
      { code: "IECMH 520", title: "Assessment", clock_hours: 30, covers: [
        { item: "ka:pregnancy", level: "M", hours: 10 }, { item: A1, level: "R", hours: 2 },
        { item: "ka:development", level: "R" }, { item: D1, level: "I", hours: 7 }] },
      { code: "IECMH 590", title: "Practicum", covers: [{ item: E1, level: "I", hours: 1 }, { item: P2, level: "R" }] },
    ],
  });
}

const program = sampleProgram();
const withCourses = (courses, extra = {}) => deepFreeze({ ...emptyProgram(data), ...extra, courses });
const rowsOf = (m) => m.domains.flatMap((d) => d.rows);
const rowOf = (m, ka) => rowsOf(m).find((r) => r.ka === ka);
const BOM = "\uFEFF";
const HEADER = "course_code,course_title,credits,clock_hours,item,level,hours";
const csv = (...lines) => `${lines.join("\r\n")}\r\n`;

describe("coverage arithmetic", () => {
  test("a course's level for a knowledge area is its highest entry on ka:K or an indicator of K", () => {
    const m = matrix(data, program);
    assert.deepEqual(rowOf(m, "pregnancy").cells, ["R", "M", "R"]);
    assert.deepEqual(rowOf(m, "development").cells, ["I", "R", null]);
    assert.deepEqual(rowOf(m, "ethics").cells, [null, null, "I"]);
  });

  test("the program's level is the highest over courses; reached counts courses with a level", () => {
    const m = matrix(data, program);
    assert.deepEqual(rowsOf(m).map((r) => [r.ka, r.reached, r.highest]), [
      ["pregnancy", 3, "M"], ["development", 2, "R"], ["attachment", 1, "R"], ["ethics", 1, "I"], ["reporting", 0, null],
    ]);
  });

  test("hours: max of the ka:K entry and the sum of indicator entries per course, added over courses", () => {
    const m = matrix(data, program);
    assert.deepEqual(rowsOf(m).map((r) => [r.ka, r.hours]), [
      ["pregnancy", 19], ["development", 10], ["attachment", 2], ["ethics", 1], ["reporting", 0],
    ]);
  });

  test("hours are never counted twice: a ka:K entry with more hours than its indicators wins alone", () => {
    const p = withCourses([{ code: "A", title: "A", covers: [
      { item: "ka:pregnancy", level: "I", hours: 12 }, { item: P1, level: "R", hours: 4 }, { item: P2, level: "I", hours: 5 }] }]);
    assert.equal(rowOf(matrix(data, p), "pregnancy").hours, 12);
    const q = withCourses([{ code: "A", title: "A", covers: [{ item: "ka:pregnancy", level: "I" }, { item: P1, level: "R", hours: 4 }] }]);
    assert.equal(rowOf(matrix(data, q), "pregnancy").hours, 4);
  });

  test("an indicator's level comes from entries on itself or on ka:<its area>, not from its sibling indicators", () => {
    const cov = categoryCoverage(data, program, "imhs");
    // IP1 only via ka:pregnancy (M); A1 directly (R); A2 has no entry although its sibling A1 has one.
    assert.deepEqual(cov.indicators, { total: 3, I: 0, R: 1, M: 1, none: 1, percent_reached: 67 });
    const p = withCourses([{ code: "A", title: "A", covers: [{ item: P1, level: "M" }] }]);
    assert.deepEqual(categoryCoverage(data, p, "ecmhs").indicators, { total: 5, I: 0, R: 0, M: 1, none: 4, percent_reached: 20 });
  });

  test("a course's assigned hours may not exceed its clock hours (max-vs-sum rule, boundary allowed)", () => {
    const set = (code, clock) => deepFreeze({ ...program, courses: program.courses.map((c) => (c.code === code ? { ...c, clock_hours: clock } : c)) });
    assert.deepEqual(validateProgram(set("IECMH 520", 19), data), []);
    assert.deepEqual(validateProgram(set("IECMH 520", 18), data), ['Course "IECMH 520": the course assigns 19 hours but has 18 clock hours']);
    assert.deepEqual(validateProgram(set("IECMH 501", 12), data), [], "12 assigned, not the naive 18");
    assert.deepEqual(validateProgram(set("IECMH 501", 11.5), data), ['Course "IECMH 501": the course assigns 12 hours but has 11.5 clock hours']);
  });
});

describe("matrix", () => {
  test("groups the target areas and reached non-target areas by domain, in data order", () => {
    assert.deepEqual(matrix(data, program), {
      courses: ["IECMH 501", "IECMH 520", "IECMH 590"],
      domains: [
        { id: "tf", name: "Theoretical Foundations", rows: [
          { ka: "pregnancy", name: "Pregnancy & Early Parenthood", cells: ["R", "M", "R"], reached: 3, highest: "M", hours: 19 },
          { ka: "development", name: "Infant/Very Young Child Development", cells: ["I", "R", null], reached: 2, highest: "R", hours: 10 },
          { ka: "attachment", name: "Attachment, Separation, Trauma & Loss", cells: [null, "R", null], reached: 1, highest: "R", hours: 2 },
        ] },
        { id: "law", name: "Law, Regulation and Agency Policy", rows: [
          { ka: "ethics", name: "Ethical Practice", cells: [null, null, "I"], reached: 1, highest: "I", hours: 1 },
          { ka: "reporting", name: "Mandated Reporting", cells: [null, null, null], reached: 0, highest: null, hours: 0 },
        ] },
      ],
    });
  });

  test("without targets only reached areas are rows, and a domain without rows is left out", () => {
    const p = withCourses([{ code: "A", title: "A", covers: [{ item: A1, level: "I" }, { item: "ka:pregnancy", level: "R" }] }]);
    const m = matrix(data, p);
    assert.deepEqual(m.domains.map((d) => [d.id, d.rows.map((r) => r.ka)]), [["tf", ["pregnancy", "attachment"]]]);
  });

  test("with two targets the union of their areas is shown, and a program without courses has empty cells", () => {
    const p = withCourses([], { target_categories: ["imhs", "ecmhs"] });
    const m = matrix(data, p);
    assert.deepEqual(m.courses, []);
    assert.deepEqual(rowsOf(m).map((r) => [r.ka, r.cells, r.reached, r.highest, r.hours]), [
      ["pregnancy", [], 0, null, 0], ["development", [], 0, null, 0], ["attachment", [], 0, null, 0],
      ["ethics", [], 0, null, 0], ["reporting", [], 0, null, 0],
    ]);
  });
});

describe("category coverage", () => {
  test("counts knowledge areas and indicators by highest level, percent reached, gaps and introduced-only", () => {
    assert.deepEqual(categoryCoverage(data, program, "ecmhs"), {
      category: { id: "ecmhs", code: "ECMHS", name: "Early Childhood Mental Health Specialist" },
      // pregnancy M, ethics I, development R, reporting none
      knowledge_areas: { total: 4, I: 1, R: 1, M: 1, none: 1, percent_reached: 75 },
      // P1 M (via ka:pregnancy, its own entry is R), P2 M, E1 I, D1 R (via ka:development), R1 none
      indicators: { total: 5, I: 1, R: 1, M: 2, none: 1, percent_reached: 80 },
      gaps: ["reporting"],
      introduced_only: ["ethics"],
    });
  });

  test("an empty program reaches nothing; gaps list every area in category order", () => {
    const cov = categoryCoverage(data, emptyProgram(data), "ecmhs");
    assert.deepEqual(cov.knowledge_areas, { total: 4, I: 0, R: 0, M: 0, none: 4, percent_reached: 0 });
    assert.deepEqual(cov.gaps, ["pregnancy", "ethics", "development", "reporting"]);
    assert.deepEqual(cov.introduced_only, []);
  });

  test("percent_reached is 0 for a category without items, and an unknown category throws", () => {
    const d = deepFreeze({ ...data, categories: [...data.categories, { id: "none", code: "NONE", name: "None", knowledge_areas: [], indicators: [] }] });
    assert.equal(categoryCoverage(d, program, "none").knowledge_areas.percent_reached, 0);
    assert.equal(categoryCoverage(d, program, "none").indicators.total, 0);
    assert.throws(() => categoryCoverage(data, program, "nope"), TypeError);
  });

  test("coverageReport has the matrix and one coverage per target category, in target order", () => {
    const p = deepFreeze({ ...program, target_categories: ["imhs", "ecmhs"] });
    const report = coverageReport(data, p);
    assert.deepEqual(report.matrix, matrix(data, p));
    assert.deepEqual(report.categories.map((c) => c.category.id), ["imhs", "ecmhs"]);
    assert.deepEqual(report.categories[1], categoryCoverage(data, p, "ecmhs"));
  });
});

describe("editing", () => {
  test("emptyProgram is valid and has the dataset version and placeholder names", () => {
    const p = emptyProgram(data);
    assert.deepEqual(p, {
      format: "iecmh-atlas-program", version: 1, dataset_version: "0.1.0",
      id: "my-program", institution: "My institution", program: "My program", target_categories: [], courses: [],
    });
    assert.deepEqual(validateProgram(p, data), []);
  });

  test("addCourse trims text, leaves out missing numbers and appends", () => {
    let p = addCourse(emptyProgram(data), { code: "  IECMH 501 ", title: " Development ", credits: 3 }, data);
    p = addCourse(p, { code: "IECMH 520", title: "Assessment", clock_hours: 10, covers: [{ item: P1, level: "R", hours: 2 }] }, data);
    assert.deepEqual(p.courses, [
      { code: "IECMH 501", title: "Development", credits: 3, covers: [] },
      { code: "IECMH 520", title: "Assessment", clock_hours: 10, covers: [{ item: P1, level: "R", hours: 2 }] },
    ]);
    assert.deepEqual(validateProgram(p, data), []);
  });

  test("addCourse throws a TypeError for a duplicate code (case and spaces ignored) or an invalid course", () => {
    assert.throws(() => addCourse(program, { code: " iecmh 501", title: "Again" }, data), /already used/);
    assert.throws(() => addCourse(program, { code: "X 1" }, data), { name: "TypeError", message: 'Course "X 1": title must be text' });
    assert.throws(() => addCourse(program, { code: "X 1", title: "<b>bold</b>" }, data), { name: "TypeError", message: /title contains HTML/ });
    assert.throws(() => addCourse(program, { code: "X 1", title: "T", credits: -1 }, data), { name: "TypeError", message: /credits must be a number of 0 or more/ });
    assert.throws(() => addCourse(program, { code: "X 1", title: "T", room: "B2" }, data), { name: "TypeError", message: /Unexpected course field "room"/ });
    assert.throws(() => addCourse(program, { code: "X 1", title: "T", covers: [{ item: "ka:nope", level: "I" }] }, data), { name: "TypeError", message: /unknown item 'ka:nope'/ });
    assert.throws(() => addCourse(program, { code: "X 1", title: "T", clock_hours: 1, covers: [{ item: P1, level: "I", hours: 2 }] }, data), { name: "TypeError", message: /assigns 2 hours but has 1 clock hours/ });
    assert.throws(() => addCourse(program, null, data), TypeError);
    assert.throws(() => addCourse(program, { code: "X 1", title: "x".repeat(201) }, data), { name: "TypeError", message: /title is longer than 200 characters/ });
  });

  test("addCourse refuses more than limits.courses courses", () => {
    const small = withLimits({ courses: 1 });
    const p = addCourse(emptyProgram(small), { code: "A", title: "A" }, small);
    assert.throws(() => addCourse(p, { code: "B", title: "B" }, small), { name: "TypeError", message: "A program can have at most 1 courses" });
  });

  test("updateCourse renames, changes and removes fields; unknown codes, clashes and too many hours throw", () => {
    const p = updateCourse(program, "iecmh 501", { code: "IECMH 502 ", title: "Development II", credits: null }, data);
    const { credits, ...rest } = program.courses[0];
    assert.equal(credits, 3);
    assert.deepEqual(p.courses[0], { ...rest, code: "IECMH 502", title: "Development II" });
    assert.equal(Object.hasOwn(p.courses[0], "credits"), false);
    assert.deepEqual(p.courses.slice(1), program.courses.slice(1));
    assert.equal(updateCourse(program, "IECMH 501", { code: "iecmh 501" }, data).courses[0].code, "iecmh 501");
    assert.throws(() => updateCourse(program, "NOPE 1", { title: "T" }, data), { name: "TypeError", message: 'Unknown course "NOPE 1"' });
    assert.throws(() => updateCourse(program, "IECMH 501", { code: "IECMH 520" }, data), /already used/);
    assert.throws(() => updateCourse(program, "IECMH 520", { clock_hours: 18 }, data), { name: "TypeError", message: /assigns 19 hours but has 18/ });
    assert.throws(() => updateCourse(program, "IECMH 520", { level: "M" }, data), TypeError);
  });

  test("removeCourse removes by code (case-insensitive) and throws for an unknown code", () => {
    const p = removeCourse(program, "iecmh 520 ");
    assert.deepEqual(p.courses.map((c) => c.code), ["IECMH 501", "IECMH 590"]);
    assert.throws(() => removeCourse(program, "IECMH 999"), TypeError);
  });

  test("setCover adds, replaces in place, drops hours when none are given and removes with null", () => {
    let p = setCover(program, "IECMH 590", "ka:reporting", "M", 3, data);
    assert.deepEqual(p.courses[2].covers.at(-1), { item: "ka:reporting", level: "M", hours: 3 });
    p = setCover(p, "IECMH 501", P1, "M", undefined, data);
    assert.deepEqual(p.courses[0].covers, [
      { item: "ka:pregnancy", level: "I", hours: 6 }, { item: P1, level: "M" }, { item: P2, level: "I", hours: 5 }, { item: D1, level: "I", hours: 3 }]);
    p = setCover(p, "IECMH 501", "ka:pregnancy", null, undefined, data);
    assert.deepEqual(p.courses[0].covers.map((e) => e.item), [P1, P2, D1]);
    assert.deepEqual(setCover(program, "IECMH 590", "ka:ethics", null, undefined, data), program, "removing an absent entry changes nothing");
  });

  test("setCover throws for unknown courses, items, levels, bad hours and hours beyond the clock hours", () => {
    assert.throws(() => setCover(program, "NOPE", P1, "I", undefined, data), TypeError);
    assert.throws(() => setCover(program, "IECMH 590", "ka:nope", "I", undefined, data), { name: "TypeError", message: 'Unknown item "ka:nope"' });
    assert.throws(() => setCover(program, "IECMH 590", "ecmhs.tf.nope.9", "I", undefined, data), TypeError);
    assert.throws(() => setCover(program, "IECMH 590", P1, "X", undefined, data), TypeError);
    assert.throws(() => setCover(program, "IECMH 590", P1, "i", undefined, data), TypeError);
    assert.throws(() => setCover(program, "IECMH 590", P1, "I", -1, data), TypeError);
    assert.throws(() => setCover(program, "IECMH 590", P1, "I", Number.NaN, data), TypeError);
    assert.doesNotThrow(() => setCover(program, "IECMH 520", "ka:ethics", "I", 11, data), "19 + 11 = 30 is allowed");
    assert.throws(() => setCover(program, "IECMH 520", "ka:ethics", "I", 11.5, data), { name: "TypeError", message: /assigns 30.5 hours but has 30 clock hours/ });
  });

  test("setTargets keeps the given order and refuses unknown or repeated categories", () => {
    assert.deepEqual(setTargets(program, ["imhs", "ecmhs"], data).target_categories, ["imhs", "ecmhs"]);
    assert.deepEqual(setTargets(program, [], data).target_categories, []);
    assert.throws(() => setTargets(program, ["nope"], data), { name: "TypeError", message: "Target categories: unknown category 'nope'" });
    assert.throws(() => setTargets(program, ["imhs", "imhs"], data), { name: "TypeError", message: "Target categories: 'imhs' is listed twice" });
    assert.throws(() => setTargets(program, "imhs", data), TypeError);
  });

  test("setProgramInfo trims names and checks the id; slugify makes an id from a name", () => {
    const p = setProgramInfo(program, { institution: " Other College ", id: "other-college" }, data);
    assert.equal(p.institution, "Other College");
    assert.equal(p.id, "other-college");
    assert.throws(() => setProgramInfo(program, { id: "Other College" }, data), TypeError);
    assert.throws(() => setProgramInfo(program, { program: "<script>x</script>" }, data), TypeError);
    assert.throws(() => setProgramInfo(program, { institution: "  " }, data), TypeError);
    assert.throws(() => setProgramInfo(program, { format: "x" }, data), TypeError);
    assert.equal(slugify("Université de l'Est: IECMH Certificate!"), "universite-de-l-est-iecmh-certificate");
    assert.equal(slugify("!!!"), "program");
  });
});

describe("validateProgram", () => {
  const bad = (change) => {
    const p = structuredClone(sampleProgram());
    change(p);
    return validateProgram(p, data);
  };

  test("a valid program has no errors", () => {
    assert.deepEqual(validateProgram(program, data), []);
  });

  test("reports unknown items and levels", () => {
    assert.deepEqual(bad((p) => { p.courses[2].covers[0].item = "ka:nope"; }), ['Course "IECMH 590": unknown item \'ka:nope\'']);
    assert.deepEqual(bad((p) => { p.courses[2].covers[0].item = "ecmhs.law.nope.1"; }), ['Course "IECMH 590": unknown item \'ecmhs.law.nope.1\'']);
    assert.deepEqual(bad((p) => { p.courses[2].covers[0].level = "X"; }),
      [`Course "IECMH 590": unknown level 'X' for '${E1}' (use I, R or M)`]);
    assert.deepEqual(bad((p) => { p.courses[2].covers[0].level = "i"; }),
      [`Course "IECMH 590": unknown level 'i' for '${E1}' (use I, R or M)`]);
  });

  test("reports duplicate course codes (case and spaces ignored) and duplicate items", () => {
    assert.deepEqual(bad((p) => { p.courses[2].code = " iecmh 501"; }), ['Course "iecmh 501": the course code is listed twice (also course 1)']);
    assert.deepEqual(bad((p) => { p.courses[2].covers.push({ item: E1, level: "R" }); }), [`Course "IECMH 590": '${E1}' is listed twice`]);
  });

  test("reports unknown and repeated target categories", () => {
    assert.deepEqual(bad((p) => { p.target_categories = ["ecmhs", "nope", "ecmhs"]; }),
      ["Target categories: unknown category 'nope'", "Target categories: 'ecmhs' is listed twice"]);
  });

  test("reports markup, empty and over-long text", () => {
    assert.deepEqual(bad((p) => { p.courses[0].title = "Intro <img src=x onerror=alert(1)>"; }),
      ['Course "IECMH 501": title contains HTML or script markup (such as <tag> or javascript:), which is not allowed']);
    assert.deepEqual(bad((p) => { p.institution = "JavaScript :alert(1)"; }),
      ["Program: institution contains HTML or script markup (such as <tag> or javascript:), which is not allowed"]);
    assert.deepEqual(bad((p) => { p.program = " "; }), ["Program: program is empty"]);
    assert.deepEqual(bad((p) => { p.courses[1].code = ""; }), ["Course 2: code is empty"]);
    assert.deepEqual(bad((p) => { p.courses[1].code = "C".repeat(201); }), [`Course "${"C".repeat(57)}...": code is longer than 200 characters`]);
    assert.deepEqual(bad((p) => { p.id = "Demo U"; }), ["Program: id must use only a-z, 0-9 and single hyphens (such as my-program)"]);
    assert.deepEqual(validateProgram({ ...program, institution: "3 < 4 and 5 > 2" }, data), [], "a lone < is plain text");
  });

  test("refuses __proto__, constructor and prototype keys anywhere", () => {
    const parsed = JSON.parse(toProgramJSON(program).replace('"level": "I"', '"level": "I", "__proto__": {"polluted": 1}'));
    assert.deepEqual(validateProgram(parsed, data), ['Program: the key "__proto__" is not allowed']);
    assert.deepEqual(bad((p) => { p.courses[0].constructor = 1; }), ['Program: the key "constructor" is not allowed']);
    assert.deepEqual(bad((p) => { p.prototype = 1; }), ['Program: the key "prototype" is not allowed']);
    assert.equal({}.polluted, undefined);
  });

  test("refuses unknown keys, wrong types and a wrong format or version; never throws", () => {
    assert.deepEqual(bad((p) => { p.extra = 1; p.courses[0].room = "B"; p.courses[0].covers[0].note = "x"; }), [
      'Program: unexpected field "extra"', 'Course "IECMH 501": unexpected field "room"', 'Course "IECMH 501": entry 1 has an unexpected field "note"']);
    assert.deepEqual(bad((p) => { p.courses[0].credits = "3"; p.courses[0].covers[0].hours = -2; }), [
      'Course "IECMH 501": credits must be a number of 0 or more', 'Course "IECMH 501": hours for \'ka:pregnancy\' must be a number of 0 or more']);
    assert.deepEqual(bad((p) => { p.format = "x"; p.version = 2; }), ['Program: format must be "iecmh-atlas-program"', "Program: version must be 1"]);
    assert.deepEqual(bad((p) => { delete p.courses[2].covers; }), ['Course "IECMH 590": covers is missing']);
    assert.deepEqual(bad((p) => { p.courses = {}; }), ["Courses: must be a list"]);
    assert.deepEqual(validateProgram(null, data), ["Program: must be an object"]);
    assert.deepEqual(validateProgram([], data), ["Program: must be an object"]);
    assert.deepEqual(validateProgram(program, null), ["The mapper data is missing or invalid."]);
    assert.deepEqual(validateProgram({ ...program, courses: program.courses }, withLimits({ courses: 2 })),
      ["Courses: there are 3 courses; at most 2 are allowed"]);
  });
});

describe("JSON", () => {
  test("toProgramJSON is 2-space JSON in a fixed key order and round-trips through parseProgramJSON", () => {
    const text = toProgramJSON(program);
    assert.ok(text.startsWith('{\n  "format": "iecmh-atlas-program",\n  "version": 1,\n  "dataset_version": "0.1.0",\n  "id": "demo-u",'));
    assert.deepEqual(parseProgramJSON(text, data), { ok: true, program });
    assert.equal(toProgramJSON(parseProgramJSON(text, data).program), text);
    assert.deepEqual(parseProgramJSON(`${BOM}${text}`, data), { ok: true, program });
  });

  test("parseProgramJSON refuses other files, invalid programs and files over the size limit (UTF-8 bytes)", () => {
    assert.deepEqual(parseProgramJSON("{nope", data), { ok: false, error: "This file is not valid JSON, so it cannot be a program export." });
    assert.deepEqual(parseProgramJSON('{"format":"iecmh-atlas-assessment"}', data), { ok: false, error: "This file is not an IECMH Atlas program export." });
    assert.deepEqual(parseProgramJSON("[]", data), { ok: false, error: "This file is not an IECMH Atlas program export." });
    const v2 = JSON.stringify({ ...JSON.parse(toProgramJSON(program)), version: 2 });
    assert.deepEqual(parseProgramJSON(v2, data), { ok: false, error: "This file is not an IECMH Atlas program export (unsupported version)." });
    const badItem = toProgramJSON(program).replace('"ka:development"', '"ka:nope"');
    assert.deepEqual(parseProgramJSON(badItem, data), { ok: false, error: "This program was not imported: Course \"IECMH 520\": unknown item 'ka:nope'." });
    const proto = toProgramJSON(program).replace('"id": "demo-u",', '"id": "demo-u", "__proto__": {"x": 1},');
    assert.equal(parseProgramJSON(proto, data).ok, false);
    const small = withLimits({ import_bytes: 100 });
    const text = JSON.stringify({ format: "iecmh-atlas-program", pad: "é".repeat(40) });
    assert.ok(text.length <= 100);
    assert.deepEqual(parseProgramJSON(text, small), { ok: false, error: "This file is too large (more than 100 bytes) to be a program export." });
    assert.equal(parseProgramJSON(undefined, data).ok, false);
  });
});

describe("YAML", () => {
  test("toProgramYAML writes the program file with every string JSON-quoted and numbers bare", () => {
    const p = deepFreeze({ ...program, target_categories: ["ecmhs", "imhs"], courses: [program.courses[0], { code: "X 1", title: "Empty", covers: [] }] });
    assert.equal(toProgramYAML(p), [
      "# yaml-language-server: $schema=../schemas/program.schema.json",
      'id: "demo-u"',
      'institution: "Demo University"',
      'program: "IECMH Certificate"',
      "fictional: false",
      'target_categories: ["ecmhs", "imhs"]',
      "courses:",
      '  - code: "IECMH 501"',
      '    title: "Development"',
      "    credits: 3",
      "    clock_hours: 45",
      "    covers:",
      '      - {item: "ka:pregnancy", level: "I", hours: 6}',
      `      - {item: "${P1}", level: "R", hours: 4}`,
      `      - {item: "${P2}", level: "I", hours: 5}`,
      `      - {item: "${D1}", level: "I", hours: 3}`,
      '  - code: "X 1"',
      '    title: "Empty"',
      "    covers: []",
      "",
    ].join("\n"));
  });

  test("an empty program has empty flow lists and no format, version or dataset_version keys", () => {
    const text = toProgramYAML(emptyProgram(data));
    assert.equal(text, [
      "# yaml-language-server: $schema=../schemas/program.schema.json",
      'id: "my-program"', 'institution: "My institution"', 'program: "My program"', "fictional: false",
      "target_categories: []", "courses: []", "",
    ].join("\n"));
    assert.doesNotMatch(text, /format|version/);
  });

  test("quotes, colons, #, newlines and YAML-significant characters stay inside one quoted scalar", () => {
    const title = 'Say "hi": #1\nnext - [a] {b} & *c !d | > \' % @ `';
    const p = deepFreeze({ ...program, institution: "yes", program: "Null: ~ #not a comment", courses: [{ code: "- 1", title, credits: 1e-7, covers: [] }] });
    const lines = toProgramYAML(p).split("\n");
    assert.equal(lines[2], 'institution: "yes"');
    assert.equal(lines[3], 'program: "Null: ~ #not a comment"');
    const titleLine = lines.find((l) => l.startsWith("    title: "));
    assert.equal(titleLine, `    title: ${JSON.stringify(title)}`);
    assert.equal(JSON.parse(titleLine.slice("    title: ".length)), title);
    assert.ok(lines.includes('  - code: "- 1"'));
    assert.ok(lines.includes("    credits: 1.0e-7"), "exponent numbers get a mantissa with a dot so YAML 1.1 reads a float");
    const odd = deepFreeze({ ...program, courses: [{ code: "A", title: "a\u2028b\u0085c\u007f", covers: [] }] });
    assert.ok(toProgramYAML(odd).includes('    title: "a\\u2028b\\u0085c\\u007f"'));
  });
});

describe("CSV export", () => {
  test("csvCell defuses formulas and quotes commas, quotes and line breaks", () => {
    assert.equal(csvCell("=1+1"), "'=1+1");
    assert.equal(csvCell("+1"), "'+1");
    assert.equal(csvCell("-1"), "'-1");
    assert.equal(csvCell("@SUM(A1)"), "'@SUM(A1)");
    assert.equal(csvCell("\tx"), "'\tx");
    assert.equal(csvCell('a,"b"'), '"a,""b"""');
    assert.equal(csvCell("a\nb"), '"a\nb"');
    assert.equal(csvCell(null), "");
    assert.equal(csvCell(3), "3");
  });

  test("csvTemplate has the header and one ka: row per target knowledge area, in data order", () => {
    assert.equal(csvTemplate(data, program), `${BOM}${csv(HEADER, ",,,,ka:pregnancy,,", ",,,,ka:ethics,,", ",,,,ka:development,,", ",,,,ka:reporting,,")}`);
  });

  test("without targets the template lists every knowledge area", () => {
    const text = csvTemplate(data, emptyProgram(data));
    assert.equal(text, `${BOM}${csv(HEADER, ",,,,ka:pregnancy,,", ",,,,ka:ethics,,", ",,,,ka:development,,", ",,,,ka:reporting,,", ",,,,ka:attachment,,")}`);
  });

  test("toMatrixCSV has one row per matrix row with levels per course, reach, highest level and hours", () => {
    const p = deepFreeze({ ...program, courses: [...program.courses.slice(0, 2), { ...program.courses[2], code: "=HYPERLINK(1)" }] });
    assert.equal(toMatrixCSV(data, p), BOM + csv(
      "domain,knowledge_area,IECMH 501,IECMH 520,'=HYPERLINK(1),courses_reaching,highest_level,hours",
      "Theoretical Foundations,Pregnancy & Early Parenthood,R,M,R,3,M,19",
      "Theoretical Foundations,Infant/Very Young Child Development,I,R,,2,R,10",
      'Theoretical Foundations,"Attachment, Separation, Trauma & Loss",,R,,1,R,2',
      '"Law, Regulation and Agency Policy",Ethical Practice,,,I,1,I,1',
      '"Law, Regulation and Agency Policy",Mandated Reporting,,,,0,,0',
    ));
  });

  test("fileName uses the program id, the local day (UTC here: see local-day.test.mjs) and the kind", () => {
    const date = new Date("2026-11-23T23:30:00Z");
    assert.equal(fileName(program, "json", date), "iecmh-atlas-program-demo-u-2026-11-23.json");
    assert.equal(fileName(program, "yaml", date), "iecmh-atlas-program-demo-u-2026-11-23.yml");
    assert.equal(fileName(program, "csv", date), "iecmh-atlas-program-demo-u-2026-11-23.csv");
    assert.equal(fileName(program, "template", date), "iecmh-atlas-program-demo-u-2026-11-23-template.csv");
    assert.throws(() => fileName(program, "md", date), TypeError);
    assert.throws(() => fileName(program, "json", new Date("nope")), TypeError);
  });
});

describe("CSV import", () => {
  const start = deepFreeze({ ...program, courses: [program.courses[0], program.courses[2]] });
  const good = csv(
    HEADER,
    "IECMH 520,Assessment,3,30,ka:pregnancy,M,10",
    "IECMH 520,,,,ka:attachment,introduced,2",
    ",,,,ka:ethics,,",
    "iecmh 501,,,,ka:development,r,",
    `IECMH 501,,,,${P1},Mastered,4`,
  );

  test("a good file adds new courses and replaces same-code ones, keeping details it does not give", () => {
    const result = parseCoursesCSV(BOM + good, data, start);
    assert.equal(result.ok, true);
    assert.deepEqual(result.program, {
      ...start,
      courses: [
        { code: "iecmh 501", title: "Development", credits: 3, clock_hours: 45, covers: [{ item: "ka:development", level: "R" }, { item: P1, level: "M", hours: 4 }] },
        program.courses[2],
        { code: "IECMH 520", title: "Assessment", credits: 3, clock_hours: 30, covers: [{ item: "ka:pregnancy", level: "M", hours: 10 }, { item: "ka:attachment", level: "I", hours: 2 }] },
      ],
    });
    assert.deepEqual(validateProgram(result.program, data), []);
  });

  test("BOM, CRLF and LF files give the same result", () => {
    const expected = parseCoursesCSV(good, data, start);
    assert.equal(expected.ok, true);
    assert.deepEqual(parseCoursesCSV(BOM + good, data, start), expected);
    assert.deepEqual(parseCoursesCSV(good.replace(/\r\n/g, "\n"), data, start), expected);
    assert.deepEqual(parseCoursesCSV(good.replace(/\r\n$/, ""), data, start), expected, "no final line break");
  });

  test("one bad row is reported by its row number (header is row 1) and nothing is applied", () => {
    const text = good.replace(`${P1},Mastered`, "ka:nope,Mastered");
    assert.deepEqual(parseCoursesCSV(text, data, start), { ok: false, errors: ["Row 6: unknown item 'ka:nope'"] });
  });

  test("every problem is listed at once", () => {
    const text = csv(HEADER,
      "A 1,Title,,,ka:pregnancy,X,",
      ",,,,ka:ethics,R,",
      "A 1,,,,ka:ethics,,",
      "A 1,,abc,,ka:development,I,-1",
      "A 1,,,,ka:pregnancy,I,",
      "A 1,<b>T</b>,,,,,",
      "B 1,,,,,,3");
    assert.deepEqual(parseCoursesCSV(text, data, start).errors, [
      "Row 2: unknown level 'X' for 'ka:pregnancy' (use I, R or M)",
      "Row 3: course_code is empty",
      "Row 4: level is empty for 'ka:ethics' (use I, R or M)",
      "Row 5: credits 'abc' is not a number of 0 or more",
      "Row 5: hours '-1' is not a number of 0 or more",
      "Row 6: 'ka:pregnancy' is listed twice for course 'A 1' (also row 2)",
      "Row 7: course_title contains HTML or script markup (such as <tag> or javascript:), which is not allowed",
      "Row 8: hours are given without an item",
      "Row 8: course 'B 1' has no course_title",
    ]);
  });

  test("quoted fields may hold commas, quotes and line breaks; a multi-line record is one row", () => {
    const text = csv(HEADER,
      '"IECMH 600","Families, ""Culture""\nand Context",2,,ka:reporting,I,1',
      "IECMH 600,,,,ka:nope,I,");
    const bad = parseCoursesCSV(text, data, start);
    assert.deepEqual(bad.errors, ["Row 3: unknown item 'ka:nope'"]);
    const ok = parseCoursesCSV(text.replace("ka:nope", "ka:ethics"), data, start);
    assert.deepEqual(ok.program.courses[2], { code: "IECMH 600", title: 'Families, "Culture"\nand Context', credits: 2,
      covers: [{ item: "ka:reporting", level: "I", hours: 1 }, { item: "ka:ethics", level: "I" }] });
    assert.deepEqual(parseCoursesCSV(csv(HEADER, '"A,x,,,ka:ethics,I,'), data, start), { ok: false, errors: ["Row 2: a quoted field is not closed"] });
    assert.deepEqual(parseCoursesCSV(csv(HEADER, '"A"x,T,,,ka:ethics,I,'), data, start), { ok: false, errors: ["Row 2: unexpected text after a closing quote"] });
  });

  test("conflicting course details are an error naming both rows; equal repeats are fine", () => {
    const text = csv(HEADER, "A 1,First,3,,ka:ethics,I,", "a 1,Second,3,,ka:pregnancy,I,", "A 1,First,4,,ka:development,I,");
    assert.deepEqual(parseCoursesCSV(text, data, start).errors, [
      "Row 3: course 'A 1' has course_title 'Second' here but 'First' on row 2",
      "Row 4: course 'A 1' has credits '4' here but '3' on row 2",
    ]);
    const same = parseCoursesCSV(csv(HEADER, "A 1,First,3,,ka:ethics,I,", "A 1,First,3.0,,ka:pregnancy,I,"), data, start);
    assert.equal(same.ok, true);
  });

  test("the apostrophe csvCell adds before formula-like text is removed; other apostrophes stay", () => {
    const title = "=HYPERLINK(\"x\")";
    const text = csv(HEADER, `${csvCell("-1 A")},${csvCell(title)},,,ka:ethics,I,`, "'Tis 1,'Tis a course,,,ka:pregnancy,I,");
    const result = parseCoursesCSV(text, data, start);
    assert.equal(result.ok, true);
    assert.deepEqual(result.program.courses.slice(2).map((c) => [c.code, c.title]), [["-1 A", title], ["'Tis 1", "'Tis a course"]]);
  });

  test("the header may come in any order and case; unknown or missing columns are refused", () => {
    const reordered = parseCoursesCSV(csv("Level,ITEM,course_code,course_title", "i,ka:ethics,A 1,T"), data, start);
    assert.deepEqual(reordered.program.courses[2], { code: "A 1", title: "T", covers: [{ item: "ka:ethics", level: "I" }] });
    assert.deepEqual(parseCoursesCSV(csv("course_code,item,room", "A,ka:ethics,1"), data, start),
      { ok: false, errors: ["Row 1: unknown column 'room'", "Row 1: the column 'level' is missing"] });
    assert.deepEqual(parseCoursesCSV(csv(HEADER, "A 1,T,,,ka:ethics,I,,surprise"), data, start),
      { ok: false, errors: ["Row 2: there are more cells than columns in the header"] });
  });

  test("an untouched template imports nothing and says so", () => {
    assert.deepEqual(parseCoursesCSV(csvTemplate(data, program), data, start),
      { ok: false, errors: ["No row has a course code and a level filled in, so there is nothing to import."] });
    assert.deepEqual(parseCoursesCSV("", data, start), { ok: false, errors: ["The file is empty."] });
  });

  test("the resulting program must pass validateProgram (clock hours, course limit)", () => {
    const text = csv(HEADER, "IECMH 501,,,,ka:pregnancy,I,40", "IECMH 501,,,,ka:ethics,R,6");
    assert.deepEqual(parseCoursesCSV(text, data, start),
      { ok: false, errors: ['Course "IECMH 501": the course assigns 46 hours but has 45 clock hours'] });
    const small = withLimits({ courses: 2 });
    assert.deepEqual(parseCoursesCSV(csv(HEADER, "NEW 1,New,,,ka:ethics,I,"), small, start).errors,
      ["Courses: there are 3 courses; at most 2 are allowed"]);
  });

  test("files over the size limit (UTF-8 bytes) are refused before reading", () => {
    const small = withLimits({ import_bytes: 120 });
    const text = csv(HEADER, `A,${"é".repeat(30)},,,ka:ethics,I,`);
    assert.ok(text.length <= 120);
    assert.deepEqual(parseCoursesCSV(text, small, start), { ok: false, errors: ["This file is too large (more than 120 bytes) to import."] });
    assert.equal(parseCoursesCSV(text, data, start).ok, true);
  });
});

describe("inputs are never mutated", () => {
  test("every function works on deep-frozen inputs and leaves them unchanged", () => {
    const before = structuredClone(program);
    const dataBefore = structuredClone(data);
    setCover(program, "IECMH 501", P1, "M", 1, data);
    setCover(program, "IECMH 501", P1, null, undefined, data);
    addCourse(program, deepFreeze({ code: "N 1", title: "New", covers: [{ item: P1, level: "I" }] }), data);
    updateCourse(program, "IECMH 501", deepFreeze({ title: "Changed", covers: [{ item: P2, level: "R" }] }), data);
    removeCourse(program, "IECMH 501");
    setTargets(program, deepFreeze(["imhs"]), data);
    setProgramInfo(program, deepFreeze({ institution: "X" }), data);
    validateProgram(program, data);
    coverageReport(data, program);
    toProgramJSON(program);
    toProgramYAML(program);
    csvTemplate(data, program);
    toMatrixCSV(data, program);
    parseCoursesCSV(csv(HEADER, "IECMH 501,,,,ka:ethics,I,"), data, program);
    assert.deepEqual(program, before);
    assert.deepEqual(data, dataBefore);
  });

  test("returned programs share no arrays with the input that a later edit could change", () => {
    const course = { code: "N 1", title: "New", covers: [{ item: P1, level: "I" }] };
    const p = addCourse(emptyProgram(data), course, data);
    course.covers[0].level = "M";
    course.covers.push({ item: P2, level: "R" });
    assert.deepEqual(p.courses[0].covers, [{ item: P1, level: "I" }]);
    const targets = ["imhs"];
    const q = setTargets(p, targets, data);
    targets.push("ecmhs");
    assert.deepEqual(q.target_categories, ["imhs"]);
  });
});
