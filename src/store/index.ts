export { openStore, type Store, type StoreLocation, type StoreOptions, type Synchronous } from "./open.js";
export type * from "./schema.js";
