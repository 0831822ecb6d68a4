import { fileURLToPath } from "node:url";

/**
 * The demo organisation's catalog: `examples/catalog` of the package, one Group per team, a System per product
 * area and a Component per service of the emulator's demo organisation. Found from this module's place, which is
 * `src/catalog` in a checkout and `dist/catalog` once built: both two levels below the package.
 */
export function demoCatalogDir(): string {
  return fileURLToPath(new URL("../../examples/catalog", import.meta.url));
}
