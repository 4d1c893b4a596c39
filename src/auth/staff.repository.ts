import { raw, sql, type Loaded } from '@mikro-orm/core';
import type { Em } from '../db/orm';
import { Staff } from '../entities/staff.entity';
import { StaffGroup } from '../entities/staff-group.entity';
import { StaffGroupMember } from '../entities/staff-group-member.entity';
import { StaffGroupPermission } from '../entities/staff-group-permission.entity';
import { Sql } from '../db/sql';

// Database access for staff members, their sign-ins, sessions and groups. The rules (who may sign
// in, in which company a member acts) are the services'; these functions only read.

/** A staff member with their sign-in (`users` row: password hash, two-factor settings). */
export type StaffWithSignIn = Loaded<Staff, 'user'>;

/**
 * The staff member signing in with this email, whatever its case, with their sign-in; the
 * lowest id should two emails differ only in case. LOWER on both sides, in the database:
 * MariaDB's collation ignores case and SQLite's does not, and JavaScript would fold more
 * characters than SQLite's LOWER does.
 */
export function findStaffBySignInEmail(em: Em, email: string): Promise<StaffWithSignIn | null> {
  return em.findOne(
    Staff,
    { [raw((alias) => `lower(${alias}.email)`)]: raw('lower(?)', [email.trim()]) },
    { populate: ['user'], strategy: 'joined', orderBy: { id: 'asc' } },
  );
}

/** The staff member with this id and their sign-in, or null. */
export function findStaffWithSignIn(em: Em, staffId: number): Promise<StaffWithSignIn | null> {
  return em.findOne(Staff, staffId, { populate: ['user'], strategy: 'joined' });
}

/** The staff member with this id, or null. */
export function findStaff(em: Em, staffId: number): Promise<Staff | null> {
  return em.findOne(Staff, staffId);
}

/** Who an unexpired session signs in. */
export interface SessionHolder {
  readonly sessionId: number;
  readonly userId: number;
  readonly staffId: number;
}

/**
 * The active staff member signed in by the session with this token hash, if it has not expired
 * by `now`. At most one: token_hash is unique, and so is staff.user_id (a users row signs in one
 * staff member, never whichever of several happens to come first).
 */
export async function findSessionHolder(
  em: Em,
  tokenHash: string,
  now: Date,
  /** How the statement is sent: e.g. with the wait for the cluster on a Galera node (latestSql). */
  prepare: (query: Sql) => Promise<Sql> = async (query) => query,
): Promise<SessionHolder | null> {
  // All rows rather than 'get': a LIMIT across the to-many join to sessions would make the ORM
  // wrap the query in a pagination sub-select.
  const lookup = em
    .createQueryBuilder(Staff, 'st')
    .select([sql.ref('s.id').as('sessionId'), sql.ref('u.id').as('userId'), sql.ref('st.id').as('staffId')])
    .join('st.user', 'u')
    .join('u.sessions', 's')
    .where({ status: 'active', 's.tokenHash': tokenHash, 's.expiresAt': { $gt: now } });
  const query = await prepare(new Sql(lookup.getQuery(), lookup.getParams()));
  const [row] = await em.execute<SessionHolder[]>(query.text, [...query.params]);
  if (!row) return null;
  return { sessionId: Number(row.sessionId), userId: Number(row.userId), staffId: Number(row.staffId) };
}

/** A staff group of a member and one permission it grants (null when it grants none). */
export interface GroupGrant {
  readonly companyId: number;
  readonly permission: string | null;
}

/**
 * Every staff group of the member, once per permission it grants (once with `permission` null
 * when it grants none: its company still counts). One query: it runs on every request.
 */
export async function groupGrantsOf(em: Em, staffId: number): Promise<GroupGrant[]> {
  const memberOf = em
    .createQueryBuilder(StaffGroupMember, 'm')
    .select('m.staffGroup')
    .where({ staff: staffId });
  // A group has no collection of its permissions to join through, so they are joined as a
  // sub-select on their foreign key.
  const grants = em.createQueryBuilder(StaffGroupPermission, 'gp').select(['gp.staffGroup', 'gp.permission']);
  const rows = await em
    .createQueryBuilder(StaffGroup, 'g')
    .select(['g.company', 'p.permission'])
    .leftJoin(grants, 'p', { 'p.staff_group_id': sql.ref('g.id') })
    .where({ id: { $in: memberOf.getKnexQuery() } })
    .execute<{ company: number; permission: string | null }[]>('all');
  return rows.map((r) => ({ companyId: Number(r.company), permission: r.permission ?? null }));
}

/**
 * The group memberships of these staff members, with the staff member and the group loaded:
 * one query for any number of them.
 */
export function membershipsOf(
  em: Em,
  staffIds: readonly number[],
): Promise<Loaded<StaffGroupMember, 'staff' | 'staffGroup'>[]> {
  return em.find(
    StaffGroupMember,
    { staff: { $in: [...staffIds] } },
    { populate: ['staff', 'staffGroup'], strategy: 'joined', orderBy: { id: 'asc' } },
  );
}
