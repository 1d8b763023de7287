// ICU message catalogues shared by the portal's and the back office's Vite builds: checks that
// every language has exactly the English keys with the same arguments, and precompiles each message
// to its AST so the browser bundle carries intl-messageformat's formatter but not its parser.
import { type MessageFormatElement, parse } from '@formatjs/icu-messageformat-parser';
import type { Plugin } from 'vite';

export type Catalogues = Record<string, Record<string, string>>;
export type Compiled = Record<string, string | MessageFormatElement[]>;

function argumentNames(ast: MessageFormatElement[], into = new Set<string>()): Set<string> {
  for (const el of ast) {
    if ('value' in el && el.type !== 0 && typeof el.value === 'string') into.add(el.value);
    if ('options' in el) for (const option of Object.values(el.options)) argumentNames(option.value, into);
  }
  return into;
}

/** The arguments a message uses, sorted ("count,name"); throws on an ICU syntax error. */
export function messageArguments(text: string): string {
  return [...argumentNames(parse(text, { ignoreTag: true }))].sort().join();
}

/** Every problem of `lang`'s catalogue against English: missing or extra keys, differing arguments. */
export function catalogueProblems(catalogues: Catalogues, lang: string, dir = 'messages'): string[] {
  const en = catalogues.en ?? {};
  const catalogue = catalogues[lang] ?? {};
  const problems: string[] = [];
  for (const key of Object.keys(catalogue)) if (!(key in en)) problems.push(`${dir}/${lang}.ts has "${key}", which en.ts lacks`);
  for (const [key, english] of Object.entries(en)) {
    const text = catalogue[key];
    if (text === undefined) {
      problems.push(`${dir}/${lang}.ts lacks "${key}"`);
      continue;
    }
    try {
      const want = messageArguments(english);
      const got = messageArguments(text);
      if (want !== got) problems.push(`${dir}/${lang}.ts "${key}" uses {${got}} but en.ts uses {${want}}`);
    } catch (e) {
      problems.push(`${dir}/${lang}.ts "${key}" is not a valid ICU message: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
  return problems;
}

/** `lang`'s catalogue as ASTs (plain text stays a string); throws on any problem. */
export function compileCatalogue(catalogues: Catalogues, lang: string, dir = 'messages'): Compiled {
  const problems = catalogueProblems(catalogues, lang, dir);
  if (problems.length > 0) throw new Error(problems.join('\n'));
  const out: Compiled = {};
  for (const key of Object.keys(catalogues.en ?? {})) {
    const ast = parse(catalogues[lang]?.[key] ?? '', { ignoreTag: true });
    const only = ast[0];
    out[key] = ast.length === 0 ? '' : ast.length === 1 && only?.type === 0 ? only.value : ast;
  }
  return out;
}

/** Serves src/messages/{lang}.ts as its precompiled catalogue. */
export function precompiledMessages(catalogues: Catalogues): Plugin {
  const languages = Object.keys(catalogues).join('|');
  const file = new RegExp(`[\\\\/]src[\\\\/]messages[\\\\/](${languages})\\.ts$`);
  return {
    name: 'retour-precompiled-messages',
    enforce: 'pre',
    load(id) {
      const match = file.exec(id);
      if (!match?.[1]) return null;
      return `export default ${JSON.stringify(compileCatalogue(catalogues, match[1]))};`;
    },
  };
}

/** Resolves the parser to its no-parser stub in the browser bundle (the ASTs are precompiled). */
export const noParserAlias = {
  find: /^@formatjs\/icu-messageformat-parser$/,
  replacement: '@formatjs/icu-messageformat-parser/no-parser.js',
};
