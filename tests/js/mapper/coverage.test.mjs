// Node tests of docs/assets/js/mapper/coverage.mjs. Run from the repo root: node --test tests/js/
import { test, describe } from "node:test";
import assert from "node:assert/strict";
import { categoryCoverage, coverageReport, matrix, prepareCourse } from "../../../docs/assets/js/mapper/coverage.mjs";
import { emptyProgram, validateProgram } from "../../../docs/assets/js/mapper/state.mjs";
import { deepFreeze, P1, P2, D1, E1, R1, IP1, A1, A2, data, program, withCourses, rowsOf, rowOf } from "./fixture.mjs";

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

test("prepareCourse changes no report and no input: a report after preparing every course equals one without", () => {
  const fresh = JSON.parse(JSON.stringify(program));
  const expected = coverageReport(data, fresh);
  const prepared = deepFreeze(JSON.parse(JSON.stringify(program)));
  for (const course of prepared.courses) prepareCourse(data, course);
  prepareCourse(data, { code: "X", covers: "not a list" }); // a course it cannot read is left alone too
  assert.deepEqual(coverageReport(data, prepared), expected);
  assert.deepEqual(prepared, fresh);
});
