import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { Mutant } from './sql-mutants';

// Mutants of the erasure rules declared on the entities, which StrykerJS cannot make: it never
// mutates inside a decorator (stryker-js issue 5001), and every rule sits in one (`@ClientData`,
// `@BlocksDeletion`, the `cascade` of a `@OneToMany`). They are found in the entity files rather
// than listed, so a new entity's rules are mutated as soon as it is written. Each must make a test
// of behaviour fail: run-mutants.ts runs them without the SQL snapshots, which fail on almost any
// change and so would prove nothing here.
//
// Not mutated: the categories, which only label the preview and the erasure map (its staleness
// test pins them), and the blockers' SQL, which sql-mutants.ts mutates condition by condition.

const ROOT = join(__dirname, '..', '..');

/** The entity files of the core and of the built-in plugins. */
export function entityFiles(): string[] {
  const dirs = [
    'src/entities',
    ...readdirSync(join(ROOT, 'src/plugins'), { withFileTypes: true })
      .filter((d) => d.isDirectory())
      .map((d) => `src/plugins/${d.name}/entities`),
  ];
  return dirs.flatMap((dir) => {
    try {
      return readdirSync(join(ROOT, dir))
        .filter((f) => f.endsWith('.entity.ts'))
        .map((f) => relative(ROOT, join(ROOT, dir, f)));
    } catch {
      return [];
    }
  });
}

/** A decorator call replaced by one that does nothing: the declaration is gone, the class stays. */
const NO_DECORATOR = '@((_declaration: unknown) => (_target: unknown) => undefined)(';

/** Every mutant of the declarations in one entity file; `text` is the file's content. */
export function mutantsOfFile(file: string, text: string): Mutant[] {
  const name = file.replace(/^.*\//, '').replace(/\.entity\.ts$/, '');
  const mutants: Mutant[] = [];
  const add = (id: string, from: string, to: string) => {
    // The runner applies a mutant only where its text stands exactly once.
    if (text.split(from).length === 2) mutants.push({ id: `${name}: ${id}`, file, from, to });
  };

  // A collection that no longer cascades removal: its rows lose that link to their parent.
  for (const match of text.matchAll(/@OneToMany\((.*), \{ cascade: \[Cascade\.REMOVE\] \}\)/g)) {
    const property = /\n\s*(\w+) = new Collection/.exec(text.slice(match.index))?.[1] ?? '?';
    add(`${property} does not cascade`, match[0], `@OneToMany(${match[1]})`);
  }
  // One name less in erasedWith.
  for (const match of text.matchAll(/erasedWith: \[([^\]]*)\]/g)) {
    const names = match[1].split(',').map((n) => n.trim());
    for (const removed of names) {
      add(
        `erasedWith without ${removed}`,
        match[0],
        `erasedWith: [${names.filter((n) => n !== removed).join(', ')}]`,
      );
    }
  }
  // One link or one reference of a keep rule less.
  for (const match of text.matchAll(/(referencedBy|propertyOf)\(\(\) => (\w+), '(\w+)'\)/g)) {
    const what = match[1] === 'referencedBy' ? 'link' : 'keep reference';
    add(`no ${what} ${match[2]}.${match[3]}`, match[0], '...[]');
  }
  // All the declared links, the keep rule, its contested half, the root.
  add('no declared links', 'links: ', 'links: [] ?? ');
  add('no keep rule', 'keep: {', 'keep: void 0 && {');
  add('keep is never contested', 'contested: (', 'uncontested: (');
  add('not the root', 'root: true', 'root: false');
  // The whole declaration.
  add('not client data', '@ClientData(', NO_DECORATOR);
  add('blocks nothing', '@BlocksDeletion(', NO_DECORATOR);
  return mutants;
}

export function declarationMutants(): Mutant[] {
  return entityFiles().flatMap((file) => mutantsOfFile(file, readFileSync(join(ROOT, file), 'utf8')));
}
