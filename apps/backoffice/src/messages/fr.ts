// Français (vouvoiement, espaces insécables avant : ? ! comme l’usage le veut).
import type { Catalogue } from './en.ts';
import app from './fr/app.ts';
import carriers from './fr/carriers.ts';
import settings from './fr/settings.ts';
import rules from './fr/rules.ts';

const fr: Catalogue = { ...app, ...settings, ...carriers, ...rules };

export default fr;
