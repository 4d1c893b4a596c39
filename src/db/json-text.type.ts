import { Type, type Platform, type EntityProperty } from '@mikro-orm/core';

/**
 * A JSON object kept in a TEXT column. MariaDB's JSON is LONGTEXT under another name and the
 * MySQL driver hands it back unparsed, so the ORM's own JSON type returns strings there; this
 * type parses and serialises the same way on every driver.
 */
export class JsonTextType<T extends object = Record<string, unknown>> extends Type<T, string> {
  override convertToDatabaseValue(value: T | string): string {
    return typeof value === 'string' ? value : JSON.stringify(value);
  }

  override convertToJSValue(value: T | string): T {
    return typeof value === 'string' ? (JSON.parse(value) as T) : value;
  }

  override getColumnType(_prop: EntityProperty, _platform: Platform): string {
    return 'text';
  }

  override compareAsType(): string {
    return 'string';
  }
}
