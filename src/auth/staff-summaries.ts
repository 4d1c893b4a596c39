import type { RequestContext } from '../context';
import { EmSqlRunner } from '../db/sql-runner';
import { Sql, sql } from '../db/sql';
import type DataLoader from 'dataloader';
import { requestLoader } from '../graphql/request-loader';

/** A staff member as other staff see them on a record: a name, nothing to sign in or act with. */
export interface StaffSummary {
  readonly id: number;
  readonly firstName: string;
  readonly lastName: string;
}

const loaders = new WeakMap<RequestContext, DataLoader<number, StaffSummary | null>>();

/**
 * Staff members of the signed-in staff member's company by id, read for a whole page of records
 * with one query. A staff member who is no longer in that company (their lowest-numbered company,
 * as in `loadStaffAccess`) or no longer exists reads as null.
 */
export function staffSummaries(ctx: RequestContext): DataLoader<number, StaffSummary | null> {
  let loader = loaders.get(ctx);
  if (!loader) {
    loader = requestLoader((ids) => loadSummaries(ctx, ids), null);
    loaders.set(ctx, loader);
  }
  return loader;
}

async function loadSummaries(ctx: RequestContext, ids: readonly number[]) {
  const companyId = ctx.staff?.companyId;
  const found = new Map<number, StaffSummary>();
  if (companyId === undefined) return found;
  const rows = await new EmSqlRunner(ctx.em, ctx.app.driver).rows<{
    id: number;
    first_name: string;
    last_name: string;
    company_id: number;
  }>(sql`
    SELECT st.id AS id, st.first_name AS first_name, st.last_name AS last_name,
           MIN(g.company_id) AS company_id
      FROM staff st
      JOIN staff_group m ON m.staff_id = st.id
      JOIN staff_groups g ON g.id = m.staff_group_id
     WHERE st.id IN (${Sql.join(
       ids.map((id) => sql`${id}`),
       ', ',
     )})
     GROUP BY st.id, st.first_name, st.last_name
  `);
  for (const row of rows) {
    if (Number(row.company_id) !== companyId) continue;
    found.set(Number(row.id), { id: Number(row.id), firstName: row.first_name, lastName: row.last_name });
  }
  return found;
}
