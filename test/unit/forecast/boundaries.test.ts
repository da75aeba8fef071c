// The forecasting engine is self-contained: its modules import only each other (no Office, no files, no workbook, no clock).
import { readdirSync, readFileSync } from "fs";
import * as path from "path";

const FOLDER = path.join(__dirname, "..", "..", "..", "src", "engine", "forecast");

describe("src/engine/forecast imports only itself", () => {
  const files = readdirSync(FOLDER).filter((f) => f.endsWith(".ts"));
  test.each(files)("%s", (file) => {
    const text = readFileSync(path.join(FOLDER, file), "utf8");
    const imports = [...text.matchAll(/(?:import|export)[^;]*?from\s+"([^"]+)"/g)].map((m) => m[1]);
    expect(imports.filter((i) => !i.startsWith("./"))).toEqual([]);
    expect(text).not.toMatch(/\b(Date\.now|new Date|Math\.random|performance\.now|process\.)/);
  });
});
