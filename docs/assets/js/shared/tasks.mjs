// IECMH Competency Atlas: doing a page's loading work in pieces, so that no task keeps the page from answering input
// or painting for long (goal: no task over 50 ms on a 4x slower CPU). DOM-free: it needs only timers (node-tested).

/** How long one piece of work may run before it yields, in ms (a step that began inside it still finishes). */
export const PIECE_MS = 10;

/** A promise that resolves in a new task, so the browser can paint and handle input first: scheduler.yield where
 *  the browser has it (the rest of the work keeps its place in line), else a MessageChannel message (no 4 ms clamp
 *  as nested setTimeouts get), else setTimeout. */
export function yieldToMain(host = globalThis) {
  if (typeof host.scheduler?.yield === "function") return host.scheduler.yield();
  if (typeof host.MessageChannel === "function") {
    return new Promise((resolve) => {
      const channel = new host.MessageChannel();
      channel.port1.onmessage = () => {
        channel.port1.close();
        resolve();
      };
      channel.port2.postMessage(null);
    });
  }
  return new Promise((resolve) => setTimeout(resolve, 0));
}

/** How long afterPaint waits for a frame before it goes on without one (a hidden tab draws no frames), in ms. */
export const FRAME_WAIT_MS = 100;

/** A promise that resolves in a task after the browser has drawn its next frame (or after FRAME_WAIT_MS when it
 *  draws none), so the elements added before are styled and laid out in that frame, not all at once later. */
export function afterPaint(host = globalThis) {
  if (typeof host.requestAnimationFrame !== "function") return yieldToMain(host);
  return new Promise((resolve) => {
    let done = false;
    const finish = () => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      resolve();
    };
    const timer = setTimeout(finish, FRAME_WAIT_MS);
    host.requestAnimationFrame(() => yieldToMain(host).then(finish));
  });
}

/** Run steps in order, as many in each task as fit in budgetMs (at least one), pausing between tasks (by default
 *  until the next frame is drawn: then a frame has only one piece's new elements to lay out); the first task's steps
 *  run before this returns, unless later is true (then they too wait for a pause). A step may append further steps
 *  to the array; they run in turn. Resolves true once all ran, false when stillWanted() turned false first (then no
 *  further step runs). */
export function runInPieces(steps, { stillWanted = () => true, budgetMs = PIECE_MS, now = () => performance.now(),
  pause = afterPaint, later = false } = {}) {
  let index = 0;
  const piece = () => {
    const start = now();
    do {
      steps[index]();
      index += 1;
    } while (index < steps.length && now() - start < budgetMs);
  };
  const rest = async () => {
    while (index < steps.length) {
      await pause();
      if (!stillWanted()) return false;
      piece();
    }
    return true;
  };
  if (later) return rest();
  if (!stillWanted()) return Promise.resolve(false);
  if (steps.length) piece();
  return rest();
}

/** Run the first step now and each further step in its own task; resolves true when all ran, false if abandoned. */
export function inTasks(steps, stillWanted) {
  return runInPieces(steps, { stillWanted, budgetMs: 0 });
}

/** How long whenIdle waits at most for an idle moment before it runs the work anyway, in ms. */
export const IDLE_WAIT_MS = 1000;

/** A promise that resolves when the browser is idle (requestIdleCallback, at most IDLE_WAIT_MS later), so work no one
 *  is waiting for (rebuilding a hidden report) neither delays the next frame nor the next click's answer; where the
 *  browser has no idle callbacks, after the next frame (afterPaint). */
export function whenIdle(host = globalThis) {
  if (typeof host.requestIdleCallback !== "function") return afterPaint(host);
  return new Promise((resolve) => { host.requestIdleCallback(() => resolve(), { timeout: IDLE_WAIT_MS }); });
}
