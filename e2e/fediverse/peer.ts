// An independent fediverse peer for the end-to-end tests: a small Mastodon-like account written from Mastodon's
// published rules with node:crypto, node:http and fetch alone. It shares no code with Fedify or with the blog's lib/:
// when the blog and this peer accept each other's signatures, two implementations agree, not one library with itself.
import { createHash, createPublicKey, generateKeyPair, randomUUID, sign, verify } from 'node:crypto'
import type { KeyObject } from 'node:crypto'
import { createServer } from 'node:http'
import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'

/** An ActivityStreams document: open-ended JSON-LD whose fields the tests read freely. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AS = any

export const PUBLIC = 'https://www.w3.org/ns/activitystreams#Public'
const AS_CONTEXT = 'https://www.w3.org/ns/activitystreams'
const SECURITY_CONTEXT = 'https://w3id.org/security/v1'
const AP_TYPE = 'application/activity+json'
/** What Mastodon asks for when it dereferences an actor or an object. */
export const AP_ACCEPT =
  'application/activity+json, application/ld+json; profile="https://www.w3.org/ns/activitystreams"'
/** What Mastodon asks for on WebFinger (its Webfinger class sends this, unsigned). */
const JRD_ACCEPT = 'application/jrd+json, application/json'
/** Mastodon's EXPIRATION_WINDOW_LIMIT: a signature's Date may be this far from now, either way. */
const WINDOW_MS = 12 * 3600_000
/** Mastodon's CLOCK_SKEW_MARGIN, for (created) and (expires). */
const SKEW_MS = 3600_000
const FETCH_TIMEOUT_MS = 10_000
const MAX_BODY = 1024 * 1024
/** The terms Mastodon adds to an actor's @context for account moves (its ContextHelper's moved_to, also_known_as). */
const MOVE_TERMS = {
  alsoKnownAs: { '@id': 'as:alsoKnownAs', '@type': '@id' },
  movedTo: { '@id': 'as:movedTo', '@type': '@id' },
}
/**
 * The quote terms Mastodon puts in a quote post's @context (its ContextHelper's `quotes`: FEP-044f's quote, Fedibird's
 * quoteUri, Misskey's _misskey_quote), plus `quoteUrl` (as:quoteUrl, which Misskey and Pleroma also read).
 */
const QUOTE_TERMS = {
  quote: { '@id': 'https://w3id.org/fep/044f#quote', '@type': '@id' },
  quoteUri: 'http://fedibird.com/ns#quoteUri',
  _misskey_quote: 'https://misskey-hub.net/ns#_misskey_quote',
  quoteUrl: 'as:quoteUrl',
  quoteAuthorization: { '@id': 'https://w3id.org/fep/044f#quoteAuthorization', '@type': '@id' },
}
/** FEP-044f's QuoteRequest, in Mastodon's context extension `quote_requests`. */
const QUOTE_REQUEST_TERMS = { QuoteRequest: 'https://w3id.org/fep/044f#QuoteRequest' }
/** FEP-044f's QuoteAuthorization, the stamp a quoted author serves (Mastodon's context maps the term to it). */
const QUOTE_AUTHORIZATION = 'https://w3id.org/fep/044f#QuoteAuthorization'
/** The actor fields Mastodon serves to an unsigned GET in authorized-fetch mode (AccountsController#restrict_fields_to). */
const RESTRICTED_ACTOR_FIELDS = ['@context', 'id', 'type', 'preferredUsername', 'inbox', 'publicKey', 'endpoints']
/** A 1×1 PNG: Mastodon accounts always have an avatar, so the peer's actor has one too. */
const AVATAR_PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
)

// ---------------------------------------------------------------------------------------------------------------
// Pure helpers: the signature formats, exported so the tests can hold them to fixed, hand-made vectors.

/** An IMF-fixdate, the form of HTTP's Date header. */
export function httpDate(at: number | Date = Date.now()): string {
  return new Date(at).toUTCString()
}

/** The RFC 3230 Digest header Mastodon sends and checks: `SHA-256=<base64>`. */
export function digestHeader(body: string | Uint8Array): string {
  return `SHA-256=${createHash('sha256').update(body).digest('base64')}`
}

/** The RFC 9530 Content-Digest header: `sha-256=:<base64>:`. */
export function contentDigestHeader(body: string | Uint8Array): string {
  return `sha-256=:${createHash('sha256').update(body).digest('base64')}:`
}

/** The parts of a request a draft-cavage signature covers. Header names are lower case. */
export interface RequestParts {
  method: string
  /** The path and query, exactly as on the request line. */
  target: string
  headers: Record<string, string | undefined>
}

/**
 * The draft-cavage signing string: one `name: value` line per signed header, in the signed order, joined with \n.
 * `(request-target)` is the lower-case method and the target; `(created)`/`(expires)` come from the signature's
 * own parameters. Throws when a signed header is absent, since nothing honest can then be verified.
 */
export function signingString(
  names: readonly string[],
  req: RequestParts,
  params: { created?: string; expires?: string } = {},
): string {
  return names
    .map((name) => {
      if (name === '(request-target)') return `${name}: ${req.method.toLowerCase()} ${req.target}`
      if (name === '(created)' || name === '(expires)') {
        const value = name === '(created)' ? params.created : params.expires
        if (value === undefined) throw new Error(`${name} is signed but the signature has no such parameter`)
        return `${name}: ${value}`
      }
      const value = req.headers[name]
      if (value === undefined) throw new Error(`the signed header ${name} is missing from the request`)
      return `${name}: ${value.trim()}`
    })
    .join('\n')
}

/** The parameters of a draft-cavage Signature header (`keyId="…",headers="…",…`), or null when it does not parse. */
export function parseSignatureHeader(value: string): Record<string, string> | null {
  const params: Record<string, string> = {}
  const pattern = /\s*([A-Za-z][A-Za-z0-9_-]*)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^\s",]+))\s*(?:,|$)/y
  let at = 0
  while (at < value.length) {
    pattern.lastIndex = at
    const match = pattern.exec(value)
    if (!match || pattern.lastIndex === at) return null
    params[match[1]!] = match[2] !== undefined ? match[2].replace(/\\(.)/g, '$1') : match[3]!
    at = pattern.lastIndex
  }
  return params
}

/** A draft-cavage Signature header value, RSA-SHA256 over `names` of `req`. */
export function signCavage(
  privateKey: KeyObject | string,
  keyId: string,
  names: readonly string[],
  req: RequestParts,
): string {
  const signature = sign('sha256', Buffer.from(signingString(names, req)), privateKey).toString('base64')
  return `keyId="${keyId}",algorithm="rsa-sha256",headers="${names.join(' ')}",signature="${signature}"`
}

/** What a signature check needs once the key is at hand. */
export interface SignatureCheck {
  keyId: string
  /** The exact bytes that were signed (the signing string, or RFC 9421's signature base). */
  signed: string
  signature: Buffer
}

/** A request as received: the target, lower-case headers and the raw body. */
export interface IncomingParts extends RequestParts {
  body?: Uint8Array
}

/**
 * Everything Mastodon checks in a draft-cavage signature before it needs the key: the header parses and names a
 * key; the algorithm is rsa-sha256 or hs2019; (request-target), host and date (or (created)) are signed, and the
 * body's Digest (or RFC 9530 Content-Digest) is signed and matches; the date is within 12 hours of `now`.
 * Throws an Error whose message is the reason for refusing.
 */
export function checkCavage(req: IncomingParts, now = Date.now()): SignatureCheck {
  const header = req.headers.signature
  if (header === undefined) throw new Error('the request is not signed (no Signature header)')
  const params = parseSignatureHeader(header)
  if (!params?.keyId || !params.signature) throw new Error('the Signature header has no keyId or no signature')
  const algorithm = (params.algorithm ?? 'hs2019').toLowerCase()
  if (algorithm !== 'rsa-sha256' && algorithm !== 'hs2019') {
    throw new Error(`unsupported signature algorithm ${algorithm} (only rsa-sha256 and hs2019)`)
  }
  const names = (params.headers ?? (algorithm === 'hs2019' ? '(created)' : 'date')).toLowerCase().trim().split(/\s+/)
  for (const required of ['(request-target)', 'host']) {
    if (!names.includes(required)) throw new Error(`${required} is not signed (signed: ${names.join(' ')})`)
  }
  if (!names.includes('date') && !names.includes('(created)')) {
    throw new Error(`neither date nor (created) is signed (signed: ${names.join(' ')})`)
  }
  if (req.body && req.body.length > 0) checkBodyDigest(req.headers, req.body, names)
  if (names.includes('date')) {
    const sent = Date.parse(req.headers.date ?? '')
    if (Number.isNaN(sent)) throw new Error(`the Date header is missing or invalid: ${req.headers.date}`)
    if (Math.abs(now - sent) > WINDOW_MS) {
      throw new Error(`the Date header (${req.headers.date}) is more than 12 hours away from now`)
    }
  }
  if (names.includes('(created)')) {
    if (algorithm !== 'hs2019') throw new Error('(created) is only allowed with hs2019')
    checkCreated(Number(params.created), now)
  }
  if (params.expires !== undefined && Number(params.expires) * 1000 < now - SKEW_MS) {
    throw new Error('the signature has expired')
  }
  return {
    keyId: params.keyId,
    signed: signingString(names, req, params),
    signature: Buffer.from(params.signature, 'base64'),
  }
}

function checkCreated(created: number, now: number): void {
  if (!Number.isInteger(created)) throw new Error('the signature has no valid created parameter')
  if (created * 1000 > now + SKEW_MS) throw new Error('the signature was created in the future')
  if (now - created * 1000 > WINDOW_MS) throw new Error('the signature was created more than 12 hours ago')
}

/** The body's digest: a signed Digest (RFC 3230) or, failing that, a signed Content-Digest (RFC 9530). */
function checkBodyDigest(headers: RequestParts['headers'], body: Uint8Array, names: readonly string[]): void {
  if (headers.digest !== undefined) {
    if (!names.includes('digest')) throw new Error('the Digest header is not signed')
    const offered = headers.digest.split(',').map((part) => {
      const at = part.indexOf('=')
      return [part.slice(0, at).trim().toLowerCase(), part.slice(at + 1).trim()] as const
    })
    const sha256 = offered.find(([algorithm]) => algorithm === 'sha-256')
    if (!sha256) throw new Error(`the Digest header offers no SHA-256 (only ${offered.map((o) => o[0]).join(', ')})`)
    const computed = createHash('sha256').update(body).digest('base64')
    if (sha256[1] !== computed) {
      throw new Error(`the Digest header does not match the body (given SHA-256=${sha256[1]}, computed ${computed})`)
    }
    return
  }
  if (headers['content-digest'] !== undefined) {
    if (!names.includes('content-digest')) throw new Error('the Content-Digest header is not signed')
    checkContentDigest(headers['content-digest'], body)
    return
  }
  throw new Error('the request has a body but no Digest header')
}

function checkContentDigest(header: string, body: Uint8Array): void {
  const offered = header.split(',').map((part) => /^\s*([A-Za-z0-9-]+)=:([A-Za-z0-9+/=]*):\s*$/.exec(part))
  let checked = false
  for (const match of offered) {
    const algorithm = match?.[1]?.toLowerCase()
    if (algorithm !== 'sha-256' && algorithm !== 'sha-512') continue
    const computed = createHash(algorithm.replace('-', '')).update(body).digest('base64')
    if (match![2] !== computed) {
      throw new Error(`the Content-Digest header does not match the body (given ${match![2]}, computed ${computed})`)
    }
    checked = true
  }
  if (!checked) throw new Error(`the Content-Digest header offers neither sha-256 nor sha-512: ${header}`)
}

/** Whether `signature` is `key`'s over `signed` (RSASSA-PKCS1-v1_5 with SHA-256, or Ed25519 for such a key). */
export function verifySigned(signed: string, signature: Uint8Array, key: KeyObject): boolean {
  try {
    return verify(key.asymmetricKeyType === 'ed25519' ? null : 'sha256', Buffer.from(signed), key, signature)
  } catch {
    return false
  }
}

/** One signature of an RFC 9421 Signature-Input header. */
export interface SignatureInput {
  label: string
  /** The covered component names, without quotes. */
  components: string[]
  params: Record<string, string | number | boolean>
  /** The member's value as sent, which is what "@signature-params" covers. */
  raw: string
}

/**
 * The signatures of an RFC 9421 Signature-Input header (a structured-field dictionary of inner lists of strings).
 * Components with their own parameters (e.g. "@query-param";name="x") are not supported and throw.
 */
export function parseSignatureInput(value: string): SignatureInput[] {
  let at = 0
  const fail = (what: string): never => {
    throw new Error(`the Signature-Input header is malformed (${what} at ${at}): ${value}`)
  }
  const spaces = () => {
    while (value[at] === ' ' || value[at] === '\t') at++
  }
  const match = (pattern: RegExp): string | undefined => {
    pattern.lastIndex = at
    const found = pattern.exec(value)
    if (found) at = pattern.lastIndex
    return found?.[0]
  }
  const string = (): string => {
    if (value[at] !== '"') fail('a string')
    at++
    let out = ''
    while (at < value.length && value[at] !== '"') {
      if (value[at] === '\\') at++
      out += value[at++]
    }
    if (value[at] !== '"') fail('an unterminated string')
    at++
    return out
  }
  const item = (): string | number | boolean => {
    if (value[at] === '"') return string()
    if (value[at] === '?') {
      at += 2
      return value[at - 1] === '1'
    }
    const integer = match(/-?\d+/y)
    if (integer !== undefined) return Number(integer)
    return match(/[A-Za-z*][A-Za-z0-9:/!#$%&'*+.^_`|~-]*/y) ?? match(/:[A-Za-z0-9+/=]*:/y) ?? fail('a value')
  }
  const params = (): Record<string, string | number | boolean> => {
    const out: Record<string, string | number | boolean> = {}
    while (value[at] === ';') {
      at++
      spaces()
      const key = match(/[a-z*][a-z0-9_.*-]*/y) ?? fail('a parameter name')
      if (value[at] === '=') {
        at++
        out[key] = item()
      } else out[key] = true
    }
    return out
  }
  const inputs: SignatureInput[] = []
  spaces()
  while (at < value.length) {
    const label = match(/[a-z*][a-z0-9_.*-]*/y) ?? fail('a label')
    if (value[at++] !== '=') fail('"="')
    const start = at
    if (value[at++] !== '(') fail('"("')
    const components: string[] = []
    for (;;) {
      spaces()
      if (value[at] === ')') break
      components.push(string())
      if (Object.keys(params()).length > 0) fail('a component with parameters (not supported)')
    }
    at++
    const signatureParams = params()
    inputs.push({ label, components, params: signatureParams, raw: value.slice(start, at) })
    spaces()
    if (at < value.length) {
      if (value[at++] !== ',') fail('","')
      spaces()
    }
  }
  return inputs
}

/** The signatures of an RFC 9421 Signature header: label → bytes. */
export function parseSignatureDictionary(value: string): Map<string, Buffer> {
  const out = new Map<string, Buffer>()
  const pattern = /\s*([a-z*][a-z0-9_.*-]*)=:([A-Za-z0-9+/=]*):(?:;[^,]*)?\s*(?:,|$)/y
  let at = 0
  while (at < value.length) {
    pattern.lastIndex = at
    const match = pattern.exec(value)
    if (!match || pattern.lastIndex === at) break
    out.set(match[1]!, Buffer.from(match[2]!, 'base64'))
    at = pattern.lastIndex
  }
  return out
}

/** A request as RFC 9421 sees it: the full target URI. */
export interface Rfc9421Request {
  method: string
  url: string
  headers: Record<string, string | undefined>
}

/** The RFC 9421 signature base: `"component": value` lines, then `"@signature-params": …`, joined with \n. */
export function signatureBase(components: readonly string[], signatureParams: string, req: Rfc9421Request): string {
  const url = new URL(req.url)
  const lines = components.map((name) => {
    let value: string | undefined
    if (name === '@method') value = req.method.toUpperCase()
    else if (name === '@target-uri') value = url.href
    else if (name === '@authority') value = url.host
    else if (name === '@scheme') value = url.protocol.slice(0, -1)
    else if (name === '@request-target') value = url.pathname + url.search
    else if (name === '@path') value = url.pathname
    else if (name === '@query') value = url.search || '?'
    else if (name.startsWith('@')) throw new Error(`the component ${name} is not supported`)
    else value = req.headers[name]?.trim()
    if (value === undefined) throw new Error(`the covered header ${name} is missing from the request`)
    return `"${name}": ${value}`
  })
  lines.push(`"@signature-params": ${signatureParams}`)
  return lines.join('\n')
}

/** RFC 9421 Signature-Input and Signature headers, rsa-v1_5-sha256 over `components` of `req`. */
export function signRfc9421(
  privateKey: KeyObject | string,
  keyId: string,
  components: readonly string[],
  req: Rfc9421Request,
  created = Math.floor(Date.now() / 1000),
): { 'signature-input': string; signature: string } {
  const covered = components.map((c) => `"${c}"`).join(' ')
  const params = `(${covered});alg="rsa-v1_5-sha256";keyid="${keyId}";created=${created}`
  const signature = sign('sha256', Buffer.from(signatureBase(components, params, req)), privateKey)
  return { 'signature-input': `sig1=${params}`, signature: `sig1=:${signature.toString('base64')}:` }
}

/**
 * Everything checked in an RFC 9421 signature before the key is needed (as Mastodon 4.5 does): a labelled
 * signature with a keyid; a supported alg; created within 12 hours; @method and the target covered, and a
 * covered Content-Digest matching any body. Throws an Error whose message is the reason for refusing.
 */
export function checkRfc9421(req: Rfc9421Request & { body?: Uint8Array }, now = Date.now()): SignatureCheck {
  const inputs = parseSignatureInput(req.headers['signature-input'] ?? '')
  const signatures = parseSignatureDictionary(req.headers.signature ?? '')
  const input = inputs.find((i) => signatures.has(i.label))
  if (!input) throw new Error('no Signature matches a Signature-Input label')
  const { keyid, alg, created, expires } = input.params
  if (typeof keyid !== 'string') throw new Error('the Signature-Input has no keyid')
  if (alg !== undefined && alg !== 'rsa-v1_5-sha256' && alg !== 'ed25519') throw new Error(`unsupported alg ${alg}`)
  checkCreated(Number(created), now)
  if (typeof expires === 'number' && expires * 1000 < now - SKEW_MS) throw new Error('the signature has expired')
  const covers = (name: string) => input.components.includes(name)
  if (!covers('@method')) throw new Error('@method is not covered')
  if (!covers('@target-uri') && !(covers('@authority') && (covers('@path') || covers('@request-target')))) {
    throw new Error('the target is not covered (@target-uri, or @authority with @path)')
  }
  if (req.body && req.body.length > 0) {
    if (!covers('content-digest') || req.headers['content-digest'] === undefined) {
      throw new Error('the request has a body but no covered Content-Digest')
    }
    checkContentDigest(req.headers['content-digest'], req.body)
  }
  return {
    keyId: keyid,
    signed: signatureBase(input.components, input.raw, req),
    signature: signatures.get(input.label)!,
  }
}

// ---------------------------------------------------------------------------------------------------------------
// The peer.

export interface PeerOptions {
  /** The loopback address to listen on (default 127.0.0.1); 127.0.0.2 etc. give a second "host". */
  hostname?: string
  /** 0 (the default) takes any free port. */
  port?: number
  /** Default 'alice'. */
  username?: string
  /** The display name; default the username, capitalised. */
  name?: string
  /** Sign outgoing GETs (actor, key and object fetches) as Mastodon does in secure mode. Default true. */
  signGets?: boolean
  /** Verify RFC 9421 signatures (as Mastodon 4.5 does) instead of answering them 401. Default false. */
  acceptRfc9421?: boolean
  /**
   * Mastodon's AUTHORIZED_FETCH ("secure mode"): notes, activities and collections are served only to a GET with a
   * valid signature (the key fetched with the peer's own signed GET), else 401; an unsigned (or unverifiable) GET of
   * the actor gets Mastodon's restricted actor (id, type, preferredUsername, inbox, publicKey, endpoints), which is how
   * Mastodon lets other servers verify its signatures without a loop. 'strict' answers that GET 401 too. WebFinger,
   * the avatar, HTML pages and the instance actor stay public. Default false.
   */
  requireSignedFetch?: boolean | 'strict'
  /** Verify signed GETs (recorded in `fetches`) even when not requiring them. Default: as requireSignedFetch. */
  verifyFetches?: boolean
}

/** A GET another server made of this peer. */
export interface FetchRecord {
  /** The path and query asked for. */
  path: string
  accept: string
  /** The keyId the Signature header named, or null when unsigned. */
  keyId: string | null
  /**
   * Whether the signature verified: true or false when it was checked (requireSignedFetch or verifyFetches), null
   * when the GET was unsigned or not checked.
   */
  verified: boolean | null
  /** Why the signature was not accepted, when verified is false. */
  reason?: string
  /** The status answered (set once the answer is sent). */
  status?: number
  at: number
}

/** A POST that reached one of the peer's inboxes, whatever became of it. */
export interface InboxHit {
  path: string
  /** The status answered: 202 accepted, 401 refused, or what `failInbox` made it answer. */
  status: number
  /** The activity's type and id, when the body parsed. */
  type?: string
  activityId?: string
  at: number
}

/** How `failInbox` makes the peer's inboxes misbehave, as a dead or dying instance would. */
export interface InboxFailure {
  /** Answer this status (500, 410, 503…) instead of processing the delivery. */
  status?: number
  /** Hold each request this long before answering (Infinity: never answer, until close). */
  delayMs?: number
  /** Only the next this many requests; then the inboxes work again. Default: until failInbox(null). */
  times?: number
  /** 'all' also makes GETs (WebFinger, actor, objects) misbehave. Default 'inbox'. */
  scope?: 'inbox' | 'all'
}

/** An incoming Move and what this peer made of it (Mastodon's ActivityPub::Activity::Move and MoveWorker). */
export interface MoveRecord {
  activityId: string
  /** The moved account (the Move's actor and object). */
  from: string
  /** The Move's target. */
  to: string
  /** True when the peer re-followed the target (a Follow sent to it, the old account unfollowed). */
  accepted: boolean
  /** What was done, or why not. */
  reason: string
  at: number
}

/** A verified delivery to the peer's inbox or shared inbox. */
export interface ReceivedActivity {
  activity: AS
  path: string
  keyId: string
  headers: Record<string, string>
  at: number
}

export interface RefusedDelivery {
  path: string
  status: number
  reason: string
}

/** Ways `deliver` can spoil a delivery, for the tests of refusals. */
export interface Tamper {
  /** No signature at all (the Digest is still sent). */
  unsigned?: boolean
  /** Sign with a second, fresh key while still naming the peer's real keyId. */
  wrongKey?: boolean
  /** Sign with a key served at origin + '/keys/other' whose owner is this actor id. */
  keyOwner?: string
  /** This Date header (and, for RFC 9421, this created time), signed. */
  date?: string
  /** A Digest (or Content-Digest) of other bytes than the body, signed. */
  badDigest?: boolean
  /** Sign with RFC 9421 only (Signature-Input, Content-Digest), no draft-cavage signature. */
  rfc9421Only?: boolean
}

/** A key the peer signs with, and the keyId it names. */
interface Signer {
  key: KeyObject
  keyId: string
}

export interface FollowState {
  follow: AS
  state: 'pending' | 'accepted' | 'rejected'
}

/**
 * A quote this peer made with an FEP-044f QuoteRequest, and what came of it (Mastodon's Quote): pending until the
 * quoted author answers; accepted once its Accept's QuoteAuthorization verifies; rejected by a Reject; revoked by a
 * Delete of the authorization (or a Reject) after acceptance.
 */
export interface QuoteRecord {
  /** The quoting Note's id. */
  noteId: string
  /** The quoted post: the Note's quote, the QuoteRequest's object. */
  postUrl: string
  /** The QuoteRequest's id. */
  requestId: string
  /** The quoted author's actor id: the QuoteRequest went to it, and only it may answer. */
  author: string
  state: 'pending' | 'accepted' | 'rejected' | 'revoked'
  /** The verified QuoteAuthorization (the Accept's result), served as the Note's quoteAuthorization while accepted. */
  authorization?: string
  /** What the last answer did, or why it was not taken. */
  reason?: string
}

export interface Peer {
  /** e.g. http://127.0.0.2:41234 */
  origin: string
  /** origin + '/users/alice' */
  actorId: string
  /** origin + '/users/alice#main-key' */
  keyId: string
  /** 'alice@127.0.0.2:41234' */
  handle: string
  publicKeyPem: string
  /** Verified deliveries, oldest first. */
  received: ReceivedActivity[]
  /** Deliveries refused, with the reason (401 for anything about the signature). */
  refused: RefusedDelivery[]
  /** GETs others made of this peer, with the keyId their signature named, null if unsigned, and whether it verified. */
  fetches: FetchRecord[]
  /** Every POST to an inbox (the actor's, the shared one, the instance actor's), whatever was answered. */
  inboxHits: InboxHit[]
  /** Incoming Moves and what came of each. */
  moves: MoveRecord[]
  /** The instance actor (origin + '/actor'), which Mastodon signs its key fetches and reports with. */
  instanceActorId: string
  /** origin + '/actor#main-key' */
  instanceKeyId: string
  /** The ids this peer's actor lists in alsoKnownAs. */
  readonly alsoKnownAs: readonly string[]
  /** Where this peer's actor has moved (served as movedTo), once it has. */
  readonly movedTo: string | undefined
  /** Every delivery this peer made, with the answer's status. */
  sent: { inbox: string; activityId: string; type: string; status: number }[]
  /** Failures of work done after answering (sending an Accept), which no caller awaits. */
  errors: string[]
  /** Who follows this peer: actor id → actor document. Updated before the Accept goes out. */
  followers: Map<string, AS>
  /** This peer's follows: followed actor id → the Follow and what came back. */
  following: Map<string, FollowState>
  /** The actor the verbs address by default: the last one looked up or followed. */
  readonly target: AS | undefined
  /** WebFinger, then the actor fetch; the actor becomes `target`. */
  lookup(acct: string, scheme?: 'http' | 'https'): Promise<AS>
  /**
   * A GET with the ActivityPub Accept; the body is parsed when it is JSON. Signed unless `signed` is false (default:
   * the signGets option), by the peer's actor or, with `as: 'instance'`, its instance actor.
   */
  fetchObject(
    url: string,
    opts?: { signed?: boolean; as?: 'user' | 'instance' },
  ): Promise<{ status: number; contentType: string; body: AS }>
  follow(actor: AS): Promise<AS>
  /** Undo of the last Follow to `actor` (default: the last Follow sent). */
  unfollow(actor?: AS): Promise<void>
  /** A public Note in reply to `to`; returns the Note. */
  reply(to: { id: string; attributedTo?: string }, html: string, opts?: { mention?: AS }): Promise<AS>
  /** A public Note linking to `linkTo`, without inReplyTo, mentioning `opts.mention` (default: target; null: none). */
  mentionPost(html: string, linkTo: string, opts?: { mention?: AS | null }): Promise<AS>
  like(objectId: string): Promise<AS>
  announce(objectId: string): Promise<AS>
  undo(activity: AS): Promise<void>
  /**
   * A public Note quoting `postUrl` (no inReplyTo), as Mastodon writes one: FEP-044f `quote`, with `quoteUrl`,
   * `_misskey_quote` and `quoteUri` beside it, and a `RE: <link>` in a span.quote-inline after the text. Delivered to
   * `opts.author`'s (shared) inbox (default: target) and to the peer's followers. With `request`, an FEP-044f
   * QuoteRequest follows, as Mastodon 4.5 sends, and the quote is recorded with the request's id (see quotes). `link`
   * is the URL shown after RE: (default postUrl).
   */
  quote(postUrl: string, html: string, opts?: { author?: AS; link?: string; request?: boolean }): Promise<AS>
  /**
   * Every quote made with `request`, oldest first, as Mastodon 4.5 takes the answers: an Accept (from the quoted
   * author, of the QuoteRequest by id or embedded) counts only once its `result` is fetched (signed by the instance
   * actor, unless signGets is false) and verifies as a QuoteAuthorization of this note and that post, by that author, on that author's host;
   * then the note serves quoteAuthorization. A Reject rejects a pending quote and revokes an accepted one, as does a
   * Delete of the authorization.
   */
  quotes(): QuoteRecord[]
  /**
   * The record of the quote `noteId`, once it reaches `state` (default: any answer taken, i.e. not pending) within
   * timeoutMs; else rejects with the record's state and reason (at once when `state` can no longer be reached).
   */
  waitForQuote(noteId: string, state?: 'accepted' | 'rejected' | 'revoked', timeoutMs?: number): Promise<QuoteRecord>
  /**
   * A report as Mastodon sends one (ReportService#forward_to_origin!): a Flag by the instance actor (or, with
   * `asUser`, by the peer's actor), object = [reported actor id, status ids…], content = the comment, delivered to
   * the reported actor's own inbox (or `opts.inbox`). Returns the Flag.
   */
  flag(objects: string[], content: string, opts?: { inbox?: string; asUser?: boolean }): Promise<AS>
  /** The ids the actor lists in alsoKnownAs (served at once), as a Mastodon account's aliases are set before a move. */
  setAlsoKnownAs(ids: string[]): void
  /**
   * Moves this account to `target`, as Mastodon's MoveService: refuses unless `target` lists this actor in
   * alsoKnownAs (`unchecked` skips that, to test receivers that must check it); then the actor serves movedTo, and
   * an Update of the actor and a Move {actor: old, object: old, target: new} go to the followers' (shared) inboxes
   * and to `opts.to`. Returns the Move.
   */
  move(target: string, opts?: { to?: string | string[]; unchecked?: boolean }): Promise<AS>
  /** `newPeer` adds this actor to its alsoKnownAs, then this peer moves there (see move). */
  moveTo(newPeer: Peer, opts?: { to?: string | string[] }): Promise<AS>
  /** The move record for a Move from `from` (default: any), once processed (within timeoutMs). */
  waitForMove(from?: string, timeoutMs?: number): Promise<MoveRecord>
  /**
   * Makes the inboxes (and, with scope 'all', every URL) answer `failure.status` and/or hang `delayMs`, for the next
   * `times` requests or until failInbox(null).
   */
  failInbox(failure: InboxFailure | null): void
  /** How many POSTs reached `path` (an inbox path such as '/inbox' or '/users/alice/inbox'; default: all inboxes). */
  deliveryCount(path?: string): number
  /** An Update of one of this peer's notes; returns the updated Note. */
  update(note: AS, html: string): Promise<AS>
  deleteNote(note: AS): Promise<void>
  deleteAccount(): Promise<void>
  deliver(inbox: string, activity: AS, tamper?: Tamper): Promise<Response>
  /** The first received activity (already received, or arriving within timeoutMs) that `predicate` accepts. */
  waitFor(predicate: (activity: AS) => boolean, timeoutMs?: number): Promise<AS>
  close(): Promise<void>
}

const idOf = (value: AS): string | undefined =>
  typeof value === 'string' ? value : typeof value?.id === 'string' ? value.id : undefined

/**
 * Whether a document is FEP-044f's QuoteAuthorization: in the ActivityStreams context (Mastodon's supported_context?),
 * of the type's IRI, or of the compact term as the document's own @context defines it (Mastodon's and Fedify's map
 * `QuoteAuthorization` to the IRI inline). A term the context leaves undefined is no QuoteAuthorization.
 */
function isQuoteAuthorization(doc: AS): boolean {
  const contexts: AS[] = [doc['@context'] ?? []].flat()
  if (!contexts.includes(AS_CONTEXT)) return false
  const types: unknown[] = [doc.type ?? []].flat()
  if (types.includes(QUOTE_AUTHORIZATION)) return true
  if (!types.includes('QuoteAuthorization')) return false
  // The last definition of the term wins, as in JSON-LD.
  const defined = contexts.findLast((c) => c !== null && typeof c === 'object' && 'QuoteAuthorization' in c)
  const term = defined?.QuoteAuthorization
  return (typeof term === 'string' ? term : term?.['@id']) === QUOTE_AUTHORIZATION
}

const isApType = (type: unknown) =>
  typeof type === 'string' &&
  (type.startsWith(AP_TYPE) || (type.startsWith('application/ld+json') && type.includes('activitystreams')))

const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!)

/** Mastodon's timestamps: ISO 8601 to the second. */
const isoNow = () => new Date().toISOString().replace(/\.\d{3}Z$/, 'Z')

const withoutContext = (doc: AS): AS => {
  const { '@context': _context, ...rest } = doc
  return rest
}

function generateRsaKey(): Promise<{ privateKey: KeyObject; publicKey: KeyObject }> {
  return new Promise((resolve, reject) =>
    generateKeyPair('rsa', { modulusLength: 2048 }, (error, publicKey, privateKey) =>
      error ? reject(error) : resolve({ privateKey, publicKey }),
    ),
  )
}

function flatHeaders(headers: IncomingHttpHeaders): Record<string, string> {
  const out: Record<string, string> = {}
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined) out[name] = Array.isArray(value) ? value.join(', ') : value
  }
  return out
}

async function readBody(req: IncomingMessage): Promise<Buffer | null> {
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length
    if (size > MAX_BODY) return null
    chunks.push(chunk)
  }
  return Buffer.concat(chunks)
}

function respond(res: ServerResponse, status: number, type: string, body: string | Buffer = ''): void {
  res.writeHead(status, { 'content-type': type, 'content-length': Buffer.byteLength(body) })
  res.end(body)
}

const respondJson = (res: ServerResponse, status: number, doc: AS, type = `${AP_TYPE}; charset=utf-8`) =>
  respond(res, status, type, JSON.stringify(doc))

/** Starts a peer on `hostname`: it answers WebFinger, serves its actor and objects, and verifies its inbox. */
export async function startPeer(options: PeerOptions = {}): Promise<Peer> {
  const hostname = options.hostname ?? '127.0.0.1'
  const username = options.username ?? 'alice'
  const displayName = options.name ?? username.charAt(0).toUpperCase() + username.slice(1)
  const signGets = options.signGets ?? true
  const acceptRfc9421 = options.acceptRfc9421 ?? false
  const requireSignedFetch = options.requireSignedFetch ?? false
  const verifyFetches = options.verifyFetches ?? requireSignedFetch !== false
  const [{ privateKey, publicKey }, instanceKeys] = await Promise.all([generateRsaKey(), generateRsaKey()])
  const publicKeyPem = publicKey.export({ type: 'spki', format: 'pem' }).toString()
  const instancePublicKeyPem = instanceKeys.publicKey.export({ type: 'spki', format: 'pem' }).toString()
  /** The key `wrongKey` and `keyOwner` sign with, made on first use. */
  let spareKey: Promise<{ privateKey: KeyObject; publicKeyPem: string }> | undefined
  let otherKeyOwner: string | undefined

  const received: ReceivedActivity[] = []
  const refused: RefusedDelivery[] = []
  const fetches: FetchRecord[] = []
  const inboxHits: InboxHit[] = []
  const moves: MoveRecord[] = []
  const quotes: QuoteRecord[] = []
  const sent: Peer['sent'] = []
  const errors: string[] = []
  const followers = new Map<string, AS>()
  const following = new Map<string, FollowState>()
  /** What this peer serves at its own URLs (notes, their /@user/n aliases, activities); `gone` after a delete. */
  const objects = new Map<string, { doc: AS; gone: boolean }>()
  /** For each activity or note sent: the inboxes it went to, so an Undo, Update or Delete follows it. */
  const sentTo = new Map<string, string[]>()
  /** Actor documents seen (looked up, or fetched as a key's owner), by id. */
  const actors = new Map<string, AS>()
  /** The handles actors were looked up by, for Mention names. */
  const handles = new Map<string, string>()
  /** Verified keys by keyId, as Mastodon keeps an actor's key until a signature fails with it. */
  const keys = new Map<string, { owner: string; key: KeyObject }>()
  /** The ids of Follows of this peer, to their actors, so an Undo naming only the id is understood. */
  const followsOfMe = new Map<string, string>()
  const waiters = new Set<{ predicate: (activity: AS) => boolean; settle: (activity: AS | Error) => void }>()
  let target: AS | undefined
  let lastFollowed: string | undefined
  let deleted = false
  let counter = 0
  let closing = false
  let alsoKnownAs: string[] = []
  let movedTo: string | undefined
  /** What failInbox set, with how many requests it still applies to. */
  let failure: (InboxFailure & { left: number }) | null = null
  /** Requests held by a failure's delay, released (and timers cleared) on close. */
  const held = new Set<() => void>()

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      errors.push(`${req.method} ${req.url}: ${String(error)}`)
      if (!res.headersSent) respond(res, 500, 'text/plain', 'internal error')
      else res.destroy()
    })
  })
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port ?? 0, hostname, () => {
      server.off('error', reject)
      resolve()
    })
  })
  const { port } = server.address() as AddressInfo
  const host = `${hostname.includes(':') ? `[${hostname}]` : hostname}:${port}`
  const origin = `http://${host}`
  const actorPath = `/users/${username}`
  const actorId = origin + actorPath
  const keyId = `${actorId}#main-key`
  const profileUrl = `${origin}/@${username}`
  const followersUrl = `${actorId}/followers`
  const otherKeyId = `${origin}/keys/other`
  const instanceActorId = `${origin}/actor`
  const instanceKeyId = `${instanceActorId}#main-key`
  /** Who signs: the peer's account, or its instance actor (Mastodon signs its fetches and reports as the latter). */
  const me: Signer = { key: privateKey, keyId }
  const instance: Signer = { key: instanceKeys.privateKey, keyId: instanceKeyId }
  const userAgent = `DaisyTestPeer/1.0 (+${origin}/)`
  const published = isoNow()

  // --- Serving -------------------------------------------------------------------------------------------------

  function actorDocument(): AS {
    const moving = alsoKnownAs.length > 0 || movedTo !== undefined
    return {
      '@context': moving ? [AS_CONTEXT, SECURITY_CONTEXT, MOVE_TERMS] : [AS_CONTEXT, SECURITY_CONTEXT],
      id: actorId,
      type: 'Person',
      preferredUsername: username,
      name: displayName,
      summary: `<p>${escapeHtml(displayName)} is a test peer of Daisy's end-to-end tests.</p>`,
      url: profileUrl,
      published,
      inbox: `${actorId}/inbox`,
      outbox: `${actorId}/outbox`,
      followers: followersUrl,
      following: `${actorId}/following`,
      endpoints: { sharedInbox: `${origin}/inbox` },
      icon: { type: 'Image', mediaType: 'image/png', url: `${origin}/avatar.png` },
      publicKey: { id: keyId, owner: actorId, publicKeyPem },
      ...(alsoKnownAs.length > 0 ? { alsoKnownAs: [...alsoKnownAs] } : {}),
      ...(movedTo !== undefined ? { movedTo } : {}),
    }
  }

  /** Mastodon's instance actor (InstanceActorsController): always served, to anyone, signed or not. */
  function instanceActorDocument(): AS {
    return {
      '@context': [AS_CONTEXT, SECURITY_CONTEXT, { manuallyApprovesFollowers: 'as:manuallyApprovesFollowers' }],
      id: instanceActorId,
      type: 'Application',
      preferredUsername: host,
      inbox: `${instanceActorId}/inbox`,
      outbox: `${instanceActorId}/outbox`,
      url: `${origin}/about/more?instance_actor=true`,
      manuallyApprovesFollowers: true,
      endpoints: { sharedInbox: `${origin}/inbox` },
      publicKey: { id: instanceKeyId, owner: instanceActorId, publicKeyPem: instancePublicKeyPem },
    }
  }

  const collection = (id: string, items: AS[]) => ({
    '@context': AS_CONTEXT,
    id,
    type: 'OrderedCollection',
    totalItems: items.length,
    orderedItems: items,
  })

  const tombstone = (res: ServerResponse, id: string) =>
    respondJson(res, 410, { '@context': AS_CONTEXT, id, type: 'Tombstone' })

  function notePage(note: AS): string {
    return (
      `<!doctype html><html><head><meta charset="utf-8"><title>${escapeHtml(displayName)}</title>` +
      `<link rel="alternate" type="${AP_TYPE}" href="${escapeHtml(note.id)}"></head>` +
      `<body><article class="h-entry"><div class="e-content">${note.content}</div></article></body></html>`
    )
  }

  const isInbox = (path: string) => path === `${actorPath}/inbox` || path === '/inbox' || path === '/actor/inbox'

  /** The failure set by failInbox that applies to this request (counting it), or null. */
  function failureFor(method: string, path: string): InboxFailure | null {
    if (!failure) return null
    if (failure.scope !== 'all' && !(method === 'POST' && isInbox(path))) return null
    const applied = failure
    if (--applied.left <= 0) failure = null
    return applied
  }

  /** Waits `ms` (forever when not finite), or until the peer closes. */
  const hold = (ms: number) =>
    new Promise<void>((resolve) => {
      const release = () => {
        clearTimeout(timer)
        held.delete(release)
        resolve()
      }
      const timer = Number.isFinite(ms) ? setTimeout(release, ms) : undefined
      held.add(release)
    })

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', origin)
    const path = url.pathname
    const failing = failureFor(req.method ?? 'GET', path)
    if (failing?.delayMs) await hold(failing.delayMs)
    if (res.destroyed || closing) return
    if (req.method === 'POST') {
      if (!isInbox(path)) return respond(res, 404, 'text/plain', 'not found')
      if (failing?.status !== undefined) {
        inboxHits.push({ path, status: failing.status, at: Date.now() })
        await readBody(req)
        return respond(res, failing.status, 'text/plain', `made to fail with ${failing.status}`)
      }
      return inbox(req, res, path)
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') return respond(res, 405, 'text/plain', 'method not allowed')
    const accept = req.headers.accept ?? ''
    const signature = req.headers.signature
    const record: FetchRecord = {
      path: req.url ?? '/',
      accept,
      keyId: (typeof signature === 'string' && parseSignatureHeader(signature)?.keyId) || null,
      verified: null,
      at: Date.now(),
    }
    fetches.push(record)
    res.once('finish', () => {
      record.status = res.statusCode
    })
    if (failing?.status !== undefined) {
      return respond(res, failing.status, 'text/plain', `made to fail with ${failing.status}`)
    }
    const wantsJson = accept.includes('json')
    /** Whether the GET carries a valid signature: checked once, on first need, as Mastodon's signed_request_account. */
    let checked: Promise<boolean> | undefined
    const signedRequest = () =>
      (checked ??= (async () => {
        if (record.keyId === null || !verifyFetches) return false
        try {
          await verifyRequest(req.method ?? 'GET', req.url ?? path, flatHeaders(req.headers), Buffer.alloc(0))
          record.verified = true
        } catch (error) {
          record.verified = false
          record.reason = error instanceof Error ? error.message : String(error)
        }
        return record.verified
      })())
    /** Mastodon's require_account_signature! in secure mode: 401 unless the GET is signed and verifies. */
    const refusedUnsigned = async (): Promise<boolean> => {
      const ok = await signedRequest()
      if (requireSignedFetch === false || ok) return false
      const reason = record.keyId === null ? 'Request not signed' : `Verification failed: ${record.reason}`
      respondJson(res, 401, { error: reason }, 'application/json; charset=utf-8')
      return true
    }
    if (path === instanceActorId.slice(origin.length)) return respondJson(res, 200, instanceActorDocument())
    if (path === '/.well-known/webfinger') {
      const resource = (url.searchParams.get('resource') ?? '').toLowerCase()
      const names = [`acct:${username}@${host}`, `acct:${username}@${req.headers.host}`, actorId, profileUrl]
      if (deleted || !names.some((n) => n.toLowerCase() === resource)) return respond(res, 404, 'text/plain', '')
      return respondJson(
        res,
        200,
        {
          subject: `acct:${username}@${host}`,
          aliases: [profileUrl, actorId],
          links: [
            { rel: 'http://webfinger.net/rel/profile-page', type: 'text/html', href: profileUrl },
            { rel: 'self', type: AP_TYPE, href: actorId },
          ],
        },
        'application/jrd+json; charset=utf-8',
      )
    }
    if (path === actorPath || (path === `/@${username}` && wantsJson)) {
      if (deleted) return tombstone(res, actorId)
      const signedOk = await signedRequest()
      if (requireSignedFetch === false || signedOk) return respondJson(res, 200, actorDocument())
      if (requireSignedFetch === 'strict' && (await refusedUnsigned())) return
      const full = actorDocument()
      return respondJson(res, 200, Object.fromEntries(RESTRICTED_ACTOR_FIELDS.map((field) => [field, full[field]])))
    }
    if (path === `/@${username}`) {
      return respond(res, deleted ? 410 : 200, 'text/html; charset=utf-8', `<h1>${escapeHtml(displayName)}</h1>`)
    }
    if (path === '/avatar.png') return respond(res, 200, 'image/png', AVATAR_PNG)
    if (path === '/keys/other' && otherKeyOwner && spareKey) {
      const spare = await spareKey
      return respondJson(res, 200, {
        '@context': SECURITY_CONTEXT,
        id: otherKeyId,
        type: 'Key',
        owner: otherKeyOwner,
        publicKeyPem: spare.publicKeyPem,
      })
    }
    if (path.startsWith(`${actorPath}/`) || objects.has(origin + path)) {
      // A note asked for as a page is HTML, public as on Mastodon; everything else served as JSON is protected.
      const page = path.startsWith(`/@${username}/`) && !wantsJson
      if (!page && (await refusedUnsigned())) return
    }
    if (path === `${actorPath}/outbox`) {
      const items = [...new Set(objects.values())]
        .filter((o) => !o.gone && (o.doc.type === 'Create' || o.doc.type === 'Announce'))
        .map((o) => withoutContext(o.doc))
        .reverse()
      return respondJson(res, 200, collection(`${actorId}/outbox`, items))
    }
    if (path === `${actorPath}/followers`) return respondJson(res, 200, collection(followersUrl, [...followers.keys()]))
    if (path === `${actorPath}/following`) {
      const ids = [...following].filter(([, f]) => f.state === 'accepted').map(([id]) => id)
      return respondJson(res, 200, collection(`${actorId}/following`, ids))
    }
    const stored = objects.get(origin + path)
    if (stored) {
      if (stored.gone) return tombstone(res, stored.doc.id)
      // A note's url is its page, as on Mastodon; its id (and the page asked for as JSON) is the Note.
      if (path.startsWith(`/@${username}/`) && !wantsJson) {
        return respond(res, 200, 'text/html; charset=utf-8', notePage(stored.doc))
      }
      return respondJson(res, 200, stored.doc)
    }
    return respond(res, 404, 'text/plain', 'not found')
  }

  // --- The inbox -------------------------------------------------------------------------------------------------

  async function inbox(req: IncomingMessage, res: ServerResponse, path: string): Promise<void> {
    const hit: InboxHit = { path, status: 0, at: Date.now() }
    inboxHits.push(hit)
    const refuse = (status: number, reason: string) => {
      hit.status = status
      refused.push({ path, status, reason })
      respondJson(res, status, { error: reason }, 'application/json; charset=utf-8')
    }
    const body = await readBody(req)
    if (!body) return refuse(413, 'the body is larger than 1 MiB')
    const headers = flatHeaders(req.headers)
    let verified: { keyId: string; owner: string }
    try {
      verified = await verifyRequest(req.method ?? 'POST', req.url ?? path, headers, body)
    } catch (error) {
      return refuse(401, error instanceof Error ? error.message : String(error))
    }
    let activity: AS
    try {
      activity = JSON.parse(body.toString('utf8'))
    } catch {
      return refuse(400, 'the body is not JSON')
    }
    hit.type = typeof activity?.type === 'string' ? activity.type : undefined
    hit.activityId = typeof activity?.id === 'string' ? activity.id : undefined
    const actor = idOf(activity?.actor)
    if (actor !== verified.owner) {
      return refuse(401, `the key ${verified.keyId} belongs to ${verified.owner}, not to the activity's actor ${actor}`)
    }
    const followUp = react(activity, actor)
    received.push({ activity, path, keyId: verified.keyId, headers, at: Date.now() })
    hit.status = 202
    respond(res, 202, 'text/plain', '')
    for (const waiter of [...waiters]) {
      if (matches(waiter.predicate, activity)) waiter.settle(activity)
    }
    followUp?.().catch((error: unknown) => errors.push(`after ${activity.type} ${activity.id}: ${String(error)}`))
  }

  /** Mastodon's checks, then the key (fetched, or cached and refetched once on failure), then the signature. */
  async function verifyRequest(
    method: string,
    target: string,
    headers: Record<string, string>,
    body: Buffer,
  ): Promise<{ keyId: string; owner: string }> {
    let check: SignatureCheck
    if (headers['signature-input'] !== undefined) {
      // A Mastodon before 4.5 reads only the draft-cavage Signature header, so an RFC 9421 one fails to parse.
      if (!acceptRfc9421) throw new Error('RFC 9421 signatures (Signature-Input) are not supported: sign draft-cavage')
      check = checkRfc9421({ method, url: `http://${headers.host}${target}`, headers, body })
    } else {
      check = checkCavage({ method, target, headers, body })
    }
    const cached = keys.get(check.keyId)
    if (cached && verifySigned(check.signed, check.signature, cached.key)) {
      return { keyId: check.keyId, owner: cached.owner }
    }
    // An unknown key, or a cached one that fails (the actor may have rotated it): fetched afresh, once.
    const fresh = await fetchKey(check.keyId)
    keys.set(check.keyId, fresh)
    if (!verifySigned(check.signed, check.signature, fresh.key)) {
      throw new Error(`the signature does not verify with the key ${check.keyId}`)
    }
    return { keyId: check.keyId, owner: fresh.owner }
  }

  /** Dereferences a keyId: an actor publishing the key, or a key document whose owner must also publish it. */
  async function fetchKey(id: string): Promise<{ owner: string; key: KeyObject }> {
    const url = id.split('#')[0]!
    // Signed by the instance actor, as Mastodon's FetchRemoteKeyService does (Account.representative): a server in
    // secure mode verifies it with the always-public instance actor, so two such servers never wait on each other.
    const res = await get(url, AP_ACCEPT, signGets, instance)
    if (!res.ok) throw new Error(`fetching the key ${id} answered ${res.status}`)
    const doc: AS = await res.json().catch(() => null)
    if (typeof doc?.id !== 'string' || new URL(doc.id).origin !== new URL(url).origin) {
      throw new Error(`${url} did not answer a document of its own origin`)
    }
    const pem = (key: AS) => {
      try {
        return createPublicKey(key.publicKeyPem)
      } catch {
        throw new Error(`the key ${id} has no usable publicKeyPem`)
      }
    }
    if (doc.publicKey !== undefined) {
      const key = [doc.publicKey].flat().find((k: AS) => k?.id === id)
      if (!key) throw new Error(`${doc.id} does not publish the key ${id}`)
      if (key.owner !== undefined && key.owner !== doc.id) {
        throw new Error(`the key ${id} names ${key.owner} as its owner, not ${doc.id} which publishes it`)
      }
      actors.set(doc.id, doc)
      return { owner: doc.id, key: pem(key) }
    }
    if (typeof doc.owner === 'string' && doc.publicKeyPem !== undefined) {
      if (doc.id !== id) throw new Error(`the key document at ${url} is ${doc.id}, not ${id}`)
      // A key document alone proves nothing: its owner must publish it too (Mastodon confirms the same way).
      const owner = await fetchActor(doc.owner, instance)
      if (![owner.publicKey].flat().some((k: AS) => k?.id === id)) {
        throw new Error(`the key ${id} names ${doc.owner} as its owner, but that actor does not publish it`)
      }
      return { owner: doc.owner, key: pem(doc) }
    }
    throw new Error(`${url} is neither an actor with a publicKey nor a key with an owner`)
  }

  /**
   * Bookkeeping for what arrived, done before the delivery is answered; returns the work to do after answering
   * (Mastodon sends its Accept from a background job too).
   */
  function react(activity: AS, actor: string): (() => Promise<void>) | undefined {
    const object = activity.object
    switch (activity.type) {
      case 'Follow':
        if (idOf(object) !== actorId) return
        if (typeof activity.id === 'string') followsOfMe.set(activity.id, actor)
        if (actors.has(actor)) followers.set(actor, actors.get(actor))
        return async () => {
          const follower = actors.get(actor) ?? (await fetchActor(actor))
          followers.set(actor, follower)
          const accept = {
            '@context': AS_CONTEXT,
            id: newActivityId(),
            type: 'Accept',
            actor: actorId,
            object: { id: activity.id, type: 'Follow', actor, object: actorId },
          }
          // Mastodon answers to the follower's own inbox, not its shared one.
          await deliverAll([follower.inbox], accept)
        }
      case 'Undo': {
        const undone = idOf(object)
        const isFollow =
          (object?.type === 'Follow' && idOf(object.object) === actorId) ||
          (undone !== undefined && followsOfMe.get(undone) === actor)
        if (isFollow) followers.delete(actor)
        return
      }
      case 'Accept':
      case 'Reject': {
        // An answer to a QuoteRequest is a quote's business, never a Follow's.
        const quote = quoteAnswered(object)
        if (quote) return answerQuote(activity, actor, quote)
        if ([object?.type].flat().includes('QuoteRequest')) return
        const state = following.get(actor)
        if (!state) return
        // The Follow by its id, or (as Mastodon's accept/reject_embedded_follow) an embedded Follow of this actor
        // by this peer, whatever its id.
        const embedded =
          object?.type === 'Follow' &&
          idOf(object.actor) === actorId &&
          (object.object === undefined || idOf(object.object) === actor)
        if (idOf(object) !== state.follow.id && !embedded) return
        if (activity.type === 'Accept') state.state = 'accepted'
        // A Reject of a pending follow refuses it; of an accepted one, it ends it (Mastodon: UnfollowService).
        else if (state.state === 'accepted') following.delete(actor)
        else state.state = 'rejected'
        return
      }
      case 'Move':
        return () => followMove(activity, actor)
      case 'Delete':
        if (idOf(object) === actor) {
          followers.delete(actor)
          actors.delete(actor)
        }
        revokeQuote(idOf(object), actor)
        return
    }
  }

  // --- Quotes (FEP-044f, as Mastodon 4.5) ------------------------------------------------------------------------

  /**
   * The quote an Accept or Reject answers: its QuoteRequest by id (Mastodon's quote_request_from_object) or embedded,
   * matched by instrument and object (quote_from_request_json).
   */
  function quoteAnswered(object: AS): QuoteRecord | undefined {
    const id = idOf(object)
    const byId = id === undefined ? undefined : quotes.find((q) => q.requestId === id)
    if (byId || ![object?.type].flat().includes('QuoteRequest')) return byId
    const note = idOf(object.instrument)
    const post = idOf(object.object)
    return quotes.find((q) => q.noteId === note && q.postUrl === post)
  }

  /** The note as served, with or without its quoteAuthorization. */
  function serveAuthorization(noteId: string, authorization: string | undefined): void {
    const entry = objects.get(noteId)
    if (!entry) return
    const { quoteAuthorization: _old, ...doc } = entry.doc
    entry.doc = authorization === undefined ? doc : { ...doc, quoteAuthorization: authorization }
  }

  /**
   * An Accept or Reject of one of this peer's QuoteRequests. Only the quoted author may answer. A Reject is
   * Mastodon's Quote#reject!: a pending quote is rejected, an accepted one revoked. An Accept counts only for a
   * pending quote, and only once its result verifies (see verifyAuthorization), which is done after answering.
   */
  function answerQuote(activity: AS, actor: string, quote: QuoteRecord): (() => Promise<void>) | undefined {
    const verb = String(activity.type)
    if (actor !== quote.author) {
      quote.reason = `the ${verb} came from ${actor}, not from the quoted author ${quote.author}`
      return
    }
    if (verb === 'Reject') {
      if (quote.state === 'pending') quote.state = 'rejected'
      else if (quote.state === 'accepted') {
        quote.state = 'revoked'
        serveAuthorization(quote.noteId, undefined)
      } else return
      quote.reason = `${verb} ${String(activity.id)} by ${actor}`
      return
    }
    if (quote.state !== 'pending') return
    const result = idOf([activity.result].flat()[0])
    return async () => {
      const refusal = await verifyAuthorization(result, quote)
      if (quote.state !== 'pending') return
      if (refusal !== null) {
        quote.reason = refusal
        return
      }
      quote.state = 'accepted'
      quote.authorization = result
      quote.reason = `${verb} ${String(activity.id)} by ${actor}, with the QuoteAuthorization ${result} verified`
      serveAuthorization(quote.noteId, result)
    }
  }

  /**
   * The checks of Mastodon's Accept#accept_quote! and VerifyQuoteService on an Accept's `result`: an http(s) URL on
   * the quoted author's host, dereferenced (signed GET, by the instance actor as Mastodon's fetch_resource), whose
   * document has that id, the ActivityStreams context and FEP-044f's QuoteAuthorization type, and names the quoted
   * author (attributedTo), this note (interactingObject) and the quoted post (interactionTarget). Returns why it
   * does not hold, or null.
   */
  async function verifyAuthorization(url: string | undefined, quote: QuoteRecord): Promise<string | null> {
    if (url === undefined) return 'the Accept has no result (the QuoteAuthorization to check)'
    let location: URL
    try {
      location = new URL(url)
    } catch {
      return `the Accept's result ${url} is not a URL`
    }
    if (location.protocol !== 'http:' && location.protocol !== 'https:') {
      return `the Accept's result ${url} is not an http(s) URL`
    }
    const authorHost = new URL(quote.author).host
    if (location.host !== authorHost) {
      return `the authorization ${url} is on ${location.host}, not on the quoted author's host ${authorHost}`
    }
    let doc: AS
    try {
      const res = await get(url, AP_ACCEPT, signGets, instance)
      if (!res.ok) return `fetching the authorization ${url} answered ${res.status}`
      doc = await res.json().catch(() => null)
    } catch (error) {
      return `fetching the authorization ${url} failed: ${String(error)}`
    }
    if (doc === null || typeof doc !== 'object') return `the authorization ${url} is not a JSON object`
    if (doc.id !== url) return `the document at ${url} has the id ${String(doc.id)}, not its URL`
    if (!isQuoteAuthorization(doc)) {
      return `the authorization ${url} is of type ${JSON.stringify(doc.type)}, not FEP-044f's QuoteAuthorization`
    }
    const checks: [string, string | undefined, string][] = [
      ['attributedTo', idOf(doc.attributedTo), quote.author],
      ['interactingObject', idOf(doc.interactingObject), quote.noteId],
      ['interactionTarget', idOf(doc.interactionTarget), quote.postUrl],
    ]
    for (const [field, given, expected] of checks) {
      if (given !== expected) return `the authorization ${url} has ${field} ${String(given)}, not ${expected}`
    }
    return null
  }

  /** Mastodon's Delete of a QuoteAuthorization, by the quoted author: the accepted quote is revoked. */
  function revokeQuote(authorization: string | undefined, actor: string): void {
    const quote = quotes.find((q) => q.authorization === authorization && q.author === actor && q.state === 'accepted')
    if (!quote) return
    quote.state = 'revoked'
    quote.reason = `the authorization ${authorization} was deleted by ${actor}`
    serveAuthorization(quote.noteId, undefined)
  }

  // --- Outgoing requests -----------------------------------------------------------------------------------------

  /** A GET with `accept`, signed (request-target) host date when `signed`; redirects are followed and re-signed. */
  async function get(url: string, accept: string, signed = signGets, signer = me): Promise<Response> {
    let current = new URL(url)
    for (let hop = 0; ; hop++) {
      const headers: Record<string, string> = { accept, date: httpDate(), 'user-agent': userAgent }
      if (signed) {
        headers.signature = signCavage(signer.key, signer.keyId, ['(request-target)', 'host', 'date'], {
          method: 'GET',
          target: current.pathname + current.search,
          headers: { ...headers, host: current.host },
        })
      }
      const res = await fetch(current, { headers, redirect: 'manual', signal: AbortSignal.timeout(FETCH_TIMEOUT_MS) })
      const location = res.headers.get('location')
      if (res.status < 300 || res.status >= 400 || !location || hop >= 3) return res
      await res.body?.cancel()
      current = new URL(location, current)
    }
  }

  async function fetchActor(id: string, signer = me): Promise<AS> {
    const res = await get(id, AP_ACCEPT, signGets, signer)
    if (!res.ok) throw new Error(`fetching the actor ${id} answered ${res.status}`)
    const actor: AS = await res.json().catch(() => null)
    if (typeof actor?.id !== 'string' || new URL(actor.id).origin !== new URL(id).origin) {
      throw new Error(`${id} did not answer an actor of its own origin`)
    }
    actors.set(actor.id, actor)
    return actor
  }

  async function deliver(inbox: string, activity: AS, tamper: Tamper = {}, signer = me): Promise<Response> {
    const url = new URL(inbox)
    const body = JSON.stringify(activity)
    const digested = tamper.badDigest ? `${body}\n` : body
    const headers: Record<string, string> = {
      'content-type': AP_TYPE,
      date: tamper.date ?? httpDate(),
      'user-agent': userAgent,
    }
    let signingKey: KeyObject = signer.key
    let signingKeyId = signer.keyId
    if (tamper.wrongKey || tamper.keyOwner) {
      spareKey ??= generateRsaKey().then((pair) => ({
        privateKey: pair.privateKey,
        publicKeyPem: pair.publicKey.export({ type: 'spki', format: 'pem' }).toString(),
      }))
      signingKey = (await spareKey).privateKey
      if (tamper.keyOwner) {
        otherKeyOwner = tamper.keyOwner
        signingKeyId = otherKeyId
      }
    }
    if (tamper.rfc9421Only) {
      headers['content-digest'] = contentDigestHeader(digested)
      if (!tamper.unsigned) {
        const created = Math.floor((tamper.date ? Date.parse(tamper.date) : Date.now()) / 1000)
        const components = ['@method', '@target-uri', '@authority', 'content-type', 'content-digest', 'date']
        Object.assign(
          headers,
          signRfc9421(signingKey, signingKeyId, components, { method: 'POST', url: url.href, headers }, created),
        )
      }
    } else {
      headers.digest = digestHeader(digested)
      if (!tamper.unsigned) {
        headers.signature = signCavage(signingKey, signingKeyId, ['(request-target)', 'host', 'date', 'digest'], {
          method: 'POST',
          target: url.pathname + url.search,
          headers: { ...headers, host: url.host },
        })
      }
    }
    const res = await fetch(url, {
      method: 'POST',
      headers,
      body,
      redirect: 'manual',
      signal: AbortSignal.timeout(FETCH_TIMEOUT_MS),
    })
    sent.push({ inbox, activityId: String(activity?.id), type: String(activity?.type), status: res.status })
    return res
  }

  /** Delivers to each inbox once, remembering where it went; throws after trying them all if any refused. */
  async function deliverAll(inboxes: (string | undefined)[], activity: AS, signer = me): Promise<void> {
    const list = [...new Set(inboxes.filter((i): i is string => typeof i === 'string'))]
    sentTo.set(activity.id, [...new Set([...(sentTo.get(activity.id) ?? []), ...list])])
    const failures: string[] = []
    for (const inbox of list) {
      const res = await deliver(inbox, activity, {}, signer)
      const text = await res.text()
      if (!res.ok) failures.push(`${inbox} answered ${res.status}: ${text.slice(0, 300)}`)
    }
    if (failures.length > 0) throw new Error(`${activity.type} ${activity.id}: ${failures.join('; ')}`)
  }

  // --- Verbs -------------------------------------------------------------------------------------------------------

  const newActivityId = () => `${actorId}/activities/${randomUUID()}`
  /** Mastodon-like numeric status ids, unique across runs that reuse a port. */
  const newStatusNumber = () => `${Date.now()}${String(counter++ % 1000).padStart(3, '0')}`
  const inboxOf = (actor: AS): string | undefined => actor?.endpoints?.sharedInbox ?? actor?.inbox
  const followerInboxes = () => [...followers.values()].map(inboxOf)
  const publish = (doc: AS, ...aliases: string[]) => {
    const entry = { doc, gone: false }
    for (const url of [doc.id, ...aliases]) objects.set(url, entry)
  }
  const markGone = (id: string) => {
    const entry = objects.get(id)
    if (entry) entry.gone = true
  }
  const requireTarget = (): AS => {
    if (!target) throw new Error('no actor to address: lookup() or follow() one first')
    return target
  }
  const handleOf = (actor: AS) => handles.get(actor.id) ?? `${actor.preferredUsername}@${new URL(actor.id).host}`

  /** Creates, serves and delivers a public Note (to `recipient` and to this peer's followers). */
  async function createNote(
    content: string,
    extra: {
      inReplyTo?: string
      mention?: AS
      cc?: (string | undefined)[]
      recipient?: AS
      /** More fields for the Note, and the @context terms they need. */
      fields?: AS
      terms?: AS
    },
  ): Promise<AS> {
    const number = newStatusNumber()
    const id = `${actorId}/statuses/${number}`
    const url = `${profileUrl}/${number}`
    const note = {
      '@context': extra.terms ? [AS_CONTEXT, extra.terms] : AS_CONTEXT,
      id,
      type: 'Note',
      attributedTo: actorId,
      content,
      inReplyTo: extra.inReplyTo ?? null,
      published: isoNow(),
      url,
      to: [PUBLIC],
      cc: [...new Set([followersUrl, ...(extra.cc ?? []), extra.mention?.id].filter((c) => typeof c === 'string'))],
      tag: extra.mention ? [{ type: 'Mention', href: extra.mention.id, name: `@${handleOf(extra.mention)}` }] : [],
      ...extra.fields,
    }
    const create = {
      '@context': note['@context'],
      id: `${id}/activity`,
      type: 'Create',
      actor: actorId,
      published: note.published,
      to: note.to,
      cc: note.cc,
      object: withoutContext(note),
    }
    publish(note, url)
    publish(create)
    const inboxes = [inboxOf(extra.recipient), ...followerInboxes()]
    sentTo.set(id, [...new Set(inboxes.filter((i): i is string => typeof i === 'string'))])
    await deliverAll(inboxes, create)
    return note
  }

  /**
   * What Mastodon does with a verified Move (ActivityPub::Activity::Move, then MoveWorker's UnfollowFollowWorker):
   * only an account moving itself (object = actor); the target fetched afresh; unless it lists the old account in
   * alsoKnownAs nothing happens; else each local follower follows the target and unfollows the old account.
   */
  async function followMove(activity: AS, from: string): Promise<void> {
    const to = idOf(activity.target)
    const record = (accepted: boolean, reason: string) =>
      moves.push({ activityId: String(activity.id), from, to: to ?? '', accepted, reason, at: Date.now() })
    if (idOf(activity.object) !== from)
      return void record(false, `the object ${idOf(activity.object)} is not the actor`)
    if (to === undefined || to === from) return void record(false, 'the Move has no other target')
    if (moves.some((m) => m.from === from && m.accepted)) {
      return void record(false, 'a move of this account was already processed')
    }
    let target: AS
    try {
      target = await fetchActor(to)
    } catch (error) {
      return void record(false, `the target could not be fetched: ${String(error)}`)
    }
    const aliases = [target.alsoKnownAs ?? []].flat().map(idOf)
    if (!aliases.includes(from)) {
      return void record(false, `the target ${to} does not list ${from} in alsoKnownAs`)
    }
    const old = following.get(from)
    if (old?.state !== 'accepted') return void record(false, `this peer does not follow ${from}`)
    try {
      await peer.follow(target)
    } catch (error) {
      return void record(false, `the Follow of ${to} failed: ${String(error)}`)
    }
    try {
      await peer.undo(old.follow)
    } catch (error) {
      // The old server may well be gone: the follow is dropped here all the same, as Mastodon's UnfollowService does.
      return void record(true, `followed ${to}; the Undo to ${from} failed: ${String(error)}`)
    }
    record(true, `followed ${to} and unfollowed ${from}`)
  }

  /** Mastodon's MoveService: the redirect, then an Update of the actor and the Move to every follower's inbox. */
  async function move(to: string, inboxes: (string | undefined)[], unchecked: boolean): Promise<AS> {
    if (!unchecked) {
      const target = await fetchActor(to)
      if (![target.alsoKnownAs ?? []].flat().map(idOf).includes(actorId)) {
        throw new Error(`${to} does not list ${actorId} in alsoKnownAs: set it there first`)
      }
    }
    movedTo = to
    const everyone = [...followerInboxes(), ...inboxes]
    const update = {
      '@context': actorDocument()['@context'],
      id: `${actorId}#updates/${Date.now()}`,
      type: 'Update',
      actor: actorId,
      to: [PUBLIC],
      object: withoutContext(actorDocument()),
    }
    await deliverAll(everyone, update)
    const moveActivity = {
      '@context': AS_CONTEXT,
      id: `${actorId}#moves/${counter++}`,
      type: 'Move',
      actor: actorId,
      object: actorId,
      target: to,
    }
    publish(moveActivity)
    await deliverAll(everyone, moveActivity)
    return moveActivity
  }

  const peer: Peer = {
    origin,
    actorId,
    keyId,
    handle: `${username}@${host}`,
    publicKeyPem,
    received,
    refused,
    fetches,
    sent,
    errors,
    followers,
    following,
    inboxHits,
    moves,
    instanceActorId,
    instanceKeyId,
    get target() {
      return target
    },
    get alsoKnownAs() {
      return alsoKnownAs
    },
    get movedTo() {
      return movedTo
    },

    async lookup(acct, scheme = 'http') {
      const handle = acct.replace(/^acct:/, '').replace(/^@/, '')
      const at = handle.lastIndexOf('@')
      if (at <= 0) throw new Error(`not a user@host handle: ${acct}`)
      const domain = handle.slice(at + 1)
      const resource = encodeURIComponent(`acct:${handle}`)
      const res = await get(`${scheme}://${domain}/.well-known/webfinger?resource=${resource}`, JRD_ACCEPT, false)
      if (!res.ok) throw new Error(`WebFinger for ${handle} answered ${res.status}`)
      const jrd: AS = await res.json()
      const self = jrd?.links?.find((link: AS) => link?.rel === 'self' && isApType(link.type))
      if (typeof self?.href !== 'string') throw new Error(`WebFinger for ${handle} has no ActivityPub self link`)
      const actor = await fetchActor(self.href)
      handles.set(actor.id, handle)
      target = actor
      return actor
    },

    async fetchObject(url, opts = {}) {
      const res = await get(url, AP_ACCEPT, opts.signed ?? signGets, opts.as === 'instance' ? instance : me)
      const contentType = res.headers.get('content-type') ?? ''
      const text = await res.text()
      let body: AS = text
      if (contentType.includes('json')) {
        try {
          body = JSON.parse(text)
        } catch {
          // Left as text: the caller sees what was served.
        }
      }
      return { status: res.status, contentType, body }
    },

    async follow(actor) {
      const follow = { '@context': AS_CONTEXT, id: newActivityId(), type: 'Follow', actor: actorId, object: actor.id }
      publish(follow)
      actors.set(actor.id, actor)
      target = actor
      lastFollowed = actor.id
      following.set(actor.id, { follow, state: 'pending' })
      await deliverAll([inboxOf(actor)], follow)
      return follow
    },

    async unfollow(actor) {
      const id = actor ? idOf(actor) : lastFollowed
      const state = id === undefined ? undefined : following.get(id)
      if (!state) throw new Error(`no Follow of ${id ?? 'anyone'} to undo`)
      await peer.undo(state.follow)
    },

    async reply(to, html, opts = {}) {
      // Delivered to the mentioned actor, else the replied-to author if known, else the target.
      const author = to.attributedTo === undefined ? undefined : actors.get(to.attributedTo)
      return createNote(html, {
        inReplyTo: to.id,
        mention: opts.mention,
        cc: [to.attributedTo],
        recipient: opts.mention ?? author ?? requireTarget(),
      })
    },

    async mentionPost(html, linkTo, opts = {}) {
      const mention = opts.mention === undefined ? target : (opts.mention ?? undefined)
      let content = html.includes(linkTo)
        ? html
        : `${html}<p><a href="${escapeHtml(linkTo)}">${escapeHtml(linkTo)}</a></p>`
      if (mention && !content.includes(mention.id) && !(mention.url && content.includes(mention.url))) {
        // As Mastodon writes a mention into the text: an h-card link to the profile.
        const href = escapeHtml(typeof mention.url === 'string' ? mention.url : mention.id)
        const name = escapeHtml(String(mention.preferredUsername ?? handleOf(mention)))
        const card = `<span class="h-card"><a href="${href}" class="u-url mention">@<span>${name}</span></a></span>`
        content = `<p>${card}</p>${content}`
      }
      return createNote(content, { mention, recipient: mention })
    },

    async like(objectId) {
      const recipient = requireTarget()
      const like = { '@context': AS_CONTEXT, id: newActivityId(), type: 'Like', actor: actorId, object: objectId }
      publish(like)
      await deliverAll([inboxOf(recipient)], like)
      return like
    },

    async announce(objectId) {
      const recipient = requireTarget()
      const announce = {
        '@context': AS_CONTEXT,
        id: newActivityId(),
        type: 'Announce',
        actor: actorId,
        published: isoNow(),
        to: [PUBLIC],
        cc: [recipient.id, followersUrl],
        object: objectId,
      }
      publish(announce)
      await deliverAll([inboxOf(recipient), ...followerInboxes()], announce)
      return announce
    },

    async undo(activity) {
      const undo: AS = {
        '@context': AS_CONTEXT,
        id: newActivityId(),
        type: 'Undo',
        actor: actorId,
        object: withoutContext(activity),
      }
      if (activity.to) undo.to = activity.to
      if (activity.cc) undo.cc = activity.cc
      markGone(activity.id)
      if (activity.type === 'Follow') following.delete(idOf(activity.object) ?? '')
      await deliverAll(sentTo.get(activity.id) ?? [inboxOf(requireTarget())], undo)
    },

    async quote(postUrl, html, opts = {}) {
      const author = opts.author ?? requireTarget()
      const link = escapeHtml(opts.link ?? postUrl)
      // FEP-044f's fallback, as Mastodon writes it: the link after the text, in a span readers may hide.
      const content = `${html}<span class="quote-inline"><br/>RE: <a href="${link}">${link}</a></span>`
      const note = await createNote(content, {
        cc: [author.id],
        recipient: author,
        terms: QUOTE_TERMS,
        fields: { quote: postUrl, quoteUrl: postUrl, _misskey_quote: postUrl, quoteUri: postUrl },
      })
      if (opts.request) {
        const request = {
          // Mastodon's serializer gathers the context terms of what it embeds: the note's quote terms come along.
          '@context': [AS_CONTEXT, { ...QUOTE_TERMS, ...QUOTE_REQUEST_TERMS }],
          id: newActivityId(),
          type: 'QuoteRequest',
          actor: actorId,
          object: postUrl,
          instrument: withoutContext(note),
        }
        publish(request)
        quotes.push({ noteId: note.id, postUrl, requestId: request.id, author: author.id, state: 'pending' })
        await deliverAll([inboxOf(author)], request)
      }
      return note
    },

    async flag(objects, content, opts = {}) {
      const reported = objects[0]
      if (reported === undefined) throw new Error('a Flag names the reported actor first')
      let inbox = opts.inbox
      if (inbox === undefined) {
        const actor = actors.get(reported) ?? (await fetchActor(reported))
        // Mastodon's ReportService#forward_to_origin! delivers to the account's own inbox_url.
        inbox = actor.inbox ?? inboxOf(actor)
      }
      const flag = {
        '@context': AS_CONTEXT,
        id: `${origin}/${randomUUID()}`,
        type: 'Flag',
        actor: opts.asUser ? actorId : instanceActorId,
        content,
        object: [...objects],
      }
      publish(flag)
      await deliverAll([inbox], flag, opts.asUser ? me : instance)
      return flag
    },

    setAlsoKnownAs(ids) {
      alsoKnownAs = [...new Set(ids)]
    },

    move(to, opts = {}) {
      return move(to, [opts.to ?? []].flat(), opts.unchecked ?? false)
    },

    moveTo(newPeer, opts = {}) {
      newPeer.setAlsoKnownAs([...newPeer.alsoKnownAs, actorId])
      return peer.move(newPeer.actorId, opts)
    },

    quotes: () => [...quotes],

    async waitForQuote(noteId, state, timeoutMs = 10_000) {
      const deadline = Date.now() + timeoutMs
      /** What each state can still become: an accepted quote may be revoked; rejected and revoked are final. */
      const next: Record<QuoteRecord['state'], string[]> = {
        pending: ['accepted', 'rejected', 'revoked'],
        accepted: ['revoked'],
        rejected: [],
        revoked: [],
      }
      for (;;) {
        const quote = quotes.find((q) => q.noteId === noteId)
        if (quote && (state === undefined ? quote.state !== 'pending' : quote.state === state)) return quote
        const hopeless = quote !== undefined && state !== undefined && !next[quote.state].includes(state)
        if (hopeless || Date.now() > deadline || closing) {
          const now = quote ? `is ${quote.state}${quote.reason ? `: ${quote.reason}` : ''}` : 'was never requested'
          const wanted = `${state ?? 'answered'}${hopeless ? '' : ` within ${timeoutMs} ms`}`
          throw new Error(`${username}: the quote ${noteId} is not ${wanted}; it ${now}`)
        }
        await new Promise((resolve) => setTimeout(resolve, 25))
      }
    },

    async waitForMove(from, timeoutMs = 10_000) {
      const deadline = Date.now() + timeoutMs
      for (;;) {
        const found = moves.find((m) => from === undefined || m.from === from)
        if (found) return found
        if (Date.now() > deadline || closing) {
          throw new Error(`${username}: no Move${from ? ` from ${from}` : ''} processed within ${timeoutMs} ms`)
        }
        await new Promise((resolve) => setTimeout(resolve, 25))
      }
    },

    failInbox(next) {
      failure = next === null ? null : { ...next, left: next.times ?? Infinity }
    },

    deliveryCount(path) {
      return inboxHits.filter((h) => path === undefined || h.path === path).length
    },

    async update(note, html) {
      const entry = objects.get(note.id)
      const updated = { ...(entry?.doc ?? note), content: html, updated: isoNow() }
      if (entry) entry.doc = updated
      const update = {
        '@context': AS_CONTEXT,
        id: newActivityId(),
        type: 'Update',
        actor: actorId,
        published: updated.updated,
        to: updated.to,
        cc: updated.cc,
        object: withoutContext(updated),
      }
      await deliverAll(sentTo.get(note.id) ?? [inboxOf(requireTarget())], update)
      return updated
    },

    async deleteNote(note) {
      markGone(note.id)
      markGone(`${note.id}/activity`)
      const del = {
        '@context': AS_CONTEXT,
        id: newActivityId(),
        type: 'Delete',
        actor: actorId,
        to: [PUBLIC],
        object: { id: note.id, type: 'Tombstone' },
      }
      await deliverAll(sentTo.get(note.id) ?? [inboxOf(requireTarget())], del)
    },

    async deleteAccount() {
      const del = {
        '@context': [AS_CONTEXT, SECURITY_CONTEXT],
        id: `${actorId}#delete`,
        type: 'Delete',
        actor: actorId,
        to: [PUBLIC],
        object: actorId,
      }
      const everywhere = [...sentTo.values()].flat()
      try {
        // Sent while the actor still serves its key, so every receiver can verify it; gone right after.
        await deliverAll([...everywhere, ...followerInboxes(), inboxOf(target)], del)
      } finally {
        deleted = true
        for (const entry of objects.values()) entry.gone = true
      }
    },

    deliver,

    waitFor(predicate, timeoutMs = 10_000) {
      const hit = received.find((r) => matches(predicate, r.activity))
      if (hit) return Promise.resolve(hit.activity)
      return new Promise((resolve, reject) => {
        const waiter = {
          predicate,
          settle: (outcome: AS | Error) => {
            clearTimeout(timer)
            waiters.delete(waiter)
            if (outcome instanceof Error) reject(outcome)
            else resolve(outcome)
          },
        }
        const timer = setTimeout(() => {
          const got = received.map((r) => r.activity?.type).join(', ') || 'nothing'
          const no = refused.map((r) => `${r.status} ${r.reason}`).join('; ') || 'none'
          waiter.settle(
            new Error(`${username}: no matching activity within ${timeoutMs} ms (received: ${got}; refused: ${no})`),
          )
        }, timeoutMs)
        waiters.add(waiter)
      })
    },

    async close() {
      closing = true
      failure = null
      for (const release of [...held]) release()
      for (const waiter of [...waiters]) waiter.settle(new Error(`${username}: the peer was closed`))
      await new Promise<void>((resolve) => {
        server.close(() => resolve())
        server.closeAllConnections()
      })
    },
  }
  return peer
}

/** A predicate that throws (reading a field of a string object, say) simply does not match. */
function matches(predicate: (activity: AS) => boolean, activity: AS): boolean {
  try {
    return predicate(activity)
  } catch {
    return false
  }
}
