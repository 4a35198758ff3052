// Other blogs talking to Daisy over real HTTP: Pingback (XML-RPC), TrackBack and Webmention, each verified
// against a source page served on 127.0.0.1 (the e2e server allows private networks; one check runs a
// second server with the default setting and proves no request reaches the source).
import http from 'node:http'
import { spawn, type ChildProcess } from 'node:child_process'
import type { AddressInfo } from 'node:net'
import { expect, test as base } from './fixtures'
import type { APIRequestContext } from '@playwright/test'
import { readDb, writeDb } from './db'
import { E2E_BASE_URL, E2E_PORT, e2eServerEnv } from './env'
import { field } from './helpers'

/** The other blog of one test: pages whose content the test sets, and a record of who asked for what. */
interface OtherBlog {
  origin: string
  hits: string[]
  received: { path: string; type: string; body: string }[]
  /** Serves a page at `path`; returns its address. */
  servePage: (path: string, body: string, status?: number, headers?: Record<string, string>) => string
}

// Each test has its own other blog (its own site, as Daisy's moderation sees sites) and its own target post.
const test = base.extend<{ otherBlog: OtherBlog; target: string }>({
  otherBlog: async ({}, provide) => {
    const pages = new Map<string, { status: number; html: string; headers?: Record<string, string> }>()
    const hits: string[] = []
    const received: OtherBlog['received'] = []
    const source = http.createServer((req, res) => {
      hits.push(req.url ?? '')
      if (req.method === 'POST') {
        // The other blog's own endpoints: record what Daisy sends them.
        let body = ''
        req.on('data', (chunk) => (body += chunk))
        req.on('end', () => {
          received.push({ path: req.url ?? '', type: req.headers['content-type'] ?? '', body })
          if (req.url === '/their-webmention') res.writeHead(202).end('Accepted')
          else if (req.url === '/their-xmlrpc')
            res
              .writeHead(200, { 'content-type': 'text/xml' })
              .end(
                '<?xml version="1.0"?><methodResponse><params><param><value><string>Thanks</string></value></param></params></methodResponse>',
              )
          else if (req.url === '/their-trackback')
            res
              .writeHead(200, { 'content-type': 'text/xml' })
              .end('<?xml version="1.0" encoding="utf-8"?><response><error>0</error></response>')
          else res.writeHead(404).end()
        })
        return
      }
      const page = pages.get(req.url ?? '')
      res
        .writeHead(page?.status ?? 404, { 'content-type': 'text/html; charset=utf-8', ...page?.headers })
        .end(page?.html ?? 'not here')
    })
    await new Promise<void>((resolve) => source.listen(0, '127.0.0.1', resolve))
    const origin = `http://127.0.0.1:${(source.address() as AddressInfo).port}`
    await provide({
      origin,
      hits,
      received,
      servePage(path, body, status = 200, headers) {
        pages.set(path, {
          status,
          headers,
          html: `<!doctype html><html><head><title>${path} on the other blog</title><meta property="og:site_name" content="The Other Blog"></head><body>${body}</body></html>`,
        })
        return `${origin}${path}`
      },
    })
    await new Promise<void>((resolve) => source.close(() => resolve()))
  },
  target: async ({ post }, provide) => provide(`${E2E_BASE_URL}${post.path}`),
})

// In order, in one worker: one test starts a second server on the same database with the default (refusing)
// private-network setting, and its job runner would claim the other tests' queued webmentions and pings —
// all addressed to loopback — and refuse them.
test.describe.configure({ mode: 'default', timeout: 60_000 })

const pingbackCall = (sourceUri: string, targetUri: string) =>
  `<?xml version="1.0"?><methodCall><methodName>pingback.ping</methodName><params><param><value><string>${sourceUri}</string></value></param><param><value><string>${targetUri}</string></value></param></params></methodCall>`

async function pingback(request: APIRequestContext, body: string, base = '') {
  const response = await request.post(`${base}/xmlrpc`, { headers: { 'content-type': 'text/xml' }, data: body })
  const text = await response.text()
  const fault = /<name>faultCode<\/name><value><int>(-?\d+)<\/int>/.exec(text)
  return { status: response.status(), fault: fault ? Number(fault[1]) : null, text }
}

test('every post advertises its Pingback, Webmention and TrackBack endpoints', async ({
  page,
  request,
  post,
  target,
}) => {
  const head = await request.head(target)
  expect(head.headers()['x-pingback']).toBe(`${E2E_BASE_URL}/xmlrpc`)
  expect(head.headers().link).toContain(`<${E2E_BASE_URL}/webmention>; rel="webmention"`)
  await page.goto(post.path)
  await expect(page.locator('head link[rel="pingback"]')).toHaveAttribute('href', `${E2E_BASE_URL}/xmlrpc`)
  await expect(page.locator('head link[rel="webmention"]')).toHaveAttribute('href', `${E2E_BASE_URL}/webmention`)
  const html = await (await request.get(target)).text()
  const postId = post.id
  expect(html).toContain(`trackback:ping="${E2E_BASE_URL}/trackback/${postId}"`)
  expect(html).toContain(`dc:identifier="${target}"`)
  await expect(page.getByText(`TrackBack URL for this post: ${E2E_BASE_URL}/trackback/${postId}`)).toBeVisible()
})

test('Pingback: accepted when the source links, with the spec’s fault codes otherwise', async ({
  request,
  otherBlog,
  target,
}) => {
  const good = otherBlog.servePage(
    '/pb-good',
    `<article class="h-entry"><h1 class="p-name">Notes on notes</h1><p>Read <a href="${target}">field note 9</a>, it is good.</p></article>`,
  )
  const ok = await pingback(request, pingbackCall(good, target))
  expect(ok.fault).toBeNull()
  expect(ok.text).toContain('registered')
  const [stored] = await readDb((db) =>
    db.comment.findMany({
      where: { sourceUrl: good },
      select: { kind: true, status: true, sourceTitle: true, content: true, reason: true },
    }),
  )
  expect(stored).toMatchObject({
    kind: 'PINGBACK',
    status: 'PENDING',
    sourceTitle: 'Notes on notes',
    content: 'Read field note 9, it is good.',
  })
  expect(stored!.reason).toContain('First pingback from this site')

  expect((await pingback(request, pingbackCall(good, target))).fault).toBe(48)
  const noLink = otherBlog.servePage(
    '/pb-nolink',
    `<p>I mention ${target} only as text <!-- <a href="${target}">hidden</a> --></p>`,
  )
  expect((await pingback(request, pingbackCall(noLink, target))).fault).toBe(17)
  expect((await pingback(request, pingbackCall(`${otherBlog.origin}/pb-missing`, target))).fault).toBe(16)
  expect((await pingback(request, pingbackCall(good, 'https://elsewhere.example/posts/x'))).fault).toBe(32)
  expect((await pingback(request, pingbackCall(good, `${E2E_BASE_URL}/posts/no-such-post`))).fault).toBe(32)
  expect((await pingback(request, pingbackCall(good, `${E2E_BASE_URL}/archive`))).fault).toBe(33)
  expect(
    (
      await pingback(
        request,
        '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]><methodCall><methodName>&a;</methodName></methodCall>',
      )
    ).fault,
  ).toBe(-32700)
  expect((await pingback(request, 'this is not xml')).fault).toBe(-32700)
  expect((await pingback(request, pingbackCall(good, target).replace('pingback.ping', 'wp.deletePost'))).fault).toBe(
    -32601,
  )
  const huge = await pingback(request, pingbackCall('x'.repeat(100_000), target))
  expect(huge.status).toBe(413)
  expect((await request.get('/xmlrpc')).status()).toBe(405)
})

test('Pingback to an old address: accepted while its post is published, refused once the post is in the trash', async ({
  request,
  otherBlog,
  post,
  exclusive,
}) => {
  // The post had an address it used to have (a rename, or a WordPress permalink), written as the importer would.
  const id = post.id
  await writeDb((db) => db.redirect.create({ data: { id: `${id}-r`, fromPath: `/posts/${id}-then`, postId: id } }))
  const oldAddress = `${E2E_BASE_URL}/posts/${id}-then`
  const linking = otherBlog.servePage(`/pb-old-${id}`, `<p>As <a href="${oldAddress}">they wrote</a>.</p>`)
  expect((await pingback(request, pingbackCall(linking, oldAddress))).fault).toBeNull()
  // In the trash for a moment (the blog's trash count is another test's to check meanwhile).
  await exclusive('post-trash')
  await writeDb((db) => db.post.update({ where: { id }, data: { deletedAt: new Date() } }))
  const later = otherBlog.servePage(`/pb-old-trashed-${id}`, `<p>As <a href="${oldAddress}">they wrote</a>, again.</p>`)
  expect((await pingback(request, pingbackCall(later, oldAddress))).fault).toBe(32)
  expect(await readDb((db) => db.comment.findMany({ where: { sourceUrl: later }, select: { id: true } }))).toEqual([])
})

test('TrackBack: the spec’s XML responses; verified like the others', async ({ request, otherBlog, post, target }) => {
  const postId = post.id
  const tb = otherBlog.servePage('/tb-good', `<p>Following up on <a href="${target}">this</a>.</p>`)
  const send = (form: Record<string, string>) =>
    request.post(`/trackback/${postId}`, {
      form,
      headers: { 'content-type': 'application/x-www-form-urlencoded; charset=UTF-8' },
    })
  const ok = await send({
    url: tb,
    title: 'A follow&#8217;up',
    excerpt: 'It&#8217;s <b>good</b>',
    blog_name: 'Other Blog',
  })
  expect(ok.headers()['content-type']).toContain('text/xml')
  expect(await ok.text()).toContain('<error>0</error>')
  expect(
    await readDb((db) =>
      db.comment.findMany({
        where: { sourceUrl: tb },
        select: { kind: true, sourceTitle: true, content: true, blogName: true },
      }),
    ),
  ).toEqual([{ kind: 'TRACKBACK', sourceTitle: 'A follow’up', content: 'It’s good', blogName: 'Other Blog' }])
  const again = await (await send({ url: tb })).text()
  expect(again).toMatch(/<error>1<\/error>\s*<message>A linkback from this source is already registered\.<\/message>/)
  expect(await (await send({ title: 'no url' })).text()).toContain('<message>The url parameter is required.</message>')
  const fake = otherBlog.servePage('/tb-fake', '<p>No link at all.</p>')
  expect(await (await send({ url: fake })).text()).toContain(
    '<message>The source does not link to the target.</message>',
  )
})

async function webmention(request: APIRequestContext, form: Record<string, string>) {
  return request.post('/webmention', { form, maxRedirects: 0 })
}

test('Webmention: 400 for bad requests, 202 then verified, updated on repeat, deleted when the source is gone', async ({
  page,
  adminPage,
  request,
  otherBlog,
  post,
  target,
  exclusive,
}) => {
  expect((await webmention(request, { source: 'https://a.example/x' })).status()).toBe(400)
  expect((await webmention(request, { source: target, target: target })).status()).toBe(400)
  expect((await webmention(request, { source: 'ftp://a.example/x', target: target })).status()).toBe(400)
  expect(
    (await webmention(request, { source: 'https://a.example/x', target: 'https://elsewhere.example/post' })).status(),
  ).toBe(400)
  expect(
    (
      await webmention(request, { source: 'https://a.example/x', target: `${E2E_BASE_URL}/posts/no-such-post` })
    ).status(),
  ).toBe(400)

  const wm = otherBlog.servePage(
    '/wm-good',
    `<div class="h-entry"><p class="p-name">Webmention post</p><a class="p-author h-card" href="${otherBlog.origin}/">Wendy</a><p>Replying to <a href="${target}">the field note</a>.</p></div>`,
  )
  const accepted = await webmention(request, { source: wm, target: target })
  expect(accepted.status()).toBe(202)
  const status = accepted.headers().location!
  expect(status).toMatch(new RegExp(`^${E2E_BASE_URL}/webmention/`))
  await expect.poll(async () => (await (await request.get(status)).json()).status, { timeout: 15_000 }).toBe('accepted')
  const [stored] = await readDb((db) =>
    db.comment.findMany({
      where: { sourceUrl: wm },
      select: { id: true, kind: true, authorName: true, status: true },
    }),
  )
  expect(stored).toMatchObject({ kind: 'WEBMENTION', authorName: 'Wendy', status: 'PENDING' })

  // Approved in the queue, it shows under the post among the mentions.
  await adminPage.goto('/admin/comments?kind=mentions')
  const item = adminPage.getByRole('listitem', { name: /^Webmention by Webmention post/ })
  await item.getByRole('button', { name: /^Approve/ }).click()
  await expect(item).toHaveCount(0)
  await page.goto(post.path)
  const mentions = page.getByRole('region', { name: /Mentions/ })
  await expect(mentions.getByRole('link', { name: 'Webmention post' })).toHaveAttribute('href', wm)
  await expect(mentions).toContainText('Replying to the field note.')

  // Sent again with new text: the same mention, updated.
  otherBlog.servePage(
    '/wm-good',
    `<div class="h-entry"><p class="p-name">Webmention post, edited</p><p>Still replying to <a href="${target}">the note</a>.</p></div>`,
  )
  const repeat = await webmention(request, { source: wm, target: target })
  await expect
    .poll(async () => (await (await request.get(repeat.headers().location!)).json()).status, { timeout: 15_000 })
    .toBe('accepted')
  expect(
    await readDb((db) =>
      db.comment.findMany({ where: { sourceUrl: wm }, select: { sourceTitle: true, status: true } }),
    ),
  ).toEqual([{ sourceTitle: 'Webmention post, edited', status: 'APPROVED' }])

  // Gone (410): the mention comes down, to the trash (which no other test empties meanwhile).
  await exclusive('comment-trash')
  otherBlog.servePage('/wm-good', 'gone', 410)
  const gone = await webmention(request, { source: wm, target: target })
  await expect
    .poll(async () => (await (await request.get(gone.headers().location!)).json()).status, { timeout: 15_000 })
    .toBe('refused')
  expect(await readDb((db) => db.comment.findMany({ where: { sourceUrl: wm }, select: { status: true } }))).toEqual([
    { status: 'TRASH' },
  ])
  await page.goto(post.path)
  await expect(page.getByRole('region', { name: /Mentions/ })).toHaveCount(0)
})

test('with the default setting, a source on the loopback network is refused and never contacted', async ({
  request,
  otherBlog,
  target,
}) => {
  // A second server on the same build and database, without MENTION_ALLOW_PRIVATE_NETWORKS.
  // Its own port: hardening.spec.ts starts a server at E2E_PORT + 3 while this project runs.
  const port = String(E2E_PORT + 7)
  const env: NodeJS.ProcessEnv = { ...process.env, ...e2eServerEnv, PORT: port }
  delete env.MENTION_ALLOW_PRIVATE_NETWORKS
  const server: ChildProcess = spawn('node_modules/.bin/next', ['start', '-p', port], { env, stdio: 'ignore' })
  try {
    const up = async () => {
      try {
        return (await request.get(`http://localhost:${port}/`)).status()
      } catch {
        return 0
      }
    }
    await expect.poll(up, { timeout: 20_000 }).toBe(200)
    const probe = otherBlog.servePage('/private-probe', `<a href="${target}">link</a>`)
    const before = otherBlog.hits.filter((h) => h === '/private-probe').length
    const result = await pingback(request, pingbackCall(probe, target), `http://localhost:${port}`)
    expect(result.fault).toBe(49)
    expect(result.text).toContain('private network')
    const tb = await request.post(`http://localhost:${port}/webmention`, { form: { source: probe, target: target } })
    expect(tb.status()).toBe(202)
    await expect
      .poll(
        async () =>
          (await (await request.get(tb.headers().location!.replace(E2E_BASE_URL, `http://localhost:${port}`))).json())
            .status,
        { timeout: 15_000 },
      )
      .toBe('refused')
    expect(otherBlog.hits.filter((h) => h === '/private-probe').length).toBe(before)
  } finally {
    server.kill('SIGTERM')
  }
})

test('publishing a post sends a webmention, a pingback and a hand-entered TrackBack, and records each', async ({
  adminPage: page,
  otherBlog,
}) => {
  const wmTarget = otherBlog.servePage('/their-wm-post', '<p>A post that takes webmentions.</p>', 200, {
    link: '</their-webmention>; rel="webmention"',
  })
  const pbTarget = otherBlog.servePage('/their-pb-post', '<p>A WordPress-like post.</p>', 200, {
    'x-pingback': `${otherBlog.origin}/their-xmlrpc`,
  })
  const plain = otherBlog.servePage('/their-plain-post', '<p>No endpoint here.</p>')
  await page.goto('/admin/posts/new')
  await field(page, 'Title').fill('Talking to other blogs')
  await field(page, 'Slug').fill('talking-to-other-blogs')
  await field(page, 'Body (Markdown)').fill(
    `See [their post](${wmTarget}), [a WordPress one](${pbTarget}) and [a plain page](${plain}).`,
  )
  await field(page, 'Send TrackBacks to').fill(`${otherBlog.origin}/their-trackback`)
  await page.getByRole('button', { name: 'Publish now' }).click()
  await expect(page).toHaveURL(/\?saved=1$/)
  const source = `${E2E_BASE_URL}/posts/talking-to-other-blogs`

  await expect
    .poll(() => otherBlog.received.map((r) => r.path).sort(), { timeout: 20_000 })
    .toEqual(['/their-trackback', '/their-webmention', '/their-xmlrpc'])
  const wm = new URLSearchParams(otherBlog.received.find((r) => r.path === '/their-webmention')!.body)
  expect({ source: wm.get('source'), target: wm.get('target') }).toEqual({ source, target: wmTarget })
  const pb = otherBlog.received.find((r) => r.path === '/their-xmlrpc')!
  expect(pb.body).toContain('<methodName>pingback.ping</methodName>')
  expect(pb.body).toContain(`<string>${source}</string>`)
  expect(pb.body).toContain(`<string>${pbTarget}</string>`)
  const tb = new URLSearchParams(otherBlog.received.find((r) => r.path === '/their-trackback')!.body)
  expect(tb.get('url')).toBe(source)
  expect(tb.get('title')).toBe('Talking to other blogs')

  await expect
    .poll(
      async () => {
        await page.reload()
        return page.getByRole('region', { name: 'Linkbacks sent' }).getByRole('row').count()
      },
      { timeout: 15_000 },
    )
    .toBe(5)
  const table = page.getByRole('region', { name: 'Linkbacks sent' })
  await expect(table.getByRole('row', { name: /their-wm-post/ })).toContainText('webmention')
  await expect(table.getByRole('row', { name: /their-wm-post/ })).toContainText('sent')
  await expect(table.getByRole('row', { name: /their-pb-post/ })).toContainText('pingback')
  await expect(table.getByRole('row', { name: /their-plain-post/ })).toContainText('no endpoint')
  await expect(table.getByRole('row', { name: /their-trackback/ })).toContainText('sent')
})
