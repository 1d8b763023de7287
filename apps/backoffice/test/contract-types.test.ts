// The back office is typed from the one schema: its source, compiled against a copy of the contracts
// with one field renamed, fails `tsc` at the places that use the field; compiled against the copy as
// it is, it passes (so the failure is the rename's, not the copy's). Also: no page calls the server
// except through the typed route map, and the bundle imports contracts as types only (no zod).
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..', '..');
const work = mkdtempSync(join(tmpdir(), 'retour-contract-types-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

type Edit = { file: string; from: string; to: string };

/** A copy of the back office and the packages it imports, with the edits applied to contract files. */
function copy(name: string, edits: Edit[] = []): string {
  const dir = join(work, name);
  cpSync(join(root, 'apps/backoffice/src'), join(dir, 'backoffice'), { recursive: true });
  for (const pkg of ['contracts', 'domain']) cpSync(join(root, 'packages', pkg, 'src'), join(dir, pkg), { recursive: true });
  symlinkSync(join(root, 'node_modules'), join(dir, 'node_modules'));
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ type: 'module' }));
  for (const edit of edits) {
    const path = join(dir, 'contracts', edit.file);
    const text = readFileSync(path, 'utf8');
    expect(text, `${edit.file} holds ${edit.from}`).toContain(edit.from);
    writeFileSync(path, text.replace(edit.from, edit.to));
  }
  const config = {
    extends: join(root, 'tsconfig.base.json'),
    compilerOptions: {
      lib: ['ES2023', 'DOM', 'DOM.Iterable'],
      jsx: 'react-jsx',
      jsxImportSource: 'preact',
      types: [],
      paths: { '@retour/contracts/*': ['./contracts/*.ts'], '@retour/domain/*': ['./domain/*.ts'] },
    },
    include: ['backoffice'],
  };
  writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify(config));
  return dir;
}

function tsc(dir: string) {
  const run = spawnSync(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', dir, '--noEmit'], { encoding: 'utf8' });
  return { status: run.status, output: `${run.stdout}${run.stderr}` };
}

// Each rename is one the back office must notice: a field of an answer it shows (the address list
// and editor), a field of a body it sends (renaming a user), an enum value it offers (a shipping-rule
// condition field). All three go into one copy (tsc takes a while), and each must be reported.
const RENAMES: [Edit, string][] = [
  { file: 'config.ts', from: '  addressLine2: z.string().nullable(),', to: '  secondLine: z.string().nullable(),' },
  {
    file: 'backoffice.ts',
    from: 'name: z.string().trim().min(1).max(200).nullish(), role: RoleSchema.optional() }',
    to: 'fullName: z.string().trim().min(1).max(200).nullish(), role: RoleSchema.optional() }',
  },
  {
    file: 'config.ts',
    from: "field: z.enum(['integration', 'country', 'tag', 'sku'])",
    to: "field: z.enum(['integration', 'country', 'label', 'sku'])",
  },
].map((edit, i) => [edit, ['settings-addresses.tsx', 'settings-access.tsx', 'settings-rules-conditions.tsx'][i] ?? '']);

describe('back-office types come from the contracts', { timeout: 120_000 }, () => {
  it('compiles against an unchanged copy of the contracts', { timeout: 300_000 }, () => {
    const result = tsc(copy('unchanged'));
    expect(result.output).toBe('');
    expect(result.status).toBe(0);
  });

  it('fails, at each place that uses them, when contract fields are renamed', { timeout: 300_000 }, () => {
    const result = tsc(
      copy(
        'renamed',
        RENAMES.map(([edit]) => edit),
      ),
    );
    expect(result.status).not.toBe(0);
    for (const [edit, where] of RENAMES) expect(result.output, `${edit.from} → ${where}`).toContain(`backoffice/pages/${where}(`);
  });
});

describe('one typed client', { timeout: 120_000 }, () => {
  const sources = (dir: string): [string, string][] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((entry): [string, string][] => {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) return entry.name === 'messages' ? [] : sources(path);
      return /\.tsx?$/.test(entry.name) ? [[path, readFileSync(path, 'utf8')]] : [];
    });
  const files = sources(join(root, 'apps/backoffice/src'));

  it('imports the contracts as types only (the portal too)', () => {
    const valueImports = [...files, ...sources(join(root, 'apps/portal/src'))].filter(([, text]) =>
      /^import\s+(?!type\b)[^;]*from '@retour\/contracts\//m.test(text),
    );
    expect(valueImports.map(([path]) => path)).toEqual([]);
  });

  it('calls the server only through call(route, …) outside api.ts', () => {
    const direct = files.filter(([path, text]) => !path.endsWith('api.ts') && /\bfetch\(|\b(get|post|api)<|\bapi\(/.test(text));
    expect(direct.map(([path]) => path)).toEqual([]);
  });
});
