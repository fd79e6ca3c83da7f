import { test } from "node:test";
import assert from "node:assert/strict";
import { FILTERS, pairKey, rowVisible } from "../../docs/assets/js/compare-core.mjs";

test("rowVisible shows everything, only matched or only unmatched rows", () => {
  assert.deepEqual(FILTERS, ["all", "matched", "unmatched"]);
  assert.equal(rowVisible("matched", "all"), true);
  assert.equal(rowVisible("unmatched", "all"), true);
  assert.equal(rowVisible("matched", "matched"), true);
  assert.equal(rowVisible("unmatched", "matched"), false);
  assert.equal(rowVisible("matched", "unmatched"), false);
  assert.equal(rowVisible("unmatched", "unmatched"), true);
});

test("rowVisible refuses unknown filters and row kinds", () => {
  assert.throws(() => rowVisible("matched", "some"), TypeError);
  assert.throws(() => rowVisible("maybe", "all"), TypeError);
});

test("pairKey keeps the order the person chose and refuses a category paired with itself", () => {
  const order = ["ifa", "imhs", "ecmhs"];
  assert.equal(pairKey("imhs", "ecmhs", order), "imhs--ecmhs");
  assert.equal(pairKey("ecmhs", "imhs", order), "ecmhs--imhs");
  assert.equal(pairKey("ifa", "ifa", order), null);
  assert.throws(() => pairKey("ifa", "nope", order), TypeError);
});
