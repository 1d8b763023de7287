// Settings → integrations: every order source and shop connection with its status, and the
// connect forms of each shop provider (one file per provider, plugged in below).
import { useEffect, useState } from 'preact/hooks';
import { type Answer, call } from '../api.ts';
import { formatDate, type MessageKey, t } from '../i18n.ts';
import { integrationStatusName } from '../labels.ts';
import { Alert, errorText, StatusBadge } from '../ui.tsx';
import { ShopifySettings } from './settings-integrations-shopify.tsx';
import { WooCommerceSettings } from './settings-integrations-woocommerce.tsx';

type Integration = Answer<'GET /api/v1/integrations'>['data'][number];

const KIND_LABELS: Record<Integration['kind'], MessageKey | string> = {
  api: 'kindApi',
  csv: 'kindCsv',
  sendcloud: 'kindSendcloud',
  shopify: 'Shopify',
  woocommerce: 'WooCommerce',
};
const kindName = (kind: Integration['kind']) => {
  const label = KIND_LABELS[kind] ?? kind;
  return label.startsWith('kind') ? t(label as MessageKey) : label;
};

/** The list of integrations, reloaded whenever a provider form connects or imports something. */
export function useIntegrations() {
  const [list, setList] = useState<Integration[]>([]);
  const [error, setError] = useState<unknown>(null);
  const reload = () =>
    call('GET /api/v1/integrations').then(
      (r) => setList(r.data),
      (e) => setError(e),
    );
  useEffect(() => {
    void reload();
  }, []);
  return { list, error, reload };
}

export function Integrations() {
  const { list, error, reload } = useIntegrations();
  const [notice, setNotice] = useState('');
  const [cleanupWarning, setCleanupWarning] = useState('');
  const [actionError, setActionError] = useState<unknown>(null);
  const disconnect = async (i: Integration) => {
    if (!confirm(t('disconnectConfirm', { name: i.name }))) return;
    setActionError(null);
    try {
      const r = await call('DELETE /api/v1/integrations/:id', { params: { id: i.id } });
      setNotice(t(r.deleted ? 'integrationRemoved' : 'integrationDisconnected', { name: i.name }));
      // The shop could not remove our webhooks: the message says which to delete in its admin.
      setCleanupWarning(r.remoteCleanup === 'failed' ? r.message : '');
      await reload();
    } catch (e) {
      setActionError(e);
    }
  };
  return (
    <div class="section-body">
      {notice && <Alert kind="success">{notice}</Alert>}
      {cleanupWarning && <Alert kind="error">{cleanupWarning}</Alert>}
      {(error || actionError) && <Alert kind="error">{errorText(error ?? actionError)}</Alert>}
      <table>
        <caption class="sr-only">{t('integrations')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('name')}</th>
            <th scope="col">{t('kind')}</th>
            <th scope="col">{t('status')}</th>
            <th scope="col">{t('lastSync')}</th>
            <th scope="col">
              <span class="sr-only">{t('actions')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {list.map((i) => (
            <tr key={i.id}>
              <td>
                {i.name}
                {i.lastError && <div class="muted small">{i.lastError}</div>}
              </td>
              <td>{kindName(i.kind)}</td>
              <td>
                <StatusBadge status={i.status} label={integrationStatusName(i.status)} />
              </td>
              <td>{i.lastSyncAt ? formatDate(i.lastSyncAt) : t('none')}</td>
              <td>
                {i.status !== 'disconnected' && (i.kind === 'shopify' || i.kind === 'woocommerce') && (
                  <button type="button" onClick={() => disconnect(i)} aria-label={t('disconnectNamed', { name: i.name })}>
                    {t('disconnect')}
                  </button>
                )}
              </td>
            </tr>
          ))}
          {list.length === 0 && (
            <tr>
              <td colSpan={5}>{t('noIntegrations')}</td>
            </tr>
          )}
        </tbody>
      </table>
      {/* Provider connect forms (settings-integrations-<provider>.tsx) go below. */}
      <ShopifySettings list={list} onChange={reload} />
      <WooCommerceSettings list={list} onChange={reload} />
    </div>
  );
}
