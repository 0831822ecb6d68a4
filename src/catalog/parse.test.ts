import { describe, expect, it } from "vitest";
import { parseCatalog } from "./load.js";

const FILE = `apiVersion: backstage.io/v1alpha1
kind: Group
metadata:
  name: payments
  title: Payments team
spec:
  type: team
  profile:
    displayName: Payments
  parent: engineering
  children: [payments-oncall]
---
apiVersion: backstage.io/v1alpha1
kind: Group
metadata:
  name: engineering
spec:
  type: department
  children: [payments]
---
apiVersion: backstage.io/v1alpha1
kind: Group
metadata:
  name: payments-oncall
spec:
  type: rota
  parent: group:default/payments
---
apiVersion: backstage.io/v1alpha1
kind: System
metadata:
  name: billing
spec:
  owner: payments
---
apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: payments-api
  namespace: default
  title: Payments API
  description: Card payments
  tags: [java, pci]
  annotations:
    github.com/project-slug: acme/payments-api
    incidentkit.io/account: prod
    incidentkit.io/incident-field-value: " Payments "
  links:
    - url: https://grafana.example/d/pay
      title: Dashboard
      icon: dashboard
spec:
  type: service
  lifecycle: production
  owner: group:payments
  system: billing
  dependsOn: [component:ledger, resource:payments-db]
---
apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: ledger
spec:
  type: service
  lifecycle: production
  owner: group:default/payments
---
apiVersion: backstage.io/v1alpha1
kind: Resource
metadata:
  name: payments-db
spec:
  type: database
  owner: payments
---
apiVersion: backstage.io/v1alpha1
kind: API
metadata:
  name: payments-public
spec:
  type: openapi
  lifecycle: production
  owner: payments
  definition:
    $text: ./openapi.yaml
---
`;

describe("parseCatalog: a multi-document file", () => {
  const catalog = parseCatalog([{ path: "catalog/payments.yaml", text: FILE }]);

  it("reads every kind: Components, Systems and Groups as the hub's entities, the others beside them", () => {
    expect(catalog.problems).toEqual([]);
    expect(catalog.valid).toBe(true);
    expect(catalog.entities.map((entity) => entity.ref)).toEqual([
      "group:default/payments",
      "group:default/engineering",
      "group:default/payments-oncall",
      "system:default/billing",
      "component:default/payments-api",
      "component:default/ledger",
    ]);
    expect(catalog.skipped).toEqual([]);
    expect(catalog.others.map((entity) => [entity.kind, entity.ref, entity.source.line])).toEqual([
      ["Resource", "resource:default/payments-db", 71],
      ["API", "api:default/payments-public", 79],
    ]);
    expect(catalog.others[1]?.relations).toEqual([{ type: "ownedBy", target: "group:default/payments" }]);
  });

  it("keeps a Component's fields, every annotation, and normalised references", () => {
    const api = catalog.entities.find((entity) => entity.name === "payments-api");
    expect(api).toEqual({
      ref: "component:default/payments-api",
      kind: "Component",
      namespace: "default",
      name: "payments-api",
      title: "Payments API",
      description: "Card payments",
      tags: ["java", "pci"],
      annotations: {
        "github.com/project-slug": "acme/payments-api",
        "incidentkit.io/account": "prod",
        "incidentkit.io/incident-field-value": " Payments ",
      },
      links: [{ url: "https://grafana.example/d/pay", title: "Dashboard", icon: "dashboard" }],
      type: "service",
      lifecycle: "production",
      owner: "group:default/payments",
      system: "system:default/billing",
      dependsOn: ["component:default/ledger", "resource:default/payments-db"],
      children: [],
      relations: [
        { type: "ownedBy", target: "group:default/payments" },
        { type: "partOf", target: "system:default/billing" },
        { type: "dependsOn", target: "component:default/ledger" },
        { type: "dependsOn", target: "resource:default/payments-db" },
      ],
      account: "prod",
      incidentFieldValue: "Payments",
      source: { file: "catalog/payments.yaml", line: 39, column: 3 },
    });
  });

  it("reads a Group's profile, parent and children as group references", () => {
    const group = catalog.entities.find((entity) => entity.name === "payments");
    expect(group).toMatchObject({
      kind: "Group",
      title: "Payments team",
      type: "team",
      displayName: "Payments",
      parent: "group:default/engineering",
      children: ["group:default/payments-oncall"],
    });
    expect(catalog.entities.find((entity) => entity.name === "payments-oncall")?.parent).toBe(
      "group:default/payments",
    );
  });

  it("gives a System its owner, defaulting the kind to group", () => {
    expect(catalog.entities.find((entity) => entity.kind === "System")?.owner).toBe("group:default/payments");
  });

  it("puts an entity in its namespace and resolves its short references there", () => {
    const text = `apiVersion: backstage.io/v1alpha1
kind: Group
metadata: { name: sre, namespace: ops }
spec: { type: team }
---
apiVersion: backstage.io/v1alpha1
kind: Component
metadata: { name: pager, namespace: ops }
spec: { type: service, lifecycle: production, owner: sre }
`;
    const parsed = parseCatalog([{ path: "ops.yml", text }]);
    expect(parsed.problems).toEqual([]);
    expect(parsed.entities[1]).toMatchObject({ ref: "component:ops/pager", owner: "group:ops/sre" });
  });

  it("ignores empty documents and files", () => {
    const parsed = parseCatalog([
      { path: "empty.yaml", text: "" },
      { path: "comments.yaml", text: "# nothing yet\n---\n---\n" },
    ]);
    expect(parsed).toMatchObject({ entities: [], skipped: [], problems: [], valid: true });
  });
});
