// The e2e fediverse peer, held to published signature vectors and then to itself: two peers on loopback find,
// follow and talk to each other, and each kind of tampering is refused with a reason.
import { createPublicKey, generateKeyPairSync } from 'node:crypto'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import {
  checkCavage,
  checkRfc9421,
  contentDigestHeader,
  digestHeader,
  httpDate,
  parseSignatureHeader,
  parseSignatureInput,
  signatureBase,
  signCavage,
  signingString,
  startPeer,
  verifySigned,
  type AS,
  type Peer,
  type QuoteRecord,
} from './peer.ts'

// draft-cavage-http-signatures-12, Appendix C: the test key, and the request all its examples sign.
const DRAFT_PRIVATE_KEY = `-----BEGIN RSA PRIVATE KEY-----
MIICXgIBAAKBgQDCFENGw33yGihy92pDjZQhl0C36rPJj+CvfSC8+q28hxA161QF
NUd13wuCTUcq0Qd2qsBe/2hFyc2DCJJg0h1L78+6Z4UMR7EOcpfdUE9Hf3m/hs+F
UR45uBJeDK1HSFHD8bHKD6kv8FPGfJTotc+2xjJwoYi+1hqp1fIekaxsyQIDAQAB
AoGBAJR8ZkCUvx5kzv+utdl7T5MnordT1TvoXXJGXK7ZZ+UuvMNUCdN2QPc4sBiA
QWvLw1cSKt5DsKZ8UETpYPy8pPYnnDEz2dDYiaew9+xEpubyeW2oH4Zx71wqBtOK
kqwrXa/pzdpiucRRjk6vE6YY7EBBs/g7uanVpGibOVAEsqH1AkEA7DkjVH28WDUg
f1nqvfn2Kj6CT7nIcE3jGJsZZ7zlZmBmHFDONMLUrXR/Zm3pR5m0tCmBqa5RK95u
412jt1dPIwJBANJT3v8pnkth48bQo/fKel6uEYyboRtA5/uHuHkZ6FQF7OUkGogc
mSJluOdc5t6hI1VsLn0QZEjQZMEOWr+wKSMCQQCC4kXJEsHAve77oP6HtG/IiEn7
kpyUXRNvFsDE0czpJJBvL/aRFUJxuRK91jhjC68sA7NsKMGg5OXb5I5Jj36xAkEA
gIT7aFOYBFwGgQAQkWNKLvySgKbAZRTeLBacpHMuQdl1DfdntvAyqpAZ0lY0RKmW
G6aFKaqQfOXKCyWoUiVknQJAXrlgySFci/2ueKlIE1QqIiLSZ8V8OlpFLRnb1pzI
7U1yQXnTAEFYM560yJlzUpOb1V4cScGd365tiSMvxLOvTA==
-----END RSA PRIVATE KEY-----`
const DRAFT_PUBLIC_KEY = createPublicKey(`-----BEGIN PUBLIC KEY-----
MIGfMA0GCSqGSIb3DQEBAQUAA4GNADCBiQKBgQDCFENGw33yGihy92pDjZQhl0C3
6rPJj+CvfSC8+q28hxA161QFNUd13wuCTUcq0Qd2qsBe/2hFyc2DCJJg0h1L78+6
Z4UMR7EOcpfdUE9Hf3m/hs+FUR45uBJeDK1HSFHD8bHKD6kv8FPGfJTotc+2xjJw
oYi+1hqp1fIekaxsyQIDAQAB
-----END PUBLIC KEY-----`)
const DRAFT_BODY = Buffer.from('{"hello": "world"}')
const DRAFT_DATE = 'Sun, 05 Jan 2014 21:31:40 GMT'
const DRAFT_DIGEST = 'SHA-256=X48E9qOokqqrvdts8nOJRJN3OWDUoyWxBf7kbu9DBPE='
const draftRequest = {
  method: 'POST',
  target: '/foo?param=value&pet=dog',
  headers: {
    host: 'example.com',
    date: DRAFT_DATE,
    'content-type': 'application/json',
    digest: DRAFT_DIGEST,
    'content-length': '18',
  },
}
// The draft's "Basic Test" signature, as published.
const BASIC_SIGNATURE =
  'qdx+H7PHHDZgy4y/Ahn9Tny9V3GP6YgBPyUXMmoxWtLbHpUnXS2mg2+SbrQDMCJypxBLSPQR2aAjn7ndmw2iicw3HMbe8VfEdKFYRqzic+efkb3' +
  'nndiv/x1xSHDJWeSWkx3ButlYSuBskLu6kd9Fswtemr3lgdDEmn04swr2Os0='
// The same key over (request-target) host date digest, as Mastodon signs a POST; made with `openssl dgst -sha256
// -sign` from the literal signing string below, not by the code under test.
const POST_SIGNING_STRING = `(request-target): post /foo?param=value&pet=dog
host: example.com
date: Sun, 05 Jan 2014 21:31:40 GMT
digest: SHA-256=X48E9qOokqqrvdts8nOJRJN3OWDUoyWxBf7kbu9DBPE=`
const POST_SIGNATURE =
  'WC34OEWXgO0viIZAu5qnBcKj5nOMlgjs0ASxgJPYX9x1VtKrYRRhAosH7ixFnkJneSHGn8yY9lowNvbdBg+ZsINx6P0e1WyB0YJbwsREYKYpG1s' +
  'jwS3R3iCXmXf3m+txiCNhFcbbvb0Grq3wbAWGB0VW7ymI6AHixDXFLD5IYl4='

describe('draft-cavage signatures, against fixed vectors', () => {
  it('digests a body as RFC 3230 Digest and RFC 9530 Content-Digest', () => {
    expect(digestHeader(DRAFT_BODY)).toBe(DRAFT_DIGEST)
    expect(digestHeader('{"hello": "world"}')).toBe(DRAFT_DIGEST)
    expect(contentDigestHeader(DRAFT_BODY)).toBe('sha-256=:X48E9qOokqqrvdts8nOJRJN3OWDUoyWxBf7kbu9DBPE=:')
  })

  it('builds the signing string line by line, (request-target) as the lower-case method and the target', () => {
    expect(signingString(['(request-target)', 'host', 'date'], draftRequest)).toBe(
      '(request-target): post /foo?param=value&pet=dog\nhost: example.com\ndate: Sun, 05 Jan 2014 21:31:40 GMT',
    )
    expect(signingString(['(request-target)', 'host', 'date', 'digest'], draftRequest)).toBe(POST_SIGNING_STRING)
    expect(signingString(['(created)', 'host'], draftRequest, { created: '1402170695' })).toBe(
      '(created): 1402170695\nhost: example.com',
    )
    expect(() => signingString(['(request-target)', 'accept'], draftRequest)).toThrow(/accept is missing/)
  })

  it("signs the draft's Basic Test exactly as published, and a POST as an independent signer did", () => {
    expect(signCavage(DRAFT_PRIVATE_KEY, 'Test', ['(request-target)', 'host', 'date'], draftRequest)).toBe(
      `keyId="Test",algorithm="rsa-sha256",headers="(request-target) host date",signature="${BASIC_SIGNATURE}"`,
    )
    expect(signCavage(DRAFT_PRIVATE_KEY, 'Test', ['(request-target)', 'host', 'date', 'digest'], draftRequest)).toBe(
      `keyId="Test",algorithm="rsa-sha256",headers="(request-target) host date digest",signature="${POST_SIGNATURE}"`,
    )
  })

  it('parses Signature headers, escaped quotes and bare values included', () => {
    expect(parseSignatureHeader('keyId="a\\"b",algorithm="hs2019", created=1402170695,signature="x/y=="')).toEqual({
      keyId: 'a"b',
      algorithm: 'hs2019',
      created: '1402170695',
      signature: 'x/y==',
    })
    expect(parseSignatureHeader('keyId="unterminated')).toBeNull()
  })

  const signed = (params: string, headers: Record<string, string> = {}) => ({
    ...draftRequest,
    headers: { ...draftRequest.headers, ...headers, signature: params },
    body: DRAFT_BODY,
  })
  const postSignature =
    'keyId="Test",algorithm="rsa-sha256",headers="(request-target) host date digest",' + `signature="${POST_SIGNATURE}"`
  const at = Date.parse(DRAFT_DATE)

  it('accepts the vector (as rsa-sha256 and as hs2019) and verifies it with the public key', () => {
    const check = checkCavage(signed(postSignature), at)
    expect(check.keyId).toBe('Test')
    expect(check.signed).toBe(POST_SIGNING_STRING)
    expect(verifySigned(check.signed, check.signature, DRAFT_PUBLIC_KEY)).toBe(true)
    const hs2019 = checkCavage(signed(postSignature.replace('rsa-sha256', 'hs2019')), at + 11 * 3600_000)
    expect(verifySigned(hs2019.signed, hs2019.signature, DRAFT_PUBLIC_KEY)).toBe(true)
    // Another target is another signing string: the signature no longer holds.
    const moved = checkCavage({ ...signed(postSignature), target: '/foo' }, at)
    expect(verifySigned(moved.signed, moved.signature, DRAFT_PUBLIC_KEY)).toBe(false)
  })

  it('accepts a signed RFC 9530 Content-Digest in place of Digest', () => {
    const names = ['(request-target)', 'host', 'date', 'content-digest']
    const headers = { ...draftRequest.headers, digest: undefined, 'content-digest': contentDigestHeader(DRAFT_BODY) }
    const signature = signCavage(DRAFT_PRIVATE_KEY, 'Test', names, { ...draftRequest, headers })
    const check = checkCavage({ ...draftRequest, headers: { ...headers, signature }, body: DRAFT_BODY }, at)
    expect(verifySigned(check.signed, check.signature, DRAFT_PUBLIC_KEY)).toBe(true)
    const other = { ...headers, signature, 'content-digest': contentDigestHeader('{}') }
    expect(() => checkCavage({ ...draftRequest, headers: other, body: DRAFT_BODY }, at)).toThrow(/Content-Digest/)
  })

  it('names what is wrong with a request it refuses', () => {
    const refusal = (request: Parameters<typeof checkCavage>[0], now = at) => {
      try {
        checkCavage(request, now)
        return 'accepted'
      } catch (error) {
        return (error as Error).message
      }
    }
    expect(refusal({ ...draftRequest, body: DRAFT_BODY })).toMatch(/not signed/)
    expect(refusal({ ...signed(postSignature), body: Buffer.from('{"hello": "moon"}') })).toMatch(
      /Digest header does not match the body/,
    )
    expect(refusal(signed(postSignature), at + 13 * 3600_000)).toMatch(/more than 12 hours/)
    expect(refusal(signed(postSignature), at - 13 * 3600_000)).toMatch(/more than 12 hours/)
    expect(refusal(signed(postSignature.replace('host date digest', 'date digest')))).toMatch(/host is not signed/)
    expect(refusal(signed(postSignature.replace(' digest"', '"')))).toMatch(/Digest header is not signed/)
    expect(refusal(signed(postSignature.replace('(request-target) ', '')))).toMatch(/\(request-target\) is not signed/)
    expect(refusal(signed(postSignature.replace('rsa-sha256', 'rsa-sha512')))).toMatch(/unsupported signature algo/)
    expect(refusal(signed(postSignature, { digest: 'SHA-512=abc' }))).toMatch(/offers no SHA-256/)
    expect(refusal(signed('sig1=:AAAA:'))).toMatch(/no keyId/)
  })
})

describe('RFC 9421 signatures, against the RFC', () => {
  // RFC 9421 B.2.6, "Signing a Request Using ed25519": the only deterministic example signature in the RFC.
  const input =
    'sig-b26=("date" "@method" "@path" "@authority" "content-type" "content-length")' +
    ';created=1618884473;keyid="test-key-ed25519"'
  const request = {
    method: 'POST',
    url: 'http://example.com/foo?param=Value&Pet=dog',
    headers: {
      date: 'Tue, 20 Apr 2021 02:07:55 GMT',
      'content-type': 'application/json',
      'content-length': '18',
      'signature-input': input,
      signature: 'sig-b26=:wqcAqbmYJ2ji2glfAMaRy4gruYYnx2nEFN2HN6jrnDnQCK1u02Gb04v9EDgwUPiu4A0w6vuQv5lIp5WPpBKRCw==:',
    },
  }
  const publicKey = createPublicKey(
    `-----BEGIN PUBLIC KEY-----
MCowBQYDK2VwAyEAJrQLj5P/89iXES9+vFgrIy29clF9CC/oPPsw3c5D0bs=
-----END PUBLIC KEY-----`,
  )

  it('parses Signature-Input and builds the signature base the RFC prints', () => {
    const [parsed] = parseSignatureInput(input)
    expect(parsed).toEqual({
      label: 'sig-b26',
      components: ['date', '@method', '@path', '@authority', 'content-type', 'content-length'],
      params: { created: 1618884473, keyid: 'test-key-ed25519' },
      raw: input.slice('sig-b26='.length),
    })
    expect(signatureBase(parsed!.components, parsed!.raw, request)).toBe(
      [
        '"date": Tue, 20 Apr 2021 02:07:55 GMT',
        '"@method": POST',
        '"@path": /foo',
        '"@authority": example.com',
        '"content-type": application/json',
        '"content-length": 18',
        '"@signature-params": ("date" "@method" "@path" "@authority" "content-type" "content-length")' +
          ';created=1618884473;keyid="test-key-ed25519"',
      ].join('\n'),
    )
  })

  it("verifies the RFC's signature, and refuses it once it is too old or the body lacks a Content-Digest", () => {
    const check = checkRfc9421(request, 1618884473_000)
    expect(check.keyId).toBe('test-key-ed25519')
    expect(verifySigned(check.signed, check.signature, publicKey)).toBe(true)
    expect(() => checkRfc9421(request, 1618884473_000 + 13 * 3600_000)).toThrow(/more than 12 hours/)
    expect(() => checkRfc9421({ ...request, body: DRAFT_BODY }, 1618884473_000)).toThrow(/Content-Digest/)
  })
})

/** A Like of `object` by `from`, with a fresh id: something harmless to deliver, signed or spoiled. */
const likeBy = (from: Peer, object: string): AS => ({
  '@context': 'https://www.w3.org/ns/activitystreams',
  id: `${from.actorId}/activities/${Math.random().toString(36).slice(2)}`,
  type: 'Like',
  actor: from.actorId,
  object,
})

describe('two peers on loopback', () => {
  let a: Peer
  let b: Peer
  let bobSeenByAlice: AS
  let bobsNote: AS
  const peers: Peer[] = []

  beforeAll(async () => {
    a = await startPeer({ hostname: '127.0.0.1', username: 'alice' })
    // A second loopback address is a second host; where it cannot be bound, another port has to do.
    b = await startPeer({ hostname: '127.0.0.2', username: 'bob' }).catch(() =>
      startPeer({ hostname: '127.0.0.1', username: 'bob' }),
    )
    peers.push(a, b)
  })
  afterAll(async () => {
    await Promise.all(peers.map((p) => p.close()))
  })

  it('serves WebFinger and its actor the way Mastodon does', async () => {
    const finger = await fetch(`${b.origin}/.well-known/webfinger?resource=acct:${b.handle}`)
    expect(finger.headers.get('content-type')).toMatch(/^application\/jrd\+json/)
    const jrd = await finger.json()
    expect(jrd.subject).toBe(`acct:${b.handle}`)
    expect(jrd.links).toContainEqual({ rel: 'self', type: 'application/activity+json', href: b.actorId })
    const nobody = `acct:nobody@${b.handle.split('@')[1]}`
    expect((await fetch(`${b.origin}/.well-known/webfinger?resource=${nobody}`)).status).toBe(404)

    const res = await fetch(b.actorId, { headers: { accept: 'application/activity+json' } })
    expect(res.headers.get('content-type')).toMatch(/^application\/activity\+json/)
    const actor = await res.json()
    expect(actor).toMatchObject({
      '@context': ['https://www.w3.org/ns/activitystreams', 'https://w3id.org/security/v1'],
      id: b.actorId,
      type: 'Person',
      preferredUsername: 'bob',
      inbox: `${b.actorId}/inbox`,
      endpoints: { sharedInbox: `${b.origin}/inbox` },
      publicKey: { id: `${b.actorId}#main-key`, owner: b.actorId, publicKeyPem: b.publicKeyPem },
    })
    expect(createPublicKey(actor.publicKey.publicKeyPem).asymmetricKeyDetails?.modulusLength).toBe(2048)
  })

  it('finds B by WebFinger and follows; B verifies, keeps A as follower, answers Accept; A verifies it', async () => {
    bobSeenByAlice = await a.lookup(b.handle)
    expect(bobSeenByAlice.id).toBe(b.actorId)
    expect(a.target).toBe(bobSeenByAlice)
    // WebFinger unsigned with Mastodon's JRD Accept; the actor fetched signed with the ActivityPub Accept.
    const finger = b.fetches.filter((f) => f.path.startsWith('/.well-known/webfinger')).at(-1)
    expect(finger).toMatchObject({ accept: 'application/jrd+json, application/json', keyId: null })
    expect(b.fetches.filter((f) => f.path === '/users/bob').at(-1)).toMatchObject({
      accept: 'application/activity+json, application/ld+json; profile="https://www.w3.org/ns/activitystreams"',
      keyId: a.keyId,
    })

    const follow = await a.follow(bobSeenByAlice)
    expect(follow).toMatchObject({ type: 'Follow', actor: a.actorId, object: b.actorId })
    await b.waitFor((x) => x.id === follow.id)
    const delivery = b.received.find((r) => r.activity.id === follow.id)!
    expect(delivery.keyId).toBe(a.keyId)
    expect(delivery.path).toBe('/inbox') // the shared inbox, as the actor offers one
    expect(delivery.headers.signature).toMatch(/headers="\(request-target\) host date digest"/)
    expect(delivery.headers.digest).toBe(digestHeader(JSON.stringify(follow)))

    const accept = await a.waitFor((x) => x.type === 'Accept')
    expect(accept).toMatchObject({ actor: b.actorId, object: { id: follow.id, type: 'Follow', actor: a.actorId } })
    expect(a.received.find((r) => r.activity === accept)).toMatchObject({ keyId: b.keyId, path: '/users/alice/inbox' })
    expect(a.following.get(b.actorId)?.state).toBe('accepted')
    expect([...b.followers.keys()]).toEqual([a.actorId])
    // To verify, each fetched the other's key with a GET signed by its instance actor, as Mastodon does.
    expect(a.fetches.some((f) => f.path === '/users/alice' && f.keyId === b.instanceKeyId)).toBe(true)
    expect(b.fetches.some((f) => f.path === '/users/bob' && f.keyId === a.instanceKeyId)).toBe(true)
  })

  it("delivers B's note to its follower, serves it by id, and as a page at its url", async () => {
    bobsNote = await b.mentionPost('<p>Read this</p>', 'https://blog.example/posts/1', { mention: null })
    expect(bobsNote.content).toContain('href="https://blog.example/posts/1"')
    const create = await a.waitFor((x) => x.type === 'Create' && x.object.id === bobsNote.id)
    expect(create.object).toMatchObject({ type: 'Note', attributedTo: b.actorId, inReplyTo: null })
    expect(create.object.to).toEqual(['https://www.w3.org/ns/activitystreams#Public'])

    const fetched = await a.fetchObject(bobsNote.id)
    expect(fetched).toMatchObject({ status: 200, body: { id: bobsNote.id, type: 'Note' } })
    expect(fetched.contentType).toMatch(/^application\/activity\+json/)
    const page = await fetch(bobsNote.url)
    expect(page.headers.get('content-type')).toMatch(/^text\/html/)
    expect(await page.text()).toContain('https://blog.example/posts/1')
    const outbox = await a.fetchObject(`${b.actorId}/outbox`)
    expect(outbox.body.orderedItems.map((item: AS) => item.object.id)).toEqual([bobsNote.id])
  })

  it('reply, like, announce, update, undo and delete reach B verified', async () => {
    const reply = await a.reply(bobsNote, '<p>Agreed</p>', { mention: bobSeenByAlice })
    const create = await b.waitFor((x) => x.type === 'Create' && x.object.id === reply.id)
    expect(create.object).toMatchObject({
      type: 'Note',
      attributedTo: a.actorId,
      content: '<p>Agreed</p>',
      inReplyTo: bobsNote.id,
      to: ['https://www.w3.org/ns/activitystreams#Public'],
      tag: [{ type: 'Mention', href: b.actorId, name: `@${b.handle}` }],
    })
    expect(create.object.cc).toEqual(expect.arrayContaining([b.actorId, `${a.actorId}/followers`]))

    const like = await a.like(bobsNote.id)
    await b.waitFor((x) => x.type === 'Like' && x.id === like.id && x.object === bobsNote.id)

    const announce = await a.announce(bobsNote.id)
    const boosted = await b.waitFor((x) => x.type === 'Announce' && x.id === announce.id)
    expect(boosted).toMatchObject({
      object: bobsNote.id,
      to: ['https://www.w3.org/ns/activitystreams#Public'],
      cc: [b.actorId, `${a.actorId}/followers`],
    })

    const edited = await a.update(reply, '<p>Agreed, mostly</p>')
    const update = await b.waitFor((x) => x.type === 'Update' && x.object.id === reply.id)
    expect(update.object).toMatchObject({ content: '<p>Agreed, mostly</p>', updated: edited.updated })
    expect((await b.fetchObject(reply.id)).body.content).toBe('<p>Agreed, mostly</p>')

    await a.undo(like)
    const undo = await b.waitFor((x) => x.type === 'Undo' && x.object.id === like.id)
    expect(undo.object).toMatchObject({ type: 'Like', actor: a.actorId, object: bobsNote.id })

    await a.deleteNote(reply)
    const deletion = await b.waitFor((x) => x.type === 'Delete' && x.object.id === reply.id)
    expect(deletion.object.type).toBe('Tombstone')
    expect(await b.fetchObject(reply.id)).toMatchObject({ status: 410, body: { type: 'Tombstone' } })

    await a.unfollow()
    await b.waitFor((x) => x.type === 'Undo' && x.object.type === 'Follow')
    expect(b.followers.size).toBe(0)
    expect(a.following.has(b.actorId)).toBe(false)

    for (const r of b.received) expect(r.keyId).toBe(a.keyId)
    expect(b.refused).toEqual([])
    expect([...a.errors, ...b.errors]).toEqual([])
  })

  describe('B refuses, with 401 and a reason', () => {
    const refusedFor = async (tamper: Parameters<Peer['deliver']>[2], activity?: AS) => {
      const before = b.refused.length
      const res = await a.deliver(`${b.origin}/inbox`, activity ?? likeBy(a, bobsNote.id), tamper)
      expect(b.refused.length).toBe(before + 1)
      return { status: res.status, reason: b.refused.at(-1)!.reason }
    }

    it('an unsigned delivery', async () => {
      expect(await refusedFor({ unsigned: true })).toMatchObject({
        status: 401,
        reason: expect.stringMatching(/not signed/),
      })
    })

    it('a delivery signed with another key than the one its keyId names', async () => {
      expect(await refusedFor({ wrongKey: true })).toEqual({
        status: 401,
        reason: `the signature does not verify with the key ${a.keyId}`,
      })
    })

    it('a key whose owner is not the actor, or whose owner does not publish it', async () => {
      const other = await refusedFor({ keyOwner: b.actorId })
      expect(other).toEqual({
        status: 401,
        reason: `the key ${a.origin}/keys/other names ${b.actorId} as its owner, but that actor does not publish it`,
      })
      // Owned by the activity's actor on paper, but that actor never published it.
      const self = await refusedFor({ keyOwner: a.actorId })
      expect(self.reason).toMatch(/but that actor does not publish it/)
      // A good signature by A, on an activity that claims another actor.
      const mallory = `${a.origin}/users/mallory`
      const forged = await refusedFor({}, { ...likeBy(a, bobsNote.id), actor: mallory })
      expect(forged).toEqual({
        status: 401,
        reason: `the key ${a.keyId} belongs to ${a.actorId}, not to the activity's actor ${mallory}`,
      })
    })

    it('a Date older than 12 hours', async () => {
      const date = new Date(Date.now() - 13 * 3600_000).toUTCString()
      expect(await refusedFor({ date })).toEqual({
        status: 401,
        reason: `the Date header (${date}) is more than 12 hours away from now`,
      })
    })

    it('a Digest that does not match the body', async () => {
      const refusal = await refusedFor({ badDigest: true })
      expect(refusal).toMatchObject({ status: 401, reason: expect.stringMatching(/^the Digest header does not match/) })
    })

    it('an RFC 9421 signature without a draft-cavage one, as a Mastodon before 4.5 would', async () => {
      const refusal = await refusedFor({ rfc9421Only: true })
      expect(refusal).toMatchObject({ status: 401, reason: expect.stringMatching(/RFC 9421/) })
      expect(b.received.some((r) => r.headers['signature-input'])).toBe(false)
    })
  })

  it('a peer that accepts RFC 9421 verifies it, and refuses it spoiled', async () => {
    const c = await startPeer({ username: 'carol', acceptRfc9421: true })
    peers.push(c)
    const inbox = `${c.actorId}/inbox`
    const like = likeBy(a, bobsNote.id)
    expect((await a.deliver(inbox, like, { rfc9421Only: true })).status).toBe(202)
    const got = c.received.find((r) => r.activity.id === like.id)!
    expect(got.keyId).toBe(a.keyId)
    expect(got.headers['signature-input']).toMatch(/^sig1=\("@method" "@target-uri" "@authority"/)
    expect(got.headers['content-digest']).toBe(contentDigestHeader(JSON.stringify(like)))

    const old = new Date(Date.now() - 13 * 3600_000).toUTCString()
    for (const [tamper, reason] of [
      [{ wrongKey: true }, /does not verify/],
      [{ badDigest: true }, /Content-Digest header does not match/],
      [{ date: old }, /more than 12 hours/],
    ] as const) {
      const res = await a.deliver(inbox, likeBy(a, bobsNote.id), { rfc9421Only: true, ...tamper })
      expect(res.status).toBe(401)
      expect(c.refused.at(-1)?.reason).toMatch(reason)
    }
    // draft-cavage still works there.
    expect((await a.deliver(inbox, likeBy(a, bobsNote.id))).status).toBe(202)
  })

  it('signs its GETs unless told not to', async () => {
    const quiet = await startPeer({ username: 'dave', signGets: false })
    peers.push(quiet)
    await quiet.fetchObject(bobsNote.id)
    await a.fetchObject(bobsNote.id)
    const gets = b.fetches.filter((f) => f.path === new URL(bobsNote.id).pathname)
    expect(gets.map((f) => f.keyId)).toEqual(expect.arrayContaining([null, a.keyId]))
  })

  it('deletes its account: B verifies the Delete, then the actor is gone', async () => {
    await a.deleteAccount()
    const deletion = await b.waitFor((x) => x.type === 'Delete' && x.object === a.actorId)
    expect(deletion.actor).toBe(a.actorId)
    expect((await b.fetchObject(a.actorId)).status).toBe(410)
    expect((await fetch(`${a.origin}/.well-known/webfinger?resource=acct:${a.handle}`)).status).toBe(404)
  })
})

/** A loopback host of its own for each peer where it can be bound, else another port of 127.0.0.1. */
const startOn = (hostname: string, options: Parameters<typeof startPeer>[0]) =>
  startPeer({ ...options, hostname }).catch(() => startPeer({ ...options, hostname: '127.0.0.1' }))

/** A GET of `url` signed (request-target) host date with `key`, naming `keyId`, or unsigned without a key. */
async function rawGet(url: string, signer?: { key: Parameters<typeof signCavage>[0]; keyId: string }) {
  const target = new URL(url)
  const headers: Record<string, string> = { accept: 'application/activity+json', date: httpDate() }
  if (signer) {
    headers.signature = signCavage(signer.key, signer.keyId, ['(request-target)', 'host', 'date'], {
      method: 'GET',
      target: target.pathname + target.search,
      headers: { ...headers, host: target.host },
    })
  }
  const res = await fetch(target, { headers })
  return { status: res.status, body: await res.json().catch(() => null) }
}

describe("issue 27's traffic: follow states, quotes, reports, moves, secure fetch, failing inboxes", () => {
  const peers: Peer[] = []
  const start = async (hostname: string, options: Parameters<typeof startPeer>[0]) => {
    const peer = await startOn(hostname, options)
    peers.push(peer)
    return peer
  }
  afterAll(async () => {
    await Promise.all(peers.map((p) => p.close()))
  })
  /** `from` follows `to` and waits for the Accept. */
  const followed = async (from: Peer, to: Peer) => {
    const actor = await from.lookup(to.handle)
    const follow = await from.follow(actor)
    await vi.waitFor(() => expect(from.following.get(to.actorId)?.state).toBe('accepted'))
    return { actor, follow }
  }
  const rejectOf = (by: Peer, follow: AS, embedded: boolean) => ({
    '@context': 'https://www.w3.org/ns/activitystreams',
    id: `${by.actorId}/activities/reject-${Math.random().toString(36).slice(2)}`,
    type: 'Reject',
    actor: by.actorId,
    object: embedded ? { type: 'Follow', actor: follow.actor, object: by.actorId } : follow.id,
  })

  it('a Reject of a pending Follow marks it rejected; of an accepted one, ends it', async () => {
    const gil = await start('127.0.0.11', { username: 'gil' })
    const hal = await start('127.0.0.12', { username: 'hal' })
    // Pending: hal's Accept is beaten to it by a Reject sent before gil's Follow is answered.
    const halActor = await gil.lookup(hal.handle)
    hal.failInbox({ status: 503, times: 1 })
    await expect(gil.follow(halActor)).rejects.toThrow(/503/)
    expect(gil.following.get(hal.actorId)?.state).toBe('pending')
    const pending = gil.following.get(hal.actorId)!.follow
    expect((await hal.deliver(`${gil.actorId}/inbox`, rejectOf(hal, pending, false))).status).toBe(202)
    expect(gil.following.get(hal.actorId)?.state).toBe('rejected')

    // Accepted, then rejected (as the blog does when its author removes a follower): the follow is gone.
    const { follow } = await followed(gil, hal)
    expect((await hal.deliver(`${gil.origin}/inbox`, rejectOf(hal, follow, true))).status).toBe(202)
    expect(gil.following.has(hal.actorId)).toBe(false)
    // A Reject of a Follow this peer never sent changes nothing.
    await followed(gil, hal)
    const stranger = { id: `${gil.actorId}/activities/unknown`, actor: gil.actorId }
    await hal.deliver(`${gil.origin}/inbox`, rejectOf(hal, stranger, false))
    expect(gil.following.get(hal.actorId)?.state).toBe('accepted')
    expect([...gil.errors, ...hal.errors]).toEqual([])
  })

  it('quotes a post as Mastodon does (FEP-044f, quoteUrl, _misskey_quote, quoteUri, RE: link), verified', async () => {
    const ivy = await start('127.0.0.13', { username: 'ivy' })
    const jon = await start('127.0.0.14', { username: 'jon' })
    const original = await jon.mentionPost('<p>Original</p>', 'https://blog.example/posts/2', { mention: null })
    const jonActor = await ivy.lookup(jon.handle)
    const quote = await ivy.quote(original.id, '<p>So true</p>', { author: jonActor, request: true })
    const create = await jon.waitFor((x) => x.type === 'Create' && x.object.id === quote.id)
    expect(create['@context']).toEqual([
      'https://www.w3.org/ns/activitystreams',
      expect.objectContaining({
        quote: { '@id': 'https://w3id.org/fep/044f#quote', '@type': '@id' },
        quoteUri: 'http://fedibird.com/ns#quoteUri',
        _misskey_quote: 'https://misskey-hub.net/ns#_misskey_quote',
        quoteUrl: 'as:quoteUrl',
      }),
    ])
    expect(create.object).toMatchObject({
      type: 'Note',
      attributedTo: ivy.actorId,
      inReplyTo: null,
      quote: original.id,
      quoteUrl: original.id,
      _misskey_quote: original.id,
      quoteUri: original.id,
      to: ['https://www.w3.org/ns/activitystreams#Public'],
    })
    expect(create.object.cc).toContain(jon.actorId)
    expect(create.object.content).toBe(
      `<p>So true</p><span class="quote-inline"><br/>RE: <a href="${original.id}">${original.id}</a></span>`,
    )
    expect(jon.received.find((r) => r.activity === create)).toMatchObject({ keyId: ivy.keyId, path: '/inbox' })
    const request = await jon.waitFor((x) => x.type === 'QuoteRequest')
    expect(request).toMatchObject({ actor: ivy.actorId, object: original.id, instrument: { id: quote.id } })
    expect((await jon.fetchObject(quote.id)).body.quote).toBe(original.id)
  })

  it('reports an account and a status with a Flag from its instance actor, verified', async () => {
    const kim = await start('127.0.0.15', { username: 'kim' })
    const lou = await start('127.0.0.16', { username: 'lou' })
    const note = await lou.mentionPost('<p>Spam</p>', 'https://spam.example/', { mention: null })
    const flag = await kim.flag([lou.actorId, note.id], 'Spam, please look')
    const got = await lou.waitFor((x) => x.type === 'Flag')
    expect(got).toEqual({
      '@context': 'https://www.w3.org/ns/activitystreams',
      id: flag.id,
      type: 'Flag',
      actor: kim.instanceActorId,
      content: 'Spam, please look',
      object: [lou.actorId, note.id],
    })
    // To the reported account's own inbox, signed by the instance actor, whose key lou fetched from /actor.
    expect(lou.received.find((r) => r.activity.id === flag.id)).toMatchObject({
      keyId: kim.instanceKeyId,
      path: '/users/lou/inbox',
    })
    const instanceActor = await lou.fetchObject(kim.instanceActorId)
    expect(instanceActor.body).toMatchObject({ type: 'Application', preferredUsername: new URL(kim.origin).host })
    // By the peer's own actor, to the shared inbox.
    await kim.flag([lou.actorId], 'Again', { asUser: true, inbox: `${lou.origin}/inbox` })
    expect(await lou.waitFor((x) => x.type === 'Flag' && x.content === 'Again')).toMatchObject({ actor: kim.actorId })
    expect(lou.refused).toEqual([])
  })

  it('moves: B moves to C (C alsoKnownAs B), A follows C and unfollows B; a Move C does not confirm is ignored', async () => {
    const amy = await start('127.0.0.17', { username: 'amy' })
    const bea = await start('127.0.0.18', { username: 'bea' })
    const cal = await start('127.0.0.19', { username: 'cal' })
    await followed(amy, bea)
    // Mastodon refuses to move to an account that does not name the old one as an alias.
    await expect(bea.move(cal.actorId)).rejects.toThrow(/does not list .* in alsoKnownAs/)
    expect(bea.movedTo).toBeUndefined()

    const move = await bea.moveTo(cal)
    expect(move).toEqual({
      '@context': 'https://www.w3.org/ns/activitystreams',
      id: expect.stringMatching(new RegExp(`^${bea.actorId}#moves/`)),
      type: 'Move',
      actor: bea.actorId,
      object: bea.actorId,
      target: cal.actorId,
    })
    const calDoc = (await amy.fetchObject(cal.actorId)).body
    expect(calDoc.alsoKnownAs).toEqual([bea.actorId])
    expect(calDoc['@context']).toContainEqual({
      alsoKnownAs: { '@id': 'as:alsoKnownAs', '@type': '@id' },
      movedTo: { '@id': 'as:movedTo', '@type': '@id' },
    })
    // The old actor now serves movedTo (and a lookup of it returns it as is); the Update came before the Move.
    expect((await amy.lookup(bea.handle)).movedTo).toBe(cal.actorId)
    const types = amy.received.filter((r) => r.activity.actor === bea.actorId).map((r) => r.activity.type)
    expect(types.slice(-2)).toEqual(['Update', 'Move'])
    expect(amy.received.find((r) => r.activity.type === 'Update')?.activity.object.movedTo).toBe(cal.actorId)

    const record = await amy.waitForMove(bea.actorId)
    expect(record).toMatchObject({ from: bea.actorId, to: cal.actorId, accepted: true, activityId: move.id })
    await cal.waitFor((x) => x.type === 'Follow' && x.actor === amy.actorId)
    await vi.waitFor(() => expect(amy.following.get(cal.actorId)?.state).toBe('accepted'))
    expect(amy.following.has(bea.actorId)).toBe(false)
    await bea.waitFor((x) => x.type === 'Undo' && x.object.type === 'Follow' && x.actor === amy.actorId)
    expect(bea.followers.has(amy.actorId)).toBe(false)
    expect([...cal.followers.keys()]).toEqual([amy.actorId])

    // A Move to an account that does not list the mover, sent unchecked to an explicit inbox: amy stays put.
    const dot = await start('127.0.0.20', { username: 'dot' })
    const eve = await start('127.0.0.21', { username: 'eve' })
    await followed(amy, dot)
    const bogus = await dot.move(eve.actorId, { to: `${amy.origin}/inbox`, unchecked: true })
    expect(dot.sent.filter((s) => s.activityId === bogus.id).map((s) => s.inbox)).toEqual([`${amy.origin}/inbox`])
    const refused = await amy.waitForMove(dot.actorId)
    expect(refused).toMatchObject({ accepted: false, reason: expect.stringMatching(/does not list .* in alsoKnownAs/) })
    expect(amy.following.get(dot.actorId)?.state).toBe('accepted')
    expect(amy.following.has(eve.actorId)).toBe(false)
    expect([...amy.errors, ...bea.errors, ...cal.errors, ...dot.errors]).toEqual([])
  })

  it('in secure mode answers notes only to signed GETs (401 otherwise), the actor restricted; WebFinger stays public', async () => {
    const sam = await start('127.0.0.22', { username: 'sam', requireSignedFetch: true })
    const ted = await start('127.0.0.23', { username: 'ted' })
    const note = await sam.mentionPost('<p>Members only</p>', 'https://blog.example/posts/3', { mention: null })

    const unsigned = await ted.fetchObject(note.id, { signed: false })
    expect(unsigned).toMatchObject({ status: 401, body: { error: 'Request not signed' } })
    expect(sam.fetches.at(-1)).toMatchObject({
      path: new URL(note.id).pathname,
      keyId: null,
      verified: null,
      status: 401,
    })
    const signed = await ted.fetchObject(note.id)
    expect(signed).toMatchObject({ status: 200, body: { id: note.id, type: 'Note' } })
    expect(sam.fetches.at(-1)).toMatchObject({ keyId: ted.keyId, verified: true, status: 200 })
    // Sam fetched ted's key with its own signed GET (its instance actor's, as Mastodon does).
    expect(ted.fetches.some((f) => f.path === '/users/ted' && f.keyId === sam.instanceKeyId)).toBe(true)
    expect((await ted.fetchObject(note.id, { as: 'instance' })).status).toBe(200)

    // A signature by another key than the one named: 401, with the reason recorded.
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 })
    expect((await rawGet(note.id, { key: privateKey, keyId: ted.keyId })).status).toBe(401)
    expect(sam.fetches.at(-1)).toMatchObject({ verified: false, reason: expect.stringMatching(/does not verify/) })

    // The actor: whole when signed, Mastodon's restricted fields when not; the outbox refused; WebFinger public.
    expect((await ted.fetchObject(sam.actorId)).body.summary).toMatch(/test peer/)
    const restricted = await rawGet(sam.actorId)
    expect(restricted.status).toBe(200)
    expect(Object.keys(restricted.body).sort()).toEqual(
      ['@context', 'endpoints', 'id', 'inbox', 'preferredUsername', 'publicKey', 'type'].sort(),
    )
    expect((await rawGet(`${sam.actorId}/outbox`)).status).toBe(401)
    expect((await fetch(`${sam.origin}/.well-known/webfinger?resource=acct:${sam.handle}`)).status).toBe(200)
    expect((await fetch(note.url)).status).toBe(200) // the HTML page
    expect((await rawGet(sam.instanceActorId)).status).toBe(200)
  })

  it("two servers in strict secure mode verify each other's GETs and deliveries without waiting on each other", async () => {
    const uma = await start('127.0.0.24', { username: 'uma', requireSignedFetch: 'strict' })
    const vic = await start('127.0.0.25', { username: 'vic', requireSignedFetch: 'strict' })
    expect((await rawGet(uma.actorId)).status).toBe(401)
    const started = Date.now()
    await followed(uma, vic)
    const note = await vic.mentionPost('<p>Hello</p>', 'https://blog.example/posts/4', { mention: null })
    await uma.waitFor((x) => x.type === 'Create' && x.object.id === note.id)
    expect((await uma.fetchObject(note.id)).status).toBe(200)
    expect(Date.now() - started).toBeLessThan(5_000)
    const checked = [...uma.fetches, ...vic.fetches].filter((f) => f.keyId !== null && !f.path.startsWith('/actor'))
    expect(checked.length).toBeGreaterThan(0)
    for (const f of checked) expect(f).toMatchObject({ verified: true, status: 200 })
    expect([...uma.errors, ...vic.errors, ...uma.refused, ...vic.refused]).toEqual([])
  })

  it('can be made to fail (a status, a delay, a hang) and counts the deliveries per inbox', async () => {
    const wes = await start('127.0.0.26', { username: 'wes' })
    const xia = await start('127.0.0.27', { username: 'xia' })
    const shared = `${xia.origin}/inbox`
    const like = () => likeBy(wes, `${xia.actorId}/statuses/1`)

    xia.failInbox({ status: 500, times: 2 })
    expect((await wes.deliver(shared, like())).status).toBe(500)
    expect((await wes.deliver(`${xia.actorId}/inbox`, like())).status).toBe(500)
    expect((await wes.deliver(shared, like())).status).toBe(202)
    xia.failInbox({ status: 410 })
    expect((await wes.deliver(shared, like())).status).toBe(410)
    expect((await wes.deliver(shared, like())).status).toBe(410)
    xia.failInbox(null)
    expect((await wes.deliver(shared, like())).status).toBe(202)
    expect(xia.deliveryCount(shared.slice(xia.origin.length))).toBe(5)
    expect(xia.deliveryCount('/users/xia/inbox')).toBe(1)
    expect(xia.deliveryCount()).toBe(6)
    expect(xia.inboxHits.map((h) => h.status)).toEqual([500, 500, 202, 410, 410, 202])
    expect(xia.inboxHits[2]).toMatchObject({ type: 'Like', path: '/inbox' })
    expect(xia.received).toHaveLength(2)

    // A slow inbox answers late; a hanging one never does (the sender gives up), and close releases it.
    xia.failInbox({ delayMs: 300, times: 1 })
    const before = Date.now()
    expect((await wes.deliver(shared, like())).status).toBe(202)
    expect(Date.now() - before).toBeGreaterThanOrEqual(290)
    xia.failInbox({ delayMs: Infinity })
    const hung = fetch(shared, { method: 'POST', body: '{}', signal: AbortSignal.timeout(300) })
    await expect(hung).rejects.toThrow()
    // With scope 'all', GETs fail too.
    xia.failInbox({ status: 503, scope: 'all' })
    expect((await wes.fetchObject(xia.actorId)).status).toBe(503)
    xia.failInbox({ delayMs: Infinity })
    const held = fetch(shared, { method: 'POST', body: '{}' }).then(
      (res) => res.status,
      () => 'closed',
    )
    await new Promise((resolve) => setTimeout(resolve, 50))
    const closing = Date.now()
    await xia.close()
    expect(Date.now() - closing).toBeLessThan(2_000)
    expect(await held).toBe('closed')
  })
})

const AS_CONTEXT = 'https://www.w3.org/ns/activitystreams'

/**
 * A quoted author played by hand with node:http and the signing helpers above, so nothing of the peer answers its
 * own QuoteRequest: it serves its actor (with its key), a post, and the documents a test gives it, records the GETs
 * and the deliveries it gets (answering 202), and delivers activities signed as Mastodon signs them.
 */
async function startAuthor(hostname: string, username: string) {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 })
  const docs = new Map<string, AS>()
  const gets: { path: string; keyId: string | null }[] = []
  const inbox: AS[] = []
  const server = createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (chunk: Buffer) => chunks.push(chunk))
    req.on('end', () => {
      if (req.method === 'POST') {
        inbox.push(JSON.parse(Buffer.concat(chunks).toString('utf8')))
        return void res.writeHead(202).end()
      }
      const path = req.url ?? '/'
      gets.push({ path, keyId: parseSignatureHeader(String(req.headers.signature ?? ''))?.keyId ?? null })
      const doc = docs.get(path)
      if (!doc) return void res.writeHead(404).end()
      res.writeHead(200, { 'content-type': 'application/activity+json' }).end(JSON.stringify(doc))
    })
  })
  const listen = (host: string) =>
    new Promise<void>((resolve, reject) => {
      server.once('error', reject)
      server.listen(0, host, () => {
        server.off('error', reject)
        resolve()
      })
    })
  // A loopback host of its own where it can be bound, as startOn does for the peers.
  await listen(hostname).catch(() => listen('127.0.0.1'))
  const { address, port } = server.address() as AddressInfo
  const actorId = `http://${address}:${port}/users/${username}`
  const keyId = `${actorId}#main-key`
  /** Serves `doc` at `path` (default: its id's path); returns it. */
  const serve = (doc: AS, path = new URL(doc.id).pathname) => {
    docs.set(path, doc)
    return doc
  }
  let stamps = 0
  const actor = serve({
    '@context': [AS_CONTEXT, 'https://w3id.org/security/v1'],
    id: actorId,
    type: 'Person',
    preferredUsername: username,
    inbox: `${actorId}/inbox`,
    publicKey: { id: keyId, owner: actorId, publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }) },
  })
  const post = serve({
    '@context': AS_CONTEXT,
    id: `${actorId}/statuses/1`,
    type: 'Note',
    attributedTo: actorId,
    content: '<p>Quote me</p>',
    to: ['https://www.w3.org/ns/activitystreams#Public'],
  })
  return {
    actorId,
    actor,
    post,
    gets,
    inbox,
    serve,
    /** A QuoteAuthorization of `noteId` quoting this author's post, in Mastodon's context; `fields` override. */
    authorization: (noteId: string, fields: AS = {}) =>
      serve({
        '@context': [
          AS_CONTEXT,
          {
            gts: 'https://gotosocial.org/ns#',
            interactingObject: { '@id': 'gts:interactingObject', '@type': '@id' },
            interactionTarget: { '@id': 'gts:interactionTarget', '@type': '@id' },
            QuoteAuthorization: 'https://w3id.org/fep/044f#QuoteAuthorization',
          },
        ],
        id: `${actorId}/quote_authorizations/${++stamps}`,
        type: 'QuoteAuthorization',
        attributedTo: actorId,
        interactingObject: noteId,
        interactionTarget: post.id,
        ...fields,
      }),
    /** `activity` POSTed to `inbox`, signed (request-target) host date digest with this author's key; the status. */
    async send(inbox: string, activity: AS): Promise<number> {
      const url = new URL(inbox)
      const body = JSON.stringify(activity)
      const headers: Record<string, string> = {
        'content-type': 'application/activity+json',
        date: httpDate(),
        digest: digestHeader(body),
      }
      headers.signature = signCavage(privateKey, keyId, ['(request-target)', 'host', 'date', 'digest'], {
        method: 'POST',
        target: url.pathname,
        headers: { ...headers, host: url.host },
      })
      const res = await fetch(url, { method: 'POST', headers, body })
      await res.text()
      return res.status
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve())
        server.closeAllConnections()
      }),
  }
}

describe("answers to the peer's QuoteRequest, taken as Mastodon 4.5 takes them (FEP-044f)", () => {
  let quinn: Peer
  let ada: Awaited<ReturnType<typeof startAuthor>>
  let zed: Awaited<ReturnType<typeof startAuthor>>
  let answers = 0
  beforeAll(async () => {
    quinn = await startOn('127.0.0.28', { username: 'quinn' })
    ada = await startAuthor('127.0.0.29', 'ada')
    zed = await startAuthor('127.0.0.30', 'zed')
  })
  afterAll(async () => {
    await Promise.all([quinn.close(), ada.close(), zed.close()])
  })

  /** Quinn quotes ada's post with a QuoteRequest; the note and its record. */
  const quoted = async () => {
    const note = await quinn.quote(ada.post.id, '<p>Yes</p>', { author: ada.actor, request: true })
    return { note, record: quinn.quotes().find((q) => q.noteId === note.id)! }
  }
  const answer = (by: { actorId: string }, type: 'Accept' | 'Reject', object: AS, result?: string): AS => ({
    '@context': AS_CONTEXT,
    id: `${by.actorId}#answers/${++answers}`,
    type,
    actor: by.actorId,
    object,
    ...(result === undefined ? {} : { result }),
  })
  const inbox = () => `${quinn.actorId}/inbox`
  const served = async (noteId: string) => (await rawGet(noteId)).body

  it('an Accept whose QuoteAuthorization verifies: accepted, the note served with it; no Follow is touched', async () => {
    // A Follow of ada left pending: the Accept of the QuoteRequest must not be taken for its answer.
    await quinn.follow(ada.actor)
    const { note, record } = await quoted()
    expect(record).toEqual({
      noteId: note.id,
      postUrl: ada.post.id,
      requestId: expect.stringMatching(new RegExp(`^${quinn.actorId}/activities/`)),
      author: ada.actorId,
      state: 'pending',
    })
    await vi.waitFor(() => expect(ada.inbox.find((a) => a.type === 'QuoteRequest')?.id).toBe(record.requestId))

    const stamp = ada.authorization(note.id)
    expect(await ada.send(inbox(), answer(ada, 'Accept', record.requestId, stamp.id))).toBe(202)
    expect(await quinn.waitForQuote(note.id)).toMatchObject({
      state: 'accepted',
      authorization: stamp.id,
      reason: expect.stringMatching(/verified/),
    })
    await quinn.waitFor((x) => x.type === 'Accept' && x.result === stamp.id)
    // Dereferenced with a GET signed by quinn's instance actor, as Mastodon's fetch_resource signs.
    expect(ada.gets).toContainEqual({ path: new URL(stamp.id).pathname, keyId: quinn.instanceKeyId })
    expect(await served(note.id)).toMatchObject({ id: note.id, quote: ada.post.id, quoteAuthorization: stamp.id })
    expect(quinn.following.get(ada.actorId)?.state).toBe('pending')

    // The QuoteRequest embedded (matched by instrument and object), the stamp's values as objects with an id.
    const second = await quoted()
    const embedded = { type: 'QuoteRequest', actor: quinn.actorId, object: ada.post.id, instrument: second.note.id }
    const objectValued = ada.authorization(second.note.id, {
      attributedTo: { id: ada.actorId, type: 'Person' },
      interactionTarget: { id: ada.post.id, type: 'Note' },
    })
    expect(await ada.send(inbox(), answer(ada, 'Accept', embedded, objectValued.id))).toBe(202)
    expect(await quinn.waitForQuote(second.note.id, 'accepted')).toMatchObject({ authorization: objectValued.id })
    expect(quinn.quotes().map((q) => q.state)).toEqual(['accepted', 'accepted'])
    expect([...quinn.errors, ...quinn.refused]).toEqual([])
  })

  it('an Accept whose authorization does not hold (or from anyone else) leaves the quote pending, with why', async () => {
    const { note, record } = await quoted()
    const elsewhere = `${ada.actorId}/quote_authorizations/elsewhere`
    ada.serve({ ...ada.authorization(note.id), id: `${elsewhere}-really` }, new URL(elsewhere).pathname)
    const onZed = zed.authorization(note.id, { attributedTo: ada.actorId, interactionTarget: ada.post.id })
    const cases: [string | undefined, RegExp, { actorId: string; send: typeof ada.send }?][] = [
      [
        ada.authorization(note.id, { interactingObject: `${quinn.actorId}/statuses/1` }).id,
        /interactingObject .*, not/,
      ],
      [ada.authorization(note.id, { attributedTo: zed.actorId }).id, /attributedTo .*zed, not .*ada$/],
      [onZed.id, /is on .*, not on the quoted author's host/],
      [ada.authorization(note.id, { interactionTarget: `${ada.actorId}/statuses/2` }).id, /interactionTarget/],
      [ada.authorization(note.id, { type: 'Note' }).id, /not FEP-044f's QuoteAuthorization/],
      // The compact term with no context defining it is not FEP-044f's.
      [ada.authorization(note.id, { '@context': AS_CONTEXT }).id, /not FEP-044f's QuoteAuthorization/],
      [elsewhere, /has the id .*-really, not its URL/],
      [`${ada.actorId}/quote_authorizations/missing`, /answered 404/],
      [undefined, /has no result/],
      [ada.authorization(note.id).id, /came from .*zed, not from the quoted author/, zed],
    ]
    for (const [result, reason, by = ada] of cases) {
      expect(await by.send(inbox(), answer(by, 'Accept', record.requestId, result))).toBe(202)
      await vi.waitFor(() => expect(record.reason).toMatch(reason))
      expect(record).toMatchObject({ state: 'pending' })
      expect(record.authorization).toBeUndefined()
    }
    // The stamp on another host was not even fetched (Mastodon's Accept checks the host first).
    expect(zed.gets.some((g) => g.path === new URL(onZed.id).pathname)).toBe(false)
    expect((await served(note.id)).quoteAuthorization).toBeUndefined()
    await expect(quinn.waitForQuote(note.id, 'accepted', 100)).rejects.toThrow(/is pending: the Accept came from/)

    // Still pending, so a good Accept is taken.
    const good = ada.authorization(note.id)
    await ada.send(inbox(), answer(ada, 'Accept', record.requestId, good.id))
    expect(await quinn.waitForQuote(note.id)).toMatchObject({ state: 'accepted', authorization: good.id })
    // All of them reached the received list, as any verified delivery does.
    expect(quinn.received.filter((r) => r.activity.object === record.requestId)).toHaveLength(cases.length + 1)
    expect(quinn.errors).toEqual([])
  })

  it('a Reject rejects a pending quote (an Accept after it changes nothing) and revokes an accepted one', async () => {
    const { note, record } = await quoted()
    const reject = answer(ada, 'Reject', record.requestId)
    expect(await ada.send(inbox(), reject)).toBe(202)
    expect(await quinn.waitForQuote(note.id)).toMatchObject({
      state: 'rejected',
      reason: `Reject ${reject.id} by ${ada.actorId}`,
    })
    await quinn.waitFor((x) => x.id === reject.id)
    const late = ada.authorization(note.id)
    expect(await ada.send(inbox(), answer(ada, 'Accept', record.requestId, late.id))).toBe(202)
    await new Promise((resolve) => setTimeout(resolve, 100))
    expect(record.state).toBe('rejected')
    expect(ada.gets.some((g) => g.path === new URL(late.id).pathname)).toBe(false)
    await expect(quinn.waitForQuote(note.id, 'accepted')).rejects.toThrow(/is not accepted; it is rejected/)

    // Mastodon's Quote#reject! on an accepted quote: revoked, the note served without its authorization.
    const accepted = await quoted()
    const stamp = ada.authorization(accepted.note.id)
    await ada.send(inbox(), answer(ada, 'Accept', accepted.record.requestId, stamp.id))
    await quinn.waitForQuote(accepted.note.id, 'accepted')
    const embedded = { type: 'QuoteRequest', object: ada.post.id, instrument: accepted.note.id }
    await ada.send(inbox(), answer(ada, 'Reject', embedded))
    expect(await quinn.waitForQuote(accepted.note.id, 'revoked')).toMatchObject({ authorization: stamp.id })
    expect((await served(accepted.note.id)).quoteAuthorization).toBeUndefined()
  })

  it("a Delete of the authorization by the quoted author revokes the accepted quote; anyone else's, nothing", async () => {
    const { note, record } = await quoted()
    const stamp = ada.authorization(note.id)
    await ada.send(inbox(), answer(ada, 'Accept', record.requestId, stamp.id))
    await quinn.waitForQuote(note.id, 'accepted')
    const deleteBy = (by: { actorId: string }): AS => ({
      '@context': AS_CONTEXT,
      id: `${by.actorId}#deletes/${++answers}`,
      type: 'Delete',
      actor: by.actorId,
      object: { id: stamp.id, type: 'QuoteAuthorization' },
    })
    expect(await zed.send(inbox(), deleteBy(zed))).toBe(202)
    expect(record.state).toBe('accepted')
    const revocation = deleteBy(ada)
    expect(await ada.send(inbox(), revocation)).toBe(202)
    const revoked: QuoteRecord = await quinn.waitForQuote(note.id, 'revoked')
    expect(revoked).toMatchObject({ authorization: stamp.id, reason: expect.stringMatching(/was deleted by .*ada/) })
    expect(await quinn.waitFor((x) => x.type === 'Delete' && x.id === revocation.id)).toMatchObject({
      actor: ada.actorId,
    })
    expect(await served(note.id)).toMatchObject({ id: note.id, quote: ada.post.id })
    expect((await served(note.id)).quoteAuthorization).toBeUndefined()
    expect([...quinn.errors, ...quinn.refused]).toEqual([])
  })
})
