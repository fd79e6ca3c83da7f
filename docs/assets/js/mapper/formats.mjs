// IECMH Competency Atlas: the coursework mapper's files: the JSON export (also what the page saves in the browser),
// the YAML program file, the coverage matrix as CSV, and reading a JSON export back. Pure functions, free of any DOM.
import { csvCell, csvText } from "../shared/csv.mjs";
import { fmt, isObject, localDay, utf8Bytes, validDate } from "../shared/guards.mjs";
import { assertData, matrix } from "./coverage.mjs";
import { FORMAT, VERSION, copyProgram, limits, validateProgram } from "./state.mjs";

const YAML_SCHEMA_LINE = "# yaml-language-server: $schema=../schemas/program.schema.json";
const FILE_KINDS = { json: "json", yaml: "yml", csv: "csv", template: "csv" };

/** Download name, e.g. iecmh-atlas-program-my-program-2026-11-23.json (kind json|yaml|csv|template; the user's local
 *  day; without the id part while the id is not entered). */
export function fileName(program, kind, date) {
  if (!Object.hasOwn(FILE_KINDS, kind)) throw new TypeError('kind must be "json", "yaml", "csv" or "template"');
  const id = String(program.id).toLowerCase().replace(/[^a-z0-9-]/g, "-");
  const day = localDay(date);
  return `iecmh-atlas-program-${id ? `${id}-` : ""}${day}${kind === "template" ? "-template" : ""}.${FILE_KINDS[kind]}`;
}

/** The program as JSON (2-space indent, fixed key order); parseProgramJSON reads it back unchanged. */
export function toProgramJSON(program) {
  return JSON.stringify(copyProgram(program), null, 2);
}

// A string as a JSON string literal, which is also a valid YAML double-quoted scalar. Characters YAML 1.1
// treats as line breaks or refuses (DEL, C1 controls, U+2028/2029, BOM, non-characters) are \u-escaped too.
const yamlString = (text) => JSON.stringify(String(text))
  .replace(/[\u007f-\u009f\u2028\u2029\ufeff\ufffe\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);

// A number as YAML 1.1 and 1.2 read it as a number: exponent forms get a ".0" mantissa (1e-7 -> 1.0e-7).
function yamlNumber(n) {
  const text = String(n);
  return /e/.test(text) && !/\./.test(text.split("e")[0]) ? text.replace("e", ".0e") : text;
}

function yamlCover(entry) {
  const parts = [`item: ${yamlString(entry.item)}`, `level: ${yamlString(entry.level)}`];
  if (entry.hours !== undefined) parts.push(`hours: ${yamlNumber(entry.hours)}`);
  return `      - {${parts.join(", ")}}`;
}

function yamlCourse(course) {
  const lines = [`  - code: ${yamlString(course.code)}`, `    title: ${yamlString(course.title)}`];
  if (course.credits !== undefined) lines.push(`    credits: ${yamlNumber(course.credits)}`);
  if (course.clock_hours !== undefined) lines.push(`    clock_hours: ${yamlNumber(course.clock_hours)}`);
  if (course.covers.length === 0) lines.push("    covers: []");
  else lines.push("    covers:", ...course.covers.map(yamlCover));
  return lines;
}

const NOT_ENTERED_LINE = "# Fill in id, institution and program (left empty in the mapper) before you commit this file.";

/** The program as an assessments/programs/<id>.yml file; every string is a JSON-quoted literal, numbers are bare. A
 *  name not yet entered stays empty (the site's build then says so), with a comment line that asks for it. */
export function toProgramYAML(program) {
  const missing = ["id", "institution", "program"].some((key) => program[key] === "");
  const lines = [
    YAML_SCHEMA_LINE,
    ...(missing ? [NOT_ENTERED_LINE] : []),
    `id: ${yamlString(program.id)}`,
    `institution: ${yamlString(program.institution)}`,
    `program: ${yamlString(program.program)}`,
    "fictional: false",
    `target_categories: [${program.target_categories.map(yamlString).join(", ")}]`,
  ];
  if (program.courses.length === 0) lines.push("courses: []");
  else lines.push("courses:", ...program.courses.flatMap(yamlCourse));
  return `${lines.join("\n")}\n`;
}

export { csvCell };

/** The number of bytes the program takes as the page saves it (its JSON export, in UTF-8). */
export const savedBytes = (program) => utf8Bytes(toProgramJSON(program));

/** The coverage matrix as CSV: domain, knowledge area, a level per course, courses reaching, highest level, hours. */
export function toMatrixCSV(data, program) {
  const m = matrix(data, program);
  const header = ["domain", "knowledge_area", ...m.courses, "courses_reaching", "highest_level", "hours"];
  const rows = m.domains.flatMap((domain) => domain.rows.map((row) => [
    domain.name, row.name, ...row.cells, row.reached, row.highest, fmt(row.hours),
  ]));
  return csvText([header, ...rows]);
}

// ---------- JSON import ----------

function readProgram(text, data, maxBytes) {
  try {
    assertData(data);
  } catch (error) {
    return { ok: false, error: error.message };
  }
  if (typeof text !== "string") return { ok: false, error: "Nothing to import: expected the text of a JSON file." };
  if (text.length > maxBytes || utf8Bytes(text) > maxBytes) return { ok: false, error: `This file is too large (more than ${maxBytes} bytes) to be a program export.` };
  let raw;
  try {
    raw = JSON.parse(text.replace(/^\uFEFF/, ""));
  } catch {
    return { ok: false, error: "This file is not valid JSON, so it cannot be a program export." };
  }
  if (!isObject(raw) || raw.format !== FORMAT) return { ok: false, error: "This file is not an IECMH Atlas program export." };
  if (raw.version !== VERSION) return { ok: false, error: "This file is not an IECMH Atlas program export (unsupported version)." };
  const errors = validateProgram(raw, data);
  if (errors.length) {
    const more = errors.length > 5 ? ` (and ${errors.length - 5} more problems)` : "";
    return { ok: false, error: `This program was not imported: ${errors.slice(0, 5).join(". ")}.${more}` };
  }
  const program = copyProgram(raw);
  const bytes = maxBytes === Infinity ? 0 : savedBytes(program);
  if (bytes > maxBytes) return { ok: false, error: `This file holds more than a map can keep: saved by this page it would take ${bytes} bytes; the limit is ${maxBytes}.` };
  return { ok: true, program };
}

/** Reads a program JSON export: the file and the map as the page would save it must both fit limits.import_bytes
 *  (UTF-8 bytes); never throws. */
export function parseProgramJSON(text, data) {
  return readProgram(text, data, limits(data).import_bytes);
}

/** Reads the map the page saved in the browser: validated like an import but never refused for its size, since the
 *  page wrote it (an earlier release could save more than the import limit); never throws. */
export function readSavedProgram(text, data) {
  return readProgram(text, data, Infinity);
}
