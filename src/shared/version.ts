import { readFileSync } from "node:fs";

/** The package's version, read from package.json (two levels above both src/shared/ and dist/shared/). */
export function packageVersion(): string {
  const file = new URL("../../package.json", import.meta.url);
  return (JSON.parse(readFileSync(file, "utf8")) as { version: string }).version;
}
