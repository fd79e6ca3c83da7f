// IECMH Competency Atlas: the "self and raters" section and the learning plan as the gap report and the exports
// (Markdown, CSV) show them. Pure functions, free of any DOM. Every rating is shown as it was given; nothing is
// averaged.
import { ratingLabel } from "./report.mjs";
import { comparison, maxRaters, planEntries, raterList, raterReadiness, ratingRules, roleLabel, wayLabel } from "./raters.mjs";

/** A rating as text: "Proficient (3)", the not-enough-information label, or "not rated". */
export function ratingText(data, rating) {
  if (rating === null || rating === undefined) return "not rated";
  const label = ratingLabel(data, rating) ?? String(rating);
  return typeof rating === "number" ? `${label} (${rating})` : label;
}

/** The heading of the n-th rater (1-based): "Rater 1: Supervisor, 2026-03-01". */
export const raterName = (rater, n) => `Rater ${n}: ${roleLabel(rater.rater_role)}, ${rater.rated_on}`;

/** One sentence per rule of the category (with its source), or the sentence that the data states none. */
export function ruleSentences(data) {
  const rules = ratingRules(data);
  const out = [];
  if (rules?.count) out.push(`This category asks for ${rules.count.value} reference ratings (source: ${rules.count.source}).`);
  else out.push(`The data for this category does not state how many reference ratings it asks for; this page compares up to ${maxRaters(data)} rater files.`);
  if (rules?.not_counted_at_not_enough_info) {
    out.push(`A rating with ${rules.not_counted_at_not_enough_info.value} or more "not enough information to rate" answers is not counted (source: ${rules.not_counted_at_not_enough_info.source}).`);
  }
  if (rules?.valid_for_months) out.push(`A rating stays valid for ${rules.valid_for_months.value} months (source: ${rules.valid_for_months.source}).`);
  if (!rules?.not_counted_at_not_enough_info || !rules?.valid_for_months) {
    const missing = [!rules?.not_counted_at_not_enough_info && "how many \"not enough information\" answers a rating may have",
      !rules?.valid_for_months && "how long a rating stays valid"].filter(Boolean).join(" or ");
    out.push(`The data for this category does not state ${missing}, so no such rule is applied.`);
  }
  return out;
}

/** The readiness of one rater as sentences: "not enough information" count against the rule, and age against validity. */
export function readinessSentences(data, rater, today) {
  const r = raterReadiness(data, rater, today);
  const nei = `${r.nei} "not enough information to rate" of ${r.total}; ${r.unrated} not rated`;
  const neiText = r.neiRule
    ? `${nei}: ${r.neiRule.counts ? `fewer than ${r.neiRule.limit}, so the rating would count` : `${r.neiRule.limit} or more, so the rating would not count`}.`
    : `${nei} (no rule in the data).`;
  const when = r.days >= 0 ? `Rated ${r.days} days ago` : `Dated ${-r.days} days ahead (${rater.rated_on})`;
  const ageText = r.age
    ? (r.age.valid ? `${when}; valid until ${r.age.until}.` : `${when}; no longer valid since ${r.age.until}.`)
    : `${when} (no validity rule in the data).`;
  return [neiText, ageText];
}

/** The Markdown of the "self and raters" section and the learning plan; md(text, lineStart) escapes text. */
export function ratersMarkdown(data, state, companion, date, md) {
  const raters = raterList(companion);
  const out = ["## Self and raters"];
  if (raters.length === 0) out.push("No rater files are imported.");
  else {
    out.push("Each rating is shown as it was given; ratings are never averaged. Marked with (!): two levels or more apart from your own rating.");
    out.push(raters.map((rater, i) => `- **${md(raterName(rater, i + 1))}** (person rated: ${md(rater.person)}): ${md(readinessSentences(data, rater, date).join(" "))}`).join("\n"));
  }
  out.push("Rules for reference ratings, from the category data:", ruleSentences(data).map((s) => `- ${md(s)}`).join("\n"));
  if (raters.length) {
    const { rows } = comparison(data, state, raters);
    const texts = new Map(data.items.map((i) => [i.id, i.text]));
    const differ = rows.filter((r) => r.differs);
    out.push("### Where you and your raters differ by two levels or more");
    if (differ.length === 0) out.push("None.");
    else {
      const head = `| Item | You | ${raters.map((r, i) => md(raterName(r, i + 1))).join(" | ")} |`;
      const rule = `| --- | --- | ${raters.map(() => "---").join(" | ")} |`;
      const body = differ.map((row) => `| ${md(texts.get(row.id))} | ${md(ratingText(data, row.self))} | ${row.raters
        .map((x, i) => `${md(ratingText(data, x))}${row.marked[i] ? " (!)" : ""}`).join(" | ")} |`);
      out.push([head, rule, ...body].join("\n"));
    }
    const could = rows.filter((r) => r.couldNotRate);
    out.push("### Where a rater could not rate");
    out.push(could.length === 0 ? "None." : could.map((row) => `- ${md(texts.get(row.id), true)} (${md(row.raters
      .map((x, i) => (x === "nei" || x === null ? `rater ${i + 1}: ${ratingText(data, x)}` : null)).filter(Boolean).join("; "))})`).join("\n"));
  }
  out.push("## Learning plan");
  const plan = planEntries(data, companion);
  out.push(plan.length === 0 ? "No learning-plan entries yet." : plan.map((p) => {
    const parts = [p.goal && `goal: ${md(p.goal)}`, p.way && `way: ${md(wayLabel(p.way))}`, p.target_date && `by ${p.target_date}`].filter(Boolean);
    return `- **${md(p.text)}**: ${parts.join("; ")}`;
  }).join("\n"));
  return `${out.join("\n\n")}\n`;
}

/** The CSV columns the companion adds (none when it is empty): {header: [...], cells(item): [...]}. */
export function ratersColumns(data, state, companion) {
  const raters = raterList(companion);
  const header = raters.flatMap((_, i) => [`rater_${i + 1}_role`, `rater_${i + 1}_rated_on`, `rater_${i + 1}_rating`,
    `rater_${i + 1}_rating_label`, `rater_${i + 1}_note`, `rater_${i + 1}_two_or_more_levels_apart`]);
  header.push("plan_goal", "plan_way", "plan_target_date");
  const { rows } = comparison(data, state, raters);
  const byId = new Map(rows.map((r) => [r.id, r]));
  const plan = new Map(planEntries(data, companion).map((p) => [p.id, p]));
  const cells = (item) => {
    const row = byId.get(item.id);
    const entry = plan.get(item.id);
    return [...raters.flatMap((rater, i) => [roleLabel(rater.rater_role), rater.rated_on, row.raters[i] ?? "",
      row.raters[i] === null ? "" : ratingLabel(data, row.raters[i]) ?? "", row.notes[i], row.marked[i] ? "yes" : ""]),
    entry?.goal ?? "", entry ? wayLabel(entry.way || "") : "", entry?.target_date ?? ""];
  };
  return { header, cells };
}
