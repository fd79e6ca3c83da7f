// IECMH Competency Atlas: how a long self-assessment is found one's way through: contents by domain with counts, the
// filters, what the category has entered so far (and what not yet), and the answers carried over from other
// categories. Pure functions of (data, state), free of any DOM.
import { answerOf, isRated } from "./state.mjs";
import { unitWords } from "./report.mjs";

/** The filters of the items list, in the order offered: id -> label. */
export const FILTERS = {
  all: "All items",
  unrated: "Not yet rated",
  below: "Rated below the target",
  notes: "With a note",
};

/** Whether an item's answer passes a filter (see FILTERS); an unknown filter passes everything. */
export function passes(data, state, itemId, filter) {
  const answer = answerOf(state, itemId);
  if (filter === "unrated") return !isRated(answer);
  if (filter === "below") return typeof answer?.rating === "number" && answer.rating < data.target;
  if (filter === "notes") return typeof answer?.note === "string" && answer.note.trim() !== "";
  return true;
}

/** The ids of the items that pass a filter, in item order. */
export function matchingIds(data, state, filter) {
  return data.items.filter((item) => passes(data, state, item.id, filter)).map((item) => item.id);
}

/** Per domain with items (data order): {id, name, total, rated, below, notes}. */
export function domainContents(data, state) {
  return data.domains.map((domain) => {
    const ids = data.items.filter((item) => item.domain === domain.id).map((item) => item.id);
    const count = (filter) => ids.filter((id) => passes(data, state, id, filter)).length;
    return { id: domain.id, name: domain.name, total: ids.length, rated: ids.length - count("unrated"),
      below: count("below"), notes: count("notes") };
  }).filter((row) => row.total > 0);
}

/** "3 of 12 rated, 1 below target" for one contents row. */
export function contentsLine(row) {
  const below = row.below ? `, ${row.below} below target` : "";
  return `${row.rated} of ${row.total} rated${below}`;
}

/** The answers carried over from other categories, per category: [{category, count}] by category id. */
export function carriedSummary(data, state) {
  const counts = {};
  for (const item of data.items) {
    const from = answerOf(state, item.id)?.carried_from;
    if (typeof from === "string") counts[from] = (counts[from] ?? 0) + 1;
  }
  return Object.keys(counts).sort().map((category) => ({ category, count: counts[category] }));
}

/** The sentence that sums up the carried-over answers, or null when there are none. */
export function carriedSentence(data, state) {
  const parts = carriedSummary(data, state).map(({ category, count }) =>
    `${count} ${count === 1 ? "answer" : "answers"} carried over from your ${category.toUpperCase()} self-assessment`);
  if (!parts.length) return null;
  return `${parts.join("; ")} (items the crosswalks call an exact match). Each one is marked; change any that does not fit you.`;
}

/** A list of names as words: "A", "A and B", "A, B and C". */
export function listWords(names) {
  if (names.length <= 1) return names.join("");
  return `${names.slice(0, -1).join(", ")} and ${names[names.length - 1]}`;
}

/**
 * What the category has entered so far: {items, domains, complete, none, sentences}. data.not_entered (from the
 * site) lists the framework's domains without items and the knowledge areas listed without their indicators; what
 * is not entered is missing data, never a low score, and the sentences say so.
 */
export function entered(data) {
  const [one, many] = unitWords(data);
  const missing = data.not_entered ?? {};
  const domains = missing.domains ?? [];
  const areas = missing.knowledge_areas ?? [];
  const partial = missing.partial_domains ?? [];
  const items = data.items.length;
  const withItems = new Set(data.items.map((item) => item.domain)).size;
  const sentences = [];
  if (items === 0) {
    sentences.push(`No ${many} of this category are entered in the Atlas yet, so there is nothing to rate here for now.`);
  } else {
    sentences.push(`Entered so far: ${items} ${items === 1 ? one : many} in ${withItems} ` +
      `${withItems === 1 ? "domain" : "domains"}.`);
  }
  if (items > 0 && areas.length) {
    const byDomain = {};
    for (const area of areas) (byDomain[area.domain_name] ??= []).push(area.name);
    const parts = Object.entries(byDomain).map(([domain, names]) => `${domain} (${listWords(names)})`);
    sentences.push(`Not yet entered: the indicators of ${areas.length} ${areas.length === 1 ? "knowledge area" : "knowledge areas"}: ` +
      `${parts.join("; ")}.`);
  }
  if (items > 0 && partial.length) {
    sentences.push(`In ${listWords(partial)} only some knowledge areas are entered; the others are not yet entered.`);
  }
  if (items > 0 && domains.length) {
    sentences.push(`Not yet entered at all: ${listWords(domains)}.`);
  }
  const complete = items > 0 && !domains.length && !areas.length && !partial.length;
  if (items > 0 && !complete) {
    sentences.push(`What is not entered is not rated and does not count in your progress or the gap report; it is ` +
      `missing data, not a low score.`);
  }
  return { items, domains: withItems, complete, none: items === 0, sentences };
}
