// Node tests of docs/assets/js/shared/merge.mjs. Run from the repo root: node --test tests/js/
import { test } from "node:test";
import assert from "node:assert/strict";
import { mergeEntries, mergeValue } from "../../../docs/assets/js/shared/merge.mjs";

test("mergeEntries keeps every one-sided change: additions, edits and removals from either side", () => {
  const base = { a: 1, b: 2, c: 3 };
  const first = { a: 1, b: 20, d: 4 };        // edits b, removes c, adds d
  const second = { a: 10, b: 2, c: 3, e: 5 }; // edits a, adds e
  assert.deepEqual(mergeEntries(base, first, second), { merged: { a: 10, b: 20, d: 4, e: 5 }, conflicts: [] });
});

test("mergeEntries keeps first's value where both sides changed an entry differently, and lists it", () => {
  const { merged, conflicts } = mergeEntries({ a: { r: 1 } }, { a: { r: 2 } }, { a: { r: 3 }, b: 1 });
  assert.deepEqual(merged, { a: { r: 2 }, b: 1 });
  assert.deepEqual(conflicts, ["a"]);
});

test("mergeEntries: the same change on both sides is no conflict; key order does not matter", () => {
  assert.deepEqual(mergeEntries({}, { a: { x: 1, y: 2 } }, { a: { y: 2, x: 1 } }).conflicts, []);
  assert.deepEqual(mergeEntries(undefined, undefined, { a: 1 }).merged, { a: 1 });
});

test("mergeValue takes the side that changed, first when both did", () => {
  assert.deepEqual(mergeValue("a", "a", "b"), { value: "b", conflict: false });
  assert.deepEqual(mergeValue("a", "b", "a"), { value: "b", conflict: false });
  assert.deepEqual(mergeValue("a", "b", "c"), { value: "b", conflict: true });
  assert.deepEqual(mergeValue("a", ["x"], ["x"]), { value: ["x"], conflict: false });
});
