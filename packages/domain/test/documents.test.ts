import { describe, expect, it } from 'vitest';
import { LABEL_FORMATS, labelFormats } from '../src/documents.ts';

describe('documents of a return method', () => {
  it.each([
    ['drop_off', ['a6', 'a4', '4x6', 'zpl']],
    ['pickup', ['a6', 'a4', '4x6', 'zpl']],
    ['drop_off_labelless', ['qr', 'a4']],
    ['in_store', []],
    ['unknown', []],
  ])('%s → %j', (method, formats) => {
    expect(labelFormats(method)).toEqual(formats);
  });
  it('only names known formats, never twice', () => {
    for (const method of ['drop_off', 'pickup', 'drop_off_labelless', 'in_store']) {
      const formats = labelFormats(method);
      expect(new Set(formats).size).toBe(formats.length);
      for (const f of formats) expect(LABEL_FORMATS).toContain(f);
    }
  });
});
