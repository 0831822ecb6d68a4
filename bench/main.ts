import { resolve } from "node:path";
import { fileURLToPath } from "node:url";

/** Whether the module at `moduleUrl` is the script node was started with (`npx tsx bench/<name>.ts`). */
export function isMain(moduleUrl: string): boolean {
  const script = process.argv[1];
  return script !== undefined && resolve(script) === fileURLToPath(moduleUrl);
}
