// IECMH Competency Atlas: one document (a self-assessment or a program map) kept in a slot every tab shares, within a
// size limit. DOM-free. The rules (see docs/reference/saved-data.md):
// - an edit is saved only if the saved text stays within the limit (or does not grow, for a text an earlier release
//   saved above it), so everything the page saves can be imported again; a refused edit is reported, never dropped
//   silently;
// - before saving, a change another tab saved meanwhile is merged in (three-way, by entry): nothing another tab wrote
//   is overwritten without being merged, and entries both tabs changed are reported as conflicts.
import { utf8Bytes } from "./guards.mjs";

/**
 * codec: {empty(): value, read(text): value or null when unreadable, write(value): text,
 *         merge(base, first, second): {value, conflicts} (first wins conflicts), problem(value): text or null}.
 */
export class SyncedDocument {
  constructor(slot, codec, limit) {
    this.slot = slot;
    this.codec = codec;
    this.limit = limit;
  }

  /** What is saved: {value, text} (value null when nothing is saved or it cannot be read). */
  load() {
    const text = this.slot.read();
    return { text, value: text === null ? null : this.codec.read(text) };
  }

  /** The size check of a text to be saved: null when it may be saved, else {bytes, limit}. */
  oversize(text) {
    if (text.length * 3 <= this.limit) return null; // a UTF-16 code unit takes at most 3 bytes: no need to count
    const bytes = utf8Bytes(text);
    if (bytes <= this.limit) return null;
    const before = this.slot.seen === null ? 0 : utf8Bytes(this.slot.seen);
    return bytes > before ? { bytes, limit: this.limit } : null;
  }

  /**
   * Save next (the current value with one edit), merged with what another tab saved meanwhile. Returns
   * {ok: true, value, saved, merged, conflicts} or {ok: false, oversize: {bytes, limit}} / {ok: false, problem}.
   */
  commit(next) {
    let value = next;
    let conflicts = [];
    const stored = this.slot.changedElsewhere();
    const merged = stored !== undefined;
    if (merged) {
      const theirs = stored === null ? this.codec.empty() : this.codec.read(stored);
      const base = this.slot.seen === null ? this.codec.empty() : this.codec.read(this.slot.seen);
      if (theirs !== null) ({ value, conflicts } = this.codec.merge(base ?? this.codec.empty(), next, theirs));
      const problem = this.codec.problem(value);
      if (problem) return { ok: false, problem };
    }
    const text = this.codec.write(value);
    const oversize = this.oversize(text);
    if (oversize) return { ok: false, oversize };
    return { ok: true, value, saved: this.slot.write(text), merged, conflicts };
  }

  /**
   * Take in what a `storage` event says another tab saved: {value, conflicts} (the other tab's entries win
   * conflicts), or null when the event is not about this document or brings nothing new or unreadable.
   */
  receive(event, current) {
    const text = this.slot.newTextOf(event);
    if (text === undefined) return null;
    const theirs = text === null ? this.codec.empty() : this.codec.read(text);
    if (theirs === null) return null;
    const base = this.slot.seen === null ? this.codec.empty() : this.codec.read(this.slot.seen);
    this.slot.seen = text;
    return this.codec.merge(base ?? this.codec.empty(), theirs, current);
  }
}
