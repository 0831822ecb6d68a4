import type { PushReport, TypeReport } from "./push.js";

/**
 * The push as `--json` gives it: `{ dry_run, prune, sync_id, types: [{ kind, name, type_name, id, action, updates,
 * schema, kept_elsewhere, clashes, entries: { create, update: [{ external_id, changes }], delete, not_pruned,
 * unchanged, hand_made } }], left_alone, duplicates, calls: { reads, writes } }`.
 */
export function pushJson(report: PushReport): Record<string, unknown> {
  return {
    dry_run: report.dryRun,
    prune: report.prune,
    sync_id: report.syncId,
    types: report.types.map((type) => ({
      kind: type.kind,
      name: type.name,
      type_name: type.typeName,
      ...(type.id !== undefined ? { id: type.id } : {}),
      action: type.action,
      updates: type.updates,
      schema: type.schema,
      kept_elsewhere: type.keptElsewhere,
      clashes: type.clashes,
      entries: {
        create: type.create,
        update: type.update.map((u) => ({ external_id: u.externalId, changes: u.changes })),
        delete: type.delete,
        not_pruned: type.notPruned,
        unchanged: type.unchanged,
        hand_made: type.handMade,
      },
    })),
    left_alone: report.leftAlone.map((type) => ({
      name: type.name,
      type_name: type.typeName,
      ...(type.kind !== undefined ? { kind: type.kind } : {}),
    })),
    duplicates: report.duplicates,
    calls: report.calls,
  };
}

/**
 * The push for people. A dry run lists every entry it would create (`+`), update (`~`, with what changes) and
 * delete (`-`); a push gives each type's counts.
 */
export function describePush(report: PushReport): string {
  const lines: string[] = [
    report.dryRun
      ? `Dry run (sync ID ${report.syncId}): nothing was changed in incident.io. A push would:`
      : `Pushed to incident.io's catalog (sync ID ${report.syncId}):`,
  ];
  for (const type of report.types) {
    lines.push(`${type.name} (${type.typeName}, ${type.kind}): ${typeLine(type, report.dryRun)}`);
    if (report.dryRun) {
      for (const id of type.create) lines.push(`  + ${id}`);
      for (const u of type.update) lines.push(`  ~ ${u.externalId}: ${u.changes.join(", ")}`);
      for (const id of type.delete) lines.push(`  - ${id}`);
    }
    lines.push(`  ${countsLine(type, report.dryRun)}`);
    if (type.keptElsewhere.length > 0) {
      lines.push(`  kept in incident.io, not written: ${type.keptElsewhere.join(", ")}`);
    }
    if (type.clashes.length > 0) {
      lines.push(`  not added, the type has an attribute of that name: ${type.clashes.join(", ")}`);
    }
    if (type.notPruned.length > 0) {
      lines.push(
        `  ${type.notPruned.length} no longer in the catalog, kept (--prune deletes them): ${sample(type.notPruned)}`,
      );
    }
  }
  if (report.types.length === 0) lines.push("No entities of the pushed kinds, and no types pushed before.");
  for (const type of report.leftAlone) {
    lines.push(
      `${type.name} (${type.typeName}${type.kind ? `, ${type.kind}` : ""}): not pushed now, left as it is`,
    );
  }
  if (report.duplicates.length > 0) {
    lines.push(`Given twice in the catalog, pushed once: ${sample(report.duplicates)}`);
  }
  lines.push(`API calls: ${report.calls.reads} reads, ${report.calls.writes} writes.`);
  return lines.join("\n");
}

function typeLine(type: TypeReport, dryRun: boolean): string {
  const would = dryRun ? "to be " : "";
  if (type.action === "create") return `type ${would}created with ${type.schema.length} attributes`;
  if (type.action === "unchanged") return "type unchanged";
  const parts = [...type.updates, ...(type.schema.length > 0 ? [`schema ${type.schema.join(" ")}`] : [])];
  return `type ${would}updated: ${parts.join("; ")}`;
}

function countsLine(type: TypeReport, dryRun: boolean): string {
  const verb = (done: string, todo: string) => (dryRun ? todo : done);
  return [
    `${type.create.length} ${verb("created", "to create")}`,
    `${type.update.length} ${verb("updated", "to update")}`,
    `${type.delete.length} ${verb("deleted", "to delete")}`,
    `${type.unchanged} unchanged`,
    ...(type.handMade > 0 ? [`${type.handMade} made in incident.io, left as they are`] : []),
  ].join(", ");
}

/** The first few, then how many more. */
function sample(items: readonly string[], shown = 5): string {
  const head = items.slice(0, shown).join(", ");
  return items.length > shown ? `${head} and ${items.length - shown} more` : head;
}
