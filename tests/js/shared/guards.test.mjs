// Node tests of docs/assets/js/shared/guards.mjs. Run from the repo root: node --test tests/js/
import { test } from "node:test";
import assert from "node:assert/strict";
import {
  MARKUP, canonicalJSON, forbiddenKey, fmt, get, has, isAmount, isObject, isoDay, sameValue, shorten, utf8Bytes, validDate,
} from "../../../docs/assets/js/shared/guards.mjs";

test("isObject, has and get see only plain objects and their own keys", () => {
  assert.equal(isObject({}), true);
  assert.equal(isObject([]), false);
  assert.equal(isObject(null), false);
  assert.equal(has({ a: 1 }, "a"), true);
  assert.equal(has({}, "toString"), false);
  assert.equal(get({}, "constructor"), undefined);
  assert.equal(get({ a: 2 }, "a"), 2);
});

test("isAmount accepts finite numbers of 0 or more only; fmt rounds to 2 decimals", () => {
  assert.deepEqual([0, 1.5, -1, NaN, Infinity, "3"].map(isAmount), [true, true, false, false, false, false]);
  assert.equal(fmt(1 / 3), "0.33");
  assert.equal(fmt(0), "0");
});

test("shorten keeps 60 characters at most", () => {
  assert.equal(shorten("x".repeat(60)), "x".repeat(60));
  assert.equal(shorten("x".repeat(61)), `${"x".repeat(57)}...`);
  assert.equal(shorten(42), "42");
});

test("utf8Bytes counts UTF-8 bytes, as a saved file holds them", () => {
  assert.equal(utf8Bytes("abc"), 3);
  assert.equal(utf8Bytes("é"), 2);
  assert.equal(utf8Bytes("漢"), 3);
  assert.equal(utf8Bytes("😀"), 4);
});

test("forbiddenKey finds __proto__, constructor or prototype at any depth", () => {
  assert.equal(forbiddenKey(JSON.parse('{"a": [{"b": {"__proto__": 1}}]}')), "__proto__");
  assert.equal(forbiddenKey({ a: { constructor: 1 } }), "constructor");
  assert.equal(forbiddenKey({ a: [1, { b: 2 }] }), null);
});

test("MARKUP finds tags, comments and script URLs but not comparisons", () => {
  assert.equal(MARKUP.test("<b>"), true);
  assert.equal(MARKUP.test("<!-- x"), true);
  assert.equal(MARKUP.test("JavaScript :alert(1)"), true);
  assert.equal(MARKUP.test("3 < 4 and 5 > 2 ♥"), false);
});

test("validDate and isoDay refuse invalid dates and give the UTC day", () => {
  assert.throws(() => validDate(new Date("nope")), TypeError);
  assert.throws(() => validDate("2026-01-01"), TypeError);
  assert.equal(isoDay(new Date("2026-11-23T23:30:00Z")), "2026-11-23");
});

test("sameValue ignores key order; canonicalJSON sorts keys at every depth", () => {
  assert.equal(sameValue({ a: 1, b: { c: 2, d: [1, 2] } }, { b: { d: [1, 2], c: 2 }, a: 1 }), true);
  assert.equal(sameValue({ a: [1, 2] }, { a: [2, 1] }), false);
  assert.equal(sameValue(undefined, undefined), true);
  assert.equal(sameValue(undefined, {}), false);
  assert.equal(canonicalJSON({ b: 1, a: { d: 1, c: 2 } }), '{"a":{"c":2,"d":1},"b":1}');
});
