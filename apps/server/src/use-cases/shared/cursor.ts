// Opaque pagination cursors: base64url JSON of the last row's sort key.
import { invalid } from '../../errors.ts';

export function encodeCursor(value: Record<string, string>): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

export function decodeCursor<K extends string>(cursor: string | undefined, keys: K[]): Record<K, string> | undefined {
  if (cursor === undefined) return undefined;
  try {
    const value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (value && keys.every((k) => typeof value[k] === 'string')) return value as Record<K, string>;
  } catch {}
  invalid(['cursor'], 'This cursor is not valid; use nextCursor from the previous page.');
}
