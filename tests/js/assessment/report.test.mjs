// Node tests of docs/assets/js/assessment/report.mjs. Run from the repo root: node --test tests/js/
import { test, describe } from "node:test";
import assert from "node:assert/strict";
import { emptyState, setNote, setRating, setRequirement } from "../../../docs/assets/js/assessment/state.mjs";
import { gapReport, nextUnrated, progress, readiness, requirementStatus } from "../../../docs/assets/js/assessment/report.mjs";
import { deepFreeze, IDS, data, sampleState, statusOf, withReq } from "./fixture.mjs";

describe("scoring", () => {
  test("progress counts rated items, including not-enough-information", () => {
    assert.deepEqual(progress(data, emptyState(data)), { rated: 0, total: 5 });
    assert.deepEqual(progress(data, sampleState()), { rated: 4, total: 5 });
    const noteOnly = setNote(emptyState(data), IDS.p1, "just a note", data);
    assert.deepEqual(progress(data, noteOnly), { rated: 0, total: 5 });
  });

  test("nextUnrated walks forward, wraps around and returns null when all are rated", () => {
    const empty = emptyState(data);
    assert.equal(nextUnrated(data, empty), IDS.p1);
    assert.equal(nextUnrated(data, empty, IDS.p1), IDS.p2);
    assert.equal(nextUnrated(data, empty, IDS.e2), IDS.p1, "wraps around after the last item");
    const s = sampleState();
    assert.equal(nextUnrated(data, s), IDS.e2);
    assert.equal(nextUnrated(data, s, IDS.e2), IDS.e2, "the only unrated item is found again after a full turn");
    const partly = setRating(s, IDS.e2, 0, data);
    const onlyFirst = setRating(partly, IDS.p1, null, data);
    assert.equal(nextUnrated(data, onlyFirst, IDS.d1), IDS.p1, "wraps to the first item");
    assert.equal(nextUnrated(data, partly), null);
    assert.equal(nextUnrated(data, partly, IDS.p2), null);
  });

  test("readiness gives numbers per domain in order and skips domains without items", () => {
    assert.deepEqual(readiness(data, sampleState()), [
      { domain: "tf", name: "Theoretical Foundations", total: 3, rated: 3, atTarget: 1, nei: 1, belowTarget: 1, percent: 33 },
      { domain: "law", name: "Law, Regulation and Agency Policy", total: 2, rated: 1, atTarget: 0, nei: 0, belowTarget: 1, percent: 0 },
    ]);
    const full = setRating(setRating(sampleState(), IDS.e1, 3, data), IDS.e2, 3, data);
    assert.equal(readiness(data, full)[1].percent, 100);
    const twoOfThree = setRating(sampleState(), IDS.p1, 3, data);
    assert.equal(readiness(data, twoOfThree)[0].percent, 67);
  });

  test("gapReport groups gaps by domain and lists strengths, unrated and nei items", () => {
    const report = gapReport(data, sampleState());
    assert.equal(report.target, 3);
    assert.equal(report.dataset_version, "0.1.0");
    assert.deepEqual(report.progress, { rated: 4, total: 5 });
    assert.deepEqual(report.gaps.map((g) => [g.domain, g.name, g.items.map((i) => [i.id, i.rating, i.label])]), [
      ["tf", "Theoretical Foundations", [[IDS.p1, 1, "Emerging"]]],
      ["law", "Law, Regulation and Agency Policy", [[IDS.e1, 2, "Developing"]]],
    ]);
    const gapItem = report.gaps[0].items[0];
    assert.equal(gapItem.text, data.items[0].text);
    assert.equal(gapItem.ka_name, "Pregnancy and Early Parenthood");
    assert.equal(gapItem.note, "Took one course.");
    assert.deepEqual(report.strengths.map((i) => i.id), [IDS.d1]);
    assert.deepEqual(report.unrated.map((i) => i.id), [IDS.e2]);
    assert.deepEqual(report.notEnoughInfo.map((i) => [i.id, i.label]), [[IDS.p2, "Not enough information to rate"]]);
    assert.deepEqual(report.requirements, requirementStatus(data, sampleState()));
    const noLawGaps = setRating(sampleState(), IDS.e1, 3, data);
    assert.deepEqual(gapReport(data, noLawGaps).gaps.map((g) => g.domain), ["tf"], "empty groups are left out");
  });
});

describe("requirements", () => {
  test("statuses come in data order and missing entries are unmet", () => {
    const all = requirementStatus(data, emptyState(data));
    assert.deepEqual(all.map((r) => r.id), data.requirements.map((r) => r.id));
    assert.deepEqual(all.map((r) => r.label), data.requirements.map((r) => r.label));
    assert.ok(all.every((r) => r.met === false && typeof r.shortfall === "string" && typeof r.detail === "string"));
  });

  test("check: 'not yet' until met", () => {
    assert.deepEqual(statusOf(emptyState(data), "education"),
      { id: "education", label: "Degree held", met: false, shortfall: "not yet", detail: "Master's degree or higher: not yet" });
    assert.deepEqual(statusOf(withReq("education", { met: true }), "education"),
      { id: "education", label: "Degree held", met: true, shortfall: null, detail: "Master's degree or higher: yes" });
    assert.equal(statusOf(withReq("membership", { met: false }), "membership").detail, "not yet");
    assert.equal(statusOf(withReq("membership", { met: true }), "membership").met, true);
  });

  test("check: a summary that ends a sentence is not followed by a doubled stop ('applicant.: yes')", () => {
    const signed = deepFreeze({ ...data, requirements: [{ id: "s", kind: "check", label: "Agreement signed", summary: "Signed by the applicant." }] });
    const state = deepFreeze(setRequirement(emptyState(signed), "s", { met: true }, signed));
    assert.equal(requirementStatus(signed, state)[0].detail, "Signed by the applicant: yes");
    assert.equal(requirementStatus(signed, emptyState(signed))[0].detail, "Signed by the applicant: not yet");
  });

  test("years: one year required is said in the singular ('0 of 1 year')", () => {
    const one = deepFreeze({ ...data, requirements: [{ id: "y", kind: "years", label: "Work experience", required: 1 }] });
    assert.equal(requirementStatus(one, emptyState(one))[0].detail, "0 of 1 year");
  });

  test("hours: shortfall in hours of the lower-cased label, singular for 1", () => {
    const r = statusOf(withReq("rsc", { hours: 33 }), "rsc");
    assert.equal(r.met, false);
    assert.equal(r.shortfall, "17 more hours of reflective supervision/consultation");
    assert.equal(r.detail, "33 of 50 hours");
    assert.equal(statusOf(withReq("rsc", { hours: 49 }), "rsc").shortfall, "1 more hour of reflective supervision/consultation");
    assert.deepEqual(statusOf(withReq("rsc", { hours: 50 }), "rsc"),
      { id: "rsc", label: "Reflective supervision/consultation", met: true, shortfall: null, detail: "50 of 50 hours" });
    assert.equal(statusOf(withReq("rsc", { hours: 0.1 + 0.2 }), "rsc").shortfall, "49.7 more hours of reflective supervision/consultation");
  });

  test("hours with parts: met only when the total and every part are met", () => {
    const short = statusOf(withReq("training", { hours: 20, parts: { "training.1": 13, "training.2": 7 } }), "training");
    assert.equal(short.met, false);
    assert.equal(short.shortfall, "13 more clock hours of training; on promoting social-emotional development: 10 more clock hours; psychotherapy training: 3 more clock hours");
    assert.equal(short.detail, "20 of 33 clock hours (on promoting social-emotional development: 13 of 23; psychotherapy training: 7 of 10)");
    const partShort = statusOf(withReq("training", { hours: 40, parts: { "training.1": 31, "training.2": 9 } }), "training");
    assert.equal(partShort.met, false, "total met but one part short");
    assert.equal(partShort.shortfall, "psychotherapy training: 1 more clock hour");
    const noParts = statusOf(withReq("training", { hours: 33 }), "training");
    assert.equal(noParts.met, false, "missing parts count as 0");
    assert.equal(noParts.shortfall, "on promoting social-emotional development: 23 more clock hours; psychotherapy training: 10 more clock hours");
    const met = statusOf(withReq("training", { hours: 33, parts: { "training.1": 23, "training.2": 10 } }), "training");
    assert.equal(met.met, true);
    assert.equal(met.shortfall, null);
  });

  test("years: shortfall in years, rounded to 2 decimals", () => {
    assert.equal(statusOf(withReq("work_experience", { years: 1.5 }), "work_experience").shortfall, "0.5 more years of work experience");
    assert.equal(statusOf(withReq("work_experience", { years: 1 }), "work_experience").shortfall, "1 more year of work experience");
    const floaty = statusOf(withReq("work_experience", { years: 0.1 + 0.2 }), "work_experience");
    assert.equal(floaty.shortfall, "1.7 more years of work experience");
    assert.equal(floaty.detail, "0.3 of 2 years");
    const tiny = deepFreeze({ ...data, requirements: [{ id: "y", kind: "years", label: "Work experience", required: 0.3 }] });
    const state = deepFreeze(setRequirement(emptyState(tiny), "y", { years: 0.1 + 0.2 }, tiny));
    assert.deepEqual(requirementStatus(tiny, state)[0], { id: "y", label: "Work experience", met: true, shortfall: null, detail: "0.3 of 0.3 years" });
    assert.equal(statusOf(withReq("work_experience", { years: 2.5 }), "work_experience").met, true);
  });

  test("count: 'n more reference rating(s)'", () => {
    assert.equal(statusOf(withReq("reference_ratings", { count: 2 }), "reference_ratings").shortfall, "1 more reference rating");
    assert.equal(statusOf(emptyState(data), "reference_ratings").shortfall, "3 more reference ratings");
    assert.equal(statusOf(emptyState(data), "reference_ratings").detail, "0 of 3");
    assert.equal(statusOf(withReq("reference_ratings", { count: 3 }), "reference_ratings").met, true);
  });
});
