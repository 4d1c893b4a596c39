import { MikroORM, BetterSqliteDriver } from '@mikro-orm/better-sqlite';
import {
  Cascade,
  Collection,
  Embeddable,
  Embedded,
  Entity,
  ManyToMany,
  ManyToOne,
  OneToMany,
  OneToOne,
  PrimaryKey,
  Property,
  type EntityMetadata,
  type Rel,
} from '@mikro-orm/core';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { Sql, sql } from '../src/db/sql';
import { addressKey, addressKeyOf, addressKeySql } from '../src/deletion/address-key';
import { assertComplete } from '../src/deletion/completeness';
import {
  CORE,
  ErasurePlan,
  ErasurePlanError,
  foreignKeysOf,
  linkTargets,
  planFromMetadata,
  type PlannedBlocker,
  type TableRule,
} from '../src/deletion/erasure-plan';
import { DeletionVerificationError, ErasureExecutor } from '../src/deletion/erasure-executor';
import {
  ClientData,
  blockersOf,
  clientDataOf,
  matching,
  propertyOf,
  referencedBy,
  type ClientRef,
  type DeclaredLink,
  type StagedSet,
  type TableLink,
} from '../src/deletion/erasure-rules';
import { ErasureSql } from '../src/deletion/erasure-sql';
import { Client, Contact, Invoice, Staff, User } from '../src/entities';
import { orderPlugin } from '../src/plugins/order/order.plugin';
import { supportManagerPlugin } from '../src/plugins/support-manager/support-manager.plugin';
import { RecordingRunner, compilePlan, metadataOf } from './support/erasure';
import { prepared } from './support/prepared';

// The deletion engine's parts without a database: the plan's checks and order, what the compiler
// refuses, how the executor reads its answers, the address key, and the completeness check. Plans
// are built by hand here; the plan compiled from the real entities is erasure-plan.test.ts's.

const CLIENT: ClientRef = { id: 42, companyId: 7 };

const clientLink = (column = 'client_id'): TableLink => ({ kind: 'client', column });
const parentLink = (column: string, parent: string): TableLink => ({ kind: 'parent', column, parent });

function rule(table: string, links: TableLink[], more: Partial<TableRule> = {}): TableRule {
  return { table, category: 'Things', owner: CORE, links, ...more };
}

const ROOT = rule('clients', [clientLink('id')]);

function blocker(code: string): PlannedBlocker {
  return { code, message: `${code}: {count}`, owner: CORE, ids: (c) => sql`SELECT ${c.id} AS id` };
}

function set(name: string): StagedSet {
  return { name, columnType: { sqlite: 'TEXT', mysql: 'TEXT' }, select: () => sql`SELECT 'x'` };
}

describe('ErasurePlan', () => {
  const refuses = (build: () => unknown, message: string) => {
    expect(build).toThrow(ErasurePlanError);
    expect(build).toThrow(message);
    expect(build).toThrow(expect.objectContaining({ name: 'ErasurePlanError' }));
  };

  it('refuses a table declared twice, or with no link to the client', () => {
    refuses(() => new ErasurePlan([ROOT, ROOT], [], 'clients'), 'table clients is declared twice');
    refuses(
      () => new ErasurePlan([ROOT, rule('notes', [])], [], 'clients'),
      'table notes has no link to the client',
    );
  });

  it('refuses a root that is not client data', () => {
    refuses(
      () => new ErasurePlan([rule('notes', [clientLink()])], [], 'clients'),
      'the root table clients is not client data',
    );
  });

  it('refuses a link through a table that is not client data, whatever its kind', () => {
    const through: TableLink[] = [
      parentLink('page_id', 'pages'),
      { kind: 'referencedBy', table: 'pages', column: 'note_id' },
      matching({ reads: ['pages'], columns: [], where: () => sql`1 = 1`, description: '' }),
    ];
    for (const link of through) {
      refuses(
        () => new ErasurePlan([ROOT, rule('notes', [clientLink(), link])], [], 'clients'),
        'notes is linked through pages, which is not client data',
      );
    }
  });

  it('refuses blocker codes that are not upper snake case, or used twice', () => {
    for (const code of ['open', 'Open', '1_OPEN', 'OPEN-INVOICES', 'OPEN INVOICES', '_OPEN', 'OPEN!']) {
      refuses(
        () => new ErasurePlan([ROOT], [blocker(code)], 'clients'),
        `blocker code ${code} is not upper snake case`,
      );
    }
    for (const code of ['O', 'OPEN_INVOICES', 'OPEN_2']) {
      expect(new ErasurePlan([ROOT], [blocker(code)], 'clients').blockers.map((b) => b.code)).toEqual([code]);
    }
    refuses(
      () => new ErasurePlan([ROOT], [blocker('OPEN'), blocker('OTHER'), blocker('OPEN')], 'clients'),
      'two blockers use the code OPEN',
    );
  });

  it('collects the sets its links read, refusing bad names and two sets of one name', () => {
    const shared = set('shared_values');
    const reading = (table: string, ...sets: StagedSet[]) =>
      rule(table, [matching({ reads: [], columns: [], sets, where: () => sql`1 = 1`, description: '' })]);
    const plan = new ErasurePlan(
      [ROOT, reading('a', shared), reading('b', shared), reading('c')],
      [],
      'clients',
    );
    expect([...plan.sets]).toEqual([['shared_values', shared]]);
    for (const name of ['Values', 'values1', 'my-values', 'a values', '']) {
      refuses(
        () => new ErasurePlan([ROOT, reading('a', set(name))], [], 'clients'),
        `a reads a set named "${name}"`,
      );
    }
    refuses(
      () => new ErasurePlan([ROOT, reading('a', set('values')), reading('b', set('values'))], [], 'clients'),
      'two different sets are named "values"',
    );
  });

  it('deletes children before the tables they are found through, ties in declaration order', () => {
    const plan = new ErasurePlan(
      [
        ROOT,
        rule('users', [
          { kind: 'referencedBy', table: 'clients', column: 'user_id' },
          { kind: 'referencedBy', table: 'contacts', column: 'user_id' },
        ]),
        rule('contacts', [clientLink()]),
        rule('notes', [clientLink()]),
        rule('tags', [parentLink('note_id', 'notes'), parentLink('parent_id', 'tags')]),
        rule('sessions', [parentLink('user_id', 'users')]),
        rule('logs', [
          matching({ reads: ['contacts', 'notes'], columns: [], where: () => sql`1 = 1`, description: '' }),
        ]),
      ],
      [],
      'clients',
    );
    expect(plan.order).toEqual(['tags', 'sessions', 'logs', 'contacts', 'notes', 'clients', 'users']);
    expect(plan.rules.map((r) => r.table)).toEqual(plan.order);
    expect(plan.stagedTables).toEqual(['users']);
    expect(plan.isStaged('users')).toBe(true);
    // one link naming it is enough to stage a table
    const mixed = new ErasurePlan(
      [
        ROOT,
        rule('users', [
          matching({ reads: [], columns: [], where: () => sql`1 = 0`, description: '' }),
          { kind: 'referencedBy', table: 'clients', column: 'user_id' },
        ]),
      ],
      [],
      'clients',
    );
    expect(mixed.stagedTables).toEqual(['users']);
    expect(plan.isStaged('contacts')).toBe(false);
    expect(plan.has('tags')).toBe(true);
    expect(plan.has('pages')).toBe(false);
    expect(() => plan.rule('pages')).toThrow(new ErasurePlanError('table pages is not client data'));
    expect(() => plan.isStaged('pages')).toThrow('table pages is not client data');
  });

  it('refuses a cycle, naming the tables on it', () => {
    expect(
      () =>
        new ErasurePlan(
          [
            ROOT,
            rule('notes', [clientLink()]),
            rule('a', [parentLink('b_id', 'b')]),
            rule('b', [parentLink('a_id', 'a')]),
          ],
          [],
          'clients',
        ),
    ).toThrow(new ErasurePlanError('the erasure plan has a cycle through: a, b'));
  });

  it("lists its owners core last, each owner's tables in order, and groups them on request", () => {
    const plan = new ErasurePlan(
      [
        ROOT,
        rule('notes', [clientLink()]),
        rule('tickets', [clientLink()], { owner: 'helpdesk' }),
        rule('replies', [parentLink('ticket_id', 'tickets')], { owner: 'helpdesk' }),
        rule('orders', [parentLink('note_id', 'notes')], { owner: 'shop' }),
      ],
      [],
      'clients',
    );
    expect(plan.owners).toEqual(['helpdesk', 'shop', CORE]);
    expect(plan.tablesOf('helpdesk')).toEqual(['replies', 'tickets']);
    expect(plan.tablesOf(CORE)).toEqual(['notes', 'clients']);
    expect(plan.tablesOf('nobody')).toEqual([]);
    expect(plan.sequenceWithFirst(['shop', 'helpdesk'])).toEqual([
      'orders',
      'replies',
      'tickets',
      'notes',
      'clients',
    ]);
    expect(plan.sequenceWithFirst([])).toEqual(plan.order);
    expect(() => plan.sequenceWithFirst(['helpdesk', CORE, 'shop'])).toThrow(
      new ErasurePlanError('orders must be deleted before notes, but its owner deletes it after'),
    );
  });

  it('knows which links the database enforces with a foreign key', () => {
    const match = matching({ reads: [], columns: ['x'], where: () => sql`1 = 1`, description: '' });
    const plan = new ErasurePlan(
      [
        ROOT,
        rule('notes', [clientLink(), match]),
        rule('tags', [parentLink('note_id', 'notes'), parentLink('tag_id', 'notes')]),
      ],
      [],
      'clients',
      new Set(['notes.client_id->clients', 'tags.note_id->notes', 'notes.x->clients']),
    );
    expect(plan.isEnforced('notes', clientLink())).toBe(true);
    expect(plan.isEnforced('notes', clientLink('owner_id'))).toBe(false);
    expect(plan.isEnforced('tags', parentLink('note_id', 'notes'))).toBe(true);
    expect(plan.isEnforced('tags', parentLink('tag_id', 'notes'))).toBe(false);
    expect(plan.isEnforced('tags', parentLink('note_id', 'tags'))).toBe(false);
    expect(plan.isEnforced('notes', match)).toBe(false);
    expect(plan.isEnforced('clients', clientLink('id'))).toBe(false);
    expect(new ErasurePlan([ROOT], [], 'clients').isEnforced('clients', clientLink('id'))).toBe(false);
  });

  it('names the tables each kind of link reads', () => {
    expect(linkTargets(clientLink())).toEqual([]);
    expect(linkTargets(parentLink('note_id', 'notes'))).toEqual(['notes']);
    expect(linkTargets({ kind: 'referencedBy', table: 'clients', column: 'user_id' })).toEqual(['clients']);
    expect(
      linkTargets(matching({ reads: ['a', 'b'], columns: [], where: () => sql`1 = 1`, description: '' })),
    ).toEqual(['a', 'b']);
  });
});

// ---- Declarations that compile, and declarations that do not --------------------------------

@Embeddable()
@ClientData({ category: 'Embedded' })
class Postmark {
  @Property({ length: 64 }) city!: string;
}

@ClientData({ category: 'Badges', erasedWith: ['client'] })
@Entity({ tableName: 'badges' })
class Badge {
  @PrimaryKey({ type: 'integer' }) id!: number;
  @OneToOne(() => Client, { owner: true, fieldName: 'client_id', deleteRule: 'no action' })
  client!: Rel<Client>;
  @Embedded(() => Postmark, { nullable: true }) postmark?: Postmark | null;
  @OneToMany(() => BadgeStamp, (s) => s.badge, { cascade: [Cascade.ALL] })
  stamps = new Collection<BadgeStamp>(this);
  @OneToMany(() => BadgeNote, (s) => s.badge, { cascade: [Cascade.PERSIST] })
  notes = new Collection<BadgeNote>(this);
  @OneToMany(() => BadgeRemark, (s) => s.badge)
  remarks = new Collection<BadgeRemark>(this);
  @OneToOne(() => BadgeSeal, (s) => s.badge)
  seal?: Rel<BadgeSeal> | null;
}

/** Goes with its badge through Badge.stamps (Cascade.ALL), not through its other badge. */
@ClientData({ category: 'Badges' })
@Entity({ tableName: 'badge_stamps' })
class BadgeStamp {
  @PrimaryKey({ type: 'integer' }) id!: number;
  @ManyToOne(() => Badge, { fieldName: 'badge_id', deleteRule: 'no action' }) badge!: Rel<Badge>;
  @ManyToOne(() => Badge, { fieldName: 'source_badge_id', nullable: true, deleteRule: 'no action' })
  sourceBadge?: Rel<Badge> | null;
}

/** Goes with the client: Badge.notes only persists. */
@ClientData({ category: 'Badges', erasedWith: ['client'] })
@Entity({ tableName: 'badge_notes' })
class BadgeNote {
  @PrimaryKey({ type: 'integer' }) id!: number;
  @ManyToOne(() => Badge, { fieldName: 'badge_id', deleteRule: 'no action' }) badge!: Rel<Badge>;
  @ManyToOne(() => Client, { fieldName: 'client_id', deleteRule: 'no action' }) client!: Rel<Client>;
}

/** Not client data: Badge.remarks does not cascade, so nothing is wrong. */
@Entity({ tableName: 'badge_remarks' })
class BadgeRemark {
  @PrimaryKey({ type: 'integer' }) id!: number;
  @ManyToOne(() => Badge, { fieldName: 'badge_id', deleteRule: 'no action' }) badge!: Rel<Badge>;
}

@ClientData({ category: 'Badges', erasedWith: ['badge'] })
@Entity({ tableName: 'badge_seals' })
class BadgeSeal {
  @PrimaryKey({ type: 'integer' }) id!: number;
  @OneToOne(() => Badge, (b) => b.seal, { owner: true, fieldName: 'badge_id', deleteRule: 'no action' })
  badge!: Rel<Badge>;
}

/** A view: never client data, whatever it declares. */
@ClientData({ category: 'Views' })
@Entity({ expression: 'SELECT id FROM badges' })
class BadgeView {
  @Property({ type: 'integer' }) id!: number;
}

/** Its self link is declared last, yet comes first: an add-on goes before its parent. */
@ClientData({ category: 'Widgets', erasedWith: ['client', 'badge', 'parentWidget'] })
@Entity({ tableName: 'widgets' })
class Widget {
  @PrimaryKey({ type: 'integer' }) id!: number;
  @ManyToOne(() => Client, { fieldName: 'client_id', deleteRule: 'no action' }) client!: Rel<Client>;
  @ManyToOne(() => Badge, { fieldName: 'badge_id', deleteRule: 'no action' }) badge!: Rel<Badge>;
  @ManyToOne(() => Widget, { fieldName: 'parent_widget_id', nullable: true, deleteRule: 'no action' })
  parentWidget?: Rel<Widget> | null;
}

/** Company data that labels badges: the owner of a many-to-many, whose keys are its pivot table's. */
@Entity({ tableName: 'badge_labels' })
class BadgeLabel {
  @PrimaryKey({ type: 'integer' }) id!: number;
  @ManyToMany(() => Badge, undefined, { owner: true, pivotTable: 'badge_label_badges' })
  badges = new Collection<Badge>(this);
}

const BADGES = [
  Badge,
  BadgeStamp,
  BadgeNote,
  BadgeRemark,
  BadgeSeal,
  BadgeView,
  Postmark,
  Widget,
  BadgeLabel,
];

@ClientData({ category: 'Roots', root: true })
@Entity({ tableName: 'second_roots' })
class SecondRoot {
  @PrimaryKey({ type: 'integer' }) id!: number;
}

@ClientData({ category: 'Wrong', erasedWith: ['label', 'nothing', 'parts', 'twin'] })
@Entity({ tableName: 'wrong_erased_with' })
class WrongErasedWith {
  @PrimaryKey({ type: 'integer' }) id!: number;
  @Property({ length: 10 }) label!: string;
  @ManyToOne(() => Client, { fieldName: 'client_id', deleteRule: 'no action' }) client!: Rel<Client>;
  @OneToMany(() => WrongPart, (p) => p.whole)
  parts = new Collection<WrongPart>(this);
  @OneToOne(() => WrongTwin, (t) => t.twin)
  twin?: Rel<WrongTwin> | null;
}

@Entity({ tableName: 'wrong_parts' })
class WrongPart {
  @PrimaryKey({ type: 'integer' }) id!: number;
  @ManyToOne(() => WrongErasedWith, { fieldName: 'whole_id', deleteRule: 'no action' })
  whole!: Rel<WrongErasedWith>;
}

@Entity({ tableName: 'wrong_twins' })
class WrongTwin {
  @PrimaryKey({ type: 'integer' }) id!: number;
  @OneToOne(() => WrongErasedWith, (w) => w.twin, {
    owner: true,
    fieldName: 'twin_id',
    deleteRule: 'no action',
  })
  twin!: Rel<WrongErasedWith>;
}

@ClientData({ category: 'Wrong', links: [referencedBy(() => Invoice, 'client')] })
@Entity({ tableName: 'wrong_referenced_by' })
class WrongReferencedBy {
  @PrimaryKey({ type: 'integer' }) id!: number;
  @ManyToOne(() => Client, { fieldName: 'client_id', deleteRule: 'no action' }) client!: Rel<Client>;
}

/** Never registered with the ORM. */
class Ghost {
  client!: Client;
}

@ClientData({ category: 'Wrong', links: [referencedBy(() => Ghost, 'client')] })
@Entity({ tableName: 'wrong_ghosts' })
class WrongGhost {
  @PrimaryKey({ type: 'integer' }) id!: number;
}

@ClientData({ category: 'Wrong', links: [referencedBy(() => Invoice, 'nope' as 'client')] })
@Entity({ tableName: 'wrong_properties' })
class WrongProperty {
  @PrimaryKey({ type: 'integer' }) id!: number;
}

@ClientData({
  category: 'Wrong',
  erasedWith: ['client'],
  keep: { reason: 'never', references: [propertyOf(() => Contact, 'firstName')], where: () => sql`0` },
})
@Entity({ tableName: 'wrong_keeps' })
class WrongKeep {
  @PrimaryKey({ type: 'integer' }) id!: number;
  @ManyToOne(() => Client, { fieldName: 'client_id', deleteRule: 'no action' }) client!: Rel<Client>;
}

/** Two keys into contacts, one followed: the other is a contact's row the rules say nothing of. */
@ClientData({ category: 'Merges', erasedWith: ['from'] })
@Entity({ tableName: 'contact_merges' })
class ContactMerge {
  @PrimaryKey({ type: 'integer' }) id!: number;
  @ManyToOne(() => Contact, { fieldName: 'from_contact_id', deleteRule: 'no action' }) from!: Rel<Contact>;
  @ManyToOne(() => Contact, { fieldName: 'into_contact_id', deleteRule: 'no action' }) into!: Rel<Contact>;
}

/** Two keys into clients, one followed. */
@ClientData({ category: 'Transfers', erasedWith: ['fromClient'] })
@Entity({ tableName: 'client_transfers' })
class ClientTransfer {
  @PrimaryKey({ type: 'integer' }) id!: number;
  @ManyToOne(() => Client, { fieldName: 'from_client_id', deleteRule: 'no action' }) fromClient!: Rel<Client>;
  @ManyToOne(() => Client, { fieldName: 'to_client_id', deleteRule: 'no action' }) toClient!: Rel<Client>;
}

/** A link of a kind the engine does not know (a plugin written without the types, say). */
@ClientData({
  category: 'Strange',
  erasedWith: ['client'],
  links: [{ kind: 'nearby' } as unknown as DeclaredLink],
})
@Entity({ tableName: 'strange_links' })
class StrangeLink {
  @PrimaryKey({ type: 'integer' }) id!: number;
  @ManyToOne(() => Client, { fieldName: 'client_id', deleteRule: 'no action' }) client!: Rel<Client>;
}

describe('planFromMetadata', () => {
  it('refuses a declared link of an unknown kind', async () => {
    await expect(compilePlan([], [StrangeLink])).rejects.toThrow(
      'the erasure plan is inconsistent: StrangeLink declares a link of an unknown kind',
    );
  });

  it('follows one-to-one owners, erasedWith, and the collections that cascade removal (or all)', async () => {
    const plan = await compilePlan([], BADGES);
    expect(plan.rule('badges').links).toEqual([{ kind: 'client', column: 'client_id' }]);
    expect(plan.rule('badge_stamps').links).toEqual([
      { kind: 'parent', column: 'badge_id', parent: 'badges' },
    ]);
    expect(plan.rule('badge_notes').links).toEqual([{ kind: 'client', column: 'client_id' }]);
    expect(plan.rule('badge_seals').links).toEqual([
      { kind: 'parent', column: 'badge_id', parent: 'badges' },
    ]);
    expect(plan.rule('badges').category).toBe('Badges');
    expect(plan.isEnforced('badges', plan.rule('badges').links[0])).toBe(true);
    // neither the embeddable nor the view is a table of client data, whatever they declare
    expect(plan.order.filter((t) => t.startsWith('badge')).sort()).toEqual([
      'badge_notes',
      'badge_seals',
      'badge_stamps',
      'badges',
    ]);
    expect(plan.order.filter((t) => typeof t !== 'string')).toEqual([]);
  });

  it('puts self links first, whatever the order of the properties', async () => {
    const plan = await compilePlan([], BADGES);
    expect(plan.rule('widgets').links).toEqual([
      { kind: 'parent', column: 'parent_widget_id', parent: 'widgets' },
      { kind: 'client', column: 'client_id' },
      { kind: 'parent', column: 'badge_id', parent: 'badges' },
    ]);
  });

  it("lists the foreign keys of many-to-ones and one-to-one owners only (a many-to-many has its pivot table's)", async () => {
    const metadata = (await metadataOf([], BADGES)).filter((m) => m.tableName?.startsWith('badge'));
    expect(
      foreignKeysOf(metadata).sort((a, b) =>
        `${a.table}.${a.column}`.localeCompare(`${b.table}.${b.column}`),
      ),
    ).toEqual([
      { table: 'badge_label_badges', column: 'badge_id', references: 'badges' },
      { table: 'badge_label_badges', column: 'badge_label_id', references: 'badge_labels' },
      { table: 'badge_notes', column: 'badge_id', references: 'badges' },
      { table: 'badge_notes', column: 'client_id', references: 'clients' },
      { table: 'badge_remarks', column: 'badge_id', references: 'badges' },
      { table: 'badge_seals', column: 'badge_id', references: 'badges' },
      { table: 'badge_stamps', column: 'badge_id', references: 'badges' },
      { table: 'badge_stamps', column: 'source_badge_id', references: 'badges' },
      { table: 'badges', column: 'client_id', references: 'clients' },
    ]);
  });

  it('takes exactly one root', async () => {
    await expect(compilePlan([], [SecondRoot])).rejects.toThrow(
      new ErasurePlanError('exactly one entity must be the root of the plan, found 2'),
    );
    const metadata = (await metadataOf([])).filter((m) => m.className !== 'Client');
    expect(() => planFromMetadata(metadata, () => CORE)).toThrow(
      new ErasurePlanError('exactly one entity must be the root of the plan, found 0'),
    );
  });

  it('refuses erasedWith naming what is not a many-to-one', async () => {
    await expect(compilePlan([], [WrongErasedWith, WrongPart, WrongTwin])).rejects.toThrow(
      new ErasurePlanError(
        'the erasure plan is inconsistent: ' +
          ['label', 'nothing', 'parts', 'twin']
            .map((p) => `WrongErasedWith.erasedWith names ${p}, not a many-to-one`)
            .join('; '),
      ),
    );
  });

  it('refuses a link or a keep rule naming what is not a many-to-one into the entity', async () => {
    await expect(compilePlan([], [WrongReferencedBy])).rejects.toThrow(
      new ErasurePlanError(
        'wrong_referenced_by: a link names Invoice.client, which is not a many-to-one into WrongReferencedBy',
      ),
    );
    await expect(compilePlan([], [WrongGhost])).rejects.toThrow(
      new ErasurePlanError(
        'wrong_ghosts: a link names an unknown entity.client, which is not a many-to-one into WrongGhost',
      ),
    );
    await expect(compilePlan([], [WrongProperty])).rejects.toThrow(
      new ErasurePlanError(
        'wrong_properties: a link names Invoice.nope, which is not a many-to-one into WrongProperty',
      ),
    );
    await expect(compilePlan([], [WrongKeep])).rejects.toThrow(
      new ErasurePlanError(
        'wrong_keeps: the keep rule names Contact.firstName, which is not a many-to-one into WrongKeep',
      ),
    );
  });

  it('reads the declarations back from the entity classes', () => {
    expect(clientDataOf(Badge)).toMatchObject({ category: 'Badges', erasedWith: ['client'] });
    expect(clientDataOf(class Undeclared {})).toBeUndefined();
    expect(blockersOf(Invoice).map((b) => b.code)).toEqual(['OPEN_INVOICES']);
    expect(blockersOf(Badge)).toEqual([]);
    expect(clientDataOf(User)?.keep?.references.map((r) => [r.entity(), r.property])).toEqual([
      [Staff, 'user'],
      [Client, 'user'],
      [Contact, 'user'],
    ]);
  });
});

// ---- The compiler and the executor, on a plan built by hand ----------------------------------

describe('ErasureSql', () => {
  it('refuses to read a set that no link declares', () => {
    const stray = set('stray');
    const plan = new ErasurePlan(
      [
        ROOT,
        rule('notes', [
          matching({
            reads: [],
            columns: [],
            where: (_row, scope) => scope.valuesOf(stray),
            description: '',
          }),
        ]),
      ],
      [],
      'clients',
    );
    for (const mode of ['live', 'staged'] as const) {
      expect(() => new ErasureSql(plan, CLIENT, mode, 'sqlite').rowsOf('notes')).toThrow(
        'set "stray" is read, but no link declares it',
      );
    }
  });

  it('names id sets for the live preview only: a deletion reads its staged copies', () => {
    const plan = new ErasurePlan([ROOT, rule('notes', [clientLink()])], [], 'clients');
    expect(new ErasureSql(plan, CLIENT, 'live', 'sqlite').withOwnedIds().text).toMatch(/^WITH /);
    expect(() => new ErasureSql(plan, CLIENT, 'staged', 'sqlite').withOwnedIds()).toThrow(
      'named id sets are for the live preview',
    );
  });
});

describe('ErasureSql.rowsOf', () => {
  const plan = new ErasurePlan(
    [
      ROOT,
      rule('notes', [clientLink(), clientLink('author_id')]),
      rule('users', [{ kind: 'referencedBy', table: 'clients', column: 'user_id' }]),
    ],
    [],
    'clients',
  );

  it('finds the rows of a table with several links by any of them', () => {
    const rows = new ErasureSql(plan, CLIENT, 'staged', 'sqlite').rowsOf('notes');
    expect(rows.text).toBe('`notes` t WHERE (t.`client_id` = ? OR t.`author_id` = ?)');
    expect(rows.params).toEqual([42, 42]);
  });

  it("reads a staged table's rows from its copy during a deletion, and live otherwise", () => {
    expect(new ErasureSql(plan, CLIENT, 'staged', 'sqlite').rowsOf('users').text).toBe(
      '`users` t WHERE t.id IN (SELECT a1.id FROM `erasure_stage_users` a1)',
    );
    expect(new ErasureSql(plan, CLIENT, 'live', 'sqlite').rowsOf('users').text).toBe(
      '`users` t WHERE (t.id IN (SELECT a1.`user_id` FROM `clients` a1 WHERE a1.`user_id` IS NOT NULL AND (a1.`id` = ?)))',
    );
  });
});

describe('ErasureSql and self links', () => {
  // tags: an add-on tag goes with its parent tag (a self link) or with the client's note; logins: a
  // self link, and a match that reads a staged set and another table's ids; a contested keep rule.
  const names: StagedSet = {
    name: 'shared_names',
    columnType: { sqlite: 'TEXT', mysql: 'TEXT' },
    select: () => sql`SELECT n.name FROM names n`,
  };
  const plan = new ErasurePlan(
    [
      ROOT,
      rule('notes', [clientLink()]),
      rule('tags', [parentLink('parent_id', 'tags'), parentLink('note_id', 'notes')]),
      rule(
        'logins',
        [
          parentLink('parent_login_id', 'logins'),
          matching({
            reads: ['tags'],
            columns: ['name', 'tag_id'],
            sets: [names],
            where: (row, scope) =>
              sql`${row}.name IN (${scope.valuesOf(names)}) OR ${row}.tag_id IN (${scope.idsOf('tags')})`,
            description: '',
          }),
        ],
        {
          keep: {
            reason: 'shared',
            references: [],
            where: (row) => sql`${row}.shared = 1`,
            contested: (row) => sql`${row}.locked = 0`,
          },
        },
      ),
    ],
    [],
    'clients',
  );
  const occurrences = (text: string, part: string) => text.split(part).length - 1;

  it("finds a table's rows through its self link, whose parents are found through the other links", () => {
    const rows = new ErasureSql(plan, CLIENT, 'live', 'sqlite').rowsOf('tags').text;
    expect(rows).toMatch(
      /^`tags` t WHERE \(t\.`parent_id` IN \(SELECT a\d+\.id FROM `tags` a\d+ WHERE \(a\d+\.`note_id` IN /,
    );
    // once inside the self link's parents, once for the row itself
    expect(occurrences(rows, '`note_id` IN')).toBe(2);
    expect(occurrences(rows, '`parent_id` IN')).toBe(1);
  });

  it("gives a predicate another table's ids through every link, self links included", () => {
    const lock = new ErasureSql(plan, CLIENT, 'staged', 'mysql').lockContested()[0].prepare[2].text;
    // scope.idsOf('tags'): its self link and its note link, united (in both uses of the match)
    expect(occurrences(lock, ' UNION ')).toBe(2);
    expect(occurrences(lock, '`parent_id` IN')).toBe(2);
  });

  it('locks on MariaDB the rows a keep rule may change, reading live sets before anything is staged', () => {
    const locks = new ErasureSql(plan, CLIENT, 'staged', 'mysql').lockContested();
    expect(locks.map((l) => l.lock.text)).toEqual([
      'SELECT t.id FROM `logins` t JOIN `erasure_lock_logins` l ON l.id = t.id ORDER BY t.id FOR UPDATE',
    ]);
    const insert = locks[0].prepare[2].text;
    expect(insert).toMatch(
      /^INSERT INTO `erasure_lock_logins` \(id\) SELECT t\.id FROM `logins` t WHERE \(t\.`parent_login_id` IN /,
    );
    expect(insert).toMatch(/ AND \(t\.locked = 0\)$/);
    expect(insert).toContain('SELECT n.name FROM names n');
    expect(insert).not.toContain('erasure_set_');
    expect(new ErasureSql(plan, CLIENT, 'staged', 'sqlite').lockContested()).toEqual([]);
  });
});

/** A runner that answers the assessment, the residue checks and the sweep with given rows. */
class AnsweringRunner extends RecordingRunner {
  constructor(private readonly answers: { assess?: object; sweep?: object; residue?: number }) {
    super('sqlite');
  }
  override async rows<T = Record<string, unknown>>(query: Sql): Promise<T[]> {
    await super.rows(query);
    if (/ AS n$/.test(query.text)) return [{ n: this.answers.residue ?? 0 } as T];
    // The assessment: whether the client exists, then its blockers; with counts, after the
    // tables' named id sets.
    if (/^(WITH |SELECT EXISTS |SELECT \(SELECT COUNT\(\*\) FROM \()/.test(query.text))
      return [(this.answers.assess ?? {}) as T];
    return [(this.answers.sweep ?? {}) as T];
  }
  override async run(query: Sql): Promise<number> {
    await super.run(query);
    return /^DELETE FROM `notes`/.test(query.text) ? 3 : 0;
  }
}

describe('ErasureExecutor', () => {
  const plan = new ErasurePlan(
    [
      ROOT,
      rule('notes', [clientLink()]),
      rule('tags', [parentLink('note_id', 'notes')], { owner: 'labels' }),
    ],
    [blocker('FIRST'), blocker('SECOND'), blocker('THIRD')],
    'clients',
  );
  const executor = new ErasureExecutor(plan);

  it('reads blockers, ids in numeric order, and the tables with rows from one query', async () => {
    const db = new AnsweringRunner({
      assess: { b0: 3, bi0: '10,9,100', b1: 0, bi1: null, b2: '2', bi2: null, c0: 4, c1: 0, c2: '1' },
    });
    const assessment = await executor.assess(db, CLIENT, { counts: true });
    expect(db.statements.length).toBe(1);
    expect(assessment.blockers.map(({ rule, count, ids }) => [rule.code, count, ids])).toEqual([
      ['FIRST', 3, [9, 10, 100]],
      ['THIRD', 2, []],
    ]);
    expect([...assessment.counts]).toEqual([
      ['tags', 4],
      ['clients', 1],
    ]);
    expect([...assessment.kept]).toEqual([]);
  });

  it('says in the same query whether the client exists when given that condition, and assumes it does otherwise', async () => {
    const exists = sql`EXISTS (SELECT 1 FROM clients c WHERE c.id = ${CLIENT.id})`;
    const missing = new AnsweringRunner({ assess: { found: 0, b0: 0, b1: 0, b2: 0 } });
    expect((await executor.assess(missing, CLIENT, { counts: true, exists })).found).toBe(false);
    expect(missing.statements.length).toBe(1);
    expect(missing.statements[0].sql.text).toContain(
      'SELECT EXISTS (SELECT 1 FROM clients c WHERE c.id = ?) AS `found`, ',
    );
    // MariaDB answers 1 as a number, or as a string from some drivers' aggregates
    for (const found of [1, '1']) {
      const present = new AnsweringRunner({ assess: { found, b0: 0, b1: 0, b2: 0 } });
      expect((await executor.assess(present, CLIENT, { counts: false, exists })).found).toBe(true);
    }
    const unasked = new RecordingRunner('sqlite');
    expect((await executor.assess(unasked, CLIENT, { counts: false })).found).toBe(true);
    expect(unasked.statements[0].sql.text).not.toContain('`found`');
  });

  it('counts rows only when asked to', async () => {
    const db = new RecordingRunner('sqlite');
    const assessment = await executor.assess(db, CLIENT, { counts: false });
    expect(db.statements[0].sql.text).not.toMatch(/AS `c\d+`/);
    expect(assessment.counts.size).toBe(0);
  });

  it('returns the rows deleted per table with rows, and names every table left behind', async () => {
    const run = executor.begin(new AnsweringRunner({}), CLIENT);
    await run.stage();
    await run.deleteTablesOf('labels');
    expect(await run.finish()).toEqual({ notes: 3 });

    const leaky = executor.begin(new AnsweringRunner({ sweep: { notes: 0, tags: '2', clients: 1 } }), CLIENT);
    await leaky.deleteTablesOf('labels');
    const error = await leaky.finish().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DeletionVerificationError);
    expect(error).toMatchObject({
      name: 'DeletionVerificationError',
      message: 'rows still belong to the client: tags: 2, clients: 1',
    });

    const residue = executor.begin(new AnsweringRunner({ residue: 2 }), CLIENT);
    await expect(residue.deleteTablesOf('labels')).rejects.toThrow(
      new DeletionVerificationError('2 row(s) of tags still belong to the client'),
    );
  });

  it("leaves the core's tables a handler already deleted, and sweeps only what no foreign key enforces", async () => {
    const db = new AnsweringRunner({});
    const run = executor.begin(db, CLIENT);
    await run.deleteTablesOf('labels');
    await run.deleteTablesOf(CORE);
    expect(await run.finish()).toEqual({ notes: 3 });

    const enforced = new ErasurePlan(
      [ROOT, rule('notes', [clientLink()])],
      [],
      'clients',
      new Set(['notes.client_id->clients', 'clients.id->clients']),
    );
    const quiet = new RecordingRunner('sqlite');
    expect(await new ErasureExecutor(enforced).begin(quiet, CLIENT).finish()).toEqual({});
    // the two deletes, and neither a residue check nor a sweep
    expect(quiet.statements.map((s) => s.via)).toEqual(['run', 'run']);
  });
});

// ---- The address key ------------------------------------------------------------------------

describe('the address key', () => {
  let orm: MikroORM;
  const ready = prepared(async () => {
    orm = await MikroORM.init({
      driver: BetterSqliteDriver,
      dbName: ':memory:',
      entities: [],
      allowGlobalContext: true,
      discovery: { warnWhenNoEntities: false },
    });
  });
  beforeEach(() => ready());
  afterAll(() => orm?.close());

  const inSql = async (address: string) => {
    const [row] = await orm.em.execute<{ k: string }[]>(
      `SELECT ${addressKeySql('x')} AS k FROM (SELECT ? AS x)`,
      [address],
    );
    return row.k;
  };

  it('trims spaces and lower-cases ASCII capitals, A to Z, the same in SQL and in JavaScript', async () => {
    const samples = [
      'ABCDEFGHIJKLMNOPQRSTUVWXYZ@Example.COM',
      '  Zed.Adams@X.Y  ',
      '\tTab@Example.com',
      'Élodie@Example.com',
      'a@b\u200B',
      '@[\\]^_`{',
    ];
    for (const address of samples) expect(await inSql(address)).toBe(addressKeyOf(address));
    expect(addressKeyOf('  ABCDEFGHIJKLMNOPQRSTUVWXYZ  ')).toBe('abcdefghijklmnopqrstuvwxyz');
    expect(addressKeyOf('\tÉlodie@Example.com ')).toBe('\tÉlodie@example.com');
    expect(addressKeyOf(' a b ')).toBe('a b');
  });

  it('is an expression of one column, and refuses a value', () => {
    expect(addressKey(Sql.raw('s.email')).text).toBe(addressKeySql('s.email'));
    expect(addressKey(Sql.raw('s.email')).params).toEqual([]);
    expect(addressKeySql('email')).toMatch(/^(replace\(){26}trim\(email\), 'A', 'a'\)/);
    expect(() => addressKey(sql`${'me@example.com'}`)).toThrow('addressKey takes a column, not a value');
  });
});

// ---- Completeness -------------------------------------------------------------------------------

describe('assertComplete', () => {
  let metadata: EntityMetadata[];
  let plan: ErasurePlan;
  const ready = prepared(async () => {
    metadata = await metadataOf([supportManagerPlugin, orderPlugin]);
    plan = await compilePlan([supportManagerPlugin, orderPlugin]);
  });
  beforeEach(() => ready());

  it('accepts the plan compiled from the entities', () => {
    expect(() => assertComplete(plan, metadata)).not.toThrow();
  });

  it('refuses a table or a column the schema does not have', () => {
    const withoutFields = metadata.filter((m) => m.tableName !== 'support_ticket_fields');
    expect(() => assertComplete(plan, withoutFields)).toThrow(
      new ErasurePlanError(
        'the erasure plan is incomplete: "support_manager" declares table support_ticket_fields, which is not in the schema',
      ),
    );
    const bad = new ErasurePlan(
      [
        ROOT,
        rule('contacts', [clientLink('owner_id')]),
        rule('contact_numbers', [parentLink('number_of_id', 'contacts')]),
        rule('log_emails', [
          matching({
            reads: [],
            columns: ['to_address_key', 'nope'],
            where: () => sql`1 = 1`,
            description: '',
          }),
        ]),
      ],
      [],
      'clients',
    );
    const error = (() => {
      try {
        assertComplete(bad, metadata);
      } catch (e) {
        return e as Error;
      }
    })();
    expect(error?.message).toContain('contacts.owner_id, named by a link, is not a column of contacts');
    expect(error?.message).toContain(
      'contact_numbers.number_of_id, named by a link, is not a column of contact_numbers',
    );
    expect(error?.message).toContain('log_emails.nope, named by a link, is not a column of log_emails');
    expect(error?.message).not.toContain('to_address_key,');
  });

  it('refuses a foreign key into client data that no rule claims, and accepts each way of claiming it', () => {
    const message = (p: ErasurePlan) => {
      try {
        assertComplete(p, metadata);
        return '';
      } catch (e) {
        return (e as Error).message;
      }
    };
    const users = (keep: boolean, links: TableLink[]) =>
      rule('users', links, {
        keep: keep
          ? { reason: 'shared', where: () => sql`0`, references: [{ table: 'staff', column: 'user_id' }] }
          : undefined,
      });
    const base = [ROOT, rule('contacts', [clientLink()])];
    const byClients: TableLink = { kind: 'referencedBy', table: 'clients', column: 'user_id' };
    const byContacts: TableLink = { kind: 'referencedBy', table: 'contacts', column: 'user_id' };
    const partial = message(new ErasurePlan([...base, users(true, [byClients])], [], 'clients'));
    // contacts.user_id is neither followed, nor a referencedBy link, nor kept
    expect(partial).toContain(
      'contacts.user_id references users (client data) but no erasure rule claims it',
    );
    expect(partial).not.toContain('clients.user_id references users');
    expect(partial).not.toContain('staff.user_id references users');
    // a table outside the plan pointing at the client: invoices
    expect(partial).toContain(
      'invoices.client_id references clients (client data) but no erasure rule claims it',
    );
    // company data pointing at company data is not the plan's business
    expect(partial).not.toContain('references companies');
    const noKeep = message(new ErasurePlan([...base, users(false, [byClients, byContacts])], [], 'clients'));
    expect(noKeep).toContain('staff.user_id references users (client data) but no erasure rule claims it');
    expect(noKeep).not.toContain('contacts.user_id references users');
    // followed as a parent link, but into another table than the key's
    const wrongParent = message(
      new ErasurePlan(
        [...base, rule('contact_numbers', [parentLink('contact_id', 'clients')])],
        [],
        'clients',
      ),
    );
    expect(wrongParent).toContain('contact_numbers.contact_id references contacts (client data)');
    // a client link on a column that references the client row
    expect(message(new ErasurePlan([...base], [], 'clients'))).not.toContain('contacts.client_id references');
    // a reverse link or a keep reference naming another column of the key's table claims nothing
    const otherColumns = message(
      new ErasurePlan(
        [
          ...base,
          rule('users', [{ kind: 'referencedBy', table: 'clients', column: 'owner_id' }, byContacts], {
            keep: {
              reason: 'shared',
              where: () => sql`0`,
              references: [{ table: 'staff', column: 'owner_id' }],
            },
          }),
        ],
        [],
        'clients',
      ),
    );
    expect(otherColumns).toContain(
      'clients.user_id references users (client data) but no erasure rule claims it',
    );
    expect(otherColumns).toContain(
      'staff.user_id references users (client data) but no erasure rule claims it',
    );
  });

  it('refuses a second key into the same table that no rule follows', async () => {
    const extra = [ContactMerge, ClientTransfer];
    const plugins = [supportManagerPlugin, orderPlugin];
    const [withExtra, extraPlan] = await Promise.all([
      metadataOf(plugins, extra),
      compilePlan(plugins, extra),
    ]);
    expect(() => assertComplete(extraPlan, withExtra)).toThrow(
      new ErasurePlanError(
        'the erasure plan is incomplete: ' +
          'contact_merges.into_contact_id references contacts (client data) but no erasure rule claims it; ' +
          'client_transfers.to_client_id references clients (client data) but no erasure rule claims it',
      ),
    );
  });
});
