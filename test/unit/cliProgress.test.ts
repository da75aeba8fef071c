// The command line's progress on stderr: nothing for a short run; on a terminal one line rewritten and cleared to its end;
// in a log or a pipe (no carriage return there) one line per finished stage, never two run together.
import { progressOnStderr, type CliIO } from "../../src/cli/main";

function captured(stderrIsTerminal: boolean): { io: CliIO; err: string[] } {
  const err: string[] = [];
  return { io: { stdout: () => undefined, stderr: (t) => err.push(t), stderrIsTerminal }, err };
}

/** A clock that reads `at` milliseconds. */
function clock(): { now: () => number; at: number } {
  const c = { at: 0, now: () => c.at };
  return c;
}

const stages = (report: (stage: string, done: number, total: number) => void) => {
  for (let done = 1; done <= 3; done++) report("optimal", done, 3);
  for (let done = 1; done <= 2; done++) report("Demand upside: optimal", done, 2);
  for (let done = 1; done <= 2; done++) report("Assembly line down: optimal", done, 2);
};

describe("progress on stderr", () => {
  test("a run shorter than a second prints nothing", () => {
    const { io, err } = captured(false);
    const c = clock();
    const progress = progressOnStderr(io, c.now);
    c.at = 999;
    stages(progress.report);
    progress.finish();
    expect(err).toEqual([]);
  });

  test("in a log each stage ends with its own line", () => {
    const { io, err } = captured(false);
    const c = clock();
    const progress = progressOnStderr(io, c.now);
    c.at = 1500;
    stages(progress.report);
    progress.finish();
    expect(err.join("")).toBe(
      "sop-plan: optimal plans 3/3 families\nsop-plan: Demand upside: optimal plans 2/2 families\nsop-plan: Assembly line down: optimal plans 2/2 families\n",
    );
  });

  test("on a terminal one line is rewritten, each time cleared to its end, and left with a newline", () => {
    const { io, err } = captured(true);
    const c = clock();
    const progress = progressOnStderr(io, c.now);
    c.at = 1500;
    stages(progress.report);
    progress.finish();
    expect(err).toHaveLength(8);
    expect(err.slice(0, 7).every((t) => t.startsWith("\rsop-plan: ") && t.endsWith("\x1b[K"))).toBe(true);
    expect(err[7]).toBe("\n");
  });
});
