// Reader pages as plain HTML: Next's client runtime taken out of a finished public page, so a reader's browser
// gets the article as HTML and CSS (as WordPress and Ghost send it) instead of ~140 KB of framework script to
// parse and hydrate. What goes: every `<script>` Next writes (its chunks under /_next/, the polyfills, the
// inline `self.__next_f` payload and Turbopack's chunk list) and the preloads of those chunks. What stays:
// everything else, byte for byte (the document is parsed with parse5 to find the exact ranges; nothing is
// re-serialised), JSON-LD included. A page this does not fully understand is refused, never half-rewritten:
// a pending Suspense boundary (its content would arrive by the script taken out), or any other script.
import { parse, type DefaultTreeAdapterMap } from 'parse5'

type Node = DefaultTreeAdapterMap['node']
type Element = DefaultTreeAdapterMap['element']

export type PlainPage = { ok: true; html: string; removed: number } | { ok: false; reason: string }

/** Inline scripts Next writes into a page: its flight payload, and Turbopack's list of chunks. */
const NEXT_INLINE = [
  /^\s*\(?self\.__next_f\s*=\s*self\.__next_f\s*\|\|/,
  /^\s*self\.__next_f\.push\(/,
  /^\s*\(globalThis\["TURBOPACK"\]/,
]
const PENDING = 'a Suspense boundary is still pending'
/** Next's own assets. */
const NEXT_ASSET = /^\/_next\//

/**
 * The page without Next's runtime, or why it was left whole. `add` is put at the end of <head> (Daisy's own
 * small scripts, say) when the page is rewritten.
 */
export function withoutRuntime(
  html: string,
  { add: adding = '' }: { add?: string | ((page: { commentForm: boolean }) => string) } = {},
): PlainPage {
  const document = parse(html, { sourceCodeLocationInfo: true })
  const cuts: [number, number][] = []
  let headEnd: number | undefined
  let commentForm = false
  const stack: Node[] = [...document.childNodes]
  while (stack.length > 0) {
    const node = stack.pop()!
    if (node.nodeName === '#comment') {
      const data = (node as DefaultTreeAdapterMap['commentNode']).data
      // `<!--$?-->`: a Suspense boundary still pending when the page was sent; its content streams in later.
      if (data === '$?') return { ok: false, reason: PENDING }
      continue
    }
    if (!('tagName' in node)) continue
    const element = node as Element
    const location = element.sourceCodeLocation
    if (element.tagName === 'head' && location?.endTag) headEnd = location.endTag.startOffset
    if (element.tagName === 'form' && (attribute(element, 'class') ?? '').split(/\s+/).includes('comment-form'))
      commentForm = true
    if (element.tagName === 'template' && /^[BPS]:/.test(attribute(element, 'id') ?? ''))
      return { ok: false, reason: 'streamed content waits in a template' }
    if (element.tagName === 'script') {
      const verdict = judgeScript(element)
      if (verdict === 'pending') return { ok: false, reason: PENDING }
      if (verdict === 'refuse') return { ok: false, reason: `an unknown script (${describe(element)})` }
      if (verdict === 'remove') {
        if (!location) return { ok: false, reason: 'a script without a source location' }
        cuts.push([location.startOffset, location.endOffset])
      }
      continue
    }
    if (element.tagName === 'link' && isScriptPreload(element)) {
      if (!location) return { ok: false, reason: 'a preload without a source location' }
      cuts.push([location.startOffset, location.endOffset])
      continue
    }
    const children =
      element.tagName === 'template'
        ? (element as DefaultTreeAdapterMap['template']).content.childNodes
        : element.childNodes
    stack.push(...children)
  }
  const add = typeof adding === 'function' ? adding({ commentForm }) : adding
  if (cuts.length === 0 && !add) return { ok: true, html, removed: 0 }
  if (add && headEnd === undefined) return { ok: false, reason: 'no </head> to add to' }
  // Cuts and the one insertion, in document order; `</head>` is never inside a script.
  const edits: [start: number, end: number, text: string][] = cuts.map(([start, end]) => [start, end, ''])
  if (add) edits.push([headEnd!, headEnd!, add])
  edits.sort((a, b) => a[0] - b[0] || a[1] - b[1])
  let out = ''
  let at = 0
  for (const [start, end, text] of edits) {
    if (start < at) return { ok: false, reason: 'overlapping scripts' }
    out += html.slice(at, start) + text
    at = end
  }
  return { ok: true, html: out + html.slice(at), removed: cuts.length }
}

/** React's helpers that move streamed content into place: the page is not finished without them. */
const STREAMING_HELPER = /^\s*\$R[A-Z]\s*=/

function judgeScript(element: Element): 'keep' | 'remove' | 'refuse' | 'pending' {
  const type = (attribute(element, 'type') ?? '').toLowerCase()
  if (type === 'application/ld+json' || type === 'speculationrules') return 'keep'
  const src = attribute(element, 'src')
  if (src !== undefined) return NEXT_ASSET.test(src) ? 'remove' : 'refuse'
  const text = scriptText(element)
  if (STREAMING_HELPER.test(text)) return 'pending'
  return NEXT_INLINE.some((pattern) => pattern.test(text)) ? 'remove' : 'refuse'
}

function isScriptPreload(element: Element): boolean {
  const rel = (attribute(element, 'rel') ?? '').toLowerCase().split(/\s+/)
  const href = attribute(element, 'href') ?? ''
  return (
    NEXT_ASSET.test(href) &&
    (rel.includes('modulepreload') || (rel.includes('preload') && attribute(element, 'as') === 'script'))
  )
}

function attribute(element: Element, name: string): string | undefined {
  return element.attrs.find((a) => a.name === name)?.value
}

function describe(element: Element): string {
  const src = attribute(element, 'src')
  if (src) return `src ${src.slice(0, 60)}`
  return `inline ${JSON.stringify(scriptText(element).slice(0, 40))}`
}

/** An inline script's source. */
function scriptText(element: Element): string {
  return element.childNodes.map((child) => (child as DefaultTreeAdapterMap['textNode']).value ?? '').join('')
}

/** Pages served whole because the rewriter refused them, by reason (for an operator, and the tests). */
export const refusals = new Map<string, number>()
const told = new Set<string>()

/**
 * Chromium prefetches (and may prerender) the reader's next page from a link they are about to follow, so a
 * full page load stays quick: same-origin reader pages only, never the admin area, sign-in or mail links.
 */
export const SPECULATION_RULES = `<script type="speculationrules">${JSON.stringify({
  prefetch: [
    {
      source: 'document',
      where: {
        and: [
          { href_matches: '/*' },
          { not: { href_matches: ['/admin*', '/login*', '/api/*', '/moderate*', '/subscriptions*', '/_next/*'] } },
          { not: { selector_matches: '[rel~=nofollow]' } },
        ],
      },
      eagerness: 'moderate',
    },
  ],
})}</script>`

/**
 * The page cache's rewrite (DAISY_READER_JS=plain): the page without the runtime, with the speculation rules and
 * (on a page with a comment form) `commentScript`; or null to keep it whole, counted, and said once per path
 * and reason in the log.
 */
export function plainReaderPage(html: string, key: string, commentScript = ''): string | null {
  const page = withoutRuntime(html, {
    add: ({ commentForm }) => SPECULATION_RULES + (commentForm ? commentScript : ''),
  })
  if (page.ok) return page.html
  refusals.set(page.reason, (refusals.get(page.reason) ?? 0) + 1)
  const path = key.slice(key.indexOf(' ') + 1).split('?')[0]
  if (!told.has(`${path} ${page.reason}`)) {
    told.add(`${path} ${page.reason}`)
    console.warn(`daisy: ${path} is served with Next's runtime: ${page.reason}`)
  }
  return null
}
