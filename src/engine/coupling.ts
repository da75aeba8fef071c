// Families coupled by shared resources: planned together by the optimal strategy, recommended together within capacity.
import type { FamilyContext } from "./costing";
import type { SharedResource } from "./model";

/** Capacity units one unit of a family's output (regular + overtime) takes of a resource in period t. */
export function resourceLoadAt(resource: SharedResource, family: string, t: number): number {
  return resource.loadPerUnitByPeriod?.[family]?.[t] ?? resource.loadPerUnit[family] ?? 0;
}

/** Capacity units one unit of a family's end-of-period inventory takes of a resource (its storage), 0 when none. */
export function storageLoadOf(resource: SharedResource, family: string): number {
  return resource.storagePerUnit?.[family] ?? 0;
}

/** Whether a family loads a resource at all: with its output, or with its stock (storage). */
export function loadsResource(resource: SharedResource, family: string): boolean {
  return (resource.loadPerUnit[family] ?? 0) > 0 || storageLoadOf(resource, family) > 0;
}

/** The families a resource couples: those that load it with output or with stock. */
export function familiesLoading(resource: SharedResource): string[] {
  return [...new Set([...Object.keys(resource.loadPerUnit), ...Object.keys(resource.storagePerUnit ?? {})])].filter((f) => loadsResource(resource, f));
}

/** Families that share a resource must be planned together; the rest are independent (small) problems. */
export function coupledGroups(contexts: readonly FamilyContext[], resources: readonly SharedResource[]): number[][] {
  const parent = contexts.map((_, i) => i);
  const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i])));
  const index = new Map(contexts.map((c, i) => [c.family, i]));
  for (const resource of resources) {
    const members = familiesLoading(resource)
      .filter((family) => index.has(family))
      .map((family) => index.get(family) as number);
    for (const m of members.slice(1)) parent[find(m)] = find(members[0]);
  }
  const groups = new Map<number, number[]>();
  contexts.forEach((_, i) => {
    const root = find(i);
    groups.set(root, [...(groups.get(root) ?? []), i]);
  });
  return [...groups.values()];
}
