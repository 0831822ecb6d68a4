import { type Caller, segment } from "../caller.js";
import { checkPageSize, paginate } from "../paginate.js";
import {
  type ExternalResourceType,
  type IncidentAttachment,
  IncidentAttachmentResult,
  type IncidentAttachmentsCreatePayload,
  IncidentAttachmentsListResult,
  type IncidentRelationship,
  IncidentRelationshipsListResult,
} from "../types/attachments.js";
import type { PaginationMeta } from "../types/common.js";

/**
 * Whose attachments to list: an incident's, or every incident's attachment of one external resource (both
 * `resourceType` and `externalId`, e.g. which incidents a Datadog monitor is attached to).
 */
export type IncidentAttachmentsFilter =
  | { incidentId: string; resourceType?: ExternalResourceType; externalId?: string }
  | { incidentId?: undefined; resourceType: ExternalResourceType; externalId: string };

/** Incident attachments (v1): resources from other systems (pull requests, dashboards, alerts) on an incident. */
export class IncidentAttachments {
  constructor(private readonly caller: Caller) {}

  /** Every matching attachment (the list is not paginated). */
  async list(filter: IncidentAttachmentsFilter): Promise<IncidentAttachment[]> {
    const result = await this.caller.json(IncidentAttachmentsListResult, "GET", "/v1/incident_attachments", {
      query: {
        incident_id: filter.incidentId,
        resource_type: filter.resourceType,
        external_id: filter.externalId,
      },
    });
    return result.incident_attachments;
  }

  /**
   * Attaches a resource, named by `external_id` or `url`. Not retried on a lost answer: the API has no idempotency
   * key here, and attaching twice is refused as a duplicate, so list before retrying by hand.
   */
  async create(body: IncidentAttachmentsCreatePayload): Promise<IncidentAttachment> {
    return (await this.caller.json(IncidentAttachmentResult, "POST", "/v1/incident_attachments", { body }))
      .incident_attachment;
  }

  /** Unattaches the resource; the attachment's ID is gone afterwards (404). */
  async delete(id: string): Promise<void> {
    await this.caller.send("DELETE", `/v1/incident_attachments/${segment(id)}`);
  }
}

export interface IncidentRelationshipsPage {
  incidentRelationships: IncidentRelationship[];
  paginationMeta?: PaginationMeta | undefined;
}

/** Incident relationships (v1): the incidents marked as related to one incident. */
export class IncidentRelationships {
  constructor(private readonly caller: Caller) {}

  async listPage(
    incidentId: string,
    options: { after?: string | undefined; pageSize?: number | undefined } = {},
  ): Promise<IncidentRelationshipsPage> {
    const result = await this.caller.json(
      IncidentRelationshipsListResult,
      "GET",
      "/v1/incident_relationships",
      {
        query: { incident_id: incidentId, page_size: checkPageSize(options.pageSize), after: options.after },
      },
    );
    return { incidentRelationships: result.incident_relationships, paginationMeta: result.pagination_meta };
  }

  /** Every incident related to `incidentId`, over all pages. */
  list(
    incidentId: string,
    options: { pageSize?: number; limit?: number } = {},
  ): AsyncGenerator<IncidentRelationship> {
    const pageSize = checkPageSize(options.pageSize ?? 250);
    return paginate(async (after) => {
      const page = await this.listPage(incidentId, { pageSize, ...(after ? { after } : {}) });
      return { items: page.incidentRelationships, after: page.paginationMeta?.after };
    }, options.limit);
  }
}
