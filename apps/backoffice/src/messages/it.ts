import type { Catalogue } from './en.ts';
import en from './en.ts';

const it: Catalogue = { ...en };

export default it;
