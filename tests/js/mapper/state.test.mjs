// Node tests of docs/assets/js/mapper/state.mjs. Run from the repo root: node --test tests/js/
import { test, describe } from "node:test";
import assert from "node:assert/strict";
import { addCourse, emptyProgram, limits, removeCourse, setCover, setProgramInfo, setTargets, slugify, updateCourse, validateProgram } from "../../../docs/assets/js/mapper/state.mjs";
import { toProgramJSON } from "../../../docs/assets/js/mapper/formats.mjs";
import { P1, P2, D1, E1, data, withLimits, sampleProgram, program } from "./fixture.mjs";

describe("editing", () => {
  test("emptyProgram is valid, has the dataset version and leaves id, institution and program name empty", () => {
    const p = emptyProgram(data);
    assert.deepEqual(p, {
      format: "iecmh-atlas-program", version: 1, dataset_version: "0.1.0",
      id: "", institution: "", program: "", target_categories: [], courses: [],
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
    assert.equal(setProgramInfo(program, { institution: "  " }, data).institution, "", "a cleared name is not entered");
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
