// IECMH Competency Atlas: a category's self-assessment as the browser keeps it: read at start (an unreadable one is
// kept aside, answers of exact matches carried over from other categories), then kept in step with other tabs and
// within the size limit through a SyncedDocument. DOM-free: storage comes in as a SavedTexts.
import { utf8Bytes } from "../shared/guards.mjs";
import { SharedSlot } from "../shared/storage.mjs";
import { SyncedDocument } from "../shared/sync.mjs";
import { readSaved, savedBytes, toJSON } from "./formats.mjs";
import { carryOver, emptyState, limits, mergeStates } from "./state.mjs";

const OTHER_CATEGORY = /^[a-z0-9-]+$/;

/** How a state is saved, read back and merged (for a SyncedDocument). */
export function savedCodec(data) {
  return {
    empty: () => emptyState(data),
    read: (text) => {
      const result = readSaved(text, data);
      return result.ok ? result.state : null;
    },
    write: (state) => toJSON(data, state, new Date()),
    merge: mergeStates,
    problem: () => null,
  };
}

/** The saved states of the other categories ({categoryId: state}), for carrying answers over. */
function otherStates(texts, prefix, ownCategory) {
  const others = {};
  for (const [id, text] of Object.entries(texts.withPrefix(prefix))) {
    if (id === ownCategory || !OTHER_CATEGORY.test(id)) continue;
    try {
      const parsed = JSON.parse(text);
      if (parsed && typeof parsed === "object" && parsed.category === id) others[id] = parsed;
    } catch {
      /* unreadable entries of other categories are ignored */
    }
  }
  return others;
}

/**
 * Open the saved self-assessment of data's category: {document, state, removed, message}. An unreadable saved text is
 * copied to "<key>.unreadable" (the message says so) and the state starts afresh; carried-over answers are added
 * only while the whole stays within the limit.
 */
export function openSaved(texts, data) {
  const prefix = `${data.storage_key}:`;
  const slot = new SharedSlot(texts, prefix + data.category.id);
  const limit = limits(data).import_bytes;
  const document = new SyncedDocument(slot, savedCodec(data), limit);
  let state = emptyState(data);
  let removed = [];
  let message = null;
  const saved = slot.read();
  if (saved !== null) {
    const result = readSaved(saved, data);
    if (result.ok) {
      ({ state, removed } = result);
      const bytes = utf8Bytes(saved);
      if (bytes > limit) {
        message = `Your saved answers take ${bytes} bytes, more than the ${limit} a self-assessment file may have ` +
          "(an earlier version of this page let them grow that far). Everything is kept; shorten some notes so that " +
          "your JSON export can be imported again.";
      }
    } else {
      const backup = `${slot.key}.unreadable`;
      texts.save(backup, saved);
      message = `Saved answers for this category could not be read (${result.error}). A copy was kept in this ` +
        `browser's storage under "${backup}"; you are starting afresh.`;
    }
  }
  const carried = carryOver(data, state, otherStates(texts, prefix, data.category.id));
  if (savedBytes(data, carried) <= Math.max(limit, savedBytes(data, state))) state = carried;
  return { document, state, removed, message };
}
