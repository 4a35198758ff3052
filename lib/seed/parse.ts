// Turns the user's plain-text posts (prisma/seed-data) into Markdown posts and the trackbacks they carry.

export interface SeedTrackback {
  excerpt: string
  blogName: string
  sourceTitle: string
  authorName: string
}

export interface SeedPost {
  title: string
  markdown: string
  trackbacks: SeedTrackback[]
}

// A WordPress theme printed received trackbacks as a numbered list under the post:
// "  1. […] This post was mentioned on Twitter by Ed Leafe, Rob La Gesse. Rob La Gesse said: … […]"
const TRACKBACK_LINE = /^\s*\d+\.\s+(\[…\].*)$/
const MENTIONED_ON = /This post was mentioned on (\w[\w .]*?) by ([^.]+)\./

/** Parses one seed file: the first line is the title, then paragraphs separated by blank lines. */
export function parseSeedPost(text: string): SeedPost {
  const lines = text.replace(/\r\n?/g, '\n').split('\n')
  const firstIndex = lines.findIndex((l) => l.trim() !== '')
  if (firstIndex < 0) throw new Error('seed post is empty')
  const title = stripQuotes(lines[firstIndex]!.trim())

  const trackbacks: SeedTrackback[] = []
  const bodyLines: string[] = []
  for (const line of lines.slice(firstIndex + 1)) {
    const match = TRACKBACK_LINE.exec(line)
    if (match) trackbacks.push(toTrackback(match[1]!))
    else bodyLines.push(line)
  }

  const paragraphs = bodyLines
    .join('\n')
    .split(/\n\s*\n/)
    .map((p) =>
      p
        .split('\n')
        .map((l) => l.trim())
        .filter(Boolean),
    )
    .filter((p) => p.length > 0)

  // Prose paragraphs are one line each; the quoted email kept its hard line breaks.
  const blocks: string[] = []
  let quote: string[] = []
  const flushQuote = () => {
    if (quote.length) blocks.push(quote.map((p) => `> ${p}`).join('\n>\n'))
    quote = []
  }
  for (const p of paragraphs) {
    const text = escapeBlockStart(p.join(' '))
    if (p.length > 1) quote.push(text)
    else {
      flushQuote()
      blocks.push(text)
    }
  }
  flushQuote()
  return { title, markdown: `${blocks.join('\n\n')}\n`, trackbacks }
}

function stripQuotes(s: string): string {
  return s.replace(/^["“”]+|["“”]+$/g, '').trim()
}

function toTrackback(excerpt: string): SeedTrackback {
  const mentioned = MENTIONED_ON.exec(excerpt)
  const service = mentioned?.[1]?.trim() ?? 'the web'
  return {
    excerpt: excerpt.trim(),
    blogName: service,
    sourceTitle: mentioned ? `Mentioned on ${service} by ${mentioned[2]!.trim()}` : 'A mention of this post',
    authorName: service,
  }
}

// Plain prose must not turn into Markdown structure by accident ("1. …" as a list, "# …" as a heading).
function escapeBlockStart(line: string): string {
  return line.replace(/^(\d+)\. /, '$1\\. ').replace(/^([#>+*-]) /, '\\$1 ')
}
