import type { CatalogEntity } from "../../../catalog/index.js";
import { type Change, listChanges, type ServiceNames } from "../../../investigate/changes/index.js";
import { DURATION_HINT, parseDuration } from "../../../shared/duration.js";
import type { Store } from "../../../store/index.js";
import type { ChangeRow, ChangesPageModel } from "../changes-model.js";
import type { NamedLink } from "../model.js";
import type { CatalogIndex } from "./catalog-index.js";
import { displayName, entityLink } from "./rows.js";

/** As many as the API lists unless asked: the page is a look at what happened lately, not an export. */
export const CHANGES_PAGE_LIMIT = 100;

export interface ChangesPageSources {
  store: Store;
  catalog: CatalogIndex;
  names: ServiceNames;
  now: number;
}

/** `/changes`: the recorded changes, newest first, of one service (any spelling) and since a while back if asked. */
export async function changesPage(
  query: { service?: string | undefined; since?: string | undefined },
  sources: ChangesPageSources,
): Promise<ChangesPageModel> {
  const problems: string[] = [];
  const service = query.service?.trim() || null;
  let since = query.since?.trim() || null;
  let from: string | undefined;
  if (since !== null) {
    const back = parseDuration(since);
    if (back === undefined) {
      problems.push(`Since: ${DURATION_HINT}; ignored “${since.slice(0, 40)}”.`);
      since = null;
    } else {
      from = new Date(sources.now - back).toISOString();
    }
  }
  const changes = await listChanges(sources.store, {
    ...(service !== null ? { services: sources.names.aliases(service) } : {}),
    from,
    limit: CHANGES_PAGE_LIMIT,
  });
  return {
    filter: { service, since, limit: CHANGES_PAGE_LIMIT },
    problems,
    changes: changes.map((change) => changeRow(change, sources)),
    services: sources.catalog.ordered
      .filter((entity: CatalogEntity) => entity.kind === "Component")
      .map((entity) => ({ ref: entity.ref, name: displayName(entity) })),
  };
}

/**
 * The change's service: its page when the catalog has it (also when it was stored by a name the catalog learnt
 * later), else the name it was sent with, as it was sent.
 */
function serviceLink(service: string, sources: ChangesPageSources): NamedLink {
  const ref = sources.names.normalise(service);
  return sources.catalog.byRef.has(ref)
    ? entityLink(ref, sources.catalog.byRef)
    : { name: service, ref: null, url: null };
}

function changeRow(change: Change, sources: ChangesPageSources): ChangeRow {
  return {
    id: change.id,
    kind: change.kind,
    service: serviceLink(change.service, sources),
    description: change.description,
    link: change.link,
    author: change.author,
    happenedAt: change.happenedAt,
    environment: change.environment,
    production: change.production,
    source: change.source,
  };
}
