// IECMH Competency Atlas: the self-assessment's logs section, whose code (logs-view.mjs and logs-csv.mjs, a quarter
// of the page's script) is loaded on first use only: at once when the saved logs hold anything, else when the user
// unfolds them. Until then the section is its heading, its sentence and the folded disclosure.
import { el } from "../shared/dom.mjs";
import { hasLogs, logsOf, requirementOf } from "./logs.mjs";

/** The logs section of one mount (app: data, state, update, logsArrived); stands for the LogsView once loaded. */
export class LazyLogs {
  constructor(app) {
    this.app = app;
    this.view = null;
    this.loading = null;
    this.body = null;
  }

  /** Whether the category has a log of this kind (an hours requirement of that id). */
  has(log) {
    return Boolean(requirementOf(this.app.data, log));
  }

  /** The section (nothing when the category has neither log); its code starts loading when the logs hold anything. */
  section() {
    if (!this.has("training") && !this.has("rsc")) return null;
    const logs = logsOf(this.app.state);
    const summary = el("summary", { text: "Show the logs" });
    this.body = el("details", { class: "atlas-logs-body", open: logs.training.length + logs.rsc.length > 0 || Boolean(logs.coursework) },
      summary);
    this.body.addEventListener("toggle", () => { if (this.body.open) this.load(); });
    summary.addEventListener("pointerdown", () => this.load(), { once: true }); // a head start on the toggle
    if (this.body.open || hasLogs(logs)) this.load();
    return el("section", { class: "atlas-logs", "aria-labelledby": "atlas-logs-title" },
      el("h2", { id: "atlas-logs-title", text: "Training, RSC and coursework logs" }),
      el("p", {}, "Keep each training and each RSC session here as you would for an application; the requirements " +
        "above count these logs once they have an entry. Everything stays in this browser and in files you save."),
      this.body);
  }

  /** Load and build the logs (once); resolves when they are on the page. */
  load() {
    this.loading ??= import("./logs-view.mjs").then(({ LogsView }) => {
      this.view = new LogsView(this.app);
      this.view.fill(this.body);
      this.view.render();
      this.app.logsArrived();
    }).catch(() => this.app.say("The logs could not be loaded in this browser; reload the page to see them."));
    return this.loading;
  }

  /** Resolves once the logs a mount started loading are built (at once when none were wanted). */
  get started() {
    return this.loading ?? Promise.resolve();
  }

  /** Totals, tables, renewal and the evidence on the items (nothing while not loaded: the logs are then empty or
   *  folded away unchanged). */
  render() {
    this.view?.render();
  }

  /** The evidence the logs give each item. */
  renderLinks() {
    this.view?.renderLinks();
  }

  /** The logs' part of the gap report and the printout (none while not loaded: the logs are then empty). */
  reportPart() {
    return this.view ? this.view.reportPart() : [];
  }
}
