// Node tests of docs/assets/js/shared/storage.mjs. Run from the repo root: node --test tests/js/
import { test } from "node:test";
import assert from "node:assert/strict";
import { SavedTexts, SharedSlot } from "../../../docs/assets/js/shared/storage.mjs";
import { FakeStorage, storageTurnedOff } from "./fake-storage.mjs";

test("SavedTexts saves, loads, lists by prefix and removes", () => {
  const texts = new SavedTexts(() => new FakeStorage());
  const area = new FakeStorage();
  const shared = new SavedTexts(() => area);
  assert.equal(texts.available, true);
  assert.equal(shared.save("p:a", "1"), true);
  shared.save("p:b", "2");
  shared.save("q:c", "3");
  assert.equal(shared.load("p:a"), "1");
  assert.deepEqual(shared.withPrefix("p:"), { a: "1", b: "2" });
  shared.remove("p:a");
  assert.equal(shared.load("p:a"), null);
  assert.equal(area.getItem("iecmh-atlas.probe"), null, "the probe leaves nothing behind");
});

test("SavedTexts reports, never throws, when storage is turned off or full", () => {
  const off = new SavedTexts(storageTurnedOff);
  assert.equal(off.available, false);
  assert.equal(off.load("k"), null);
  assert.equal(off.save("k", "v"), false);
  assert.doesNotThrow(() => off.remove("k"));
  assert.deepEqual(off.withPrefix(""), {});
  const fullArea = new FakeStorage(40);
  const full = new SavedTexts(() => fullArea);
  assert.equal(full.available, true);
  assert.equal(full.save("k", "x".repeat(100)), false);
});

test("SharedSlot notices a write by another tab until it reads or writes again", () => {
  const area = new FakeStorage();
  const mine = new SharedSlot(new SavedTexts(() => area), "k");
  const theirs = new SharedSlot(new SavedTexts(() => area), "k");
  assert.equal(mine.read(), null);
  assert.equal(mine.changedElsewhere(), undefined);
  theirs.write("B");
  assert.equal(mine.changedElsewhere(), "B");
  assert.equal(mine.write("A"), true);
  assert.equal(mine.changedElsewhere(), undefined);
  theirs.clear();
  assert.equal(mine.changedElsewhere(), null);
});

test("SharedSlot.newTextOf reads storage events for its key only, and nothing it already has", () => {
  const slot = new SharedSlot(new SavedTexts(() => new FakeStorage()), "k");
  slot.write("A");
  assert.equal(slot.newTextOf({ key: "other", newValue: "B" }), undefined);
  assert.equal(slot.newTextOf({ key: "k", newValue: "A" }), undefined);
  assert.equal(slot.newTextOf({ key: "k", newValue: "B" }), "B");
  assert.equal(slot.newTextOf({ key: "k", newValue: null }), null);
  assert.equal(slot.newTextOf({ key: null, newValue: null }), null, "storage.clear() in another tab");
});
