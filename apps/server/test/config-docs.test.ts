// README's configuration table is the environment reference: every variable the server's code
// reads (config.ts and what it calls, e.g. the provider endpoints) must have a row there.
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../../..');
/** Read only by the test suite, documented under "Tests". */
const TEST_ONLY = new Set(['packages/db/src/testing.ts']);

function sources(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.ts'))
    .map((f) => join(dir, f));
}

function variablesRead(): Map<string, string> {
  const found = new Map<string, string>();
  const packages = readdirSync(join(ROOT, 'packages')).map((p) => `packages/${p}/src`);
  for (const file of ['apps/server/src', ...packages].flatMap(sources)) {
    if (TEST_ONLY.has(file)) continue;
    for (const m of readFileSync(join(ROOT, file), 'utf8').matchAll(/\benv(?:\.([A-Z][A-Z0-9_]*)|\[['"]([A-Z][A-Z0-9_]*)['"]\])/g))
      found.set((m[1] ?? m[2]) as string, file);
  }
  return found;
}

function documented(): string {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const section = /\n## Configuration\n([\s\S]*?)\n## /.exec(readme)?.[1];
  if (!section) throw new Error('README.md has no "## Configuration" section');
  return section
    .split('\n')
    .filter((line) => line.startsWith('|'))
    .map((line) => line.split('|')[1] ?? '')
    .join(' ');
}

describe('environment reference', () => {
  it('README documents every variable the code reads, in the configuration table', () => {
    const read = variablesRead();
    expect([...read.keys()]).toEqual(
      expect.arrayContaining(['DATABASE_URL', 'SECRET_KEY', 'LOG_LEVEL', 'RETOUR_TRUSTED_PROXIES', 'RETOUR_PROVIDER_TIMEOUT_MS']),
    );
    const table = documented();
    const missing = [...read].filter(([name]) => !table.includes(`\`${name}\``)).map(([name, file]) => `${name} (${file})`);
    expect(missing, 'add a row to README.md "## Configuration" for each').toEqual([]);
  });
});
