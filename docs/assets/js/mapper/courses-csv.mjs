// IECMH Competency Atlas: the mapper's CSV template and the import of a filled-in one (courses and what they cover,
// one row per entry). Pure functions, free of any DOM.
import { cleanCell, csvText, detectSeparator, parseCSVRecords } from "../shared/csv.mjs";
import { has, shorten, utf8Bytes } from "../shared/guards.mjs";
import { indexData, isKnownItem, targetKas } from "./coverage.mjs";
import { savedBytes } from "./formats.mjs";
import { codeKey, copyCourse, copyProgram, limits, textError, twiceItem, unknownItem, unknownLevel, validateProgram } from "./state.mjs";

const LEVEL_WORDS = { i: "I", r: "R", m: "M", introduced: "I", reinforced: "R", mastered: "M" };
/** The template's columns; item_name is there to read (the importer ignores it) and may be left out. */
export const CSV_HEADER = ["course_code", "course_title", "credits", "clock_hours", "item", "item_name", "level", "hours"];
const CSV_REQUIRED = ["course_code", "item", "level"];
/** How the two ways of importing treat a course the map already has (by code). */
export const IMPORT_MODES = ["merge", "replace"];

/** Whether a record is a comment (its first cell starts with "#"): the template's instructions and example row. */
const isComment = (record) => cleanCell(record[0] ?? "").startsWith("#");

/** The name of an item ("ka:<area>" or an indicator id) as the template shows it beside the id. */
function itemName(item, data) {
  if (item.startsWith("ka:")) return data.knowledge_areas.find((k) => k.id === item.slice(3))?.name ?? "";
  return data.indicators.find((i) => i.id === item)?.text ?? "";
}

/** The instructions and the example row of the template (comment rows, which the importer skips). */
function templateHelp(data) {
  const ka = data.knowledge_areas[0];
  const help = [
    ["# How to fill in: one row per course and item it covers; give course_title (and credits, clock_hours) on the course's first row at least. Rows that start with # are skipped on import."],
    ["# level: I = Introduced, R = Reinforced, M = Mastered. item: ka:<area> for a whole knowledge area, or an indicator id; item_name is only there to read. hours is optional."],
  ];
  if (ka) help.push(["# EDU 501 (example)", "Infant development", "3", "45", `ka:${ka.id}`, ka.name, "R", "6"]);
  return help;
}

/** A course's rows in the template: one per mapped item (a course with nothing mapped gets one row of its details). */
function courseRows(course, data) {
  const details = [course.code, course.title, course.credits ?? "", course.clock_hours ?? ""];
  if (!course.covers.length) return [[...details, "", "", "", ""]];
  return course.covers.map((c) => [...details, c.item, itemName(c.item, data), c.level, c.hours ?? ""]);
}

/**
 * A CSV to fill in a spreadsheet: the import header, instructions and an example row (comments the importer skips),
 * every course of the current map with what it covers, then one blank row per knowledge area of the targets (all if
 * none), each with its name beside its id.
 */
export function csvTemplate(data, program) {
  const idx = indexData(data);
  const wanted = targetKas(program, idx);
  const kas = data.knowledge_areas.filter((ka) => wanted.size === 0 || wanted.has(ka.id));
  return csvText([CSV_HEADER, ...templateHelp(data), ...program.courses.flatMap((c) => courseRows(c, data)),
    ...kas.map((ka) => ["", "", "", "", `ka:${ka.id}`, ka.name, "", ""])]);
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

function readNumber(text, column, decimalComma) {
  const written = decimalComma && /^\d+,\d+$/.test(text) ? text.replace(",", ".") : text;
  if (!/^(\d+(\.\d*)?|\.\d+)$/.test(written)) return { error: `${column} '${shorten(text)}' is not a number of 0 or more` };
  return { value: Number(written) };
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
function readRow(cells, rowNo, groups, idx, data, decimalComma) {
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
    const n = readNumber(cells[column], column, decimalComma);
    if (n.error) err(n.error);
    else errors.push(takeDetail(group, column, n.value, rowNo, (a, b) => a === b));
  }
  let hours;
  if (cells.hours !== "") {
    const n = readNumber(cells.hours, "hours", decimalComma);
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

function courseFromGroup(group, existing, mode) {
  const detail = (key) => (has(group.details, key) ? group.details[key].value : existing?.[key]);
  const course = { code: existing && mode === "merge" ? existing.code : group.code, title: detail("title") };
  for (const key of ["credits", "clock_hours"]) if (detail(key) !== undefined) course[key] = detail(key);
  if (existing && mode === "merge") {
    const fromFile = new Map(group.covers.map((c) => [c.item, c]));
    const kept = existing.covers.map((c) => fromFile.get(c.item) ?? c);
    const known = new Set(existing.covers.map((c) => c.item));
    course.covers = [...kept, ...group.covers.filter((c) => !known.has(c.item))];
  } else course.covers = group.covers;
  return course;
}

/**
 * Reads a filled-in template (see csvTemplate) on its own, before it meets a map: {ok, groups, errors, separator}:
 * groups (one per course code, in order of first row; missing when the file cannot be read at all) and every problem
 * listed by row (the header is row 1); ok when there is none. Comma- or semicolon-separated (detected; separator
 * names it); in a semicolon file a decimal comma (1,5 hours) is read as a decimal point, as the spreadsheet that
 * wrote it meant.
 */
export function readCoursesCSV(text, data) {
  const idx = indexData(data);
  if (typeof text !== "string") return { ok: false, errors: ["Nothing to import: expected the text of a CSV file."] };
  const max = limits(data).import_bytes;
  if (text.length > max || utf8Bytes(text) > max) return { ok: false, errors: [`This file is too large (more than ${max} bytes) to import.`] };
  const separator = detectSeparator(text);
  if (separator.error) return { ok: false, errors: [separator.error] };
  const decimalComma = separator.separator === ";";
  const parsed = parseCSVRecords(text.replace(/^\uFEFF/, ""), separator.separator);
  if (parsed.error) return { ok: false, errors: [parsed.error] };
  if (parsed.records.length === 0) return { ok: false, errors: ["The file is empty."] };
  const header = readHeader(parsed.records[0]);
  if (header.errors.length) return { ok: false, errors: header.errors };
  const errors = [];
  const groups = new Map();
  parsed.records.slice(1).forEach((record, k) => {
    const rowNo = k + 2;
    if (isComment(record)) return;
    const cells = Object.fromEntries(CSV_HEADER.map((name) => [name, ""]));
    record.forEach((cell, c) => {
      if (c < header.names.length && header.names[c] !== "") cells[header.names[c]] = cleanCell(cell);
    });
    if (record.slice(header.names.length).some((cell) => cleanCell(cell) !== "")) {
      errors.push(`Row ${rowNo}: there are more cells than columns in the header`);
      return;
    }
    if (cells.course_code === "" && cells.level === "") return;
    errors.push(...readRow(cells, rowNo, groups, idx, data, decimalComma));
  });
  if (groups.size === 0 && errors.length === 0) return { ok: false, errors: ["No row has a course code and a level filled in, so there is nothing to import."] };
  return { ok: errors.length === 0, groups: [...groups.values()], errors, separator: separator.name };
}

/** The courses of the map that a read file also has (same code): [{code, mappings}] (mappings: how many it has now). */
export function importClashes(program, groups) {
  const keys = new Set(groups.map((g) => codeKey(g.code)));
  return program.courses.filter((c) => keys.has(codeKey(c.code))).map((c) => ({ code: c.code, mappings: c.covers.length }));
}

/** What one import did to a course that was there: its mappings before and after, and how many the file changed. */
function changeOf(before, after, mode) {
  const old = new Map(before.covers.map((c) => [c.item, c]));
  const changed = after.covers.filter((c) => old.has(c.item) && JSON.stringify(old.get(c.item)) !== JSON.stringify(c)).length;
  const added = after.covers.filter((c) => !old.has(c.item)).length;
  return { code: after.code, mode, before: before.covers.length, after: after.covers.length, added, changed };
}

/**
 * Puts read courses into the program, all or nothing. mode "merge": a course the map has (same code) keeps its
 * mappings and takes the file's level and hours for the items the file gives; "replace": its mappings become the
 * file's. Details (title, credits, clock_hours) the file does not give are kept either way. Returns {ok: true,
 * program, summary: {added: [code], merged: [change], replaced: [change]}} or {ok: false, errors}.
 */
export function applyImport(program, groups, mode, data) {
  if (!IMPORT_MODES.includes(mode)) throw new TypeError('mode must be "merge" or "replace"');
  const errors = [];
  const courses = program.courses.map(copyCourse);
  const summary = { added: [], merged: [], replaced: [] };
  for (const group of groups) {
    const at = courses.findIndex((course) => codeKey(course.code) === codeKey(group.code));
    const course = courseFromGroup(group, at >= 0 ? courses[at] : undefined, mode);
    if (course.title === undefined) {
      errors.push(`Row ${group.firstRow}: course '${shorten(group.code)}' has no course_title`);
      continue;
    }
    if (at >= 0) {
      (mode === "merge" ? summary.merged : summary.replaced).push(changeOf(courses[at], course, mode));
      courses[at] = course;
    } else {
      summary.added.push(course.code);
      courses.push(course);
    }
  }
  const next = { ...copyProgram(program), courses };
  for (const error of validateProgram(next, data)) if (!errors.includes(error)) errors.push(error);
  if (errors.length) return { ok: false, errors };
  const max = limits(data).import_bytes;
  const bytes = savedBytes(next);
  if (bytes > max) return { ok: false, errors: [`With these courses the map would take ${bytes} bytes as the page saves it, more than the ${max} a map may have (it could not be imported again); import fewer courses or rows.`] };
  return { ok: true, program: next, summary };
}

/** Imports courses from a filled-in template in one step (readCoursesCSV, then applyImport; mode "replace" unless
 *  given; result.separator names the separator read); all-or-nothing, with every problem listed by row. */
export function parseCoursesCSV(text, data, program, mode = "replace") {
  const read = readCoursesCSV(text, data);
  if (!read.groups) return read;
  const applied = applyImport(program, read.groups, mode, data);
  if (read.ok) return applied.ok ? { ...applied, separator: read.separator } : applied;
  const more = applied.ok ? [] : applied.errors.filter((e) => !read.errors.includes(e));
  return { ok: false, errors: [...read.errors, ...more] };
}

const plural = (n, one, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** One course an import changed, as said: "T 101 (its 4 mappings were replaced by the file's 2)". */
function changeText(change) {
  if (change.mode === "replace") {
    return `${change.code} (its ${plural(change.before, "mapping")} ${change.before === 1 ? "was" : "were"} replaced by the file's ${change.after})`;
  }
  return `${change.code} (${change.added} added, ${change.changed} changed, ${change.before - change.changed} kept)`;
}

/** What an import did, in one sentence: "3 courses added, 1 replaced: T 101 (its 4 mappings were replaced by the
 *  file's 2)." */
export function importSummaryText(summary) {
  const parts = [];
  if (summary.added.length) parts.push(`${plural(summary.added.length, "course")} added (${summary.added.join(", ")})`);
  for (const [list, verb] of [[summary.replaced, "replaced"], [summary.merged, "merged"]]) {
    if (list.length) parts.push(`${list.length} ${verb}: ${list.map(changeText).join("; ")}`);
  }
  return `${parts.join(", ") || "nothing changed"}.`;
}
