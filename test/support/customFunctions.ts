// A stand-in for Excel's CustomFunctions global, and the add-in's functions registered through it the way the build registers them.
/// <reference types="custom-functions-runtime" />
import * as path from "path";

/** What `new CustomFunctions.Error(code, message)` makes in these tests: the cell's error code and its hover message. */
export class ExcelError {
  constructor(
    readonly code: string,
    readonly message?: string,
  ) {}
}

export const ERROR_CODES = {
  invalidValue: "#VALUE!",
  notAvailable: "#N/A",
  divisionByZero: "#DIV/0!",
  invalidNumber: "#NUM!",
  nullReference: "#NULL!",
  invalidName: "#NAME?",
  invalidReference: "#REF!",
} as const;

export type CustomFunction = (...args: unknown[]) => unknown;

/** Every `CustomFunctions.associate` call, in order: a function registered twice shows up twice. */
export interface Registrations {
  ids: string[];
  byId: Map<string, CustomFunction>;
}

/** The global object as the functions file sees it in Excel's runtime. */
export function customFunctionsGlobal(registrations: Registrations) {
  const record = (id: string, fn: CustomFunction) => {
    registrations.ids.push(id);
    registrations.byId.set(id, fn);
  };
  return {
    Error: ExcelError,
    ErrorCode: ERROR_CODES,
    associate(idOrMappings: string | Record<string, CustomFunction>, fn?: CustomFunction): void {
      if (typeof idOrMappings === "string") record(idOrMappings, fn as CustomFunction);
      else for (const [id, mapped] of Object.entries(idOrMappings)) record(id, mapped);
    },
  };
}

/** Installs the stand-in on this test file's global object; returns what gets registered. */
export function installCustomFunctions(): Registrations {
  const registrations: Registrations = { ids: [], byId: new Map() };
  (globalThis as unknown as { CustomFunctions: unknown }).CustomFunctions = customFunctionsGlobal(registrations);
  return registrations;
}

export const FUNCTIONS_SOURCE = path.resolve(__dirname, "..", "..", "src", "functions", "functions.ts");

export interface FunctionMetadata {
  id: string;
  name: string;
  helpUrl?: string;
  parameters: { name: string; type?: string; dimensionality?: string; optional?: boolean }[];
  result: { type?: string; dimensionality?: string };
}

export interface GeneratedMetadata {
  functions: FunctionMetadata[];
  /** The `CustomFunctions.associate(id, functionName)` lines the webpack plugin's loader appends to functions.ts. */
  associate: { id: string; functionName: string }[];
}

/** functions.json and the associate lines, from the same generator the webpack plugin runs. */
export async function generateMetadata(): Promise<GeneratedMetadata> {
  const { generateCustomFunctionsMetadata } = await import("custom-functions-metadata");
  const result = await generateCustomFunctionsMetadata(FUNCTIONS_SOURCE, true);
  if (result.errors.length > 0) throw new Error(`functions metadata: ${result.errors.join("; ")}`);
  const metadata = JSON.parse(result.metadataJson) as { functions: FunctionMetadata[] };
  return { functions: metadata.functions, associate: result.associate };
}

/**
 * Registers the add-in's functions exactly as the built bundle does: the webpack plugin appends
 * `CustomFunctions.associate("<ID>", <function>)` to functions.ts for each tagged function, so
 * this makes the same calls on the module's functions. Tests then call them by id, as Excel does.
 */
export async function registerFunctions(): Promise<Registrations & { metadata: GeneratedMetadata }> {
  const registrations = installCustomFunctions();
  const metadata = await generateMetadata();
  const functionsModule = (await import("../../src/functions/functions")) as unknown as Record<string, CustomFunction>;
  for (const { id, functionName } of metadata.associate) CustomFunctions.associate(id, functionsModule[functionName]);
  return { ...registrations, metadata };
}
