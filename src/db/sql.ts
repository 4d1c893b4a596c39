/**
 * A fragment of SQL with positional parameters. Fragments compose with the `sql` tag so a
 * deleter never concatenates values into SQL text.
 */
export class Sql {
  constructor(
    readonly text: string,
    readonly params: readonly unknown[],
  ) {}

  /** Joins fragments with a separator (plain SQL text). */
  static join(parts: readonly Sql[], separator: string): Sql {
    return new Sql(
      parts.map((p) => p.text).join(separator),
      parts.flatMap((p) => p.params),
    );
  }

  /** Raw SQL text with no parameters: identifiers and keywords chosen by the code, never input. */
  static raw(text: string): Sql {
    return new Sql(text, []);
  }
}

/** Tagged template: `sql\`SELECT id FROM invoices WHERE client_id = ${id}\``. Nested Sql fragments are inlined. */
export function sql(strings: TemplateStringsArray, ...values: unknown[]): Sql {
  let text = strings[0];
  const params: unknown[] = [];
  values.forEach((value, i) => {
    if (value instanceof Sql) {
      text += value.text;
      params.push(...value.params);
    } else {
      text += '?';
      params.push(value);
    }
    text += strings[i + 1];
  });
  return new Sql(text, params);
}

const IDENTIFIER = /^[a-z_][a-z0-9_]*$/;

/** Quotes a table or column name chosen by code; refuses anything that is not a plain identifier. */
export function ident(name: string): Sql {
  if (!IDENTIFIER.test(name)) throw new Error(`not a plain SQL identifier: ${name}`);
  // Backticks on MariaDB; SQLite accepts them too.
  return Sql.raw('`' + name + '`');
}
