// Offline checks of manifest.xml and the custom functions metadata: `npm run manifest:check [-- manifest.xml] [--functions file]`.
"use strict";

const { spawnSync } = require("child_process");
const fs = require("fs");
const path = require("path");

const ROOT = path.join(__dirname, "..");
/** The dev URL the build rewrites to the production URL; a manifest URL outside it would escape the rewrite. */
const DEV_URL = "https://localhost:3000/";
const FUNCTIONS_SOURCE = path.join(ROOT, "src", "functions", "functions.ts");
/** The help page the build serves as help.html: every help link must land on one of its anchors. */
const HELP_PAGE = path.join(ROOT, "src", "help", "help.html");
/** The custom functions return CustomFunctions.Error (CustomFunctionsRuntime 1.2) with ErrorCode (1.3). */
const CUSTOM_FUNCTIONS_RUNTIME = "1.3";

/** The ids of the help page's elements: the anchors a help link may name. */
function helpAnchors(file = HELP_PAGE) {
  if (!fs.existsSync(file)) return null;
  return new Set([...fs.readFileSync(file, "utf8").matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]));
}

/**
 * A problem with a help link, or null: it must open the help page (`<base>help.html`, with an anchor
 * the page has). The base is the dev URL in the source, the deployment's in a production build.
 */
function helpLinkProblem(url, anchors, what) {
  const match = url ? /^https:\/\/[^#]*\/help\.html(?:#(.*))?$/.exec(url) : null;
  if (!match) return `${what} is ${url ? `"${url}"` : "missing"}, not the help page (${DEV_URL}help.html)`;
  const anchor = match[1] || "";
  if (anchor && anchors && !anchors.has(anchor)) return `${what} names #${anchor}, which src/help/help.html does not have`;
  return null;
}

/** Which kind of resource each referencing element needs. */
const EXPECTED_KIND = {
  "bt:Image": "image",
  SourceLocation: "url",
  Runtime: "url",
  FunctionFile: "url",
  LearnMoreUrl: "url",
  Label: "string",
  Title: "string",
  Description: "string",
  Namespace: "string",
};

const RESOURCE_SECTIONS = [
  { section: "bt:Images", kind: "image" },
  { section: "bt:Urls", kind: "url" },
  { section: "bt:ShortStrings", kind: "string" },
  { section: "bt:LongStrings", kind: "string" },
];

function plural(count, word) {
  return `${count} ${word}${count === 1 ? "" : "s"}`;
}

const KIND_WITH_ARTICLE = { image: "an image", url: "a URL", string: "a string" };

function article(kind) {
  return KIND_WITH_ARTICLE[kind];
}

function decodeXml(text) {
  return text
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, "&");
}

function attributes(tagText) {
  const attrs = {};
  for (const [, name, value] of tagText.matchAll(/([\w:.-]+)\s*=\s*"([^"]*)"/g)) attrs[name] = decodeXml(value);
  return attrs;
}

/** Every start tag named `name` (with its attributes), in document order. */
function tags(xml, name) {
  const pattern = new RegExp(`<${name}\\b([^>]*?)/?>`, "g");
  return [...xml.matchAll(pattern)].map((m) => ({ attrs: attributes(m[1]), index: m.index }));
}

function section(xml, name) {
  const m = new RegExp(`<${name}\\b[^>]*>([\\s\\S]*?)</${name}>`).exec(xml);
  return m ? m[1] : "";
}

function elementText(xml, name) {
  const m = new RegExp(`<${name}\\b[^>]*>([^<]*)</${name}>`).exec(xml);
  return m ? decodeXml(m[1].trim()) : null;
}

/**
 * The project's own rules for manifest.xml (the schema is office-addin-manifest's job):
 * resources resolve, one shared runtime, a namespace, https everywhere, assets present.
 * Returns what passed and what failed, in words.
 */
function checkManifestXml(rawXml, options = {}) {
  const assetsDir = options.assetsDir || path.join(ROOT, "assets");
  const passed = [];
  const problems = [];
  const xml = rawXml.replace(/<!--[\s\S]*?-->/g, "");

  // Resources: id → { kind, value }.
  const resources = new Map();
  const resourcesXml = section(xml, "Resources");
  for (const { section: name, kind } of RESOURCE_SECTIONS) {
    const body = section(resourcesXml, name);
    const element = name === "bt:Images" ? "bt:Image" : name === "bt:Urls" ? "bt:Url" : "bt:String";
    for (const { attrs } of tags(body, element)) {
      if (!attrs.id) {
        problems.push(`a <${element}> in <${name}> has no id`);
      } else if (resources.has(attrs.id)) {
        problems.push(`resource id "${attrs.id}" is defined twice`);
      } else {
        resources.set(attrs.id, { kind, value: attrs.DefaultValue || "" });
      }
    }
  }

  // References: every resid names a resource of the kind its element needs.
  const referenced = new Set();
  const referenceProblems = [];
  for (const m of xml.matchAll(/<([\w:]+)\b([^>]*?\bresid\s*=\s*"[^"]*"[^>]*?)\/?>/g)) {
    const element = m[1];
    const resid = attributes(m[2]).resid;
    referenced.add(resid);
    const resource = resources.get(resid);
    const expected = EXPECTED_KIND[element];
    if (!resource) {
      referenceProblems.push(`<${element} resid="${resid}"> refers to no resource (define it under <Resources>)`);
    } else if (expected && resource.kind !== expected) {
      referenceProblems.push(`<${element} resid="${resid}"> needs ${article(expected)} resource but "${resid}" is ${article(resource.kind)}`);
    }
  }
  if (referenceProblems.length === 0) passed.push(`${referenced.size} resource ids referenced, all defined with the right kind`);
  problems.push(...referenceProblems);

  // Shared runtime: the task pane, the ribbon's function file and the custom functions' page are one page.
  const runtimes = tags(xml, "Runtime");
  const runtimeProblems = [];
  if (runtimes.length !== 1) {
    runtimeProblems.push(`expected one <Runtime> (the shared runtime), found ${runtimes.length}`);
  } else {
    const runtime = runtimes[0].attrs;
    if (runtime.lifetime !== "long") runtimeProblems.push(`<Runtime resid="${runtime.resid}"> needs lifetime="long"`);
    const customFunctions = /<ExtensionPoint\s[^>]*xsi:type="CustomFunctions"[^>]*>([\s\S]*?)<\/ExtensionPoint>/.exec(xml);
    const page = customFunctions && /<Page>\s*<SourceLocation\b([^>]*)\/?>/.exec(customFunctions[1]);
    const pageResid = page ? attributes(page[1]).resid : undefined;
    if (pageResid !== runtime.resid) {
      runtimeProblems.push(`custom functions <Page> uses "${pageResid}" but the runtime is "${runtime.resid}"`);
    }
    for (const { attrs } of tags(xml, "FunctionFile")) {
      if (attrs.resid !== runtime.resid) {
        runtimeProblems.push(`<FunctionFile> uses "${attrs.resid}" but the runtime is "${runtime.resid}"`);
      }
    }
    for (const m of xml.matchAll(/<Action\s[^>]*xsi:type="ShowTaskpane"[^>]*>([\s\S]*?)<\/Action>/g)) {
      const location = /<SourceLocation\b([^>]*)\/?>/.exec(m[1]);
      const resid = location ? attributes(location[1]).resid : undefined;
      if (resid !== runtime.resid) {
        runtimeProblems.push(`a ShowTaskpane action opens "${resid}" but the runtime is "${runtime.resid}"`);
      }
    }
    if (!tags(xml, "Set").some(({ attrs }) => attrs.Name === "SharedRuntime")) {
      runtimeProblems.push('<Requirements> does not ask for the "SharedRuntime" set');
    }
    if (runtimeProblems.length === 0) {
      passed.push(`shared runtime: Runtime, Page, FunctionFile and task pane all use "${runtime.resid}"`);
    }
  }
  problems.push(...runtimeProblems);

  // Custom functions namespace.
  const namespaces = tags(xml, "Namespace");
  const namespace = namespaces.length > 0 ? resources.get(namespaces[0].attrs.resid) : undefined;
  if (namespaces.length === 0) {
    problems.push("no custom functions <Namespace> is set");
  } else if (namespace && !/^[A-Za-z][A-Za-z0-9._]*$/.test(namespace.value)) {
    problems.push(`custom functions namespace "${namespace.value}" must start with a letter and hold only letters, digits, "." or "_"`);
  } else if (namespace) {
    passed.push(`custom functions namespace: ${namespace.value}`);
  }

  // URLs: https only, and every local one under the dev URL so production builds rewrite it.
  const urls = [];
  for (const m of xml.matchAll(/<[\w:]+\b([^>]*)>/g)) {
    for (const [name, value] of Object.entries(attributes(m[1]))) {
      if (!name.startsWith("xmlns") && /^[a-z][a-z0-9+.-]*:\/\//i.test(value)) urls.push(value);
    }
  }
  for (const m of xml.matchAll(/>\s*([a-z][a-z0-9+.-]*:\/\/[^\s<]+)\s*</gi)) urls.push(decodeXml(m[1]));
  const insecure = urls.filter((u) => !u.startsWith("https://"));
  for (const url of insecure) problems.push(`URL is not https: ${url}`);
  const strayLocal = urls.filter((u) => /^https:\/\/localhost[:/]/.test(u) && !u.startsWith(DEV_URL));
  for (const url of strayLocal) problems.push(`local URL ${url} is not under ${DEV_URL}, so production builds would not rewrite it`);
  if (insecure.length === 0 && strayLocal.length === 0) passed.push(`${urls.length} URLs, all https`);

  // Assets the manifest points at exist, so the build copies them.
  const missingAssets = [...new Set(urls)]
    .filter((u) => u.startsWith(`${DEV_URL}assets/`))
    .map((u) => u.slice(`${DEV_URL}assets/`.length))
    .filter((file) => !fs.existsSync(path.join(assetsDir, file)));
  for (const file of missingAssets) problems.push(`assets/${file} is in the manifest but not in assets/`);

  // Requirement sets the code needs, declared so Office installs the add-in only where it runs.
  const customFunctionsSet = tags(xml, "Set").find(({ attrs }) => attrs.Name === "CustomFunctionsRuntime");
  if (!customFunctionsSet) {
    problems.push(`<Requirements> does not ask for CustomFunctionsRuntime ${CUSTOM_FUNCTIONS_RUNTIME} (CustomFunctions.Error and ErrorCode)`);
  } else if (Number(customFunctionsSet.attrs.MinVersion) < Number(CUSTOM_FUNCTIONS_RUNTIME)) {
    problems.push(`CustomFunctionsRuntime ${customFunctionsSet.attrs.MinVersion} is below ${CUSTOM_FUNCTIONS_RUNTIME}, which CustomFunctions.ErrorCode needs`);
  } else {
    passed.push(`requirement sets declared: ${tags(xml, "Set").map(({ attrs }) => `${attrs.Name} ${attrs.MinVersion || ""}`.trim()).join(", ")}`);
  }

  // Help links: SupportUrl and every LearnMoreUrl open the help page shipped with the add-in.
  const anchors = options.helpAnchors === undefined ? helpAnchors() : options.helpAnchors;
  const helpProblems = [];
  const support = tags(xml, "SupportUrl")[0];
  const supportProblem = helpLinkProblem(support && support.attrs.DefaultValue, anchors, "<SupportUrl>");
  if (supportProblem) helpProblems.push(supportProblem);
  for (const { attrs } of tags(xml, "LearnMoreUrl")) {
    const resource = resources.get(attrs.resid);
    const problem = helpLinkProblem(resource && resource.value, anchors, `<LearnMoreUrl resid="${attrs.resid}">`);
    if (problem) helpProblems.push(problem);
  }
  if (helpProblems.length === 0) passed.push("SupportUrl and LearnMoreUrl open the add-in's help page");
  problems.push(...helpProblems);

  const id = elementText(xml, "Id");
  if (!id || !/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id)) {
    problems.push(`<Id> must be a GUID, found "${id}"`);
  }
  return { passed, problems, namespace: namespace ? namespace.value : null };
}

/** Ids and names of custom functions: valid, and unique the way Excel compares them (ignoring case). */
function checkFunctionsMetadata(metadata, namespace, anchors = helpAnchors()) {
  const passed = [];
  const problems = [];
  const functions = Array.isArray(metadata && metadata.functions) ? metadata.functions : null;
  if (!functions || functions.length === 0) {
    return { passed, problems: ["the metadata declares no functions"] };
  }
  const seenIds = new Map();
  const seenNames = new Map();
  for (const fn of functions) {
    const id = typeof fn.id === "string" ? fn.id : "";
    const name = typeof fn.name === "string" ? fn.name : "";
    if (!/^[A-Za-z0-9._]+$/.test(id) || id.length > 128) {
      problems.push(`function id "${id}" must be 1–128 letters, digits, "." or "_"`);
    }
    if (!/^[A-Za-z][A-Za-z0-9._]*$/.test(name) || name.length > 128) {
      problems.push(`function name "${name}" must start with a letter and hold only letters, digits, "." or "_"`);
    }
    const idKey = id.toUpperCase();
    const nameKey = name.toUpperCase();
    if (seenIds.has(idKey)) problems.push(`function id "${id}" is declared twice`);
    if (seenNames.has(nameKey)) problems.push(`function name "${name}" is declared twice`);
    seenIds.set(idKey, fn);
    seenNames.set(nameKey, fn);
    const helpProblem = helpLinkProblem(fn.helpUrl, anchors, `function "${name}"'s helpUrl`);
    if (helpProblem) problems.push(helpProblem);
    const parameterNames = (fn.parameters || []).map((p) => String(p.name).toLowerCase());
    const repeated = parameterNames.filter((p, i) => parameterNames.indexOf(p) !== i);
    for (const p of new Set(repeated)) problems.push(`function "${name}" has two parameters named "${p}"`);
  }
  if (problems.length === 0) {
    const prefix = namespace ? `${namespace}.` : "";
    passed.push(`${plural(functions.length, "custom function")}, ids unique and valid: ${functions.map((f) => prefix + f.name).join(", ")}; each with a help link`);
  }
  return { passed, problems };
}

/** The metadata to check: the given file, else the build's dist/functions.json, else generated from source. */
async function loadFunctionsMetadata(functionsFile) {
  const file = functionsFile || path.join(ROOT, "dist", "functions.json");
  if (fs.existsSync(file)) {
    return { source: path.relative(process.cwd(), file) || file, metadata: JSON.parse(fs.readFileSync(file, "utf8")) };
  }
  if (functionsFile) throw new Error(`${functionsFile} does not exist`);
  let generate;
  try {
    ({ generateCustomFunctionsMetadata: generate } = require("custom-functions-metadata"));
  } catch {
    return { source: null, metadata: null, note: "no dist/functions.json and custom-functions-metadata is not installed; run `npm run build` first" };
  }
  const result = await generate(FUNCTIONS_SOURCE, false);
  if (result.errors.length > 0) {
    return { source: "src/functions/functions.ts", metadata: null, errors: result.errors };
  }
  return { source: "generated from src/functions/functions.ts", metadata: JSON.parse(result.metadataJson) };
}

/** office-addin-manifest's own reading of the manifest; its CLI runs in a child process (the package may be ESM-only). */
function runManifestInfo(manifestPath) {
  let cli;
  try {
    cli = require.resolve("office-addin-manifest/cli.js");
  } catch {
    return { ok: false, text: "office-addin-manifest is not installed (npm install)" };
  }
  const child = spawnSync(process.execPath, [cli, "info", manifestPath], { encoding: "utf8", timeout: 60_000 });
  const output = `${child.stdout || ""}${child.stderr || ""}`.trim();
  if (child.status !== 0 || /^Error:/m.test(output)) {
    return { ok: false, text: output || `exited with ${child.status}` };
  }
  const name = /^\s*Name: (.*)$/m.exec(output);
  const version = /^\s*Version: (.*)$/m.exec(output);
  return { ok: true, text: `${name ? name[1] : "?"} ${version ? version[1] : ""}`.trim() };
}

function parseArgs(argv) {
  const args = { manifest: path.join(ROOT, "manifest.xml"), functions: null };
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === "--functions") args.functions = path.resolve(argv[++i]);
    else if (argv[i] === "--help" || argv[i] === "-h") args.help = true;
    else args.manifest = path.resolve(argv[i]);
  }
  return args;
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  if (args.help) {
    console.log("usage: node scripts/manifest-check.js [manifest.xml] [--functions dist/functions.json]");
    return 0;
  }
  const shown = path.relative(process.cwd(), args.manifest) || args.manifest;
  console.log(`manifest-check: ${shown}`);
  if (!fs.existsSync(args.manifest)) {
    console.error(`  ✗ ${shown} does not exist`);
    return 1;
  }
  const problems = [];
  const pass = (line) => console.log(`  ✓ ${line}`);

  const info = runManifestInfo(args.manifest);
  if (info.ok) pass(`office-addin-manifest reads it: ${info.text}`);
  else problems.push(`office-addin-manifest cannot read it:\n      ${info.text.split("\n").join("\n      ")}`);

  const manifest = checkManifestXml(fs.readFileSync(args.manifest, "utf8"));
  manifest.passed.forEach(pass);
  problems.push(...manifest.problems);

  try {
    const loaded = await loadFunctionsMetadata(args.functions);
    if (loaded.errors) {
      problems.push(...loaded.errors.map((e) => `${loaded.source}: ${e}`));
    } else if (!loaded.metadata) {
      console.log(`  - functions metadata skipped: ${loaded.note}`);
    } else {
      const functions = checkFunctionsMetadata(loaded.metadata, manifest.namespace);
      functions.passed.forEach((line) => pass(`${line} (${loaded.source})`));
      problems.push(...functions.problems.map((p) => `${loaded.source}: ${p}`));
    }
  } catch (error) {
    problems.push(`functions metadata: ${error instanceof Error ? error.message : String(error)}`);
  }

  if (problems.length > 0) {
    // A resource misused in several places reads better once.
    for (const p of new Set(problems)) console.error(`  ✗ ${p}`);
    console.error(`manifest-check failed: ${plural(problems.length, "problem")}.`);
    return 1;
  }
  console.log("manifest-check passed.");
  return 0;
}

if (require.main === module) {
  main().then(
    (code) => {
      process.exitCode = code;
    },
    (error) => {
      console.error(error);
      process.exitCode = 1;
    },
  );
}

module.exports = { checkManifestXml, checkFunctionsMetadata };
