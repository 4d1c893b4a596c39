import { describe, expect, it } from 'vitest';
import { ClientGraph, ClientGraphError } from '../src/deletion/client-graph';
import { CORE_DELETERS } from '../src/deletion/core/core-deleters';
import { byClient, byParent, defineDeleter } from '../src/deletion/deleter';
import { orderPlugin } from '../src/plugins/order/order.plugin';
import { supportManagerPlugin } from '../src/plugins/support-manager/support-manager.plugin';
import contract from './fixtures/contract.json';

const plugins = [supportManagerPlugin, orderPlugin];
const graph = new ClientGraph([...plugins.map((p) => p.deleter), ...CORE_DELETERS]);

describe('the client graph', () => {
  it('owns every table of the spec, core and plugins', () => {
    const spec = [
      ...Object.keys(contract.core),
      ...Object.values(contract.plugins).flatMap((t) => Object.keys(t)),
    ];
    expect([...graph.order].sort()).toEqual([...spec].sort());
  });

  it('follows every link column of the contract', () => {
    const tables: Record<string, Record<string, string>> = {
      ...contract.core,
      ...Object.assign({}, ...Object.values(contract.plugins)),
    };
    for (const [table, links] of Object.entries(tables)) {
      const rule = graph.rule(table);
      for (const [column, target] of Object.entries(links)) {
        const followed = rule.links.some(
          (l) =>
            (l.kind === 'parent' && l.column === column && l.parent === target) ||
            (l.kind === 'client' && l.column === column && target === 'clients'),
        );
        const reverse = graph
          .rule(target)
          .links.some((l) => l.kind === 'referencedBy' && l.table === table && l.column === column);
        expect(followed || reverse, `${table}.${column} -> ${target}`).toBe(true);
      }
    }
  });

  it('deletes every table before the tables it is found through', () => {
    const at = (t: string) => graph.order.indexOf(t);
    expect(at('invoice_line_taxes')).toBeLessThan(at('invoice_lines'));
    expect(at('invoice_lines')).toBeLessThan(at('invoices'));
    expect(at('orders')).toBeLessThan(at('invoices'));
    expect(at('log_emails')).toBeLessThan(at('contacts'));
    expect(at('support_tickets')).toBeLessThan(at('contacts'));
    expect(at('contacts')).toBeLessThan(at('clients'));
    // users are found through clients and contacts but referenced by them: staged, deleted last
    expect(at('clients')).toBeLessThan(at('users'));
    expect(at('sessions')).toBeLessThan(at('users'));
    expect(graph.stagedTables).toEqual(['users']);
  });

  it('accepts running the plugins first, as groups', () => {
    const sequence = graph.sequenceWithFirst(plugins.map((p) => p.deleter.name));
    expect(sequence.slice(0, 8).sort()).toEqual(
      [...graph.tablesOf('support_manager'), ...graph.tablesOf('order')].sort(),
    );
  });

  it('refuses a table claimed twice', () => {
    const twice = defineDeleter({
      name: 'x',
      tables: [{ table: 'clients', category: 'X', links: [byClient('id')] }],
    });
    expect(() => new ClientGraph([...CORE_DELETERS, twice])).toThrow(
      /claimed by both "core.account" and "x"/,
    );
  });

  it('refuses a link through a table no deleter claims', () => {
    const orphan = defineDeleter({
      name: 'x',
      tables: [{ table: 'widgets', category: 'X', links: [byParent('gadget_id', 'gadgets')] }],
    });
    expect(() => new ClientGraph([...CORE_DELETERS, orphan])).toThrow(/widgets is linked through gadgets/);
  });

  it('refuses a cycle', () => {
    const cyclic = defineDeleter({
      name: 'x',
      tables: [
        { table: 'a', category: 'X', links: [byParent('b_id', 'b')] },
        { table: 'b', category: 'X', links: [byParent('a_id', 'a')] },
      ],
    });
    expect(() => new ClientGraph([cyclic])).toThrow(ClientGraphError);
  });

  it('refuses a plugin group that would run before a table that must precede it', () => {
    const late = defineDeleter({
      name: 'late',
      tables: [
        { table: 'widget_parts', category: 'X', links: [byParent('support_ticket_id', 'support_tickets')] },
      ],
    });
    const g = new ClientGraph([supportManagerPlugin.deleter, late, ...CORE_DELETERS]);
    expect(() => g.sequenceWithFirst(['support_manager', 'late'])).toThrow(
      /widget_parts must be deleted before support_tickets/,
    );
  });
});
