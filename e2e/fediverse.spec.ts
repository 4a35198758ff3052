// The blog as a fediverse account, met by an independent Mastodon-rules peer (e2e/fediverse/peer.ts: its own
// draft-cavage signatures with node:crypto, nothing shared with the federation library) on 127.0.0.2: it finds
// the blog by its handle, follows it, gets each post signed as the blog, replies, likes, boosts, edits and
// deletes, and unfollows; forged deliveries are refused and stored nowhere.
import http from 'node:http'
import { expect, test } from './fixtures'
import { E2E_BASE_URL, E2E_PORT } from './env'
import { readDb } from './db'
import { field } from './helpers'
import { startSecondServer, stopSecondServer } from './second-server'
import { AP_ACCEPT, startPeer, type Peer } from './fediverse/peer'

const HANDLE = `blog@localhost:${E2E_PORT}`

/** POSTs with `Expect: 100-continue`: the body goes only if the server says so; resolves to the status. */
function postAskingFirst(url: string, body: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const request = http.request(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/activity+json',
        'content-length': Buffer.byteLength(body),
        expect: '100-continue',
      },
    })
    request.on('continue', () => request.end(body))
    request.on('response', (response) => {
      response.resume()
      resolve(response.statusCode ?? 0)
    })
    request.on('error', reject)
    request.flushHeaders()
  })
}
const isCreateOf = (title: string) => (a: { type?: string; object?: { name?: string } }) =>
  a.type === 'Create' && a.object?.name === title

test.describe('the fediverse', () => {
  test.describe.configure({ mode: 'serial' })
  let peer: Peer

  test.beforeAll(async () => {
    peer = await startPeer({ hostname: '127.0.0.2', username: 'alice', name: 'Alice Peer' })
  })
  test.afterAll(async () => peer?.close())

  test('a Mastodon-rules account finds the blog by its handle, follows it, gets a new post signed, replies, likes and boosts it', async ({
    adminPage: admin,
    browser,
    exclusive,
  }) => {
    test.setTimeout(120_000)
    // A move of the blog (fediverse-operations.spec.ts) would take Alice's follow with it.
    await exclusive('fediverse-followers')
    // WebFinger, then the actor, as Mastodon's search does with @blog@host.
    const actor = await peer.lookup(HANDLE)
    expect(actor).toMatchObject({
      type: 'Person',
      preferredUsername: 'blog',
      inbox: `${E2E_BASE_URL}/fediverse/blog/inbox`,
      endpoints: { sharedInbox: `${E2E_BASE_URL}/fediverse/inbox` },
      publicKey: { owner: actor.id, publicKeyPem: expect.stringContaining('BEGIN PUBLIC KEY') },
    })
    await peer.follow(actor)
    await peer.waitFor((a) => a.type === 'Accept' && a.actor === actor.id, 20_000)
    expect(
      await readDb((db) => db.follower.findMany({ where: { remoteId: peer.actorId }, select: { handle: true } })),
    ).toEqual([{ handle: `@alice@${new URL(peer.origin).host}` }])

    // Publishing delivers a Create(Article), signed as the blog (the peer records only deliveries it verified).
    const title = `Fediverse field notes ${Date.now()}`
    await admin.goto('/admin/posts/new')
    await field(admin, 'Title').fill(title)
    await field(admin, 'Body (Markdown)').fill('Customers on **Mastodon** read this too.\n\nA second paragraph.')
    await field(admin, 'Tags').fill('Customer service')
    await admin.getByRole('button', { name: 'Publish now' }).click()
    await expect(admin).toHaveURL(/\/admin\/posts\/\w+\?saved=1$/)
    const create = await peer.waitFor(isCreateOf(title), 30_000)
    const article = create.object
    expect(create.actor).toBe(actor.id)
    expect(article).toMatchObject({
      type: 'Article',
      attributedTo: actor.id,
      content: expect.stringContaining('<strong>Mastodon</strong>'),
      summary: expect.stringContaining('Customers on Mastodon read this too.'),
    })
    // JSON-LD compacts a one-element list to the element.
    expect([article.tag].flat()).toEqual([
      { type: 'Hashtag', name: '#CustomerService', href: `${E2E_BASE_URL}/tags/customer-service` },
    ])
    expect(article.url).toBe(article.id)
    const postPath = new URL(article.id).pathname

    // The post's address answers ActivityPub to servers and HTML to browsers, in either order, kept apart.
    for (const round of [1, 2]) {
      const asObject = await peer.fetchObject(article.id)
      expect(asObject.status, `round ${round}`).toBe(200)
      expect(asObject.contentType).toMatch(/^application\/activity\+json/)
      expect(asObject.body.id).toBe(article.id)
      const page = await fetch(article.id, { headers: { accept: 'text/html,application/xhtml+xml' } })
      expect(page.headers.get('content-type')).toMatch(/^text\/html/)
      expect(page.headers.get('vary')).toMatch(/\bAccept\b/)
      expect(await page.text()).toContain(
        `<link rel="alternate" type="application/activity+json" href="${article.id}"/>`,
      )
    }

    // A reply: held as a first post from this account, approved, then under the post with its handle.
    const note = await peer.reply(
      { id: article.id, attributedTo: actor.id },
      '<p>Reading this from <b>Mastodon</b>.</p>',
      {
        mention: actor,
      },
    )
    await admin.goto('/admin/comments')
    const held = admin.getByRole('listitem', { name: 'Comment by Alice Peer' })
    await expect(held).toContainText('Why: First post from this fediverse account')
    await held.getByRole('button', { name: /^Approve/ }).click()
    await expect(held).toHaveCount(0)
    const reader = await browser.newPage()
    await reader.goto(postPath)
    const reply = reader.getByRole('article', { name: 'Comment by Alice Peer' })
    await expect(reply).toContainText('Reading this from Mastodon.')
    await expect(reply).toContainText(`@alice@${new URL(peer.origin).host}`)
    await expect(reply.getByRole('link', { name: 'on the fediverse' })).toHaveAttribute('href', note.url ?? note.id)
    // Its picture, copied to the blog: the reader's browser asks no other server.
    await expect(reply.locator('img.avatar')).toHaveAttribute('src', /^\/media\/avatars\/[0-9a-f-]+\.webp$/)

    // The author's answer goes back to the fediverse as a Note in reply to the note, mentioning its writer.
    await admin.getByRole('link', { name: /^Approved/ }).click()
    await admin
      .getByRole('listitem', { name: 'Comment by Alice Peer' })
      .getByRole('link', { name: /Edit or reply/ })
      .click()
    await admin.getByLabel('Your reply').fill('Thank you, Alice!')
    await admin.getByRole('button', { name: 'Publish reply' }).click()
    await expect(admin.getByText('Reply published.')).toBeVisible()
    const answer = await peer.waitFor((a) => a.type === 'Create' && a.object?.inReplyTo === note.id, 30_000)
    expect(answer.actor).toBe(actor.id)
    expect(answer.object).toMatchObject({ type: 'Note', content: expect.stringContaining('Thank you, Alice!') })
    expect([answer.object.tag].flat()).toContainEqual(expect.objectContaining({ type: 'Mention', href: peer.actorId }))
    expect((await peer.fetchObject(answer.object.id)).body.id).toBe(answer.object.id)

    // A post that links to this one without replying is a mention (approved: this account was approved before).
    await peer.mentionPost('<p>Worth reading, about customers.</p>', article.id)
    await reader.reload()
    const mentions = reader.getByRole('region', { name: /^Mentions/ })
    await expect(mentions).toContainText(`Alice Peer (@alice@${new URL(peer.origin).host})`)
    await expect(mentions).toContainText('Worth reading, about customers.')

    // Likes and boosts show apart from the conversation, with who; Undo takes one back.
    const like = await peer.like(article.id)
    await peer.announce(article.id)
    await reader.reload()
    const reactions = reader.getByRole('region', { name: 'On the fediverse' })
    await expect(reactions.getByRole('heading', { name: '1 like' })).toBeVisible()
    await expect(reactions.getByRole('heading', { name: '1 boost' })).toBeVisible()
    await expect(reactions.getByRole('listitem').first()).toHaveText('Alice Peer')
    await peer.undo(like)
    await reader.reload()
    await expect(reactions.getByRole('heading', { name: '1 like' })).toHaveCount(0)
    await expect(reactions.getByRole('heading', { name: '1 boost' })).toBeVisible()

    // Its edit and its deletion follow.
    const edited = await peer.update(note, '<p>Reading this from Mastodon, edited.</p>')
    await reader.reload()
    await expect(reply).toContainText('Reading this from Mastodon, edited.')
    await peer.deleteNote(edited)
    await reader.reload()
    await expect(reply).toHaveCount(0)

    // An edit of the post goes out as an Update.
    const postId = (await readDb((db) => db.post.findFirstOrThrow({ where: { title }, select: { id: true } }))).id
    await admin.goto(`/admin/posts/${postId}`)
    await field(admin, 'Title').fill(`${title} (revised)`)
    await admin.getByRole('button', { name: 'Update' }).click()
    await expect(admin.getByRole('status').filter({ hasText: 'Published.' })).toBeVisible()
    await peer.waitFor((a) => a.type === 'Update' && a.object?.name === `${title} (revised)`, 30_000)

    // A new handle reaches followers as an Update of the actor (same actor: they keep following), and finds it.
    await exclusive('settings')
    const saveHandle = async (handle: string) => {
      await admin.goto('/admin/settings')
      await field(admin, 'Fediverse handle').fill(handle)
      await admin.getByRole('button', { name: 'Save settings' }).click()
      await expect(admin.getByText('Settings saved.')).toBeVisible()
    }
    await saveHandle('field_notes')
    await peer.waitFor((a) => a.type === 'Update' && a.object?.preferredUsername === 'field_notes', 30_000)
    expect((await peer.lookup(`field_notes@localhost:${E2E_PORT}`)).id).toBe(actor.id)
    await saveHandle('blog')

    // After Undo(Follow), nothing more comes.
    await peer.unfollow()
    expect(await readDb((db) => db.follower.count({ where: { remoteId: peer.actorId } }))).toBe(0)
    const later = `After unfollowing ${Date.now()}`
    await admin.goto('/admin/posts/new')
    await field(admin, 'Title').fill(later)
    await field(admin, 'Body (Markdown)').fill('Nobody on the fediverse follows this one.')
    await admin.getByRole('button', { name: 'Publish now' }).click()
    await expect(admin).toHaveURL(/\/admin\/posts\/\w+\?saved=1$/)
    await expect(peer.waitFor(isCreateOf(later), 5_000)).rejects.toThrow()
    await reader.close()
  })

  test('an author has an account of their own: its followers get the author’s posts as the author’s boosts', async ({
    adminPage: admin,
  }) => {
    test.setTimeout(90_000)
    const reader = await startPeer({ hostname: '127.0.0.4', username: 'dana', name: 'Dana Follows Authors' })
    try {
      const author = await reader.lookup(`rob_la_gesse@localhost:${E2E_PORT}`)
      expect(author).toMatchObject({
        type: 'Person',
        name: 'Rob La Gesse',
        preferredUsername: 'rob_la_gesse',
        url: `${E2E_BASE_URL}/authors/rob-la-gesse`,
      })
      await reader.follow(author)
      await reader.waitFor((a) => a.type === 'Accept' && a.actor === author.id, 20_000)
      const title = `By the author ${Date.now()}`
      await admin.goto('/admin/posts/new')
      await field(admin, 'Title').fill(title)
      await field(admin, 'Body (Markdown)').fill('Written by Rob, followed by Dana.')
      await admin.getByRole('button', { name: 'Publish now' }).click()
      await expect(admin).toHaveURL(/\/admin\/posts\/\w+\?saved=1$/)
      // This post's boost (another spec's post by the same author may be boosted meanwhile).
      const { slug } = await readDb((db) => db.post.findFirstOrThrow({ where: { title }, select: { slug: true } }))
      const postId = `${E2E_BASE_URL}/posts/${slug}`
      const boost = await reader.waitFor(
        (a) => a.type === 'Announce' && a.actor === author.id && (a.object === postId || a.object?.id === postId),
        30_000,
      )
      const object = await reader.fetchObject(boost.object)
      expect(object.body).toMatchObject({ name: title, attributedTo: `${E2E_BASE_URL}/fediverse/blog` })
      // Its author page says how to follow them.
      await admin.goto('/authors/rob-la-gesse')
      await expect(admin.getByText(`@rob_la_gesse@localhost:${E2E_PORT}`)).toBeVisible()
      await reader.unfollow()
    } finally {
      await reader.close()
    }
  })

  test('a deleted account takes what it wrote here with it', async ({ post }) => {
    const erin = await startPeer({ hostname: '127.0.0.5', username: 'erin' })
    try {
      await erin.lookup(HANDLE)
      const note = await erin.reply({ id: `${E2E_BASE_URL}/posts/${post.slug}` }, '<p>Soon gone.</p>')
      expect(await readDb((db) => db.comment.count({ where: { remoteId: note.id } }))).toBe(1)
      await erin.deleteAccount()
      await expect.poll(() => readDb((db) => db.comment.count({ where: { remoteActorId: erin.actorId } }))).toBe(0)
    } finally {
      await erin.close()
    }
  })

  test('forged and unsigned deliveries are refused and stored nowhere', async ({ post }) => {
    const actor = await peer.lookup(HANDLE)
    const inbox = actor.endpoints.sharedInbox
    const noteId = `${peer.origin}/users/alice/statuses/forged-${Date.now()}`
    const activity = (extra = '') => ({
      '@context': 'https://www.w3.org/ns/activitystreams',
      id: `${noteId}${extra}/activity`,
      type: 'Create',
      actor: peer.actorId,
      object: {
        id: `${noteId}${extra}`,
        type: 'Note',
        attributedTo: peer.actorId,
        inReplyTo: `${E2E_BASE_URL}/posts/${post.slug}`,
        content: '<p>Forged.</p>',
        to: ['https://www.w3.org/ns/activitystreams#Public'],
      },
    })
    for (const [name, tamper] of [
      ['unsigned', { unsigned: true }],
      ['wrong key', { wrongKey: true }],
      ['a key owned by another actor', { keyOwner: `${peer.origin}/users/mallory` }],
      ['a date a day old', { date: new Date(Date.now() - 24 * 3600_000).toUTCString() }],
      ['a digest that does not match', { badDigest: true }],
    ] as const) {
      const response = await peer.deliver(inbox, activity(`-${name.replace(/\W+/g, '-')}`), tamper)
      expect(response.status, name).toBeGreaterThanOrEqual(400)
      expect(response.status, name).toBeLessThan(500)
    }
    // An oversized body is refused before it is sent (asked with Expect: 100-continue, as curl does).
    expect(
      await postAskingFirst(inbox, JSON.stringify({ ...activity('-big'), padding: 'x'.repeat(2 * 1024 * 1024) })),
    ).toBe(413)
    expect(await readDb((db) => db.comment.count({ where: { remoteId: { startsWith: noteId } } }))).toBe(0)
    // Signed, but naming its note with another server's address: taken by the inbox, stored nowhere.
    const squat = activity('-squat')
    squat.object.id = `http://127.0.0.9/notes/${Date.now()}`
    expect((await peer.deliver(inbox, squat)).status).toBe(202)
    expect(await readDb((db) => db.comment.count({ where: { remoteId: squat.object.id } }))).toBe(0)
    // And the same note, signed properly, is taken (so the refusals above were the signatures'), at the blog's
    // personal inbox this time (where Mastodon sends a Follow).
    const signed = await peer.deliver(actor.inbox, activity('-signed'))
    expect(signed.status).toBe(202)
    expect(await readDb((db) => db.comment.count({ where: { remoteId: `${noteId}-signed` } }))).toBe(1)
  })

  test('with the default setting, an account on a private address is not believed: its key is never fetched', async ({
    post,
  }) => {
    const port = E2E_PORT + 4
    const strict = await startSecondServer(port, { MENTION_ALLOW_PRIVATE_NETWORKS: '0' })
    const frank = await startPeer({ hostname: '127.0.0.6', username: 'frank' })
    try {
      const noteId = `${frank.origin}/users/frank/statuses/private-${Date.now()}`
      const reply = {
        '@context': 'https://www.w3.org/ns/activitystreams',
        id: `${noteId}/activity`,
        type: 'Create',
        actor: frank.actorId,
        object: {
          id: noteId,
          type: 'Note',
          attributedTo: frank.actorId,
          inReplyTo: `${E2E_BASE_URL}/posts/${post.slug}`,
          content: '<p>From inside the network.</p>',
          to: ['https://www.w3.org/ns/activitystreams#Public'],
        },
      }
      const refused = await frank.deliver(`http://localhost:${port}/fediverse/inbox`, reply)
      expect(refused.status).toBe(401)
      expect(frank.fetches.filter((f) => f.path.startsWith('/users/frank'))).toEqual([])
      expect(await readDb((db) => db.comment.count({ where: { remoteId: noteId } }))).toBe(0)
    } finally {
      await frank.close()
      await stopSecondServer(strict)
    }
  })

  test('the actor, NodeInfo and the post object are served to servers; a browser asking for the actor goes home', async ({
    request,
  }) => {
    const nodeinfo = await (await request.get('/.well-known/nodeinfo')).json()
    const href = nodeinfo.links.find((l: { rel: string }) =>
      l.rel.includes('nodeinfo.diaspora.software/ns/schema/2.1'),
    ).href
    const info = await (await fetch(href)).json()
    expect(info).toMatchObject({ version: '2.1', software: { name: 'daisy' }, protocols: ['activitypub'] })
    const browserAsks = await fetch(`${E2E_BASE_URL}/fediverse/blog`, {
      headers: { accept: 'text/html' },
      redirect: 'manual',
    })
    expect(browserAsks.status).toBe(303)
    const asActivity = await fetch(`${E2E_BASE_URL}/fediverse/blog`, { headers: { accept: AP_ACCEPT } })
    expect(asActivity.headers.get('content-type')).toMatch(/^application\/activity\+json/)
    const outbox = await (
      await fetch(`${E2E_BASE_URL}/fediverse/blog/outbox`, { headers: { accept: AP_ACCEPT } })
    ).json()
    expect(outbox.totalItems).toBeGreaterThan(0)
  })
})
