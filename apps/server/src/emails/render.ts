// Renders an email from a template: {{placeholders}} filled in the subject and text body, and an
// HTML part made from the text body inside a simple layout with the brand's name, colour and
// logo. Every value is HTML-escaped; the status link becomes a button, a tracking link a link.
import { PLACEHOLDERS, type EmailTemplate } from './catalogue.ts';

export type Brand = { name: string; logoUrl: string | null; primaryColor: string };
export type RenderedEmail = { subject: string; text: string; html: string };

const PLACEHOLDER = /\{\{\s*([^{}]*?)\s*\}\}/g;

/** Placeholders in `texts` that `template` does not offer, each as written: `{{foo}}`. */
export function unknownPlaceholders(template: EmailTemplate, ...texts: string[]): string[] {
  const allowed = new Set(PLACEHOLDERS[template]);
  const unknown = new Set<string>();
  for (const text of texts) for (const m of text.matchAll(PLACEHOLDER)) if (!allowed.has(m[1] ?? '')) unknown.add(`{{${m[1]}}}`);
  return [...unknown];
}

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function fill(text: string, values: Record<string, string>): string {
  return text.replace(PLACEHOLDER, (_, name: string) => values[name] ?? '');
}

const SAFE_COLOR = /^#[0-9a-fA-F]{3,8}$/;

/** One paragraph of the text body as HTML: static text and values escaped, the status URL a link. */
function paragraphHtml(paragraph: string, values: Record<string, string>, color: string): string {
  const parts: string[] = [];
  let last = 0;
  for (const m of paragraph.matchAll(PLACEHOLDER)) {
    parts.push(escapeHtml(paragraph.slice(last, m.index)));
    const name = m[1] ?? '';
    const value = values[name] ?? '';
    parts.push(
      name === 'statusUrl' && value
        ? `<a href="${escapeHtml(value)}" style="display:inline-block;padding:10px 18px;border-radius:6px;background:${color};color:#ffffff;text-decoration:none;font-weight:bold">${escapeHtml(value.length > 60 ? `${value.slice(0, 57)}…` : value)}</a>`
        : name === 'trackingUrl' && /^https?:\/\//i.test(value)
          ? `<a href="${escapeHtml(value)}" style="color:${color}">${escapeHtml(value)}</a>`
          : escapeHtml(value),
    );
    last = m.index + m[0].length;
  }
  parts.push(escapeHtml(paragraph.slice(last)));
  return `<p style="margin:0 0 16px;line-height:1.5">${parts.join('').replace(/\n/g, '<br>')}</p>`;
}

function layout(brand: Brand, subject: string, bodyHtml: string, inlineImage?: { cid: string; alt: string }): string {
  const color = SAFE_COLOR.test(brand.primaryColor) ? brand.primaryColor : '#111827';
  const header = brand.logoUrl?.startsWith('https://')
    ? `<img src="${escapeHtml(brand.logoUrl)}" alt="${escapeHtml(brand.name)}" style="max-height:48px">`
    : `<strong style="font-size:20px;color:${color}">${escapeHtml(brand.name)}</strong>`;
  const image = inlineImage
    ? `<p style="text-align:center"><img src="cid:${escapeHtml(inlineImage.cid)}" alt="${escapeHtml(inlineImage.alt)}" width="240" height="240"></p>`
    : '';
  return [
    '<!doctype html>',
    `<html><head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>${escapeHtml(subject)}</title></head>`,
    '<body style="margin:0;padding:0;background:#f4f4f5;font-family:Helvetica,Arial,sans-serif;color:#111827">',
    '<table role="presentation" width="100%" cellpadding="0" cellspacing="0"><tr><td align="center" style="padding:24px">',
    '<table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="max-width:600px;background:#ffffff;border-radius:8px">',
    `<tr><td style="padding:20px 28px;border-bottom:4px solid ${color}">${header}</td></tr>`,
    `<tr><td style="padding:28px">${bodyHtml}${image}</td></tr>`,
    `<tr><td style="padding:16px 28px;color:#6b7280;font-size:12px">${escapeHtml(brand.name)}</td></tr>`,
    '</table></td></tr></table></body></html>',
  ].join('\n');
}

export function renderEmail(
  template: { subject: string; body: string },
  values: Record<string, string>,
  brand: Brand,
  inlineImage?: { cid: string; alt: string },
): RenderedEmail {
  const color = SAFE_COLOR.test(brand.primaryColor) ? brand.primaryColor : '#111827';
  // A subject is one header line: no line breaks from a value or an edited template.
  const subject = fill(template.subject, values)
    .replace(/[\r\n]+/g, ' ')
    .trim();
  const text = fill(template.body, values);
  const paragraphs = template.body.split(/\n\s*\n/).filter((p) => p.trim());
  const html = layout(brand, subject, paragraphs.map((p) => paragraphHtml(p, values, color)).join('\n'), inlineImage);
  return { subject, text, html };
}
