// Nederlands (je-vorm, zoals de meeste software voor webwinkels).
import type { Catalogue } from './en.ts';
import app from './nl/app.ts';
import carriers from './nl/carriers.ts';
import settings from './nl/settings.ts';
import rules from './nl/rules.ts';

const nl: Catalogue = { ...app, ...settings, ...carriers, ...rules };

export default nl;
