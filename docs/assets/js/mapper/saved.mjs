// IECMH Competency Atlas: the coursework map as the browser keeps it: read at start (an unreadable one is kept
// aside), then kept in step with other tabs and within the size limit through a SyncedDocument. DOM-free.
import { utf8Bytes } from "../shared/guards.mjs";
import { SharedSlot } from "../shared/storage.mjs";
import { SyncedDocument } from "../shared/sync.mjs";
import { readSavedProgram, toProgramJSON } from "./formats.mjs";
import { emptyProgram, limits, mergePrograms, validateProgram } from "./state.mjs";

/** How a program is saved, read back and merged (for a SyncedDocument). */
export function savedCodec(data) {
  return {
    empty: () => emptyProgram(data),
    read: (text) => {
      const result = readSavedProgram(text, data);
      return result.ok ? result.program : null;
    },
    write: toProgramJSON,
    merge: mergePrograms,
    problem: (program) => {
      const errors = validateProgram(program, data);
      return errors.length ? `together with the changes saved in another tab, the map would not be valid: ${errors.slice(0, 3).join("; ")}` : null;
    },
  };
}

/** Open the saved map: {document, program, message} (a new map when there is none or it cannot be read; an
 *  unreadable one is copied to "<key>.unreadable" and the message says so). */
export function openSaved(texts, data) {
  const slot = new SharedSlot(texts, data.storage_key);
  const limit = limits(data).import_bytes;
  const document = new SyncedDocument(slot, savedCodec(data), limit);
  const saved = slot.read();
  if (saved === null) return { document, program: emptyProgram(data), message: null };
  const result = readSavedProgram(saved, data);
  if (!result.ok) {
    texts.save(`${slot.key}.unreadable`, saved);
    return { document, program: emptyProgram(data), message: `Your saved map could not be read (${result.error}); a copy was kept in this browser's ` +
      `storage under "${slot.key}.unreadable", and you are starting afresh.` };
  }
  const bytes = utf8Bytes(saved);
  const message = bytes > limit ? `Your saved map takes ${bytes} bytes, more than the ${limit} a map file may have (an ` +
    "earlier version of this page let it grow that far). Everything is kept; remove some entries so that your JSON " +
    "export can be imported again." : null;
  return { document, program: result.program, message };
}
