// Node tests of docs/assets/js/mapper/formats.mjs. Run from the repo root: node --test tests/js/
import { test, describe } from "node:test";
import assert from "node:assert/strict";

// Dates here are read in UTC; tests/js/shared/local-day.test.mjs checks other time zones.
process.env.TZ = "UTC";
import { matrix } from "../../../docs/assets/js/mapper/coverage.mjs";
import { emptyProgram } from "../../../docs/assets/js/mapper/state.mjs";
import { csvCell, fileName, parseProgramJSON, toMatrixCSV, toProgramJSON, toProgramYAML } from "../../../docs/assets/js/mapper/formats.mjs";
import { csvTemplate } from "../../../docs/assets/js/mapper/courses-csv.mjs";
import { parseCSVRecords } from "../../../docs/assets/js/shared/csv.mjs";
import { deepFreeze, P1, P2, D1, A1, data, withLimits, withCourses, program, BOM, HEADER, csv } from "./fixture.mjs";

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

  test("an empty program has empty names (asked for in a comment), empty flow lists and no format or version keys", () => {
    const text = toProgramYAML(emptyProgram(data));
    assert.equal(text, [
      "# yaml-language-server: $schema=../schemas/program.schema.json",
      "# Fill in id, institution and program (left empty in the mapper) before you commit this file.",
      'id: ""', 'institution: ""', 'program: ""', "fictional: false",
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

  /** The template's rows without its comment rows (instructions and example, first cell starting with #). */
  const templateRows = (text) => parseCSVRecords(text.replace(/^\uFEFF/, "")).records.filter((r) => !r[0].startsWith("#"));

  test("csvTemplate: header, instructions with the level hint, a commented example, then a named blank row per target area", () => {
    const text = csvTemplate(data, withCourses([]));
    assert.ok(text.startsWith(`${BOM}course_code,course_title,credits,clock_hours,item,item_name,level,hours\r\n`));
    const comments = parseCSVRecords(text.slice(1)).records.filter((r) => r[0].startsWith("#"));
    assert.match(comments.map((r) => r[0]).join(" "), /I = Introduced, R = Reinforced, M = Mastered/);
    assert.ok(comments.some((r) => r[4] === "ka:pregnancy" && r[6] === "R"), "an example row, commented out");
    assert.deepEqual(templateRows(text).slice(1), [
      ["", "", "", "", "ka:pregnancy", "Pregnancy & Early Parenthood", "", ""],
      ["", "", "", "", "ka:ethics", "Ethical Practice", "", ""],
      ["", "", "", "", "ka:development", "Infant/Very Young Child Development", "", ""],
      ["", "", "", "", "ka:reporting", "Mandated Reporting", "", ""],
      ["", "", "", "", "ka:attachment", "Attachment, Separation, Trauma & Loss", "", ""],
    ]);
  });

  test("csvTemplate is filled from the current map: each course's mappings with names, then the target areas", () => {
    const rows = templateRows(csvTemplate(data, program)).slice(1);
    assert.deepEqual(rows.slice(0, 2), [
      ["IECMH 501", "Development", "3", "45", "ka:pregnancy", "Pregnancy & Early Parenthood", "I", "6"],
      ["IECMH 501", "Development", "3", "45", P1, "Describes pregnancy", "R", "4"],
    ]);
    assert.equal(rows.filter((r) => r[0] !== "").length, program.courses.reduce((n, c) => n + c.covers.length, 0));
    assert.deepEqual(rows.filter((r) => r[0] === "").map((r) => r[4]), ["ka:pregnancy", "ka:ethics", "ka:development", "ka:reporting"]);
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

  test("fileName uses the program id, the local day (UTC here; other zones in local-day.test.mjs) and the kind", () => {
    const date = new Date("2026-11-23T23:30:00Z");
    assert.equal(fileName(program, "json", date), "iecmh-atlas-program-demo-u-2026-11-23.json");
    assert.equal(fileName(program, "yaml", date), "iecmh-atlas-program-demo-u-2026-11-23.yml");
    assert.equal(fileName(program, "csv", date), "iecmh-atlas-program-demo-u-2026-11-23.csv");
    assert.equal(fileName(program, "template", date), "iecmh-atlas-program-demo-u-2026-11-23-template.csv");
    assert.throws(() => fileName(program, "md", date), TypeError);
    assert.throws(() => fileName(program, "json", new Date("nope")), TypeError);
  });
});
