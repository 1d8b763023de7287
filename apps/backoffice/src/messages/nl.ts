import type { Catalogue } from './en.ts';
import en from './en.ts';

const nl: Catalogue = { ...en };

export default nl;
