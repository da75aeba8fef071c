// Rewrites src/'s imports to the doors eslint.config.js's allowlists name: outside src/engine, the engine's entry points; in the pane, the workbook layer through taskpane/planner.ts (whose re-export list it keeps); types moved between modules followed. Idempotent: run it again after a merge.
//   node scripts/rewrite-imports.js          rewrite in place, listing the files changed
//   node scripts/rewrite-imports.js --check  list what would change; exit 1 when anything would
const fs = require("fs");
const path = require("path");
const ts = require("typescript");

const ROOT = path.resolve(__dirname, "..");
const SRC = path.join(ROOT, "src");

/** Names that moved to another module (src-relative, without extension): their imports follow, in src/ and test/. */
const MOVED = {
  FamilyContext: { from: "engine/costing", to: "engine/model" },
  FamilyCapacity: { from: "engine/costing", to: "engine/model" },
  Approach: { from: "engine/aggregate", to: "engine/model" },
  SCENARIOS_SHEET_NAME: { from: "workbook/layout/scenarios", to: "workbook/reviewNames" },
  VARIANCE_SHEET_NAME: { from: "workbook/layout/variance", to: "workbook/reviewNames" },
};

/** The engine's entry points (eslint.config.js's ENGINE_ENTRIES): each internal module maps to the entry that exports it. */
function engineEntry(module) {
  if (module === "engine/index" || module === "engine/forecast/index") return module;
  return module.startsWith("engine/forecast/") ? "engine/forecast/index" : "engine/index";
}

/**
 * Doors: modules whose export list this script keeps, in a block at their end, for the names a
 * folder may import only through them (eslint.config.js's LAYERS): the pane's planner passes the
 * workbook layer on to the rest of the pane.
 */
const DOORS = {
  "taskpane/planner": { what: "The workbook layer as the rest of the pane imports it" },
};
const doorFile = (door) => path.join(SRC, `${door}.ts`);
const doorBegin = (door) => `// ---- ${DOORS[door].what} (scripts/rewrite-imports.js keeps this list) ----`;
const doorEnd = () => "// ---- end of the list ----";
/** The pane's files that may import the workbook layer themselves (eslint.config.js's taskpane entry). */
const PANE_WORKBOOK_FILES = new Set(["taskpane/planner.ts", "taskpane/run/planner.worker.ts", "taskpane/run/inProcess.ts"]);

const rel = (file) => path.relative(SRC, file).split(path.sep).join("/");

function sourceFiles(dir) {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return /\.tsx?$/.test(entry.name) && !entry.name.endsWith(".d.ts") ? [full] : [];
  });
}

/** `../engine` from src/workbook/pipeline.ts → `engine/index`; null for a package or outside src. */
function moduleOf(file, specifier) {
  if (!specifier.startsWith(".")) return null;
  const absolute = path.resolve(path.dirname(file), specifier);
  const relative = path.relative(SRC, absolute).split(path.sep).join("/");
  if (relative.startsWith("..")) return null;
  const isFolder = fs.existsSync(absolute) && fs.statSync(absolute).isDirectory();
  return isFolder ? `${relative}/index` : relative.replace(/\.(tsx?|jsx?)$/, "");
}

/** The specifier `file` writes for a src module: `../engine` for `engine/index`, `./planner` for `taskpane/planner`. */
function specifierFor(file, module) {
  const target = path.join(SRC, module.endsWith("/index") ? module.slice(0, -"/index".length) : module);
  const relative = path.relative(path.dirname(file), target).split(path.sep).join("/");
  return relative.startsWith(".") ? relative : `./${relative}`;
}

/** Where a named import should come from, given where it comes from now and which file imports it. */
function destination(self, module, name) {
  const moved = MOVED[name];
  if (moved && moved.from === module) module = moved.to;
  // The tests import what they test from where it is: only moved names are followed there.
  if (self.startsWith("../")) return { module };
  const folder = self.split("/")[0];
  if (folder !== "engine" && module.startsWith("engine/")) module = engineEntry(module);
  if (folder === "taskpane" && module.startsWith("workbook/") && !PANE_WORKBOOK_FILES.has(self)) return { module: "taskpane/planner", through: module, door: "taskpane/planner" };
  return { module };
}

function specifierText(s) {
  return `${s.type ? "type " : ""}${s.imported !== s.local ? `${s.imported} as ` : ""}${s.local}`;
}

function importText(specifier, specifiers) {
  const allTypes = specifiers.every((s) => s.type);
  const list = specifiers.map((s) => specifierText(allTypes ? { ...s, type: false } : s));
  const head = `import ${allTypes ? "type " : ""}{ `;
  const oneLine = `${head}${list.join(", ")} } from "${specifier}";`;
  return oneLine.length <= 160 ? oneLine : `import ${allTypes ? "type " : ""}{\n${list.map((s) => `  ${s},\n`).join("")}} from "${specifier}";`;
}

/** The file's named imports by declaration, with where each name should come from. */
function readImports(file, text) {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, file.endsWith(".tsx") ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
  const self = rel(file);
  const declarations = [];
  for (const statement of source.statements) {
    if (!ts.isImportDeclaration(statement) || !ts.isStringLiteral(statement.moduleSpecifier)) continue;
    const module = moduleOf(file, statement.moduleSpecifier.text);
    const clause = statement.importClause;
    if (!module || !clause || clause.name || !clause.namedBindings || !ts.isNamedImports(clause.namedBindings)) {
      declarations.push({ statement, module, fixed: true });
      continue;
    }
    const specifiers = clause.namedBindings.elements.map((e) => {
      const imported = (e.propertyName ?? e.name).text;
      return { imported, local: e.name.text, type: clause.isTypeOnly || e.isTypeOnly, ...destination(self, module, imported) };
    });
    declarations.push({ statement, module, specifiers, fixed: false });
  }
  return { source, self, declarations };
}

/** The file's text with its imports regrouped by destination; the names the pane's door must pass on. */
function rewrite(file, text) {
  const { source, declarations } = readImports(file, text);
  const passedOn = [];
  const changing = declarations.filter((d) => !d.fixed && d.specifiers.some((s) => s.module !== d.module));
  if (changing.length === 0) return { text, passedOn: collectPassedOn(declarations) };
  // Every declaration from a module that gains names is rewritten with them; the rest stay as written.
  const gaining = new Set(changing.flatMap((d) => d.specifiers.map((s) => s.module)));
  const rewritten = declarations.filter((d) => !d.fixed && (changing.includes(d) || gaining.has(d.module)));
  const byModule = new Map();
  for (const d of rewritten) {
    for (const s of d.specifiers) {
      const list = byModule.get(s.module) ?? [];
      if (!list.some((o) => o.local === s.local)) list.push(s);
      else if (!s.type) list.find((o) => o.local === s.local).type = false;
      byModule.set(s.module, list);
      if (s.through) passedOn.push(s);
    }
  }
  // Each module's new declaration takes the place of its first rewritten one; the others are removed.
  const placed = new Map();
  for (const d of rewritten) {
    const first = d.specifiers.map((s) => s.module).find((m) => !placed.has(m));
    if (first !== undefined) placed.set(first, d);
  }
  for (const module of byModule.keys()) if (!placed.has(module)) placed.set(module, rewritten[0]);
  const replacement = new Map(rewritten.map((d) => [d, []]));
  for (const [module, d] of placed) replacement.get(d).push(importText(specifierFor(file, module), byModule.get(module)));
  let out = "";
  let at = 0;
  for (const d of rewritten) {
    const start = d.statement.getStart(source);
    let end = d.statement.getEnd();
    const lines = replacement.get(d);
    if (lines.length === 0 && text[end] === "\n") end++;
    out += text.slice(at, start) + lines.join("\n");
    at = end;
  }
  out += text.slice(at);
  return { text: out, passedOn: [...passedOn, ...collectPassedOn(declarations.filter((d) => !rewritten.includes(d)))] };
}

/** Names a file already imports through a door by their own module (first run): the door must pass them on. */
function collectPassedOn(declarations) {
  return declarations.filter((d) => !d.fixed && d.module in DOORS).flatMap((d) => d.specifiers.filter((s) => s.through));
}

/** A door's list: each module's names, values apart from types, in a block of its own at the door's end. */
function doorBlock(door, names) {
  const file = doorFile(door);
  const byModule = new Map();
  for (const n of names) {
    const list = byModule.get(n.through) ?? { types: new Set(), values: new Set() };
    (n.type ? list.types : list.values).add(n.imported);
    byModule.set(n.through, list);
  }
  const lines = [];
  for (const module of [...byModule.keys()].sort()) {
    const { types, values } = byModule.get(module);
    for (const v of values) types.delete(v);
    const specifier = specifierFor(file, module);
    if (values.size > 0) lines.push(`export { ${[...values].sort().join(", ")} } from "${specifier}";`);
    if (types.size > 0) lines.push(`export type { ${[...types].sort().join(", ")} } from "${specifier}";`);
  }
  return lines.length === 0 ? "" : `${doorBegin(door)}\n${lines.join("\n")}\n${doorEnd()}\n`;
}

/** The names a door's block lists now, with their modules. */
function listedAtDoor(door, text) {
  const begin = text.indexOf(doorBegin(door));
  if (begin < 0) return [];
  const block = text.slice(begin, text.indexOf(doorEnd(), begin));
  return [...block.matchAll(/^export (type )?\{ (.*) \} from "(.*)";$/gm)].flatMap(([, type, names, specifier]) =>
    names.split(", ").map((imported) => ({ imported, type: Boolean(type), through: moduleOf(doorFile(door), specifier), door })),
  );
}

/** A door's text with its block replaced by `block`. */
function withDoor(door, text, block) {
  const begin = text.indexOf(doorBegin(door));
  const kept = begin < 0 ? text : text.slice(0, begin).replace(/\n+$/, "\n") + text.slice(text.indexOf(doorEnd(), begin) + doorEnd().length + 1);
  return block === "" ? kept : `${kept.replace(/\n*$/, "\n")}\n${block}`;
}

function main() {
  const check = process.argv.includes("--check");
  const changed = [];
  const passedOn = [];
  const texts = new Map();
  for (const file of [...sourceFiles(SRC), ...sourceFiles(path.join(ROOT, "test"))]) {
    const before = fs.readFileSync(file, "utf8");
    const result = rewrite(file, before);
    passedOn.push(...result.passedOn);
    texts.set(file, { before, after: result.text });
  }
  // A door keeps what it lists already (its importers no longer write those names' own modules).
  for (const door of Object.keys(DOORS)) {
    const entry = texts.get(doorFile(door));
    entry.after = withDoor(door, entry.after, doorBlock(door, [...listedAtDoor(door, entry.before), ...passedOn.filter((n) => n.door === door)]));
  }
  for (const [file, { before, after }] of texts) {
    if (before === after) continue;
    changed.push(rel(file));
    if (!check) fs.writeFileSync(file, after);
  }
  for (const file of changed) console.log(`${check ? "would rewrite" : "rewrote"} ${path.join("src", file)}`);
  if (check && changed.length > 0) process.exitCode = 1;
}

main();
