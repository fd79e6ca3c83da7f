// IECMH Competency Atlas: the self-assessment's files: the Markdown gap report, the CSV of answers, and the JSON
// export, which is also what the page saves in the browser (so a saved state and an export read the same way).
// Pure functions, free of any DOM.
import { csvCell, csvText } from "../shared/csv.mjs";
import { entriesOf, forbiddenKey, has, isObject, localDay, shorten, utf8Bytes, validDate } from "../shared/guards.mjs";
import { entered } from "./outline.mjs";
import { logsForExport, readLogs } from "./logs.mjs";
import { logsMarkdown } from "./logs-report.mjs";
import { gapReport, itemEntry, ratingLabel, unitWords } from "./report.mjs";
import { companionFromExport, exportFields, hasCompanion } from "./raters.mjs";
import { ratersColumns, ratersMarkdown } from "./raters-report.mjs";
import {
  CATEGORY_PATTERN, FORMAT, VERSION, answerFieldError, assertData, byScaleOrder, copyAnswer, copyMap, copyRequirement,
  emptyState, limits, nameError, requirementError,
} from "./state.mjs";

const TOOL = "IECMH Competency Atlas";
const TOP_KEYS = ["format", "version", "tool", "exported", "category", "dataset_version", "name", "answers", "requirements", "logs", "raters", "learning_plan"];
const ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,199}$/;
const CSV_HEADER = ["category", "domain", "knowledge_area", "item_id", "item_text", "rating", "rating_label", "evidence", "note", "carried_from"];
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

// One line of plain text as inert Markdown: whitespace collapsed, structural characters backslash-escaped;
// `lineStart` also defuses list, heading-underline and numbered-list markers for text that may begin a block.
function mdText(text, lineStart = false) {
  // Escape only what Markdown would read as markup, so "<3 & more" stays readable as plain text: "<" where it could
  // open a tag, "&" where it could start an entity, ">" and list markers at the start of a line.
  const inline = String(text).replace(/\s+/g, " ").trim().replace(/[\\`*_[\]#|~]/g, "\\$&")
    .replace(/<(?=[A-Za-z/!?])/g, "\\<").replace(/&(?=#|[A-Za-z][A-Za-z0-9]*;)/g, "\\&");
  return lineStart ? inline.replace(/^([-+=>])/, "\\$1").replace(/^(\d+)([.)])/, "$1\\$2") : inline;
}

// A multi-line note: each line escaped on its own, joined by hard line breaks inside a list item.
function mdNote(text) {
  return String(text).split(/\r\n|\r|\n/).map((line) => mdText(line, true)).filter(Boolean).join("\\\n    ");
}

function mdItem(data, entry) {
  const label = typeof entry.rating === "number" ? `**${mdText(entry.label ?? "")} (${entry.rating})** ` : "";
  const lines = [`- ${label}${mdText(entry.text, !label)} *(${mdText(entry.ka_name ?? "")})*`];
  if (entry.evidence.length) {
    const names = entry.evidence.map((id) => data.scale?.evidence?.find((e) => e.id === id)?.label ?? id);
    lines.push(`  - Evidence: ${mdText(names.join("; "))}`);
  }
  if (entry.note) lines.push(`  - Note: ${mdNote(entry.note)}`);
  if (entry.carried_from) lines.push(`  - Carried over from the ${mdText(entry.carried_from.toUpperCase())} self-assessment`);
  return lines.join("\n");
}

function mdReadiness(report) {
  const rows = report.readiness.map((r) => `| ${mdText(r.name)} | ${r.rated} | ${r.atTarget} | ${r.belowTarget} | ${r.nei} | ${r.total} | ${r.percent}% |`);
  return ["| Domain | Rated | At target | Below target | Not enough information | Total | Share at target |",
    "| --- | ---: | ---: | ---: | ---: | ---: | ---: |", ...rows].join("\n");
}

function mdRequirements(report) {
  const unmet = report.requirements.filter((r) => !r.met);
  if (unmet.length === 0) return "All listed requirements are met.";
  return unmet.map((r) => `- **${mdText(r.label)}**: ${mdText(r.shortfall ?? "not yet")} (${mdText(r.detail)})`).join("\n");
}

/** A readable Markdown gap report; all user and dataset text is escaped so it cannot add Markdown structure or HTML.
 *  With a companion (rater files and learning plan, see raters.mjs) it ends with the "self and raters" section. */
export function toMarkdown(data, state, date, companion = null) {
  const report = gapReport(data, state);
  const [one, many] = unitWords(data);
  const items = (list, none) => (list.length ? list.map((e) => mdItem(data, e)).join("\n") : none);
  const targetLabel = ratingLabel(data, data.target) ?? "";
  const out = [
    `# Self-assessment: ${mdText(data.category.name)} (${mdText(data.category.code ?? data.category.id)}), ${localDay(date)}`,
    "Made in the browser with the IECMH Competency Atlas; nothing was sent anywhere.",
    `Target level: ${data.target} (${mdText(targetLabel)}). Rated: ${report.progress.rated} of ${report.progress.total} ${many}. Dataset version ${mdText(data.dataset_version ?? "")}.`,
  ];
  if (!entered(data).complete) out.push(mdText(entered(data).sentences.join(" "), true));
  out.push("## Readiness by domain", mdReadiness(report));
  if (report.requirements.length) out.push("## Requirements not yet met", mdRequirements(report));
  out.push("## Gaps (rated below the target level)");
  if (report.gaps.length === 0) out.push(`No rated ${many} are below the target level.`);
  for (const group of report.gaps) out.push(`### ${mdText(group.name)}`, items(group.items, ""));
  out.push("## Strengths (at or above the target level)", items(report.strengths, "None yet."));
  out.push("## Not enough information to rate", items(report.notEnoughInfo, "None."));
  if (report.unrated.length) out.push(`${report.unrated.length} ${report.unrated.length === 1 ? one : many} not yet rated.`);
  out.push(...logsMarkdown(data, state, mdText));
  if (companion) out.push(ratersMarkdown(data, state, companion, date, mdText).trimEnd());
  return `${out.join("\n\n")}\n`;
}

export { csvCell };

/** The answers as CSV: UTF-8 BOM, CRLF line ends, one row per item in order; with a companion that holds rater
 *  files or a plan, each row also gives every rater's rating and the item's plan entry. */
export function toCSV(data, state, companion = null) {
  const extra = hasCompanion(companion) ? ratersColumns(data, state, companion) : null;
  const rows = data.items.map((item) => {
    const e = itemEntry(data, state, item);
    const evidence = e.evidence.map((id) => data.scale?.evidence?.find((x) => x.id === id)?.label ?? id);
    return [data.category.code ?? data.category.id, data.domains.find((d) => d.id === item.domain)?.name ?? item.domain,
      item.ka_name, item.id, item.text, e.rating, e.label, evidence.join("; "), e.note, e.carried_from?.toUpperCase(),
      ...(extra ? extra.cells(item) : [])];
  });
  return csvText([extra ? [...CSV_HEADER, ...extra.header] : CSV_HEADER, ...rows]);
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
