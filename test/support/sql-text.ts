import { Sql } from '../../src/db/sql';

// Reading generated SQL in tests: a small tokenizer, a layout for snapshot files that reviewers
// read, and the facts the invariants check (table references, aliases, literals). It knows the
// shapes the erasure compiler writes (upper-case keywords, lower-case names), not all of SQL.

export type TokenKind = 'string' | 'quoted' | 'param' | 'open' | 'close' | 'comma' | 'word';

export interface Token {
  readonly kind: TokenKind;
  readonly text: string;
  /** Whether whitespace preceded the token in the original text. */
  readonly spaced: boolean;
}

const TOKEN = /\s+|'(?:[^']|'')*'|`[^`]*`|\?|\(|\)|,|[^\s(),'`?]+/g;

export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let spaced = false;
  for (const [match] of text.matchAll(TOKEN)) {
    if (/^\s/.test(match)) {
      spaced = true;
      continue;
    }
    const kind: TokenKind =
      match[0] === "'"
        ? 'string'
        : match[0] === '`'
          ? 'quoted'
          : match === '?'
            ? 'param'
            : match === '('
              ? 'open'
              : match === ')'
                ? 'close'
                : match === ','
                  ? 'comma'
                  : 'word';
    tokens.push({ kind, text: match, spaced });
    spaced = false;
  }
  if (tokens.map((t) => t.text).join('') !== text.replace(/\s+/g, '')) {
    throw new Error(`could not tokenize: ${text}`);
  }
  return tokens;
}

/** A parenthesised group and what it holds; the root is the whole statement. */
export interface Group {
  readonly items: (Token | Group)[];
  readonly parent?: Group;
  /** Whether whitespace preceded the opening parenthesis. */
  readonly spaced: boolean;
}

export function isGroup(item: Token | Group): item is Group {
  return 'items' in item;
}

export function parse(tokens: readonly Token[]): Group {
  const root: Group = { items: [], spaced: false };
  let current: Group = root;
  for (const token of tokens) {
    if (token.kind === 'open') {
      const group: Group = { items: [], parent: current, spaced: token.spaced };
      current.items.push(group);
      current = group;
    } else if (token.kind === 'close') {
      if (!current.parent) throw new Error('unbalanced parenthesis');
      current = current.parent;
    } else {
      current.items.push(token);
    }
  }
  if (current !== root) throw new Error('unbalanced parenthesis');
  return root;
}

/** Every group of the statement, the root first. */
export function groupsOf(root: Group): Group[] {
  const all: Group[] = [root];
  for (const item of root.items) if (isGroup(item)) all.push(...groupsOf(item));
  return all;
}

/** Every token, in order. */
export function tokensOf(root: Group): Token[] {
  return root.items.flatMap((item) => (isGroup(item) ? tokensOf(item) : [item]));
}

const TABLE_KEYWORDS = new Set(['FROM', 'JOIN', 'INTO', 'TABLE', 'EXISTS']);

/**
 * What each `FROM`, `JOIN`, `INTO`, `TABLE` and `IF EXISTS` of a group names, at that group's
 * level: a quoted name, a bare word, or a sub-select (a group). SQLite's `temp.` schema prefix is
 * skipped.
 */
export function tableReferences(group: Group): (Token | Group)[] {
  const refs: (Token | Group)[] = [];
  group.items.forEach((item, i) => {
    if (isGroup(item) || item.kind !== 'word' || !TABLE_KEYWORDS.has(item.text)) return;
    let next = group.items[i + 1];
    // `NOT EXISTS (SELECT ...)` is a predicate, not a table; `TABLE IF EXISTS x` names x once.
    if (next === undefined || (item.text === 'EXISTS' && isGroup(next))) return;
    if (!isGroup(next) && next.text === 'IF') return;
    if (!isGroup(next) && next.text === 'temp.') next = group.items[i + 2];
    refs.push(next);
  });
  return refs;
}

const KEYWORDS = new Set([
  'AND',
  'AS',
  'FOR',
  'GROUP',
  'IN',
  'IS',
  'JOIN',
  'LIMIT',
  'NOT',
  'ON',
  'OR',
  'ORDER',
  'SELECT',
  'SET',
  'UNION',
  'WHERE',
]);

/** The aliases a group declares at its own level: `FROM x a`, `JOIN x AS a`, `JOIN (SELECT ...) a`. */
export function declaredAliases(group: Group): string[] {
  const aliases: string[] = [];
  group.items.forEach((_, i) => {
    const before = group.items[i - 1];
    if (before === undefined || isGroup(before) || (before.text !== 'FROM' && before.text !== 'JOIN')) return;
    let alias = group.items[i + 1];
    if (alias !== undefined && !isGroup(alias) && alias.text === 'AS') alias = group.items[i + 2];
    if (
      alias !== undefined &&
      !isGroup(alias) &&
      alias.kind === 'word' &&
      /^[a-z][a-z0-9]*$/.test(alias.text) &&
      !KEYWORDS.has(alias.text)
    ) {
      aliases.push(alias.text);
    }
  });
  return aliases;
}

// ---- Layout ---------------------------------------------------------------------------------

const BREAK_BEFORE = new Set(['SELECT', 'FROM', 'WHERE', 'AND', 'OR', 'UNION', 'JOIN', 'ORDER', 'LIMIT']);

/** Whether a group is laid out over several lines: it holds a query, a condition or such a group. */
function multiline(group: Group): boolean {
  return group.items.some((item) =>
    isGroup(item) ? multiline(item) : item.kind === 'word' && BREAK_BEFORE.has(item.text),
  );
}

interface Line {
  indent: number;
  tokens: Token[];
}

/**
 * The statement laid out for review: one clause or condition per line, sub-selects indented, and
 * after each line the values of the parameters it holds (`-- 42, 7`); `end` closes the last line.
 */
export function formatStatement(statement: Sql, end = ''): string {
  const lines: Line[] = [];
  let line: Line = { indent: 0, tokens: [] };
  const newLine = (indent: number) => {
    if (line.tokens.length > 0) lines.push(line);
    line = { indent, tokens: [] };
  };
  const add = (token: Token) => line.tokens.push(token);

  const layout = (group: Group, indent: number) => {
    const broken = multiline(group);
    group.items.forEach((item, i) => {
      if (isGroup(item)) {
        add({ kind: 'open', text: '(', spaced: item.spaced });
        if (!multiline(item)) {
          inline(item);
          add({ kind: 'close', text: ')', spaced: false });
          return;
        }
        newLine(indent + 1);
        layout(item, indent + 1);
        newLine(indent);
        add({ kind: 'close', text: ')', spaced: false });
        return;
      }
      if (broken && i > 0 && item.kind === 'word' && BREAK_BEFORE.has(item.text)) {
        // `UNION` on a line of its own between the branches; `ORDER BY` after its sub-select.
        newLine(indent);
      }
      add(item);
      if (broken && item.kind === 'comma') newLine(indent);
    });
  };
  const inline = (group: Group) => {
    for (const item of group.items) {
      if (isGroup(item)) {
        add({ kind: 'open', text: '(', spaced: item.spaced });
        inline(item);
        add({ kind: 'close', text: ')', spaced: false });
      } else add(item);
    }
  };

  layout(parse(tokenize(statement.text)), 0);
  newLine(0);

  const params = [...statement.params];
  return lines
    .map(({ indent, tokens }, n) => {
      const text = tokens
        .map((t, i) => (i > 0 && t.spaced && !(tokens[i - 1].kind === 'open') ? ' ' : '') + t.text)
        .join('');
      const used = tokens.filter((t) => t.kind === 'param').map(() => showParam(params.shift()));
      const last = n === lines.length - 1 ? end : '';
      return '  '.repeat(indent) + text + last + (used.length > 0 ? `  -- ${used.join(', ')}` : '');
    })
    .join('\n');
}

export function showParam(value: unknown): string {
  if (value instanceof Date) return `'${value.toISOString()}'`;
  if (typeof value === 'string') return `'${value.replace(/'/g, "''")}'`;
  return String(value);
}

/**
 * The statement's text with the compiler's aliases (`a1`, `a2`, …) renumbered in order of first
 * use. The compiler numbers aliases across every statement it writes, so one added alias would
 * renumber all later statements; renumbered, a snapshot diff shows only what changed.
 */
export function renumberAliases(statement: Sql): Sql {
  const seen = new Map<string, string>();
  const renumber = (alias: string) => {
    if (!seen.has(alias)) seen.set(alias, `a${seen.size + 1}`);
    return seen.get(alias)!;
  };
  const text = statement.text.replace(TOKEN, (token) =>
    /^[`']/.test(token) ? token : token.replace(/\ba\d+\b/g, renumber),
  );
  return new Sql(text, statement.params);
}
