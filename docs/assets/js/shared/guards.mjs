// IECMH Competency Atlas: small DOM-free checks and number/text helpers shared by every page's logic.
// Nothing here touches the document, storage or the network.

/** Keys refused anywhere in an imported or saved file (prototype pollution). */
export const FORBIDDEN_KEYS = new Set(["__proto__", "constructor", "prototype"]);

/** Text that looks like an HTML tag, comment or script URL; user text is plain, so such text is refused. */
export const MARKUP = /<\s*[a-zA-Z!/?]|javascript\s*:/i;

/** The refusal sentence for text that contains markup (without the subject). */
export const MARKUP_ERROR = "contains HTML or script markup (such as <tag> or javascript:), which is not allowed";

/** Whether a value is a plain object (not null, not an array). */
export const isObject = (v) => v !== null && typeof v === "object" && !Array.isArray(v);

/** Whether obj is an object with its own key (never inherited). */
export const has = (obj, key) => isObject(obj) && Object.hasOwn(obj, key);

/** obj[key] when obj owns key, else undefined. */
export const get = (obj, key) => (has(obj, key) ? obj[key] : undefined);

/** The [key, value] pairs of an object, or none for anything else. */
export const entriesOf = (obj) => (isObject(obj) ? Object.entries(obj) : []);

/** Whether n is a finite number of 0 or more. */
export const isAmount = (n) => typeof n === "number" && Number.isFinite(n) && n >= 0;

/** n rounded to 2 decimals. */
export const round2 = (n) => Math.round((n + Number.EPSILON) * 100) / 100;

/** n rounded to 2 decimals as text ("0" for nothing). */
export const fmt = (n) => String(round2(n) || 0);

/** A value as text of at most 60 characters, for messages. */
export const shorten = (s) => (String(s).length > 60 ? `${String(s).slice(0, 57)}...` : String(s));

const ENCODER = new TextEncoder();

/** The number of bytes text takes in UTF-8 (as a saved or downloaded file holds it). */
export const utf8Bytes = (text) => ENCODER.encode(text).length;

/** The first forbidden key found anywhere in a parsed JSON value (without recursion), or null. */
export function forbiddenKey(root) {
  const stack = [root];
  while (stack.length) {
    const value = stack.pop();
    if (value === null || typeof value !== "object") continue;
    for (const key of Object.keys(value)) {
      if (FORBIDDEN_KEYS.has(key)) return key;
      stack.push(value[key]);
    }
  }
  return null;
}

/** The date itself, or a TypeError when it is not a valid Date. */
export function validDate(date) {
  if (!(date instanceof Date) || Number.isNaN(date.getTime())) throw new TypeError("Expected a valid Date");
  return date;
}

/** The UTC day of a date as YYYY-MM-DD. */
export const isoDay = (date) => validDate(date).toISOString().slice(0, 10);

/** A JSON value as text with object keys sorted, so that two equal values give the same text. */
export function canonicalJSON(value) {
  return JSON.stringify(value, (_, v) => (isObject(v)
    ? Object.fromEntries(Object.keys(v).sort().map((k) => [k, v[k]])) : v));
}

/** Whether two JSON values are equal (object key order does not matter; undefined equals undefined). */
export const sameValue = (a, b) => canonicalJSON(a) === canonicalJSON(b);
