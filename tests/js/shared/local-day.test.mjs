// Export dates are the user's local day, not the UTC day: an evening export in the US is dated that evening.
// Node reads process.env.TZ again whenever it changes, so one run can check several time zones.
import { test } from "node:test";
import assert from "node:assert/strict";
import { localDay } from "../../../docs/assets/js/shared/guards.mjs";
import { fileName as assessmentFileName } from "../../../docs/assets/js/assessment/formats.mjs";
import { fileName as programFileName } from "../../../docs/assets/js/mapper/formats.mjs";

const EVENING_IN_NEW_YORK = new Date("2026-11-24T02:30:00Z"); // 21:30 on the 23rd in New York, the 24th in UTC

function inZone(zone, check) {
  const before = process.env.TZ;
  process.env.TZ = zone;
  try {
    check();
  } finally {
    if (before === undefined) delete process.env.TZ;
    else process.env.TZ = before;
  }
}

test("localDay is the day where the user is", () => {
  inZone("America/New_York", () => assert.equal(localDay(EVENING_IN_NEW_YORK), "2026-11-23"));
  inZone("UTC", () => assert.equal(localDay(EVENING_IN_NEW_YORK), "2026-11-24"));
  inZone("Asia/Tokyo", () => assert.equal(localDay(new Date("2026-11-23T20:00:00Z")), "2026-11-24"));
  inZone("Pacific/Honolulu", () => assert.equal(localDay(new Date("2027-01-01T05:00:00Z")), "2026-12-31"));
});

test("the self-assessment's file names and report carry the local day", () => {
  const data = { category: { id: "ecmhs", code: "ECMHS", name: "Early Childhood Mental Health Specialist" },
                 domains: [], items: [], requirements: [], scale: { levels: [] } };
  inZone("America/New_York", () => {
    assert.equal(assessmentFileName(data, "md", EVENING_IN_NEW_YORK), "iecmh-atlas-ECMHS-self-assessment-2026-11-23.md");
    assert.equal(assessmentFileName(data, "json", EVENING_IN_NEW_YORK),
                 "iecmh-atlas-ECMHS-self-assessment-2026-11-23.json");
  });
  inZone("UTC", () => assert.equal(assessmentFileName(data, "csv", EVENING_IN_NEW_YORK),
                                   "iecmh-atlas-ECMHS-self-assessment-2026-11-24.csv"));
});

test("the mapper's file names carry the local day", () => {
  inZone("America/Los_Angeles", () => {
    assert.equal(programFileName({ id: "demo-u" }, "json", EVENING_IN_NEW_YORK), "iecmh-atlas-program-demo-u-2026-11-23.json");
    assert.equal(programFileName({ id: "demo-u" }, "template", EVENING_IN_NEW_YORK),
                 "iecmh-atlas-program-demo-u-2026-11-23-template.csv");
  });
});
