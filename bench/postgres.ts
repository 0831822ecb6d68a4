import { execFileSync } from "node:child_process";

const SCRIPT = new URL("../.ci/postgres", import.meta.url).pathname;

export interface BenchPostgres {
  /** A superuser URL. */
  url: string;
  stop(): void;
}

/**
 * The PostgreSQL server the scale-out benchmark runs against: `INCIDENTKIT_TEST_POSTGRES` when set, else a
 * throwaway one from `.ci/postgres` (installed from Debian's packages if missing), stopped afterwards.
 */
export function benchPostgres(): BenchPostgres {
  const given = process.env.INCIDENTKIT_TEST_POSTGRES?.trim();
  if (given) return { url: given, stop: () => {} };
  const exports = execFileSync("bash", [SCRIPT, "start"], { encoding: "utf8" });
  const env: Record<string, string> = {};
  for (const match of exports.matchAll(/^export (\w+)=(.*)$/gm)) env[match[1] as string] = match[2] as string;
  const url = env.INCIDENTKIT_TEST_POSTGRES;
  if (!url) throw new Error(".ci/postgres start printed no URL");
  return {
    url,
    stop: () => execFileSync("bash", [SCRIPT, "stop"], { env: { ...process.env, ...env }, stdio: "inherit" }),
  };
}
