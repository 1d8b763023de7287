// Settings (loaded on demand): brands, addresses, portals, shipping rules, users, API keys and
// email templates, background work. Users, API keys, integrations, webhooks, payments and carriers
// are for owners only; staff see a clear refusal.
import { m } from '../messages.ts';
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
import { Webhooks } from './settings-webhooks.tsx';

const SECTIONS: [string, string, boolean][] = [
  ['brands', m.brands, false],
  ['addresses', m.addresses, false],
  ['portals', m.portals, false],
  ['shipping-rules', m.shippingRules, false],
  ['email-templates', m.emailTemplates, false],
  ['integrations', 'Integrations', true],
  ['webhooks', 'Webhooks', true],
  ['background-work', 'Background work', false],
  ['payments', 'Payments', true],
  ['carriers', 'Carriers', true],
  ['users', m.users, true],
  ['api-keys', m.apiKeys, true],
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
        <PageTitle>{sub && section === 'portals' ? 'Portal settings' : `${m.settingsTitle}: ${entry?.[1] ?? ''}`}</PageTitle>
      )}
      <nav aria-label={m.settingsTitle} class="tabs">
        <ul>
          {SECTIONS.filter(([, , owner]) => !owner || session.user.role === 'owner').map(([key, label]) => (
            <li key={key}>
              <Link to={`/settings/${key}`} current={key === section}>
                {label}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      {!refused && section === 'brands' && <Brands />}
      {!refused && section === 'addresses' && <Addresses />}
      {!refused && section === 'portals' && (sub ? <PortalEditor key={sub} id={decodeURIComponent(sub)} /> : <PortalList />)}
      {!refused && section === 'shipping-rules' && <ShippingRules />}
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
