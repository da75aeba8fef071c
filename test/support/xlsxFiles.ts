// Writes small real .xlsx files from plain grids (each sheet's first row is its header), for end-to-end tests.
import ExcelJS from "exceljs";
import { mkdtempSync } from "fs";
import { tmpdir } from "os";
import * as path from "path";

export type Grid = (string | number | boolean | null | Date)[][];

export async function writeGridWorkbook(file: string, sheets: Record<string, Grid>, asTables = false): Promise<string> {
  const workbook = new ExcelJS.Workbook();
  for (const [name, grid] of Object.entries(sheets)) {
    const sheet = workbook.addWorksheet(name);
    if (asTables) {
      sheet.addTable({
        name,
        ref: "A1",
        headerRow: true,
        columns: grid[0].map((h) => ({ name: String(h) })),
        rows: grid.slice(1).map((row) => row.map((v) => (v === null ? "" : v))),
      });
    } else {
      grid.forEach((row, r) =>
        row.forEach((value, c) => {
          if (value !== null) sheet.getCell(r + 1, c + 1).value = value;
        }),
      );
    }
  }
  await workbook.xlsx.writeFile(file);
  return file;
}

export function tempDir(prefix = "sop-test-"): string {
  return mkdtempSync(path.join(tmpdir(), prefix));
}
