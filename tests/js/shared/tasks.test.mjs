// Node tests of docs/assets/js/shared/tasks.mjs. Run from the repo root: node --test tests/js/
import { test } from "node:test";
import assert from "node:assert/strict";
import { FRAME_WAIT_MS, IDLE_WAIT_MS, afterPaint, inTasks, runInPieces, whenIdle, yieldToMain } from "../../../docs/assets/js/shared/tasks.mjs";

/** A clock that moves on by `step` ms each time it is read, and a pause that counts the tasks it began. */
function fakeTime(step) {
  const clock = { t: 0, pauses: 0 };
  clock.now = () => (clock.t += step);
  clock.pause = () => {
    clock.pauses += 1;
    return Promise.resolve();
  };
  return clock;
}

test("runInPieces runs the first piece before it returns and the rest after pauses, in order", async () => {
  const clock = fakeTime(4);
  const ran = [];
  const steps = Array.from({ length: 7 }, (_, k) => () => ran.push(k));
  const done = runInPieces(steps, { budgetMs: 10, now: clock.now, pause: clock.pause });
  // the clock reads 4 at the start, then 8, 12 and 16 after steps 0, 1 and 2: 12 ms, over the budget, after three
  assert.deepEqual(ran, [0, 1, 2]);
  assert.equal(await done, true);
  assert.deepEqual(ran, [0, 1, 2, 3, 4, 5, 6]);
  assert.equal(clock.pauses, 2); // [0, 1, 2], [3, 4, 5], [6]
});

test("runInPieces runs a step that outlasts the budget on its own, one per task", async () => {
  const clock = fakeTime(50);
  const ran = [];
  assert.equal(await runInPieces([1, 2, 3].map((k) => () => ran.push(k)), { budgetMs: 10, now: clock.now, pause: clock.pause }), true);
  assert.deepEqual(ran, [1, 2, 3]);
  assert.equal(clock.pauses, 2);
});

test("runInPieces stops, resolving false, once stillWanted turns false, and runs nothing when it is false at first", async () => {
  const clock = fakeTime(50);
  const ran = [];
  let wanted = true;
  const steps = [1, 2, 3].map((k) => () => {
    ran.push(k);
    wanted = k < 2;
  });
  assert.equal(await runInPieces(steps, { stillWanted: () => wanted, budgetMs: 10, now: clock.now, pause: clock.pause }), false);
  assert.deepEqual(ran, [1, 2]);
  const none = [];
  assert.equal(await runInPieces([() => none.push(1)], { stillWanted: () => false }), false);
  assert.deepEqual(none, []);
});

test("runInPieces with no steps resolves true at once", async () => {
  assert.equal(await runInPieces([]), true);
});

test("inTasks runs the first step now and each further one in its own task", async () => {
  const ran = [];
  const done = inTasks([1, 2, 3].map((k) => () => ran.push(k)), () => true);
  assert.deepEqual(ran, [1]);
  await Promise.resolve();
  assert.deepEqual(ran, [1]); // not in a microtask: the next step waits for a new task
  assert.equal(await done, true);
  assert.deepEqual(ran, [1, 2, 3]);
});

test("yieldToMain takes scheduler.yield where the host has it, else a MessageChannel message, else a timer", async () => {
  let yielded = 0;
  await yieldToMain({ scheduler: { yield: () => { yielded += 1; return Promise.resolve(); } } });
  assert.equal(yielded, 1);
  const order = [];
  const message = yieldToMain({ MessageChannel }).then(() => order.push("message"));
  Promise.resolve().then(() => order.push("microtask"));
  await message;
  assert.deepEqual(order, ["microtask", "message"]);
  let timed = false;
  await yieldToMain({}).then(() => { timed = true; });
  assert.equal(timed, true);
});

test("afterPaint resolves in a task after the next frame, or after FRAME_WAIT_MS when no frame comes", async () => {
  const frames = [];
  const host = { requestAnimationFrame: (fn) => frames.push(fn), MessageChannel };
  let resolved = false;
  const waiting = afterPaint(host).then(() => { resolved = true; });
  await new Promise((resolve) => setTimeout(resolve, 5));
  assert.equal(resolved, false); // no frame drawn yet
  frames.shift()();
  await waiting;
  assert.equal(resolved, true);
  const started = Date.now();
  await afterPaint({ requestAnimationFrame: () => {}, MessageChannel });
  assert.ok(Date.now() - started >= FRAME_WAIT_MS - 5);
  await afterPaint({}); // no frames at all: a plain new task
});

test("runInPieces with later runs nothing before its first pause", async () => {
  const clock = fakeTime(1);
  const ran = [];
  const done = runInPieces([() => ran.push(1), () => ran.push(2)], { later: true, now: clock.now, pause: clock.pause });
  assert.deepEqual(ran, []);
  assert.equal(await done, true);
  assert.deepEqual(ran, [1, 2]);
  assert.equal(clock.pauses, 1);
});

test("runInPieces runs the steps a step appends to the array, in turn", async () => {
  const clock = fakeTime(50);
  const ran = [];
  const steps = [() => { ran.push(1); steps.push(() => ran.push(3)); }, () => ran.push(2)];
  assert.equal(await runInPieces(steps, { now: clock.now, pause: clock.pause }), true);
  assert.deepEqual(ran, [1, 2, 3]);
});

test("whenIdle waits for the browser's idle callback (asking for one within IDLE_WAIT_MS), else for the next frame", async () => {
  const idle = [];
  let resolved = false;
  const waiting = whenIdle({ requestIdleCallback: (fn, options) => idle.push([fn, options]) }).then(() => { resolved = true; });
  await new Promise((resolve) => setTimeout(resolve, 5));
  assert.equal(resolved, false); // the browser has not been idle yet
  assert.deepEqual(idle[0][1], { timeout: IDLE_WAIT_MS });
  idle[0][0]();
  await waiting;
  assert.equal(resolved, true);
  const frames = [];
  let painted = false;
  const noIdle = whenIdle({ requestAnimationFrame: (fn) => frames.push(fn), MessageChannel }).then(() => { painted = true; });
  await new Promise((resolve) => setTimeout(resolve, 5));
  assert.equal(painted, false);
  frames.shift()();
  await noIdle;
  assert.equal(painted, true);
});
