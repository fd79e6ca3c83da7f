// IECMH Competency Atlas: what a self-assessment says: progress, readiness per domain, requirement status and the gap
// report. Pure functions of (data, state), free of any DOM.
import { fmt, get, isAmount, round2 } from "../shared/guards.mjs";
import { loggedRequirements } from "./logs.mjs";
import { answerOf, isRated } from "./state.mjs";

const plural = (n, word) => (round2(n) === 1 ? word.replace(/s$/, "") : word);
const lowerFirst = (s) => (/^[A-Z0-9]{2,}\b/.test(s) ? s : s.charAt(0).toLowerCase() + s.slice(1));

/** The label of a rating (a level's label, or the not-enough-information label), or null. */
export function ratingLabel(data, rating) {
  if (rating === "nei") return data.scale?.not_enough_info?.label ?? "Not enough information to rate";
  return data.scale?.levels?.find((level) => level.value === rating)?.label ?? null;
}

/** The words for one and many items: ["indicator", "indicators"] or ["knowledge area", "knowledge areas"]. */
export function unitWords(data) {
  return data.unit === "knowledge-area" ? ["knowledge area", "knowledge areas"] : ["indicator", "indicators"];
}

// ---------- scoring ----------

/** How many items are rated ("nei" counts as rated) out of all items. */
export function progress(data, state) {
  return { rated: data.items.filter((item) => isRated(answerOf(state, item.id))).length, total: data.items.length };
}

/** The id of the next unrated item after `afterId` in item order, wrapping around; null when all are rated. */
export function nextUnrated(data, state, afterId = null) {
  const items = data.items;
  const start = afterId === null ? 0 : items.findIndex((item) => item.id === afterId) + 1;
  for (let k = 0; k < items.length; k += 1) {
    const item = items[(start + k) % items.length];
    if (!isRated(answerOf(state, item.id))) return item.id;
  }
  return null;
}

/** Per domain (data order, only domains with items): totals, at/below target, "nei" and percent at target. */
export function readiness(data, state) {
  return data.domains.map((domain) => {
    const ratings = data.items.filter((item) => item.domain === domain.id).map((item) => answerOf(state, item.id)?.rating);
    if (ratings.length === 0) return null;
    const numbers = ratings.filter((r) => typeof r === "number");
    const atTarget = numbers.filter((r) => r >= data.target).length;
    return {
      domain: domain.id, name: domain.name, total: ratings.length,
      rated: ratings.filter((r) => r !== undefined).length, atTarget,
      nei: ratings.filter((r) => r === "nei").length, belowTarget: numbers.length - atTarget,
      percent: Math.round((100 * atTarget) / ratings.length),
    };
  }).filter(Boolean);
}

// ---------- requirements ----------

function amountStatus(required, have, shortfallText, detail) {
  const short = round2(required - have);
  return { met: short <= 0, shortfall: short > 0 ? shortfallText(short) : null, detail };
}

function hoursStatus(req, entry) {
  const unit = req.unit ?? "hours";
  const have = isAmount(get(entry, "hours")) ? entry.hours : 0;
  const parts = (req.parts ?? []).map((part) => {
    const partHave = get(get(entry, "parts"), part.id);
    return { part, have: isAmount(partHave) ? partHave : 0 };
  });
  const total = amountStatus(req.required ?? 0, have, (n) => `${fmt(n)} more ${plural(n, unit)} of ${lowerFirst(req.label)}`);
  const partTexts = parts.map(({ part, have: h }) => amountStatus(part.required ?? 0, h, (n) => `${part.label}: ${fmt(n)} more ${plural(n, unit)}`).shortfall);
  const shortfalls = [total.shortfall, ...partTexts].filter(Boolean);
  const partDetail = parts.map(({ part, have: h }) => `${part.label}: ${fmt(h)} of ${fmt(part.required ?? 0)}`).join("; ");
  return {
    met: shortfalls.length === 0, shortfall: shortfalls.length ? shortfalls.join("; ") : null,
    detail: `${fmt(have)} of ${fmt(req.required ?? 0)} ${unit}${partDetail ? ` (${partDetail})` : ""}`,
  };
}

function statusOf(req, entry) {
  const required = req.required ?? 0;
  if (req.kind === "hours") return hoursStatus(req, entry);
  if (req.kind === "years") {
    const have = isAmount(get(entry, "years")) ? entry.years : 0;
    return amountStatus(required, have, (n) => `${fmt(n)} more ${plural(n, "years")} of ${lowerFirst(req.label)}`, `${fmt(have)} of ${fmt(required)} ${plural(required, "years")}`);
  }
  if (req.kind === "count") {
    const have = Number.isInteger(get(entry, "count")) && entry.count >= 0 ? entry.count : 0;
    return amountStatus(required, have, (n) => `${fmt(n)} more ${plural(n, lowerFirst(req.label))}`, `${have} of ${required}`);
  }
  const met = req.kind === "check" && get(entry, "met") === true;
  const answer = met ? "yes" : "not yet";
  return { met, shortfall: met ? null : "not yet", detail: req.summary ? `${req.summary.replace(/[\s.;:,]+$/, "")}: ${answer}` : answer };
}

/** Each requirement of the dataset (data order): {id, label, met, shortfall, detail}; missing entries count as 0 / unmet. */
export function requirementStatus(data, state) {
  const logged = loggedRequirements(data, state); // a log with entries counts instead of the number typed by hand
  return (data.requirements ?? []).map((req) => {
    const fromLog = get(logged, req.id);
    return { id: req.id, label: req.label, ...statusOf(req, fromLog ?? get(state?.requirements, req.id)), ...(fromLog ? { from_log: true } : {}) };
  });
}

// ---------- gap report ----------

/** One item with its answer, as the report and the CSV show it. */
export function itemEntry(data, state, item) {
  const answer = answerOf(state, item.id);
  const rating = isRated(answer) ? answer.rating : null;
  return {
    id: item.id, domain: item.domain, ka: item.ka, ka_name: item.ka_name, text: item.text,
    rating, label: rating === null ? null : ratingLabel(data, rating),
    evidence: Array.isArray(answer?.evidence) ? [...answer.evidence] : [],
    note: typeof answer?.note === "string" ? answer.note : "",
    carried_from: answer?.carried_from ?? null,
  };
}

/** Everything a report needs: progress, readiness, strengths, gaps by domain, unrated, "nei" items and requirements. */
export function gapReport(data, state) {
  const entries = data.items.map((item) => itemEntry(data, state, item));
  const below = entries.filter((e) => typeof e.rating === "number" && e.rating < data.target);
  return {
    category: { ...data.category }, dataset_version: data.dataset_version, target: data.target,
    progress: progress(data, state), readiness: readiness(data, state),
    strengths: entries.filter((e) => typeof e.rating === "number" && e.rating >= data.target),
    gaps: data.domains
      .map((d) => ({ domain: d.id, name: d.name, items: below.filter((e) => e.domain === d.id) }))
      .filter((group) => group.items.length > 0),
    unrated: entries.filter((e) => e.rating === null),
    notEnoughInfo: entries.filter((e) => e.rating === "nei"),
    requirements: requirementStatus(data, state),
  };
}

