// IECMH Competency Atlas: the training and reflective supervision/consultation (RSC) logs of a self-assessment, the
// renewal cycle and coursework from a program map. Pure functions, free of any DOM; inputs are never mutated.
// Every rule checked here comes from the category's data (data.logs, generated from the category's requirements with
// their sources); a rule the data does not give is never checked, and the page says to ask the association instead.
// The logs live in state.logs: {version, training: [entries], rsc: [entries], degree_date, mode, cycle_start,
// endorsed_on, coursework}; a state without logs (every state saved before the logs existed) is read as empty logs.
import { MARKUP, MARKUP_ERROR, fmt, get, has, isAmount, isObject, round2, shorten } from "../shared/guards.mjs";
import { mergeEntries, mergeValue } from "../shared/merge.mjs";

export const LOGS_VERSION = 1;
const DEFAULT_LIMITS = { entries: 500, text_chars: 200, entry_hours: 200, courses: 200 };
const DEFAULT_FORMATS = ["individual", "group"];
const ENTRY_ID = /^[a-z][a-z0-9-]{0,39}$/;
const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
const EARLIEST_DAY = "1950-01-01";
const TRAINING_KEYS = ["id", "title", "provider", "date", "hours", "parts", "areas", "note"];
const RSC_KEYS = ["id", "date", "hours", "format", "provider", "endorsement", "ages", "note"];
const SETTING_KEYS = ["degree_date", "mode", "cycle_start", "endorsed_on"];
const LOG_KEYS = ["version", "training", "rsc", ...SETTING_KEYS, "coursework"];
const MODES = ["apply", "renew"];
export const OTHER_ENDORSEMENT = "other";
export const NO_ENDORSEMENT = "none";
export const FORMAT_LABELS = { individual: "Individual", group: "Group" };

// ---------- reading the data ----------

/** The log limits: entries per log, characters per text field, hours per entry, courses per program map. */
export const logLimits = (data) => ({ ...DEFAULT_LIMITS, ...(data?.logs?.limits ?? {}) });
/** The note limit of the scale (the same as an item's note). */
const noteChars = (data) => data?.scale?.limits?.note_chars ?? 5000;
/** The hours requirement a log counts toward ("training" or "rsc"), or undefined. */
export const requirementOf = (data, log) => data?.requirements?.find((r) => r.id === (data?.logs?.[log]?.requirement ?? log) && r.kind === "hours");
/** The parts of the training requirement ([{id, label, required}]). */
export const trainingParts = (data) => requirementOf(data, "training")?.parts ?? [];
/** The category's knowledge areas ({id, name}) in item order, for a training entry's areas. */
export function knowledgeAreas(data) {
  const seen = new Map();
  for (const item of data.items ?? []) if (!seen.has(item.ka)) seen.set(item.ka, item.ka_name);
  return [...seen].map(([id, name]) => ({ id, name }));
}
/** The RSC rules of the data: {formats, after_degree, ages_served, providers} (each absent when not given). */
export const rscRules = (data) => data?.logs?.rsc ?? {};
/** The RSC formats an entry may have (the data's, or individual and group when the data names none). */
export const rscFormats = (data) => rscRules(data).formats ?? DEFAULT_FORMATS;

// ---------- dates ----------

/** Whether text is a real calendar day written YYYY-MM-DD. */
export function isDay(text) {
  const m = typeof text === "string" ? DAY.exec(text) : null;
  if (!m) return false;
  const date = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return date.toISOString().slice(0, 10) === text;
}

/** The day `years` whole years after an ISO day (29 February goes to 1 March in a year without it). */
export function addYears(day, years) {
  const [y, m, d] = day.split("-").map(Number);
  return new Date(Date.UTC(y + years, m - 1, d)).toISOString().slice(0, 10);
}

/** Whole years from one ISO day to a later one (0 when `to` is not later). */
export function wholeYears(from, to) {
  let years = Number(to.slice(0, 4)) - Number(from.slice(0, 4));
  if (to.slice(5) < from.slice(5)) years -= 1;
  return Math.max(0, years);
}

/** The problem with a day field (null when fine): a real date, not before 1950 and not after today. */
export function dayError(value, today, what = "date") {
  if (!isDay(value)) return `${what} must be a date written YYYY-MM-DD`;
  if (value < EARLIEST_DAY) return `${what} is before ${EARLIEST_DAY.slice(0, 4)}`;
  if (today && value > today) return `${what} is in the future (${value}); log hours once they are done`;
  return null;
}

// ---------- validation (each returns [{field, message}], empty when the entry is fine) ----------

function textProblem(value, max, required) {
  if (value === undefined || value === "") return required ? "is empty" : null;
  if (typeof value !== "string") return "must be text";
  if (required && value.trim() === "") return "is empty";
  if (value.length > max) return `is longer than ${max} characters`;
  return MARKUP.test(value) ? MARKUP_ERROR : null;
}

function hoursProblem(value, data) {
  if (typeof value !== "number" || !Number.isFinite(value)) return "must be a number";
  if (value <= 0) return "must be more than 0";
  const max = logLimits(data).entry_hours;
  return value > max ? `are more than ${max} in one entry; split a longer training or period into several entries` : null;
}

function extraKey(entry, keys) {
  return Object.keys(entry).find((key) => !keys.includes(key));
}

function partsProblems(entry, data) {
  if (!has(entry, "parts")) return [];
  if (!isObject(entry.parts)) return [{ field: "parts", message: "The parts must be an object" }];
  const parts = trainingParts(data);
  const out = [];
  let sum = 0;
  for (const [id, hours] of Object.entries(entry.parts)) {
    const part = parts.find((p) => p.id === id);
    if (!part) out.push({ field: "parts", message: `There is no part "${shorten(id)}" of this category's training` });
    else if (!isAmount(hours)) out.push({ field: `part:${id}`, message: `Hours toward ${part.label} must be a number of 0 or more` });
    else sum += hours;
  }
  if (!out.length && typeof entry.hours === "number" && round2(sum) > round2(entry.hours)) {
    out.push({ field: "parts", message: `The parts add up to ${fmt(sum)} hours but the entry has ${fmt(entry.hours)}: an hour counts toward one part only` });
  }
  return out;
}

function areasProblems(entry, data) {
  if (!has(entry, "areas")) return [];
  if (!Array.isArray(entry.areas)) return [{ field: "areas", message: "The knowledge areas must be a list" }];
  const known = new Set(knowledgeAreas(data).map((k) => k.id));
  const unknown = entry.areas.find((id) => !known.has(id));
  if (unknown !== undefined) return [{ field: "areas", message: `"${shorten(unknown)}" is not a knowledge area of this category` }];
  return new Set(entry.areas).size === entry.areas.length ? [] : [{ field: "areas", message: "A knowledge area is listed twice" }];
}

function commonProblems(entry, data, today, keys) {
  if (!isObject(entry)) return [{ field: "entry", message: "The entry must be an object" }];
  const out = [];
  const extra = extraKey(entry, keys);
  if (extra !== undefined) out.push({ field: "entry", message: `Unexpected field "${shorten(extra)}"` });
  if (!ENTRY_ID.test(String(entry.id ?? ""))) out.push({ field: "entry", message: "The entry has no valid id" });
  const date = dayError(entry.date, today, "The date");
  if (date) out.push({ field: "date", message: date });
  const hours = hoursProblem(entry.hours, data);
  if (hours) out.push({ field: "hours", message: `The hours ${hours}` });
  const note = textProblem(entry.note, noteChars(data), false);
  if (note) out.push({ field: "note", message: `The note ${note}` });
  return out;
}

/** The problems of a training entry ({id, title, provider, date, hours, parts, areas, note}); today: YYYY-MM-DD. */
export function trainingProblems(entry, data, today) {
  const out = commonProblems(entry, data, today, TRAINING_KEYS);
  if (!isObject(entry)) return out;
  const max = logLimits(data).text_chars;
  for (const [field, required, label] of [["title", true, "The title"], ["provider", false, "The provider"]]) {
    const problem = textProblem(entry[field], max, required);
    if (problem) out.push({ field, message: `${label} ${problem}` });
  }
  return [...out, ...partsProblems(entry, data), ...areasProblems(entry, data)];
}

/** The problems of an RSC entry ({id, date, hours, format, provider, endorsement, ages, note}); today: YYYY-MM-DD. */
export function rscProblems(entry, data, today) {
  const out = commonProblems(entry, data, today, RSC_KEYS);
  if (!isObject(entry)) return out;
  if (!rscFormats(data).includes(entry.format)) {
    out.push({ field: "format", message: `The format must be one of: ${rscFormats(data).join(", ")}` });
  }
  const provider = textProblem(entry.provider, logLimits(data).text_chars, false);
  if (provider) out.push({ field: "provider", message: `The provider's name ${provider}` });
  const endorsements = [...(rscRules(data).providers ?? []).map((p) => p.id), OTHER_ENDORSEMENT, NO_ENDORSEMENT];
  if (has(entry, "endorsement") && !endorsements.includes(entry.endorsement)) {
    out.push({ field: "endorsement", message: `The provider's endorsement must be one of: ${endorsements.join(", ")}` });
  }
  if (has(entry, "ages") && typeof entry.ages !== "boolean") out.push({ field: "ages", message: "The ages served must be yes or no" });
  return out;
}

const PROBLEMS = { training: trainingProblems, rsc: rscProblems };

// ---------- the logs in a state ----------

/** The logs of a state as a fresh object (empty logs for a state without them). */
export function logsOf(state) {
  const raw = get(state, "logs");
  const out = { version: LOGS_VERSION, training: [], rsc: [] };
  if (!isObject(raw)) return out;
  out.training = Array.isArray(raw.training) ? raw.training.map(copyEntry) : [];
  out.rsc = Array.isArray(raw.rsc) ? raw.rsc.map(copyEntry) : [];
  for (const key of SETTING_KEYS) if (has(raw, key)) out[key] = raw[key];
  if (isObject(raw.coursework)) out.coursework = copyCoursework(raw.coursework);
  return out;
}

/** Whether logs hold anything worth saving. */
export function hasLogs(logs) {
  return logs.training.length > 0 || logs.rsc.length > 0 || SETTING_KEYS.some((key) => has(logs, key)) || has(logs, "coursework");
}

/** A fresh copy of an entry (arrays and objects copied). */
export function copyEntry(entry) {
  const out = {};
  for (const [key, value] of Object.entries(entry)) out[key] = Array.isArray(value) ? [...value] : isObject(value) ? { ...value } : value;
  return out;
}

/** A fresh copy of the coursework part. */
export function copyCoursework(work) {
  return {
    program: { ...work.program },
    courses: (work.courses ?? []).map((c) => ({ code: c.code, title: c.title, items: [...c.items] })),
    taken: [...(work.taken ?? [])],
  };
}

/** The state with these logs (logs that hold nothing are left out, so the saved text stays as before). */
export function withLogs(state, logs) {
  const next = { ...state };
  delete next.logs;
  if (hasLogs(logs)) next.logs = logs;
  return next;
}

/** The logs in the key order of the saved file (for the JSON export), or undefined when they hold nothing. */
export function logsForExport(state) {
  const logs = logsOf(state);
  if (!hasLogs(logs)) return undefined;
  const out = { version: LOGS_VERSION };
  for (const key of SETTING_KEYS) if (has(logs, key)) out[key] = logs[key];
  out.training = logs.training.map((e) => ordered(e, TRAINING_KEYS));
  out.rsc = logs.rsc.map((e) => ordered(e, RSC_KEYS));
  if (logs.coursework) out.coursework = logs.coursework;
  return out;
}

const ordered = (entry, keys) => Object.fromEntries(keys.filter((k) => has(entry, k)).map((k) => [k, entry[k]]));

/** A new entry id ("t-..." or "r-...") that no entry of the log has; random() gives numbers in [0, 1). */
export function newEntryId(log, logs, random = Math.random) {
  const taken = new Set(logs[log].map((e) => e.id));
  for (;;) {
    const id = `${log === "training" ? "t" : "r"}-${Math.floor(random() * 36 ** 8).toString(36).padStart(8, "0")}`;
    if (!taken.has(id)) return id;
  }
}

/** An entry as saved: empty text fields, empty parts and empty lists left out. */
function tidy(entry) {
  const out = {};
  for (const [key, value] of Object.entries(entry)) {
    if (value === undefined || value === null || value === "") continue;
    if (Array.isArray(value) && value.length === 0) continue;
    if (key === "parts") {
      const parts = Object.fromEntries(Object.entries(value).filter(([, h]) => h !== 0 && h !== null && h !== undefined));
      if (Object.keys(parts).length) out.parts = parts;
      continue;
    }
    out[key] = typeof value === "string" && key !== "note" ? value.trim() : value;
  }
  return out;
}

/** An error whose message lists an entry's problems; `problems` keeps them for the page to show by field. */
export class EntryError extends TypeError {
  constructor(problems) {
    super(problems.map((p) => p.message).join(". "));
    this.problems = problems;
  }
}

/**
 * Adds (no id or a new id) or replaces (the id of an entry) an entry of a log ("training" or "rsc"). today: the
 * current day, YYYY-MM-DD. Throws an EntryError listing every problem; the state is never changed in place.
 */
export function saveEntry(state, log, fields, data, today, random = Math.random) {
  if (!PROBLEMS[log]) throw new TypeError(`Unknown log "${shorten(log)}"`);
  const logs = logsOf(state);
  const entry = tidy({ ...fields, id: fields.id ?? newEntryId(log, logs, random) });
  if (log === "rsc" && !has(entry, "format")) entry.format = rscFormats(data)[0];
  const existing = logs[log].findIndex((e) => e.id === entry.id);
  if (existing === -1 && logs[log].length >= logLimits(data).entries) {
    throw new EntryError([{ field: "entry", message: `The log already holds ${logLimits(data).entries} entries, the most it can keep` }]);
  }
  const problems = PROBLEMS[log](entry, data, today);
  if (problems.length) throw new EntryError(problems);
  const list = [...logs[log]];
  if (existing === -1) list.push(entry);
  else list[existing] = entry;
  return withLogs(state, { ...logs, [log]: sortByDate(list) });
}

/** Entries by date; entries of the same day keep the order they were added in (the sort is stable). */
const sortByDate = (list) => [...list].sort((a, b) => (a.date === b.date ? 0 : a.date < b.date ? -1 : 1));

/** Removes an entry of a log by id. */
export function removeEntry(state, log, id) {
  const logs = logsOf(state);
  return withLogs(state, { ...logs, [log]: logs[log].filter((e) => e.id !== id) });
}

/** Replaces a whole log with entries (each must already be valid; see parseLogCSV). */
export function replaceLog(state, log, entries) {
  return withLogs(state, { ...logsOf(state), [log]: sortByDate(entries.map(copyEntry)) });
}

/** The problem with a setting (degree_date, mode, cycle_start, endorsed_on), or null; "" removes a setting. */
export function settingProblem(key, value, today) {
  if (!SETTING_KEYS.includes(key)) return `unknown setting "${shorten(key)}"`;
  if (value === "") return null;
  if (key === "mode") return MODES.includes(value) ? null : `mode must be one of: ${MODES.join(", ")}`;
  const label = { degree_date: "The date of the degree", cycle_start: "The start of the cycle", endorsed_on: "The date you were endorsed" }[key];
  return dayError(value, key === "cycle_start" ? null : today, label);
}

/** Sets one setting of the logs ("" removes it); a value the page cannot accept throws a TypeError. */
export function setLogSetting(state, key, value, today) {
  const problem = settingProblem(key, value, today);
  if (problem) throw new TypeError(problem);
  const logs = logsOf(state);
  if (value === "") delete logs[key];
  else logs[key] = value;
  return withLogs(state, logs);
}

// ---------- totals and checks ----------

/** Per training part: {id, label, required, have, short}; plus the total, the unassigned hours and the shortfall. */
export function trainingTotals(data, state, entries = logsOf(state).training) {
  const req = requirementOf(data, "training");
  const have = round2(entries.reduce((sum, e) => sum + e.hours, 0));
  const parts = (req?.parts ?? []).map((part) => {
    const partHave = round2(entries.reduce((sum, e) => sum + (get(e.parts, part.id) ?? 0), 0));
    return { id: part.id, label: part.label, required: part.required, have: partHave, short: Math.max(0, round2(part.required - partHave)) };
  });
  const assigned = round2(parts.reduce((sum, p) => sum + p.have, 0));
  const required = req?.required ?? 0;
  return { required, have, unassigned: round2(have - assigned), short: Math.max(0, round2(required - have)), parts,
    met: Boolean(req) && have >= required && parts.every((p) => p.short === 0) };
}

/** Why an RSC entry does not count, by the data's rules ([] when it counts), and what could not be checked. */
export function rscEntryCheck(entry, data, logs) {
  const rules = rscRules(data);
  const problems = [];
  const unchecked = [];
  if (rules.after_degree) {
    if (!logs.degree_date) unchecked.push(`enter the date of your ${rules.after_degree.label} to check that these hours came after it`);
    else if (entry.date < logs.degree_date) problems.push(`before your ${rules.after_degree.label} (${logs.degree_date}); the guidelines count only hours after it`);
  }
  if (rules.providers?.length) {
    if (!has(entry, "endorsement")) unchecked.push("say what endorsement the provider holds");
    else if (!rules.providers.some((p) => p.id === entry.endorsement)) {
      problems.push(`the provider's endorsement is not one the guidelines name (${rules.providers.map((p) => p.name).join(" or ")})`);
    }
  }
  if (rules.ages_served) {
    if (!has(entry, "ages")) unchecked.push(`say whether you were serving ${rules.ages_served.label}`);
    else if (entry.ages === false) problems.push(`not while serving ${rules.ages_served.label}`);
  }
  return { counts: problems.length === 0, problems, unchecked };
}

/** The RSC log against the category's hours: {required, logged, counted, short, met, entries: [{entry, check}]}. */
export function rscTotals(data, state, entries = logsOf(state).rsc) {
  const logs = logsOf(state);
  const req = requirementOf(data, "rsc");
  const checked = entries.map((entry) => ({ entry, check: rscEntryCheck(entry, data, logs) }));
  const counted = round2(checked.filter((c) => c.check.counts).reduce((sum, c) => sum + c.entry.hours, 0));
  const required = req?.required ?? 0;
  const byFormat = Object.fromEntries(rscFormats(data).map((f) => [f, round2(entries.filter((e) => e.format === f).reduce((s, e) => s + e.hours, 0))]));
  return { required, logged: round2(entries.reduce((s, e) => s + e.hours, 0)), counted, byFormat,
    short: Math.max(0, round2(required - counted)), met: Boolean(req) && counted >= required, entries: checked };
}

/** What the logs cannot check for this category, as sentences that end with "check with your association". */
export function uncheckedRules(data) {
  const rules = rscRules(data);
  const out = [];
  if (requirementOf(data, "rsc")) {
    out.push("How many RSC hours may be in a group rather than one to one is not checked (the Atlas has no rule for it); check with your association.");
    out.push("Over what period the RSC hours must fall is not checked; check with your association.");
    if (!rules.after_degree) out.push("Whether RSC hours from before your degree count is not checked (the Atlas has no rule for it); check with your association.");
    if (!rules.providers?.length) out.push("Who may provide your RSC is not checked (the Atlas has no rule for it); check with your association.");
    if (!rules.ages_served) out.push("The ages you must be serving while receiving RSC are not checked; check with your association.");
  }
  if (requirementOf(data, "training")) {
    out.push("Whether training from before your degree counts is not checked (the Atlas has no rule for it); check with your association.");
  }
  return out;
}

/**
 * The requirement entries the logs give ({training: {hours, parts}, rsc: {hours}}), for each log that has entries:
 * the tracker counts a log instead of the number typed by hand once the log holds an entry.
 */
export function loggedRequirements(data, state) {
  const logs = logsOf(state);
  const out = {};
  if (logs.training.length && requirementOf(data, "training")) {
    const t = trainingTotals(data, state);
    out.training = { hours: t.have, parts: Object.fromEntries(t.parts.map((p) => [p.id, p.have])) };
  }
  if (logs.rsc.length && requirementOf(data, "rsc")) out.rsc = { hours: rscTotals(data, state).counted };
  return out;
}

// ---------- renewal ----------

function cycleAmount(item, years, cycleYears) {
  if (years >= cycleYears) return { required: item.hours, exempt: false };
  const adjustment = (item.mid_cycle ?? []).find((m) => m.years_endorsed === years);
  if (!adjustment) return { required: null, exempt: false };
  return adjustment.exempt ? { required: 0, exempt: true } : { required: adjustment.hours, exempt: false };
}

/**
 * The renewal cycle from logs.cycle_start (and logs.endorsed_on, when the person was endorsed during the cycle):
 * {start, due, yearsEndorsed, training, rsc}, each of training and rsc {required, have, short, exempt, unknown}, counting
 * entries dated from the start to before the due day; null without renewal rules or a cycle start.
 */
export function renewalCycle(data, state) {
  const rules = data?.logs?.renewal;
  const logs = logsOf(state);
  if (!rules?.cycle_years || !isDay(logs.cycle_start)) return null;
  const start = logs.cycle_start;
  const due = addYears(start, rules.cycle_years);
  const endorsed = isDay(logs.endorsed_on) && logs.endorsed_on > start ? logs.endorsed_on : start;
  const yearsEndorsed = Math.min(rules.cycle_years, wholeYears(endorsed, due));
  const part = (log) => {
    const item = rules[log];
    if (!item) return null;
    const inCycle = logs[log].filter((e) => e.date >= start && e.date < due);
    const have = round2(inCycle.reduce((s, e) => s + e.hours, 0));
    const { required, exempt } = cycleAmount(item, yearsEndorsed, rules.cycle_years);
    return { required, have, exempt, unknown: required === null, short: required === null ? null : Math.max(0, round2(required - have)),
      entries: inCycle.length };
  };
  return { start, due, endorsed, yearsEndorsed, cycleYears: rules.cycle_years, training: part("training"), rsc: part("rsc") };
}

// ---------- coursework from a program map ----------

/**
 * The courses of a program map (the JSON the site publishes or the mapper saves) as this category sees them:
 * {ok, program: {id, institution, program}, courses: [{code, title, items}]} with each course's items resolved to this
 * category's item ids ("ka:<id>" gives every item of that knowledge area); or {ok: false, error}. Never throws.
 */
export function programCourses(raw, data) {
  const fail = (error) => ({ ok: false, error });
  if (!isObject(raw) || raw.format !== "iecmh-atlas-program") return fail("This file is not an IECMH Atlas program map.");
  if (raw.version !== 1) return fail("This program map has a version this page cannot read.");
  const max = logLimits(data).text_chars;
  for (const key of ["id", "institution", "program"]) {
    const problem = textProblem(raw[key], max, true);
    if (problem) return fail(`The program map's ${key} ${problem}.`);
  }
  if (!Array.isArray(raw.courses)) return fail("The program map has no list of courses.");
  if (raw.courses.length > logLimits(data).courses) return fail(`The program map has more than ${logLimits(data).courses} courses.`);
  const byKa = new Map();
  for (const item of data.items) byKa.set(item.ka, [...(byKa.get(item.ka) ?? []), item.id]);
  const own = new Set(data.items.map((i) => i.id));
  const courses = [];
  const codes = new Set();
  for (const [i, course] of raw.courses.entries()) {
    const where = `Course ${i + 1}`;
    if (!isObject(course)) return fail(`${where} is not an object.`);
    for (const key of ["code", "title"]) {
      const problem = textProblem(course[key], max, true);
      if (problem) return fail(`${where}: its ${key} ${problem}.`);
    }
    if (codes.has(course.code.trim())) return fail(`${where}: the code "${shorten(course.code)}" is listed twice.`);
    codes.add(course.code.trim());
    if (!Array.isArray(course.covers)) return fail(`${where}: its covers must be a list.`);
    const items = new Set();
    for (const cover of course.covers) {
      const ref = get(cover, "item");
      if (typeof ref !== "string") return fail(`${where}: an entry of its covers has no item.`);
      if (ref.startsWith("ka:")) for (const id of byKa.get(ref.slice(3)) ?? []) items.add(id);
      else if (own.has(ref)) items.add(ref);
    }
    courses.push({ code: course.code.trim(), title: course.title.trim(), items: data.items.map((it) => it.id).filter((id) => items.has(id)) });
  }
  return { ok: true, program: { id: raw.id, institution: raw.institution, program: raw.program }, courses };
}

/** The state with the courses of a program map chosen (from: "published" or "file"); courses ticked before stay
 *  ticked when the new map has a course of the same code. */
export function chooseProgram(state, chosen, from) {
  const logs = logsOf(state);
  const taken = (logs.coursework?.taken ?? []).filter((code) => chosen.courses.some((c) => c.code === code));
  logs.coursework = copyCoursework({ program: { ...chosen.program, from }, courses: chosen.courses, taken });
  return withLogs(state, logs);
}

/** The state without a program map. */
export function dropProgram(state) {
  const logs = logsOf(state);
  delete logs.coursework;
  return withLogs(state, logs);
}

/** Ticks or unticks a course of the chosen program map. */
export function setCourseTaken(state, code, taken) {
  const logs = logsOf(state);
  const work = logs.coursework;
  if (!work || !work.courses.some((c) => c.code === code)) throw new TypeError(`The program map has no course "${shorten(code)}"`);
  const set = new Set(work.taken);
  if (taken) set.add(code);
  else set.delete(code);
  work.taken = work.courses.map((c) => c.code).filter((c) => set.has(c));
  return withLogs(state, logs);
}

/**
 * The evidence the logs give each item, apart from what the user ticked: {itemId: [{evidence, from, text}]}, with
 * "course" for the courses taken that map to it (from "program") and "training" for training entries that covered its
 * knowledge area (from "training").
 */
export function linkedEvidence(data, state) {
  const logs = logsOf(state);
  const out = {};
  const add = (id, link) => { (out[id] ??= []).push(link); };
  const work = logs.coursework;
  if (work) {
    const own = new Set(data.items.map((i) => i.id));
    for (const course of work.courses.filter((c) => work.taken.includes(c.code))) {
      for (const id of course.items) if (own.has(id)) add(id, { evidence: "course", from: "program", text: `${course.code} ${course.title} (program map: ${work.program.institution})` });
    }
  }
  for (const entry of logs.training) {
    for (const item of data.items.filter((i) => (entry.areas ?? []).includes(i.ka))) {
      add(item.id, { evidence: "training", from: "training", text: `${entry.title} (${entry.date})` });
    }
  }
  return out;
}

// ---------- reading saved or imported logs ----------

/** The logs of a saved or imported file, checked entry by entry: {logs} or {error}. today (YYYY-MM-DD) refuses later
 *  dates in an import; null reads what the page saved without it, so nothing the page accepted is refused later. */
export function readLogs(raw, data, today) {
  if (!isObject(raw)) return { error: 'The "logs" must be an object.' };
  if (raw.version !== LOGS_VERSION) return { error: "The logs have a version this page cannot read." };
  const extra = extraKey(raw, LOG_KEYS);
  if (extra !== undefined) return { error: `The logs have an unexpected field "${shorten(extra)}".` };
  for (const key of SETTING_KEYS) {
    if (!has(raw, key)) continue;
    const problem = settingProblem(key, raw[key], null) ?? (raw[key] === "" ? `${key} is empty` : null);
    if (problem) return { error: `The logs' ${key}: ${problem}.` };
  }
  const logs = { version: LOGS_VERSION, training: [], rsc: [] };
  for (const key of SETTING_KEYS) if (has(raw, key)) logs[key] = raw[key];
  for (const log of ["training", "rsc"]) {
    if (!has(raw, log)) continue;
    if (!Array.isArray(raw[log])) return { error: `The ${log} log must be a list.` };
    if (raw[log].length > logLimits(data).entries) return { error: `The ${log} log has more than ${logLimits(data).entries} entries.` };
    const ids = new Set();
    for (const [i, entry] of raw[log].entries()) {
      const problems = PROBLEMS[log](entry, data, today);
      if (problems.length) return { error: `Entry ${i + 1} of the ${log} log: ${problems[0].message}.` };
      if (ids.has(entry.id)) return { error: `Entry ${i + 1} of the ${log} log has the id of an earlier entry.` };
      ids.add(entry.id);
      logs[log].push(copyEntry(entry));
    }
  }
  if (has(raw, "coursework")) {
    const work = courseworkProblem(raw.coursework, data);
    if (work) return { error: `The coursework: ${work}.` };
    logs.coursework = copyCoursework(raw.coursework);
  }
  return { logs };
}

function courseworkProblem(work, data) {
  if (!isObject(work) || !isObject(work.program) || !Array.isArray(work.courses) || !Array.isArray(work.taken)) {
    return "expected a program, its courses and the courses taken";
  }
  if (extraKey(work, ["program", "courses", "taken"]) !== undefined) return "it has an unexpected field";
  const max = logLimits(data).text_chars;
  for (const key of ["id", "institution", "program"]) if (textProblem(work.program[key], max, true)) return `the program's ${key} is not valid text`;
  if (!["published", "file"].includes(work.program.from) || extraKey(work.program, ["id", "institution", "program", "from"]) !== undefined) {
    return "the program map's origin is not known";
  }
  if (work.courses.length > logLimits(data).courses) return `more than ${logLimits(data).courses} courses`;
  for (const c of work.courses) {
    if (!isObject(c) || textProblem(c.code, max, true) || textProblem(c.title, max, true) || !Array.isArray(c.items)
      || c.items.some((id) => typeof id !== "string") || extraKey(c, ["code", "title", "items"]) !== undefined) return "a course is not valid";
  }
  if (work.taken.some((code) => !work.courses.some((c) => c.code === code))) return "a course taken is not in the program map";
  return null;
}

// ---------- two tabs ----------

const byId = (list) => Object.fromEntries((list ?? []).map((e) => [e.id, e]));

/** Merges the logs of two versions of a state that started from base (see mergeStates): entries by id, each setting
 *  and the coursework as one value. Returns {logs, conflicts}. */
export function mergeLogs(base, first, second) {
  const [b, f, s] = [logsOf(base), logsOf(first), logsOf(second)];
  const logs = { version: LOGS_VERSION, training: [], rsc: [] };
  const conflicts = [];
  for (const log of ["training", "rsc"]) {
    const merged = mergeEntries(byId(b[log]), byId(f[log]), byId(s[log]));
    logs[log] = sortByDate(Object.values(merged.merged));
    conflicts.push(...merged.conflicts.map((id) => `${log} log entry ${id}`));
  }
  for (const key of [...SETTING_KEYS, "coursework"]) {
    const merged = mergeValue(b[key], f[key], s[key]);
    if (merged.value !== undefined) logs[key] = merged.value;
    if (merged.conflict) conflicts.push(key === "coursework" ? "coursework" : `log setting ${key}`);
  }
  return { logs, conflicts };
}

