// Node tests of docs/assets/js/mapper/courses-csv.mjs. Run from the repo root: node --test tests/js/
import { test, describe } from "node:test";
import assert from "node:assert/strict";
import { validateProgram } from "../../../docs/assets/js/mapper/state.mjs";
import { csvCell } from "../../../docs/assets/js/mapper/formats.mjs";
import { applyImport, csvTemplate, importClashes, importSummaryText, parseCoursesCSV, readCoursesCSV } from "../../../docs/assets/js/mapper/courses-csv.mjs";
import { deepFreeze, P1, P2, data, withLimits, withCourses, program, BOM, HEADER, csv } from "./fixture.mjs";

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

  test("an untouched template of an empty map imports nothing and says so (its example row is a comment)", () => {
    assert.deepEqual(parseCoursesCSV(csvTemplate(data, withCourses([])), data, start),
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

describe("CSV import into an existing map: merge or replace, and what it did", () => {
  const start = deepFreeze({ ...program, courses: [program.courses[0], program.courses[2]] });
  const text = csv(HEADER, "IECMH 501,,,,ka:pregnancy,M,", "NEW 1,New course,,,ka:ethics,I,", "NEW 2,Other,,,ka:ethics,R,");

  test("importClashes lists the map's courses the file also has, with their mappings now", () => {
    const read = readCoursesCSV(text, data);
    assert.equal(read.ok, true);
    assert.deepEqual(importClashes(start, read.groups), [{ code: "IECMH 501", mappings: 4 }]);
  });

  test("merge keeps a course's other mappings and takes the file's level for the items it gives", () => {
    const result = applyImport(start, readCoursesCSV(text, data).groups, "merge", data);
    assert.equal(result.ok, true);
    assert.deepEqual(result.program.courses[0].covers, [
      { item: "ka:pregnancy", level: "M" }, ...program.courses[0].covers.slice(1)]);
    assert.deepEqual(result.summary.added, ["NEW 1", "NEW 2"]);
    assert.deepEqual(result.summary.merged, [{ code: "IECMH 501", mode: "merge", before: 4, after: 4, added: 0, changed: 1 }]);
    assert.equal(importSummaryText(result.summary),
      "2 courses added (NEW 1, NEW 2), 1 merged: IECMH 501 (0 added, 1 changed, 3 kept).");
  });

  test("replace gives the course the file's mappings only, and says how many it had", () => {
    const result = applyImport(start, readCoursesCSV(text, data).groups, "replace", data);
    assert.deepEqual(result.program.courses[0], { ...program.courses[0], covers: [{ item: "ka:pregnancy", level: "M" }] });
    assert.equal(importSummaryText(result.summary),
      "2 courses added (NEW 1, NEW 2), 1 replaced: IECMH 501 (its 4 mappings were replaced by the file's 1).");
    assert.deepEqual(parseCoursesCSV(text, data, start), { ...result, separator: "comma" },
      "parseCoursesCSV replaces unless told, and names the separator it read");
  });

  test("the template of a map imports back into it unchanged, merged or replaced", () => {
    for (const mode of ["merge", "replace"]) {
      const result = parseCoursesCSV(csvTemplate(data, program), data, program, mode);
      assert.equal(result.ok, true, mode);
      assert.deepEqual(result.program, program, mode);
      assert.equal(result.summary[mode === "merge" ? "merged" : "replaced"].length, 3, mode);
    }
  });

  test("a merge is checked as a whole: hours it adds beyond the clock hours are refused", () => {
    const over = csv(HEADER, `IECMH 501,,,,${P2},I,40`);
    assert.equal(parseCoursesCSV(over, data, start, "replace").ok, true, "replaced, the course has only these 40 hours");
    assert.deepEqual(parseCoursesCSV(over, data, start, "merge").errors,
      ['Course "IECMH 501": the course assigns 47 hours but has 45 clock hours']);
    assert.throws(() => applyImport(start, [], "append", data), TypeError);
  });
});
