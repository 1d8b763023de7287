// The import-rule check (scripts/check-circles.sh, dependency-cruiser with .dependency-cruiser.cjs)
// run on small fixtures written to a temporary folder: it must fail on a circle (also one made of
// type-only imports), on a use case importing jobs/ and on the domain importing the database, and
// pass on the same files without the offending import — so the CI check cannot silently pass.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const repo = resolve(import.meta.dirname, '../../..');
const made: string[] = [];
afterAll(() => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

function fixture(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'retour-import-rules-'));
  made.push(dir);
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

function check(dir: string): { status: number | null; output: string } {
  const run = spawnSync('bash', ['scripts/check-circles.sh', dir], { cwd: repo, encoding: 'utf8' });
  return { status: run.status, output: `${run.stdout}${run.stderr}` };
}

describe('scripts/check-circles.sh', { timeout: 120_000 }, () => {
  it('passes files whose imports go one way', () => {
    const dir = fixture({
      'a.ts': "import { b } from './b.ts';\nexport const a = () => b;\n",
      'b.ts': 'export const b = 1;\n',
      'apps/server/src/use-cases/u.ts': "import { s } from './shared/s.ts';\nexport const u = s;\n",
      'apps/server/src/use-cases/shared/s.ts': 'export const s = 1;\n',
      'apps/server/src/jobs/j.ts': "import { u } from '../use-cases/u.ts';\nexport const j = u;\n",
      'packages/domain/src/rule.ts': "import { other } from './other.ts';\nexport const rule = other;\n",
      'packages/domain/src/other.ts': 'export const other = 1;\n',
    });
    const result = check(dir);
    expect(result.output).not.toContain('error');
    expect(result.status).toBe(0);
  });

  it('fails on an import circle and names its files', () => {
    const dir = fixture({
      'a.ts': "import { b } from './b.ts';\nexport const a = () => b;\n",
      'b.ts': "import { c } from './c.ts';\nexport const b = () => c;\n",
      'c.ts': "import { a } from './a.ts';\nexport const c = () => a;\n",
    });
    const result = check(dir);
    expect(result.status).not.toBe(0);
    expect(result.output).toMatch(/error no-circular: .*a\.ts/);
    expect(result.output).toContain('c.ts');
  });

  it('fails on a circle made only of type imports (they count too)', () => {
    const dir = fixture({
      'a.ts': "import type { B } from './b.ts';\nexport type A = { b: B };\n",
      'b.ts': "import type { A } from './a.ts';\nexport type B = { a?: A };\n",
    });
    const result = check(dir);
    expect(result.status).not.toBe(0);
    expect(result.output).toContain('error no-circular');
  });

  it('fails when a use case imports the job runner', () => {
    const dir = fixture({
      'apps/server/src/use-cases/shared/change-return.ts':
        "import { runJobsNow } from '../../jobs/run-jobs.ts';\nexport const c = runJobsNow;\n",
      'apps/server/src/jobs/run-jobs.ts': 'export const runJobsNow = 1;\n',
    });
    const result = check(dir);
    expect(result.status).not.toBe(0);
    expect(result.output).toMatch(/error use-cases-never-import-jobs: .*use-cases\/shared\/change-return\.ts → .*jobs\/run-jobs\.ts/);
  });

  it('fails when the domain imports the database package', () => {
    const dir = fixture({
      'packages/domain/src/rule.ts': "import { db } from '../../db/src/database.ts';\nexport const rule = db;\n",
      'packages/db/src/database.ts': 'export const db = 1;\n',
    });
    const result = check(dir);
    expect(result.status).not.toBe(0);
    expect(result.output).toMatch(/error domain-is-pure: .*packages\/domain\/src\/rule\.ts/);
  });
});
