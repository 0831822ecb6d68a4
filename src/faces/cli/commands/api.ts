import { readFileSync } from "node:fs";
import type { CommandUnknownOpts } from "@commander-js/extra-typings";
import type { Config } from "../../../api/config.js";
import type { QueryObject } from "../../../api/index.js";
import { clientFor, globalsOf } from "../client.js";
import { UsageError } from "../errors.js";

const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"];

export function registerApiCommand(program: CommandUnknownOpts, config: Config): void {
  program
    .command("api")
    .description("Call any incident.io API endpoint and print the JSON answer (paced, retried, redacted).")
    .argument("<method>", `HTTP method: ${METHODS.join(", ")}`)
    .argument("<path>", "API path, e.g. /v2/incidents")
    .option(
      "-q, --query <key=value>",
      "query parameter, repeatable; brackets as the API wants them",
      collect,
      [],
    )
    .option("-d, --data <json>", "request body: JSON text, @file.json, or - for stdin")
    .option("--paginate", "follow pagination_meta.after and print every item as one JSON array")
    .addHelpText(
      "after",
      [
        "",
        "Examples:",
        "  incidentkit api GET /v1/severities",
        "  incidentkit api GET /v2/incidents -q 'status_category[one_of]=live' -q page_size=5",
        "  incidentkit api GET /v2/incidents --paginate -q page_size=250",
        `  incidentkit api POST /v1/severities -d '{"name":"Low","description":"Minor impact","rank":0}'`,
      ].join("\n"),
    )
    .action(async (method, path, flags, command) => {
      const verb = method.toUpperCase();
      if (!METHODS.includes(verb))
        throw new UsageError(`<method> must be one of ${METHODS.join(", ")}, got "${method}"`);
      if (!path.startsWith("/"))
        throw new UsageError(`<path> must start with "/", e.g. /v2/incidents; got "${path}"`);
      const query = parseQuery(flags.query);
      const body = flags.data === undefined ? undefined : readBody(flags.data);
      const client = clientFor(config, globalsOf(command));
      if (flags.paginate) {
        if (verb !== "GET") throw new UsageError("--paginate works with GET only");
        const items: unknown[] = [];
        for await (const item of client.paginate(path, query, await itemsKeyOf(client, path, query)))
          items.push(item);
        print(items);
        return;
      }
      print(await client.request(verb, path, { query, body }));
    });
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

/** `key=value` pairs, repeated keys kept in order (the API reads `status[one_of]=A&status[one_of]=B`). */
function parseQuery(pairs: string[]): QueryObject {
  const query: Record<string, string[]> = {};
  for (const pair of pairs) {
    const at = pair.indexOf("=");
    if (at <= 0) throw new UsageError(`--query takes key=value, e.g. page_size=25; got "${pair}"`);
    const key = pair.slice(0, at);
    query[key] = [...(query[key] ?? []), pair.slice(at + 1)];
  }
  return query;
}

function readBody(data: string): unknown {
  const source = data === "-" ? "stdin" : data.startsWith("@") ? data.slice(1) : undefined;
  const text = source === undefined ? data : readFileSync(source === "stdin" ? 0 : source, "utf8");
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new UsageError(
      `--data must be JSON (${source ?? "the argument"} is not: ${(error as Error).message})`,
    );
  }
}

/** The list's name in a page, e.g. "incidents": the first array in the answer to the first page. */
async function itemsKeyOf(
  client: ReturnType<typeof clientFor>,
  path: string,
  query: QueryObject,
): Promise<string> {
  const first = await client.request("GET", path, { query: { ...query, page_size: 1 } });
  const key = Object.entries((first ?? {}) as Record<string, unknown>).find(([, v]) => Array.isArray(v))?.[0];
  if (!key) throw new UsageError(`GET ${path} does not answer with a list, so there is nothing to paginate`);
  return key;
}

function print(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}
