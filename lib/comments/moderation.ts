// The moderation policy: one pure function that decides what happens to a comment or a linkback, and says
// why in words the author reads in the queue. Comments, trackbacks, pingbacks and webmentions all pass here.

export type Decision = { status: 'APPROVED' | 'PENDING' | 'SPAM'; reason: string }

export interface PolicySettings {
  moderateAll: boolean
  holdFirstTimeCommenters: boolean
  maxLinks: number
  blocklist: string
  holdlist: string
  /** Instances blocked in Admin → Fediverse (lib/federation/blocks.ts): whatever comes from them is refused. */
  blockedDomains?: readonly string[]
}

export interface Candidate {
  /** FEDIVERSE: a reply or a mention from the fediverse (judged as a comment, by its account). */
  kind: 'COMMENT' | 'TRACKBACK' | 'PINGBACK' | 'WEBMENTION' | 'FEDIVERSE'
  authorName: string
  authorEmail?: string | null
  authorUrl?: string | null
  content: string
  ip?: string | null
  /** For linkbacks: the page that links to us. */
  sourceUrl?: string | null
}

export interface History {
  /** A signed-in user of this blog (the author replying). */
  isSiteUser?: boolean
  /** This email (or, for a linkback, this source site) had a comment approved before. */
  approvedBefore: boolean
}

/** Words, emails, IPs or domains, one a line; blank lines and `#` comments ignored. */
export function parseList(list: string): string[] {
  return list
    .split('\n')
    .map((l) => l.replace(/#.*$/, '').trim().toLowerCase())
    .filter(Boolean)
}

/** Whether a host is the domain or under it (a.example.com is in example.com; notexample.com is not). */
export function inDomain(host: string, domain: string): boolean {
  return host === domain || host.endsWith(`.${domain}`)
}

const URL_PATTERN = /\bhttps?:\/\/[^\s<>"')\]]+|\bwww\.[^\s<>"')\]]+/gi

export function countLinks(text: string): number {
  return (text.match(URL_PATTERN) ?? []).length
}

function hostsIn(candidate: Candidate): string[] {
  const urls = [...(candidate.content.match(URL_PATTERN) ?? []), candidate.authorUrl, candidate.sourceUrl].filter(
    Boolean,
  ) as string[]
  const hosts = urls.flatMap((u) => {
    try {
      return [new URL(u.startsWith('www.') ? `http://${u}` : u).hostname.toLowerCase()]
    } catch {
      return []
    }
  })
  const emailDomain = candidate.authorEmail?.split('@')[1]?.toLowerCase()
  return emailDomain ? [...hosts, emailDomain] : hosts
}

/** The first entry of a list that matches the candidate, described for the reason, or null. */
export function matchList(entries: string[], candidate: Candidate): string | null {
  const text = `${candidate.authorName}\n${candidate.content}\n${candidate.authorUrl ?? ''}`.toLowerCase()
  const email = candidate.authorEmail?.toLowerCase()
  const hosts = hostsIn(candidate)
  for (const entry of entries) {
    if (entry.includes('@')) {
      if (email === entry) return `the email ${entry}`
    } else if (/^[\d.]+$|^[0-9a-f:]+$/.test(entry) && (entry.includes('.') || entry.includes(':'))) {
      if (candidate.ip && (candidate.ip === entry || (entry.endsWith('.') && candidate.ip.startsWith(entry))))
        return `the IP address ${entry}`
    } else if (/^[a-z0-9-]+(\.[a-z0-9-]+)+$/.test(entry)) {
      if (hosts.some((h) => inDomain(h, entry))) return `the domain ${entry}`
    } else {
      const word = new RegExp(
        `(^|[^\\p{L}\\p{N}])${entry.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}($|[^\\p{L}\\p{N}])`,
        'u',
      )
      if (word.test(text)) return `the word “${entry}”`
    }
  }
  return null
}

/**
 * A blocked instance the response comes from: its author's address, its source page or its email's domain (not
 * links in its text, which may name any site), on the domain or under it.
 */
export function blockedDomainOf(domains: readonly string[], candidate: Candidate): string | null {
  if (!domains.length) return null
  const hosts = [candidate.authorUrl, candidate.sourceUrl].flatMap((url) => {
    try {
      return url ? [new URL(url).hostname.toLowerCase()] : []
    } catch {
      return []
    }
  })
  const emailDomain = candidate.authorEmail?.split('@')[1]?.toLowerCase()
  if (emailDomain) hosts.push(emailDomain)
  return domains.find((domain) => hosts.some((host) => inDomain(host, domain))) ?? null
}

/** Content that looks written by a machine, whatever the lists say. */
export function spamSignals(candidate: Candidate): string[] {
  const signals: string[] = []
  const text = candidate.content
  const links = countLinks(text)
  if (links >= 10) signals.push(`${links} links`)
  if (/\[url=|\[link=/i.test(text)) signals.push('forum link markup ([url=…])')
  const letters = text.replace(/[^\p{L}]/gu, '')
  if (letters.length >= 40 && letters.replace(/[^\p{Lu}]/gu, '').length / letters.length > 0.8)
    signals.push('written in capitals')
  if (/(.)\1{24,}/u.test(text)) signals.push('a character repeated over and over')
  if (
    candidate.kind !== 'TRACKBACK' &&
    candidate.kind !== 'PINGBACK' &&
    candidate.kind !== 'WEBMENTION' &&
    new RegExp(URL_PATTERN.source, 'i').test(candidate.authorName)
  )
    signals.push('a link as the name')
  return signals
}

export function decide(candidate: Candidate, settings: PolicySettings, history: History): Decision {
  const what =
    candidate.kind === 'COMMENT'
      ? 'comment'
      : candidate.kind === 'FEDIVERSE'
        ? 'fediverse post'
        : candidate.kind.toLowerCase()
  const written = candidate.kind === 'COMMENT' || candidate.kind === 'FEDIVERSE'
  const instance = blockedDomainOf(settings.blockedDomains ?? [], candidate)
  if (instance) return { status: 'SPAM', reason: `From a blocked instance: ${instance}` }
  const blocked = matchList(parseList(settings.blocklist), candidate)
  if (blocked) return { status: 'SPAM', reason: `Matches the block list: ${blocked}` }
  const signals = spamSignals(candidate)
  if (signals.length) return { status: 'SPAM', reason: `Looks like spam: ${signals.join(', ')}` }
  if (history.isSiteUser) return { status: 'APPROVED', reason: 'Written by a signed-in author of this blog' }
  const held = matchList(parseList(settings.holdlist), candidate)
  if (held) return { status: 'PENDING', reason: `Matches the hold list: ${held}` }
  const links = countLinks(candidate.content)
  if (written && links > settings.maxLinks) {
    return { status: 'PENDING', reason: `Has ${links} links (more than ${settings.maxLinks})` }
  }
  if (settings.moderateAll) return { status: 'PENDING', reason: `Every ${what} waits for moderation (settings)` }
  if (settings.holdFirstTimeCommenters && !history.approvedBefore) {
    return {
      status: 'PENDING',
      reason:
        candidate.kind === 'COMMENT'
          ? 'First comment from this email address'
          : candidate.kind === 'FEDIVERSE'
            ? 'First post from this fediverse account'
            : `First ${what} from this site`,
    }
  }
  return {
    status: 'APPROVED',
    reason: history.approvedBefore
      ? `Approved automatically: an earlier ${what} was approved`
      : 'Approved automatically: passed every check',
  }
}
