// IECMH Competency Atlas: the self-assessment's Markdown gap report and CSV of answers (the downloads besides the JSON
// export of formats.mjs). Loaded by the page when one is asked for. Pure functions, free of any DOM.
import { csvText } from "../shared/csv.mjs";
import { localDay } from "../shared/guards.mjs";
import { entered } from "./outline.mjs";
import { logsMarkdown } from "./logs-report.mjs";
import { gapReport, itemEntry, ratingLabel, unitWords } from "./report.mjs";
import { hasCompanion } from "./raters.mjs";
import { ratersColumns, ratersMarkdown } from "./raters-report.mjs";

const CSV_HEADER = ["category", "domain", "knowledge_area", "item_id", "item_text", "rating", "rating_label", "evidence", "note", "carried_from"];

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
