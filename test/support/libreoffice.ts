// Runs LibreOffice headless on .xlsx files: recalculates them (to compare with the engine) or converts them to .ods.
import { execFile } from "child_process";
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import * as path from "path";
import { pathToFileURL } from "url";
import { sofficePath } from "../../scripts/test-prerequisites";

/** Where `npm test`'s prerequisite check (scripts/test-prerequisites.js) looks too. */
export const SOFFICE = sofficePath();

export function libreOfficeAvailable(): boolean {
  return existsSync(SOFFICE);
}

/**
 * LibreOffice keeps the cached results of an .xlsx unless told otherwise; recalculation on load is
 * a user setting (Tools ▸ Options ▸ Calc ▸ Formula ▸ "Recalculation on file load"), so a fresh
 * profile carries it: 0 = always recalculate.
 */
const ALWAYS_RECALCULATE = `<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="ODFRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
`;

function freshProfile(): string {
  const profile = mkdtempSync(path.join(tmpdir(), "sop-lo-profile-"));
  mkdirSync(path.join(profile, "user"), { recursive: true });
  writeFileSync(path.join(profile, "user", "registrymodifications.xcu"), ALWAYS_RECALCULATE);
  return profile;
}

/**
 * Opens every file in one LibreOffice run (its start-up is the slow part), recalculates all
 * formulas, and saves each as .xlsx in `outDir` under the same name. Returns the output paths.
 */
export function recalculateWithLibreOffice(files: string[], outDir: string, timeoutMs = 180_000): Promise<string[]> {
  return convertWithLibreOffice(files, outDir, { extension: "xlsx", filter: "xlsx:Calc MS Excel 2007 XML" }, timeoutMs);
}

/** Saves each file as an OpenDocument spreadsheet in `outDir` (charts become embedded chart objects). */
export function convertToOdsWithLibreOffice(files: string[], outDir: string, timeoutMs = 180_000): Promise<string[]> {
  return convertWithLibreOffice(files, outDir, { extension: "ods", filter: "ods:calc8" }, timeoutMs);
}

/** Prints each file to PDF in `outDir`, as a reviewer without the add-in would (LibreOffice's page breaks, one outline entry per sheet). */
export function convertToPdfWithLibreOffice(files: string[], outDir: string, timeoutMs = 180_000): Promise<string[]> {
  return convertWithLibreOffice(files, outDir, { extension: "pdf", filter: "pdf:calc_pdf_Export" }, timeoutMs);
}

/** One headless LibreOffice run with a fresh profile, converting every file to `format` in `outDir`. */
function convertWithLibreOffice(files: string[], outDir: string, format: { extension: string; filter: string }, timeoutMs: number): Promise<string[]> {
  mkdirSync(outDir, { recursive: true });
  for (const file of files) {
    if (path.resolve(path.dirname(file)) === path.resolve(outDir)) {
      throw new Error(`LibreOffice: ${file} is already in ${outDir}; it would be overwritten`);
    }
  }
  const profile = freshProfile();
  const args = [
    `-env:UserInstallation=${pathToFileURL(profile).href}`,
    "--headless",
    "--norestore",
    "--nolockcheck",
    "--convert-to",
    format.filter,
    "--outdir",
    outDir,
    ...files,
  ];
  return new Promise((resolve, reject) => {
    execFile(SOFFICE, args, { timeout: timeoutMs, env: { ...process.env, HOME: profile } }, (error, stdout, stderr) => {
      rmSync(profile, { recursive: true, force: true });
      const outputs = files.map((f) => path.join(outDir, `${path.basename(f, path.extname(f))}.${format.extension}`));
      const missing = outputs.filter((f) => !existsSync(f));
      if (error || missing.length > 0) {
        reject(
          new Error(
            `LibreOffice did not convert ${missing.length > 0 ? missing.join(", ") : "the files"}: ${error?.message ?? ""}\n${stdout}\n${stderr}`,
          ),
        );
        return;
      }
      resolve(outputs);
    });
  });
}
