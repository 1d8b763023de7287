// The page around the steps: brand header with the language selector, the footer, and the layout
// (standard or background image; header and footer hidden when the merchant or ?embed=1 says so).
import type { PublicPortal } from '@retour/contracts/portal';
import type { ComponentChildren } from 'preact';
import { LANGUAGE_NAMES, type Lang, t } from '../i18n.ts';

type FrameProps = {
  portal: PublicPortal;
  lang: Lang;
  embed: boolean;
  onLanguage: (lang: Lang) => void;
  children: ComponentChildren;
};

export function LanguageSelect({ portal, lang, onLanguage, id }: Omit<FrameProps, 'children' | 'embed'> & { id: string }) {
  if (portal.languages.length < 2) return null;
  return (
    <div class="language">
      <label for={id}>{t('language')}</label>
      <select id={id} value={lang} onChange={(e) => onLanguage((e.currentTarget as HTMLSelectElement).value as Lang)}>
        {portal.languages.map((code) => (
          <option key={code} value={code} lang={code}>
            {LANGUAGE_NAMES[code]}
          </option>
        ))}
      </select>
    </div>
  );
}

function Header({ portal, lang, onLanguage }: Omit<FrameProps, 'children' | 'embed'>) {
  return (
    <header class="header">
      <div class="header-inner">
        {portal.brand.logoUrl ? (
          <img class="logo" src={portal.brand.logoUrl} alt={portal.brand.name} height={40} />
        ) : (
          <span class="brand-name">{portal.brand.name}</span>
        )}
        <LanguageSelect portal={portal} lang={lang} onLanguage={onLanguage} id="language-header" />
      </div>
    </header>
  );
}

function Footer({ portal }: { portal: PublicPortal }) {
  return (
    <footer class="footer">
      <div class="footer-inner">
        <span>{portal.brand.name}</span>
        {portal.policyUrl && (
          <a href={portal.policyUrl} target="_blank" rel="noopener noreferrer">
            {t('policyLink')}
            <span class="sr-only"> {t('opensInNewTab')}</span>
          </a>
        )}
        <span>{t('poweredBy')}</span>
      </div>
    </footer>
  );
}

export function Frame({ portal, lang, embed, onLanguage, children }: FrameProps) {
  const showHeader = portal.appearance.showHeader && !embed;
  const showFooter = portal.appearance.showFooter && !embed;
  const background = portal.appearance.layout === 'background' && portal.appearance.backgroundImageUrl && !embed;
  return (
    <div
      class={`page${background ? ' with-background' : ''}${embed ? ' embedded' : ''}`}
      style={background ? { backgroundImage: `url("${String(portal.appearance.backgroundImageUrl).replace(/"/g, '%22')}")` } : undefined}
    >
      {!embed && (
        <a class="skip-link" href="#main">
          {t('skipToContent')}
        </a>
      )}
      {showHeader && <Header portal={portal} lang={lang} onLanguage={onLanguage} />}
      <main id="main" class="card">
        {!showHeader && <LanguageSelect portal={portal} lang={lang} onLanguage={onLanguage} id="language-main" />}
        {children}
      </main>
      {showFooter && <Footer portal={portal} />}
    </div>
  );
}
