/** Types of scripts/test-prerequisites.js for the TypeScript tests and test support. */
export interface Prerequisite {
  name: string;
  debianPackage: string;
  /** The environment variable that points the tests at another copy, if any. */
  override?: string;
  found(env: NodeJS.ProcessEnv): boolean;
}

export type Decision = { action: "test" } | { action: "install"; packages: string[] } | { action: "stop"; message: string };

export const PREREQUISITES: Prerequisite[];
export function aptInstallArgs(packages: string[]): string[];
export function chromiumPath(env?: NodeJS.ProcessEnv): string;
export function decide(state: { missing: Pick<Prerequisite, "name" | "debianPackage" | "override">[]; root: boolean; aptGet: boolean; installed?: boolean; rerun?: string }): Decision;
export function findMissing(env?: NodeJS.ProcessEnv): Prerequisite[];
export function onPath(command: string, env?: NodeJS.ProcessEnv): boolean;
export function sofficePath(env?: NodeJS.ProcessEnv): string;
