// Families coupled by shared resources: planned together by the optimal strategy, recommended together within capacity.
import type { FamilyContext } from "./costing";
import type { SharedResource } from "./model";

/** Capacity units one unit of a family's output (regular + overtime) takes of a resource in period t. */
export function resourceLoadAt(resource: SharedResource, family: string, t: number): number {
  return resource.loadPerUnitByPeriod?.[family]?.[t] ?? resource.loadPerUnit[family] ?? 0;
}

/** Families that share a resource must be planned together; the rest are independent (small) problems. */
export function coupledGroups(contexts: readonly FamilyContext[], resources: readonly SharedResource[]): number[][] {
  const parent = contexts.map((_, i) => i);
  const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i])));
  const index = new Map(contexts.map((c, i) => [c.family, i]));
  for (const resource of resources) {
    const members = Object.entries(resource.loadPerUnit)
      .filter(([family, load]) => load > 0 && index.has(family))
      .map(([family]) => index.get(family) as number);
    for (const m of members.slice(1)) parent[find(m)] = find(members[0]);
  }
  const groups = new Map<number, number[]>();
  contexts.forEach((_, i) => {
    const root = find(i);
    groups.set(root, [...(groups.get(root) ?? []), i]);
  });
  return [...groups.values()];
}
