// Guard: the back-office pages build their forms from the kit (src/form-kit.tsx and Field in
// src/ui.tsx), so labels, hints and errors stay tied to their controls in one place. A page that
// writes a raw <label>, <select>, <textarea>, checkbox or radio fails here, unless listed below.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const pages = join(import.meta.dirname, '..', 'src', 'pages');

const RAW = {
  label: /<label\b/g,
  select: /<select\b/g,
  textarea: /<textarea\b/g,
  check: /type="(?:checkbox|radio)"/g,
} as const;
type Raw = keyof typeof RAW;

/**
 * Pages that may still write raw form markup, with exactly this many of each (the last test keeps
 * the numbers tight, so they only go down), each with the reason the kit cannot serve it.
 */
const ALLOWED: Record<string, Partial<Record<Raw, number>>> = {
  // CSV import: the label of the run's <progress> bar (not a form control the kit makes).
  'imports.tsx': { label: 1 },
};

function count(text: string, raw: Raw): number {
  return text.match(RAW[raw])?.length ?? 0;
}

const files = readdirSync(pages).filter((f) => f.endsWith('.tsx'));

describe('form kit usage', () => {
  it('finds the pages', () => {
    expect(files.length).toBeGreaterThan(20);
    for (const name of Object.keys(ALLOWED)) expect(files, `${name} is allow-listed but gone`).toContain(name);
  });

  it.each(files)('%s writes no raw label, select, textarea, checkbox or radio beyond its allowance', (file) => {
    const text = readFileSync(join(pages, file), 'utf8');
    const found = Object.fromEntries((Object.keys(RAW) as Raw[]).map((raw) => [raw, count(text, raw)]));
    const allowed = Object.fromEntries((Object.keys(RAW) as Raw[]).map((raw) => [raw, ALLOWED[file]?.[raw] ?? 0]));
    for (const raw of Object.keys(RAW) as Raw[]) {
      expect(found[raw], `${file}: ${found[raw]} raw ${raw} (allowed ${allowed[raw]}); use the form kit`).toBeLessThanOrEqual(
        allowed[raw] ?? 0,
      );
    }
  });

  it('the allowances are not larger than needed (lower them when a page moves to the kit)', () => {
    for (const [file, limits] of Object.entries(ALLOWED)) {
      const text = readFileSync(join(pages, file), 'utf8');
      for (const [raw, limit] of Object.entries(limits)) expect(count(text, raw as Raw), `${file} ${raw}`).toBe(limit);
    }
  });

  it('recognises raw markup (the patterns can fail)', () => {
    const sample = `<label for="x">X</label><select id="x"></select><textarea /><input\n  type="checkbox" /><input type="radio" />`;
    expect((Object.keys(RAW) as Raw[]).map((raw) => count(sample, raw))).toEqual([1, 1, 1, 2]);
  });
});
