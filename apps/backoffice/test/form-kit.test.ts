// The form kit's ARIA wiring, checked on the element tree its components produce (the kit's
// components use no hooks, so calling them expands the tree without a DOM): every control has a
// label naming it, and aria-describedby / aria-invalid point at the hint and error that are there.
import { type ComponentChildren, h, type VNode } from 'preact';
import { describe, expect, it } from 'vitest';
import { CheckboxField, FieldGroup, InlineField, RadioField, SaveBar, SelectField, TextAreaField } from '../src/form-kit.tsx';
import { Field } from '../src/ui.tsx';

type El = { type: string; props: Record<string, unknown>; children: (El | string)[] };

/** Expands function components and flattens fragments into plain elements. */
function expand(node: ComponentChildren): (El | string)[] {
  if (node === null || node === undefined || typeof node === 'boolean') return [];
  if (typeof node === 'string' || typeof node === 'number' || typeof node === 'bigint') return [String(node)];
  if (Array.isArray(node)) return node.flatMap(expand);
  const vnode = node as VNode<Record<string, unknown>>;
  if (typeof vnode.type === 'function') {
    return expand((vnode.type as (p: unknown) => ComponentChildren)(vnode.props));
  }
  const { children, ...props } = vnode.props as Record<string, unknown> & { children?: ComponentChildren };
  return [{ type: vnode.type as string, props, children: expand(children) }];
}

function all(nodes: (El | string)[]): El[] {
  return nodes.flatMap((n) => (typeof n === 'string' ? [] : [n, ...all(n.children)]));
}

function text(node: El | string): string {
  return typeof node === 'string' ? node : node.children.map(text).join('');
}

function render(node: VNode) {
  const tree = expand(node);
  const els = all(tree);
  const byId = (id: string) => els.find((e) => e.props.id === id);
  const one = (type: string) => {
    const found = els.filter((e) => e.type === type);
    expect(found).toHaveLength(1);
    return found[0] as El;
  };
  /** The control's accessible name: its aria-label, a label for= it, or the label wrapping it. */
  const nameOf = (control: El) => {
    if (typeof control.props['aria-label'] === 'string') return control.props['aria-label'];
    const forIt = els.find((e) => e.type === 'label' && control.props.id !== undefined && e.props.for === control.props.id);
    const wrapping = els.find((e) => e.type === 'label' && all(e.children).includes(control));
    const label = forIt ?? wrapping;
    return label ? text(label).trim() : undefined;
  };
  /** The texts aria-describedby points at; fails when it names an id that is not there. */
  const descriptions = (control: El) =>
    String(control.props['aria-describedby'] ?? '')
      .split(' ')
      .filter(Boolean)
      .map((id) => {
        const target = byId(id);
        expect(target, `aria-describedby names #${id}`).toBeDefined();
        return text(target as El);
      });
  return { els, one, nameOf, descriptions, byId };
}

describe('form kit', () => {
  it.each([
    [
      'SelectField',
      (p: { hint?: string; error?: string }) =>
        h(SelectField<'a' | 'b'>, {
          id: 'x',
          label: 'Kind',
          value: 'a',
          options: [
            ['a', 'A'],
            ['b', 'B'],
          ],
          onChange: () => {},
          ...p,
        }),
      'select',
    ],
    ['TextAreaField', (p: { hint?: string; error?: string }) => h(TextAreaField, { id: 'x', label: 'Kind', value: '', ...p }), 'textarea'],
    ['Field', (p: { hint?: string; error?: string }) => h(Field, { id: 'x', label: 'Kind', value: '', ...p }), 'input'],
    [
      'CheckboxField',
      (p: { hint?: string; error?: string }) => h(CheckboxField, { id: 'x', label: 'Kind', checked: false, onChange: () => {}, ...p }),
      'input',
    ],
    [
      'RadioField',
      (p: { hint?: string; error?: string }) =>
        h(RadioField, { id: 'x', name: 'g', value: 'a', label: 'Kind', checked: false, onSelect: () => {}, ...p }),
      'input',
    ],
  ] as const)('%s: labelled, hint and error described, invalid only with an error', (_name, make, tag) => {
    const plain = render(make({}));
    const control = plain.one(tag);
    expect(plain.nameOf(control)).toBe('Kind');
    expect(control.props['aria-invalid']).toBeUndefined();
    expect(control.props['aria-describedby']).toBeUndefined();

    const hinted = render(make({ hint: 'Shown to shoppers.' }));
    expect(hinted.descriptions(hinted.one(tag))).toEqual(['Shown to shoppers.']);
    expect(hinted.one(tag).props['aria-invalid']).toBeUndefined();

    const wrong = render(make({ hint: 'Shown to shoppers.', error: 'Choose one.' }));
    const invalid = wrong.one(tag);
    expect(invalid.props['aria-invalid']).toBe(true);
    expect(wrong.descriptions(invalid)).toEqual(['Shown to shoppers.', 'Choose one.']);
    expect(wrong.nameOf(invalid)).toBe('Kind');
  });

  it('a hidden-label checkbox is named by aria-label and shows no label', () => {
    const r = render(h(CheckboxField, { label: 'PostNL in NL', labelHidden: true, checked: true, onChange: () => {} }));
    expect(r.nameOf(r.one('input'))).toBe('PostNL in NL');
    expect(r.els.filter((e) => e.type === 'label')).toHaveLength(0);
  });

  it('InlineField: the input sits inside the label that names it', () => {
    const r = render(h(InlineField, { label: 'Days', value: '30', inputMode: 'numeric' }));
    const input = r.one('input');
    expect(r.nameOf(input)).toBe('Days');
    expect(input.props.value).toBe('30');
  });

  it('a select in a table cell: its label is for screen readers only and no field box wraps it', () => {
    const r = render(
      h(SelectField<'a'>, { id: 'role-1', label: 'Role of eva', labelHidden: true, value: 'a', options: [['a', 'A']], onChange: () => {} }),
    );
    expect(r.nameOf(r.one('select'))).toBe('Role of eva');
    expect(r.one('label').props.class).toBe('sr-only');
    expect(r.els.some((e) => e.type === 'div')).toBe(false);
  });

  it('SelectField reports the chosen option, and nothing for a value it does not offer', () => {
    const chosen: string[] = [];
    const r = render(
      h(SelectField<'a' | 'b'>, {
        id: 's',
        label: 'S',
        value: 'a',
        options: [
          ['a', 'A'],
          ['b', 'B'],
        ],
        onChange: (v) => chosen.push(v),
      }),
    );
    const onChange = r.one('select').props.onChange as (e: { currentTarget: { value: string } }) => void;
    onChange({ currentTarget: { value: 'b' } });
    onChange({ currentTarget: { value: 'zzz' } });
    expect(chosen).toEqual(['b']);
  });

  it('FieldGroup: a fieldset named by its legend, described by its hint and error', () => {
    const r = render(h(FieldGroup, { id: 'g', legend: 'Methods', hint: 'Pick one or more.', error: 'Pick one.' }, h('p', null, 'inside')));
    const fieldset = r.one('fieldset');
    expect(text(r.one('legend'))).toBe('Methods');
    expect(r.descriptions(fieldset)).toEqual(['Pick one or more.', 'Pick one.']);
    expect(render(h(FieldGroup, { legend: 'Methods' }, 'x')).one('fieldset').props['aria-describedby']).toBeUndefined();
  });

  it('SaveBar: submit named Save (or its own name), aria-disabled while busy, status in a live region', () => {
    const idle = render(h(SaveBar, { onCancel: () => {} }));
    const buttons = idle.els.filter((e) => e.type === 'button');
    expect(buttons.map((b) => [b.props.type, text(b)])).toEqual([
      ['submit', 'save'],
      ['button', 'cancel'],
    ]);
    expect(buttons[0]?.props['aria-disabled']).toBeUndefined();
    expect(idle.els.some((e) => e.props.role === 'status')).toBe(false);

    const busy = render(h(SaveBar, { busy: true, busyLabel: 'Checking…', saveLabel: 'Connect', status: 'Saved.' }));
    const submit = busy.one('button');
    expect(submit.props['aria-disabled']).toBe('true');
    expect(text(submit)).toBe('Checking…');
    const live = busy.els.find((e) => e.props.role === 'status');
    expect(live?.props['aria-live']).toBe('polite');
    expect(text(live as El)).toBe('Saved.');
    expect(text(render(h(SaveBar, { saveLabel: 'Connect', busy: false, busyLabel: 'Checking…' })).one('button'))).toBe('Connect');
  });
});
