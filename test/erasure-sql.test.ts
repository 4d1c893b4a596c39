import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import pino from 'pino';
import { describe, expect, it, vi } from 'vitest';
import type { AppConfig } from '../src/config';
import type { Driver } from '../src/db/orm';
import type { ErasurePlan } from '../src/deletion/erasure-plan';
import { ErasureExecutor } from '../src/deletion/erasure-executor';
import type { ClientRef, TableLink } from '../src/deletion/erasure-rules';
import { ErasureSql } from '../src/deletion/erasure-sql';
import { EventBus } from '../src/events/event-bus';
import { enqueue, enqueueFromRows } from '../src/events/outbox';
import { orderPlugin } from '../src/plugins/order/order.plugin';
import { supportManagerPlugin } from '../src/plugins/support-manager/support-manager.plugin';
import { RecordingRunner, compilePlan, type Recorded } from './support/erasure';
import { prepared } from './support/prepared';
import {
  declaredAliases,
  formatStatement,
  groupsOf,
  isGroup,
  parse,
  renumberAliases,
  tableReferences,
  tokenize,
  tokensOf,
} from './support/sql-text';

// What the erasure engine sends to the database, per driver, checked in as readable .sql files
// under test/__snapshots__/erasure-sql/ (STYLE 9): a change to a preview, a delete or a residue
// check shows up in review as a diff of those files. The statements come from the executor's own
// code path, run against a runner that records them instead of a database. Update the files with
// `npx vitest run test/erasure-sql.test.ts -u` and read the diff before committing it.

const CLIENT: ClientRef = { id: 42, companyId: 7 };
const DRIVERS: readonly Driver[] = ['sqlite', 'mysql'];
const PLUGINS = [supportManagerPlugin, orderPlugin];
const NOW = new Date('2026-01-02T03:04:05.000Z');
const SNAPSHOTS = join(__dirname, '__snapshots__', 'erasure-sql');

/**
 * Table names that rules declared on entities write bare (constant text in the declarations, not
 * input); every name the compiler writes is quoted. A new bare name makes the invariant test fail.
 */
const BARE_TABLES = [
  'client_groups',
  'clients',
  'contacts',
  'invoices',
  'invoices_recur',
  'outbox_events',
  'services',
  'staff',
  'staff_group',
  'staff_groups',
  'support_departments',
];

/** String literals the SQL text may hold: statuses written into rules, and the address key's letters. */
const LITERALS = new Set([
  "'active'",
  "'proforma'",
  "'suspended'",
  "'pending'",
  ...Array.from({ length: 26 }, (_, i) => [
    `'${String.fromCharCode(65 + i)}'`,
    `'${String.fromCharCode(97 + i)}'`,
  ]).flat(),
]);

interface Recording {
  readonly preview: Recorded[];
  readonly deletion: Recorded[];
}

/** Every statement of a preview and of a deletion of CLIENT, as the service sends them. */
async function record(plan: ErasurePlan, driver: Driver): Promise<Recording> {
  const db = new RecordingRunner(driver);
  const executor = new ErasureExecutor(plan);
  db.phase = 'preview';
  await executor.assess(db, CLIENT, { counts: true });

  // The deletion, in ClientDeletionService.deleteClient's order, with the built-in plugins' own
  // client.deleting handlers.
  const deletes = ErasureSql.prototype.deletes;
  const finalResidue = ErasureSql.prototype.finalResidue;
  const unstage = ErasureSql.prototype.unstage;
  vi.spyOn(ErasureSql.prototype, 'deletes').mockImplementation(function (this: ErasureSql, table) {
    db.phase = `delete/${table}`;
    return deletes.call(this, table);
  });
  vi.spyOn(ErasureSql.prototype, 'finalResidue').mockImplementation(function (this: ErasureSql) {
    db.phase = 'final-residue';
    return finalResidue.call(this);
  });
  vi.spyOn(ErasureSql.prototype, 'unstage').mockImplementation(function (this: ErasureSql) {
    db.phase = 'unstage';
    return unstage.call(this);
  });
  const events = new EventBus();
  const config = { attachmentsDir: '/nonexistent' } as AppConfig;
  for (const plugin of PLUGINS) plugin.install?.({ config, events, logger: pino({ enabled: false }) });

  const run = executor.begin(db, CLIENT);
  db.phase = 'lock-contested';
  await run.lockContested();
  db.phase = 'assess';
  await executor.assess(db, CLIENT, { counts: false });
  db.phase = 'stage';
  await run.stage();
  await events.publish('client.deleting', {
    client: CLIENT,
    db,
    em: undefined as never,
    deleteTablesOf: (owner) => run.deleteTablesOf(owner),
    enqueue: (event, payload) => enqueue(db, NOW, event, payload),
    enqueueFrom: (event, table, column, key) => {
      db.phase = `outbox/${table}`;
      return enqueueFromRows(db, NOW, event, key, column, run.rowsOf(table));
    },
  });
  await run.finish();
  const [preview, deletion] = [
    db.statements.filter((s) => s.phase === 'preview'),
    db.statements.filter((s) => s.phase !== 'preview'),
  ];
  return { preview, deletion };
}

/** The phases of a recording, in the order their first statement was sent. */
function phasesOf(statements: readonly Recorded[]): string[] {
  return [...new Set(statements.map((s) => s.phase))];
}

function header(driver: Driver, what: string): string {
  return [
    `-- ${what}`,
    `-- Driver: ${driver}. Client ${CLIENT.id} of company ${CLIENT.companyId}. Written by test/erasure-sql.test.ts.`,
    '-- Aliases aN are renumbered per statement; parameter values follow `--` on the line that holds them.',
  ].join('\n');
}

/** A snapshot file: the statements of one phase, laid out for review. */
function sqlFile(driver: Driver, what: string, statements: readonly Recorded[]): string {
  const body = statements.map(
    (s, i) =>
      `-- ${i + 1}/${statements.length} (${s.via === 'run' ? 'run' : 'query: rows read back'})\n` +
      formatStatement(renumberAliases(s.sql), ';'),
  );
  return [header(driver, what), ...body].join('\n\n') + '\n';
}

function describePhase(phase: string): string {
  const [kind, table] = phase.split('/');
  switch (kind) {
    case 'lock-contested':
      return 'Locks the sign-ins whose keeping another deletion may change (KeepRule.contested).';
    case 'assess':
      return "The deletion's re-check of blockers and kept rows, after the client row is locked.";
    case 'stage':
      return 'Copies of the staged sets and of the staged tables’ ids, before the first delete.';
    case 'outbox':
      return `One outbox row per ${table} row of the client, written before that table is deleted.`;
    case 'delete':
      return `The deletes of ${table}, then the query counting what is left of the client's rows.`;
    case 'final-residue':
      return 'The sweep before commit: every link no foreign key enforces, counted again.';
    case 'unstage':
      return 'Drops the staged copies.';
    default:
      throw new Error(`unknown phase ${phase}`);
  }
}

/** Every file under `dir`, relative to it. */
function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path).map((f) => join(name, f)) : [name];
  });
}

function describeLink(plan: ErasurePlan, table: string, link: TableLink): string {
  const enforced = plan.isEnforced(table, link) ? ' (foreign key)' : '';
  switch (link.kind) {
    case 'client':
      return `${link.column} is the client's id${enforced}`;
    case 'parent':
      return `${link.column} names a row of ${link.parent}${enforced}`;
    case 'referencedBy':
      return `named by ${link.table}.${link.column}`;
    case 'match':
      return [
        `match: ${link.description}`,
        `reads ${link.reads.join(', ')}; columns ${link.columns.join(', ')}`,
        ...(link.sets ?? []).map((s) => `set ${s.name} (${s.columnType.sqlite} / ${s.columnType.mysql})`),
      ].join('\n      ');
  }
}

/** The compiled plan in words: what the snapshots of its SQL are compiled from. */
function planText(plan: ErasurePlan): string {
  const lines = [
    '# The erasure plan compiled from the entities of the core, support_manager and order.',
    '# Written by test/erasure-sql.test.ts; tables in deletion order.',
    `root: ${plan.root}`,
    `staged: ${plan.stagedTables.join(', ')}`,
    `owners: ${plan.owners.join(', ')}`,
    `plugins first: ${plan.sequenceWithFirst(plan.owners.filter((o) => o !== 'core')).join(', ')}`,
    '',
  ];
  for (const rule of plan.rules) {
    lines.push(
      `${rule.table} [${rule.owner}] "${rule.category}"${plan.isStaged(rule.table) ? ' staged' : ''}`,
    );
    for (const link of rule.links) lines.push(`    - ${describeLink(plan, rule.table, link)}`);
    if (rule.keep) {
      lines.push(
        `    keep: ${rule.keep.reason}`,
        `      references: ${rule.keep.references.map((r) => `${r.table}.${r.column}`).join(', ')}`,
        `      contested: ${rule.keep.contested ? 'yes' : 'no'}`,
      );
    }
  }
  lines.push('', 'blockers:');
  for (const blocker of plan.blockers) lines.push(`  ${blocker.code} [${blocker.owner}] ${blocker.message}`);
  return lines.join('\n') + '\n';
}

/** The plan, and what a preview and a deletion of CLIENT send on each driver. */
const setup = prepared(async () => {
  const plan = await compilePlan(PLUGINS);
  const recordings = new Map<Driver, Recording>();
  for (const driver of DRIVERS) {
    try {
      recordings.set(driver, await record(plan, driver));
    } finally {
      vi.restoreAllMocks();
    }
  }
  const statements = DRIVERS.flatMap((driver) => {
    const { preview, deletion } = recordings.get(driver)!;
    return [...preview, ...deletion].map((recorded) => ({
      driver,
      recorded,
      root: parse(tokenize(recorded.sql.text)),
    }));
  });
  return { plan, recordings, statements };
});

describe('the SQL of a client erasure', () => {
  it('is compiled from this plan', async () => {
    await expect(planText(setup().plan)).toMatchFileSnapshot(join(SNAPSHOTS, 'plan.txt'));
  });

  describe.each(DRIVERS)('on %s', (driver) => {
    const dir = join(SNAPSHOTS, driver);

    it('previews in one query', async () => {
      const { preview } = setup().recordings.get(driver)!;
      expect(preview.map((s) => s.via)).toEqual(['rows']);
      await expect(
        sqlFile(driver, 'The preview: blockers, kept rows and the rows per table, in one query.', preview),
      ).toMatchFileSnapshot(join(dir, 'preview.sql'));
    });

    it('deletes in this order', async () => {
      const { deletion } = setup().recordings.get(driver)!;
      const phases = phasesOf(deletion);
      // every table of the plan once, the plugins' first, as ClientDeletionService runs them
      const { plan } = setup();
      const sequence = plan.sequenceWithFirst(plan.owners.filter((o) => o !== 'core'));
      expect(phases.filter((p) => p.startsWith('delete/')).map((p) => p.slice('delete/'.length))).toEqual(
        sequence,
      );
      const listing = phases.map((phase) => {
        const n = deletion.filter((s) => s.phase === phase).length;
        return `${phase}.sql  (${n} statement${n === 1 ? '' : 's'})`;
      });
      await expect(
        [
          `# The deletion's statements on ${driver}, phase by phase, in the order they are sent.`,
          ...listing,
        ].join('\n') + '\n',
      ).toMatchFileSnapshot(join(dir, 'deletion', 'sequence.txt'));
    });

    it('sends these statements in each phase of the deletion', async () => {
      const { deletion } = setup().recordings.get(driver)!;
      for (const phase of phasesOf(deletion)) {
        const statements = deletion.filter((s) => s.phase === phase);
        await expect(sqlFile(driver, describePhase(phase), statements)).toMatchFileSnapshot(
          join(dir, 'deletion', `${phase}.sql`),
        );
      }
    });

    it('has no snapshot file of a phase that is no longer sent', () => {
      const { deletion } = setup().recordings.get(driver)!;
      const expected = new Set([
        'preview.sql',
        join('deletion', 'sequence.txt'),
        ...phasesOf(deletion).map((p) => join('deletion', `${p}.sql`)),
      ]);
      // missing files are toMatchFileSnapshot's to report (and to write, outside CI)
      const stale = existsSync(dir) ? filesUnder(dir).filter((f) => !expected.has(f)) : [];
      expect(stale, `stale files in ${relative(process.cwd(), dir)}`).toEqual([]);
    });
  });
});

describe('the SQL of a client erasure, statement by statement', () => {
  const where = (s: { driver: Driver; recorded: Recorded }) =>
    `${s.driver} ${s.recorded.phase}: ${s.recorded.sql.text.slice(0, 300)}`;

  it('quotes every table name the compiler writes', () => {
    const all = setup().statements;
    const bare = new Set<string>();
    for (const s of all) {
      for (const group of groupsOf(s.root)) {
        for (const ref of tableReferences(group)) {
          if (isGroup(ref) || ref.kind === 'quoted') continue;
          expect(BARE_TABLES, where(s)).toContain(ref.text);
          bare.add(ref.text);
        }
      }
    }
    // the list above stays exact: a name that is no longer written bare leaves it
    expect([...bare].sort()).toEqual(BARE_TABLES);
    for (const s of all) {
      for (const token of tokensOf(s.root)) {
        if (token.kind === 'quoted') expect(token.text, where(s)).toMatch(/^`[a-z_][a-z0-9_]*`$/);
      }
    }
  });

  it('inlines no value: the client and its company are parameters', () => {
    const all = setup().statements;
    for (const s of all) {
      const tokens = tokensOf(s.root);
      // column types of the staged copies (VARCHAR(255)) are the only numbers of the DDL
      if (s.recorded.sql.text.startsWith('CREATE')) continue;
      expect(tokens.filter((t) => t.kind === 'param').length, where(s)).toBe(s.recorded.sql.params.length);
      for (const token of tokens) {
        if (token.kind === 'string') expect([...LITERALS], where(s)).toContain(token.text);
        // numbers in the text are constants of the code (`1 = 1`, `SELECT 1`, `COALESCE(x, 0)`)
        for (const number of token.kind === 'word'
          ? (token.text.match(/(?<![\w.])\d+(?![\w])/g) ?? [])
          : []) {
          expect(['0', '1'], where(s)).toContain(number);
        }
      }
    }
    for (const driver of DRIVERS) {
      const preview = all.filter((s) => s.driver === driver && s.recorded.phase === 'preview');
      expect(preview[0].recorded.sql.params).toContain(CLIENT.id);
      expect(preview[0].recorded.sql.params).toContain(CLIENT.companyId);
      const deletes = all.filter((s) => s.driver === driver && s.recorded.phase.startsWith('delete/'));
      const withClient = deletes.filter((s) => s.recorded.sql.params.includes(CLIENT.id));
      expect(withClient.length).toBeGreaterThan(setup().plan.order.length / 2);
    }
  });

  it('declares each of its aliases once per statement, and no sub-select shadows an outer alias', () => {
    const all = setup().statements;
    for (const s of all) {
      const groups = groupsOf(s.root);
      const compilers = groups.flatMap(declaredAliases).filter((a) => /^a\d+$/.test(a));
      expect(new Set(compilers).size, where(s)).toBe(compilers.length);
      for (const group of groups) {
        const outer = new Set<string>();
        for (let up = group.parent; up; up = up.parent) {
          // a derived table's alias is declared in its parent, after it: visible to siblings only
          for (const alias of declaredAliases(up)) outer.add(alias);
        }
        for (const alias of declaredAliases(group))
          expect(outer.has(alias), `${alias}: ${where(s)}`).toBe(false);
      }
    }
  });

  it("makes a delete read only the client's data and the staged copies, never others' tables", () => {
    const all = setup().statements;
    const clientData = new Set(setup().plan.order);
    for (const s of all.filter((x) => x.recorded.sql.text.startsWith('DELETE'))) {
      for (const group of groupsOf(s.root)) {
        for (const ref of tableReferences(group)) {
          if (isGroup(ref)) continue;
          const name = ref.text.replace(/`/g, '');
          expect(clientData.has(name) || /^erasure_(stage|set)_/.test(name), `${name}: ${where(s)}`).toBe(
            true,
          );
        }
      }
    }
  });

  it('lays statements out without changing them', () => {
    const all = setup().statements;
    for (const s of all) {
      const text = formatStatement(s.recorded.sql)
        .split('\n')
        .map((line) => line.replace(/ {2}-- .*$/, ''))
        .join(' ');
      expect(text.replace(/\s+/g, ''), where(s)).toBe(s.recorded.sql.text.replace(/\s+/g, ''));
      expect(renumberAliases(s.recorded.sql).params).toEqual(s.recorded.sql.params);
    }
  });
});
