import { Cascade, Collection, Entity, Enum, OneToMany, PrimaryKey, Property } from '@mikro-orm/core';
import { sql } from '../db/sql';
import { ClientData, propertyOf, referencedBy } from '../deletion/erasure-rules';
import { Client } from './client.entity';
import { Contact } from './contact.entity';
import { Staff } from './staff.entity';
import { LogMessenger } from './log-messenger.entity';
import { LogUser } from './log-user.entity';
import { Session } from './session.entity';
import { UserOtp } from './user-otp.entity';

/** A sign-in identity, shared by staff members, clients and contacts. */
/**
 * A sign-in goes with the client whose `clients.user_id` or `contacts.user_id` names it — unless a
 * staff member or another client also uses it: then it is kept and reported. Not a cascading
 * many-to-one on Client or Contact, which would let em.remove(client) delete a sign-in a staff
 * member shares.
 */
@ClientData({
  category: 'Sign-in',
  links: [referencedBy(() => Client, 'user'), referencedBy(() => Contact, 'user')],
  keep: {
    reason: 'also used by a staff member or another client',
    references: [
      propertyOf(() => Staff, 'user'),
      propertyOf(() => Client, 'user'),
      propertyOf(() => Contact, 'user'),
    ],
    where: (row, scope) => {
      const [s, c, k] = [scope.alias(), scope.alias(), scope.alias()];
      const id = scope.client.id;
      return sql`EXISTS (SELECT 1 FROM staff ${s} WHERE ${s}.user_id = ${row}.id)
        OR EXISTS (SELECT 1 FROM clients ${c} WHERE ${c}.user_id = ${row}.id AND ${c}.id <> ${id})
        OR EXISTS (SELECT 1 FROM contacts ${k} WHERE ${k}.user_id = ${row}.id AND ${k}.client_id <> ${id})`;
    },
    // A sign-in shared only with other clients is kept while one of them remains: two such
    // clients deleted at once must decide in turn, or each keeps it for the other.
    contested: (row, scope) => {
      const s = scope.alias();
      return sql`NOT EXISTS (SELECT 1 FROM staff ${s} WHERE ${s}.user_id = ${row}.id)`;
    },
  },
})
@Entity({ tableName: 'users' })
export class User {
  @PrimaryKey({ type: 'integer' })
  id!: number;

  @Property({ length: 255 })
  username!: string;

  /** bcrypt hash, never the password. */
  @Property({ length: 64, hidden: true })
  password!: string;

  @Enum({ items: ['none', 'motp', 'totp'], default: 'none' })
  twoFactorMode: 'none' | 'motp' | 'totp' = 'none';

  @Property({ length: 128, nullable: true, hidden: true })
  twoFactorKey?: string | null;

  @Property({ length: 128, nullable: true, hidden: true })
  twoFactorPin?: string | null;

  @Property({ type: 'datetime' })
  dateAdded: Date = new Date();

  // What is erased with this user (SPEC 2.2). The erasure plan compiles these cascades into
  // set-based deletes (src/deletion); em.remove() is never the bulk path and loads nothing.
  @OneToMany(() => UserOtp, (row) => row.user, { cascade: [Cascade.REMOVE] })
  otps = new Collection<UserOtp>(this);
  @OneToMany(() => LogUser, (row) => row.user, { cascade: [Cascade.REMOVE] })
  signInLogs = new Collection<LogUser>(this);
  @OneToMany(() => Session, (row) => row.user, { cascade: [Cascade.REMOVE] })
  sessions = new Collection<Session>(this);
  @OneToMany(() => LogMessenger, (row) => row.toUser, { cascade: [Cascade.REMOVE] })
  messages = new Collection<LogMessenger>(this);
}
