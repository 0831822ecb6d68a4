export { type DemoOptions, demoSnapshot, demoSnapshotWithLabels } from "./demo.js";
export { emptySnapshot } from "./empty.js";
export { FAMILIES } from "./families.js";
export type { FailureFamily } from "./family.js";
