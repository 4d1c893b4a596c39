import { expect, it } from 'vitest';

// The erasure rules are applied as the entity classes load (decorators). A mistake there breaks
// the import of every test file, and a runner that counts failed tests may then see none fail
// (StrykerJS's counts such a mutant as survived). Here the modules load inside a test, so such a
// mistake fails a test: this file runs first in `npm run test:mutation`.

it('loads the entities, the plugins and the engine, and compiles them into the plan', async () => {
  const { compilePlan } = await import('./support/erasure');
  const { supportManagerPlugin } = await import('../src/plugins/support-manager/support-manager.plugin');
  const { orderPlugin } = await import('../src/plugins/order/order.plugin');
  const plan = await compilePlan([supportManagerPlugin, orderPlugin]);
  expect(plan.root).toBe('clients');
  expect(plan.tablesOf('support_manager')).toContain('support_tickets');
  expect(plan.blockers.map((b) => b.code).sort()).toEqual([
    'ACTIVE_SERVICES',
    'OPEN_INVOICES',
    'RECURRING_INVOICES',
  ]);
});
