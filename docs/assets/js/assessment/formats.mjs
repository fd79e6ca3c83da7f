// IECMH Competency Atlas: the self-assessment's JSON export, which is also what the page saves in the browser (so a
// saved state and an export read the same way), reading one back, and the names of the downloads. The Markdown and
// CSV downloads are in exports.mjs (loaded when one is asked for). Pure functions, free of any DOM.
import { entriesOf, forbiddenKey, has, isObject, localDay, shorten, utf8Bytes, validDate } from "../shared/guards.mjs";
import { logsForExport, readLogs } from "./logs.mjs";
import { companionFromExport, exportFields } from "./raters.mjs";
import {
  CATEGORY_PATTERN, FORMAT, VERSION, answerFieldError, assertData, byScaleOrder, copyAnswer, copyMap, copyRequirement,
  emptyState, limits, nameError, requirementError,
} from "./state.mjs";

const TOOL = "IECMH Competency Atlas";
const TOP_KEYS = ["format", "version", "tool", "exported", "category", "dataset_version", "name", "answers", "requirements", "logs", "raters", "learning_plan"];
const ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,199}$/;
const ANY_DATE = new Date(0); // every date gives an "exported" field of the same length

/** What each download is called after the category code ("xlsx": the Getting Started grid, see grid-xlsx.mjs). */
const FILE_STEMS = { md: "self-assessment", csv: "self-assessment", json: "self-assessment", xlsx: "getting-started-grid" };

/** Download name, e.g. iecmh-atlas-ECMHS-self-assessment-2026-11-23.md (kind: "md", "csv", "json" or "xlsx"; the
 *  user's local day). */
export function fileName(data, kind, date) {
  if (!Object.hasOwn(FILE_STEMS, kind)) throw new TypeError('kind must be "md", "csv", "json" or "xlsx"');
  const code = String(data.category.code ?? data.category.id).replace(/[^A-Za-z0-9-]/g, "-");
  return `iecmh-atlas-${code}-${FILE_STEMS[kind]}-${localDay(date)}.${kind}`;
}

/** The state as a JSON export (2-space indent); orphaned answers are exported among the answers so nothing is lost.
 *  With a companion that holds rater files or a plan, the export also carries them ("raters", "learning_plan"). The
 *  logs (a section with its own version) are written only when they hold something, so a state without them is
 *  saved as before. */
export function toJSON(data, state, date, companion = null) {
  const answers = {};
  const ordered = [...data.items.map((item) => item.id), ...entriesOf(state.answers).map(([id]) => id)];
  for (const id of ordered) if (has(state.answers, id) && !has(answers, id)) answers[id] = copyAnswer(state.answers[id]);
  for (const [id, answer] of entriesOf(state.orphans)) if (!has(answers, id)) answers[id] = copyAnswer(answer);
  const head = {
    format: FORMAT, version: VERSION, tool: TOOL, exported: validDate(date).toISOString(), category: data.category.id,
    dataset_version: state.dataset_version ?? data.dataset_version,
  };
  if (typeof state.name === "string" && state.name !== "") head.name = state.name; // absent unless typed: older files stay as they were
  return JSON.stringify({ ...head, answers, requirements: copyMap(state.requirements, copyRequirement),
    logs: logsForExport(state), ...exportFields(data, companion) }, null, 2);
}

/** The number of bytes the state takes as the page saves it (its JSON export, in UTF-8). */
export const savedBytes = (data, state) => utf8Bytes(toJSON(data, state, ANY_DATE));

// ---------- import ----------

class ImportError extends Error {}
const fail = (message) => { throw new ImportError(message); };

function checkHeader(raw, data) {
  if (raw.format !== FORMAT) fail("This file is not an IECMH Atlas self-assessment export.");
  if (raw.version !== VERSION) fail("This file is not an IECMH Atlas self-assessment export (unsupported version).");
  const extra = Object.keys(raw).find((key) => !TOP_KEYS.includes(key));
  if (extra !== undefined) fail(`This file has an unexpected field "${shorten(extra)}" and was not imported.`);
  for (const key of ["tool", "exported", "dataset_version"]) {
    if (has(raw, key) && typeof raw[key] !== "string") fail(`This file's "${key}" field must be text.`);
  }
  if (typeof raw.category !== "string" || !CATEGORY_PATTERN.test(raw.category)) fail("This file does not say which category it is for.");
  if (has(raw, "name") && nameError(raw.name)) fail(`This file's ${nameError(raw.name)}.`);
  if (raw.category !== data.category.id) {
    const code = raw.category.toUpperCase();
    fail(`This export is for ${code}; open the ${code} self-assessment to import it.`);
  }
}

function readAnswers(raw, data) {
  if (!has(raw, "answers")) return {};
  if (!isObject(raw.answers)) fail('This file\'s "answers" must be an object.');
  const answers = {};
  for (const [id, answer] of Object.entries(raw.answers)) {
    const where = `The answer for "${shorten(id)}"`;
    if (!ID_PATTERN.test(id)) fail(`${where} has an invalid item id.`);
    if (!isObject(answer)) fail(`${where} must be an object.`);
    for (const [key, value] of Object.entries(answer)) {
      const error = answerFieldError(key, value, data);
      if (error) fail(`${where}: ${error}.`);
    }
    const copy = copyAnswer(answer);
    if (copy.evidence) copy.evidence = byScaleOrder(copy.evidence, data);
    answers[id] = copy;
  }
  return answers;
}

function readRequirements(raw, data) {
  if (!has(raw, "requirements")) return {};
  if (!isObject(raw.requirements)) fail('This file\'s "requirements" must be an object.');
  const out = {};
  for (const [id, value] of Object.entries(raw.requirements)) {
    const req = (data.requirements ?? []).find((r) => r.id === id);
    if (!req) fail(`This file has a requirement "${shorten(id)}" that this category does not have.`);
    const error = requirementError(value, req.kind, req.parts ?? []);
    if (error) fail(`The requirement "${req.label}" ${error}.`);
    out[id] = copyRequirement(value);
  }
  return out;
}

function readLogsOrFail(raw, data, today) {
  if (!has(raw, "logs")) return null;
  const result = readLogs(raw.logs, data, today);
  if (result.error) fail(`${result.error} Nothing was imported.`);
  return result.logs;
}

function importOrFail(text, data, maxBytes, today) {
  assertData(data);
  if (typeof text !== "string") fail("Nothing to import: expected the text of a JSON file.");
  if (text.length > maxBytes || utf8Bytes(text) > maxBytes) fail(`This file is too large (more than ${maxBytes} bytes) to be a self-assessment export.`);
  let raw;
  try {
    raw = JSON.parse(text.replace(/^\uFEFF/, ""));
  } catch {
    fail("This file is not valid JSON, so it cannot be a self-assessment export.");
  }
  if (!isObject(raw)) fail("This file does not contain a self-assessment (expected a JSON object).");
  const bad = forbiddenKey(raw);
  if (bad !== null) fail(`This file contains the forbidden key "${bad}" and was not imported.`);
  checkHeader(raw, data);
  const extra = companionFromExport(raw, data);
  if (!extra.ok) fail(extra.error);
  const answers = readAnswers(raw, data);
  const state = { ...emptyState(data), requirements: readRequirements(raw, data) };
  if (has(raw, "name") && raw.name.trim() !== "") state.name = raw.name;
  const known = new Set(data.items.map((item) => item.id));
  const removed = Object.keys(answers).filter((id) => !known.has(id)).sort();
  for (const id of Object.keys(answers)) if (known.has(id)) state.answers[id] = answers[id];
  if (removed.length) state.orphans = Object.fromEntries(removed.map((id) => [id, answers[id]]));
  const logs = readLogsOrFail(raw, data, today);
  if (logs) state.logs = logs;
  const bytes = maxBytes === Infinity ? 0 : utf8Bytes(toJSON(data, state, ANY_DATE, extra.companion));
  if (bytes > maxBytes) fail(`This file holds more than a self-assessment can keep: saved by this page it would take ${bytes} bytes; the limit is ${maxBytes}.`);
  return { ok: true, state, removed, companion: extra.companion };
}

function resultOf(read) {
  try {
    return read();
  } catch (error) {
    if (error instanceof ImportError) return { ok: false, error: error.message };
    return { ok: false, error: "This file could not be read as a self-assessment export." };
  }
}

/** Validates an export's text: the file and the state as the page would save it must both fit limits.import_bytes
 *  (UTF-8 bytes); log dates after today (YYYY-MM-DD, default the local day) are refused; never throws. Unknown item
 *  ids go to state.orphans and `removed`. */
export function parseImport(text, data, today = localDay(new Date())) {
  return resultOf(() => importOrFail(text, data, limits(data).import_bytes, today));
}

/** Reads what the page saved in the browser: validated like an import but never refused for its size, since the page
 *  wrote it (an earlier release could save more than the import limit); never throws. */
export function readSaved(text, data) {
  return resultOf(() => importOrFail(text, data, Infinity, null));
}
