// Print, as JSON, the inline scripts the iframe-worker shim writes into its hidden frame for each worker URL given.
// The frame inherits the page's Content-Security-Policy, so the offline bundle allows exactly these scripts by hash
// (generator/site/offline.py). The shim itself runs here, against a stand-in document, so the hashes follow its code.
// Usage: node shim_frame.mjs SHIM_FILE WORKER_URL...
import { readFileSync } from "node:fs";
import vm from "node:vm";

/** The inline (src-less) scripts the shim writes when asked for a worker at url. */
function frameScripts(shimSource, url) {
  let written = "";
  const frame = { document: { open() {}, write(text) { written += text; }, close() {} } };
  const iframe = { contentWindow: frame, remove() {} };
  const context = {
    location: { protocol: "file:" },
    document: { createElement: () => iframe, body: { appendChild: () => iframe } },
    EventTarget: class {},
    MessageEvent: class {},
    ErrorEvent: class {},
    structuredClone,
    Date,
    Promise,
  };
  context.window = context;
  vm.createContext(context);
  vm.runInContext(shimSource, context);
  if (context.Worker === undefined) throw new Error("the shim did not install a Worker for file:// pages");
  new context.Worker(url); // eslint-disable-line no-new -- the constructor writes the frame
  const scripts = [...written.matchAll(/<script>([\s\S]*?)<\/script>/g)].map((match) => match[1]);
  if (scripts.length === 0) throw new Error("the shim wrote no inline script; its code has changed");
  return scripts;
}

const [shimFile, ...urls] = process.argv.slice(2);
const source = readFileSync(shimFile, "utf8");
const result = Object.fromEntries(urls.map((url) => [url, frameScripts(source, url)]));
process.stdout.write(JSON.stringify(result));
