// Excel's limits on one formula, checked in one place: the layout's sheets and both writers refuse a formula past them.
import { cellAddress, type SheetSpec } from "./sheet";

/** A formula's contents, its `=` included, are at most this many characters (Excel's specifications and limits). */
export const FORMULA_MAX_CHARACTERS = 8192;
/** Arguments one function takes at most (`SUM` of 256 ranges is refused). */
export const FUNCTION_MAX_ARGUMENTS = 255;
/** Levels of functions nested in one another. */
export const FUNCTION_MAX_NESTING = 64;

/**
 * What Excel would refuse in a formula (with or without its `=`): its length, a function with more
 * than 255 arguments, or functions nested more than 64 deep; null when Excel takes it. Text in
 * quotes, quoted sheet names and structured references (`Table[[#This Row],[A,B]]`) are skipped.
 */
export function formulaLimitProblem(formula: string): string | null {
  const length = formula.startsWith("=") ? formula.length : formula.length + 1;
  if (length > FORMULA_MAX_CHARACTERS) return `${length.toLocaleString("en-US")} characters, over Excel's ${FORMULA_MAX_CHARACTERS.toLocaleString("en-US")}`;
  // One frame per open parenthesis: whether it is a function's, and how many arguments it has so far.
  const frames: { fn: string | null; args: number }[] = [];
  let functions = 0;
  let braces = 0;
  let brackets = 0;
  for (let i = 0; i < formula.length; i++) {
    const ch = formula[i];
    if (ch === '"' || (ch === "'" && brackets === 0)) {
      // A text literal or a quoted sheet name: doubled quotes stay inside.
      for (i++; i < formula.length; i++) {
        if (formula[i] !== ch) continue;
        if (formula[i + 1] === ch) i++;
        else break;
      }
    } else if (brackets > 0) {
      if (ch === "'") i++; // an escaped character in a structured reference
      else if (ch === "[") brackets++;
      else if (ch === "]") brackets--;
    } else if (ch === "[") {
      brackets++;
    } else if (ch === "{") {
      braces++;
    } else if (ch === "}") {
      braces--;
    } else if (ch === "(") {
      const name = /[A-Za-z_][A-Za-z0-9_.]*$/.exec(formula.slice(Math.max(0, i - 64), i))?.[0] ?? null;
      frames.push({ fn: name, args: 1 });
      if (name) {
        functions++;
        if (functions > FUNCTION_MAX_NESTING) return `functions nested ${functions} deep, over Excel's ${FUNCTION_MAX_NESTING}`;
      }
    } else if (ch === ")") {
      const frame = frames.pop();
      if (frame?.fn) functions--;
    } else if (ch === "," && braces === 0) {
      const frame = frames[frames.length - 1];
      // A comma in a plain parenthesis is the union operator, not an argument.
      if (frame?.fn && ++frame.args > FUNCTION_MAX_ARGUMENTS) {
        return `${frame.fn} with more than ${FUNCTION_MAX_ARGUMENTS} arguments`;
      }
    }
  }
  return null;
}

/** Throws, naming the sheet and cell, when a formula of the sheet is past Excel's limits: a layout's bug, never the user's. */
export function checkFormulaLimits(sheet: SheetSpec): void {
  sheet.cells.forEach((line, row) =>
    line.forEach((cell, column) => {
      if (!cell?.formula) return;
      const problem = formulaLimitProblem(cell.formula);
      if (problem) {
        throw new Error(`The formula in '${sheet.name}'!${cellAddress(row, column)} is one Excel refuses (${problem}): ${cell.formula.slice(0, 80)}…`);
      }
    }),
  );
}
