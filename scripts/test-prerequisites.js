// Before the tests (`npm test`, `.ci/run`): finds LibreOffice, Chromium and R's forecast package where the tests look for them; installs Debian's packages when it can (root, apt-get), else stops in one line naming the command to run.
"use strict";
const { spawnSync } = require("child_process");
const fs = require("fs");
const path = require("path");

/** LibreOffice as the formula, chart and print tests start it (test/support/libreoffice.ts); `SOFFICE` points elsewhere. */
function sofficePath(env = process.env) {
  return env.SOFFICE ?? "/usr/bin/soffice";
}

/** Chromium as the browser tests and the pane bench start it (test/e2e/harness/browser.js); `CHROMIUM_PATH` points elsewhere. */
function chromiumPath(env = process.env) {
  return env.CHROMIUM_PATH || "/usr/bin/chromium";
}

/** Whether `command` is an executable file in one of `env.PATH`'s folders. */
function onPath(command, env = process.env) {
  return (env.PATH ?? "").split(path.delimiter).some((dir) => {
    if (!dir) return false;
    try {
      fs.accessSync(path.join(dir, command), fs.constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
}

/** What the tests need, in the order the messages name them: how to find each, and Debian's package that provides it. */
const PREREQUISITES = [
  { name: "LibreOffice", debianPackage: "libreoffice-calc-nogui", override: "SOFFICE", found: (env) => fs.existsSync(sofficePath(env)) },
  { name: "Chromium", debianPackage: "chromium", override: "CHROMIUM_PATH", found: (env) => fs.existsSync(chromiumPath(env)) },
  {
    name: "R's forecast package",
    debianPackage: "r-cran-forecast",
    found: (env) => spawnSync("Rscript", ["-e", "library(forecast)"], { env, stdio: "ignore" }).status === 0,
  },
];

/** "A", "A and B", "A, B and C". */
function listed(names) {
  return names.length < 2 ? names.join("") : `${names.slice(0, -1).join(", ")} and ${names[names.length - 1]}`;
}

/** The apt-get arguments that install `packages`, without recommended extras. */
function aptInstallArgs(packages) {
  return ["install", "-y", "--no-install-recommends", ...packages];
}

/**
 * What to do, given the prerequisites not found (`missing`, in PREREQUISITES' order), whether this
 * process is root, whether apt-get is on PATH, whether Debian's packages were just installed, and
 * the command the user ran (`rerun`, named in the message):
 * - `{ action: "test" }`: nothing is missing;
 * - `{ action: "install", packages }`: root with apt-get, first attempt: `apt-get update`, then install;
 * - `{ action: "stop", message }`: one line naming the command to run; the tests do not start.
 */
function decide({ missing, root, aptGet, installed = false, rerun = "npm test" }) {
  if (missing.length === 0) return { action: "test" };
  const names = listed(missing.map((p) => p.name));
  const packages = missing.map((p) => p.debianPackage);
  const sudo = root ? "" : "sudo ";
  const command = `${sudo}apt-get update && ${sudo}apt-get ${aptInstallArgs(packages).join(" ")}`;
  if (installed) return { action: "stop", message: `Still missing ${names} after \`${command}\` (its output is above): fix what it reports, then ${rerun} again.` };
  if (root && aptGet) return { action: "install", packages };
  if (aptGet) return { action: "stop", message: `Missing ${names}: run ${command}, then ${rerun} again.` };
  const them = missing.length > 1 ? "them" : "it";
  const overrides = missing.filter((p) => p.override).map((p) => `${p.override} at ${p.name}`);
  const orPoint = overrides.length ? ` or point ${listed(overrides)}` : "";
  return { action: "stop", message: `Missing ${names}: install ${them} (on Debian or Ubuntu: ${command})${orPoint}, then ${rerun} again.` };
}

/** The prerequisites not found under `env`. */
function findMissing(env = process.env) {
  return PREREQUISITES.filter((p) => !p.found(env));
}

/** Runs apt-get with `args`, its output streamed; true when it succeeded. */
function aptGet(args) {
  const result = spawnSync("apt-get", args, { stdio: "inherit", env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" } });
  return result.status === 0;
}

/** Checks, installs when it can, checks again; exits 1 with one line when the tests cannot run. Argument: the command to name in that line. */
function main() {
  const rerun = process.argv[2] ?? "npm test";
  const root = typeof process.getuid === "function" && process.getuid() === 0;
  const hasAptGet = onPath("apt-get");
  const missing = findMissing();
  let decision = decide({ missing, root, aptGet: hasAptGet, rerun });
  if (decision.action === "install") {
    console.log(`Installing Debian's packages for ${listed(missing.map((p) => p.name))}: apt-get update, apt-get ${aptInstallArgs(decision.packages).join(" ")}`);
    if (aptGet(["update"])) aptGet(aptInstallArgs(decision.packages));
    decision = decide({ missing: findMissing(), root, aptGet: hasAptGet, installed: true, rerun });
  }
  if (decision.action === "stop") {
    console.error(decision.message);
    process.exit(1);
  }
}

if (require.main === module) main();

module.exports = { PREREQUISITES, aptInstallArgs, chromiumPath, decide, findMissing, onPath, sofficePath };
