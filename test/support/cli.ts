// Runs the sop-plan command in-process and captures what it prints, for the end-to-end CLI suites.
import { main, type CliIO } from "../../src/cli/main";

export async function runCli(args: string[]): Promise<{ status: number; stdout: string; stderr: string }> {
  let stdout = "";
  let stderr = "";
  const io: CliIO = { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) };
  const status = await main(args, io);
  return { status, stdout, stderr };
}
