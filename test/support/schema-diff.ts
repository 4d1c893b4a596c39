import {
  BaseSqliteSchemaHelper,
  DatabaseSchema,
  MySqlSchemaHelper,
  type AbstractSqlConnection,
  type AbstractSqlPlatform,
  type CheckDef,
  type Column,
  type Dictionary,
  type Table,
  type Transaction,
  type Type,
} from '@mikro-orm/knex';
import type { App } from '../../src/app';

/*
 * How the schema diff reads the database. MikroORM's own reader is used as it is, except for three
 * mistakes it makes in 6.6.16 on the databases we run, each corrected below exactly as MikroORM
 * corrects it elsewhere (named there), so that the diff compares what the database holds rather
 * than how the reader misreads it. Nothing is skipped or filtered: whatever MikroORM compares
 * (tables, columns, types, nullability, defaults, enum values, generated expressions, indexes,
 * foreign keys) is still compared. Remove a correction when the release that carries it is
 * installed: the agreement test then shows whether it is still needed.
 */

/**
 * MariaDB through the MySQL driver. Since MariaDB 10.2.7 (MDEV-13341) information_schema reports a
 * column default as an SQL expression: `NULL` for a nullable column without one, `'active'` (with
 * its quotes) for a string. MySQL reports a value (SQL NULL, `active`), and the MySQL driver's reader
 * quotes string defaults itself, so on MariaDB it reads every nullable text, varchar or enum column
 * as defaulting to the string 'NULL' and every enum default as quoted twice. MikroORM's MariaDB
 * driver (@mikro-orm/mariadb 6.6.16, MariaDbSchemaHelper) reads them as they are: its `wrap()`
 * returns the value unchanged, as here. Its other rule, a nullable column's `NULL` read as no
 * default, needs nothing here: the comparator already takes the unquoted text NULL for no default.
 */
class MariaDbReading extends MySqlSchemaHelper {
  protected override wrap(value: string | null | undefined, _type: Type<unknown>): string | null | undefined {
    return value;
  }
}

/**
 * SQLite. Two readings of the table's CREATE statement go wrong:
 * - an enum (a `text check (col in (...))` column) of three or more values is read as its first and
 *   last value only; fixed on MikroORM's 6.x branch after 6.6.16 (#8139, "fix enum introspection for
 *   enums with more than two values"), whose reading is copied here;
 * - a generated column of a table with table constraints (our foreign keys) is not recognised as
 *   generated: the reader takes everything after the column's name up to the end of the statement,
 *   constraints included, as its definition, and the `as (...) virtual` at its end is no longer
 *   there. MikroORM 7 cuts the constraints off first (SqliteSchemaHelper.parseTableDefinition); so
 *   does this.
 */
class SqliteReading extends BaseSqliteSchemaHelper {
  override async getEnumDefinitions(
    connection: AbstractSqlConnection,
    checks: CheckDef[],
    tableName: string,
    schemaName: string,
    ctx?: Transaction,
  ): Promise<Dictionary<string[]>> {
    const { sql } = await createStatement(connection, tableName, ctx);
    const enums: Dictionary<string[]> = {};
    for (const item of sql.match(/[`["'][^`\]"']+[`\]"'] text check \(.*?\)/gi) ?? []) {
      const match = /[`["']([^`\]"']+)[`\]"'] text check \(.* \((.*)\)/i.exec(item);
      if (match)
        enums[match[1]] = [...match[2].matchAll(/'((?:[^']|'')*)'/g)].map((m) => m[1].replace(/''/g, "'"));
    }
    return enums;
  }

  override async getColumns(
    connection: AbstractSqlConnection,
    tableName: string,
    schemaName?: string,
    ctx?: Transaction,
  ): Promise<Column[]> {
    const columns: Column[] = await super.getColumns(connection, tableName, schemaName, ctx);
    const hidden = await connection.execute<{ name: string; hidden: number }[]>(
      `pragma table_xinfo(\`${tableName}\`)`,
      [],
      'all',
      ctx,
    );
    const { sql } = await createStatement(connection, tableName, ctx);
    const definitions = columnDefinitions(
      sql,
      columns.map((c) => c.name),
    );
    for (const column of columns) {
      const kind = hidden.find((h) => h.name === column.name)?.hidden ?? 0;
      if (kind < 2 || column.generated) continue;
      const storage = kind === 2 ? 'virtual' : 'stored';
      const match = new RegExp(`(generated always)? as \\((.*)\\)( ${storage})?$`, 'i').exec(
        definitions.get(column.name) ?? '',
      );
      if (match) column.generated = `${match[2]} ${storage}`;
    }
    return columns;
  }
}

function createStatement(connection: AbstractSqlConnection, tableName: string, ctx?: Transaction) {
  return connection.execute<{ sql: string }>(
    'select sql from sqlite_master where type = ? and name = ?',
    ['table', tableName],
    'get',
    ctx,
  );
}

/** Each column's definition in a CREATE TABLE statement, table constraints left out. */
function columnDefinitions(createSql: string, names: readonly string[]): Map<string, string> {
  let list = /create table [`"']?.*?[`"']? \((.*)\)/i.exec(createSql.replaceAll('\n', ''))?.[1] ?? '';
  const constraints = list.indexOf(', constraint ');
  if (constraints >= 0) list = list.substring(0, constraints);
  const definitions = new Map<string, string>();
  for (const name of [...names].reverse()) {
    const match = new RegExp(` *, *[\`"']?${name}[\`"']? (.*)`, 'i').exec(list);
    if (!match) continue;
    definitions.set(name, match[1]);
    list = list.substring(0, match.index);
  }
  return definitions;
}

/** The database's schema as MikroORM reads it (DatabaseSchema.create), with the corrections above. */
export async function readDatabaseSchema(app: App): Promise<DatabaseSchema> {
  const platform = app.orm.em.getPlatform() as AbstractSqlPlatform;
  const connection = app.orm.em.getConnection() as AbstractSqlConnection;
  const helper = app.driver === 'mysql' ? new MariaDbReading(platform) : new SqliteReading(platform);
  const schema = new DatabaseSchema(
    platform,
    app.orm.config.get('schema') ?? (platform.getDefaultSchemaName() as string),
  );
  const migrationsTable = app.orm.config.get('migrations').tableName;
  const tables = (await connection.execute<Table[]>(helper.getListTablesSQL())).filter(
    (t) => t.table_name !== migrationsTable,
  );
  await helper.loadInformationSchema(schema, connection, tables);
  return schema;
}

/**
 * The SQL that would bring the database to the entities (MikroORM's schema diff, as a generated
 * migration would hold it); empty when they agree.
 */
export async function schemaDiff(app: App): Promise<string> {
  const fromSchema = await readDatabaseSchema(app);
  const sql = await app.orm.getSchemaGenerator().getUpdateSchemaSQL({ wrap: false, fromSchema });
  return sql.trim();
}

/** The tables a diff's statements are about (a SQLite rebuild's temporary table counts as its table). */
export function tablesIn(sql: string): string[] {
  const names = [...sql.matchAll(/(?:table|index `[^`]+` on|into|from) `([a-z_]+?)(?:__temp_alter)?`/gi)];
  return [...new Set(names.map((m) => m[1]))].sort();
}
