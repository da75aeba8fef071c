// SOP.OPTIMAL's worker, run as a worker runs it (its onmessage on a stand-in `self`): the solve happens there, answered by id.
import { readPlanningCase } from "../../../src/functions/args";
import type { SolveReply, SolveRequest } from "../../../src/functions/optimalSolve";
import { HAND_POLICY } from "../../support/handCase";

type Scope = { postMessage: (reply: SolveReply) => void; onmessage: ((event: { data: SolveRequest }) => void) | null };

describe("the optimal plan's worker", () => {
  const replies: SolveReply[] = [];
  const scope: Scope = { postMessage: (reply) => replies.push(reply), onmessage: null };
  let worker: typeof import("../../../src/functions/optimal.worker");

  beforeAll(async () => {
    // A worker's global scope is `self`, which is globalThis there.
    Object.assign(globalThis, { postMessage: scope.postMessage });
    worker = await import("../../../src/functions/optimal.worker");
    scope.onmessage = (globalThis as unknown as Scope).onmessage;
  });

  it("loads the solver and warms it up as it starts, before any request: a whole-worker family of 24 periods solved exactly", async () => {
    const plan = await worker.warmed;
    expect(plan).not.toBeNull();
    expect(plan!.periods).toHaveLength(24);
    expect(plan!.periods.every((p) => Number.isInteger(p.workers))).toBe(true);
    // Small enough to be solved exactly: every step of a whole-worker solve ran (the LP, the rounding, the MIP).
    expect(plan!.solve).toMatchObject({ status: "optimal", target: 0 });
    expect(plan!.solve!.gap).toBeLessThanOrEqual(1e-9);
    expect(replies).toEqual([]);
  });

  afterAll(() => {
    const global = globalThis as unknown as Partial<Scope>;
    delete global.postMessage;
    delete global.onmessage;
  });

  it("solves each request it is sent and answers each by its id, in order", async () => {
    const policy = HAND_POLICY.map((row) => row.slice(0, 2));
    const cases = [[300, 100, 200], [200, 200, 200]].map((demand) => {
      const read = readPlanningCase([demand], policy, undefined);
      if (!read.ok) throw new Error(read.error);
      return read.value.context;
    });
    cases.forEach((context, i) => scope.onmessage?.({ data: { id: i + 7, context } }));
    for (let waited = 0; replies.length < 2 && waited < 200; waited++) await new Promise((r) => setTimeout(r, 50));
    expect(replies.map((r) => r.id)).toEqual([7, 8]);
    const [first] = replies;
    expect("plan" in first && first.plan.strategy).toBe("optimal");
    // The hand-checked case: lay off the five workers and subcontract everything, 19,000 in all.
    expect("plan" in first && Math.round(first.plan.totalCost)).toBe(19000);
  });
});
