// `npm test`'s first step: what it does when LibreOffice, Chromium or R's forecast package is missing (install as root with apt-get, else one line naming the command), decided and then run against stand-in tools.
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { PREREQUISITES, chromiumPath, decide, sofficePath } from "../../scripts/test-prerequisites";

const ROOT = path.join(__dirname, "..", "..");
const SCRIPT = path.join(ROOT, "scripts", "test-prerequisites.js");
const byName = (name: string) => {
  const found = PREREQUISITES.find((p) => p.name === name);
  if (!found) throw new Error(`no prerequisite ${name}`);
  return found;
};
const LIBREOFFICE = byName("LibreOffice");
const CHROMIUM = byName("Chromium");
const FORECAST = byName("R's forecast package");

describe("the decision", () => {
  it("runs the tests when nothing is missing, root or not, apt-get or not", () => {
    for (const root of [true, false]) for (const aptGet of [true, false]) expect(decide({ missing: [], root, aptGet })).toEqual({ action: "test" });
  });

  it("as root with apt-get, installs Debian's packages for exactly what is missing", () => {
    expect(decide({ missing: [CHROMIUM], root: true, aptGet: true })).toEqual({ action: "install", packages: ["chromium"] });
    expect(decide({ missing: [LIBREOFFICE, CHROMIUM, FORECAST], root: true, aptGet: true })).toEqual({
      action: "install",
      packages: ["libreoffice-calc-nogui", "chromium", "r-cran-forecast"],
    });
  });

  it("not root, stops in one line naming the sudo apt-get command and the command to run again", () => {
    expect(decide({ missing: [LIBREOFFICE, CHROMIUM], root: false, aptGet: true })).toEqual({
      action: "stop",
      message:
        "Missing LibreOffice and Chromium: run sudo apt-get update && sudo apt-get install -y --no-install-recommends libreoffice-calc-nogui chromium, then npm test again.",
    });
    expect(decide({ missing: [FORECAST], root: false, aptGet: true, rerun: ".ci/run" })).toEqual({
      action: "stop",
      message: "Missing R's forecast package: run sudo apt-get update && sudo apt-get install -y --no-install-recommends r-cran-forecast, then .ci/run again.",
    });
  });

  it("without apt-get, names Debian's command and the variables that point the tests elsewhere (none for R)", () => {
    expect(decide({ missing: [CHROMIUM], root: false, aptGet: false })).toEqual({
      action: "stop",
      message:
        "Missing Chromium: install it (on Debian or Ubuntu: sudo apt-get update && sudo apt-get install -y --no-install-recommends chromium) or point CHROMIUM_PATH at Chromium, then npm test again.",
    });
    const all = decide({ missing: [LIBREOFFICE, CHROMIUM, FORECAST], root: true, aptGet: false });
    expect(all).toEqual({
      action: "stop",
      message:
        "Missing LibreOffice, Chromium and R's forecast package: install them (on Debian or Ubuntu: apt-get update && apt-get install -y --no-install-recommends libreoffice-calc-nogui chromium r-cran-forecast) or point SOFFICE at LibreOffice and CHROMIUM_PATH at Chromium, then npm test again.",
    });
    expect(decide({ missing: [FORECAST], root: false, aptGet: false })).toMatchObject({ message: expect.not.stringContaining(" point ") });
  });

  it("after installing, stops if anything is still missing instead of installing again", () => {
    expect(decide({ missing: [CHROMIUM], root: true, aptGet: true, installed: true })).toEqual({
      action: "stop",
      message: "Still missing Chromium after `apt-get update && apt-get install -y --no-install-recommends chromium` (its output is above): fix what it reports, then npm test again.",
    });
    expect(decide({ missing: [], root: true, aptGet: true, installed: true })).toEqual({ action: "test" });
  });

  it("every message is one line", () => {
    const subsets = [[LIBREOFFICE], [CHROMIUM, FORECAST], [LIBREOFFICE, CHROMIUM, FORECAST]];
    for (const missing of subsets) {
      for (const root of [true, false]) {
        for (const aptGet of [true, false]) {
          for (const installed of [true, false]) {
            const decision = decide({ missing, root, aptGet, installed });
            if (decision.action === "stop") expect(decision.message).not.toMatch(/\n/);
          }
        }
      }
    }
  });

  it("looks where the tests look, with the same overrides", () => {
    expect(sofficePath({})).toBe("/usr/bin/soffice");
    expect(sofficePath({ SOFFICE: "/opt/lo/soffice" })).toBe("/opt/lo/soffice");
    expect(chromiumPath({})).toBe("/usr/bin/chromium");
    expect(chromiumPath({ CHROMIUM_PATH: "" })).toBe("/usr/bin/chromium");
    expect(chromiumPath({ CHROMIUM_PATH: "/opt/chromium" })).toBe("/opt/chromium");
  });

  it("the README names every Debian package it installs", () => {
    const readme = fs.readFileSync(path.join(ROOT, "README.md"), "utf8");
    for (const p of PREREQUISITES) expect(readme).toContain(p.debianPackage);
  });
});

describe("the script, against stand-in tools", () => {
  let dir: string;
  let bin: string;
  let env: NodeJS.ProcessEnv;

  /** An executable shell script in the stand-in PATH. */
  const tool = (name: string, body: string) => {
    fs.writeFileSync(path.join(bin, name), `#!/bin/sh\n${body}\n`);
    fs.chmodSync(path.join(bin, name), 0o755);
  };
  const run = (...args: string[]) => spawnSync(process.execPath, [SCRIPT, ...args], { env, encoding: "utf8" });

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "sop-prereq-"));
    bin = path.join(dir, "bin");
    fs.mkdirSync(bin);
    // PATH holds only the stand-ins: no real Rscript or apt-get is reached.
    env = { PATH: bin, HOME: dir, SOFFICE: path.join(dir, "soffice"), CHROMIUM_PATH: path.join(dir, "chromium") };
  });

  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("is silent and succeeds when all three are found, R asked to load forecast", () => {
    fs.writeFileSync(env.SOFFICE as string, "");
    fs.writeFileSync(env.CHROMIUM_PATH as string, "");
    tool("Rscript", `echo "$@" > "${dir}/rscript.args"`);
    const result = run();
    expect({ status: result.status, stdout: result.stdout, stderr: result.stderr }).toEqual({ status: 0, stdout: "", stderr: "" });
    expect(fs.readFileSync(path.join(dir, "rscript.args"), "utf8").trim()).toBe("-e library(forecast)");
  });

  it("counts R without forecast as missing", () => {
    fs.writeFileSync(env.SOFFICE as string, "");
    fs.writeFileSync(env.CHROMIUM_PATH as string, "");
    tool("Rscript", "echo \"there is no package called 'forecast'\" >&2; exit 1");
    const result = run();
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/^Missing R's forecast package: .*r-cran-forecast.*, then npm test again\.\n$/);
  });

  it("without apt-get, stops before anything else in one line", () => {
    const result = run(".ci/run");
    expect(result.status).toBe(1);
    expect(result.stdout).toBe("");
    expect(result.stderr.trimEnd().split("\n")).toEqual([
      "Missing LibreOffice, Chromium and R's forecast package: install them (on Debian or Ubuntu: " +
        `${process.getuid?.() === 0 ? "" : "sudo "}apt-get update && ${process.getuid?.() === 0 ? "" : "sudo "}apt-get install -y --no-install-recommends libreoffice-calc-nogui chromium r-cran-forecast)` +
        " or point SOFFICE at LibreOffice and CHROMIUM_PATH at Chromium, then .ci/run again.",
    ]);
  });

  // Root or not is this machine's: each branch is the script's real behaviour for it.
  const root = process.getuid?.() === 0;
  it(
    root
      ? "as root with apt-get, runs apt-get update then install (output streamed, non-interactive) and goes on once installed"
      : "not root, names the sudo command and never runs apt-get",
    () => {
      fs.writeFileSync(env.SOFFICE as string, "");
      const log = path.join(dir, "apt-get.log");
      // The stand-in apt-get "installs" what the script asks for: Chromium's file, and forecast for the stand-in R.
      tool("Rscript", `[ -e "${dir}/forecast" ]`);
      tool(
        "apt-get",
        [
          `echo "$DEBIAN_FRONTEND $@" >> "${log}"`,
          'if [ "$1" = install ]; then',
          "  echo 'Setting up chromium'",
          `  : > "${env.CHROMIUM_PATH}"`,
          `  : > "${dir}/forecast"`,
          "fi",
        ].join("\n"),
      );
      const result = run();
      if (root) {
        expect({ status: result.status, stderr: result.stderr }).toEqual({ status: 0, stderr: "" });
        expect(result.stdout).toContain("Installing Debian's packages for Chromium and R's forecast package");
        expect(result.stdout).toContain("Setting up chromium");
        expect(fs.readFileSync(log, "utf8").trim().split("\n")).toEqual([
          "noninteractive update",
          "noninteractive install -y --no-install-recommends chromium r-cran-forecast",
        ]);
      } else {
        expect(result.status).toBe(1);
        expect(result.stderr).toBe(
          "Missing Chromium and R's forecast package: run sudo apt-get update && sudo apt-get install -y --no-install-recommends chromium r-cran-forecast, then npm test again.\n",
        );
        expect(fs.existsSync(log)).toBe(false);
      }
    },
  );

  // Only root reaches apt-get, so only there can it fail.
  if (root) {
    it("as root, stops in one line when apt-get leaves something missing", () => {
      tool("apt-get", 'echo "E: apt-get $1 failed" >&2; exit 100');
      const result = run();
      expect(result.status).toBe(1);
      expect(result.stderr).toContain("E: apt-get update failed");
      expect(result.stderr.trimEnd().split("\n").pop()).toBe(
        "Still missing LibreOffice, Chromium and R's forecast package after `apt-get update && apt-get install -y --no-install-recommends libreoffice-calc-nogui chromium r-cran-forecast` (its output is above): fix what it reports, then npm test again.",
      );
    });
  }
});
