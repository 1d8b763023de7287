// Italiano (si dà del tu, come nei gestionali per negozi online più diffusi).
import type { Catalogue } from './en.ts';
import app from './it/app.ts';
import carriers from './it/carriers.ts';
import settings from './it/settings.ts';
import rules from './it/rules.ts';

const it: Catalogue = { ...app, ...settings, ...carriers, ...rules };

export default it;
