import type { CommandUnknownOpts } from "@commander-js/extra-typings";
import { type Account, loadAccounts, type UnavailableAccount } from "../../../api/accounts.js";
import type { Config } from "../../../api/config.js";
import type { IncidentKitError } from "../../../api/index.js";
import { type AccountCheck, KEY_USES, type KeyUse, verifyAccount } from "../../../ops/index.js";
import { accountFor, clientOptionsFor, type GlobalFlags, globalsOf, outputFor } from "../client.js";
import { helpAfter, oneOfWords } from "../flags.js";

/** Exit code when any account fails: the same as for a bad key anywhere else. */
const FAILED_EXIT_CODE = 3;

interface VerifyRow {
  alias: string;
  base_url: string;
  key: string | null;
  ok: boolean;
  result: "passed" | "failed" | "missing";
  identity: { name: string; roles: string[]; dashboard_url: string } | null;
  error: { code: string; message: string; hint: string; retryable: boolean } | null;
}

export function registerVerifyCommand(program: CommandUnknownOpts, config: Config): void {
  program
    .command("verify")
    .description(
      "Check that an account's key works and holds the roles its use needs: who it is and its roles (exit code 3 if any fails).",
    )
    .option("--all", "check every configured account, not only the chosen one")
    .option(
      "--for <use>",
      "what the key is for: read (the CLI's reads, mcp --read-only), write (declare, edit, post updates; mcp) or hub (incidentkit up)",
      "read",
    )
    .addHelpText(
      "after",
      helpAfter(
        [
          "incidentkit verify",
          "incidentkit --account prod verify --for hub",
          "incidentkit verify --all --for write --json",
        ],
        '{ "accounts": [{ "alias", "base_url", "key", "ok", "result", "identity": { "name", "roles", "dashboard_url" } | null, "error": { "code", "message", "hint", "retryable" } | null }] }',
      ),
    )
    .action(async (flags, command) => {
      const globals = globalsOf(command);
      const out = outputFor(config, globals);
      const use = oneOfWords("--for", flags.for, KEY_USES);
      const rows = flags.all
        ? await verifyAll(config, globals, use)
        : [await check(accountFor(config, globals), globals, use)];
      out.emit({ accounts: rows }, () => {
        const { bold, green, red, yellow } = out.colour;
        const result = { passed: green, failed: red, missing: yellow };
        return out.table(
          ["ALIAS", "KEY", "OK", "NAME", "ROLES", "REASON"],
          rows.map((row) => [
            row.alias,
            row.key ?? "",
            result[row.result](row.result),
            row.identity?.name ?? "",
            row.identity?.roles.join(", ") ?? "",
            row.error ? `${row.error.code}: ${row.error.hint}` : "",
          ]),
          { header: bold, maxWidth: 160 },
        );
      });
      if (rows.some((row) => !row.ok)) process.exitCode = FAILED_EXIT_CODE;
    });
}

async function verifyAll(config: Config, globals: GlobalFlags, use: KeyUse): Promise<VerifyRow[]> {
  const loaded = loadAccounts(config);
  const checked = await Promise.all(loaded.accounts.map((account) => check(account, globals, use)));
  return [...checked, ...loaded.unavailable.map(missing)].sort((a, b) => a.alias.localeCompare(b.alias));
}

async function check(account: Account, globals: GlobalFlags, use: KeyUse): Promise<VerifyRow> {
  return rowOf(await verifyAccount(account, { clientOptions: clientOptionsFor(globals), use }));
}

function rowOf(checked: AccountCheck): VerifyRow {
  return {
    alias: checked.alias,
    base_url: checked.baseUrl,
    key: checked.key,
    ok: checked.ok,
    result: checked.ok ? "passed" : "failed",
    identity: checked.identity
      ? {
          name: checked.identity.name,
          roles: checked.identity.roles,
          dashboard_url: checked.identity.dashboard_url,
        }
      : null,
    error: checked.error ? errorBody(checked.error) : null,
  };
}

function missing(account: UnavailableAccount): VerifyRow {
  return {
    alias: account.alias,
    base_url: account.baseUrl,
    key: null,
    ok: false,
    result: "missing",
    identity: null,
    error: {
      code: "config",
      message: `its key is read from ${account.apiKeyEnv}, which is not set`,
      hint: `set ${account.apiKeyEnv} to the account's API key`,
      retryable: false,
    },
  };
}

function errorBody(error: IncidentKitError): NonNullable<VerifyRow["error"]> {
  return { code: error.code, message: error.message, hint: error.hint, retryable: error.retryable };
}
