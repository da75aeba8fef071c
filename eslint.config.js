// ESLint flat config: TypeScript rules for src and test, the rules of hooks for the task pane, Node for scripts.
const js = require("@eslint/js");
const { defineConfig } = require("eslint/config");
const reactHooks = require("eslint-plugin-react-hooks");
const globals = require("globals");
const tseslint = require("typescript-eslint");

/** Office.js packages and the Office adapter: only src/excel, src/taskpane and src/commands may import them. */
const OFFICE_IMPORTS = { group: ["@microsoft/office-js", "office-js", "**/excel/*"], message: "Office stays in src/excel and src/taskpane." };

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
  // The layers: the engine is the core and imports nothing of the project outside itself; the
  // template schema names the engine's model and nothing else; Office stays in the Office adapter,
  // the task pane and the ribbon command. test/unit/lintBoundaries.test.ts proves each rule bites.
  // (Flat config: a later block's no-restricted-imports replaces an earlier one's, so the engine's
  // and the schema's blocks repeat the Office patterns.)
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
  {
    files: ["src/engine/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        { patterns: [OFFICE_IMPORTS, { group: ["../*", "!../engine", "!../engine/*"], message: "The engine holds only the maths: it imports nothing of the project outside src/engine." }] },
      ],
    },
  },
  {
    // The engine's own folders (src/engine/optimal, src/engine/lp, …): their parent is the engine, so one level more leaves it.
    files: ["src/engine/*/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        { patterns: [OFFICE_IMPORTS, { group: ["../../*", "!../../engine", "!../../engine/*"], message: "The engine holds only the maths: it imports nothing of the project outside src/engine." }] },
      ],
    },
  },
  {
    files: ["src/template/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        { patterns: [OFFICE_IMPORTS, { group: ["../*", "!../engine", "!../engine/*", "!../template", "!../template/*"], message: "The template schema is pure: it imports only the engine's model." }] },
      ],
    },
  },
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
