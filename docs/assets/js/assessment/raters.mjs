// IECMH Competency Atlas: ratings by others (a supervisor's or a reference's rating of the applicant) beside the
// applicant's own self-assessment, and the applicant's learning plan. Pure functions, free of any DOM; inputs are
// never mutated. Nothing here ever leaves the browser: a rating travels only as a file the rater saves.
//
// Three things live here:
// - a rater file (format RATER_FORMAT): one person's rating of the applicant on the category's items, with the
//   rater's role, the date and the category and dataset version; made with "Rate someone else";
// - the companion document (format COMPANION_FORMAT), saved in the browser beside (never inside) the applicant's
//   self-assessment: the imported rater files, each kept separately, and the learning plan;
// - the comparison: every item's self rating beside each rater's rating, the differences of two levels or more,
//   and the readiness of each rating under the category's rules. No average is ever computed.
import { FORBIDDEN_KEYS, MARKUP, MARKUP_ERROR, entriesOf, forbiddenKey, get, has, isObject, shorten, utf8Bytes } from "../shared/guards.mjs";
import { mergeEntries } from "../shared/merge.mjs";
import { FORMAT as SELF_FORMAT, RATINGS, answerOf, isRated, limits } from "./state.mjs";

export const RATER_FORMAT = "iecmh-atlas-rater-rating";
export const RATER_VERSION = 1;
export const COMPANION_FORMAT = "iecmh-atlas-raters";
export const COMPANION_VERSION = 1;
const TOOL = "IECMH Competency Atlas";

/** The roles a rater can have, in the order the page offers them. */
export const ROLES = [
  { id: "supervisor", label: "Supervisor" },
  { id: "reflective-supervisor", label: "Reflective supervisor" },
  { id: "colleague", label: "Colleague" },
  { id: "other", label: "Other" },
];

/** The ways a learning-plan goal can be reached, in the order the page offers them. */
export const WAYS = [
  { id: "training", label: "Training" },
  { id: "reflective-supervision", label: "Reflective supervision" },
  { id: "course", label: "Course" },
  { id: "reading", label: "Reading" },
];

/** Ratings this many levels apart (or more) are marked as a difference. */
export const DIFFERENCE = 2;
/** How many rater files a category that states no count of reference ratings can compare (a limit of the page). */
export const DEFAULT_MAX_RATERS = 3;
const PERSON_CHARS = 100;
const RATER_KEYS = ["format", "version", "tool", "category", "dataset_version", "rated_on", "person", "rater_role", "ratings"];
const RATING_KEYS = ["rating", "note"];
const PLAN_KEYS = ["goal", "way", "target_date"];
const ITEM_ID = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,199}$/;
const RATER_ID = /^rater-[1-9][0-9]{0,5}$/;
const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

// ---------- small readers ----------

/** The label of a role id (the id itself when unknown). */
export const roleLabel = (id) => ROLES.find((r) => r.id === id)?.label ?? String(id);
/** The label of a way id (the id itself when unknown). */
export const wayLabel = (id) => WAYS.find((w) => w.id === id)?.label ?? String(id);

/** The category's rules for reference ratings from its data ({count, not_counted_at_not_enough_info, valid_for_months},
 *  each {value, source} or null), or null when the data states none. */
export function ratingRules(data) {
  const rules = data?.reference_ratings;
  if (!isObject(rules)) return null;
  const rule = (key) => (isObject(rules[key]) && Number.isInteger(rules[key].value) ? { value: rules[key].value, source: String(rules[key].source ?? "") } : null);
  return { count: rule("count"), not_counted_at_not_enough_info: rule("not_counted_at_not_enough_info"), valid_for_months: rule("valid_for_months") };
}

/** How many rater files this category's comparison takes: the count of reference ratings it asks for, else the default. */
export function maxRaters(data) {
  return ratingRules(data)?.count?.value || DEFAULT_MAX_RATERS;
}

/** Whether text is a real calendar day written YYYY-MM-DD. */
export function isDay(text) {
  const m = typeof text === "string" ? DAY.exec(text) : null;
  if (!m) return false;
  const date = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return date.toISOString().slice(0, 10) === text;
}

/** The day `months` calendar months after day (YYYY-MM-DD; the 31st of a shorter month becomes its last day). */
export function addMonths(day, months) {
  const [y, m, d] = day.split("-").map(Number);
  const last = new Date(Date.UTC(y, m - 1 + months + 1, 0)).getUTCDate();
  return new Date(Date.UTC(y, m - 1 + months, Math.min(d, last))).toISOString().slice(0, 10);
}

/** The UTC day of a Date as YYYY-MM-DD. */
const dayOf = (date) => date.toISOString().slice(0, 10);

/** Whole days from day a to day b (both YYYY-MM-DD). */
const daysBetween = (a, b) => Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86400000);

/** The problem with a piece of free text (note or goal) of at most max characters, or null. */
function textError(what, value, max) {
  if (typeof value !== "string") return `${what} must be text`;
  if (value.length > max) return `${what} is longer than ${max} characters`;
  return MARKUP.test(value) ? `${what} ${MARKUP_ERROR}` : null;
}

// ---------- the rater's own draft (rate someone else) ----------

/** A new, empty rating of someone else for data's category, dated `date` (a Date). */
export function emptyRating(data, date) {
  return { format: RATER_FORMAT, version: RATER_VERSION, tool: TOOL, category: data.category.id,
    dataset_version: data.dataset_version, rated_on: dayOf(date), person: "", rater_role: "", ratings: {} };
}

/** The problem with the person rated (name or initials), or null. */
export function personError(value) {
  if (typeof value !== "string") return "the name must be text";
  if (value.length > PERSON_CHARS) return `the name is longer than ${PERSON_CHARS} characters`;
  return MARKUP.test(value) ? `the name ${MARKUP_ERROR}` : null;
}

/** Sets one field of the rating's header: person (text), rater_role (a role id or "") or rated_on (YYYY-MM-DD). */
export function setRatingField(rating, key, value) {
  if (key === "person") {
    const error = personError(value);
    if (error) throw new TypeError(`Invalid name: ${error}`);
  } else if (key === "rater_role") {
    if (value !== "" && !ROLES.some((r) => r.id === value)) throw new TypeError("Unknown rater role");
  } else if (key === "rated_on") {
    if (!isDay(value)) throw new TypeError("The date must be a day written YYYY-MM-DD");
  } else {
    throw new TypeError(`Unknown field "${shorten(key)}"`);
  }
  return { ...rating, [key]: value };
}

function editRated(rating, itemId, data, change) {
  if (typeof itemId !== "string" || FORBIDDEN_KEYS.has(itemId) || !data.items.some((i) => i.id === itemId)) {
    throw new TypeError(`Unknown item "${shorten(String(itemId))}"`);
  }
  const next = change({ ...(get(rating.ratings, itemId) ?? {}) });
  const ratings = { ...rating.ratings };
  if (has(next, "rating") || (typeof next.note === "string" && next.note !== "")) ratings[itemId] = next;
  else delete ratings[itemId];
  return { ...rating, ratings };
}

/** Sets (0..3 or "nei") or clears (null) the rater's rating of one item. */
export function rateItem(rating, itemId, value, data) {
  if (value !== null && !RATINGS.includes(value)) throw new TypeError('Rating must be 0, 1, 2, 3, "nei" or null');
  return editRated(rating, itemId, data, (entry) => {
    if (value === null) delete entry.rating;
    else entry.rating = value;
    return entry;
  });
}

/** Sets the rater's note on one item ("" removes it). */
export function noteItem(rating, itemId, text, data) {
  const error = textError("note", text, limits(data).note_chars);
  if (error) throw new TypeError(`Invalid note: ${error}`);
  return editRated(rating, itemId, data, (entry) => {
    if (text === "") delete entry.note;
    else entry.note = text;
    return entry;
  });
}

/** What still keeps a rating from being saved as a file (a sentence), or null when it can be saved. */
export function draftProblem(rating) {
  if (rating.person.trim() === "") return "Enter the name or initials of the person you are rating.";
  if (rating.rater_role === "") return "Choose your role.";
  if (Object.keys(rating.ratings).length === 0) return "Rate at least one item.";
  return null;
}

/** The rating as the file the rater saves and the applicant imports (2-space indent, items in data order). */
export function raterFileText(data, rating) {
  const ratings = {};
  for (const item of data.items) if (has(rating.ratings, item.id)) ratings[item.id] = copyRated(rating.ratings[item.id]);
  for (const [id, entry] of entriesOf(rating.ratings)) if (!has(ratings, id)) ratings[id] = copyRated(entry);
  return JSON.stringify({ format: RATER_FORMAT, version: RATER_VERSION, tool: TOOL, category: rating.category,
    dataset_version: rating.dataset_version, rated_on: rating.rated_on, person: rating.person.trim(),
    rater_role: rating.rater_role, ratings }, null, 2);
}

/** Download name of a rater file, e.g. iecmh-atlas-ECMHS-rating-by-supervisor-2026-11-23.json. */
export function raterFileName(data, rating) {
  const code = String(data.category.code ?? data.category.id).replace(/[^A-Za-z0-9-]/g, "-");
  return `iecmh-atlas-${code}-rating-by-${rating.rater_role || "rater"}-${rating.rated_on}.json`;
}

const copyRated = (entry) => Object.fromEntries(RATING_KEYS.filter((k) => has(entry, k)).map((k) => [k, entry[k]]));

// ---------- reading a rater file (every check; a refusal is a sentence) ----------

class RaterError extends Error {}
const fail = (message) => { throw new RaterError(message); };

function checkRaterHeader(raw, data, draft = false) {
  if (raw.format === SELF_FORMAT) {
    fail("This is a self-assessment export (someone's own answers), not a rater file. Import your own export with " +
      "\"Import a JSON export\"; a rater makes a rater file with \"Rate someone else\".");
  }
  if (raw.format !== RATER_FORMAT) fail("This file is not an IECMH Atlas rater file.");
  if (!Number.isInteger(raw.version)) fail("This rater file does not say which version of the format it uses.");
  if (raw.version > RATER_VERSION) {
    fail(`This rater file was made by a newer version of the Atlas (format version ${raw.version}); this page reads version ${RATER_VERSION}.`);
  }
  if (raw.version !== RATER_VERSION) fail(`This rater file has an unsupported format version (${raw.version}).`);
  const extra = Object.keys(raw).find((key) => !RATER_KEYS.includes(key));
  if (extra !== undefined) fail(`This rater file has an unexpected field "${shorten(extra)}".`);
  for (const key of ["tool", "dataset_version"]) if (has(raw, key) && typeof raw[key] !== "string") fail(`This rater file's "${key}" must be text.`);
  if (typeof raw.category !== "string") fail("This rater file does not say which category it is for.");
  if (raw.category !== data.category.id) {
    const code = shorten(raw.category.toUpperCase());
    fail(`This rater file is for ${code}, not ${data.category.code ?? data.category.id}; open the ${code} self-assessment to import it.`);
  }
  if (!isDay(raw.rated_on)) fail('This rater file\'s "rated_on" must be a day written YYYY-MM-DD.');
  const person = personError(raw.person);
  if (person) fail(`This rater file's person: ${person}.`);
  if (raw.person.trim() === "" && !draft) fail("This rater file does not name the person rated.");
  if (!ROLES.some((r) => r.id === raw.rater_role) && !(draft && raw.rater_role === "")) fail(`This rater file's "rater_role" must be one of: ${ROLES.map((r) => r.id).join(", ")}.`);
}

function readRatings(raw, data) {
  if (!isObject(raw.ratings)) fail('This rater file\'s "ratings" must be an object.');
  const ratings = {};
  for (const [id, entry] of Object.entries(raw.ratings)) {
    const where = `The rating of "${shorten(id)}"`;
    if (!ITEM_ID.test(id)) fail(`${where} has an invalid item id.`);
    if (!isObject(entry)) fail(`${where} must be an object.`);
    for (const [key, value] of Object.entries(entry)) {
      if (key === "rating") { if (!RATINGS.includes(value)) fail(`${where}: rating must be 0, 1, 2, 3 or "nei".`); }
      else if (key === "note") { const e = textError("note", value, limits(data).note_chars); if (e) fail(`${where}: ${e}.`); }
      else fail(`${where} has an unexpected field "${shorten(key)}".`);
    }
    ratings[id] = copyRated(entry);
  }
  return ratings;
}

/** A validated copy of one parsed rater file (throws RaterError). */
function raterOrFail(raw, data, draft = false) {
  if (!isObject(raw)) fail("This file does not contain a rating (expected a JSON object).");
  const bad = forbiddenKey(raw);
  if (bad !== null) fail(`This file contains the forbidden key "${bad}".`);
  checkRaterHeader(raw, data, draft);
  const out = { format: RATER_FORMAT, version: RATER_VERSION };
  if (has(raw, "tool")) out.tool = raw.tool;
  out.category = raw.category;
  if (has(raw, "dataset_version")) out.dataset_version = raw.dataset_version;
  return { ...out, rated_on: raw.rated_on, person: raw.person, rater_role: raw.rater_role, ratings: readRatings(raw, data) };
}

function parseOrFail(text, data, what) {
  const max = limits(data).import_bytes;
  if (typeof text !== "string") fail(`Nothing to import: expected the text of ${what}.`);
  if (text.length > max || utf8Bytes(text) > max) fail(`This file is too large (more than ${max} bytes) to be ${what}.`);
  try {
    return JSON.parse(text.replace(/^\uFEFF/, ""));
  } catch {
    return fail(`This file is not valid JSON, so it cannot be ${what}.`);
  }
}

/**
 * Validates a rater file's text against data's category and the rater files already taken (companion): refused
 * when not a rater file (or the applicant's own export), for another category, of a newer format, malformed, with
 * markup, forbidden keys, too large, the same as one already imported, one too many, or when the JSON export with it
 * would exceed limits.import_bytes. Returns {ok: true, rater, unknown: [item ids not in the data]} or
 * {ok: false, error}; never throws.
 */
export function parseRaterFile(text, data, companion) {
  try {
    const rater = raterOrFail(parseOrFail(text, data, "a rater file"), data);
    const current = raterList(companion);
    if (current.some(({ id, ...file }) => sameRater(file, rater))) fail("This rater file is already imported.");
    if (current.length >= maxRaters(data)) {
      fail(`${current.length} rater files are already imported, as many as this comparison takes; remove one first.`);
    }
    const known = new Set(data.items.map((i) => i.id));
    return { ok: true, rater, unknown: Object.keys(rater.ratings).filter((id) => !known.has(id)).sort() };
  } catch (error) {
    if (error instanceof RaterError) return { ok: false, error: error.message };
    return { ok: false, error: "This file could not be read as a rater file." };
  }
}

/** Reads the rating in progress that "rate someone else" saved in this browser (name and role may still be empty):
 *  the rating, or null when it cannot be read. */
export function readDraft(text, data) {
  try {
    const raw = JSON.parse(text);
    return { ...emptyRating(data, new Date()), ...raterOrFail(raw, data, true) };
  } catch {
    return null;
  }
}

/** Merges two versions of a rating in progress (two tabs): by item, and by header field. */
export function mergeDrafts(base, first, second) {
  const ratings = mergeEntries(base?.ratings, first.ratings, second.ratings);
  const value = { ...first, ratings: ratings.merged };
  for (const key of ["person", "rater_role", "rated_on"]) if (first[key] === base?.[key]) value[key] = second[key];
  return { value, conflicts: ratings.conflicts };
}

const sameRater = (a, b) => JSON.stringify(a) === JSON.stringify(b);

// ---------- the companion document: rater files and the learning plan ----------

/** A new, empty companion document for data's category. */
export function emptyCompanion(data) {
  return { format: COMPANION_FORMAT, version: COMPANION_VERSION, category: data.category.id, raters: {}, learning_plan: {} };
}

/** The rater files of a companion in the order they were taken: [{id, ...file}]. */
export function raterList(companion) {
  return entriesOf(companion?.raters).sort(([a], [b]) => Number(a.slice(6)) - Number(b.slice(6)))
    .map(([id, file]) => ({ id, ...file }));
}

/** Whether a companion holds anything (a rater file or a plan entry). */
export const hasCompanion = (companion) => Object.keys(companion?.raters ?? {}).length > 0 || Object.keys(companion?.learning_plan ?? {}).length > 0;

/** The companion with one more rater file (under the next free id "rater-N"). */
export function addRater(companion, rater) {
  const used = Object.keys(companion.raters).map((id) => Number(id.slice(6)));
  const id = `rater-${Math.max(0, ...used) + 1}`;
  return { ...companion, raters: { ...companion.raters, [id]: rater } };
}

/** The companion without one rater file. */
export function removeRater(companion, raterId) {
  const raters = { ...companion.raters };
  delete raters[raterId];
  return { ...companion, raters };
}

/** The problem with one learning-plan field, or null. */
export function planFieldError(key, value, data) {
  if (key === "goal") return textError("goal", value, limits(data).note_chars);
  if (key === "way") return value === "" || WAYS.some((w) => w.id === value) ? null : `way must be one of: ${WAYS.map((w) => w.id).join(", ")}`;
  if (key === "target_date") return value === "" || isDay(value) ? null : "target date must be a day written YYYY-MM-DD";
  return `unexpected field "${shorten(key)}"`;
}

/** Sets one field (goal, way or target_date; "" clears it) of the plan entry of an item; an entry left empty goes. */
export function setPlanField(companion, itemId, key, value, data) {
  if (typeof itemId !== "string" || FORBIDDEN_KEYS.has(itemId) || !data.items.some((i) => i.id === itemId)) {
    throw new TypeError(`Unknown item "${shorten(String(itemId))}"`);
  }
  const error = planFieldError(key, value, data);
  if (error) throw new TypeError(`Invalid plan entry: ${error}`);
  const entry = { ...(get(companion.learning_plan, itemId) ?? {}) };
  if (value === "") delete entry[key];
  else entry[key] = value;
  const plan = { ...companion.learning_plan };
  if (Object.keys(entry).length) plan[itemId] = Object.fromEntries(PLAN_KEYS.filter((k) => has(entry, k)).map((k) => [k, entry[k]]));
  else delete plan[itemId];
  return { ...companion, learning_plan: plan };
}

function readPlan(raw, data) {
  if (!isObject(raw)) fail('"learning_plan" must be an object.');
  const plan = {};
  for (const [id, entry] of Object.entries(raw)) {
    const where = `The learning-plan entry for "${shorten(id)}"`;
    if (!ITEM_ID.test(id)) fail(`${where} has an invalid item id.`);
    if (!isObject(entry) || Object.keys(entry).length === 0) fail(`${where} must be an object with a goal, way or target date.`);
    for (const [key, value] of Object.entries(entry)) {
      const error = planFieldError(key, value, data);
      if (error || value === "") fail(`${where}: ${error ?? `${key} is empty`}.`);
    }
    plan[id] = Object.fromEntries(PLAN_KEYS.filter((k) => has(entry, k)).map((k) => [k, entry[k]]));
  }
  return plan;
}

/** The rater files and plan of a parsed JSON export or companion ({raters: [files] or {id: file}, learning_plan}),
 *  validated: a companion; throws RaterError with a sentence. The count of reference ratings limits only adding a
 *  file (parseRaterFile), so that what the page saved or exported loads again even after the data changes. */
function companionOrFail(raters, plan, data) {
  if (raters !== undefined && !Array.isArray(raters) && !isObject(raters)) fail('"raters" must be a list of rater files.');
  let companion = emptyCompanion(data);
  const files = Array.isArray(raters) ? raters.map((file) => [null, file]) : entriesOf(raters);
  for (const [index, [id, file]] of files.entries()) {
    if (id !== null && !RATER_ID.test(id)) fail(`it has an invalid rater id "${shorten(id)}".`);
    let rater;
    try {
      rater = raterOrFail(file, data);
    } catch (error) {
      if (error instanceof RaterError) fail(`rater file ${index + 1}: ${error.message}`);
      throw error;
    }
    companion = id === null ? addRater(companion, rater) : { ...companion, raters: { ...companion.raters, [id]: rater } };
  }
  if (plan !== undefined) companion.learning_plan = readPlan(plan, data);
  return companion;
}

/** The rater files and plan of a parsed self-assessment export (its optional "raters" list and "learning_plan"):
 *  {ok: true, companion} or {ok: false, error}; never throws. */
export function companionFromExport(raw, data) {
  try {
    return { ok: true, companion: companionOrFail(get(raw, "raters"), get(raw, "learning_plan"), data) };
  } catch (error) {
    if (error instanceof RaterError) return { ok: false, error: `The rater files in this export: ${error.message}` };
    return { ok: false, error: "The rater files in this export could not be read." };
  }
}

/** The companion as the page saves it in the browser (2-space indent). */
export function companionText(companion) {
  return JSON.stringify({ format: COMPANION_FORMAT, version: COMPANION_VERSION, category: companion.category,
    raters: companion.raters, learning_plan: companion.learning_plan }, null, 2);
}

/** Reads a saved companion text: a companion, or null when it cannot be read (or is for another category). */
export function readCompanion(text, data) {
  try {
    const raw = JSON.parse(text);
    if (!isObject(raw) || forbiddenKey(raw) !== null || raw.format !== COMPANION_FORMAT || raw.version !== COMPANION_VERSION
      || raw.category !== data.category.id) return null;
    const extra = Object.keys(raw).find((k) => !["format", "version", "category", "raters", "learning_plan"].includes(k));
    if (extra !== undefined || !isObject(raw.raters)) return null;
    return companionOrFail(raw.raters, raw.learning_plan ?? {}, data);
  } catch {
    return null;
  }
}

/** Merges two versions of a companion that both started from base (two tabs), by rater file and plan entry. */
export function mergeCompanions(base, first, second) {
  const raters = mergeEntries(base?.raters, first.raters, second.raters);
  const plan = mergeEntries(base?.learning_plan, first.learning_plan, second.learning_plan);
  return { value: { ...first, raters: raters.merged, learning_plan: plan.merged }, conflicts: [...raters.conflicts, ...plan.conflicts] };
}

/** The fields a JSON export gains from a companion (nothing when it is empty): {raters: [files], learning_plan}. */
export function exportFields(data, companion) {
  if (!hasCompanion(companion)) return {};
  const raters = raterList(companion).map(({ id, ...file }) => file);
  const plan = {};
  for (const item of data.items) if (has(companion.learning_plan, item.id)) plan[item.id] = { ...companion.learning_plan[item.id] };
  for (const [id, entry] of entriesOf(companion.learning_plan)) if (!has(plan, id)) plan[id] = { ...entry };
  return { raters, learning_plan: plan };
}

// ---------- readiness and comparison ----------

/**
 * The readiness of one rater file on `today` (a Date) under the category's rules: {nei, unrated, rated, total,
 * neiRule: {limit, counts, source} or null, age: {days, until, valid, source} or null}.
 */
export function raterReadiness(data, rater, today) {
  const rules = ratingRules(data);
  const answers = data.items.map((item) => get(rater.ratings, item.id));
  const nei = answers.filter((a) => a?.rating === "nei").length;
  const rated = answers.filter((a) => has(a, "rating")).length;
  const neiRule = rules?.not_counted_at_not_enough_info
    ? { limit: rules.not_counted_at_not_enough_info.value, counts: nei < rules.not_counted_at_not_enough_info.value, source: rules.not_counted_at_not_enough_info.source }
    : null;
  const days = daysBetween(rater.rated_on, dayOf(today));
  const validity = rules?.valid_for_months;
  const until = validity ? addMonths(rater.rated_on, validity.value) : null;
  const age = validity ? { days, months: validity.value, until, valid: dayOf(today) < until, source: validity.source } : null;
  return { nei, unrated: data.items.length - rated, rated, total: data.items.length, neiRule, age, days };
}

const numeric = (r) => typeof r === "number";

/** One item's row of the comparison: {id, self, raters: [rating or null], marked: [bool], differs, couldNotRate}. */
export function compareRow(data, state, raters, item) {
  const own = answerOf(state, item.id);
  const self = isRated(own) ? own.rating : null;
  const others = raters.map((r) => {
    const entry = get(r.ratings, item.id);
    return has(entry, "rating") ? entry.rating : null;
  });
  const notes = raters.map((r) => get(get(r.ratings, item.id), "note") ?? "");
  const numbers = [self, ...others].filter(numeric);
  const spread = numbers.length ? Math.max(...numbers) - Math.min(...numbers) : 0;
  return {
    id: item.id, self, raters: others, notes,
    marked: others.map((r) => numeric(r) && numeric(self) && Math.abs(r - self) >= DIFFERENCE),
    differs: spread >= DIFFERENCE,
    couldNotRate: others.some((r) => r === "nei" || r === null),
    gap: numeric(self) && self < data.target,
  };
}

/** Every item's comparison row (data order) and the counts: {rows, differing, couldNotRate}. */
export function comparison(data, state, raters) {
  const rows = data.items.map((item) => compareRow(data, state, raters, item));
  return { rows, differing: rows.filter((r) => r.differs).length, couldNotRate: rows.filter((r) => r.couldNotRate).length };
}

/** Whether a row passes a filter: "all", "differ" (two levels or more apart) or "could-not-rate". */
export function rowShown(row, filter) {
  if (filter === "differ") return row.differs;
  if (filter === "could-not-rate") return row.couldNotRate;
  return true;
}

/** The items a learning plan is for: gaps (self below target) and differences, plus any item that has a plan entry. */
export function planCandidates(data, state, companion) {
  const raters = raterList(companion);
  return data.items.filter((item) => {
    const row = compareRow(data, state, raters, item);
    return row.gap || (raters.length > 0 && row.differs) || has(companion.learning_plan, item.id);
  });
}

/** The learning plan in data order (then entries for items no longer in the data): [{id, text, goal, way, target_date}]. */
export function planEntries(data, companion) {
  const texts = new Map(data.items.map((i) => [i.id, i.text]));
  const ids = [...data.items.map((i) => i.id).filter((id) => has(companion.learning_plan, id)),
    ...Object.keys(companion.learning_plan).filter((id) => !texts.has(id)).sort()];
  return ids.map((id) => ({ id, text: texts.get(id) ?? id, goal: "", way: "", target_date: "", ...companion.learning_plan[id] }));
}

