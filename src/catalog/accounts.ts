import type { CatalogEntity } from "./entity.js";

/**
 * The accounts a catalog's entities live in, each once: the default account (entities without an
 * `incidentkit.io/account` annotation), then each account an annotation names.
 */
export function catalogAccounts(
  entities: readonly Pick<CatalogEntity, "account">[],
  defaultAccount: string | undefined,
): string[] {
  const accounts = new Set<string>(defaultAccount === undefined ? [] : [defaultAccount]);
  for (const entity of entities) if (entity.account !== undefined) accounts.add(entity.account);
  return [...accounts];
}
