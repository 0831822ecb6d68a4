import { COMMERCE_FAMILIES } from "./families-commerce.js";
import { PLATFORM_FAMILIES } from "./families-platform.js";
import type { FailureFamily } from "./family.js";

/** Every failure family in the demo organisation's history. */
export const FAMILIES: readonly FailureFamily[] = [...COMMERCE_FAMILIES, ...PLATFORM_FAMILIES];
