// Running the blog's fediverse account for years, met by the independent Mastodon-rules peer (e2e/fediverse/peer.ts):
// blocking an instance or an account (and what that does to its followers, replies, likes, deliveries and
// linkbacks), Mastodon's domain-block CSV in and out, reports (Flag), follower approval (Accept / Reject), secure
// fetch (unsigned GETs refused, the blog's own fetches signed), quotes, and a follower moving to a new account.
// Peers here live on 127.0.0.10–19 (fediverse.spec.ts has .2–.6, the fan-out spec 127.30.x).
import type { Page } from '@playwright/test'
import { expect, test } from './fixtures'
import { E2E_BASE_URL, E2E_PORT } from './env'
import { readDb, writeDb } from './db'
import { writeSetting } from './data'
import { field } from './helpers'
import { AP_ACCEPT, startPeer, type Peer } from './fediverse/peer'

const HANDLE = `blog@localhost:${E2E_PORT}`
const postUrl = (slug: string) => `${E2E_BASE_URL}/posts/${slug}`

const peers: Peer[] = []
async function peerAt(hostname: string, username: string, options: Parameters<typeof startPeer>[0] = {}) {
  const peer = await startPeer({ hostname, username, ...options })
  peers.push(peer)
  return peer
}

/** A peer that follows the blog, its Accept received; with the blog's actor as the peer found it. */
async function followingPeer(hostname: string, username: string, options: Parameters<typeof startPeer>[0] = {}) {
  const peer = await peerAt(hostname, username, options)
  const blog = await peer.lookup(HANDLE)
  await peer.follow(blog)
  await peer.waitFor((a) => a.type === 'Accept', 20_000)
  return { peer, blog }
}

/** The peer's Like of a post delivered by hand (so the test sees the status the blog answered). */
const deliverLike = (peer: Peer, inbox: string, slug: string) =>
  peer.deliver(inbox, {
    '@context': 'https://www.w3.org/ns/activitystreams',
    id: `${peer.origin}/likes/${Date.now()}`,
    type: 'Like',
    actor: peer.actorId,
    object: postUrl(slug),
  })

/** Publishes a post from the editor, as the author would. */
async function publish(admin: Page, title: string) {
  await admin.goto('/admin/posts/new')
  await field(admin, 'Title').fill(title)
  await field(admin, 'Body (Markdown)').fill('For the living instances.')
  await admin.getByRole('button', { name: 'Publish now' }).click()
  await expect(admin).toHaveURL(/\/admin\/posts\/\w+\?saved=1$/)
}

const isCreateOf = (title: string) => (a: { type?: string; object?: { name?: string } }) =>
  a.type === 'Create' && a.object?.name === title

test.afterAll(async () => {
  // Followers left by these tests (a moved account, a waiting one) would be sent later posts after their peer is gone.
  await writeDb((db) =>
    db.follower.deleteMany({ where: { OR: peers.map((peer) => ({ remoteId: { startsWith: peer.origin } })) } }),
  )
  await Promise.all(peers.map((peer) => peer.close()))
})

test('a blocked instance is refused at the inbox, loses its followers, likes and replies, and its linkbacks are refused', async ({
  adminPage: admin,
  post,
  request,
  exclusive,
}) => {
  test.setTimeout(90_000)
  // The blog's followers hear a move of the blog (the last test here): no follow of another test may be under way.
  await exclusive('fediverse-followers')
  const { peer: bob, blog } = await followingPeer('127.0.0.10', 'bob', { name: 'Bob Blocked' })
  const like = await bob.like(postUrl(post.slug))
  const reply = await bob.reply({ id: postUrl(post.slug) }, '<p>Before the block.</p>')
  await expect.poll(() => readDb((db) => db.reaction.count({ where: { activityId: like.id } }))).toBe(1)
  expect(await readDb((db) => db.comment.count({ where: { remoteId: reply.id } }))).toBe(1)

  await admin.goto('/admin/fediverse')
  await field(admin, 'Account or instance').fill('127.0.0.10')
  await field(admin, 'Reason (for you; exported with domain blocks)').fill('Spam, from the whole server')
  await admin.getByRole('button', { name: 'Block', exact: true }).click()
  await expect(admin.getByRole('status').filter({ hasText: 'Blocked the instance 127.0.0.10' })).toContainText(
    '1 follower(s) removed, 1 response(s) hidden, 1 like(s) or boost(s) removed',
  )
  await expect(admin.getByRole('row', { name: /127\.0\.0\.10/ })).toContainText('Spam, from the whole server')
  expect(await readDb((db) => db.follower.count({ where: { remoteId: bob.actorId } }))).toBe(0)
  expect(await readDb((db) => db.reaction.count({ where: { actorId: bob.actorId } }))).toBe(0)
  expect(
    await readDb((db) => db.comment.findUnique({ where: { remoteId: reply.id }, select: { status: true } })),
  ).toEqual({ status: 'SPAM' })

  // Its deliveries are refused before their signature is checked (its key is not even fetched again).
  const fetchesBefore = bob.fetches.length
  const again = await deliverLike(bob, blog.endpoints.sharedInbox, post.slug)
  expect(again.status).toBe(403)
  expect(bob.fetches.length).toBe(fetchesBefore)
  // A webmention from a page on that instance is refused too.
  const mention = await request.post('/webmention', {
    form: { source: `${bob.origin}/some-page`, target: postUrl(post.slug) },
  })
  expect(mention.status()).toBe(403)
  expect(await mention.text()).toBe('Webmentions from this site are not accepted here.\n')

  // The blocklist exports as Mastodon's CSV, and imports back (a plain domain list too).
  const csv = await admin.request.get('/admin/fediverse/domain-blocks.csv')
  expect(csv.headers()['content-type']).toMatch(/^text\/csv/)
  const text = await csv.text()
  expect(text.split('\n')[0]).toBe('#domain,#severity,#reject_media,#reject_reports,#public_comment,#obfuscate')
  expect(text).toContain('127.0.0.10,suspend,true,true,"Spam, from the whole server",false')
  await admin.getByLabel('Import domain blocks').setInputFiles({
    name: 'domain_blocks.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from(
      '#domain,#severity,#reject_media,#reject_reports,#public_comment,#obfuscate\n' +
        'spam.example,suspend,true,true,Known spam,false\n' +
        'quiet.example,noop,false,false,,false\n' +
        'ab*.example,suspend,true,true,,true\n',
    ),
  })
  await admin.getByRole('button', { name: 'Import', exact: true }).click()
  await expect(
    admin.getByRole('status').filter({ hasText: 'Imported 1 domain block(s) (2 row(s) skipped' }),
  ).toBeVisible()
  await expect(admin.getByRole('row', { name: /spam\.example/ })).toContainText('Known spam')
  // Not a CSV of domains: a clear error, nothing imported.
  await admin.getByLabel('Import domain blocks').setInputFiles({
    name: 'x.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from('not a domain at all,\n'),
  })
  await admin.getByRole('button', { name: 'Import', exact: true }).click()
  await expect(admin.getByText('Line 1: “not a domain at all” is not a domain.')).toBeVisible()

  // Unblocked, it may deliver again.
  await admin.getByRole('button', { name: 'Unblock 127.0.0.10' }).click()
  await expect(admin.getByRole('button', { name: 'Unblock 127.0.0.10' })).toHaveCount(0)
  await admin.getByRole('button', { name: 'Unblock spam.example' }).click()
  const after = await bob.like(postUrl(post.slug))
  await expect.poll(() => readDb((db) => db.reaction.count({ where: { activityId: after.id } }))).toBe(1)
})

test('a follower blocked from the list is told with a Reject; a report (Flag) waits in the moderation queue', async ({
  adminPage: admin,
  post,
  exclusive,
}) => {
  test.setTimeout(90_000)
  await exclusive('fediverse-followers')
  const { peer: carol, blog } = await followingPeer('127.0.0.11', 'carol', { name: 'Carol Reported' })

  // A report from her instance about the post, as Mastodon forwards one (signed by its instance actor).
  const flag = await carol.flag([blog.id, postUrl(post.slug)], 'This post is misleading about refunds.', {
    inbox: blog.endpoints.sharedInbox,
  })
  await expect.poll(() => readDb((db) => db.report.count({ where: { activityId: flag.id } }))).toBe(1)
  await admin.goto('/admin/comments')
  const reports = admin.getByRole('region', { name: /Reports from the fediverse/ })
  await expect(reports).toContainText('This post is misleading about refunds.')
  await expect(reports.getByRole('link', { name: postUrl(post.slug) })).toBeVisible()
  await reports
    .getByRole('button', { name: /Dismiss the report from/ })
    .first()
    .click()
  await expect
    .poll(() => readDb((db) => db.report.count({ where: { activityId: flag.id, resolvedAt: { not: null } } })))
    .toBe(1)

  await admin.goto('/admin/fediverse')
  await admin.getByRole('button', { name: `Block @carol@${new URL(carol.origin).host}` }).click()
  await carol.waitFor((a) => a.type === 'Reject', 20_000)
  await expect.poll(() => carol.following.get(blog.id)).toBeUndefined()
  expect(await readDb((db) => db.block.count({ where: { value: carol.actorId, kind: 'ACCOUNT' } }))).toBe(1)
  const refused = await deliverLike(carol, blog.endpoints.sharedInbox, post.slug)
  expect(refused.status).toBe(403)
  await admin.goto('/admin/fediverse')
  await admin.getByRole('button', { name: `Unblock ${carol.actorId}` }).click()
  await expect(admin.getByRole('button', { name: `Unblock ${carol.actorId}` })).toHaveCount(0)
})

test('a quote of a post shows as a mention with its text', async ({ post }) => {
  const dora = await peerAt('127.0.0.12', 'dora', { name: 'Dora Quotes' })
  const blog = await dora.lookup(HANDLE)
  const quote = await dora.quote(postUrl(post.slug), '<p>Worth reading on refunds.</p>', { author: blog })
  await expect
    .poll(() =>
      readDb((db) =>
        db.comment.findUnique({
          where: { remoteId: quote.id },
          select: { kind: true, content: true, sourceTitle: true },
        }),
      ),
    )
    .toMatchObject({ kind: 'FEDIVERSE', content: expect.stringContaining('Worth reading on refunds.') })
  expect((await readDb((db) => db.comment.findUnique({ where: { remoteId: quote.id } })))?.sourceTitle).toContain(
    'quoted this post',
  )
})

test('a quote that asks first (QuoteRequest) is accepted when the author approves it, revoked when taken down, refused as spam', async ({
  adminPage: admin,
  post,
}) => {
  test.setTimeout(120_000)
  const sam = await peerAt('127.0.0.25', 'sam', { name: 'Sam Quotes' })
  const tess = await peerAt('127.0.0.26', 'tess', { name: 'Tess Spams' })
  const blog = await sam.lookup(HANDLE)
  const url = postUrl(post.slug)
  // The post says who may quote it (Mastodon 4.5 reads it before offering to): anyone, the author approving
  // when responses are held (first-time commenters are held here).
  const article = await (await fetch(url, { headers: { accept: AP_ACCEPT } })).json()
  expect(JSON.stringify(article.interactionPolicy)).toMatch(
    /"canQuote":\{"manualApproval":"(as:Public|https:\/\/www\.w3\.org\/ns\/activitystreams#Public)"\}/,
  )

  const queueItem = (text: string) => admin.getByRole('listitem').filter({ hasText: text })
  const first = await sam.quote(url, '<p>Read this before your next refund call.</p>', { author: blog, request: true })
  // A first-time account is held for moderation, and its quote waits with it.
  await expect
    .poll(() =>
      readDb((db) =>
        db.comment.findUnique({ where: { remoteId: first.id }, select: { status: true, quoteRequestId: true } }),
      ),
    )
    .toEqual({ status: 'PENDING', quoteRequestId: sam.quotes()[0]!.requestId })
  expect(sam.quotes()[0]!.state).toBe('pending')

  await admin.goto('/admin/comments')
  await queueItem('Read this before your next refund call.').getByRole('button', { name: 'Approve' }).click()
  // The peer fetched the authorization (signed) and found it names the blog, its note and the post.
  const accepted = await sam.waitForQuote(first.id, 'accepted', 20_000)
  const authorization = await (await fetch(accepted.authorization!, { headers: { accept: AP_ACCEPT } })).json()
  expect(authorization).toMatchObject({
    type: 'QuoteAuthorization',
    attributedTo: blog.id,
    interactingObject: first.id,
    interactionTarget: url,
  })
  await admin.goto(`/posts/${post.slug}`)
  await expect(admin.getByText('Read this before your next refund call.')).toBeVisible()
  await expect(admin.getByText('Sam Quotes (@sam@127.0.0.25', { exact: false }).first()).toBeVisible()

  // Approved before now: the next quote is accepted at once.
  const second = await sam.quote(url, '<p>Still true a week later.</p>', { author: blog, request: true })
  await sam.waitForQuote(second.id, 'accepted', 20_000)

  // The first one taken down: its authorization is deleted (revoked) and no longer served.
  await admin.goto('/admin/comments?status=approved')
  await queueItem('Read this before your next refund call.').getByRole('button', { name: 'Trash' }).click()
  await sam.waitForQuote(first.id, 'revoked', 20_000)
  expect((await fetch(accepted.authorization!, { headers: { accept: AP_ACCEPT } })).status).toBe(404)

  // A held quote marked as spam is refused.
  const spam = await tess.quote(url, '<p>Cheap refunds at my shop.</p>', { author: blog, request: true })
  await expect
    .poll(() => readDb((db) => db.comment.findUnique({ where: { remoteId: spam.id }, select: { status: true } })))
    .toEqual({ status: 'PENDING' })
  await admin.goto('/admin/comments')
  await queueItem('Cheap refunds at my shop.')
    .getByRole('button', { name: /^Spam the / })
    .click()
  await tess.waitForQuote(spam.id, 'rejected', 20_000)

  // A request whose note does not quote the post is refused at once, and nothing is stored.
  const plain = await tess.mentionPost('<p>Unrelated.</p>', 'https://example.org/', { mention: null })
  const request = {
    '@context': ['https://www.w3.org/ns/activitystreams', { QuoteRequest: 'https://w3id.org/fep/044f#QuoteRequest' }],
    id: `${tess.origin}/quote-requests/${Date.now()}`,
    type: 'QuoteRequest',
    actor: tess.actorId,
    object: url,
    instrument: plain.id,
  }
  expect((await tess.deliver(blog.inbox, request)).status).toBeLessThan(300)
  await tess.waitFor((a) => a.type === 'Reject' && (a.object === request.id || a.object?.id === request.id), 20_000)
  expect(await readDb((db) => db.comment.count({ where: { remoteId: plain.id } }))).toBe(0)

  // A reply to the post sent as a quote request: refused, and the reply (taken as a reply) carries no request, so
  // approving it later answers nothing.
  await tess.lookup(HANDLE)
  const reply = await tess.reply({ id: url }, '<p>Replying, not quoting.</p>')
  await expect.poll(() => readDb((db) => db.comment.count({ where: { remoteId: reply.id } }))).toBe(1)
  const asQuote = { ...request, id: `${tess.origin}/quote-requests/${Date.now()}-reply`, instrument: reply.id }
  expect((await tess.deliver(blog.inbox, asQuote)).status).toBeLessThan(300)
  await tess.waitFor((a) => a.type === 'Reject' && (a.object === asQuote.id || a.object?.id === asQuote.id), 20_000)
  expect(
    await readDb((db) => db.comment.findUnique({ where: { remoteId: reply.id }, select: { quoteRequestId: true } })),
  ).toEqual({ quoteRequestId: null })
})

test('a follower moving to a new account is followed as the new account', async ({ exclusive }) => {
  await exclusive('fediverse-followers')
  const { peer: old, blog } = await followingPeer('127.0.0.13', 'gina')
  const moved = await peerAt('127.0.0.14', 'gina2')
  // Without the alias on the new account, the Move changes nothing.
  await old.move(moved.actorId, { to: blog.endpoints.sharedInbox, unchecked: true })
  expect(await readDb((db) => db.follower.count({ where: { remoteId: old.actorId } }))).toBe(1)
  moved.setAlsoKnownAs([old.actorId])
  await old.move(moved.actorId, { to: blog.endpoints.sharedInbox })
  await expect
    .poll(() => readDb((db) => db.follower.findFirst({ where: { remoteId: moved.actorId }, select: { handle: true } })))
    .toEqual({ handle: `@gina2@${new URL(moved.origin).host}` })
  expect(await readDb((db) => db.follower.count({ where: { remoteId: old.actorId } }))).toBe(0)
})

test.describe('settings of the account', () => {
  test.describe.configure({ mode: 'serial' })

  test('with approval on, a follow waits for the author, who accepts one and rejects another', async ({
    adminPage: admin,
    exclusive,
  }) => {
    test.setTimeout(90_000)
    await exclusive('settings')
    await exclusive('fediverse-followers')
    await writeSetting('fediverseApproveFollowers', true)
    try {
      const hugo = await peerAt('127.0.0.15', 'hugo', { name: 'Hugo Waits' })
      const iris = await peerAt('127.0.0.16', 'iris', { name: 'Iris Refused' })
      const blog = await hugo.lookup(HANDLE)
      expect(blog.manuallyApprovesFollowers).toBe(true)
      await hugo.follow(blog)
      await iris.lookup(HANDLE)
      await iris.follow(blog)
      await expect
        .poll(() =>
          readDb((db) =>
            db.follower.count({ where: { remoteId: { in: [hugo.actorId, iris.actorId] }, status: 'PENDING' } }),
          ),
        )
        .toBe(2)
      expect(hugo.received.filter((a) => a.activity.type === 'Accept')).toEqual([])
      // Waiting followers are not in the collection (nor sent posts).
      const followers = await (await fetch(blog.followers, { headers: { accept: AP_ACCEPT } })).json()
      expect(JSON.stringify(followers)).not.toContain(hugo.actorId)

      await admin.goto('/admin/fediverse')
      const waiting = admin.getByRole('table').filter({ hasText: 'Hugo Waits' })
      await waiting.getByRole('button', { name: `Accept @hugo@${new URL(hugo.origin).host}` }).click()
      await hugo.waitFor((a) => a.type === 'Accept', 20_000)
      expect(hugo.following.get(blog.id)?.state).toBe('accepted')
      await admin.getByRole('button', { name: `Reject @iris@${new URL(iris.origin).host}` }).click()
      await iris.waitFor((a) => a.type === 'Reject', 20_000)
      expect(iris.following.get(blog.id)?.state).toBe('rejected')
      expect(
        await readDb((db) =>
          db.follower.findMany({
            where: { remoteId: { in: [hugo.actorId, iris.actorId] } },
            select: { remoteId: true, status: true },
          }),
        ),
      ).toEqual([{ remoteId: hugo.actorId, status: 'ACCEPTED' }])
      await hugo.unfollow(blog)
    } finally {
      await writeSetting('fediverseApproveFollowers', undefined)
    }
  })

  test('with secure fetch on, unsigned requests are refused, signed ones answered, and the blog signs its own fetches', async ({
    post,
    exclusive,
  }) => {
    test.setTimeout(90_000)
    await exclusive('settings')
    await writeSetting('fediverseSecureFetch', true)
    let signedPost: unknown
    try {
      // A server in Mastodon's secure mode itself: it answers only signed GETs, and checks them.
      const jane = await peerAt('127.0.0.17', 'jane', { requireSignedFetch: true })
      const blog = await jane.lookup(HANDLE)
      expect(blog.id).toBe(`${E2E_BASE_URL}/fediverse/blog`)
      const actorUrl = `${E2E_BASE_URL}/fediverse/blog`
      const unsigned = (url: string) => jane.fetchObject(url, { signed: false })
      expect((await unsigned(actorUrl)).status).toBe(401)
      expect((await unsigned(postUrl(post.slug))).status).toBe(401)
      expect((await unsigned(`${actorUrl}/outbox`)).status).toBe(401)
      // The instance actor, whose key other servers check the blog's fetches with, is always served.
      const instance = await unsigned(`${E2E_BASE_URL}/fediverse/instance`)
      expect(instance.status).toBe(200)
      expect(instance.body).toMatchObject({
        type: 'Application',
        publicKey: { id: `${E2E_BASE_URL}/fediverse/instance#main-key` },
      })
      // Signed, by a server that is not blocked: answered.
      const signed = await jane.fetchObject(postUrl(post.slug))
      expect(signed.status).toBe(200)
      expect(signed.body.id).toBe(postUrl(post.slug))
      signedPost = signed.body
      // Federation still works both ways: a reply from the strict server is taken, the blog fetching her actor with
      // a signature her server checked.
      const reply = await jane.reply({ id: postUrl(post.slug) }, '<p>From a server in secure mode.</p>')
      await expect.poll(() => readDb((db) => db.comment.count({ where: { remoteId: reply.id } }))).toBe(1)
      const ours = jane.fetches.filter((f) => f.keyId?.startsWith(`${E2E_BASE_URL}/fediverse/instance`))
      expect(ours.length).toBeGreaterThan(0)
      expect(ours.every((f) => f.verified === true)).toBe(true)
      expect(jane.fetches.filter((f) => f.path.startsWith('/users/jane') && f.status === 401)).toEqual([])
    } finally {
      await writeSetting('fediverseSecureFetch', undefined)
    }
    // Off again: an unsigned GET is answered, the post's object from the cache, as the library made it above.
    expect((await fetch(`${E2E_BASE_URL}/fediverse/blog`, { headers: { accept: AP_ACCEPT } })).status).toBe(200)
    const cached = await fetch(postUrl(post.slug), { headers: { accept: AP_ACCEPT } })
    expect(cached.headers.get('content-type')).toBe('application/activity+json')
    expect(cached.headers.get('vary')).toContain('Accept')
    expect(await cached.json()).toEqual(signedPost)
    const head = await fetch(postUrl(post.slug), { method: 'HEAD', headers: { accept: AP_ACCEPT } })
    expect([head.status, await head.text()]).toEqual([200, ''])
  })

  test('the blog moves to another account: its followers are sent a Move and follow the new one', async ({
    adminPage: admin,
    exclusive,
  }) => {
    test.setTimeout(90_000)
    await exclusive('settings')
    await exclusive('fediverse-followers')
    const { peer: kate, blog } = await followingPeer('127.0.0.18', 'kate', { name: 'Kate Follows' })
    const next = await peerAt('127.0.0.19', 'newblog', { name: 'The blog, moved' })
    // Its address (a handle is looked up over https by WebFinger, which these http peers do not serve).
    const nextHandle = next.actorId
    try {
      // Refused while the new account does not name the blog in alsoKnownAs.
      await admin.goto('/admin/fediverse')
      await field(admin, 'The new account').fill(nextHandle)
      await admin.getByRole('button', { name: 'Move followers to the new account' }).click()
      await expect(admin.getByText(/does not name this one .* in its “also known as” yet/)).toBeVisible()
      await expect(field(admin, 'The new account')).toHaveValue(nextHandle)

      next.setAlsoKnownAs([blog.id])
      await admin.getByRole('button', { name: 'Move followers to the new account' }).click()
      await expect(admin.getByRole('status').filter({ hasText: `Moved to ${next.actorId}` })).toBeVisible()
      const move = await kate.waitForMove(blog.id, 30_000)
      expect(move).toMatchObject({ from: blog.id, to: next.actorId, accepted: true })
      // Kate's server followed the new account, as Mastodon does on a Move it believes.
      await next.waitFor((a) => a.type === 'Follow' && a.actor === kate.actorId, 20_000)
      const actor = await (await fetch(blog.id, { headers: { accept: AP_ACCEPT } })).json()
      expect(actor.movedTo).toBe(next.actorId)
    } finally {
      await writeSetting('fediverseMovedTo', undefined)
    }
  })
})

test('an instance dead for days is sent no posts until it answers again', async ({ adminPage: admin, exclusive }) => {
  test.setTimeout(120_000)
  await exclusive('fediverse-followers')
  const { peer: lena } = await followingPeer('127.0.0.20', 'lena', { name: 'Lena Away' })
  const { peer: mia } = await followingPeer('127.0.0.21', 'mia', { name: 'Mia Here' })
  // Lena's server has failed for four days (as the delivery failure path notes it, kept by instance): dead.
  const host = new URL(lena.origin).host
  await writeDb((db) =>
    db.instance.create({
      data: {
        host,
        origin: lena.origin,
        failingSince: new Date(Date.now() - 4 * 86_400_000),
        lastFailureAt: new Date(Date.now() - 3_600_000),
        lastError: 'connect ECONNREFUSED',
        deadSince: new Date(Date.now() - 86_400_000),
      },
    }),
  )
  const deliveredBefore = lena.deliveryCount()
  await admin.goto('/admin/fediverse')
  await expect(admin.getByRole('row', { name: new RegExp(`^${host.replace(/\./g, '\\.')} Dead since`) })).toBeVisible()

  const first = `While Lena is away ${Date.now()}`
  await publish(admin, first)
  // Mia's instance gets it; Lena's is left out of the fan-out (the same job).
  const created = await mia.waitFor(isCreateOf(first), 30_000)
  expect(lena.received.some((r) => isCreateOf(first)(r.activity))).toBe(false)
  expect(lena.deliveryCount()).toBe(deliveredBefore)

  // Lena's server delivers something: it answers, so it is alive, and the next post reaches it.
  await lena.like(created.object.id)
  await expect.poll(() => readDb((db) => db.instance.count({ where: { host } }))).toBe(0)
  const second = `Lena is back ${Date.now()}`
  await publish(admin, second)
  await lena.waitFor(isCreateOf(second), 30_000)
})

test('an instance that takes deliveries and never answers does not hold up the others', async ({
  adminPage: admin,
  exclusive,
}) => {
  test.setTimeout(120_000)
  await exclusive('fediverse-followers')
  // Followed first, so its delivery is queued before the other's.
  const { peer: stuck } = await followingPeer('127.0.0.22', 'nora', { name: 'Nora Stuck' })
  const { peer: quick } = await followingPeer('127.0.0.23', 'olga', { name: 'Olga Quick' })
  stuck.failInbox({ delayMs: Infinity })
  try {
    const title = `Past a stuck inbox ${Date.now()}`
    const started = Date.now()
    await publish(admin, title)
    // The library would wait minutes on the stuck one; the queue goes on after 10 s.
    await quick.waitFor(isCreateOf(title), 40_000)
    expect(Date.now() - started).toBeLessThan(40_000)
  } finally {
    stuck.failInbox(null)
  }
})
