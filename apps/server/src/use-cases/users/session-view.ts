// A back-office session as the API shows it: the user, the merchant and the CSRF token.
import type { Session } from '@retour/contracts/backoffice';
import { SUPPORTED_LANGUAGES, type Language } from '@retour/domain/reasons';
import type { SessionWithUser } from '@retour/db/repos/sessions';

function isLanguage(value: string | null): value is Language {
  return (SUPPORTED_LANGUAGES as readonly (string | null)[]).includes(value);
}

export function sessionView(s: SessionWithUser): Session {
  return {
    user: {
      id: s.user.id,
      email: s.user.email,
      name: s.user.name,
      role: s.user.role as Session['user']['role'],
      language: isLanguage(s.user.language) ? s.user.language : null,
    },
    merchant: { id: s.session.merchantId, name: s.merchantName },
    csrfToken: s.session.csrfToken,
  };
}
