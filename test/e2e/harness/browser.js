// Shared by the browser tests and the bench: builds the test pane if stale, serves it on 127.0.0.1, starts Debian's Chromium.
"use strict";
const { spawnSync } = require("child_process");
const fs = require("fs");
const http = require("http");
const os = require("os");
const path = require("path");
const zlib = require("zlib");
const { chromiumPath } = require("../../../scripts/test-prerequisites");

const ROOT = path.resolve(__dirname, "..", "..", "..");
const BUILD_DIR = path.join(ROOT, "test-output", "e2e-dist");
const STAMP = path.join(BUILD_DIR, ".built");
const OFFICE_JS_DIR = path.join(ROOT, "node_modules", "@microsoft", "office-js", "dist");
/** Where `npm test`'s prerequisite check (scripts/test-prerequisites.js) looks too. */
const CHROMIUM = chromiumPath();

/** Inputs of the build: when any is newer than the last build, build again. */
const SOURCES = ["src", "test/e2e/harness", "webpack.config.js", "package-lock.json", "tsconfig.json"];

function newestMtime(target) {
  const stat = fs.statSync(target);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of fs.readdirSync(target)) newest = Math.max(newest, newestMtime(path.join(target, entry)));
  return newest;
}

/** Builds the production bundles plus the test page (`webpack --mode production --env e2e`) unless the build is current. */
function ensureBuild() {
  const sourcesAt = Math.max(...SOURCES.map((s) => path.join(ROOT, s)).filter(fs.existsSync).map(newestMtime));
  if (fs.existsSync(STAMP) && fs.statSync(STAMP).mtimeMs >= sourcesAt) return BUILD_DIR;
  const webpack = path.join(ROOT, "node_modules", "webpack-cli", "bin", "cli.js");
  const result = spawnSync(process.execPath, [webpack, "--mode", "production", "--env", "e2e"], {
    cwd: ROOT,
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
  });
  if (result.status !== 0) throw new Error(`The test build failed:\n${result.stdout}\n${result.stderr}`);
  fs.writeFileSync(STAMP, new Date().toISOString());
  return BUILD_DIR;
}

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".json": "application/json",
  ".png": "image/png",
  ".wasm": "application/wasm",
  ".xml": "application/xml",
  ".map": "application/json",
};

/** A static file server over `dir` on 127.0.0.1 and a free port. Counts the bytes it sends, per file. */
function serve(dir) {
  const sent = new Map();
  const server = http.createServer((request, response) => {
    const url = new URL(request.url, "http://127.0.0.1");
    const file = path.join(dir, path.normalize(decodeURIComponent(url.pathname)).replace(/^([/\\])+/, ""));
    if (!file.startsWith(dir) || !fs.existsSync(file) || fs.statSync(file).isDirectory()) {
      response.writeHead(404).end("not found");
      return;
    }
    const body = fs.readFileSync(file);
    sent.set(path.basename(file), (sent.get(path.basename(file)) || 0) + body.length);
    response.writeHead(200, { "Content-Type": TYPES[path.extname(file)] || "application/octet-stream", "Cache-Control": "no-store" });
    response.end(body);
  });
  return new Promise((resolve) => {
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      resolve({ url: `http://127.0.0.1:${port}`, sent, close: () => new Promise((done) => server.close(done)) });
    });
  });
}

const FLAGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

/** Chromium with a fresh profile; `close()` ends it and removes the profile. Nothing is downloaded. */
async function launch() {
  const { chromium } = require("playwright-core");
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), "sop-chromium-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: FLAGS,
    viewport: { width: 350, height: 900 },
  });
  return {
    context,
    close: async () => {
      await context.close();
      fs.rmSync(profile, { recursive: true, force: true });
    },
  };
}

/**
 * Serves office.js from node_modules where the page asks Microsoft's CDN for it, and refuses
 * every other request that leaves 127.0.0.1: the tests never touch the network.
 */
async function routeOffline(context) {
  await context.route(/^https?:\/\//, (route) => {
    const url = new URL(route.request().url());
    if (url.hostname === "127.0.0.1") return route.continue();
    const match = /\/lib\/1\/hosted\/(.+)$/.exec(url.pathname);
    const file = match && path.join(OFFICE_JS_DIR, path.normalize(match[1]));
    if (file && file.startsWith(OFFICE_JS_DIR) && fs.existsSync(file)) {
      return route.fulfill({ status: 200, contentType: "text/javascript", body: fs.readFileSync(file, "utf8") });
    }
    return route.abort();
  });
}

/** The initial task-pane JavaScript must stay under this, gzipped (the worker and the solver load later, on demand). */
const INITIAL_JS_BUDGET_GZIP = 200 * 1024;

/**
 * The JavaScript the production task pane loads before it is interactive, from the scripts the
 * test page fetched until then: taskpane.html's three entries, the UI chunks both pages share,
 * and the Office adapter's chunk in place of the test page's own entry (which holds the memory host).
 */
function initialJavaScript(dir, fetchedScripts) {
  const adapter = fs
    .readdirSync(dir)
    .filter((f) => f.endsWith(".js") && !["functions.js", "e2e.js"].includes(f))
    .find((f) => fs.readFileSync(path.join(dir, f), "utf8").includes("sop-planner-sheet"));
  const uiChunks = [...new Set(fetchedScripts)].filter((f) => f !== "e2e.js");
  const files = [...new Set(["functions.js", "commands.js", "taskpane.js", ...uiChunks, ...(adapter ? [adapter] : [])])];
  const rows = files.map((file) => {
    const body = fs.readFileSync(path.join(dir, file));
    return { file, raw: body.length, gzip: zlib.gzipSync(body, { level: 9 }).length };
  });
  const total = rows.reduce((sum, r) => ({ raw: sum.raw + r.raw, gzip: sum.gzip + r.gzip }), { raw: 0, gzip: 0 });
  return { rows, total };
}

module.exports = { BUILD_DIR, CHROMIUM, INITIAL_JS_BUDGET_GZIP, ensureBuild, initialJavaScript, launch, routeOffline, serve };
