import { type Caller, segment } from "../caller.js";
import { IncidentKitError } from "../errors.js";
import { checkPageSize, MAX_PAGE_SIZE, paginate } from "../paginate.js";
import {
  CatalogEntriesListResult,
  type CatalogEntry,
  CatalogEntryResult,
  CatalogEntryWithTypeResult,
  type CatalogResource,
  CatalogResourcesListResult,
  type CatalogType,
  CatalogTypeResult,
  CatalogTypesListResult,
} from "../types/catalog.js";
import type {
  CatalogEntriesBulkUpdatePayload,
  CatalogEntryCreatePayload,
  CatalogEntryUpdatePayload,
  CatalogTypeCreatePayload,
  CatalogTypeSchemaPayload,
  CatalogTypeUpdatePayload,
} from "../types/catalog-payloads.js";
import type { PaginationMeta } from "../types/common.js";

/** The most entries one bulk update takes. */
export const CATALOG_BULK_UPDATE_MAX = 250;

/** Catalog types (v3). Reads return the type; writes return incident.io's result object. */
export class CatalogTypes {
  constructor(private readonly caller: Caller) {}

  /** Every type, custom and synced (the list is not paginated). */
  async list(): Promise<CatalogType[]> {
    return (await this.caller.json(CatalogTypesListResult, "GET", "/v3/catalog_types")).catalog_types;
  }

  async show(id: string): Promise<CatalogType> {
    return (
      await this.caller.json(
        CatalogTypeResult,
        "GET",
        `/v3/catalog_types/${segment(required(id, "id", "the catalog type's ID"))}`,
      )
    ).catalog_type;
  }

  /** Creates a type with no attributes; give it some with `updateSchema`. Not retried on 5xx. */
  async create(body: CatalogTypeCreatePayload): Promise<{ catalog_type: CatalogType }> {
    return this.caller.json(CatalogTypeResult, "POST", "/v3/catalog_types", { body });
  }

  /** Sets name and description (and whatever else is given). Retried safely: it sets, it does not add. */
  async update(id: string, body: CatalogTypeUpdatePayload): Promise<{ catalog_type: CatalogType }> {
    return this.caller.json(
      CatalogTypeResult,
      "PUT",
      `/v3/catalog_types/${segment(required(id, "id", "the catalog type's ID"))}`,
      {
        body,
        idempotent: true,
      },
    );
  }

  /**
   * Replaces the type's attributes with `body.attributes`: those left out are removed, with their values.
   * `body.version` must be the `schema.version` last read; incident.io refuses a stale one. Not retried on 5xx:
   * a repeat of an applied update carries a version that is stale by then.
   */
  async updateSchema(id: string, body: CatalogTypeSchemaPayload): Promise<{ catalog_type: CatalogType }> {
    return this.caller.json(
      CatalogTypeResult,
      "POST",
      `/v3/catalog_types/${segment(required(id, "id", "the catalog type's ID"))}/actions/update_schema`,
      { body },
    );
  }

  /** Archives the type and every entry of it. */
  async delete(id: string): Promise<void> {
    return this.caller.send(
      "DELETE",
      `/v3/catalog_types/${segment(required(id, "id", "the catalog type's ID"))}`,
    );
  }
}

export interface CatalogEntriesFilter {
  catalogTypeId: string;
  /** Only entries with this ID, external ID or alias (or name, when the type uses names as identifiers). */
  identifier?: string;
}

export interface CatalogEntriesPage {
  /** The type listed, as it is now. */
  catalogType: CatalogType;
  entries: CatalogEntry[];
  paginationMeta: PaginationMeta;
}

/** Catalog entries (v3): paginated per type. */
export class CatalogEntries {
  constructor(private readonly caller: Caller) {}

  /** One page, for callers that keep their own cursor. incident.io requires a page size; 25 unless given. */
  async listPage(
    filter: CatalogEntriesFilter,
    options: { after?: string | undefined; pageSize?: number | undefined } = {},
  ): Promise<CatalogEntriesPage> {
    const result = await this.caller.json(CatalogEntriesListResult, "GET", "/v3/catalog_entries", {
      query: {
        catalog_type_id: required(
          filter.catalogTypeId,
          "catalogTypeId",
          "the ID of the catalog type to list",
        ),
        page_size: checkPageSize(options.pageSize ?? 25),
        after: options.after,
        identifier: filter.identifier,
      },
    });
    return {
      catalogType: result.catalog_type,
      entries: result.catalog_entries,
      paginationMeta: result.pagination_meta,
    };
  }

  /** Every matching entry of the type over all pages, up to `limit`. */
  list(
    filter: CatalogEntriesFilter,
    options: { pageSize?: number; limit?: number } = {},
  ): AsyncGenerator<CatalogEntry> {
    const pageSize = checkPageSize(options.pageSize ?? MAX_PAGE_SIZE);
    return paginate(async (after) => {
      const page = await this.listPage(filter, { pageSize, ...(after ? { after } : {}) });
      return { items: page.entries, after: page.paginationMeta.after };
    }, options.limit);
  }

  /**
   * The entry. `expand: true` adds backlinks (entries of other types pointing at it); `expand: false` shows only
   * the values set on the entry itself; left out, values worked out along paths are shown too.
   */
  async show(id: string, options: { expand?: boolean } = {}): Promise<CatalogEntry> {
    const result = await this.caller.json(
      CatalogEntryWithTypeResult,
      "GET",
      `/v3/catalog_entries/${segment(required(id, "id", "the catalog entry's ID"))}`,
      { query: { expand: options.expand } },
    );
    return result.catalog_entry;
  }

  /**
   * Creates an entry; when its type already has an entry with this `external_id`, incident.io updates that one
   * instead. Retried safely only when `external_id` is given, since that is what makes a repeat an update.
   */
  async create(body: CatalogEntryCreatePayload): Promise<{ catalog_entry: CatalogEntry }> {
    const externalId = body.external_id;
    return this.caller.json(CatalogEntryResult, "POST", "/v3/catalog_entries", {
      body,
      idempotent: typeof externalId === "string" && externalId !== "",
    });
  }

  /** Sets the entry's name and values (only `update_attributes`, when given). Retried safely. */
  async update(
    id: string,
    body: CatalogEntryUpdatePayload,
  ): Promise<{ catalog_entry: CatalogEntry; catalog_type: CatalogType }> {
    return this.caller.json(
      CatalogEntryWithTypeResult,
      "PUT",
      `/v3/catalog_entries/${segment(required(id, "id", "the catalog entry's ID"))}`,
      { body, idempotent: true },
    );
  }

  /**
   * Updates up to 250 entries of one type in one request, all or none (answered 204). Refused here, before
   * anything is sent, when there are none or too many. Retried safely: it sets values, it adds nothing.
   */
  async bulkUpdate(body: CatalogEntriesBulkUpdatePayload): Promise<void> {
    const count = body.entries.length;
    if (count === 0 || count > CATALOG_BULK_UPDATE_MAX) {
      throw new IncidentKitError({
        code: "invalid_argument",
        message: `a bulk update takes 1 to ${CATALOG_BULK_UPDATE_MAX} entries, got ${count}`,
        hint: `split the entries into batches of at most ${CATALOG_BULK_UPDATE_MAX}`,
      });
    }
    required(body.catalog_type_id, "catalog_type_id", "the ID of the entries' catalog type");
    return this.caller.send("POST", "/v3/catalog_entries/actions/bulk_update", { body, idempotent: true });
  }

  /** Archives the entry; incidents that name it keep it. */
  async delete(id: string): Promise<void> {
    return this.caller.send(
      "DELETE",
      `/v3/catalog_entries/${segment(required(id, "id", "the catalog entry's ID"))}`,
    );
  }
}

/** Catalog resources (v3): the types a catalog attribute can hold. */
export class CatalogResources {
  constructor(private readonly caller: Caller) {}

  async list(): Promise<CatalogResource[]> {
    return (await this.caller.json(CatalogResourcesListResult, "GET", "/v3/catalog_resources")).resources;
  }
}

/** An empty ID would address the collection instead of one of its members; refuse it naming the argument. */
function required(value: string, name: string, what: string): string {
  if (typeof value !== "string" || value.trim() === "") {
    throw new IncidentKitError({
      code: "invalid_argument",
      message: `${name} is empty`,
      hint: `pass ${what}`,
    });
  }
  return value;
}
