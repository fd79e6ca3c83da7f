// Node tests of docs/assets/js/mapper/saved.mjs and the saving rules of formats.mjs, courses-csv.mjs and state.mjs:
// limits that agree, today's saved format, two tabs. Run from the repo root: node --test tests/js/
import { test, describe } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { parseCoursesCSV } from "../../../docs/assets/js/mapper/courses-csv.mjs";
import { parseProgramJSON, readSavedProgram, savedBytes, toProgramJSON } from "../../../docs/assets/js/mapper/formats.mjs";
import { openSaved } from "../../../docs/assets/js/mapper/saved.mjs";
import { addCourse, emptyProgram, mergePrograms, setCover, setTargets } from "../../../docs/assets/js/mapper/state.mjs";
import { SavedTexts } from "../../../docs/assets/js/shared/storage.mjs";
import { FakeStorage } from "../shared/fake-storage.mjs";
import { P1, P2, data, program, withLimits } from "./fixture.mjs";

const KEY = data.storage_key;
const small = withLimits({ import_bytes: 1200 });
const textsOf = (items = {}) => {
  const area = new FakeStorage();
  for (const [key, value] of Object.entries(items)) area.setItem(key, value);
  return { area, texts: new SavedTexts(() => area) };
};
const courses = (n) => Array.from({ length: n }, (_, i) => `C${i},Course ${i},,,ka:pregnancy,R,`);

describe("limits agree: what the page saves, it reads and imports again", () => {
  test("a change that would make the saved map exceed import_bytes is refused and nothing is saved", () => {
    const { area, texts } = textsOf();
    const { document, program: start } = openSaved(texts, small);
    let current = start;
    let refused = null;
    for (let i = 0; i < 40 && !refused; i += 1) {
      const result = document.commit(addCourse(current, { code: `C${i}`, title: `Course ${i}` }, small));
      if (result.ok) current = result.value;
      else refused = result;
    }
    assert.ok(refused, "the limit is reached well before 40 courses");
    assert.equal(refused.oversize.limit, 1200);
    assert.equal(area.getItem(KEY), toProgramJSON(current));
    assert.equal(parseProgramJSON(area.getItem(KEY), small).ok, true, "everything saved can be imported");
  });

  test("a CSV import that would take the map over the limit is refused whole", () => {
    const csv = `course_code,course_title,credits,clock_hours,item,level,hours\r\n${courses(12).join("\r\n")}\r\n`;
    assert.ok(csv.length < 1200);
    const result = parseCoursesCSV(csv, small, emptyProgram(small));
    assert.equal(result.ok, false);
    assert.match(result.errors[0], /would take \d+ bytes as the page saves it, more than the 1200/);
    assert.equal(parseCoursesCSV(csv, data, emptyProgram(data)).ok, true, "within the limit it is imported");
  });

  test("a JSON file within the limit whose map would be saved larger (minified) is refused on import", () => {
    let big = emptyProgram(small);
    for (let i = 0; i < 12; i += 1) big = addCourse(big, { code: `C${i}`, title: `Course number ${i}` }, data);
    const minified = JSON.stringify(big);
    assert.ok(minified.length <= 1200 && savedBytes(big) > 1200);
    assert.match(parseProgramJSON(minified, small).error, /would take \d+ bytes; the limit is 1200/);
  });

  test("the saved map is read without a size limit: an earlier release's large map loads, with a message", () => {
    const saved = toProgramJSON(program);
    assert.ok(saved.length > 1200);
    assert.equal(parseProgramJSON(saved, small).ok, false);
    assert.equal(readSavedProgram(saved, small).ok, true);
    const opened = openSaved(textsOf({ [KEY]: saved }).texts, small);
    assert.deepEqual(opened.program, JSON.parse(saved));
    assert.match(opened.message, /more than the 1200/);
  });
});

test("an unreadable saved map is kept aside under .unreadable and the page starts afresh", () => {
  const { area, texts } = textsOf({ [KEY]: '{"format": "something else"}' });
  const opened = openSaved(texts, data);
  assert.deepEqual(opened.program, emptyProgram(data));
  assert.equal(area.getItem(`${KEY}.unreadable`), '{"format": "something else"}');
  assert.match(opened.message, /could not be read/);
});

test("today's saved format (a fixture written by the previous release) loads unchanged", () => {
  const saved = readFileSync(new URL("../../fixtures/saved/mapper-v1.json", import.meta.url), "utf8");
  const raw = JSON.parse(saved);
  const items = raw.courses.flatMap((c) => c.covers.map((e) => e.item));
  const pageData = { ...data,
    knowledge_areas: items.filter((i) => i.startsWith("ka:")).map((i) => ({ id: i.slice(3), name: i, domain: "tf" })),
    indicators: items.filter((i) => !i.startsWith("ka:")).map((id) => ({ id, ka: "safety", category: "ecmhs", text: id })),
    categories: raw.target_categories.map((id) => ({ id, code: id, name: id, knowledge_areas: [], indicators: [] })) };
  const opened = openSaved(textsOf({ [KEY]: saved }).texts, pageData);
  assert.equal(opened.message, null);
  assert.deepEqual(opened.program, raw);
  assert.equal(toProgramJSON(opened.program), saved, "saved again, it is the same text");
});

describe("mergePrograms (two tabs)", () => {
  test("courses added, changed or removed in either tab, and the names and targets, are all kept", () => {
    const base = addCourse(addCourse(emptyProgram(data), { code: "A", title: "A" }, data), { code: "B", title: "B" }, data);
    const first = setCover(addCourse(base, { code: "C", title: "C" }, data), "A", P1, "R", undefined, data);
    const second = setTargets({ ...base, courses: base.courses.filter((c) => c.code !== "B"), institution: "Other" }, ["ecmhs"], data);
    const { value, conflicts } = mergePrograms(base, first, second);
    assert.deepEqual(value.courses.map((c) => c.code), ["A", "C"]);
    assert.deepEqual(value.courses[0].covers, [{ item: P1, level: "R" }]);
    assert.equal(value.institution, "Other");
    assert.deepEqual(value.target_categories, ["ecmhs"]);
    assert.deepEqual(conflicts, []);
  });

  test("a course both tabs changed keeps first's version and is listed by its code", () => {
    const base = addCourse(emptyProgram(data), { code: "A", title: "A" }, data);
    const { value, conflicts } = mergePrograms(base, setCover(base, "A", P1, "M", undefined, data), setCover(base, "A", P2, "I", undefined, data));
    assert.deepEqual(value.courses[0].covers, [{ item: P1, level: "M" }]);
    assert.deepEqual(conflicts, ["A"]);
  });
});
