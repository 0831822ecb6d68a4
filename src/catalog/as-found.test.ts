import { describe, expect, it } from "vitest";
import { type CatalogFile, parseCatalog, strictly } from "./load.js";
import { formatProblem } from "./problem.js";
import { describeForHub, describeSummary, summarise } from "./summary.js";

const read = (...files: CatalogFile[]) => parseCatalog(files);
const problems = (...files: CatalogFile[]) => read(...files).problems.map(formatProblem);

const COMPONENT = `apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: payments-api
spec:
  type: service
  lifecycle: production
  owner: group:payments
`;

describe("YAML that is not a Backstage entity is skipped and counted, never an error", () => {
  const others: CatalogFile[] = [
    { path: "mkdocs.yml", text: "site_name: Payments\nnav:\n  - Home: index.md\n" },
    { path: "app-config.yaml", text: "app:\n  title: Backstage\ncatalog:\n  locations:\n    - type: url\n" },
    {
      path: "docker-compose.yaml",
      text: "services:\n  db:\n    image: postgres:16\n    ports: ['5432:5432']\n",
    },
    {
      path: "workflows/ci.yml",
      text: `on: push\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo \${{ github.sha }}\n`,
    },
    {
      path: "k8s/deployment.yaml",
      text: "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: payments-api\nspec:\n  replicas: 2\n",
    },
    {
      path: "openshift/template.yaml",
      text: "apiVersion: template.openshift.io/v1\nkind: Template\nmetadata:\n  name: payments\nobjects: []\n",
    },
    {
      path: "chart/templates/service.yaml",
      text: 'apiVersion: v1\nkind: Service\nmetadata:\n  name: {{ include "chart.fullname" . }}\n  labels:\n    {{- include "chart.labels" . | nindent 4 }}\n',
    },
    { path: "list.yaml", text: "- just\n- a list\n" },
  ];

  it("skips each, counted once per file", () => {
    const catalog = read({ path: "catalog-info.yaml", text: COMPONENT }, ...others);
    expect(catalog.problems.map(formatProblem)).toEqual([
      'catalog-info.yaml:8:3: warning: spec.owner: "group:payments" is not an entity in the catalog; kept as written (it may be defined in another repository)',
    ]);
    expect(catalog.entities.map((entity) => entity.ref)).toEqual(["component:default/payments-api"]);
    expect(catalog.skipped.map((entry) => [entry.reason, entry.source.file])).toEqual(
      others.map((file) => ["not-backstage", file.path]),
    );
    const summary = summarise(catalog);
    expect(summary.skipped.notBackstageFiles).toBe(others.length);
    expect(describeForHub(summary)).toBe("catalog: 1 entity, 1 warning, 8 files skipped (not Backstage)");
  });

  it("but invalid YAML meant as an entity is an error, at its place", () => {
    expect(
      problems({
        path: "c.yaml",
        text: "apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata: [oops\n",
      }),
    ).toEqual([expect.stringMatching(/^c\.yaml:4:1: /)]);
  });
});

describe("a software template's skeleton is skipped; the template is read", () => {
  const skeleton = `apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: \${{ values.name | dump }}
  annotations:
    github.com/project-slug: \${{ values.destination.owner + "/" + values.destination.repo }}
spec:
  type: service
  lifecycle: experimental
  owner: \${{ values.owner | dump }}
`;
  const nunjucks = `apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: \${{ values.name }}
{%- if values.description %}
  description: \${{ values.description }}
{%- endif %}
spec:
  type: service
`;
  const cookiecutter = `apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: {{cookiecutter.component_id | jsonify}}
spec:
  type: website
  owner: {{cookiecutter.owner | jsonify}}
`;
  const template = `apiVersion: scaffolder.backstage.io/v1beta3
kind: Template
metadata:
  name: new-service
  title: New service
spec:
  owner: group:platform
  type: service
  steps:
    - id: fetch
      action: fetch:template
      input:
        url: ./skeleton
        values:
          name: \${{ parameters.name }}
`;

  it("skips skeletons with GitHub-style, Nunjucks and cookiecutter placeholders, without a problem", () => {
    const catalog = read(
      { path: "template/skeleton/catalog-info.yaml", text: skeleton },
      { path: "template/skeleton-nunjucks/catalog-info.yaml", text: nunjucks },
      { path: "template/skeleton-old/catalog-info.yaml", text: cookiecutter },
      { path: "template/template.yaml", text: template },
    );
    expect(catalog.skipped.map((entry) => [entry.reason, entry.source.file])).toEqual([
      ["template-skeleton", "template/skeleton/catalog-info.yaml"],
      ["template-skeleton", "template/skeleton-nunjucks/catalog-info.yaml"],
      ["template-skeleton", "template/skeleton-old/catalog-info.yaml"],
    ]);
    expect(catalog.others.map((entity) => [entity.ref, entity.owner])).toEqual([
      ["template:default/new-service", "group:default/platform"],
    ]);
    expect(catalog.problems.map(formatProblem)).toEqual([
      'template/template.yaml:7:3: warning: spec.owner: "group:platform" is not an entity in the catalog; kept as written (it may be defined in another repository)',
    ]);
    expect(describeSummary(summarise(catalog))).toBe(
      "1 entity: 0 Component, 0 System, 0 Group, 1 Template; skipped: 3 template skeletons; 0 errors, 1 warning",
    );
  });
});

describe("every kind is read, with its relations", () => {
  const text = `apiVersion: backstage.io/v1alpha1
kind: Domain
metadata: { name: commerce }
spec: { owner: payments, subdomainOf: business }
---
apiVersion: backstage.io/v1alpha1
kind: System
metadata: { name: billing }
spec: { owner: payments, domain: commerce }
---
apiVersion: backstage.io/v1alpha1
kind: Component
metadata: { name: payments-api }
spec:
  type: service
  lifecycle: production
  owner: payments
  system: billing
  subcomponentOf: checkout
  providesApis: [payments-rest]
  consumesApis: [api:ledger/ledger-grpc]
  dependsOn: [resource:payments-db]
  dependencyOf: [component:checkout]
---
apiVersion: backstage.io/v1alpha1
kind: API
metadata: { name: payments-rest }
spec: { type: openapi, lifecycle: production, owner: payments, system: billing, definition: "openapi: 3.0.0" }
---
apiVersion: backstage.io/v1alpha1
kind: Resource
metadata: { name: payments-db }
spec: { type: database, owner: payments, system: billing, dependencyOf: [payments-api] }
---
apiVersion: backstage.io/v1alpha1
kind: Group
metadata: { name: payments }
spec: { type: team, parent: engineering, children: [], members: [alice] }
---
apiVersion: backstage.io/v1alpha1
kind: User
metadata: { name: alice }
spec:
  profile: { displayName: Alice Smith, email: alice@example.com }
  memberOf: [payments]
---
apiVersion: backstage.io/v1alpha1
kind: Location
metadata: { name: more }
spec: { targets: [./teams/*.yaml] }
`;
  const catalog = read({ path: "all.yaml", text });

  it("keeps the hub's kinds apart from the others", () => {
    expect(catalog.entities.map((entity) => entity.ref)).toEqual([
      "system:default/billing",
      "component:default/payments-api",
      "group:default/payments",
    ]);
    expect(catalog.others.map((entity) => entity.ref)).toEqual([
      "domain:default/commerce",
      "api:default/payments-rest",
      "resource:default/payments-db",
      "user:default/alice",
      "location:default/more",
    ]);
  });

  it("gives each its relations under Backstage's names, a reference elsewhere kept as written", () => {
    const relations = (ref: string) =>
      [...catalog.entities, ...catalog.others]
        .find((entity) => entity.ref === ref)
        ?.relations.map((relation) => `${relation.type} ${relation.target}`);
    expect(relations("component:default/payments-api")).toEqual([
      "ownedBy group:default/payments",
      "partOf system:default/billing",
      "partOf component:default/checkout",
      "providesApi api:default/payments-rest",
      "consumesApi api:ledger/ledger-grpc",
      "dependsOn resource:default/payments-db",
      "dependencyOf component:default/checkout",
    ]);
    expect(relations("system:default/billing")).toEqual([
      "ownedBy group:default/payments",
      "partOf domain:default/commerce",
    ]);
    expect(relations("domain:default/commerce")).toEqual([
      "ownedBy group:default/payments",
      "partOf domain:default/business",
    ]);
    expect(relations("group:default/payments")).toEqual([
      "childOf group:default/engineering",
      "hasMember user:default/alice",
    ]);
    expect(relations("user:default/alice")).toEqual(["memberOf group:default/payments"]);
    expect(relations("resource:default/payments-db")).toEqual([
      "ownedBy group:default/payments",
      "partOf system:default/billing",
      "dependencyOf component:default/payments-api",
    ]);
    expect(catalog.others.find((entity) => entity.kind === "User")?.displayName).toBe("Alice Smith");
    expect(catalog.others.find((entity) => entity.kind === "Location")?.targets).toEqual(["./teams/*.yaml"]);
    expect(catalog.problems.map(formatProblem)).toEqual([
      'all.yaml:4:26: warning: spec.subdomainOf: "business" is not an entity in the catalog; kept as written (it may be defined in another repository)',
      'all.yaml:19:3: warning: spec.subcomponentOf: "checkout" is not an entity in the catalog; kept as written (it may be defined in another repository)',
      'all.yaml:21:18: warning: spec.consumesApis[0]: "api:ledger/ledger-grpc" is not an entity in the catalog; kept as written (it may be defined in another repository)',
      'all.yaml:23:18: warning: spec.dependencyOf[0]: "component:checkout" is not an entity in the catalog; kept as written (it may be defined in another repository)',
      'all.yaml:38:21: warning: spec.parent: "engineering" is not an entity in the catalog; kept as written (it may be defined in another repository)',
    ]);
  });
});

describe("an error leaves out its entity, not the catalog", () => {
  const broken = `apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: ledger
  tags: [Java]
spec:
  type: service
  lifecycle: production
  owner: payments
  dependsOn: [component:nowhere]
`;
  const catalog = read(
    {
      path: "a.yaml",
      text: COMPONENT.replace("owner: group:payments", "owner: group:payments\n  dependsOn: [ledger]"),
    },
    { path: "b.yaml", text: broken },
  );

  it("keeps the others, and a reference to the one left out is not dangling", () => {
    expect(catalog.entities.map((entity) => entity.ref)).toEqual(["component:default/payments-api"]);
    expect(catalog.skipped).toEqual([
      {
        reason: "invalid",
        kind: "Component",
        ref: "component:default/ledger",
        source: { file: "b.yaml", line: 1, column: 1 },
      },
    ]);
    expect(catalog.valid).toBe(false);
    expect(catalog.problems.map(formatProblem)).toEqual([
      'a.yaml:8:3: warning: spec.owner: "group:payments" is not an entity in the catalog; kept as written (it may be defined in another repository)',
      'b.yaml:5:10: metadata.tags[0]: "Java" is not a valid tag: lower-case letters, digits and : + # in groups separated by -, at most 63 characters',
    ]);
    expect(describeForHub(summarise(catalog))).toBe(
      "catalog: 1 entity, 1 error (entities left out), 1 warning",
    );
  });
});

describe("--strict", () => {
  it("counts every warning as an error", () => {
    const catalog = read({ path: "c.yaml", text: COMPONENT });
    expect(catalog.valid).toBe(true);
    const strict = strictly(catalog);
    expect(strict.valid).toBe(false);
    expect(strict.problems.map(formatProblem)).toEqual([
      'c.yaml:8:3: spec.owner: "group:payments" is not an entity in the catalog; kept as written (it may be defined in another repository)',
    ]);
    const clean = read(
      { path: "c.yaml", text: COMPONENT },
      {
        path: "t.yaml",
        text: "apiVersion: backstage.io/v1alpha1\nkind: Group\nmetadata: { name: payments }\nspec: { type: team }\n",
      },
    );
    expect(strictly(clean).valid).toBe(true);
  });
});
