// RETOUR_MAX_MEMORY_MB (issue #12 item 5): bin/retour.mjs turns the budget into V8 heap limits
// (bin/heap-flags.mjs) and, for `serve` and `worker`, replaces its process by one that has them
// (process.execve, Node.js 22.15+), or says which NODE_OPTIONS to set where Node.js cannot.
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { heapFlagsFor, MIN_MEMORY_MB, missingFlags } from '../bin/heap-flags.mjs';

const BIN = resolve(import.meta.dirname, '../bin/retour.mjs');
const PROBE = resolve(import.meta.dirname, 'support/heap-limit-probe.mjs');

function retour(args: string[], env: Record<string, string>) {
  // SECRET_KEY too short: a server that gets past the launcher stops at its configuration, at once.
  return spawnSync(process.execPath, [BIN, ...args], {
    env: { ...process.env, SECRET_KEY: 'short', LOG_LEVEL: 'warn', ...env },
    encoding: 'utf8',
  });
}

describe('heap limits from RETOUR_MAX_MEMORY_MB', () => {
  it('gives the old space the budget less 128 MB and a semi-space of budget / 64, within V8 bounds', () => {
    expect(heapFlagsFor('256')).toEqual({ flags: ['--max-old-space-size=128', '--max-semi-space-size=4'] });
    expect(heapFlagsFor('192')).toEqual({ flags: ['--max-old-space-size=64', '--max-semi-space-size=3'] });
    expect(heapFlagsFor('4096')).toEqual({ flags: ['--max-old-space-size=3968', '--max-semi-space-size=16'] });
    for (const bad of ['100', String(MIN_MEMORY_MB - 1), 'abc', '256MB', '-300', '2.5e3'])
      expect(heapFlagsFor(bad).error).toMatch(/RETOUR_MAX_MEMORY_MB must be a whole number of megabytes, at least 192/);
  });

  it('leaves alone a limit already given on the command line or in NODE_OPTIONS', () => {
    const wanted = ['--max-old-space-size=128', '--max-semi-space-size=4'];
    expect(missingFlags(wanted, ['--max_old_space_size=300'])).toEqual(['--max-semi-space-size=4']);
    expect(missingFlags(wanted, ['--max-semi-space-size=2', '--max-old-space-size=90'])).toEqual([]);
    expect(missingFlags(wanted, ['--import', 'x.mjs'])).toEqual(wanted);
  });

  it('refuses a budget it cannot honour before starting anything', () => {
    const r = retour(['serve'], { RETOUR_MAX_MEMORY_MB: '100' });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('RETOUR_MAX_MEMORY_MB must be a whole number of megabytes, at least 192 (got "100").');
  });

  it('serve runs with the limits: the same process re-executed with them, or the NODE_OPTIONS to set', () => {
    const r = retour(['serve'], { RETOUR_MAX_MEMORY_MB: '256', NODE_OPTIONS: `--import ${PROBE}` });
    if (typeof (process as { execve?: unknown }).execve === 'function') {
      expect(r.status).toBe(0);
      const seen = JSON.parse(r.stdout.trim()) as { pid: number; limits: string[]; heapSizeLimitMb: number };
      expect(seen.pid).toBe(r.pid);
      expect(seen.limits).toEqual(['--max-old-space-size=128', '--max-semi-space-size=4']);
      // V8's heap limit = old space + young generation (3 semi-spaces of 4 MB), far below its default.
      expect(seen.heapSizeLimitMb).toBeGreaterThanOrEqual(128);
      expect(seen.heapSizeLimitMb).toBeLessThan(160);
    } else {
      expect(r.stderr).toContain(
        'this Node.js cannot apply RETOUR_MAX_MEMORY_MB itself (it needs 22.15 or newer); start it with NODE_OPTIONS="--max-old-space-size=128 --max-semi-space-size=4"',
      );
      expect(r.stderr).toContain('SECRET_KEY must be at least 32 characters');
    }
  });

  it('with the flags already set, starts at once and says nothing about them', () => {
    const r = retour(['serve'], { RETOUR_MAX_MEMORY_MB: '256', NODE_OPTIONS: '--max-old-space-size=128 --max-semi-space-size=4' });
    expect(r.status).toBe(1);
    expect(r.stderr).not.toContain('RETOUR_MAX_MEMORY_MB');
    expect(r.stderr).toContain('SECRET_KEY must be at least 32 characters');
  });

  it('other commands are not re-executed', () => {
    const r = retour(['migrate'], { RETOUR_MAX_MEMORY_MB: '100' });
    expect(r.status).toBe(1);
    expect(r.stderr).not.toContain('RETOUR_MAX_MEMORY_MB');
    expect(r.stderr).toContain('SECRET_KEY must be at least 32 characters');
  });
});
