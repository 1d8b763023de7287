// Settings → shipping rules: the ordered rules that pick a sender address, and a tester.
import { useEffect, useState } from 'preact/hooks';
import { type Answer, call } from '../api.ts';
import { t } from '../i18n.ts';
import { Alert, Field, errorText, fieldErrors } from '../ui.tsx';
import { SaveBar, SelectField } from '../form-kit.tsx';
import type { Address } from '@retour/contracts/config';
import { ConditionsEditor, type DraftCondition, describeCondition, fromDraft, toDraft } from './settings-rules-conditions.tsx';

type Rule = Answer<'GET /api/v1/shipping-rules/:id'>;

export function ShippingRules() {
  const [rules, setRules] = useState<Rule[]>([]);
  const [addresses, setAddresses] = useState<Address[]>([]);
  const [editing, setEditing] = useState<{
    id?: string;
    name: string;
    position: number;
    conditions: DraftCondition[];
    senderAddressId: string;
  } | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [test, setTest] = useState({ integration: 'demo', country: 'NL', tags: '', skus: '' });
  const [result, setResult] = useState<string>('');
  const load = () =>
    call('GET /api/v1/shipping-rules', { query: { limit: 200 } }).then(
      (r) => setRules([...r.data].sort((a, b) => a.position - b.position)),
      setError,
    );
  useEffect(() => {
    void load();
    call('GET /api/v1/addresses', { query: { limit: 200 } }).then((r) => setAddresses(r.data.filter((a) => a.kind === 'sender')), setError);
  }, []);
  const addrName = (id: string | undefined) => {
    const a = addresses.find((x) => x.id === id);
    return a ? `${a.name}, ${a.city}` : (id ?? t('none'));
  };
  const save = async (e: Event) => {
    e.preventDefault();
    if (!editing) return;
    setError(null);
    const body = {
      name: editing.name,
      position: editing.position,
      conditions: fromDraft(editing.conditions),
      action: { senderAddressId: editing.senderAddressId },
    };
    try {
      if (editing.id) await call('PATCH /api/v1/shipping-rules/:id', { params: { id: editing.id }, body });
      else await call('POST /api/v1/shipping-rules', { body });
      setEditing(null);
      await load();
    } catch (err) {
      setError(err);
    }
  };
  const move = async (index: number, delta: number) => {
    const a = rules[index];
    const b = rules[index + delta];
    if (!a || !b) return;
    try {
      await call('PATCH /api/v1/shipping-rules/:id', {
        params: { id: a.id },
        body: { position: b.position === a.position ? a.position + delta : b.position },
      });
      await call('PATCH /api/v1/shipping-rules/:id', { params: { id: b.id }, body: { position: a.position } });
      await load();
    } catch (err) {
      setError(err);
    }
  };
  const runTest = async (e: Event) => {
    e.preventDefault();
    setResult('');
    try {
      const split = (s: string) =>
        s
          .split(',')
          .map((x) => x.trim())
          .filter(Boolean);
      const r = await call('POST /api/v1/shipping-rules/test', {
        body: { integration: test.integration, country: test.country, tags: split(test.tags), skus: split(test.skus) },
      });
      setResult(
        r.senderAddress
          ? r.rule
            ? t('ruleResultRule', { name: r.senderAddress.name, city: r.senderAddress.city, rule: r.rule.name })
            : t('ruleResultDefault', { name: r.senderAddress.name, city: r.senderAddress.city })
          : t('ruleNoMatch'),
      );
    } catch (err) {
      setResult(errorText(err));
    }
  };
  const fields = fieldErrors(error);
  return (
    <div class="section-body">
      {error !== null && !editing && <Alert>{errorText(error)}</Alert>}
      <p class="muted">{t('rulesHelp')}</p>
      {rules.length === 0 && <p class="empty">{t('noRules')}</p>}
      <ol class="cards">
        {rules.map((r, i) => (
          <li key={r.id} class="card row-between">
            <span>
              <strong>
                {i + 1}. {r.name}
              </strong>{' '}
              → {addrName(r.action.senderAddressId)}
              <br />
              <span class="muted small">{r.conditions.map(describeCondition).join(t('conditionJoin')) || t('always')}</span>
            </span>
            <span class="actions">
              <button type="button" disabled={i === 0} onClick={() => move(i, -1)} aria-label={t('moveUp', { name: r.name })}>
                ↑
              </button>
              <button
                type="button"
                disabled={i === rules.length - 1}
                onClick={() => move(i, 1)}
                aria-label={t('moveDown', { name: r.name })}
              >
                ↓
              </button>
              <button
                type="button"
                onClick={() =>
                  setEditing({
                    id: r.id,
                    name: r.name,
                    position: r.position,
                    conditions: toDraft(r.conditions),
                    senderAddressId: r.action.senderAddressId,
                  })
                }
                aria-label={t('editNamed', { name: r.name })}
              >
                {t('edit')}
              </button>
              <button
                type="button"
                class="danger"
                aria-label={t('deleteNamed', { name: r.name })}
                onClick={async () => {
                  if (!confirm(t('deleteRuleConfirm', { name: r.name }))) return;
                  await call('DELETE /api/v1/shipping-rules/:id', { params: { id: r.id } }).catch(setError);
                  await load();
                }}
              >
                {t('delete')}
              </button>
            </span>
          </li>
        ))}
      </ol>
      {!editing && (
        <button
          type="button"
          onClick={() =>
            setEditing({ name: '', position: (rules.at(-1)?.position ?? 0) + 10, conditions: [], senderAddressId: addresses[0]?.id ?? '' })
          }
        >
          {t('addRule')}
        </button>
      )}
      {editing && (
        <form class="card narrow" onSubmit={save} noValidate>
          <h3>{editing.id ? t('editRule') : t('addRule')}</h3>
          {error !== null && <Alert>{errorText(error)}</Alert>}
          <Field
            id="rule-name"
            label={t('name')}
            value={editing.name}
            error={fields.name}
            onInput={(e) => setEditing({ ...editing, name: e.currentTarget.value })}
          />
          <ConditionsEditor
            conditions={editing.conditions}
            errors={fields}
            onChange={(conditions) => setEditing({ ...editing, conditions })}
          />
          <SelectField
            id="rule-sender"
            label={t('senderAddress')}
            value={editing.senderAddressId}
            error={fields['action.senderAddressId']}
            options={addresses.map((a) => [a.id, `${a.name}, ${a.city}`] as const)}
            onChange={(senderAddressId) => setEditing({ ...editing, senderAddressId })}
          />
          <SaveBar onCancel={() => setEditing(null)} />
        </form>
      )}
      <form class="card narrow" onSubmit={runTest}>
        <h3>{t('testRules')}</h3>
        <div class="row">
          <Field
            id="test-integration"
            label={t('integration')}
            value={test.integration}
            onInput={(e) => setTest({ ...test, integration: e.currentTarget.value })}
          />
          <Field
            id="test-country"
            label={t('country')}
            value={test.country}
            size={4}
            onInput={(e) => setTest({ ...test, country: e.currentTarget.value })}
          />
        </div>
        <Field id="test-tags" label={t('tagsList')} value={test.tags} onInput={(e) => setTest({ ...test, tags: e.currentTarget.value })} />
        <Field id="test-skus" label={t('skusList')} value={test.skus} onInput={(e) => setTest({ ...test, skus: e.currentTarget.value })} />
        <button type="submit">{t('test')}</button>
        <p role="status" class="result">
          {result}
        </p>
      </form>
    </div>
  );
}
