// A stand-in for the browser's localStorage in node tests: a Map, with an optional quota in characters.

/** A Storage-like object; setItem throws a QuotaExceededError beyond `quota` characters of keys and values. */
export class FakeStorage {
  constructor(quota = Infinity) {
    this.items = new Map();
    this.quota = quota;
  }

  get length() {
    return this.items.size;
  }

  key(i) {
    return [...this.items.keys()][i] ?? null;
  }

  getItem(key) {
    return this.items.has(key) ? this.items.get(key) : null;
  }

  setItem(key, value) {
    const next = new Map(this.items).set(key, String(value));
    const used = [...next].reduce((n, [k, v]) => n + k.length + v.length, 0);
    if (used > this.quota) throw Object.assign(new Error("quota"), { name: "QuotaExceededError" });
    this.items = next;
  }

  removeItem(key) {
    this.items.delete(key);
  }
}

/** The function SavedTexts takes for storage that is turned off: reading it throws, as in a browser. */
export const storageTurnedOff = () => { throw Object.assign(new Error("Storage is disabled"), { name: "SecurityError" }); };
