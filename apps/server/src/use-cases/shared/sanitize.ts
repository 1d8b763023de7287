// Merchant-entered rich text shown to shoppers: bold, italic, underline, lists, links. Nothing else.
import sanitizeHtml from 'sanitize-html';

const OPTIONS: sanitizeHtml.IOptions = {
  allowedTags: ['p', 'br', 'b', 'strong', 'i', 'em', 'u', 'ul', 'ol', 'li', 'a'],
  allowedAttributes: { a: ['href', 'title'] },
  allowedSchemes: ['https', 'http', 'mailto', 'tel'],
  allowProtocolRelative: false,
  transformTags: {
    // Only absolute http(s), mailto and tel links: relative hrefs would point into Retour itself
    // (or into the merchant's site when a custom front end renders the text), so they are dropped.
    a: (tagName, attribs) => {
      const { href, ...rest } = attribs;
      const link = href?.trim();
      const keep = link !== undefined && /^(https?:\/\/|mailto:|tel:)/i.test(link);
      return { tagName, attribs: { ...rest, ...(keep ? { href: link } : {}), rel: 'noopener noreferrer nofollow', target: '_blank' } };
    },
  },
};
OPTIONS.allowedAttributes = { a: ['href', 'title', 'rel', 'target'] };

export function sanitizeRichText(html: string): string {
  return sanitizeHtml(html, OPTIONS);
}
