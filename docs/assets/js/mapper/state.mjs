// IECMH Competency Atlas: the coursework mapper's state (a program map) with its rules and edits. Pure functions,
// free of any DOM; inputs are never mutated; each edit returns a new program or throws a TypeError. A program is the
// state, the JSON export and, without format/version/dataset_version, the YAML program file.
import { MARKUP, MARKUP_ERROR, fmt, forbiddenKey, has, isAmount, isObject, shorten } from "../shared/guards.mjs";
import { mergeEntries, mergeValue } from "../shared/merge.mjs";
import { LEVELS, assertData, assignedHours, indexData, isKnownItem } from "./coverage.mjs";

export const FORMAT = "iecmh-atlas-program";
export const VERSION = 1;
const DEFAULT_LIMITS = { import_bytes: 1000000, courses: 200, text_chars: 200 };
const TOP_KEYS = ["format", "version", "dataset_version", "id", "institution", "program", "target_categories", "courses"];
const COURSE_KEYS = ["code", "title", "credits", "clock_hours", "covers"];
const COVER_KEYS = ["item", "level", "hours"];
const INFO_KEYS = ["id", "institution", "program"];
const SLUG = /^[a-z0-9]+(-[a-z0-9]+)*$/;

/** The mapper's limits (import_bytes: the largest saved or imported map; courses; text_chars per text field). */
export const limits = (data) => ({ ...DEFAULT_LIMITS, ...(data?.limits ?? {}) });
/** A course code as compared: trimmed and case-insensitive (upper then lower approximates Python's casefold). */
export const codeKey = (code) => String(code).trim().toUpperCase().toLowerCase();

function copyCover(entry) {
  const out = { item: entry.item, level: entry.level };
  if (entry.hours !== undefined) out.hours = entry.hours;
  return out;
}

/** A fresh copy of a course with only its known fields, in the fixed key order. */
export function copyCourse(course) {
  const out = { code: course.code, title: course.title };
  if (course.credits !== undefined) out.credits = course.credits;
  if (course.clock_hours !== undefined) out.clock_hours = course.clock_hours;
  out.covers = Array.isArray(course.covers) ? course.covers.map(copyCover) : [];
  return out;
}

/** A fresh copy of a program with only its known fields, in the fixed key order. */
export function copyProgram(program) {
  return {
    format: FORMAT, version: VERSION, dataset_version: program.dataset_version,
    id: program.id, institution: program.institution, program: program.program,
    target_categories: [...program.target_categories], courses: program.courses.map(copyCourse),
  };
}

// ---------- validation (messages are shared by validateProgram, the edits and the CSV import) ----------

/** A problem with one text value (without "where"), or null. */
export function textError(value, data) {
  if (typeof value !== "string") return "must be text";
  if (value.trim() === "") return "is empty";
  const max = limits(data).text_chars;
  if (value.length > max) return `is longer than ${max} characters`;
  return MARKUP.test(value) ? MARKUP_ERROR : null;
}

const amountError = (value) => (isAmount(value) ? null : "must be a number of 0 or more");
/** The messages for an unknown item, an unknown level and an item listed twice. */
export const unknownItem = (item) => `unknown item '${shorten(item)}'`;
export const unknownLevel = (level, item) => `unknown level '${shorten(level)}' for '${shorten(item)}' (use I, R or M)`;
export const twiceItem = (item) => `'${shorten(item)}' is listed twice`;
const tooManyHours = (assigned, clock) => `the course assigns ${fmt(assigned)} hours but has ${fmt(clock)} clock hours`;
const courseWhere = (course, i) => (typeof course?.code === "string" && course.code.trim() !== ""
  ? `Course "${shorten(course.code.trim())}"` : `Course ${i + 1}`);

function coverErrors(covers, idx) {
  if (!Array.isArray(covers)) return ["covers must be a list"];
  const errors = [];
  const seen = new Set();
  covers.forEach((entry, k) => {
    if (!isObject(entry)) { errors.push(`entry ${k + 1} must be an object`); return; }
    const extra = Object.keys(entry).find((key) => !COVER_KEYS.includes(key));
    if (extra !== undefined) errors.push(`entry ${k + 1} has an unexpected field "${shorten(extra)}"`);
    if (typeof entry.item !== "string") { errors.push(`entry ${k + 1} has no item`); return; }
    if (!isKnownItem(entry.item, idx)) errors.push(unknownItem(entry.item));
    if (!LEVELS.includes(entry.level)) errors.push(unknownLevel(entry.level, entry.item));
    if (has(entry, "hours") && !isAmount(entry.hours)) errors.push(`hours for '${shorten(entry.item)}' ${amountError(entry.hours)}`);
    if (seen.has(entry.item)) errors.push(twiceItem(entry.item));
    seen.add(entry.item);
  });
  return errors;
}

/** Problems of one course on its own (without the "Course ...: " prefix). */
function courseErrors(course, idx, data) {
  if (!isObject(course)) return ["must be an object"];
  const errors = [];
  const extra = Object.keys(course).find((key) => !COURSE_KEYS.includes(key));
  if (extra !== undefined) errors.push(`unexpected field "${shorten(extra)}"`);
  for (const key of ["code", "title"]) {
    const error = textError(course[key], data);
    if (error) errors.push(`${key} ${error}`);
  }
  for (const key of ["credits", "clock_hours"]) {
    if (has(course, key) && !isAmount(course[key])) errors.push(`${key} ${amountError(course[key])}`);
  }
  if (!has(course, "covers")) errors.push("covers is missing");
  else errors.push(...coverErrors(course.covers, idx));
  if (isAmount(course.clock_hours) && Array.isArray(course.covers)) {
    const assigned = assignedHours(data, course);
    if (assigned > course.clock_hours) errors.push(tooManyHours(assigned, course.clock_hours));
  }
  return errors;
}

function targetErrors(targets, idx) {
  if (!Array.isArray(targets)) return ["Target categories: must be a list"];
  const errors = [];
  targets.forEach((id, k) => {
    if (typeof id !== "string" || !idx.categories.has(id)) errors.push(`Target categories: unknown category '${shorten(id)}'`);
    else if (targets.indexOf(id) !== k) errors.push(`Target categories: '${shorten(id)}' is listed twice`);
  });
  return errors;
}

function coursesErrors(courses, idx, data) {
  if (!Array.isArray(courses)) return ["Courses: must be a list"];
  const errors = [];
  const max = limits(data).courses;
  if (courses.length > max) errors.push(`Courses: there are ${courses.length} courses; at most ${max} are allowed`);
  const codes = new Map();
  courses.forEach((course, i) => {
    const where = courseWhere(course, i);
    errors.push(...courseErrors(course, idx, data).map((e) => `${where}: ${e}`));
    if (typeof course?.code !== "string" || course.code.trim() === "") return;
    const key = codeKey(course.code);
    if (codes.has(key)) errors.push(`${where}: the course code is listed twice (also course ${codes.get(key) + 1})`);
    else codes.set(key, i);
  });
  return errors;
}

// The id, institution and program name may be left empty (not yet entered: a new map has them empty, with
// placeholders on the page, so that no made-up name reaches an export); when given they are checked like any text.
function infoError(key, value, data) {
  if (value === "") return null;
  const error = textError(value, data);
  if (error) return error;
  return key === "id" && !SLUG.test(value) ? "must use only a-z, 0-9 and single hyphens (such as my-program)" : null;
}

/** All problems of a program as human-readable sentences (empty when valid); never throws. */
export function validateProgram(obj, data) {
  let idx;
  try { idx = indexData(data); } catch { return ["The mapper data is missing or invalid."]; }
  if (!isObject(obj)) return ["Program: must be an object"];
  const bad = forbiddenKey(obj);
  if (bad !== null) return [`Program: the key "${bad}" is not allowed`];
  const errors = [];
  for (const key of Object.keys(obj)) if (!TOP_KEYS.includes(key)) errors.push(`Program: unexpected field "${shorten(key)}"`);
  if (obj.format !== FORMAT) errors.push(`Program: format must be "${FORMAT}"`);
  if (obj.version !== VERSION) errors.push(`Program: version must be ${VERSION}`);
  const versionError = textError(obj.dataset_version, data);
  if (versionError) errors.push(`Program: dataset_version ${versionError}`);
  for (const key of INFO_KEYS) {
    const error = infoError(key, obj[key], data);
    if (error) errors.push(`Program: ${key} ${error}`);
  }
  errors.push(...targetErrors(obj.target_categories, idx), ...coursesErrors(obj.courses, idx, data));
  return errors;
}

// ---------- edits ----------

/** A new program (valid as it is): id, institution and program name not yet entered, no targets and no courses. */
export function emptyProgram(data) {
  assertData(data);
  return {
    format: FORMAT, version: VERSION, dataset_version: data.dataset_version,
    id: "", institution: "", program: "", target_categories: [], courses: [],
  };
}

/** A lower-case slug for a program id ("Graduate Certificate" -> "graduate-certificate"; "program" if nothing is left). */
export function slugify(text) {
  const slug = String(text).normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase()
    .replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "").slice(0, 60).replace(/-+$/, "");
  return slug || "program";
}

/** Changes the program's id, institution and/or program name (text is trimmed; empty means not yet entered). */
export function setProgramInfo(program, fields, data) {
  if (!isObject(fields)) throw new TypeError("Expected an object of fields");
  const next = { ...program };
  for (const [key, value] of Object.entries(fields)) {
    if (!INFO_KEYS.includes(key)) throw new TypeError(`Unexpected field "${shorten(key)}"`);
    const text = typeof value === "string" ? value.trim() : value;
    const error = infoError(key, text, data);
    if (error) throw new TypeError(`The ${key === "program" ? "program name" : key} ${error}`);
    next[key] = text;
  }
  return next;
}

function findCourse(program, code) {
  if (typeof code !== "string") throw new TypeError("Expected a course code");
  const i = program.courses.findIndex((course) => codeKey(course.code) === codeKey(code));
  if (i < 0) throw new TypeError(`Unknown course "${shorten(code.trim())}"`);
  return i;
}

// A course from caller fields: text trimmed, null/undefined numbers left out, covers copied.
function courseFrom(fields) {
  const extra = Object.keys(fields).find((key) => !COURSE_KEYS.includes(key));
  if (extra !== undefined) throw new TypeError(`Unexpected course field "${shorten(extra)}"`);
  const course = {};
  for (const key of ["code", "title"]) course[key] = typeof fields[key] === "string" ? fields[key].trim() : fields[key];
  for (const key of ["credits", "clock_hours"]) if (fields[key] !== undefined && fields[key] !== null) course[key] = fields[key];
  if (fields.covers === undefined) course.covers = [];
  else course.covers = Array.isArray(fields.covers) ? fields.covers.map((e) => (isObject(e) ? { ...e } : e)) : fields.covers;
  return course;
}

// Puts `course` at index `at` (or appends it when at is -1); throws when it is invalid or its code is taken.
function placeCourse(program, course, at, data) {
  const idx = indexData(data);
  const where = courseWhere(course, at < 0 ? program.courses.length : at);
  const errors = courseErrors(course, idx, data);
  if (errors.length) throw new TypeError(`${where}: ${errors.join("; ")}`);
  const clash = program.courses.findIndex((c, i) => i !== at && codeKey(c.code) === codeKey(course.code));
  if (clash >= 0) throw new TypeError(`${where}: the course code is already used by another course`);
  const courses = [...program.courses];
  if (at < 0) {
    const max = limits(data).courses;
    if (courses.length >= max) throw new TypeError(`A program can have at most ${max} courses`);
    courses.push(copyCourse(course));
  } else courses[at] = copyCourse(course);
  return { ...program, courses };
}

/** Adds a course ({code, title, credits?, clock_hours?, covers?}); invalid or duplicate (case-insensitive) codes throw. */
export function addCourse(program, course, data) {
  if (!isObject(course)) throw new TypeError("Expected a course object");
  return placeCourse(program, courseFrom(course), -1, data);
}

/** Changes some fields of a course (code, title, credits, clock_hours, covers); null removes credits/clock_hours. */
export function updateCourse(program, code, fields, data) {
  if (!isObject(fields)) throw new TypeError("Expected an object of fields");
  const i = findCourse(program, code);
  const merged = { ...program.courses[i], ...fields };
  for (const key of ["credits", "clock_hours"]) if (merged[key] === null || merged[key] === undefined) delete merged[key];
  return placeCourse(program, courseFrom(merged), i, data);
}

/** Removes a course (matched trimmed and case-insensitively); an unknown code throws. */
export function removeCourse(program, code) {
  const i = findCourse(program, code);
  return { ...program, courses: program.courses.filter((_, k) => k !== i) };
}

/** Sets a course's level ("I", "R", "M") and optional hours for an item, or removes the entry (level null). */
export function setCover(program, code, item, level, hours, data) {
  const i = findCourse(program, code);
  if (typeof item !== "string" || item === "") throw new TypeError("Expected an item id");
  const course = program.courses[i];
  const covers = course.covers.filter((entry) => entry.item !== item);
  if (level === null) {
    // Removing an entry can only lower the hours, so it is always allowed (even for an item the data no longer has).
    const courses = [...program.courses];
    courses[i] = { ...course, covers };
    return { ...program, courses };
  }
  if (!LEVELS.includes(level)) throw new TypeError('Level must be "I", "R", "M" or null');
  if (!isKnownItem(item, indexData(data))) throw new TypeError(`Unknown item "${shorten(item)}"`);
  if (hours !== undefined && hours !== null && !isAmount(hours)) throw new TypeError("Hours must be a number of 0 or more");
  const entry = { item, level };
  if (hours !== undefined && hours !== null) entry.hours = hours;
  const at = course.covers.findIndex((e) => e.item === item);
  if (at < 0) covers.push(entry);
  else covers.splice(at, 0, entry);
  return placeCourse(program, { ...course, covers }, i, data);
}

/** Sets the target categories (known, no repeats), kept in the order given. */
export function setTargets(program, categoryIds, data) {
  const errors = targetErrors(categoryIds, indexData(data));
  if (errors.length) throw new TypeError(errors.join("; "));
  return { ...program, target_categories: [...categoryIds] };
}

// ---------- merging two tabs' versions ----------

const coursesByCode = (program) => Object.fromEntries((program?.courses ?? []).map((course) => [codeKey(course.code), course]));

/**
 * Merges two versions of a program that both started from base (two tabs): each of id, institution, program name and
 * target categories, and each course (by code), takes the change made on one side; where both changed the same one
 * differently, first's is kept and listed in conflicts. Returns {value, conflicts}.
 */
export function mergePrograms(base, first, second) {
  const value = { ...first };
  const conflicts = [];
  for (const key of [...INFO_KEYS, "target_categories"]) {
    const merged = mergeValue(base?.[key], first[key], second[key]);
    value[key] = merged.value;
    if (merged.conflict) conflicts.push(key);
  }
  const courses = mergeEntries(coursesByCode(base), coursesByCode(first), coursesByCode(second));
  value.courses = Object.values(courses.merged);
  conflicts.push(...courses.conflicts.map((key) => coursesByCode(first)[key]?.code ?? key));
  return { value, conflicts };
}
