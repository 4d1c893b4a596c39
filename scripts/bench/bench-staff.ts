import { randomBytes } from 'node:crypto';
import bcrypt from 'bcrypt';
import type { App } from '../../src/app';
import { Staff, StaffGroup, StaffGroupMember, StaffGroupPermission, User } from '../../src/entities';
import { Permission } from '../../src/permissions/rules';

export interface BenchStaff {
  readonly staffId: number;
  readonly email: string;
  readonly password: string;
}

/**
 * A staff member of the company allowed to view and delete clients, signing in with a bcrypt
 * hash at the configured cost (BCRYPT_ROUNDS), like any real staff member.
 */
export async function createBenchStaff(app: App, companyId: number): Promise<BenchStaff> {
  const em = app.orm.em.fork();
  const token = randomBytes(4).toString('hex');
  const email = `bench-admin-${token}@bench.example.test`;
  const password = randomBytes(18).toString('base64url');
  const groupId = Number(await em.insert(StaffGroup, { company: companyId, name: 'Benchmark admins' }));
  for (const permission of [Permission.viewClients, Permission.deleteClients]) {
    await em.insert(StaffGroupPermission, { staffGroup: groupId, permission });
  }
  const userId = Number(
    await em.insert(User, {
      username: email,
      password: await bcrypt.hash(password, app.config.bcryptRounds),
      twoFactorMode: 'none',
      dateAdded: new Date(),
    }),
  );
  const staffId = Number(
    await em.insert(Staff, { user: userId, firstName: 'Bench', lastName: 'Admin', email, status: 'active' }),
  );
  await em.insert(StaffGroupMember, { staff: staffId, staffGroup: groupId });
  return { staffId, email, password };
}
