// One layout for every mail Daisy sends: a plain-text part and an HTML part written from the same pieces, so the
// two always say the same. Everything from outside (names, comment text) is escaped; no markup from users.

export interface MailAction {
  label: string
  url: string
}

export interface MailBody {
  /** Paragraphs before the quote. */
  intro: string[]
  /** A comment as it was written, quoted as plain text. */
  quote?: { by: string; text: string }
  /** Details under the quote ("Email: …", "Held because …"). */
  details?: string[]
  /** The links the mail is for, as buttons in HTML and as lines in text. */
  actions?: MailAction[]
  /** Small print at the end: why this mail came, how to stop it. */
  footer?: string[]
  /** A link under the footer (manage or end the subscription). */
  footerLink?: MailAction
}

const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!)

/** A comment is quoted at most this long; the link leads to the rest. */
const QUOTE_MAX = 2000

function clip(text: string): string {
  const trimmed = text.trim()
  return trimmed.length > QUOTE_MAX ? `${trimmed.slice(0, QUOTE_MAX).trimEnd()}…` : trimmed
}

export function composeMail(body: MailBody, site: { title: string; url: string }): { text: string; html: string } {
  const quote = body.quote && { by: body.quote.by, text: clip(body.quote.text) }
  const text = [
    ...body.intro,
    ...(quote ? [`${quote.by} wrote:\n\n${quote.text.replace(/^/gm, '> ')}`] : []),
    ...(body.details?.length ? [body.details.join('\n')] : []),
    ...(body.actions ?? []).map((a) => `${a.label}:\n${a.url}`),
    ['-- ', `${site.title} — ${site.url}`, ...(body.footer ?? [])].join('\n'),
    ...(body.footerLink ? [`${body.footerLink.label}: ${body.footerLink.url}`] : []),
  ].join('\n\n')

  const p = (line: string) => `<p style="margin:0 0 16px">${escapeHtml(line)}</p>`
  const button = (a: MailAction) =>
    `<a href="${escapeHtml(a.url)}" style="display:inline-block;margin:0 8px 8px 0;padding:10px 16px;border-radius:6px;background:#1f5f3f;color:#ffffff;text-decoration:none;font-weight:600">${escapeHtml(a.label)}</a>`
  const html = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>${escapeHtml(site.title)}</title></head>
<body style="margin:0;padding:24px;background:#f6f5f1;color:#1d1d1b;font:16px/1.5 -apple-system,'Segoe UI',Roboto,sans-serif">
<div style="max-width:600px;margin:0 auto;padding:24px;background:#ffffff;border-radius:8px">
${body.intro.map(p).join('\n')}
${
  quote
    ? `<p style="margin:0 0 8px;color:#555">${escapeHtml(quote.by)} wrote:</p>
<blockquote style="margin:0 0 16px;padding:8px 16px;border-left:4px solid #d6d3c9;white-space:pre-wrap">${escapeHtml(quote.text)}</blockquote>`
    : ''
}
${body.details?.length ? `<p style="margin:0 0 16px;color:#555">${body.details.map(escapeHtml).join('<br>')}</p>` : ''}
${body.actions?.length ? `<p style="margin:0 0 16px">${body.actions.map(button).join('')}</p>` : ''}
<hr style="border:0;border-top:1px solid #e4e1d8;margin:24px 0 16px">
<p style="margin:0;color:#666;font-size:14px"><a href="${escapeHtml(site.url)}" style="color:#1f5f3f">${escapeHtml(site.title)}</a>${(body.footer ?? []).map((l) => `<br>${escapeHtml(l)}`).join('')}${
    body.footerLink
      ? `<br><a href="${escapeHtml(body.footerLink.url)}" style="color:#1f5f3f">${escapeHtml(body.footerLink.label)}</a>`
      : ''
  }</p>
</div>
</body></html>`
  return { text, html }
}
