import { ReferenceKind, type EntityMetadata } from '@mikro-orm/core';
import type { ClientGraph } from './client-graph';
import { CLIENT_TABLE, ClientGraphError } from './client-graph';

interface ForeignKey {
  table: string;
  column: string;
  references: string;
}

/** Every foreign key the ORM knows, read from entity metadata (core and enabled plugins). */
export function foreignKeysOf(metadata: Iterable<EntityMetadata>): ForeignKey[] {
  const keys: ForeignKey[] = [];
  for (const meta of metadata) {
    for (const prop of meta.relations) {
      if (prop.kind !== ReferenceKind.MANY_TO_ONE && !(prop.kind === ReferenceKind.ONE_TO_ONE && prop.owner))
        continue;
      for (const column of prop.fieldNames) {
        keys.push({ table: meta.tableName, column, references: prop.targetMeta!.tableName });
      }
    }
  }
  return keys;
}

/**
 * Complete by construction: refuses a schema in which a foreign key leads into the client's data
 * and no deleter says what happens to the rows behind it. A key is claimed when its table's
 * deleter follows it (a parent link), when the referenced table's deleter is found through it
 * (a reverse link) or keeps rows because of it. Also refuses rules that name tables or columns
 * the schema does not have.
 */
export function assertComplete(graph: ClientGraph, metadata: Iterable<EntityMetadata>): void {
  const metas = [...metadata];
  const columns = new Map(
    metas.map((m) => [m.tableName, new Set(m.props.flatMap((p) => p.fieldNames ?? []))]),
  );
  const problems: string[] = [];

  for (const table of graph.order) {
    const have = columns.get(table);
    if (!have) {
      problems.push(`deleter "${graph.ownerOf(table)}" claims table ${table}, which is not in the schema`);
      continue;
    }
    const rule = graph.rule(table);
    for (const link of rule.links) {
      const used =
        link.kind === 'client' || link.kind === 'parent'
          ? [link.column]
          : link.kind === 'match'
            ? link.columns
            : [];
      for (const column of used) {
        if (!have.has(column))
          problems.push(`${table}.${column}, named by a link, is not a column of ${table}`);
      }
    }
  }

  for (const fk of foreignKeysOf(metas)) {
    if (!graph.has(fk.references)) continue; // points at company data, not into the client graph
    const target = graph.rule(fk.references);
    const followed =
      graph.has(fk.table) &&
      graph
        .rule(fk.table)
        .links.some(
          (l) =>
            (l.kind === 'parent' && l.column === fk.column && l.parent === fk.references) ||
            (l.kind === 'client' && l.column === fk.column && fk.references === CLIENT_TABLE),
        );
    const reverse = target.links.some(
      (l) => l.kind === 'referencedBy' && l.table === fk.table && l.column === fk.column,
    );
    const kept = (target.keep?.references ?? []).some((r) => r.table === fk.table && r.column === fk.column);
    if (!followed && !reverse && !kept) {
      problems.push(
        `${fk.table}.${fk.column} references ${fk.references} (client data) but no deleter claims it`,
      );
    }
  }

  if (problems.length > 0) {
    throw new ClientGraphError(`the client graph is incomplete: ${problems.join('; ')}`);
  }
}

/** `table.column->target` for every foreign key: the links the database enforces itself. */
export function enforcedLinks(metadata: Iterable<EntityMetadata>): Set<string> {
  return new Set(foreignKeysOf(metadata).map((fk) => `${fk.table}.${fk.column}->${fk.references}`));
}
