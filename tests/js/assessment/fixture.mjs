// The shared data and samples of the assessment node tests.
import { emptyState, limits, setNote, setRating, setRequirement, toggleEvidence } from "../../../docs/assets/js/assessment/state.mjs";
import { requirementStatus } from "../../../docs/assets/js/assessment/report.mjs";
import { parseImport, toJSON } from "../../../docs/assets/js/assessment/formats.mjs";

export function deepFreeze(value) {
  if (value !== null && typeof value === "object" && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const key of Object.keys(value)) deepFreeze(value[key]);
  }
  return value;
}

export const IDS = {
  p1: "ecmhs.tf.pregnancy.1", p2: "ecmhs.tf.pregnancy.2", d1: "ecmhs.tf.development.1",
  e1: "ecmhs.law.ethics.1", e2: "ecmhs.law.ethics.2",
};

export const data = deepFreeze({
  format: "iecmh-atlas-assessment-data",
  dataset_version: "0.1.0",
  category: { id: "ecmhs", code: "ECMHS", name: "Early Childhood Mental Health Specialist" },
  target: 3,
  unit: "indicator",
  scale: {
    levels: [{ value: 0, label: "Not yet" }, { value: 1, label: "Emerging" }, { value: 2, label: "Developing" }, { value: 3, label: "Proficient" }],
    not_enough_info: { value: "nei", label: "Not enough information to rate" },
    evidence: [{ id: "course", label: "College course" }, { id: "training", label: "Training" }, { id: "work", label: "Work experience" }, { id: "rsc", label: "Reflective supervision/consultation" }],
    limits: { import_bytes: 1000000, note_chars: 5000 },
  },
  domains: [{ id: "tf", name: "Theoretical Foundations" }, { id: "empty", name: "Domain without items" }, { id: "law", name: "Law, Regulation and Agency Policy" }],
  items: [
    { id: IDS.p1, domain: "tf", ka: "pregnancy", ka_name: "Pregnancy and Early Parenthood", text: "Describes how pregnancy, birth and early parenthood affect development" },
    { id: IDS.p2, domain: "tf", ka: "pregnancy", ka_name: "Pregnancy and Early Parenthood", text: 'Supports "secure" attachment' },
    { id: IDS.d1, domain: "tf", ka: "development", ka_name: "Infant/Very Young Child Development", text: "Knows developmental milestones" },
    { id: IDS.e1, domain: "law", ka: "ethics", ka_name: "Ethical Practice", text: "Follows the code of ethics" },
    { id: IDS.e2, domain: "law", ka: "ethics", ka_name: "Ethical Practice", text: "Knows mandated reporting duties" },
  ],
  requirements: [
    { id: "education", kind: "check", label: "Degree held", summary: "Master's degree or higher" },
    { id: "training", kind: "hours", label: "Training", required: 33, unit: "clock hours",
      parts: [{ id: "training.1", label: "on promoting social-emotional development", required: 23 }, { id: "training.2", label: "psychotherapy training", required: 10 }] },
    { id: "work_experience", kind: "years", label: "Work experience", required: 2 },
    { id: "rsc", kind: "hours", label: "Reflective supervision/consultation", required: 50, unit: "hours" },
    { id: "reference_ratings", kind: "count", label: "Reference ratings", required: 3 },
    { id: "membership", kind: "check", label: "Association membership" },
  ],
  exact_matches: [{ from: "imhs.tf.pregnancy.1", to: IDS.p1 }, { from: IDS.e1, to: "imhs.law.ethics.1" }],
});

export const DATE = new Date("2026-11-23T23:30:00Z");

/** A state with: p1=1 (course, work, note), p2="nei", d1=3, e1=2, e2 unrated. */
export function sampleState() {
  let s = emptyState(data);
  s = setRating(s, IDS.p1, 1, data);
  s = toggleEvidence(s, IDS.p1, "work", data);
  s = toggleEvidence(s, IDS.p1, "course", data);
  s = setNote(s, IDS.p1, "Took one course.", data);
  s = setRating(s, IDS.p2, "nei", data);
  s = setRating(s, IDS.d1, 3, data);
  s = setRating(s, IDS.e1, 2, data);
  return deepFreeze(s);
}

export const statusOf = (state, id) => requirementStatus(data, state).find((r) => r.id === id);
export const withReq = (id, value) => deepFreeze(setRequirement(emptyState(data), id, value, data));

/** A valid export object (parsed), to be altered by each hostile-import test. */
export const validExport = () => JSON.parse(toJSON(data, sampleState(), DATE));
export const importObject = (obj) => parseImport(JSON.stringify(obj), data);
