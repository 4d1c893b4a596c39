import { randomBytes } from 'node:crypto';

// Small helpers for the values of generated rows, shared by the core's areas and the plugins'
// seeders. Values cycle through short lists by row index, so counts of any size are cheap.

export const FIRST_NAMES = [
  'Grace',
  'Alan',
  'Edsger',
  'Barbara',
  'Donald',
  'Frances',
  'Ken',
  'Radia',
  'Linus',
  'Margaret',
];
export const LAST_NAMES = [
  'Hopper',
  'Turing',
  'Dijkstra',
  'Liskov',
  'Knuth',
  'Allen',
  'Thompson',
  'Perlman',
  'Torvalds',
];
export const CITIES = ['Springfield', 'Riverton', 'Lakeside', 'Fairview', 'Georgetown'];

/** The `i`-th element, cycling through the list. */
export const pick = <T>(list: readonly T[], i: number): T => list[i % list.length];
/** An amount as DECIMAL(.., 4) text, varied by `i`, between 1 and `scale` + 1. */
export const money = (i: number, scale = 200) => (((i * 7919) % (scale * 100)) / 100 + 1).toFixed(4);
export const slug = (s: string) => s.toLowerCase().replace(/[^a-z0-9]+/g, '');
/** Random hex of `bytes` bytes: tokens, references, file names. */
export const hex = (bytes: number) => randomBytes(bytes).toString('hex');
