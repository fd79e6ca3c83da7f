// IECMH Competency Atlas: logic of the category comparison pages, free of any DOM.

/** The filters a comparison table offers. */
export const FILTERS = ["all", "matched", "unmatched"];

/** Whether a row of the given kind ("matched" or "unmatched") is shown under a filter. */
export function rowVisible(kind, filter) {
  if (!FILTERS.includes(filter)) throw new TypeError(`unknown filter: ${filter}`);
  if (kind !== "matched" && kind !== "unmatched") throw new TypeError(`unknown row kind: ${kind}`);
  return filter === "all" || filter === kind;
}

/** The page key ("first--second", in the order the person chose) of two categories, or null when they are the same. */
export function pairKey(first, second, order) {
  if (first === second) return null;
  if (!order.includes(first) || !order.includes(second)) throw new TypeError("unknown category");
  return `${first}--${second}`;
}
