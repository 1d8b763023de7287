import type { Catalogue } from './en.ts';
import en from './en.ts';

const de: Catalogue = { ...en };

export default de;
