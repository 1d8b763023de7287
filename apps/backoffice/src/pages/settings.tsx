// Settings (loaded on demand): brands, addresses, portals, shipping rules, users, API keys and
// email templates, background work. Users, API keys, integrations, webhooks, payments and carriers
// are for owners only; staff see a clear refusal.
import { type MessageKey, t } from '../i18n.ts';
import { useRoute } from '../router.ts';
import { useSession } from '../session.ts';
import { Forbidden, Link, PageTitle } from '../ui.tsx';
import { ApiKeys, Users } from './settings-access.tsx';
import { Addresses } from './settings-addresses.tsx';
import { Brands } from './settings-brands.tsx';
import { Carriers } from './settings-carriers.tsx';
import { EmailTemplates } from './settings-emails.tsx';
import { Integrations } from './settings-integrations.tsx';
import { BackgroundWork } from './settings-jobs.tsx';
import { Payments } from './settings-payments.tsx';
import { PortalEditor, PortalList } from './settings-portal.tsx';
import { ShippingRules } from './settings-rules.tsx';
import { ReturnRules } from './settings-return-rules.tsx';
import { Webhooks } from './settings-webhooks.tsx';

const SECTIONS: [string, MessageKey, boolean][] = [
  ['brands', 'brands', false],
  ['addresses', 'addresses', false],
  ['portals', 'portals', false],
  ['shipping-rules', 'shippingRules', false],
  ['return-rules', 'returnRules', false],
  ['email-templates', 'emailTemplates', false],
  ['integrations', 'integrations', true],
  ['webhooks', 'webhooks', true],
  ['background-work', 'backgroundWork', false],
  ['payments', 'payments', true],
  ['carriers', 'carriers', true],
  ['users', 'users', true],
  ['api-keys', 'apiKeys', true],
];

export default function SettingsPage() {
  const session = useSession();
  const { path } = useRoute();
  const parts = path.split('/').filter(Boolean);
  const section = parts[1] ?? 'portals';
  const sub = parts[2];
  const entry = SECTIONS.find(([key]) => key === section);
  const ownerOnly = entry?.[2] ?? false;
  const refused = ownerOnly && session.user.role !== 'owner';
  return (
    <section>
      {refused ? (
        <Forbidden />
      ) : (
        <PageTitle>
          {sub && section === 'portals' ? t('portalSettings') : t('settingsSection', { section: entry ? t(entry[1]) : '' })}
        </PageTitle>
      )}
      <nav aria-label={t('settingsTitle')} class="tabs">
        <ul>
          {SECTIONS.filter(([, , owner]) => !owner || session.user.role === 'owner').map(([key, label]) => (
            <li key={key}>
              <Link to={`/settings/${key}`} current={key === section}>
                {t(label)}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      {!refused && section === 'brands' && <Brands />}
      {!refused && section === 'addresses' && <Addresses />}
      {!refused && section === 'portals' && (sub ? <PortalEditor key={sub} id={decodeURIComponent(sub)} /> : <PortalList />)}
      {!refused && section === 'shipping-rules' && <ShippingRules />}
      {!refused && section === 'return-rules' && <ReturnRules />}
      {!refused && section === 'email-templates' && <EmailTemplates />}
      {!refused && section === 'integrations' && <Integrations />}
      {!refused && section === 'webhooks' && <Webhooks />}
      {!refused && section === 'background-work' && <BackgroundWork />}
      {!refused && section === 'payments' && <Payments />}
      {!refused && section === 'carriers' && <Carriers />}
      {!refused && section === 'users' && <Users />}
      {!refused && section === 'api-keys' && <ApiKeys />}
    </section>
  );
}
