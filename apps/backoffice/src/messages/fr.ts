import type { Catalogue } from './en.ts';
import en from './en.ts';

const fr: Catalogue = { ...en };

export default fr;
