import type { CommandUnknownOpts } from "@commander-js/extra-typings";
import {
  describeKey,
  type LoadedAccounts,
  loadAccounts,
  removeAccount,
  saveAccount,
  setDefaultAccount,
} from "../../../api/accounts.js";
import type { Config } from "../../../api/config.js";
import { DEFAULT_BASE_URL } from "../../../api/index.js";
import { globalsOf, outputFor } from "../client.js";
import { UsageError } from "../errors.js";
import { helpAfter } from "../flags.js";
import { promptHidden, readStdin, stdinIsTerminal } from "../input.js";

interface AddFlags {
  apiKeyEnv?: string | undefined;
  apiKeyStdin?: boolean | undefined;
  baseUrl?: string | undefined;
  default?: boolean | undefined;
}

/** An account as `accounts list --json` shows it: never the key, only its last four characters. */
interface AccountRow {
  alias: string;
  default: boolean;
  source: "env" | "file" | "hub";
  key: string | null;
  api_key_env: string | null;
  base_url: string;
  available: boolean;
}

export function registerAccountsCommand(program: CommandUnknownOpts, config: Config): void {
  const accounts = program
    .command("accounts")
    .description(
      "Manage the incident.io accounts incidentkit can use (keys are shown by their last four characters).",
    )
    .addHelpText(
      "after",
      helpAfter([
        "incidentkit accounts list",
        "incidentkit accounts add prod --api-key-env INCIDENT_IO_PROD_KEY --default",
        "incidentkit accounts default prod",
      ]),
    );

  accounts
    .command("list")
    .description("List the accounts from the config file and the environment, marking the default.")
    .addHelpText(
      "after",
      helpAfter(
        ["incidentkit accounts list", "incidentkit accounts list --json"],
        '{ "accounts": [{ "alias", "default", "source", "key", "api_key_env", "base_url", "available" }], "default_account" }',
      ),
    )
    .action((_flags, command) => {
      const out = outputFor(config, globalsOf(command));
      const loaded = loadAccounts(config);
      const rows = accountRows(loaded);
      out.emit({ accounts: rows, default_account: loaded.defaultAlias ?? null }, () => {
        if (rows.length === 0)
          return "No accounts. Add one: incidentkit accounts add <alias> --api-key-stdin";
        return out.table(
          ["ALIAS", "DEFAULT", "KEY", "SOURCE", "BASE URL"],
          rows.map((row) => [
            row.alias,
            row.default ? "*" : "",
            row.key ?? `missing: set ${row.api_key_env}`,
            row.api_key_env ? `${row.source} ($${row.api_key_env})` : row.source,
            row.base_url,
          ]),
          { header: out.colour.bold },
        );
      });
    });

  accounts
    .command("add")
    .description("Add an account to the config file, or replace the one with the same alias.")
    .argument("<alias>", "a short name for the account, e.g. prod")
    .option("--api-key-env <name>", "read the key from this environment variable whenever it is used")
    .option("--api-key-stdin", "read the key from stdin and store it in the config file")
    .option("--base-url <url>", `the API's address (default ${DEFAULT_BASE_URL})`)
    .option("--default", "make it the default account")
    .addHelpText(
      "after",
      [
        helpAfter(
          [
            "incidentkit accounts add prod --api-key-env INCIDENT_IO_PROD_KEY --default",
            "pass show incident-io/staging | incidentkit accounts add staging --api-key-stdin",
            "incidentkit accounts add local --api-key-stdin --base-url http://127.0.0.1:8790 < key.txt",
          ],
          '{ "account": { "alias", "default", "source", "key", "api_key_env", "base_url", "available" } }',
        ),
        "",
        "The key is never taken as an argument (other users could see it in the process list). Without",
        "--api-key-env or --api-key-stdin, it is asked for without echo, on a terminal only.",
      ].join("\n"),
    )
    .action(async (alias, flags, command) => {
      const out = outputFor(config, globalsOf(command));
      if (flags.apiKeyEnv !== undefined && flags.apiKeyStdin) {
        throw new UsageError("give either --api-key-env or --api-key-stdin, not both");
      }
      const base = { alias, ...(flags.baseUrl !== undefined ? { baseUrl: flags.baseUrl } : {}) };
      if (flags.apiKeyEnv !== undefined) {
        saveAccount(
          config.configFile,
          { ...base, apiKeyEnv: flags.apiKeyEnv },
          { makeDefault: flags.default },
        );
      } else {
        saveAccount(
          config.configFile,
          { ...base, apiKey: await keyFromUser(flags) },
          {
            makeDefault: flags.default,
          },
        );
      }
      const row = accountRows(loadAccounts(config)).find((account) => account.alias === alias);
      out.emit({ account: row ?? null }, () => {
        const key = row?.key ?? (flags.apiKeyEnv ? `from $${flags.apiKeyEnv} (not set now)` : "");
        return `Saved account "${alias}" (key ${key})${row?.default ? ", the default" : ""} in ${config.configFile}`;
      });
    });

  accounts
    .command("remove")
    .description("Remove an account from the config file.")
    .argument("<alias>", "the account to remove")
    .addHelpText("after", helpAfter(["incidentkit accounts remove staging"], '{ "removed": "<alias>" }'))
    .action((alias, _flags, command) => {
      const out = outputFor(config, globalsOf(command));
      removeAccount(config.configFile, alias);
      out.emit({ removed: alias }, () => `Removed account "${alias}".`);
    });

  accounts
    .command("default")
    .description("Make an account the default (the one used without --account).")
    .argument("<alias>", "an alias from the config file, or env for the INCIDENT_IO_API_KEY account")
    .addHelpText(
      "after",
      helpAfter(["incidentkit accounts default prod"], '{ "default_account": "<alias>" }'),
    )
    .action((alias, _flags, command) => {
      const out = outputFor(config, globalsOf(command));
      setDefaultAccount(config.configFile, alias);
      out.emit({ default_account: alias }, () => `"${alias}" is now the default account.`);
    });
}

function accountRows(loaded: LoadedAccounts): AccountRow[] {
  const rows: Omit<AccountRow, "default">[] = [
    ...loaded.accounts.map((account) => ({
      alias: account.alias,
      source: account.source,
      key: describeKey(account.apiKey),
      api_key_env: account.apiKeyEnv ?? null,
      base_url: account.baseUrl,
      available: true,
    })),
    ...loaded.unavailable.map((account) => ({
      alias: account.alias,
      source: account.source,
      key: null,
      api_key_env: account.apiKeyEnv,
      base_url: account.baseUrl,
      available: false,
    })),
  ];
  return rows
    .map((row) => ({ ...row, default: row.alias === loaded.defaultAlias }))
    .sort((a, b) => a.alias.localeCompare(b.alias));
}

/** From stdin when asked to, else from a hidden prompt when a person is there; never a prompt in a script. */
async function keyFromUser(flags: AddFlags): Promise<string> {
  let key: string;
  if (flags.apiKeyStdin) key = await readStdin();
  else if (stdinIsTerminal()) key = await promptHidden("incident.io API key (input hidden): ");
  else {
    throw new UsageError(
      "no API key given",
      "pipe it in with --api-key-stdin, or name the variable holding it with --api-key-env NAME",
    );
  }
  const trimmed = key.trim();
  if (trimmed === "")
    throw new UsageError("the API key is empty", "give the key incident.io showed when it was made");
  return trimmed;
}
