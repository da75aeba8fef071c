// The risk flags' default thresholds, apart from the flags so that the pane's settings read them without the planning code.

/** Below this share of its capacity a resource is flagged as under-used, unless told otherwise. */
export const DEFAULT_UTILIZATION_THRESHOLD = 0.7;

/** At or above this share of its capacity for two or more periods in a row a resource is flagged as loaded to its limit. */
export const DEFAULT_HIGH_LOAD_SHARE = 0.95;
