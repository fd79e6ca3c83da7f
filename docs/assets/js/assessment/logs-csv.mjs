// IECMH Competency Atlas: the training and RSC logs as CSV files, one row per entry in the columns an application
// asks for, and read back: every bad row is reported by its number and nothing is taken from a file with one.
// DOM-free. Cells are written by shared/csv.mjs, so no spreadsheet reads a cell as a formula.
import { cleanCell, csvText, parseCSVRecords } from "../shared/csv.mjs";
import { fmt, utf8Bytes } from "../shared/guards.mjs";
import {
  FORMAT_LABELS, knowledgeAreas, logLimits, logsOf, newEntryId, rscEntryCheck, rscFormats, rscProblems, rscRules,
  trainingParts, trainingProblems,
} from "./logs.mjs";

const MAX_ROW_ERRORS = 20;
const YES = ["yes", "y", "true", "1"];
const NO = ["no", "n", "false", "0"];

/** The columns of a log's CSV ("training" or "rsc"): [{key, header}]. */
export function logColumns(data, log) {
  if (log === "training") {
    return [{ key: "date", header: "date" }, { key: "title", header: "title" }, { key: "provider", header: "provider" },
      { key: "hours", header: "clock_hours" },
      ...trainingParts(data).map((part) => ({ key: `part:${part.id}`, header: `hours_toward_${part.id}` })),
      { key: "areas", header: "knowledge_areas" }, { key: "note", header: "notes" }];
  }
  const columns = [{ key: "date", header: "date" }, { key: "hours", header: "hours" }, { key: "format", header: "format" },
    { key: "provider", header: "provider" }];
  if (rscRules(data).providers?.length) columns.push({ key: "endorsement", header: "provider_endorsement" });
  if (rscRules(data).ages_served) columns.push({ key: "ages", header: "serving_the_ages" });
  columns.push({ key: "note", header: "notes" }, { key: "counts", header: "counts_by_the_atlas_checks" });
  return columns;
}

const areaName = (data, id) => knowledgeAreas(data).find((k) => k.id === id)?.name ?? id;
const endorsementLabel = (data, id) => rscRules(data).providers?.find((p) => p.id === id)?.code ?? id;

function cell(data, log, entry, key, logs) {
  if (key.startsWith("part:")) return entry.parts?.[key.slice(5)] === undefined ? "" : fmt(entry.parts[key.slice(5)]);
  if (key === "hours") return fmt(entry.hours);
  if (key === "areas") return (entry.areas ?? []).map((id) => areaName(data, id)).join("; ");
  if (key === "format") return FORMAT_LABELS[entry.format] ?? entry.format;
  if (key === "endorsement") return entry.endorsement === undefined ? "" : endorsementLabel(data, entry.endorsement);
  if (key === "ages") return entry.ages === undefined ? "" : entry.ages ? "yes" : "no";
  if (key === "counts") {
    const check = rscEntryCheck(entry, data, logs);
    return check.counts ? (check.unchecked.length ? "yes, not fully checked" : "yes") : `no: ${check.problems.join("; ")}`;
  }
  return entry[key] ?? "";
}

/** A log as CSV (UTF-8 BOM, CRLF; formula-like cells defused): a header row, then one row per entry by date. */
export function toLogCSV(data, state, log) {
  const logs = logsOf(state);
  const columns = logColumns(data, log);
  return csvText([columns.map((c) => c.header), ...logs[log].map((entry) => columns.map((c) => cell(data, log, entry, c.key, logs)))]);
}

/** The download name of a log's CSV, such as iecmh-atlas-ECMHS-training-log-2026-11-23.csv. */
export function logFileName(data, log, day) {
  const code = String(data.category.code ?? data.category.id).replace(/[^A-Za-z0-9-]/g, "-");
  return `iecmh-atlas-${code}-${log === "training" ? "training" : "rsc"}-log-${day}.csv`;
}

// ---------- reading ----------

function number(text) {
  if (text === "") return undefined;
  return /^\s*-?(\d+(\.\d*)?|\.\d+)\s*$/.test(text) ? Number(text) : Number.NaN;
}

function areaIds(data, text, problems) {
  if (text === "") return undefined;
  const areas = knowledgeAreas(data);
  const ids = [];
  for (const name of text.split(";").map((s) => s.trim()).filter(Boolean)) {
    const found = areas.find((k) => k.id === name || k.name.toLowerCase() === name.toLowerCase());
    if (found) ids.push(found.id);
    else problems.push(`"${name.slice(0, 60)}" is not a knowledge area of this category`);
  }
  return ids;
}

function choice(text, options, what, problems) {
  if (text === "") return undefined;
  const found = options.find((o) => o.values.some((v) => v.toLowerCase() === text.toLowerCase()));
  if (!found) problems.push(`${what} "${text.slice(0, 60)}" is not one of: ${options.map((o) => o.values[0]).join(", ")}`);
  return found?.id;
}

function entryOf(data, log, columns, record, problems) {
  const fields = {};
  columns.forEach((column, i) => {
    const text = cleanCell(record[i] ?? "");
    const key = column.key;
    if (key === "counts") return;
    if (key === "hours") fields.hours = number(text);
    else if (key.startsWith("part:")) {
      const value = number(text);
      if (value !== undefined) (fields.parts ??= {})[key.slice(5)] = value;
    } else if (key === "areas") fields.areas = areaIds(data, text, problems);
    else if (key === "format") {
      fields.format = choice(text, rscFormats(data).map((f) => ({ id: f, values: [f, FORMAT_LABELS[f] ?? f] })), "The format", problems);
    } else if (key === "endorsement") {
      const options = [...rscRules(data).providers.map((p) => ({ id: p.id, values: [p.code, p.id, p.name] })),
        { id: "other", values: ["other"] }, { id: "none", values: ["none"] }];
      fields.endorsement = choice(text, options, "The provider's endorsement", problems);
    } else if (key === "ages") fields.ages = choice(text, [{ id: true, values: YES }, { id: false, values: NO }], "Serving the ages", problems);
    else if (text !== "") fields[key] = key === "note" ? (record[i] ?? "").replace(/^'(?=[=+\-@\t\r])/, "") : text;
  });
  for (const key of Object.keys(fields)) if (fields[key] === undefined) delete fields[key];
  if (log === "rsc" && fields.format === undefined) fields.format = rscFormats(data)[0];
  return fields;
}

/**
 * Reads a log's CSV (the columns of logColumns, in any order; the counts column is ignored): {ok: true, entries} with
 * new ids, or {ok: false, errors: ["Row 3: ...", ...]} naming every bad row (row 1 is the header); never throws.
 */
export function parseLogCSV(text, data, log, today, random = Math.random) {
  const limit = data?.scale?.limits?.import_bytes ?? 1000000;
  if (typeof text !== "string") return { ok: false, errors: ["Nothing to import: expected the text of a CSV file."] };
  if (text.length > limit || utf8Bytes(text) > limit) return { ok: false, errors: [`The file is larger than ${limit} bytes.`] };
  const parsed = parseCSVRecords(text.replace(/^\uFEFF/, ""));
  if (parsed.error) return { ok: false, errors: [parsed.error] };
  const records = parsed.records.filter((r) => r.some((c) => c.trim() !== ""));
  if (!records.length) return { ok: false, errors: ["The file is empty."] };
  const columns = logColumns(data, log);
  const header = records[0].map((h) => cleanCell(h).toLowerCase());
  const missing = columns.filter((c) => c.key !== "counts" && !header.includes(c.header));
  const unknown = header.filter((h) => h !== "" && !columns.some((c) => c.header === h));
  if (missing.length || unknown.length) {
    const parts = [missing.length ? `missing ${missing.map((c) => c.header).join(", ")}` : "", unknown.length ? `unknown ${unknown.map((h) => h.slice(0, 40)).join(", ")}` : ""];
    return { ok: false, errors: [`Row 1 (the header) does not have this log's columns: ${parts.filter(Boolean).join("; ")}. Expected: ${columns.map((c) => c.header).join(", ")}.`] };
  }
  const rows = records.slice(1);
  if (rows.length > logLimits(data).entries) return { ok: false, errors: [`The file has ${rows.length} rows; a log keeps at most ${logLimits(data).entries}.`] };
  const ordered = header.map((h) => columns.find((c) => c.header === h) ?? { key: "counts" });
  const errors = [];
  const entries = [];
  const logs = { training: [], rsc: [] };
  rows.forEach((record, i) => {
    const problems = [];
    if (record.length > header.length) problems.push(`it has ${record.length} cells but the header has ${header.length}`);
    const fields = entryOf(data, log, ordered, record, problems);
    fields.id = newEntryId(log, logs, random);
    const check = (log === "training" ? trainingProblems : rscProblems)(fields, data, today);
    problems.push(...check.map((p) => p.message));
    if (problems.length) errors.push(`Row ${i + 2}: ${problems.join("; ")}`);
    else { entries.push(fields); logs[log].push(fields); }
  });
  if (errors.length) {
    const shown = errors.slice(0, MAX_ROW_ERRORS);
    if (errors.length > MAX_ROW_ERRORS) shown.push(`... and ${errors.length - MAX_ROW_ERRORS} more rows with problems.`);
    return { ok: false, errors: shown };
  }
  return { ok: true, entries };
}
