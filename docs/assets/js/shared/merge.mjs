// IECMH Competency Atlas: three-way merge of saved work, for two tabs that edit the same document. DOM-free.
import { entriesOf, sameValue } from "./guards.mjs";

/**
 * Merge two versions (first, second) of an object of entries that both started from base: an entry changed on one
 * side only takes that change; an entry both sides changed differently takes first's value and is listed in
 * conflicts. Keys keep first's order, then second's new keys. Returns {merged, conflicts}.
 */
export function mergeEntries(base, first, second) {
  const baseMap = new Map(entriesOf(base));
  const firstMap = new Map(entriesOf(first));
  const secondMap = new Map(entriesOf(second));
  const merged = {};
  const conflicts = [];
  for (const key of new Set([...firstMap.keys(), ...secondMap.keys()])) {
    const [b, f, s] = [baseMap.get(key), firstMap.get(key), secondMap.get(key)];
    let value = f;
    if (!sameValue(f, s)) {
      if (sameValue(f, b)) value = s;
      else if (!sameValue(s, b)) conflicts.push(key);
    }
    if (value !== undefined) merged[key] = value;
  }
  return { merged, conflicts };
}

/** One value both sides may have changed: a change on one side only wins; when both changed it, first wins. */
export function mergeValue(base, first, second) {
  if (sameValue(first, second) || !sameValue(first, base)) return { value: first, conflict: !sameValue(first, second) && !sameValue(second, base) };
  return { value: second, conflict: false };
}
