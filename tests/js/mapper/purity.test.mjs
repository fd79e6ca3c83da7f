// Node tests of docs/assets/js/mapper/ (every function leaves its inputs as they were). Run from the repo root: node --test tests/js/
import { test, describe } from "node:test";
import assert from "node:assert/strict";
import { coverageReport } from "../../../docs/assets/js/mapper/coverage.mjs";
import { addCourse, emptyProgram, removeCourse, setCover, setProgramInfo, setTargets, updateCourse, validateProgram } from "../../../docs/assets/js/mapper/state.mjs";
import { toMatrixCSV, toProgramJSON, toProgramYAML } from "../../../docs/assets/js/mapper/formats.mjs";
import { csvTemplate, parseCoursesCSV } from "../../../docs/assets/js/mapper/courses-csv.mjs";
import { deepFreeze, P1, P2, data, program, HEADER, csv } from "./fixture.mjs";

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
