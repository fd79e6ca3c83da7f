// IECMH Competency Atlas: the browser's storage as the pages use it. DOM-free: the storage area is passed in (a
// function, because merely reading window.localStorage throws where storage is turned off), so node tests can give
// a stand-in. Nothing here ever leaves the browser.

/** Browser storage that reports, instead of throwing, when it is unavailable or full. */
export class SavedTexts {
  /** area: a function that returns the Storage to use (such as () => window.localStorage). */
  constructor(area) {
    this.area = area;
    this.available = this.probe();
  }

  /** Whether the browser lets the page write to storage at all. */
  probe() {
    try {
      const key = "iecmh-atlas.probe";
      this.area().setItem(key, "1");
      this.area().removeItem(key);
      return true;
    } catch {
      return false;
    }
  }

  /** The text saved under key, or null. */
  load(key) {
    try {
      return this.area().getItem(key);
    } catch {
      return null;
    }
  }

  /** Save text under key; false when the browser refused (storage off or full). */
  save(key, text) {
    try {
      this.area().setItem(key, text);
      return true;
    } catch {
      return false;
    }
  }

  /** Forget the text under key. */
  remove(key) {
    try {
      this.area().removeItem(key);
    } catch {
      /* nothing saved, nothing to remove */
    }
  }

  /** {rest of key: text} for every key that starts with prefix. */
  withPrefix(prefix) {
    const out = {};
    try {
      const area = this.area();
      for (let i = 0; i < area.length; i += 1) {
        const key = area.key(i);
        if (key && key.startsWith(prefix)) out[key.slice(prefix.length)] = area.getItem(key);
      }
    } catch {
      /* storage unavailable: nothing */
    }
    return out;
  }
}

/**
 * One saved text that every open tab of the site shares. It remembers the text this tab last read or wrote, so a
 * write by another tab is noticed: the stored text itself is the revision (no counter is added to the saved format,
 * which stays what earlier releases wrote and read).
 */
export class SharedSlot {
  constructor(texts, key) {
    this.texts = texts;
    this.key = key;
    this.seen = null;
  }

  /** The stored text (or null), remembered as seen. */
  read() {
    this.seen = this.texts.load(this.key);
    return this.seen;
  }

  /** The stored text when another tab changed it since this tab last read or wrote it; undefined otherwise. */
  changedElsewhere() {
    const now = this.texts.load(this.key);
    return now === this.seen ? undefined : now;
  }

  /** Write text; false when the browser refused (then what is seen stays as it was). */
  write(text) {
    const ok = this.texts.save(this.key, text);
    if (ok) this.seen = text;
    return ok;
  }

  /** Remove the text. */
  clear() {
    this.texts.remove(this.key);
    this.seen = null;
  }

  /** The new text a `storage` event brings for this slot (null when removed or storage was cleared), or undefined
   *  when the event is about another key or brings what this tab already has. */
  newTextOf(event) {
    if (event.key !== null && event.key !== this.key) return undefined;
    const text = event.key === null ? null : event.newValue;
    return text === this.seen ? undefined : text;
  }
}
