import type { EntityMetadata } from '@mikro-orm/core';
import { ErasurePlanError, foreignKeysOf, type ErasurePlan } from './erasure-plan';

/**
 * Complete by construction: refuses a schema in which a foreign key leads into the client's data
 * and no declaration says what happens to the rows behind it. A key is claimed when its table's
 * rule follows it (a parent link: a cascading collection or `erasedWith`), when the referenced
 * table is found through it (`referencedBy`) or keeps rows because of it. Also refuses rules that
 * name tables or columns the schema does not have.
 */
export function assertComplete(plan: ErasurePlan, metadata: Iterable<EntityMetadata>): void {
  const metas = [...metadata];
  const columns = new Map(
    metas.map((m) => [m.tableName, new Set(m.props.flatMap((p) => p.fieldNames ?? []))]),
  );
  const problems: string[] = [];

  for (const table of plan.order) {
    const have = columns.get(table);
    if (!have) {
      problems.push(`"${plan.rule(table).owner}" declares table ${table}, which is not in the schema`);
      continue;
    }
    const rule = plan.rule(table);
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
    if (!plan.has(fk.references)) continue; // points at company data, not into the client's
    const target = plan.rule(fk.references);
    const followed =
      plan.has(fk.table) &&
      plan.rule(fk.table).links.some((l) => {
        const key = plan.followedKey(l);
        return key?.column === fk.column && key.references === fk.references;
      });
    const reverse = target.links.some(
      (l) => l.kind === 'referencedBy' && l.table === fk.table && l.column === fk.column,
    );
    const kept = (target.keep?.references ?? []).some((r) => r.table === fk.table && r.column === fk.column);
    if (!followed && !reverse && !kept) {
      problems.push(
        `${fk.table}.${fk.column} references ${fk.references} (client data) but no erasure rule claims it`,
      );
    }
  }

  if (problems.length > 0) {
    throw new ErasurePlanError(`the erasure plan is incomplete: ${problems.join('; ')}`);
  }
}
