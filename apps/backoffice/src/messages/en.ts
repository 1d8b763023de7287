// English: the reference catalogue of the back office, in three parts. Every other language has
// exactly these keys with the same ICU arguments (checked at build time by scripts/icu-messages.ts, by
// tsc through the part types, and by apps/backoffice/test/messages.test.ts, which also fails on unused
// keys). The build serves this file as one precompiled catalogue; the parts never reach the browser.
import app from './en/app.ts';
import carriers from './en/carriers.ts';
import settings from './en/settings.ts';
import rules from './en/rules.ts';

const en = { ...app, ...settings, ...carriers, ...rules };

/** Every language's catalogue: exactly the English keys. */
export type Catalogue = Record<keyof typeof en, string>;

export default en;
