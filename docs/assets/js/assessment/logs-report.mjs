// IECMH Competency Atlas: what the logs say, as text for the reports (the Markdown report, the printed report and
// the page's summaries). Pure functions of (data, state), free of any DOM.
import { fmt } from "../shared/guards.mjs";
import {
  FORMAT_LABELS, knowledgeAreas, logsOf, renewalCycle, requirementOf, rscRules, rscTotals, trainingTotals, uncheckedRules,
} from "./logs.mjs";

const hours = (n) => `${fmt(n)} ${Number(fmt(n)) === 1 ? "hour" : "hours"}`;

/** The training totals as sentences: the total, then each part, each with what is still short. */
export function trainingSummary(data, state) {
  const t = trainingTotals(data, state);
  const lines = [`Logged: ${hours(t.have)} of the ${fmt(t.required)} required${t.short ? ` (${hours(t.short)} still short)` : ""}.`];
  for (const p of t.parts) lines.push(`Toward ${p.label}: ${fmt(p.have)} of ${fmt(p.required)}${p.short ? ` (${hours(p.short)} short)` : ""}.`);
  if (t.parts.length && t.unassigned > 0) lines.push(`${hours(t.unassigned)} not assigned to a part (they count toward the total only).`);
  return lines;
}

/** The RSC totals as sentences: hours that count by the data's rules, hours that do not, and the rules checked. */
export function rscSummary(data, state) {
  const r = rscTotals(data, state);
  const lines = [`Counted: ${hours(r.counted)} of the ${fmt(r.required)} required${r.short ? ` (${hours(r.short)} still short)` : ""}.`];
  if (r.logged > r.counted) lines.push(`${hours(r.logged - r.counted)} logged do not count by the checks of this log.`);
  const formats = Object.entries(r.byFormat).filter(([, h]) => h > 0).map(([f, h]) => `${FORMAT_LABELS[f] ?? f}: ${fmt(h)}`);
  if (formats.length) lines.push(`By format: ${formats.join("; ")}.`);
  return lines;
}

/** The rules the RSC log checks, as sentences (from the data, with the source named). */
export function rscRuleLines(data) {
  const rules = rscRules(data);
  const out = [];
  if (rules.after_degree) out.push(`Hours count only after your ${rules.after_degree.label}.`);
  if (rules.ages_served) out.push(`Hours count only while you serve ${rules.ages_served.label}.`);
  if (rules.providers?.length) out.push(`The provider must be endorsed as ${rules.providers.map((p) => `${p.name} (${p.code})`).join(" or ")}.`);
  if (rules.formats?.length) out.push(`RSC counts when received ${rules.formats.map((f) => (f === "individual" ? "one to one" : f === "group" ? "in a group" : f)).join(" or ")}.`);
  return out;
}

/** The renewal cycle as sentences: when it is due and what is still needed then. */
export function renewalSummary(data, state) {
  const cycle = renewalCycle(data, state);
  if (!cycle) return [];
  const lines = [`Cycle from ${cycle.start}; renewal due on ${cycle.due} (${cycle.cycleYears}-year cycle).`];
  if (cycle.endorsed !== cycle.start) lines.push(`Endorsed on ${cycle.endorsed}: ${cycle.yearsEndorsed} whole year(s) endorsed at renewal.`);
  for (const [log, label] of [["training", "Training"], ["rsc", "Reflective supervision/consultation"]]) {
    const part = cycle[log];
    if (!part) continue;
    if (part.exempt) lines.push(`${label}: no renewal is due (endorsed less than a year at renewal).`);
    else if (part.unknown) lines.push(`${label}: the data gives no amount for ${cycle.yearsEndorsed} year(s) endorsed; check with your association.`);
    else lines.push(`${label}: ${fmt(part.have)} of ${fmt(part.required)} hours by ${cycle.due}${part.short ? ` (${hours(part.short)} still needed)` : " (done)"}.`);
  }
  return lines;
}

/** The Markdown blocks of the logs for the Markdown report (none when the logs are empty); mdText escapes text. */
export function logsMarkdown(data, state, mdText) {
  const logs = logsOf(state);
  const blocks = [];
  const cell = (text) => mdText(text ?? ""); // mdText escapes "|", so no cell ends early
  const areas = (ids) => (ids ?? []).map((id) => knowledgeAreas(data).find((k) => k.id === id)?.name ?? id).join("; ");
  if (logs.training.length && requirementOf(data, "training")) {
    blocks.push("## Training log", trainingSummary(data, state).map((l) => `- ${mdText(l)}`).join("\n"),
      ["| Date | Title | Provider | Clock hours | Knowledge areas |", "| --- | --- | --- | ---: | --- |",
        ...logs.training.map((e) => `| ${e.date} | ${cell(e.title)} | ${cell(e.provider)} | ${fmt(e.hours)} | ${cell(areas(e.areas))} |`)].join("\n"));
  }
  if (logs.rsc.length && requirementOf(data, "rsc")) {
    const r = rscTotals(data, state);
    blocks.push("## Reflective supervision/consultation log", rscSummary(data, state).map((l) => `- ${mdText(l)}`).join("\n"),
      ["| Date | Hours | Format | Provider | Counts |", "| --- | ---: | --- | --- | --- |",
        ...r.entries.map(({ entry, check }) => `| ${entry.date} | ${fmt(entry.hours)} | ${cell(FORMAT_LABELS[entry.format] ?? entry.format)} | ${cell(entry.provider)} | ${cell(check.counts ? "yes" : `no: ${check.problems.join("; ")}`)} |`)].join("\n"));
  }
  const renewal = renewalSummary(data, state);
  if (renewal.length) blocks.push("## Renewal", renewal.map((l) => `- ${mdText(l)}`).join("\n"));
  const work = logs.coursework;
  if (work && work.taken.length) {
    blocks.push("## Courses taken (from a program map)", `Program map: ${mdText(work.program.program)}, ${mdText(work.program.institution)}.`,
      work.courses.filter((c) => work.taken.includes(c.code)).map((c) => `- ${mdText(c.code)} ${mdText(c.title)}`).join("\n"));
  }
  if (blocks.length) blocks.push(`Not checked by the Atlas: ${mdText(uncheckedRules(data).join(" "))}`);
  return blocks;
}
