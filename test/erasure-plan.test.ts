import {
  Cascade,
  Collection,
  Entity,
  ManyToMany,
  ManyToOne,
  OneToMany,
  OneToOne,
  PrimaryKey,
  type Rel,
} from '@mikro-orm/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { CORE, type ErasurePlan } from '../src/deletion/erasure-plan';
import { BlocksDeletion, ClientData } from '../src/deletion/erasure-rules';
import { ErasureSql } from '../src/deletion/erasure-sql';
import { sql } from '../src/db/sql';
import { Client, Contact, User } from '../src/entities';
import { orderPlugin } from '../src/plugins/order/order.plugin';
import type { ErasurePlugin } from '../src/plugins/plugin';
import { supportManagerPlugin } from '../src/plugins/support-manager/support-manager.plugin';
import { compilePlan } from './support/erasure';
import contract from './fixtures/contract.json';

const plugins = [supportManagerPlugin, orderPlugin];

// Test-only entities, each a way to get a declaration wrong (or right).
@ClientData({ category: 'Gadgets', erasedWith: ['contact'] })
@Entity({ tableName: 'gadgets' })
class Gadget {
  @PrimaryKey({ type: 'integer' }) id!: number;
  @ManyToOne(() => Contact, { fieldName: 'contact_id', deleteRule: 'no action' }) contact!: Rel<Contact>;
  @OneToMany(() => GadgetPart, (p) => p.gadget, { cascade: [Cascade.REMOVE] })
  parts = new Collection<GadgetPart>(this);
}

@ClientData({ category: 'Gadgets' })
@Entity({ tableName: 'gadget_parts' })
class GadgetPart {
  @PrimaryKey({ type: 'integer' }) id!: number;
  @ManyToOne(() => Gadget, { fieldName: 'gadget_id', deleteRule: 'no action' }) gadget!: Rel<Gadget>;
}

/** Cascades into an entity that does not say it is client data. */
@Entity({ tableName: 'careless_parents' })
class CarelessParent {
  @PrimaryKey({ type: 'integer' }) id!: number;
  @OneToMany(() => UndeclaredChild, (c) => c.parent, { cascade: [Cascade.REMOVE] })
  children = new Collection<UndeclaredChild>(this);
}

@Entity({ tableName: 'undeclared_children' })
class UndeclaredChild {
  @PrimaryKey({ type: 'integer' }) id!: number;
  @ManyToOne(() => CarelessParent, { fieldName: 'parent_id', deleteRule: 'no action' })
  parent!: Rel<CarelessParent>;
}

/** Company data, say. */
@Entity({ tableName: 'lonely_parents' })
class LonelyParent {
  @PrimaryKey({ type: 'integer' }) id!: number;
}

/** Client data linked only through a table that is not. */
@ClientData({ category: 'Orphans', erasedWith: ['parent'] })
@Entity({ tableName: 'orphans' })
class Orphan {
  @PrimaryKey({ type: 'integer' }) id!: number;
  @ManyToOne(() => LonelyParent, { fieldName: 'parent_id', deleteRule: 'no action' })
  parent!: Rel<LonelyParent>;
}

/** A sign-in that would go with the row naming it, though a staff member may share it. */
@ClientData({ category: 'Gadgets', erasedWith: ['client'] })
@Entity({ tableName: 'greedy_logins' })
class GreedyLogin {
  @PrimaryKey({ type: 'integer' }) id!: number;
  @ManyToOne(() => Client, { fieldName: 'client_id', deleteRule: 'no action' }) client!: Rel<Client>;
  @ManyToOne(() => User, { fieldName: 'user_id', deleteRule: 'no action', cascade: [Cascade.REMOVE] })
  user!: Rel<User>;
}

/** A one-to-one whose removal would follow the reference: the plan does not. */
@ClientData({ category: 'Gadgets', erasedWith: ['client'] })
@Entity({ tableName: 'paired_profiles' })
class PairedProfile {
  @PrimaryKey({ type: 'integer' }) id!: number;
  @ManyToOne(() => Client, { fieldName: 'client_id', deleteRule: 'no action' }) client!: Rel<Client>;
  @OneToOne(() => LonelyParent, { fieldName: 'parent_id', owner: true, cascade: [Cascade.ALL] })
  parent!: Rel<LonelyParent>;
}

/** Company data whose removal would take the contacts it labels. */
@Entity({ tableName: 'hoarding_labels' })
class HoardingLabel {
  @PrimaryKey({ type: 'integer' }) id!: number;
  @ManyToMany(() => Contact, undefined, {
    owner: true,
    pivotTable: 'hoarding_label_contacts',
    cascade: [Cascade.REMOVE],
  })
  contacts = new Collection<Contact>(this);
}

@ClientData({ category: 'Gadgets', erasedWith: ['client'] })
@BlocksDeletion({ code: 'OPEN_INVOICES', message: 'again', ids: (c) => sql`SELECT ${c.id} AS id` })
@Entity({ tableName: 'double_blockers' })
class DoubleBlocker {
  @PrimaryKey({ type: 'integer' }) id!: number;
  @ManyToOne(() => Client, { fieldName: 'client_id', deleteRule: 'no action' }) client!: Rel<Client>;
}

describe('the erasure plan compiled from the entities', () => {
  let plan: ErasurePlan;
  beforeAll(async () => {
    plan = await compilePlan(plugins);
  });

  it('covers every table of the spec, core and plugins, and nothing else', () => {
    const spec = [
      ...Object.keys(contract.core),
      ...Object.values(contract.plugins).flatMap((t) => Object.keys(t)),
    ];
    expect([...plan.order].sort()).toEqual([...spec].sort());
  });

  it('follows every link column of the contract', () => {
    const tables: Record<string, Record<string, string>> = {
      ...contract.core,
      ...Object.assign({}, ...Object.values(contract.plugins)),
    };
    for (const [table, links] of Object.entries(tables)) {
      const rule = plan.rule(table);
      for (const [column, target] of Object.entries(links)) {
        const followed = rule.links.some(
          (l) =>
            (l.kind === 'parent' && l.column === column && l.parent === target) ||
            (l.kind === 'client' && l.column === column && target === 'clients'),
        );
        const reverse = plan
          .rule(target)
          .links.some((l) => l.kind === 'referencedBy' && l.table === table && l.column === column);
        expect(followed || reverse, `${table}.${column} -> ${target}`).toBe(true);
      }
    }
  });

  it('takes links from cascading collections, erasedWith and declared links, self links first', () => {
    expect(plan.rule('invoice_lines').links).toEqual([
      { kind: 'parent', column: 'invoice_id', parent: 'invoices' },
    ]);
    expect(plan.rule('invoices').links).toEqual([{ kind: 'client', column: 'client_id' }]);
    expect(plan.rule('services').links).toEqual([
      { kind: 'parent', column: 'parent_service_id', parent: 'services' },
      { kind: 'client', column: 'client_id' },
    ]);
    expect(plan.rule('orders').links).toEqual([{ kind: 'parent', column: 'invoice_id', parent: 'invoices' }]);
    expect(plan.rule('users').links).toEqual([
      { kind: 'referencedBy', table: 'clients', column: 'user_id' },
      { kind: 'referencedBy', table: 'contacts', column: 'user_id' },
    ]);
    expect(plan.rule('users').keep?.references).toEqual([
      { table: 'staff', column: 'user_id' },
      { table: 'clients', column: 'user_id' },
      { table: 'contacts', column: 'user_id' },
    ]);
    expect(plan.rule('log_emails').links.map((l) => l.kind)).toEqual(['client', 'match']);
    expect(plan.rule('clients').links).toEqual([{ kind: 'client', column: 'id' }]);
  });

  it('locks on MariaDB, before deciding, the sign-ins whose keeping another deletion may change: those no staff member uses', () => {
    // Two clients sharing a sign-in, deleted at once, must decide in turn (the MariaDB test of
    // client-deletion.test.ts shows the race); SQLite runs one transaction at a time.
    const locks = new ErasureSql(plan, { id: 42, companyId: 7 }, 'staged', 'mysql').lockContested();
    expect(locks.map((l) => l.lock.text)).toEqual([
      'SELECT t.id FROM `users` t JOIN `erasure_lock_users` l ON l.id = t.id ORDER BY t.id FOR UPDATE',
    ]);
    expect(locks[0].prepare.at(-1)?.text).toMatch(
      /AND \(NOT EXISTS \(SELECT 1 FROM staff (\w+) WHERE \1\.user_id = t\.id\)\)$/,
    );
  });

  it('says who declared each table and each blocker', () => {
    expect(plan.rule('support_replies').owner).toBe('support_manager');
    expect(plan.rule('order_services').owner).toBe('order');
    expect(plan.rule('invoices').owner).toBe(CORE);
    expect(plan.blockers.map((b) => [b.code, b.owner])).toEqual(
      expect.arrayContaining([
        ['OPEN_INVOICES', CORE],
        ['RECURRING_INVOICES', CORE],
        ['ACTIVE_SERVICES', CORE],
      ]),
    );
    expect(plan.rule('invoices').category).toBe('Invoices');
  });

  it('deletes every table before the tables it is found through', () => {
    const at = (t: string) => plan.order.indexOf(t);
    expect(at('invoice_line_taxes')).toBeLessThan(at('invoice_lines'));
    expect(at('invoice_lines')).toBeLessThan(at('invoices'));
    expect(at('orders')).toBeLessThan(at('invoices'));
    expect(at('log_emails')).toBeLessThan(at('contacts'));
    expect(at('support_tickets')).toBeLessThan(at('contacts'));
    expect(at('contacts')).toBeLessThan(at('clients'));
    // users are found through clients and contacts but referenced by them: staged, deleted last
    expect(at('clients')).toBeLessThan(at('users'));
    expect(at('sessions')).toBeLessThan(at('users'));
    expect(plan.stagedTables).toEqual(['users']);
  });

  it('accepts the plugins deleting their tables first, as groups', () => {
    const sequence = plan.sequenceWithFirst(['support_manager', 'order']);
    expect(sequence.slice(0, 8).sort()).toEqual(
      [...plan.tablesOf('support_manager'), ...plan.tablesOf('order')].sort(),
    );
  });
});

describe('compiling declarations', () => {
  it("takes a plugin's entities, their cascades and erasedWith, as the plugin's", async () => {
    const gadgets: ErasurePlugin = {
      name: 'gadgets',
      entities: [Gadget, GadgetPart],
      migrations: { sqlite: [], mysql: [] },
    };
    const plan = await compilePlan([gadgets]);
    expect(plan.rule('gadgets')).toMatchObject({
      owner: 'gadgets',
      links: [{ kind: 'parent', column: 'contact_id', parent: 'contacts' }],
    });
    expect(plan.rule('gadget_parts').links).toEqual([
      { kind: 'parent', column: 'gadget_id', parent: 'gadgets' },
    ]);
    expect(plan.order.indexOf('gadget_parts')).toBeLessThan(plan.order.indexOf('gadgets'));
  });

  it('refuses a collection that cascades removal into an entity that is not client data', async () => {
    await expect(compilePlan([], [CarelessParent, UndeclaredChild])).rejects.toThrow(
      /CarelessParent\.children cascades removal to UndeclaredChild, which declares no @ClientData/,
    );
  });

  it('refuses removal cascading along a reference instead of a collection', async () => {
    await expect(compilePlan([], [GreedyLogin])).rejects.toThrow(
      /GreedyLogin\.user cascades removal along a many-to-one; only one-to-many collections may \(declare the link on User instead\)/,
    );
    await expect(compilePlan([], [LonelyParent, PairedProfile])).rejects.toThrow(
      /PairedProfile\.parent cascades removal along a one-to-one/,
    );
    await expect(compilePlan([], [HoardingLabel])).rejects.toThrow(
      /HoardingLabel\.contacts cascades removal along a many-to-many; only one-to-many collections may \(declare the link on Contact instead\)/,
    );
  });

  it('refuses client data linked through a table that is not', async () => {
    await expect(compilePlan([], [LonelyParent, Orphan])).rejects.toThrow(
      /orphans is linked through lonely_parents, which is not client data/,
    );
  });

  it('refuses two blockers with one code', async () => {
    await expect(compilePlan([], [DoubleBlocker])).rejects.toThrow(/two blockers use the code OPEN_INVOICES/);
  });

  it('refuses a plugin group that would be deleted before a table that must precede it', async () => {
    const gadgets: ErasurePlugin = {
      name: 'gadgets',
      entities: [Gadget, GadgetPart],
      migrations: { sqlite: [], mysql: [] },
    };
    const plan = await compilePlan([gadgets]);
    expect(() => plan.sequenceWithFirst(['gadgets'])).not.toThrow();
    // the core's tables first: contacts would go before the gadgets found through them
    expect(() => plan.sequenceWithFirst([CORE, 'gadgets'])).toThrow(
      /gadgets must be deleted before contacts/,
    );
  });
});
