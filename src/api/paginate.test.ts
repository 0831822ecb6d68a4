import { describe, expect, it } from "vitest";
import type { IncidentIo } from "./client.js";
import { IncidentKitError, InvalidResponseError } from "./errors.js";
import { paginate } from "./paginate.js";
import {
  exampleCustomFieldOption,
  exampleIncident,
  exampleIncidentUpdate,
  exampleUserWithRoles,
} from "./testing/example-bodies.js";
import { collect, scriptedClient } from "./testing/harness.js";
import type { RecordedRequest, ScriptedReply, ScriptedServer } from "./testing/scripted-server.js";

const { server, client } = await scriptedClient();

function query(request: RecordedRequest | undefined): URLSearchParams {
  return new URL(request?.url ?? "/", "http://x").searchParams;
}

const incident = (n: number) =>
  exampleIncident({ id: `01HQ4Z7V1JX6R8T3N2M5K90${String(n).padStart(3, "0")}` });
const ids = (items: readonly { id: string }[]) => items.map((item) => item.id);

/**
 * A list of `total` items served `perPage` at a time, the cursor being the last item's ID, as incident.io
 * does; the last page has no `after`.
 */
function pagedList(
  key: string,
  total: number,
  perPage: number,
  item: (n: number) => Record<string, unknown>,
) {
  const all = Array.from({ length: total }, (_, n) => item(n + 1));
  return (request: RecordedRequest): ScriptedReply => {
    const after = query(request).get("after");
    const start = after === null ? 0 : all.findIndex((entry) => entry.id === after) + 1;
    const page = all.slice(start, start + perPage);
    const last = page[page.length - 1];
    const more = start + perPage < all.length;
    return {
      body: { [key]: page, pagination_meta: { page_size: perPage, ...(more ? { after: last?.id } : {}) } },
    };
  };
}

type Reply = Parameters<ScriptedServer["reply"]>[number];

/** The same handler for the next `count` requests: a request beyond them gets the server's failing fallback. */
function pages(count: number, handler: (request: RecordedRequest) => ScriptedReply): Reply[] {
  return Array.from({ length: count }, () => handler);
}

describe("incidents.list", () => {
  it("walks every page by its after cursor and stops when pagination_meta.after is absent", async () => {
    server.reply(...pages(3, pagedList("incidents", 5, 2, incident)));
    const incidents = await collect(client.incidents.list({}, { pageSize: 2 }));
    expect(ids(incidents)).toEqual([1, 2, 3, 4, 5].map((n) => incident(n).id));
    expect(server.requests.map((r) => query(r).get("after"))).toEqual([null, incident(2).id, incident(4).id]);
  });

  it("sends page_size 250 unless told otherwise, and the filters on every page", async () => {
    server.reply(...pages(2, pagedList("incidents", 3, 2, incident)));
    await collect(client.incidents.list({ severity: { gte: "01SEV" } }));
    expect(server.requests.map((r) => query(r).get("page_size"))).toEqual(["250", "250"]);
    expect(server.requests.map((r) => query(r).get("severity[gte]"))).toEqual(["01SEV", "01SEV"]);
  });

  it("stops at the limit without fetching pages it does not need", async () => {
    server.reply(...pages(2, pagedList("incidents", 10, 2, incident)));
    const incidents = await collect(client.incidents.list({}, { pageSize: 2, limit: 3 }));
    expect(ids(incidents)).toEqual([1, 2, 3].map((n) => incident(n).id));
    expect(server.requests).toHaveLength(2);
  });

  it("sends nothing for a limit of 0", async () => {
    server.reply();
    expect(await collect(client.incidents.list({}, { limit: 0 }))).toEqual([]);
    expect(server.requests).toHaveLength(0);
  });

  it("fetches lazily: leaving the loop early sends no further request", async () => {
    server.reply(...pages(3, pagedList("incidents", 6, 2, incident)));
    for await (const found of client.incidents.list({}, { pageSize: 2 })) {
      expect(found.id).toBe(incident(1).id);
      break;
    }
    expect(server.requests).toHaveLength(1);
  });

  it("rejects a page size above 250, or not a whole number, before sending anything", () => {
    server.reply();
    for (const pageSize of [251, 0, 2.5]) {
      expect(() => client.incidents.list({}, { pageSize })).toThrow(IncidentKitError);
      expect(() => client.incidents.list({}, { pageSize })).toThrow(
        /page_size must be a whole number from 1 to 250/,
      );
    }
    expect(server.requests).toHaveLength(0);
  });

  it("rejects a negative limit", async () => {
    const error = await collect(client.incidents.list({}, { limit: -1 })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(IncidentKitError);
    expect((error as IncidentKitError).code).toBe("invalid_argument");
  });

  it("reads a single page when pagination_meta is absent", async () => {
    server.reply({ body: { incidents: [incident(1)] } });
    expect(ids(await collect(client.incidents.list()))).toEqual([incident(1).id]);
    expect(server.requests).toHaveLength(1);
  });

  it("stops with an InvalidResponseError instead of looping when a cursor comes back twice", async () => {
    const loop = { body: { incidents: [incident(1)], pagination_meta: { page_size: 1, after: "CURSOR" } } };
    server.reply(loop, loop);
    const error = await collect(client.incidents.list()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidResponseError);
    expect((error as InvalidResponseError).path).toBe("pagination_meta.after");
    expect(server.requests).toHaveLength(2);
  });
});

describe("incidents.listPage", () => {
  it("returns one page with the cursor for the next, and sends the cursor it is given", async () => {
    server.reply(...pages(2, pagedList("incidents", 3, 2, incident)));
    const first = await client.incidents.listPage({}, { pageSize: 2 });
    expect(ids(first.incidents)).toEqual([incident(1).id, incident(2).id]);
    expect(first.paginationMeta).toEqual({ page_size: 2, after: incident(2).id });
    const after = first.paginationMeta?.after as string;
    const second = await client.incidents.listPage({}, { pageSize: 2, after });
    expect(ids(second.incidents)).toEqual([incident(3).id]);
    expect(second.paginationMeta?.after).toBeUndefined();
    expect(query(server.requests[1]).get("after")).toBe(incident(2).id);
  });

  it("leaves page_size to incident.io when not given, and checks it when given", async () => {
    server.reply({ body: { incidents: [] } });
    await client.incidents.listPage();
    expect(query(server.requests[0]).has("page_size")).toBe(false);
    await expect(client.incidents.listPage({}, { pageSize: 500 })).rejects.toThrow(/from 1 to 250/);
  });
});

describe("the other paginated lists", () => {
  const cases: {
    name: string;
    list: (client: IncidentIo) => AsyncIterable<{ id: string }>;
    handler: (request: RecordedRequest) => ScriptedReply;
    expected: string[];
  }[] = [
    {
      name: "users.list",
      list: (c: IncidentIo) => c.users.list({}, { pageSize: 2 }),
      handler: pagedList("users", 3, 2, (n) => exampleUserWithRoles({ id: `USER${n}` })),
      expected: ["USER1", "USER2", "USER3"],
    },
    {
      name: "incidentUpdates.list",
      list: (c: IncidentIo) => c.incidentUpdates.list({}, { pageSize: 2 }),
      handler: pagedList("incident_updates", 3, 2, (n) => exampleIncidentUpdate({ id: `UPDATE${n}` })),
      expected: ["UPDATE1", "UPDATE2", "UPDATE3"],
    },
    {
      name: "customFieldOptions.list",
      list: (c: IncidentIo) => c.customFieldOptions.list("01CF", { pageSize: 2 }),
      handler: pagedList("custom_field_options", 3, 2, (n) => exampleCustomFieldOption({ id: `OPTION${n}` })),
      expected: ["OPTION1", "OPTION2", "OPTION3"],
    },
  ];

  it.each(cases)("$name walks every page", async ({ list, handler, expected }) => {
    server.reply(...pages(2, handler));
    expect(ids(await collect(list(client)))).toEqual(expected);
    expect(server.requests.map((r) => query(r).get("after"))).toEqual([null, expected[1]]);
  });
});

describe("client.paginate (raw)", () => {
  it("walks any list by its items key, unparsed, up to a limit", async () => {
    server.reply(...pages(3, pagedList("incidents", 5, 2, incident)));
    const all = await collect(client.paginate("/v2/incidents", { page_size: 2 }, "incidents"));
    expect(ids(all as { id: string }[])).toEqual([1, 2, 3, 4, 5].map((n) => incident(n).id));
    expect(query(server.requests[2]).get("page_size")).toBe("2");
    server.reply(...pages(1, pagedList("incidents", 5, 2, incident)));
    const limited = await collect(
      client.paginate("/v2/incidents", { page_size: 2 }, "incidents", { limit: 1 }),
    );
    expect(limited).toHaveLength(1);
    expect(server.requests).toHaveLength(1);
  });

  it("says so when the items key is not a list in the answer", async () => {
    server.reply({ body: { incidents: [] } });
    const error = await collect(client.paginate("/v2/incidents", {}, "incident")).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(IncidentKitError);
    expect((error as IncidentKitError).message).toContain('"incident"');
  });
});

describe("paginate", () => {
  it("passes each page's cursor to the next fetch and yields items in order", async () => {
    const book: Record<string, { items: number[]; after?: string }> = {
      start: { items: [1, 2], after: "b" },
      b: { items: [], after: "c" },
      c: { items: [3] },
    };
    const cursors: (string | undefined)[] = [];
    const items = await collect(
      paginate(async (after) => {
        cursors.push(after);
        return book[after ?? "start"] as { items: number[]; after?: string };
      }),
    );
    expect(items).toEqual([1, 2, 3]);
    expect(cursors).toEqual([undefined, "b", "c"]);
  });
});
