// IECMH Competency Atlas: the mapper's CSV template and the import of a filled-in one (courses and what they cover,
// one row per entry). Pure functions, free of any DOM.
import { cleanCell, csvText, parseCSVRecords } from "../shared/csv.mjs";
import { has, shorten, utf8Bytes } from "../shared/guards.mjs";
import { indexData, isKnownItem, targetKas } from "./coverage.mjs";
import { savedBytes } from "./formats.mjs";
import { codeKey, copyCourse, copyProgram, limits, textError, twiceItem, unknownItem, unknownLevel, validateProgram } from "./state.mjs";

const LEVEL_WORDS = { i: "I", r: "R", m: "M", introduced: "I", reinforced: "R", mastered: "M" };
const CSV_HEADER = ["course_code", "course_title", "credits", "clock_hours", "item", "level", "hours"];
const CSV_REQUIRED = ["course_code", "item", "level"];

/** A CSV to fill in a spreadsheet: the import header and one row per knowledge area of the targets (all if none). */
export function csvTemplate(data, program) {
  const idx = indexData(data);
  const wanted = targetKas(program, idx);
  const kas = data.knowledge_areas.filter((ka) => wanted.size === 0 || wanted.has(ka.id));
  return csvText([CSV_HEADER, ...kas.map((ka) => ["", "", "", "", `ka:${ka.id}`, "", ""])]);
}

function readHeader(record) {
  const names = record.map((cell) => cleanCell(cell).toLowerCase());
  while (names.length && names[names.length - 1] === "") names.pop();
  const errors = [];
  names.forEach((name, k) => {
    if (!CSV_HEADER.includes(name)) errors.push(`Row 1: unknown column '${shorten(name)}'`);
    else if (names.indexOf(name) !== k) errors.push(`Row 1: column '${name}' appears twice`);
  });
  for (const name of CSV_REQUIRED) if (!names.includes(name)) errors.push(`Row 1: the column '${name}' is missing`);
  return { names, errors };
}

function readNumber(text, column) {
  if (!/^(\d+(\.\d*)?|\.\d+)$/.test(text)) return { error: `${column} '${shorten(text)}' is not a number of 0 or more` };
  return { value: Number(text) };
}

// One course detail (title, credits, clock_hours) from a row: the first row giving it wins, a different value is an error.
function takeDetail(group, key, value, rowNo, same) {
  if (value === undefined) return null;
  if (!has(group.details, key)) { group.details[key] = { value, row: rowNo }; return null; }
  const first = group.details[key];
  if (same(first.value, value)) return null;
  return `Row ${rowNo}: course '${shorten(group.code)}' has ${key === "title" ? "course_title" : key} '${shorten(value)}' here but '${shorten(first.value)}' on row ${first.row}`;
}

// Reads one data row into `groups` (course key -> group); returns its errors.
function readRow(cells, rowNo, groups, idx, data) {
  const code = cells.course_code;
  const level = cells.level;
  const item = cells.item;
  const errors = [];
  const err = (message) => errors.push(`Row ${rowNo}: ${message}`);
  if (code === "") { err("course_code is empty"); return errors; }
  const codeProblem = textError(code, data);
  if (codeProblem) { err(`course_code ${codeProblem}`); return errors; }
  const key = codeKey(code);
  if (!groups.has(key)) groups.set(key, { code, firstRow: rowNo, details: {}, covers: [], itemRows: new Map() });
  const group = groups.get(key);
  if (cells.course_title !== "") {
    const problem = textError(cells.course_title, data);
    if (problem) err(`course_title ${problem}`);
    else errors.push(takeDetail(group, "title", cells.course_title, rowNo, (a, b) => a === b));
  }
  for (const column of ["credits", "clock_hours"]) {
    if (cells[column] === "") continue;
    const n = readNumber(cells[column], column);
    if (n.error) err(n.error);
    else errors.push(takeDetail(group, column, n.value, rowNo, (a, b) => a === b));
  }
  let hours;
  if (cells.hours !== "") {
    const n = readNumber(cells.hours, "hours");
    if (n.error) err(n.error);
    else hours = n.value;
  }
  if (item === "" && level === "") {
    if (cells.hours !== "") err("hours are given without an item");
    return errors.filter(Boolean);
  }
  const mapped = Object.hasOwn(LEVEL_WORDS, level.toLowerCase()) ? LEVEL_WORDS[level.toLowerCase()] : null;
  if (item === "") err("item is empty");
  else if (!isKnownItem(item, idx)) err(unknownItem(item));
  if (level === "") err(`level is empty for '${shorten(item)}' (use I, R or M)`);
  else if (!mapped) err(unknownLevel(level, item));
  if (item !== "" && group.itemRows.has(item)) err(`${twiceItem(item)} for course '${shorten(group.code)}' (also row ${group.itemRows.get(item)})`);
  const failed = errors.some(Boolean);
  if (item !== "" && !group.itemRows.has(item)) group.itemRows.set(item, rowNo);
  if (!failed) group.covers.push(hours === undefined ? { item, level: mapped } : { item, level: mapped, hours });
  return errors.filter(Boolean);
}

function courseFromGroup(group, existing) {
  const detail = (key) => (has(group.details, key) ? group.details[key].value : existing?.[key]);
  const course = { code: group.code, title: detail("title") };
  for (const key of ["credits", "clock_hours"]) if (detail(key) !== undefined) course[key] = detail(key);
  course.covers = group.covers;
  return course;
}

/** Imports courses from a filled-in template (see csvTemplate); all-or-nothing, with every problem listed by row. */
export function parseCoursesCSV(text, data, program) {
  const idx = indexData(data);
  if (typeof text !== "string") return { ok: false, errors: ["Nothing to import: expected the text of a CSV file."] };
  const max = limits(data).import_bytes;
  if (text.length > max || utf8Bytes(text) > max) return { ok: false, errors: [`This file is too large (more than ${max} bytes) to import.`] };
  const parsed = parseCSVRecords(text.replace(/^\uFEFF/, ""));
  if (parsed.error) return { ok: false, errors: [parsed.error] };
  if (parsed.records.length === 0) return { ok: false, errors: ["The file is empty."] };
  const header = readHeader(parsed.records[0]);
  if (header.errors.length) return { ok: false, errors: header.errors };
  const errors = [];
  const groups = new Map();
  parsed.records.slice(1).forEach((record, k) => {
    const rowNo = k + 2;
    const cells = Object.fromEntries(CSV_HEADER.map((name) => [name, ""]));
    record.forEach((cell, c) => {
      if (c < header.names.length && header.names[c] !== "") cells[header.names[c]] = cleanCell(cell);
    });
    if (record.slice(header.names.length).some((cell) => cleanCell(cell) !== "")) {
      errors.push(`Row ${rowNo}: there are more cells than columns in the header`);
      return;
    }
    if (cells.course_code === "" && cells.level === "") return;
    errors.push(...readRow(cells, rowNo, groups, idx, data));
  });
  if (groups.size === 0 && errors.length === 0) return { ok: false, errors: ["No row has a course code and a level filled in, so there is nothing to import."] };
  const courses = program.courses.map(copyCourse);
  for (const group of groups.values()) {
    const at = courses.findIndex((course) => codeKey(course.code) === codeKey(group.code));
    const course = courseFromGroup(group, at >= 0 ? courses[at] : undefined);
    if (course.title === undefined) {
      errors.push(`Row ${group.firstRow}: course '${shorten(group.code)}' has no course_title`);
      continue;
    }
    if (at >= 0) courses[at] = course;
    else courses.push(course);
  }
  const next = { ...copyProgram(program), courses };
  for (const error of validateProgram(next, data)) if (!errors.includes(error)) errors.push(error);
  if (errors.length) return { ok: false, errors };
  const bytes = savedBytes(next);
  if (bytes > max) return { ok: false, errors: [`With these courses the map would take ${bytes} bytes as the page saves it, more than the ${max} a map may have (it could not be imported again); import fewer courses or rows.`] };
  return { ok: true, program: next };
}
