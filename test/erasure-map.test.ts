import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ERASURE_MAP_FILE, currentErasureMap } from '../scripts/erasure-map';

describe('docs/erasure-map.md', () => {
  it('is the map of the plan the code compiles (run `npm run erasure:map` when this fails)', async () => {
    expect(readFileSync(ERASURE_MAP_FILE, 'utf8')).toBe(await currentErasureMap());
  });

  it('lists every table of the plan once, under who declared it, with the blockers', async () => {
    const map = await currentErasureMap();
    for (const table of [
      'clients',
      'users',
      'log_emails',
      'support_attachments',
      'order_affiliate_referrals',
    ]) {
      expect(map.match(new RegExp(`\\| \`${table}\` \\|`, 'g')), table).toHaveLength(1);
    }
    expect(map).toMatch(/## Plugin `support_manager`[\s\S]*`support_tickets`/);
    expect(map).toMatch(/`OPEN_INVOICES`: The client has N open invoice/);
    expect(map).toMatch(
      /\| `users` \| Sign-in \| .*\(staged before the first delete\) \| also used by a staff member or another client \|/,
    );
  });
});
