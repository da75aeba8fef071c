// Rough-cut capacity: required vs available per resource and period, overload in hours and units, idle capacity; hand-checked.
import { aggregate, planAll, resourceRequirements, roughCutCapacity, utilizationOf } from "../../src/engine";
import { toolsMixInput } from "../support/aggregationInputs";

describe("roughCutCapacity (top-down Tools: Line needs 70 h and 35 h of 60)", () => {
  const input = toolsMixInput();
  const checks = roughCutCapacity(aggregate(input, planAll(input, ["chase"]), "top-down"), input.resources);
  const [line, paint] = checks;

  it("reports an overload of 10 h in Jan: 116.7 %, about 14.3 units short", () => {
    const jan = line.periods[0];
    expect(jan).toMatchObject({ period: "Jan", required: 70, available: 60, overload: 10, idle: 0, units: 100 });
    expect(jan.utilization).toBeCloseTo(70 / 60, 12);
    // 10 h short at 70 h per 100 units (0.7 h a unit on average) is 14.29 units.
    expect(jan.unitsShort).toBeCloseTo(10 / 0.7, 9);
  });

  it("reports idle capacity when it fits: Feb 35 of 60 h, 25 idle", () => {
    expect(line.periods[1]).toMatchObject({ required: 35, available: 60, overload: 0, unitsShort: 0, idle: 25 });
    expect(paint.periods.map((p) => p.idle)).toEqual([92, 96]);
  });

  it("rolls the requirement up per family", () => {
    expect(line.byFamily).toEqual([{ family: "Tools", required: [70, 35] }]);
  });

  it("gives the JSON its four fields per period", () => {
    const [json] = resourceRequirements(checks);
    expect(Object.keys(json.periods[0])).toEqual(["period", "required", "available", "utilization"]);
  });
});

describe("utilizationOf", () => {
  it("is 0 when nothing is required, Infinity when something is required of nothing", () => {
    expect(utilizationOf(0, 0)).toBe(0);
    expect(utilizationOf(5, 0)).toBe(Infinity);
    expect(utilizationOf(30, 40)).toBe(0.75);
  });
});
