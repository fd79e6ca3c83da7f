// The shared data and samples of the mapper node tests.
import { emptyProgram } from "../../../docs/assets/js/mapper/state.mjs";

export function deepFreeze(value) {
  if (value !== null && typeof value === "object" && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const key of Object.keys(value)) deepFreeze(value[key]);
  }
  return value;
}

export const P1 = "ecmhs.tf.pregnancy.1";
export const P2 = "ecmhs.tf.pregnancy.2";
export const D1 = "ecmhs.tf.development.1";
export const E1 = "ecmhs.law.ethics.1";
export const R1 = "ecmhs.law.reporting.1";
export const IP1 = "imhs.tf.pregnancy.1";
export const A1 = "imhs.tf.attachment.1";
export const A2 = "imhs.tf.attachment.2";

// Knowledge areas are deliberately not listed domain by domain, so grouping and order are both tested.
export const data = deepFreeze({
  format: "iecmh-atlas-mapper-data",
  dataset_version: "0.1.0",
  storage_key: "iecmh-atlas.mapper.v1",
  limits: { import_bytes: 1000000, courses: 200, text_chars: 200 },
  domains: [{ id: "tf", name: "Theoretical Foundations" }, { id: "law", name: "Law, Regulation and Agency Policy" }],
  knowledge_areas: [
    { id: "pregnancy", name: "Pregnancy & Early Parenthood", domain: "tf" },
    { id: "ethics", name: "Ethical Practice", domain: "law" },
    { id: "development", name: "Infant/Very Young Child Development", domain: "tf" },
    { id: "reporting", name: "Mandated Reporting", domain: "law" },
    { id: "attachment", name: "Attachment, Separation, Trauma & Loss", domain: "tf" },
  ],
  indicators: [
    { id: P1, ka: "pregnancy", category: "ecmhs", text: "Describes pregnancy" },
    { id: P2, ka: "pregnancy", category: "ecmhs", text: "Describes early parenthood" },
    { id: E1, ka: "ethics", category: "ecmhs", text: "Follows the code of ethics" },
    { id: D1, ka: "development", category: "ecmhs", text: "Knows milestones" },
    { id: R1, ka: "reporting", category: "ecmhs", text: "Knows reporting duties" },
    { id: IP1, ka: "pregnancy", category: "imhs", text: "Supports expectant parents" },
    { id: A1, ka: "attachment", category: "imhs", text: "Explains attachment" },
    { id: A2, ka: "attachment", category: "imhs", text: "Recognises trauma" },
  ],
  categories: [
    { id: "ecmhs", code: "ECMHS", name: "Early Childhood Mental Health Specialist",
      knowledge_areas: ["pregnancy", "ethics", "development", "reporting"], indicators: [P1, P2, E1, D1, R1] },
    { id: "imhs", code: "IMHS", name: "Infant Mental Health Specialist",
      knowledge_areas: ["pregnancy", "attachment"], indicators: [IP1, A1, A2] },
  ],
});

export const withLimits = (extra) => deepFreeze({ ...data, limits: { ...data.limits, ...extra } });

/**
 * Three courses, target ECMHS. Hand-computed per knowledge area (course level / course hours):
 *   pregnancy:   501 R / max(6, 4+5)=9   520 M / max(10, 0)=10   590 R / 0    -> reached 3, M, 19 hours
 *   development: 501 I / max(0, 3)=3     520 R / max(0, 7)=7     590 -        -> reached 2, R, 10 hours
 *   attachment:  520 R / 2 (not an ECMHS area, but reached)                   -> reached 1, R, 2 hours
 *   ethics:      590 I / 1                                                    -> reached 1, I, 1 hour
 *   reporting:   nobody (ECMHS target)                                        -> reached 0, none, 0 hours
 * Course totals: 501 = 9 + 3 = 12 (a naive sum would be 18), 520 = 10 + 2 + 7 = 19, 590 = 1.
 */
export function sampleProgram() {
  return deepFreeze({
    format: "iecmh-atlas-program", version: 1, dataset_version: "0.1.0",
    id: "demo-u", institution: "Demo University", program: "IECMH Certificate", target_categories: ["ecmhs"],
    courses: [
      { code: "IECMH 501", title: "Development", credits: 3, clock_hours: 45, covers: [
        { item: "ka:pregnancy", level: "I", hours: 6 }, { item: P1, level: "R", hours: 4 },
        { item: P2, level: "I", hours: 5 }, { item: D1, level: "I", hours: 3 }] },
      { code: "IECMH 520", title: "Assessment", clock_hours: 30, covers: [
        { item: "ka:pregnancy", level: "M", hours: 10 }, { item: A1, level: "R", hours: 2 },
        { item: "ka:development", level: "R" }, { item: D1, level: "I", hours: 7 }] },
      { code: "IECMH 590", title: "Practicum", covers: [{ item: E1, level: "I", hours: 1 }, { item: P2, level: "R" }] },
    ],
  });
}

export const program = sampleProgram();
export const withCourses = (courses, extra = {}) => deepFreeze({ ...emptyProgram(data), ...extra, courses });
export const rowsOf = (m) => m.domains.flatMap((d) => d.rows);
export const rowOf = (m, ka) => rowsOf(m).find((r) => r.ka === ka);
export const BOM = "\uFEFF";
export const HEADER = "course_code,course_title,credits,clock_hours,item,level,hours";
export const csv = (...lines) => `${lines.join("\r\n")}\r\n`;
