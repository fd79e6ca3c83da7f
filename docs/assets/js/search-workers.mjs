// IECMH Competency Atlas: which search engine answers which query, without the DOM (tested with node --test).
//
// Pagefind answers in a worker thread and cannot stop a search it has started, so a query typed while an older one
// is searched waits for it: at a hundred times the data a broad word takes Pagefind 60-100 ms, as long again as the
// query's own search. The dialog therefore keeps two engines, each Pagefind in a worker of its own
// (search-worker.mjs): one answers, the other is started and waits. A query typed while the answering engine is busy
// goes to the waiting one at once, the busy one is ended (its answer would be dropped anyway) and a new one started
// in its place; while no engine waits ready, the query waits for the busy one, as with latestWins.
import { SUPERSEDED } from "./search-core.mjs";

/** Engines kept at once: one answering, one ready to take the next query. */
export const ENGINES = 2;

/** A pool of search engines for one dialog. `start()` makes an engine: an object with `ready` (a promise settled when
 *  it can search), `search(request)` (a promise of its answer) and `end()` (stops it at once, whatever it does).
 *  `ask(request)` resolves to the engine's answer, or to SUPERSEDED when a newer request came before it started; a
 *  request whose engine is ended while it searches resolves to SUPERSEDED too. */
export class SearchEngines {
  constructor(start, count = ENGINES) {
    this.start = start;
    this.count = count;
    this.engines = [];
    this.waiting = null;
    this.failure = null;
    this.fill();
  }

  /** Start engines until there are `count` of them. */
  fill() {
    while (this.engines.length < this.count) {
      const engine = { worker: this.start(), state: "starting", job: null };
      this.engines.push(engine);
      engine.worker.ready.then(() => {
        if (engine.state !== "starting") return;
        engine.state = "idle";
        this.failure = null;
        this.next();
      }, (error) => {
        this.drop(engine);
        this.failure = error;
        if (!this.engines.length && this.waiting) {
          this.waiting.reject(error);
          this.waiting = null;
        }
      });
    }
  }

  /** Whether any engine can search now or soon. */
  get alive() {
    return this.engines.length > 0;
  }

  /** A promise settled when an engine is ready to search (for a "ready" mark; rejects if none could start). */
  whenReady() {
    return Promise.any(this.engines.map((engine) => engine.worker.ready));
  }

  /** Take an engine out of the pool and stop it; its running request, if any, resolves to SUPERSEDED. */
  drop(engine) {
    engine.state = "ended";
    this.engines = this.engines.filter((other) => other !== engine);
    engine.worker.end();
    engine.job?.resolve(SUPERSEDED);
    engine.job = null;
  }

  /** Ask for an answer to `request`: the latest request wins; see the class. */
  ask(request) {
    return new Promise((resolve, reject) => {
      if (!this.alive) this.fill();
      this.waiting?.resolve(SUPERSEDED);
      this.waiting = { request, resolve, reject };
      this.next();
    });
  }

  /** Start the waiting request on an idle engine, ending the busy ones (their answers are stale now). */
  next() {
    if (!this.waiting) return;
    const idle = this.engines.find((engine) => engine.state === "idle");
    if (!idle) return;
    const job = this.waiting;
    this.waiting = null;
    for (const busy of this.engines.filter((engine) => engine.state === "busy")) this.drop(busy);
    idle.state = "busy";
    idle.job = job;
    this.fill();
    idle.worker.search(job.request).then((answer) => {
      if (idle.job !== job) return; // ended meanwhile: already resolved as superseded
      idle.job = null;
      idle.state = "idle";
      job.resolve(answer);
      this.next();
    }, (error) => {
      if (idle.job !== job) return;
      idle.job = null;
      this.drop(idle);
      job.reject(error);
      this.fill();
      this.next();
    });
  }

  /** The engine that gave the latest answer, for its next results ("More results"), if it still runs. */
  engineOf(answer) {
    return this.engines.find((engine) => engine.worker === answer?.engine && engine.state !== "ended")?.worker ?? null;
  }

  /** Stop every engine. */
  close() {
    for (const engine of [...this.engines]) this.drop(engine);
    this.waiting?.resolve(SUPERSEDED);
    this.waiting = null;
  }
}
