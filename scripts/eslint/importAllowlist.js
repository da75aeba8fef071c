// ESLint rule `layers/import-allowlist`: each folder of src/ states what it may import, as VS Code's code-import-patterns do; anything else fails lint.
const fs = require("fs");
const path = require("path");

const SRC = path.resolve(__dirname, "..", "..", "src");

/** `engine/**`, `workbook/*`, `engine/index` as a regular expression over src-relative paths without extensions. */
function globToRegExp(glob) {
  let source = "";
  for (let i = 0; i < glob.length; i++) {
    if (glob[i] === "*" && glob[i + 1] === "*") {
      source += ".*";
      i++;
    } else if (glob[i] === "*") {
      source += "[^/]*";
    } else {
      source += glob[i].replace(/[.+?^${}()|[\]\\]/g, "\\$&");
    }
  }
  return new RegExp(`^${source}$`);
}

const matchesAny = (globs, target) => globs.some((glob) => globToRegExp(glob).test(target));

/** `../engine` from src/workbook/pipeline.ts → `engine/index`; `./parse` → `workbook/parse`; null outside src. */
function srcModule(fromFile, specifier) {
  const absolute = path.resolve(path.dirname(fromFile), specifier);
  const relative = path.relative(SRC, absolute).split(path.sep).join("/");
  if (relative.startsWith("..") || path.isAbsolute(relative)) return null;
  const isFolder = fs.existsSync(absolute) && fs.statSync(absolute).isDirectory();
  return isFolder ? `${relative}/index` : relative.replace(/\.(tsx?|jsx?)$/, "");
}

module.exports = {
  meta: {
    type: "problem",
    docs: { description: "Each folder of src/ imports only what its allowlist names." },
    schema: [
      {
        type: "object",
        properties: {
          // What the folder may import: `engine/index`, `template/**`, or { target, from } for a target only some of its files may import.
          allow: { type: "array", items: { anyOf: [{ type: "string" }, { type: "object", properties: { target: { type: "string" }, from: { type: "array", items: { type: "string" } } }, required: ["target", "from"], additionalProperties: false }] } },
          // Modules only the files listed may import, whatever their folder allows.
          only: { type: "object", additionalProperties: { type: "array", items: { type: "string" } } },
          message: { type: "string" },
        },
        required: ["allow", "message"],
        additionalProperties: false,
      },
    ],
    messages: {
      notAllowed: "'{{target}}' is not among what src/{{folder}} may import. {{message}}",
      onlyFrom: "'{{target}}' may be imported only by {{files}}. {{message}}",
    },
  },
  create(context) {
    const [{ allow, only = {}, message }] = context.options;
    const file = context.filename;
    const self = path.relative(SRC, file).split(path.sep).join("/");
    if (self.startsWith("..")) return {};
    const folder = self.split("/")[0];
    function check(node) {
      if (!node || node.type !== "Literal" || typeof node.value !== "string" || !node.value.startsWith(".")) return;
      const target = srcModule(file, node.value);
      if (target === null) return;
      for (const [module, files] of Object.entries(only)) {
        if (globToRegExp(module).test(target) && !matchesAny(files, self)) {
          context.report({ node, messageId: "onlyFrom", data: { target, files: files.join(", "), message } });
          return;
        }
      }
      const allowed = allow.some((entry) => (typeof entry === "string" ? globToRegExp(entry).test(target) : globToRegExp(entry.target).test(target) && matchesAny(entry.from, self)));
      if (!allowed) context.report({ node, messageId: "notAllowed", data: { target, folder, message } });
    }
    return {
      ImportDeclaration: (node) => check(node.source),
      ExportNamedDeclaration: (node) => check(node.source),
      ExportAllDeclaration: (node) => check(node.source),
      ImportExpression: (node) => check(node.source),
    };
  },
};
