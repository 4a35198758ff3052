// One blog on two nodes behind nginx, sharing PostgreSQL and Redis (scripts/cluster.mjs): what a reader, the
// author and other blogs see does not depend on which node answers, and losing a node loses nothing it said
// it had kept.
import { readFileSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { join } from 'node:path'
import { expect, test, type APIRequestContext, type Browser, type Page } from '@playwright/test'
import { apiSignIn, backdatedFormToken, field } from '../helpers'
import { closeAppDb, readClusterDb } from './db'
import { CLUSTER_PORT, clusterEnv, E2E_ADMIN, NODE_A, NODE_B, PROXY_URL } from './env'
import { startPeer } from '../fediverse/peer'

test.describe.configure({ mode: 'serial' })
test.afterAll(closeAppDb)

let clients = 0
/** A client address of its own for each person a test plays (nginx and the nodes trust loopback's word). */
const newAddress = () => `198.51.100.${++clients}`

/** A browser page talking to one node; the session cookie (host 127.0.0.1) is good on every node. */
async function pageOn(browser: Browser, baseURL: string, address = newAddress()): Promise<Page> {
  const context = await browser.newContext({ baseURL, extraHTTPHeaders: { 'x-forwarded-for': address } })
  return context.newPage()
}

async function signedIn(page: Page) {
  expect(await apiSignIn(page.request, E2E_ADMIN.email, E2E_ADMIN.password, newAddress())).toBeNull()
}

/** The page as node `origin` answers it now (twice first, so it is in that node's caches when a test says so). */
async function html(request: APIRequestContext, url: string) {
  const response = await request.get(url, { headers: { 'x-forwarded-for': newAddress() } })
  expect(response.status(), url).toBe(200)
  return response.text()
}

async function publishThrough(page: Page, title: string, slug: string) {
  await page.goto('/admin/posts/new')
  await field(page, 'Title').fill(title)
  await field(page, 'Body (Markdown)').fill(`Written through ${page.url()}.`)
  await field(page, 'Slug').fill(slug)
  await page.getByRole('button', { name: 'Publish now' }).click()
  await expect(page).toHaveURL(/\?saved=1$/)
}

/** A post published through node A's editor by the admin, in a browser of its own. */
async function publishOnA(browser: Browser, title: string, slug: string) {
  const author = await pageOn(browser, NODE_A)
  await signedIn(author)
  await publishThrough(author, title, slug)
  await author.context().close()
}

async function postId(slug: string) {
  return (await readClusterDb((db) => db.post.findUniqueOrThrow({ where: { slug }, select: { id: true } }))).id
}

/** The stored text of every comment that starts with `prefix`. */
async function commentContents(prefix: string) {
  const comments = await readClusterDb((db) =>
    db.comment.findMany({ where: { content: { startsWith: prefix } }, select: { content: true } }),
  )
  return comments.map((c) => c.content)
}

/** How many comments (linkbacks) came from `sourceUrl`. */
function mentionsFrom(sourceUrl: string) {
  return readClusterDb((db) => db.comment.count({ where: { sourceUrl } }))
}

/** The comment form as a browser without JavaScript sends it (Next's hidden action fields included). */
async function commentFields(browser: Browser, slug: string) {
  const context = await browser.newContext({ javaScriptEnabled: false, baseURL: NODE_A })
  const page = await context.newPage()
  await page.goto(`/posts/${slug}`)
  const fields = await page
    .locator('form.comment-form')
    .evaluate((form: HTMLFormElement) =>
      Object.fromEntries(
        [...new FormData(form).entries()].filter(([, v]) => typeof v === 'string') as [string, string][],
      ),
    )
  await context.close()
  return { ...fields, form_token: backdatedFormToken(await postId(slug)) }
}

test('a post published through node A is on node B’s next response, and through nginx', async ({
  browser,
  request,
}) => {
  const stamp = Date.now().toString(36)
  const title = `Published on A ${stamp}`
  // Node B has the home page and the feed in its caches before the post exists.
  for (const path of ['/', '/feed.xml', '/', '/feed.xml'])
    expect(await html(request, `${NODE_B}${path}`)).not.toContain(title)
  const author = await pageOn(browser, NODE_A)
  await signedIn(author)
  await publishThrough(author, title, `published-on-a-${stamp}`)

  expect(await html(request, `${NODE_B}/`)).toContain(title)
  expect(await html(request, `${NODE_B}/feed.xml`)).toContain(title)
  expect(await html(request, `${NODE_B}/posts/published-on-a-${stamp}`)).toContain(title)
  expect(await html(request, `${PROXY_URL}/posts/published-on-a-${stamp}`)).toContain(title)
  await author.context().close()
})

test('a comment posted through node B and approved on node A shows on node B at once', async ({ browser, request }) => {
  const stamp = Date.now().toString(36)
  const slug = `discussed-${stamp}`
  const author = await pageOn(browser, NODE_A)
  await signedIn(author)
  await publishThrough(author, `Discussed ${stamp}`, slug)

  const reader = await pageOn(browser, NODE_B)
  await reader.goto(`/posts/${slug}`)
  await reader
    .locator('input[name="form_token"]')
    .evaluate((input: HTMLInputElement, value) => (input.value = value), backdatedFormToken(await postId(slug)))
  const form = reader.locator('form.comment-form')
  await form.getByLabel('Comment', { exact: true }).fill(`Posted through node B ${stamp}.`)
  await form.getByLabel('Name', { exact: true }).fill('Bea')
  await form.getByLabel('Email', { exact: true }).fill(`bea-${stamp}@example.org`)
  await form.getByRole('button', { name: 'Post comment' }).click()
  await expect(reader.getByText('Your comment is awaiting moderation.', { exact: true })).toBeVisible()
  // Node B caches the page without it (held comments are not public).
  for (let i = 0; i < 2; i++) expect(await html(request, `${NODE_B}/posts/${slug}`)).not.toContain(`node B ${stamp}`)

  await author.goto('/admin/comments')
  const held = author.getByRole('listitem', { name: 'Comment by Bea' }).filter({ hasText: stamp })
  await held.getByRole('button', { name: /Approve the comment by bea/i }).click()
  await expect(held).toHaveCount(0)

  expect(await html(request, `${NODE_B}/posts/${slug}`)).toContain(`Posted through node B ${stamp}.`)
  await reader.goto(`/posts/${slug}`)
  await expect(reader.getByRole('article', { name: 'Comment by Bea' })).toContainText(`node B ${stamp}`)
  await Promise.all([author.context().close(), reader.context().close()])
})

test('the fediverse: a follow taken by node A, a post published on node B delivered once; a reply to either node is one response', async ({
  browser,
}) => {
  test.setTimeout(120_000)
  const peer = await startPeer({ hostname: '127.0.0.3', username: 'carol', name: 'Carol Cluster' })
  try {
    const actor = await peer.lookup(`blog@127.0.0.1:${CLUSTER_PORT}`)
    // Delivered to node A itself: the follow is stored where node B reads it.
    actor.endpoints.sharedInbox = `${NODE_A}/fediverse/inbox`
    await peer.follow(actor)
    await peer.waitFor((a) => a.type === 'Accept', 20_000)
    const stamp = Date.now().toString(36)
    const title = `Federated from B ${stamp}`
    const author = await pageOn(browser, NODE_B)
    await signedIn(author)
    await publishThrough(author, title, `federated-from-b-${stamp}`)
    await author.context().close()
    const create = await peer.waitFor((a) => a.type === 'Create' && a.object?.name === title, 30_000)
    // Through nginx, the post's address answers each its own, in either order.
    const postUrl = `${PROXY_URL}/posts/federated-from-b-${stamp}`
    for (const accept of ['application/activity+json', 'text/html', 'application/activity+json', 'text/html']) {
      const response = await fetch(postUrl, { headers: { accept } })
      expect(response.headers.get('content-type'), accept).toContain(accept)
      expect(response.headers.get('vary'), accept).toMatch(/\bAccept\b/)
    }
    // Both nodes run their job workers: still one delivery.
    await new Promise((resolve) => setTimeout(resolve, 3_000))
    expect(peer.received.filter((r) => r.activity.type === 'Create' && r.activity.object?.name === title)).toHaveLength(
      1,
    )
    // The same reply delivered to both nodes (as to a shared and a personal inbox): one response.
    const note = {
      '@context': 'https://www.w3.org/ns/activitystreams',
      id: `${peer.origin}/users/carol/statuses/${stamp}`,
      type: 'Note',
      attributedTo: peer.actorId,
      inReplyTo: create.object.id,
      content: `<p>Both nodes heard me ${stamp}.</p>`,
      to: ['https://www.w3.org/ns/activitystreams#Public'],
    }
    const reply = {
      '@context': note['@context'],
      id: `${note.id}/activity`,
      type: 'Create',
      actor: peer.actorId,
      object: note,
    }
    const answers = await Promise.all([NODE_A, NODE_B].map((node) => peer.deliver(`${node}/fediverse/inbox`, reply)))
    expect(answers.map((a) => a.status).every((status) => status >= 200 && status < 300)).toBe(true)
    expect(await commentContents(`Both nodes heard me ${stamp}`)).toHaveLength(1)
    // Gone again, so the later tests' posts knock on no closed door.
    await peer.unfollow()
  } finally {
    await peer.close()
  }
})

test('200 comments sent at once, spread over both nodes and nginx, are each stored once', async ({
  browser,
  request,
}) => {
  test.setTimeout(150_000)
  const stamp = Date.now().toString(36)
  const slug = `crowded-${stamp}`
  await publishOnA(browser, `Crowded ${stamp}`, slug)
  const fields = await commentFields(browser, slug)
  const TOTAL = 200
  const DUPLICATES = 10
  const unique = TOTAL - DUPLICATES
  const origins = [NODE_A, NODE_B, PROXY_URL]
  const responses = await Promise.all(
    Array.from({ length: TOTAL }, (_, i) => {
      // The ten repeats go to another node than their first copy, at the same moment.
      const n = i < unique ? i : i - unique
      return request.post(`${origins[i % 3]}/posts/${slug}`, {
        headers: { 'x-forwarded-for': `203.0.113.${i % 250}` },
        multipart: {
          ...fields,
          name: `Crowd ${n}`,
          email: `crowd${n}-${stamp}@example.org`,
          content: `Crowd ${stamp} ${n}.`,
        },
        maxRedirects: 0,
      })
    }),
  )
  const outcomes = await Promise.all(
    responses.map(async (r) => {
      const body = await r.text()
      if (r.status() >= 500) return `server error ${r.status()}`
      if (body.includes('You already posted this comment here.')) return 'duplicate'
      if (body.includes('Your comment is awaiting moderation.')) return 'held'
      const said = /class="form-error" role="alert">([^<]*)</.exec(body)?.[1]
      return `other ${r.status()}${said ? `: ${said}` : ''}`
    }),
  )
  const tally = outcomes.reduce<Record<string, number>>((t, o) => ({ ...t, [o]: (t[o] ?? 0) + 1 }), {})
  const contents = await commentContents(`Crowd ${stamp} `)
  const stored = { n: contents.length, distinct: new Set(contents).size }
  console.log(`cluster comment storm: ${JSON.stringify(tally)}; stored ${JSON.stringify(stored)}`)
  expect(tally).toEqual({ held: unique, duplicate: DUPLICATES })
  expect(stored).toEqual({ n: unique, distinct: unique })
})

test('the sign-in brake counts failures on both nodes together', async ({ playwright }) => {
  const email = `nobody-${Date.now()}@example.com`
  const onA = await playwright.request.newContext({ baseURL: NODE_A })
  const onB = await playwright.request.newContext({ baseURL: NODE_B })
  const address = newAddress()
  const errors: (string | null)[] = []
  for (let i = 1; i <= 6; i++) errors.push(await apiSignIn(i % 2 ? onA : onB, email, `guess-${i}`, address))
  expect(errors.slice(0, 5)).toEqual(Array(5).fill('The email or password is not right.'))
  expect(errors[5]).toMatch(/Too many failed attempts/)
  // Node A, which saw only three of the failures, refuses too.
  expect(await apiSignIn(onA, email, 'guess-7', address)).toMatch(/Too many failed attempts/)
  await Promise.all([onA.dispose(), onB.dispose()])
})

test('a webmention queued on one node is verified exactly once while both nodes run their workers', async ({
  browser,
  request,
}) => {
  const stamp = Date.now().toString(36)
  const slug = `mentioned-${stamp}`
  await publishOnA(browser, `Mentioned ${stamp}`, slug)
  const target = `${PROXY_URL}/posts/${slug}`
  // The other blog: counts how often its page is fetched.
  let fetches = 0
  const source: Server = createServer((req, res) => {
    fetches++
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
    res.end(`<!doctype html><title>A reply ${stamp}</title><p>Replying to <a href="${target}">this post</a>.</p>`)
  })
  await new Promise<void>((resolve) => source.listen(0, '127.0.0.1', resolve))
  const sourceUrl = `http://127.0.0.1:${(source.address() as AddressInfo).port}/reply-${stamp}`
  try {
    const sent = await request.post(`${NODE_A}/webmention`, {
      form: { source: sourceUrl, target },
      headers: { 'x-forwarded-for': newAddress() },
      maxRedirects: 0,
    })
    expect(sent.status()).toBe(202)
    // Both nodes' workers wake at once, several times, as their minute ticks and after() would.
    const worker = { 'x-daisy-worker': clusterEnv.NEXTAUTH_SECRET! }
    for (let round = 0; round < 3; round++)
      await Promise.all(
        [NODE_A, NODE_B, NODE_A, NODE_B].map((node) => request.post(`${node}/api/jobs/run`, { headers: worker })),
      )
    await expect.poll(() => mentionsFrom(sourceUrl), { timeout: 30_000 }).toBe(1)
    // Let any late worker finish what it claimed, then count again.
    await new Promise((resolve) => setTimeout(resolve, 3000))
    expect(await mentionsFrom(sourceUrl)).toBe(1)
    expect(fetches).toBe(1)
  } finally {
    source.close()
  }
})

test('kill -9 of a node during a comment flood loses no acknowledged comment; the other node keeps serving', async ({
  browser,
  request,
}) => {
  test.setTimeout(150_000)
  const stamp = Date.now().toString(36)
  const slug = `flooded-${stamp}`
  await publishOnA(browser, `Flooded ${stamp}`, slug)
  const fields = await commentFields(browser, slug)
  const TOTAL = 120
  const acknowledged: string[] = []
  const failed: string[] = []
  let sent = 0
  let killed = false
  const statePath = join(process.cwd(), clusterEnv.DAISY_DIST_DIR!, 'cluster.json')
  async function sender() {
    while (sent < TOTAL) {
      const n = sent++
      if (n === 30 && !killed) {
        killed = true
        const { B } = JSON.parse(readFileSync(statePath, 'utf8')) as Record<string, { pid: number }>
        process.kill(B!.pid, 'SIGKILL')
      }
      const content = `Flood ${stamp} ${n}.`
      try {
        const response = await request.post(`${PROXY_URL}/posts/${slug}`, {
          headers: { 'x-forwarded-for': `192.0.2.${(n % 250) + 1}` },
          multipart: { ...fields, name: `Flood ${n}`, email: `flood${n}-${stamp}@example.org`, content },
          maxRedirects: 0,
          timeout: 30_000,
        })
        const body = await response.text()
        if (response.status() === 200 && body.includes('Your comment is awaiting moderation.'))
          acknowledged.push(content)
        else failed.push(`${n}: ${response.status()}`)
      } catch (error) {
        failed.push(`${n}: ${(error as Error).message.split('\n')[0]}`)
      }
    }
  }
  await Promise.all(Array.from({ length: 8 }, sender))
  expect(killed).toBe(true)
  const stored = new Set(await commentContents(`Flood ${stamp} `))
  console.log(
    `kill -9 during a flood: ${acknowledged.length} acknowledged, ${failed.length} not (${failed.join('; ')}), ${stored.size} stored`,
  )
  for (const content of acknowledged) expect(stored.has(content), content).toBe(true)
  // nginx sent the requests a dead node would have had to the living one: most were acknowledged.
  expect(acknowledged.length).toBeGreaterThan(TOTAL * 0.9)
  // The surviving node answers through nginx; the killed one comes back under its supervisor.
  for (let i = 0; i < 4; i++) expect(await html(request, `${PROXY_URL}/posts/${slug}`)).toContain(`Flooded ${stamp}`)
  await expect
    .poll(async () => (await request.get(`${NODE_B}/`).catch(() => null))?.status(), { timeout: 60_000 })
    .toBe(200)
})
