// The actions on one return: approve, reject, receive, refund, store credit, replacement,
// resend the label, resolve, cancel and notes; only those the server allows now are shown.
import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import { formatMoney, t } from '../i18n.ts';
import { CONDITIONS, conditionName } from '../labels.ts';
import { CheckboxField, SelectField, TextAreaField } from '../form-kit.tsx';
import { describedBy, Field, FieldError } from '../ui.tsx';
import type { ActionBody, MerchantReturn, Run } from './return-model.ts';

function ActionPanel(props: { id: string; title: string; children: ComponentChildren }) {
  return (
    <section class="action card" aria-labelledby={`${props.id}-title`}>
      <h3 id={`${props.id}-title`}>{props.title}</h3>
      {props.children}
    </section>
  );
}

function ReasonAction(props: {
  id: string;
  title: string;
  label: string;
  button: string;
  path: 'reject' | 'cancel';
  run: Run;
  danger?: boolean;
}) {
  const [reason, setReason] = useState('');
  return (
    <ActionPanel id={props.id} title={props.title}>
      <form
        onSubmit={async (e) => {
          e.preventDefault();
          if (await props.run(props.path, { reason: reason.trim() || null })) setReason('');
        }}
      >
        <TextAreaField
          id={`${props.id}-reason`}
          label={props.label}
          rows={2}
          value={reason}
          onInput={(e) => setReason(e.currentTarget.value)}
        />
        <button type="submit" class={props.danger ? 'danger' : ''}>
          {props.button}
        </button>
      </form>
    </ActionPanel>
  );
}

function ReceiveAction(props: { ret: MerchantReturn; run: Run; errors: Record<string, string> }) {
  const [rows, setRows] = useState<ActionBody<'receive'>['items']>(
    props.ret.items.map((i) => ({
      orderItemId: i.orderItemId,
      quantity: Math.max(0, i.quantity - i.receivedQuantity),
      condition: 'as_new',
      restocked: true,
    })),
  );
  const [note, setNote] = useState('');
  const update = (index: number, patch: Partial<(typeof rows)[number]>) =>
    setRows((r) => r.map((row, i) => (i === index ? { ...row, ...patch } : row)));
  return (
    <ActionPanel id="receive" title={t('receive')}>
      <form
        onSubmit={async (e) => {
          e.preventDefault();
          await props.run('receive', { items: rows, note: note.trim() || null }, t('doneReceive'));
        }}
      >
        <table class="compact">
          <thead>
            <tr>
              <th scope="col">{t('items')}</th>
              <th scope="col">{t('quantity')}</th>
              <th scope="col">{t('condition')}</th>
              <th scope="col">{t('restock')}</th>
            </tr>
          </thead>
          <tbody>
            {props.ret.items.map((item, index) => {
              const row = rows[index];
              if (!row) return null;
              const qid = `rcv-qty-${index}`;
              const qErr = props.errors[`items.${index}.quantity`];
              return (
                <tr key={item.orderItemId}>
                  <th scope="row">{item.name}</th>
                  <td>
                    <input
                      id={qid}
                      aria-label={t('fieldFor', { field: t('quantity'), name: item.name })}
                      type="number"
                      min={0}
                      max={item.quantity}
                      value={row.quantity}
                      class="num"
                      {...describedBy(qid, qErr)}
                      onInput={(e) => update(index, { quantity: Number(e.currentTarget.value) })}
                    />
                    <FieldError id={qid} error={qErr} />
                  </td>
                  <td>
                    <SelectField
                      id={`rcv-cond-${index}`}
                      label={t('fieldFor', { field: t('condition'), name: item.name })}
                      labelHidden
                      value={row.condition}
                      options={CONDITIONS.map((k) => [k, conditionName(k)] as const)}
                      onChange={(condition) => update(index, { condition })}
                    />
                  </td>
                  <td>
                    <CheckboxField
                      id={`rcv-restock-${index}`}
                      labelHidden
                      label={t('fieldFor', { field: t('restock'), name: item.name })}
                      checked={row.restocked === true}
                      onChange={(restocked) => update(index, { restocked })}
                    />
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
        <TextAreaField id="rcv-note" label={t('note')} rows={2} value={note} onInput={(e) => setNote(e.currentTarget.value)} />
        <button type="submit" class="primary">
          {t('receive')}
        </button>
      </form>
    </ActionPanel>
  );
}

function RefundAction(props: { ret: MerchantReturn; run: Run; errors: Record<string, string> }) {
  const { ret } = props;
  const initial =
    Number(ret.proposedRefund.value) <= Number(ret.refundableRemaining.value) ? ret.proposedRefund.value : ret.refundableRemaining.value;
  const [amount, setAmount] = useState(initial);
  const [note, setNote] = useState('');
  const currency = ret.refundableRemaining.currency;
  const err = props.errors['amount.value'] ?? props.errors.amount;
  return (
    <ActionPanel id="refund" title={t('refund')}>
      <form
        onSubmit={async (e) => {
          e.preventDefault();
          await props.run('refunds', { amount: { value: amount.trim(), currency }, note: note.trim() || null }, t('doneRefund'));
        }}
      >
        <Field
          id="refund-amount"
          label={t('amountIn', { currency })}
          hint={t('refundAmountHint', { amount: formatMoney(ret.refundableRemaining) })}
          inputMode="decimal"
          value={amount}
          error={err}
          onInput={(e) => setAmount(e.currentTarget.value)}
        />
        <TextAreaField
          id="refund-note"
          label={t('note')}
          rows={2}
          value={note}
          error={props.errors.note}
          onInput={(e) => setNote(e.currentTarget.value)}
        />
        <button type="submit" class="primary">
          {t('issueRefund')}
        </button>
      </form>
    </ActionPanel>
  );
}

function StoreCreditAction(props: { ret: MerchantReturn; run: Run; errors: Record<string, string> }) {
  const [amount, setAmount] = useState(props.ret.proposedCredit.value);
  const [code, setCode] = useState('');
  const [expiresOn, setExpiresOn] = useState('');
  const currency = props.ret.proposedRefund.currency;
  return (
    <ActionPanel id="credit" title={t('storeCredit')}>
      <form
        onSubmit={async (e) => {
          e.preventDefault();
          await props.run('store-credits', {
            amount: { value: amount.trim(), currency },
            ...(code.trim() ? { code: code.trim() } : {}),
            ...(expiresOn ? { expiresOn } : {}),
          });
        }}
      >
        <Field
          id="credit-amount"
          label={t('amountIn', { currency })}
          inputMode="decimal"
          value={amount}
          error={props.errors['amount.value']}
          onInput={(e) => setAmount(e.currentTarget.value)}
        />
        <Field
          id="credit-code"
          label={t('creditCode')}
          value={code}
          error={props.errors.code}
          onInput={(e) => setCode(e.currentTarget.value)}
        />
        <Field
          id="credit-expires"
          label={t('creditExpiresOn')}
          hint={t('creditExpiresHint')}
          type="date"
          value={expiresOn}
          error={props.errors.expiresOn}
          onInput={(e) => setExpiresOn(e.currentTarget.value)}
        />
        <button type="submit">{t('issueCredit')}</button>
      </form>
    </ActionPanel>
  );
}

function ReplacementAction(props: { run: Run; errors: Record<string, string> }) {
  const [carrier, setCarrier] = useState('');
  const [tracking, setTracking] = useState('');
  return (
    <ActionPanel id="replacement" title={t('replacement')}>
      <form
        onSubmit={async (e) => {
          e.preventDefault();
          if (await props.run('replacements', { carrier: carrier.trim(), trackingNumber: tracking.trim() }, t('doneReplacement'))) {
            setCarrier('');
            setTracking('');
          }
        }}
      >
        <Field
          id="repl-carrier"
          label={t('carrier')}
          value={carrier}
          error={props.errors.carrier}
          onInput={(e) => setCarrier(e.currentTarget.value)}
        />
        <Field
          id="repl-tracking"
          label={t('trackingNumber')}
          value={tracking}
          error={props.errors.trackingNumber}
          onInput={(e) => setTracking(e.currentTarget.value)}
        />
        <button type="submit">{t('addReplacement')}</button>
      </form>
    </ActionPanel>
  );
}

function NoteAction(props: { run: Run; errors: Record<string, string> }) {
  const [message, setMessage] = useState('');
  return (
    <ActionPanel id="note" title={t('addNote')}>
      <form
        onSubmit={async (e) => {
          e.preventDefault();
          if (await props.run('notes', { message: message.trim() }, t('doneNote'))) setMessage('');
        }}
      >
        <TextAreaField
          id="note-message"
          label={t('notes')}
          rows={3}
          value={message}
          error={props.errors.message}
          onInput={(e) => setMessage(e.currentTarget.value)}
        />
        <button type="submit">{t('addNote')}</button>
      </form>
    </ActionPanel>
  );
}

export function ReturnActions(props: { ret: MerchantReturn; run: Run; errors: Record<string, string>; busy: boolean }) {
  const { ret, run, errors, busy } = props;
  const can = (a: string) => ret.allowedActions.includes(a);
  return (
    <div class="stack" aria-busy={busy}>
      <h2>{t('actions')}</h2>
      {ret.allowedActions.filter((a) => a !== 'note').length === 0 && <p class="muted">{t('noActions')}</p>}
      {can('approve') && (
        <ActionPanel id="approve" title={t('approve')}>
          <button type="button" class="primary" onClick={() => run('approve', {}, t('doneApprove'))}>
            {t('approve')}
          </button>
        </ActionPanel>
      )}
      {can('reject') && (
        <ReasonAction id="reject" title={t('reject')} label={t('rejectReason')} button={t('reject')} path="reject" run={run} danger />
      )}
      {can('receive') && <ReceiveAction key={`${ret.status}-rcv`} ret={ret} run={run} errors={errors} />}
      {can('refund') && Number(ret.refundableRemaining.value) > 0 && (
        <RefundAction key={`${ret.refundableRemaining.value}-refund`} ret={ret} run={run} errors={errors} />
      )}
      {can('store_credit') && <StoreCreditAction ret={ret} run={run} errors={errors} />}
      {can('replacement') && <ReplacementAction run={run} errors={errors} />}
      {can('resend_label') && (
        <ActionPanel id="resend" title={t('resendLabel')}>
          <button type="button" onClick={() => run('resend-label', {}, t('labelResent'))}>
            {t('resendLabel')}
          </button>
        </ActionPanel>
      )}
      {can('resolve') && (
        <ActionPanel id="resolve" title={t('resolve')}>
          <button type="button" onClick={() => run('resolve', {}, t('doneResolve'))}>
            {t('resolve')}
          </button>
        </ActionPanel>
      )}
      {can('cancel') && (
        <ReasonAction
          id="cancel"
          title={t('cancelReturn')}
          label={t('cancelReason')}
          button={t('confirmCancel')}
          path="cancel"
          run={run}
          danger
        />
      )}
      {can('note') && <NoteAction run={run} errors={errors} />}
    </div>
  );
}
