// IECMH Competency Atlas: the self-assessment's items (rating, evidence and note of each), built a few items per task.
// Text from the data or the user goes in as text, never as HTML.
import { el } from "../shared/dom.mjs";
import { runInPieces } from "../shared/tasks.mjs";
import { domainHeadingId } from "./contents-view.mjs";
import * as state from "./state.mjs";

/** A rating's radio group: one radio per level of the scale and "not enough information", then "Clear rating".
 *  choose(rating) gets the level's number or "nei"; clear() runs on the button (both the self-assessment and the
 *  rating of someone else build their items with it). */
export function ratingGroup(scale, { base, label, selected, choose, clear }) {
  const group = el("div", { class: "atlas-ratings", role: "radiogroup", "aria-label": label });
  const choices = [...scale.levels, scale.not_enough_info].map((level) => {
    const id = `${base}-r-${level.value}`;
    const radio = el("input", { type: "radio", name: `${base}-rating`, id, value: String(level.value) });
    radio.checked = selected === level.value;
    radio.addEventListener("change", () => choose(level.value === "nei" ? "nei" : Number(level.value)));
    return el("span", { class: "atlas-choice" }, radio, el("label", { for: id, text: level.label }));
  });
  const button = el("button", { type: "button", class: "atlas-clear" }, "Clear rating");
  button.addEventListener("click", clear);
  group.append(...choices, button);
  return group;
}

/** How many items are built per task while the page loads. */
const ITEMS_PER_TASK = 4;

/** A DOM-safe id fragment for an item id. */
const domId = (id) => "atlas-item-" + id.replace(/[^A-Za-z0-9_-]/g, "_");

/** The items section of one mount: app gives data, the current state and update(change, itemId, anchor). */
export class ItemsView {
  constructor(app) {
    this.app = app;
    this.data = app.data;
    this.nodes = {};
  }

  /**
   * The items, a few at a time, in pieces of a few ms from the next task on, each piece after a frame was drawn,
   * so that building the list never keeps the page from answering input for long, nor makes a frame lay out many
   * new items (no task over 50 ms on a 4x slower CPU). `ready` resolves true once every item is on the page, false
   * when stillWanted() turned false first (a newer mount).
   */
  section(stillWanted) {
    const section = el("section", { class: "atlas-items", "aria-labelledby": "atlas-items-title" },
      el("h2", { id: "atlas-items-title", text: this.data.unit === "indicator" ? "Indicators" : "Knowledge areas" }));
    const steps = this.data.domains.flatMap((domain) => {
      const items = this.data.items.filter((i) => i.domain === domain.id);
      const pieces = [];
      for (let k = 0; k < items.length || k === 0; k += ITEMS_PER_TASK) pieces.push(items.slice(k, k + ITEMS_PER_TASK));
      return pieces.map((piece, n) => () => this.appendItems(section, domain, piece, n === 0));
    });
    this.ready = runInPieces(steps, { stillWanted, later: true });
    return section;
  }

  /** Append some items of one domain, with their knowledge-area headings: the first piece makes the domain's group
   *  and its heading (a target of the contents), the others go into that group. */
  appendItems(section, domain, items, first) {
    if (first) {
      this.group = el("div", { class: "atlas-domain", "data-domain": domain.id },
        el("h3", { text: domain.name, id: domainHeadingId(domain.id), tabindex: "-1" }));
      this.lastKa = null;
      section.append(this.group);
    }
    const nodes = [];
    for (const item of items) {
      if (this.data.unit === "indicator" && item.ka !== this.lastKa) {
        nodes.push(el("h4", { text: item.ka_name }));
        this.lastKa = item.ka;
      }
      nodes.push(this.fieldset(item));
    }
    this.group.append(...nodes);
    if (this.app.contents) this.app.contents.built(this.group);
  }

  /** The radio buttons of an item's rating and the button that clears it. */
  ratings(item, answer, base) {
    const group = ratingGroup(this.data.scale, {
      base, label: "Your level", selected: answer.rating,
      choose: (rating) => {
        if (!this.app.update(() => state.setRating(this.app.state, item.id, rating, this.data), item.id, group)) {
          this.showAnswer(item.id);
        }
      },
      clear: () => {
        this.app.update(() => state.setRating(this.app.state, item.id, null, this.data), item.id, group);
        this.showAnswer(item.id);
      },
    });
    group.id = `${base}-ratings`;
    return group;
  }

  /** The evidence checkboxes of an item. */
  evidence(item, answer, base) {
    const group = el("fieldset", { class: "atlas-evidence", id: `${base}-evidence` }, el("legend", { text: "Evidence you have" }));
    group.append(...this.data.scale.evidence.map((ev) => {
      const id = `${base}-e-${ev.id}`;
      const box = el("input", { type: "checkbox", id, value: ev.id });
      box.checked = (answer.evidence || []).includes(ev.id);
      box.addEventListener("change", () => {
        if (!this.app.update(() => state.toggleEvidence(this.app.state, item.id, ev.id, this.data), item.id, group)) {
          this.showAnswer(item.id);
        }
      });
      return el("span", { class: "atlas-choice" }, box, el("label", { for: id, text: ev.label }));
    }));
    return group;
  }

  /** The note of an item; text the page cannot accept stays in the box, marked, with the reason next to it. */
  note(item, answer, base) {
    const noteId = `${base}-note`;
    const note = el("textarea", { id: noteId, rows: 2, maxlength: this.data.scale.limits.note_chars });
    note.value = answer.note || "";
    note.addEventListener("input", () => {
      this.app.update(() => state.setNote(this.app.state, item.id, note.value, this.data), item.id, note);
    });
    return el("p", { class: "atlas-note" }, el("label", { for: noteId, text: "Note" }), note);
  }

  /** The fieldset of one item. */
  fieldset(item) {
    const answer = state.answerOf(this.app.state, item.id) || {};
    const base = domId(item.id);
    const node = el("fieldset", { class: "atlas-item", id: base, "data-item": item.id },
      el("legend", { text: item.text }),
      this.ratings(item, answer, base), this.evidence(item, answer, base), this.note(item, answer, base),
      el("p", { class: "atlas-carried" }));
    this.nodes[item.id] = node;
    this.renderMarks(item.id);
    return node;
  }

  /** Put an item's controls back to its saved answer (after a refused change). */
  showAnswer(itemId) {
    const node = this.nodes[itemId];
    const answer = state.answerOf(this.app.state, itemId) || {};
    for (const radio of node.querySelectorAll("input[type=radio]")) {
      radio.checked = radio.value === String(answer.rating);
    }
    for (const box of node.querySelectorAll("input[type=checkbox]")) box.checked = (answer.evidence || []).includes(box.value);
  }

  /** Show or hide the carried-over marker and the rated mark of one item. */
  renderMarks(itemId) {
    const node = this.nodes[itemId];
    const answer = state.answerOf(this.app.state, itemId) || {};
    const marker = node.querySelector(".atlas-carried");
    marker.textContent = answer.carried_from
      ? `Carried over from your ${answer.carried_from.toUpperCase()} answers (an exact match); change it if it does not fit.`
      : "";
    marker.hidden = !answer.carried_from;
    node.classList.toggle("atlas-rated", answer.rating !== undefined);
  }
}
