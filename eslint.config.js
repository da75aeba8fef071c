// ESLint flat config: TypeScript rules for src and test, the rules of hooks for the task pane, Node for scripts.
const js = require("@eslint/js");
const { defineConfig } = require("eslint/config");
const reactHooks = require("eslint-plugin-react-hooks");
const globals = require("globals");
const tseslint = require("typescript-eslint");

const importAllowlist = require("./scripts/eslint/importAllowlist");

/** Office.js packages and the Office adapter: only src/excel, src/taskpane and src/commands may import them. */
const OFFICE_IMPORTS = { group: ["@microsoft/office-js", "office-js", "**/excel/*"], message: "Office stays in src/excel and src/taskpane." };

/**
 * The engine's public entry points: its facade, and the entry modules named for a part that is
 * used alone (the forecasting methods). Outside src/engine nothing imports another engine module.
 * The bundles stay small through the facade because package.json says the modules have no side
 * effects: webpack takes from the facade only the modules whose exports are used.
 * scripts/rewrite-imports.js rewrites imports to these doors after a merge.
 */
const ENGINE_ENTRIES = ["engine/index", "engine/forecast/index"];

/** What each folder of src/ may import (src-relative module paths; `**` any depth). Imports of packages are not listed here. */
const LAYERS = {
  engine: { allow: ["engine/**"], message: "The engine holds only the maths: it imports nothing of the project outside src/engine." },
  template: { allow: ["template/**", ...ENGINE_ENTRIES], message: "The template is pure: it imports itself and the engine's entry points." },
  workbook: { allow: ["workbook/**", "template/**", ...ENGINE_ENTRIES], message: "The workbook layer imports the template and the engine's entry points." },
  functions: { allow: ["functions/**", "template/**", "solver/**", ...ENGINE_ENTRIES], message: "The functions read cells through the template and plan through the engine's entry points (the solver loaded on demand)." },
  taskpane: {
    allow: [
      "taskpane/**",
      "template/**",
      "solver/**",
      ...ENGINE_ENTRIES,
      // The workbook layer through one module: the pane's planner (and the planning run, in its worker).
      { target: "workbook/**", from: ["taskpane/planner.ts", "taskpane/run/planner.worker.ts", "taskpane/run/inProcess.ts"] },
      { target: "excel/officeHost", from: ["taskpane/index.tsx"] },
    ],
    message: "The pane imports the engine's entry points, the template, and the workbook layer through taskpane/planner.ts.",
  },
  excel: { allow: ["excel/**", "workbook/**", "template/**"], message: "The Office adapter writes the workbook layer's sheets: it imports that layer and the template." },
  xlsx: { allow: ["xlsx/**", "workbook/**", "template/**"], message: "The .xlsx adapter imports the workbook layer and the template." },
  cli: { allow: ["cli/**", "workbook/**", "template/**", "xlsx/**", "solver/**", ...ENGINE_ENTRIES], message: "The command line imports the layers below it and the engine's entry points." },
  solver: { allow: ["solver/**", ...ENGINE_ENTRIES], message: "The solver adapter implements the engine's LP port, from its entry points." },
  commands: { allow: ["commands/**"], message: "The ribbon command imports nothing of the project." },
};

/** Modules only some files may import, whatever their folder allows: the parser, read by the run pipeline and the pane's planner. */
const ONLY_FROM = { "workbook/parse": ["workbook/run/inputs.ts", "taskpane/planner.ts"] };

module.exports = defineConfig(
  { ignores: ["dist/", "lib/", "coverage/", "test-output/", "node_modules/"] },
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    files: ["**/*.{ts,tsx}"],
    rules: {
      "@typescript-eslint/no-explicit-any": "error",
      // `_`-prefixed parameters are the usual way to say "required by the signature, not used".
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
  {
    files: ["src/**/*.{ts,tsx}"],
    languageOptions: { globals: { ...globals.browser } },
  },
  // Office stays in the Office adapter, the task pane and the ribbon command; each folder imports
  // only what LAYERS names. test/unit/lintBoundaries.test.ts proves each rule bites.
  {
    files: ["src/**/*.{ts,tsx}"],
    ignores: ["src/excel/**", "src/taskpane/**", "src/commands/**"],
    rules: {
      "no-restricted-imports": ["error", { patterns: [OFFICE_IMPORTS] }],
      "no-restricted-syntax": [
        "error",
        { selector: "TSQualifiedName[left.name=/^(Excel|Office|OfficeExtension)$/]", message: "Office types stay in src/excel and src/taskpane." },
        { selector: "MemberExpression[object.name=/^(Excel|Office|OfficeExtension)$/]", message: "Office calls stay in src/excel and src/taskpane." },
      ],
    },
  },
  // Each folder's import allowlist, as VS Code's layer rules: do not relax these to make an import
  // pass; import what the allowlist names (the engine's entry points, the pane's planner module).
  ...Object.entries(LAYERS).map(([folder, { allow, message }]) => ({
    files: [`src/${folder}/**/*.{ts,tsx}`],
    plugins: { layers: { rules: { "import-allowlist": importAllowlist } } },
    rules: { "layers/import-allowlist": ["error", { allow, only: ONLY_FROM, message }] },
  })),
  {
    files: ["src/taskpane/**/*.{ts,tsx}", "test/**/*.tsx"],
    ...reactHooks.configs.flat.recommended,
  },
  {
    files: ["test/**/*.{ts,tsx}"],
    languageOptions: { globals: { ...globals.node, ...globals.jest } },
  },
  {
    // Node scripts and tool configs are CommonJS.
    files: ["**/*.js"],
    languageOptions: { sourceType: "commonjs", globals: { ...globals.node } },
    rules: { "@typescript-eslint/no-require-imports": "off" },
  },
);
