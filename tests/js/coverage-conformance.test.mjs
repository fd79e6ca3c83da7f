// The shared coverage cases (tests/conformance/coverage/*.json), run against the browser's coverage functions;
// tests/model/test_coverage_conformance.py runs the same files against the Python rules.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, readdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { join, dirname } from "node:path";
import { categoryCoverage, matrix } from "../../docs/assets/js/mapper/coverage.mjs";
import { validateProgram } from "../../docs/assets/js/mapper/state.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const folder = join(here, "..", "conformance");
const read = (path) => JSON.parse(readFileSync(path, "utf8"));
const data = { format: "iecmh-atlas-mapper-data", dataset_version: "case", ...read(join(folder, "data.json")) };
const cases = readdirSync(join(folder, "coverage")).filter((name) => name.endsWith(".json")).sort();

test("there are shared coverage cases", () => {
  assert.ok(cases.length >= 3);
});

for (const name of cases) {
  test(`coverage case ${name}`, () => {
    const { program: map, expected } = read(join(folder, "coverage", name));
    const program = { format: "iecmh-atlas-program", version: 1, dataset_version: "case", ...map };
    const errors = validateProgram(program, data);
    assert.equal(errors.length, expected.errors.length, errors.join("\n"));
    for (const phrase of expected.errors) {
      assert.equal(errors.filter((e) => e.includes(phrase)).length, 1, `${phrase} in ${errors.join("\n")}`);
    }
    if (expected.matrix) {
      const found = matrix(data, program).domains.map((d) => ({
        domain: d.id,
        rows: d.rows.map((r) => ({ ka: r.ka, cells: r.cells, reached: r.reached, highest: r.highest, hours: r.hours })),
      }));
      assert.deepEqual(found, expected.matrix);
    }
    for (const [categoryId, want] of Object.entries(expected.coverage ?? {})) {
      const got = categoryCoverage(data, program, categoryId);
      assert.deepEqual(Object.fromEntries(Object.keys(want).map((key) => [key, got[key]])), want, categoryId);
    }
  });
}
