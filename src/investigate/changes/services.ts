import { projectSlug } from "../../catalog/annotations.js";
import { type CatalogEntity, parseRef, refKey } from "../../catalog/index.js";
import { serviceName } from "./change.js";

/** What a change says it was to: a service by name, the repository it was deployed from, or both. */
export interface ChangeTarget {
  service?: string | undefined;
  /** `owner/repository`, as GitHub names it. */
  repository?: string | undefined;
}

/**
 * Turns the service a change names into the catalog's entity ref when the catalog knows it: by ref
 * (`component:default/payments-api`, `component:payments-api`), then by a Component's name, then by its title,
 * then by its `github.com/project-slug`, ignoring case and surrounding spaces. A name the catalog does not know,
 * or one that fits several Components, is kept as sent: correlation still matches it by name.
 */
export class ServiceNames {
  private readonly byRef = new Map<string, CatalogEntity>();
  private readonly byName = new Map<string, string[]>();
  private readonly byTitle = new Map<string, string[]>();
  private readonly bySlug = new Map<string, string[]>();

  constructor(entities: readonly CatalogEntity[]) {
    for (const entity of entities) {
      this.byRef.set(refKey(entity.ref), entity);
      if (entity.kind !== "Component") continue;
      add(this.byName, entity.name, entity.ref);
      if (entity.title !== undefined) add(this.byTitle, entity.title, entity.ref);
      const slug = projectSlug(entity.annotations);
      if (slug !== undefined) add(this.bySlug, slug, entity.ref);
    }
  }

  /** The entity ref for this service name, or the name as sent (trimmed). */
  normalise(service: string): string {
    return this.known(service) ?? service.trim();
  }

  /**
   * Where a change is stored. A service the catalog knows wins: the sender named it (a monorepo's deploy naming
   * one of its services). Then the repository: the one Component whose `github.com/project-slug` is that
   * repository, whatever its name. Without that annotation anywhere, a Component named as the repository is, as
   * long as it says nothing of living in another one: a fork's deploy of `someone/payments-api` is not
   * `acme/payments-api`'s. Failing those, the service as sent, else the repository: `owner/repository` when
   * several Components share it (a monorepo, each of which it then concerns) or when one named so lives
   * elsewhere, its bare name otherwise, so a Component of that name added later still matches.
   */
  resolve(target: ChangeTarget): string {
    const service = target.service?.trim();
    if (service) {
      const known = this.known(service);
      if (known !== undefined) return known;
    }
    const repository = target.repository?.trim();
    if (!repository) {
      if (service) return service;
      throw new Error("a change names a service or a repository");
    }
    const slugged = this.bySlug.get(key(repository)) ?? [];
    if (slugged.length === 1) return slugged[0] as string;
    if (service) return service;
    if (slugged.length > 1) return repository;
    const name = repository.slice(repository.lastIndexOf("/") + 1);
    for (const index of [this.byName, this.byTitle]) {
      const refs = index.get(key(name)) ?? [];
      const here = refs.filter((ref) => this.slugOf(ref) === undefined);
      if (here.length === 1 && refs.length === 1) return here[0] as string;
      if (refs.length > here.length) return repository;
    }
    return name;
  }

  /**
   * Every spelling a change to this service may have been stored under: its entity ref, and the entity's name,
   * title and project slug (a change recorded before the catalog knew the service keeps the name it was sent
   * with; a monorepo's deploy is stored under the repository); for a ref the catalog does not have
   * (`resource:default/kafka`), the ref and its name. Compared without regard to case.
   */
  aliases(service: string): string[] {
    const normalised = this.normalise(service);
    const entity = this.byRef.get(refKey(normalised));
    const spellings = [normalised, service.trim()];
    if (entity !== undefined) {
      spellings.push(entity.name);
      if (entity.title !== undefined) spellings.push(entity.title);
      const slug = projectSlug(entity.annotations);
      if (slug !== undefined) spellings.push(slug);
    } else {
      spellings.push(serviceName(normalised));
    }
    const unique = new Map<string, string>();
    for (const spelling of spellings) if (!unique.has(key(spelling))) unique.set(key(spelling), spelling);
    return [...unique.values()];
  }

  /** The ref of the entity this spelling names unambiguously, if the catalog has one. */
  private known(service: string): string | undefined {
    const sent = service.trim();
    const parsed = parseRef(sent, { kind: "component", namespace: "default" });
    if (parsed.ok && /[:/]/.test(sent)) {
      const entity = this.byRef.get(refKey(parsed.ref));
      if (entity !== undefined) return entity.ref;
    }
    for (const index of [this.byName, this.byTitle, this.bySlug]) {
      const refs = index.get(key(sent));
      if (refs?.length === 1) return refs[0] as string;
    }
    return undefined;
  }

  private slugOf(ref: string): string | undefined {
    const entity = this.byRef.get(refKey(ref));
    return entity === undefined ? undefined : projectSlug(entity.annotations);
  }
}

function key(text: string): string {
  return text.trim().toLowerCase();
}

function add(index: Map<string, string[]>, text: string, ref: string): void {
  const refs = index.get(key(text)) ?? [];
  if (!refs.includes(ref)) refs.push(ref);
  index.set(key(text), refs);
}
