import { test } from "node:test";
import assert from "node:assert/strict";
import { SUPERSEDED } from "../../docs/assets/js/search-core.mjs";
import { ENGINES, SearchEngines } from "../../docs/assets/js/search-workers.mjs";

/** A settable promise. */
function deferred() {
  let resolve;
  let reject;
  const promise = new Promise((yes, no) => { resolve = yes; reject = no; });
  return { promise, resolve, reject };
}

/** Fake engines whose start and searches the test settles by hand; `made` lists them in order of start. */
function fakeEngines() {
  const made = [];
  const start = () => {
    const started = deferred();
    const engine = {
      ready: started.promise, started, searches: [], ended: false,
      search(request) {
        const answer = deferred();
        engine.searches.push({ request, answer });
        return answer.promise;
      },
      end() { engine.ended = true; },
    };
    made.push(engine);
    return engine;
  };
  return { made, start };
}

const tick = () => new Promise((resolve) => { setImmediate(resolve); });

test("SearchEngines starts two engines, one to answer and one waiting ready", () => {
  const { made, start } = fakeEngines();
  new SearchEngines(start);
  assert.equal(ENGINES, 2);
  assert.equal(made.length, 2);
});

test("a query typed while the answering engine is busy goes to the ready one, and the busy one is ended", async () => {
  const { made, start } = fakeEngines();
  const engines = new SearchEngines(start);
  made[0].started.resolve();
  made[1].started.resolve();
  await tick();
  const first = engines.ask("ref");
  await tick();
  assert.deepEqual(made.map((engine) => engine.searches.length), [1, 0]);
  const second = engines.ask("reflective");
  await tick();
  assert.equal(made[0].ended, true);
  assert.equal(await first, SUPERSEDED);
  assert.deepEqual(made[1].searches.map((search) => search.request), ["reflective"]);
  assert.equal(made.length, 3, "a new engine is started in place of the ended one");
  made[1].searches[0].answer.resolve("answer to reflective");
  assert.equal(await second, "answer to reflective");
});

test("with no engine ready, the latest query waits for the busy one; the queries typed meanwhile never run", async () => {
  const { made, start } = fakeEngines();
  const engines = new SearchEngines(start);
  made[0].started.resolve();
  await tick();
  const first = engines.ask("inf");
  const middle = engines.ask("infa");
  const last = engines.ask("infant");
  await tick();
  assert.equal(await middle, SUPERSEDED);
  made[0].searches[0].answer.resolve("answer to inf");
  assert.equal(await first, "answer to inf");
  await tick();
  assert.deepEqual(made[0].searches.map((search) => search.request), ["inf", "infant"]);
  assert.equal(made[1].searches.length, 0);
  made[0].searches[1].answer.resolve("answer to infant");
  assert.equal(await last, "answer to infant");
});

test("a waiting query starts on whichever engine is ready first, the starting one included", async () => {
  const { made, start } = fakeEngines();
  const engines = new SearchEngines(start);
  made[0].started.resolve();
  await tick();
  const first = engines.ask("fam");
  const last = engines.ask("family");
  await tick();
  made[1].started.resolve();
  await tick();
  assert.equal(made[0].ended, true);
  assert.equal(await first, SUPERSEDED);
  assert.deepEqual(made[1].searches.map((search) => search.request), ["family"]);
  made[1].searches[0].answer.resolve("answer to family");
  assert.equal(await last, "answer to family");
});

test("an engine that cannot start is replaced when asked again; with none, the query fails with its reason", async () => {
  const { made, start } = fakeEngines();
  const engines = new SearchEngines(start);
  const asked = engines.ask("trauma");
  made[0].started.reject(new Error("offline"));
  made[1].started.reject(new Error("offline"));
  await assert.rejects(asked, /offline/);
  assert.equal(engines.alive, false);
  const again = engines.ask("trauma");
  assert.equal(made.length, 4);
  made[2].started.resolve();
  await tick();
  made[2].searches[0].answer.resolve("answer");
  assert.equal(await again, "answer");
});

test("a search that fails rejects its query, and its engine is replaced", async () => {
  const { made, start } = fakeEngines();
  const engines = new SearchEngines(start);
  made[0].started.resolve();
  await tick();
  const asked = engines.ask("x");
  await tick();
  made[0].searches[0].answer.reject(new Error("broken chunk"));
  await assert.rejects(asked, /broken chunk/);
  assert.equal(made[0].ended, true);
  assert.equal(made.length, 3);
});

test("engineOf names the engine of an answer while it runs; close ends every engine", async () => {
  const { made, start } = fakeEngines();
  const engines = new SearchEngines(start);
  made[0].started.resolve();
  await tick();
  assert.equal(engines.engineOf({ engine: made[0] }), made[0]);
  assert.equal(engines.engineOf({ engine: {} }), null);
  const waiting = engines.ask("x");
  engines.ask("y");
  engines.close();
  assert.ok(made.every((engine) => engine.ended));
  assert.equal(engines.engineOf({ engine: made[0] }), null);
  assert.equal(await waiting, SUPERSEDED);
});
