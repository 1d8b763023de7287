// Deutsch (Sie-Form, wie in Händler-Software üblich).
import type { Catalogue } from './en.ts';
import app from './de/app.ts';
import carriers from './de/carriers.ts';
import settings from './de/settings.ts';
import rules from './de/rules.ts';

const de: Catalogue = { ...app, ...settings, ...carriers, ...rules };

export default de;
