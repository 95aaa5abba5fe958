/** What usage can be split and filtered by, and the time grains of a report (no imports: pages' client code uses these). */
export const DIMENSIONS = ["department", "project", "agent", "user", "model", "kind", "taskType", "workflow"] as const;
export type Dimension = (typeof DIMENSIONS)[number];
export const GRANULARITIES = ["hour", "day", "week", "month"] as const;
export type Granularity = (typeof GRANULARITIES)[number];
