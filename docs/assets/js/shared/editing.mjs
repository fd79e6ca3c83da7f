// IECMH Competency Atlas: how the interactive pages take one change: save it through a SyncedDocument, show why when
// it is refused (next to the control), and say when another tab's saved changes were merged in.
import { showFieldMessage } from "./dom.mjs";
import { SavedTexts } from "./storage.mjs";

/**
 * The words a page uses for what it saves: {saved: "your saved answers", kind: "a self-assessment",
 * thing: "self-assessment", advice: "Shorten this note or another one."}.
 */

/** Why a SyncedDocument refused a change, as a sentence. */
export function refusalText(result, words) {
  if (!result.oversize) return result.problem;
  return `${words.saved} would take ${result.oversize.bytes} bytes, more than the ${result.oversize.limit} ` +
    `${words.kind} may have (it could not be imported again). ${words.advice}`;
}

/** Try one change: fn() gives the next value, which document.commit saves. Returns the commit's result, or
 *  {ok: false, why}; why (nothing when the change was taken) is shown next to anchor, if given. */
export function commitChange(document, fn, anchor, words) {
  let result;
  try {
    result = document.commit(fn());
  } catch (error) {
    result = { ok: false, problem: error.message };
  }
  const why = result.ok ? "" : refusalText(result, words);
  if (anchor) showFieldMessage(anchor, why);
  return result.ok ? result : { ok: false, why };
}

/** The sentence that says another tab's saved changes are shown here now (and which entries both tabs changed). */
export function mergeSentence(words, conflicts, kept) {
  const both = conflicts.length ? ` Changed in both: ${conflicts.join(", ")}; ${kept}.` : "";
  return `This ${words.thing} is also open in another tab or window; what was saved there is shown here too.${both}`;
}

/**
 * What the self-assessment and the mapper pages share: their saved work opened from the browser's storage, one
 * change at a time through its SyncedDocument, and the changes other tabs save. A page sets this.status and
 * this.storageWarning when it mounts, keeps its work in `value`, and defines rebuild() (the whole interface again)
 * and refresh(detail) (what one change touches).
 */
export class SavedWorkPage {
  /** words: see refusalText, plus `refused` (the status line's prefix for a refused change); open(texts, data) gives
   *  {document, message, ...} (see assessment/saved.mjs and mapper/saved.mjs), kept as this.opened; texts: the
   *  browser's storage, when the page opened it already (in a task before: see mapper/ui.mjs). */
  constructor(root, data, words, open, texts = new SavedTexts(() => window.localStorage)) {
    this.root = root;
    this.data = data;
    this.words = words;
    this.texts = texts;
    this.opened = open(this.texts, data);
    this.document = this.opened.document;
    this.startupMessage = this.opened.message;
  }

  /** Announce a message in the status line. */
  say(message) {
    this.status.textContent = message;
  }

  /** Take one change (fn gives the next value): null when it was saved, else why not (also shown next to anchor). */
  take(fn, anchor = null, detail = null) {
    const result = commitChange(this.document, fn, anchor, this.words);
    if (!result.ok) {
      this.say(this.words.refused + result.why);
      return result.why;
    }
    this.storageWarning.hidden = result.saved && this.texts.available;
    this.value = result.value;
    if (result.merged) {
      this.rebuild();
      this.say(mergeSentence(this.words, result.conflicts, "your change here was kept"));
    } else {
      this.refresh(detail);
    }
    return null;
  }

  /** Take in what another tab saved (a `storage` event); its entries win where both tabs changed one. */
  receive(event) {
    const result = this.document.receive(event, this.value);
    if (!result) return;
    this.value = result.value;
    this.rebuild();
    this.say(mergeSentence(this.words, result.conflicts, "the other tab's newer version was kept"));
  }
}
