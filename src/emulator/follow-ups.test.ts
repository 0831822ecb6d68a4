import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { startTestEmulator, type TestEmulator } from "../../test/support/emulator.js";
import { ManualClock } from "../shared/clock.js";
import { type WorkFixture, workSnapshot } from "./testing/work-snapshot.js";
import { call, named, type Reply, tokenFor } from "./testing.js";

const START = Date.UTC(2024, 4, 2, 9);

let f: WorkFixture;
let t: TestEmulator;
let clock: ManualClock;

beforeEach(async () => {
  f = workSnapshot();
  clock = new ManualClock(START);
  t = await startTestEmulator({ ephemeral: true, snapshot: f.snapshot, clock });
});

afterEach(() => t.close());

const user = (name: string) => named(f.snapshot.users, name).id;
const as = (name: "Admin" | "Viewer" | "Creator" | "Editor") => tokenFor(f.snapshot, name);
const request = (method: string, path: string, body?: unknown, token = as("Editor")): Promise<Reply> =>
  call(t.emulator, method, path, { token, ...(body === undefined ? {} : { body }) });

async function created(body: Record<string, unknown>, token?: string) {
  const reply = await request(
    "POST",
    "/v2/follow_ups",
    { incident_id: f.incidents.first.id, ...body },
    token,
  );
  expect(reply.status, JSON.stringify(reply.body)).toBe(201);
  return reply.body.follow_up;
}

function expectRefusal(reply: Reply, status: number, field?: string): void {
  expect(reply.status, JSON.stringify(reply.body)).toBe(status);
  if (field) expect(reply.body.errors[0].source?.field).toBe(field);
}

describe("creating follow-ups", () => {
  it("creates an outstanding follow-up with everything the payload names", async () => {
    const followUp = await created({
      title: "  Add an alert on pool usage ",
      description: "Alert at **80%**",
      assignee_id: user("Grace Hopper"),
      assignee_team_id: f.teams.payments,
      follow_up_priority_option_id: f.priorities.urgent,
      follow_up_category_id: "01CATEGORY",
      labels: ["monitoring", "monitoring", "db"],
    });
    expect(followUp).toMatchObject({
      incident_id: f.incidents.first.id,
      title: "Add an alert on pool usage",
      description: "Alert at **80%**",
      status: "outstanding",
      labels: ["monitoring", "db"],
      assignee: { id: user("Grace Hopper"), name: "Grace Hopper" },
      assignee_team: { id: f.teams.payments, name: "Payments" },
      priority: { id: f.priorities.urgent, name: "Urgent", rank: 2, description: "This week" },
      creator: { api_key: { name: "Editor" } },
      created_at: new Date(START).toISOString(),
    });
    expect(followUp.completed_at).toBeUndefined();
    expect(followUp.external_issue_reference).toBeUndefined();
    const shown = await request("GET", `/v2/follow_ups/${followUp.id}`, undefined, as("Viewer"));
    expect(shown.body.follow_up).toEqual(followUp);
  });

  it.each<[Record<string, unknown>, string]>([
    [{ incident_id: "01NOSUCHINCIDENT" }, "incident_id"],
    [{ title: "  " }, "title"],
    [{ assignee_id: "01NOUSER" }, "assignee_id"],
    [{ assignee_id: "OLD" }, "assignee_id"],
    [{ assignee_team_id: "01NOTEAM" }, "assignee_team_id"],
    [{ follow_up_priority_option_id: "01NOPRIORITY" }, "follow_up_priority_option_id"],
    [{ external_issue_reference_id: "01ISSUE" }, "external_issue_reference_id"],
    [{ labels: ["ok", ""] }, "labels.1"],
    [{ title: 42 }, "title"],
  ])("refuses %j with a 422 naming %s, and stores nothing", async (change, field) => {
    const body: Record<string, unknown> = { incident_id: f.incidents.first.id, title: "Fix it", ...change };
    if (body.assignee_id === "OLD") body.assignee_id = user("Old Timer");
    expectRefusal(await request("POST", "/v2/follow_ups", body), 422, field);
    expect(t.emulator.followUps()).toEqual([]);
  });

  it("refuses a team that is a catalog entry of another type", async () => {
    const service = f.snapshot.catalog_entries.find((e) => e.name === "payments");
    const reply = await request("POST", "/v2/follow_ups", {
      incident_id: f.incidents.first.id,
      title: "Fix it",
      assignee_team_id: service?.id,
    });
    expectRefusal(reply, 422, "assignee_team_id");
  });

  it("hides private incidents from keys that cannot see them, and needs the create scope", async () => {
    expectRefusal(
      await request("POST", "/v2/follow_ups", { incident_id: f.incidents.secret.id, title: "Rotate" }),
      422,
      "incident_id",
    );
    await created({ incident_id: f.incidents.secret.id, title: "Rotate" }, as("Admin"));
    expectRefusal(
      await request(
        "POST",
        "/v2/follow_ups",
        { incident_id: f.incidents.first.id, title: "x" },
        as("Creator"),
      ),
      403,
    );
  });
});

describe("listing follow-ups", () => {
  it("lists across incidents oldest first, filtered by incident, mode and assignee team", async () => {
    const a = await created({ title: "A", assignee_team_id: f.teams.payments });
    clock.advance(1000);
    const b = await created({
      incident_id: f.incidents.second.id,
      title: "B",
      assignee_team_id: f.teams.platform,
    });
    clock.advance(1000);
    const drill = await created({ incident_id: f.incidents.drill.id, title: "Drill" });
    const secret = await created({ incident_id: f.incidents.secret.id, title: "Secret" }, as("Admin"));
    const ids = async (query: string, token = as("Viewer")) =>
      (await request("GET", `/v2/follow_ups${query}`, undefined, token)).body.follow_ups.map(
        (x: { id: string }) => x.id,
      );
    expect(await ids("")).toEqual([a.id, b.id]);
    expect(await ids("", as("Admin"))).toEqual([a.id, b.id, secret.id]);
    expect(await ids(`?incident_id=${f.incidents.second.id}`)).toEqual([b.id]);
    expect(await ids("?incident_id=")).toEqual([a.id, b.id]);
    expect(await ids("?incident_id=01NOSUCHINCIDENT")).toEqual([]);
    expect(await ids("?incident_mode=test")).toEqual([drill.id]);
    expect(await ids("?incident_mode=stream")).toEqual([]);
    expect(await ids(`?assignee_team_id=${f.teams.platform}`)).toEqual([b.id]);
    expect(await ids(`?incident_id=${f.incidents.first.id}&assignee_team_id=${f.teams.platform}`)).toEqual(
      [],
    );
    expectRefusal(await request("GET", "/v2/follow_ups?incident_mode=real"), 422, "incident_mode");
    expect((await request("GET", `/v2/follow_ups/${secret.id}`, undefined, as("Viewer"))).status).toBe(404);
  });
});

describe("updating follow-ups", () => {
  it("completes, reopens and reassigns, keeping what the update leaves out", async () => {
    const followUp = await created({
      title: "Fix",
      description: "Why",
      assignee_id: user("Ada Lovelace"),
      assignee_team_id: f.teams.payments,
      follow_up_priority_option_id: f.priorities.low,
      labels: ["x"],
    });
    clock.advance(60_000);
    const done = await request("PUT", `/v2/follow_ups/${followUp.id}`, {
      title: "Fixed",
      status: "completed",
    });
    expect(done.status).toBe(200);
    expect(done.body.follow_up).toMatchObject({
      title: "Fixed",
      status: "completed",
      description: "Why",
      labels: ["x"],
      assignee: { id: user("Ada Lovelace") },
      assignee_team: { id: f.teams.payments },
      priority: { id: f.priorities.low },
      completed_at: new Date(START + 60_000).toISOString(),
      updated_at: new Date(START + 60_000).toISOString(),
    });
    clock.advance(60_000);
    const reopened = await request("PUT", `/v2/follow_ups/${followUp.id}`, {
      title: "Fixed",
      status: "outstanding",
      assignee_id: null,
      assignee_team_id: f.teams.platform,
      description: "",
      labels: [],
    });
    expect(reopened.body.follow_up).toMatchObject({ status: "outstanding", labels: [] });
    expect(reopened.body.follow_up.completed_at).toBeUndefined();
    expect(reopened.body.follow_up.assignee).toBeUndefined();
    expect(reopened.body.follow_up.description).toBeUndefined();
    expect(reopened.body.follow_up.assignee_team.name).toBe("Platform");
  });

  it("writes nothing when nothing changes", async () => {
    const followUp = await created({ title: "Fix" });
    const before = t.emulator.followUps()[0];
    clock.advance(60_000);
    const same = await request("PUT", `/v2/follow_ups/${followUp.id}`, {
      title: "Fix",
      status: "outstanding",
    });
    expect(same.body.follow_up.updated_at).toBe(followUp.updated_at);
    expect(t.emulator.followUps()[0]).toBe(before);
  });

  it.each([
    [{ title: "Fix", status: "deleted" }, "status"],
    [{ title: "Fix", status: "done" }, "status"],
    [{ status: "completed" }, "title"],
    [{ title: "Fix", status: "completed", assignee_id: "01NOUSER" }, "assignee_id"],
    [
      { title: "Fix", status: "completed", follow_up_priority_option_id: "x" },
      "follow_up_priority_option_id",
    ],
  ])("refuses %j with a 422 naming %s, and changes nothing", async (body, field) => {
    const followUp = await created({ title: "Fix" });
    const before = t.emulator.followUps();
    expectRefusal(await request("PUT", `/v2/follow_ups/${followUp.id}`, body), 422, field);
    expect(t.emulator.followUps()).toEqual(before);
  });

  it("answers 404 for follow-ups that do not exist, and 403 without the update scope", async () => {
    const body = { title: "Fix", status: "completed" };
    expectRefusal(await request("PUT", "/v2/follow_ups/01NOSUCH", body), 404);
    const followUp = await created({ title: "Fix" });
    expectRefusal(await request("PUT", `/v2/follow_ups/${followUp.id}`, body, as("Viewer")), 403);
  });
});

describe("deleting follow-ups", () => {
  it("deletes: gone from show, lists and updates, kept in the store as deleted", async () => {
    const followUp = await created({ title: "Fix" });
    expectRefusal(await request("DELETE", `/v2/follow_ups/${followUp.id}`, undefined, as("Viewer")), 403);
    const reply = await request("DELETE", `/v2/follow_ups/${followUp.id}`);
    expect(reply.status).toBe(204);
    expect(reply.body).toBeUndefined();
    expect((await request("GET", `/v2/follow_ups/${followUp.id}`)).status).toBe(404);
    expect((await request("GET", "/v2/follow_ups")).body.follow_ups).toEqual([]);
    expect((await request("DELETE", `/v2/follow_ups/${followUp.id}`)).status).toBe(404);
    expect(t.emulator.followUps().map((x) => x.status)).toEqual(["deleted"]);
  });
});

describe("connecting an external issue", () => {
  it.each([
    ["jira", "https://acme.atlassian.net/browse/PAY-123", "PAY-123"],
    ["jira_server", "https://jira.acme.example/projects/OPS?selectedIssue=OPS-7", "OPS-7"],
    ["linear", "https://linear.app/acme/issue/ENG-42/add-an-alert", "ENG-42"],
    ["github", "https://github.com/acme/api/issues/17", "acme/api#17"],
    ["gitlab", "https://gitlab.com/acme/infra/api/-/issues/9", "acme/infra/api#9"],
    ["shortcut", "https://app.shortcut.com/acme/story/311/fix", "sc-311"],
    ["azure_devops", "https://dev.azure.com/acme/web/_workitems/edit/55", "#55"],
    ["notion", "https://www.notion.so/acme/Fix-the-pool-0123abcd", "Fix-the-pool-0123abcd"],
  ])("connects a %s issue and names it from the URL", async (provider, url, name) => {
    const followUp = await created({ title: "Fix" });
    const reply = await request("POST", `/v2/follow_ups/${followUp.id}/actions/connect_external_issue`, {
      provider,
      url,
    });
    expect(reply.status, JSON.stringify(reply.body)).toBe(200);
    expect(reply.body.follow_up.external_issue_reference).toEqual({
      provider,
      issue_name: name,
      issue_permalink: url,
    });
  });

  it("refuses a second issue, a bad URL or provider, and changes nothing", async () => {
    const followUp = await created({ title: "Fix" });
    const path = `/v2/follow_ups/${followUp.id}/actions/connect_external_issue`;
    expectRefusal(await request("POST", path, { provider: "jira", url: "ftp://x/PAY-1" }), 422, "url");
    expectRefusal(
      await request("POST", path, { provider: "trello", url: "https://trello.com/c/1" }),
      422,
      "provider",
    );
    await request("POST", path, { provider: "jira", url: "https://acme.atlassian.net/browse/PAY-1" });
    const before = t.emulator.followUps();
    const again = await request("POST", path, {
      provider: "jira",
      url: "https://acme.atlassian.net/browse/PAY-2",
    });
    expectRefusal(again, 422, "url");
    expect(again.body.errors[0].message).toContain("PAY-1");
    expect(t.emulator.followUps()).toEqual(before);
    expectRefusal(await request("POST", "/v2/follow_ups/01NOSUCH/actions/connect_external_issue", {}), 404);
  });
});
