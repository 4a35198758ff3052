// The fediverse fan-out and the preview stampede (issue 27, item 6). Simulated instances on loopback addresses
// (e2e/fediverse/instances.ts: one node:http server per 127.1.x.y, each its own host and port, checking every
// delivery's draft-cavage signature against the blog's key) follow the blog: --followers over --instances (10,000
// over 1,000; --quick 200 over 20), rows of Follower written straight into the bench database, each with its own
// inbox and its instance's shared inbox. Then one post is published and measured: every instance gets exactly one
// Create, the time to the last one, reader p99 on the post page while it goes out (the load generator running
// until the last delivery), the server's memory; then the stampede: each instance fetches the post page (HTML, as a
// link preview does) and its object (ActivityPub), all 1,000 within 2 s, from its own address, with the readers
// measured again. On one node on SQLite, then (--only federation-cluster, or no --only) two nodes behind nginx on
// PostgreSQL + Redis, where the deliveries are told apart by the process that sent them (ss -tnp).
//
// How the post is published: as the editor's save does (lib/posts/actions.ts → savePost, queuePostDelivery in
// lib/federation/publish.ts): the post row written as published, and the 'fediverse-post' job queued exactly as
// queuePostDelivery queues it (kind, key = the post's id, payload { postId }, due now). Where the editor's
// process then runs that job at once (runPostDeliveriesSoon), the bench wakes the job queues the way every node
// wakes its own each minute (instrumentation.ts): POST /api/jobs/run with the worker secret. From there on all is
// the server's: the job, the library's fan-out, the deliveries as jobs. Not exercised: the editor's form and its
// cache expiries, which send nothing to the fediverse.
//
// Figures only; nothing here fails the process, but counts that are wrong (a missing or second delivery, a
// refused signature) are printed as such.
import { spawnSync } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { readFileSync, readdirSync } from 'node:fs'
import http from 'node:http'
import { join } from 'node:path'
import { bin, info, root, run, step } from '../lib/steps.mjs'
import { blogKeyFetcher, startInstances } from '../../e2e/fediverse/instances.ts'
import { loadGenerator, startLoad } from './load.mjs'
import { startServer, stopServer } from './site.mjs'
import { forgetShared, startCluster } from './setups.mjs'

/** Instance addresses: 127.1.x.y (the e2e spec uses 127.30.x.y). */
const NET = 1
const STAMPEDE_MS = 2000
const COMPRESSED = { 'accept-encoding': 'gzip, br' }
const WORKER_HEADER = 'x-daisy-worker'

/** One node on the bench's SQLite database, as `npm start` serves it, with loopback inboxes allowed. */
export async function federationOnSqlite(site, options) {
  step('Fediverse fan-out: one node, SQLite')
  // The bench database may predate the federation's migrations (it is made once per size).
  run(bin('prisma'), ['migrate', 'deploy'], { env: site.env })
  const { default: Database } = await import('better-sqlite3')
  const sqlite = new Database(site.dbFile)
  sqlite.pragma('busy_timeout = 15000')
  const sql = sqliteAdapter(sqlite)
  const port = options.port + 20
  const origin = `http://localhost:${port}`
  const env = { ...site.env, ...fediverseEnv(origin, port) }
  const server = await startServer({ env, origin, port })
  try {
    return await measureFanout({
      setup: '1 node, SQLite',
      sql,
      origin,
      wakeUrls: [`${origin}/api/jobs/run`],
      secret: env.NEXTAUTH_SECRET,
      processes: () => [{ name: 'server', pid: server.pid }],
      options,
    })
  } finally {
    await stopServer(server)
    sqlite.close()
  }
}

/** Two nodes behind nginx on PostgreSQL + Redis (scripts/cluster.mjs), from prepareSetups' build and database. */
export async function federationOnCluster(prepared, options) {
  step('Fediverse fan-out: two nodes + nginx, PostgreSQL + Redis')
  const { default: pg } = await import('pg')
  pg.defaults.parseInputDatesAsUTC = true
  const client = new pg.Client({ connectionString: prepared.env.DATABASE_URL })
  await client.connect()
  const sql = pgAdapter(client)
  const port = options.port + 30
  const origin = `http://127.0.0.1:${port}`
  await forgetShared(prepared.redis)
  const cluster = await startCluster({ ...prepared.env, ...fediverseEnv(origin, port) }, port)
  const statePath = join(root, prepared.env.DAISY_DIST_DIR, 'cluster.json')
  const nodes = () => {
    const state = JSON.parse(readFileSync(statePath, 'utf8'))
    return Object.entries(state).map(([name, { pid }]) => ({ name: `node ${name}`, pid }))
  }
  try {
    return await measureFanout({
      setup: '2 nodes + nginx, PostgreSQL + Redis',
      sql,
      origin,
      // Through nginx, as a node's own minute timer would reach one of them.
      wakeUrls: [`${origin}/api/jobs/run`],
      secret: prepared.env.NEXTAUTH_SECRET,
      processes: nodes,
      options,
    })
  } finally {
    await stopServer(cluster)
    await client.end()
  }
}

function fediverseEnv(origin, port) {
  return {
    PORT: String(port),
    SITE_URL: origin,
    NEXTAUTH_URL: origin,
    // The instances are on loopback: without this, the blog refuses private inboxes (as it must in production).
    MENTION_ALLOW_PRIVATE_NETWORKS: '1',
  }
}

async function measureFanout({ setup, sql, origin, wakeUrls, secret, processes, options }) {
  const { followers: followerCount, instances: instanceCount } = options
  const perInstance = Math.round(followerCount / instanceCount)
  await forget(sql)
  const instances = await startInstances({
    count: instanceCount,
    followersPerInstance: perInstance,
    net: NET,
    keyOf: blogKeyFetcher(),
  })
  const runId = randomBytes(4).toString('hex')
  const rows = instances.followerRows('blog')
  info(`${instanceCount.toLocaleString('en-US')} instances listening (127.${NET}.x.y), ${rows.length} followers`)
  const memory = rssSampler(processes)
  try {
    // A process's first post since it started loads the federation code and compiles its queries: about half a
    // second of one core, in the readers' event loop, once per process (a CPU profile of the quick run showed it
    // as the whole of the readers' p99 stall). A warm-up post to the first instance's followers goes out first, as
    // on a blog that has posted since its last restart; the readers' p99 below is the steady state.
    const firstInstance = rows.filter((f) => f.sharedInbox === rows[0].sharedInbox)
    await seedFollowers(sql, firstInstance, `${runId}w`)
    const warm = await insertPost(sql, `${runId}w`)
    const warmStarted = Date.now()
    await queuePost(sql, warm.id)
    for (const url of wakeUrls) await fetch(url, { method: 'POST', headers: { [WORKER_HEADER]: secret } })
    await waitUntil(
      async () =>
        instances.list[0].deliveries.some((d) => d.type === 'Create' && d.objectId === `${origin}/posts/${warm.slug}`),
      60_000,
    )
    info(`warm-up post to ${firstInstance.length} followers on one instance: ${Date.now() - warmStarted} ms`)
    // …and its preview fetched back, page and object, as that post's instances did: twice each, so that both
    // nodes behind nginx (which takes turns) have served one before the stampede, not met the code in the middle.
    for (const accept of ['text/html', 'text/html', 'application/activity+json', 'application/activity+json'])
      await get(`${origin}/posts/${warm.slug}`, { accept })
    await waitUntil(async () => (await waitingDeliveries(sql)) === 0, 60_000)
    await seedFollowers(sql, rows.slice(firstInstance.length), runId)
    const post = await insertPost(sql, runId)
    const postUrl = `${origin}/posts/${post.slug}`
    // The author's own look at the new post: its page rendered once, before the readers come.
    await get(postUrl, { accept: 'text/html' })
    await get(postUrl, { accept: 'text/html' })
    await new Promise((r) => setTimeout(r, 1000))
    memory.mark('before')

    // --- The fan-out ---------------------------------------------------------------------------------------------
    const connections = options.readers
    const readers = startLoad(postUrl, { headers: COMPRESSED, connections })
    const senders = sendersWatch()
    await new Promise((r) => setTimeout(r, 500))
    const started = Date.now()
    await queuePost(sql, post.id)
    for (const url of wakeUrls) {
      const response = await fetch(url, { method: 'POST', headers: { [WORKER_HEADER]: secret } })
      if (response.status !== 202) info(`warning: ${url} answered ${response.status}`)
    }
    let timedOut = null
    await instances.waitForAll('Create', postUrl, options.fanoutTimeout * 1000).catch((error) => {
      timedOut = error.message
    })
    const readersFanout = await readers.stop()
    const creates = instances.list.flatMap((i) =>
      i.deliveries.filter((d) => d.type === 'Create' && d.objectId === postUrl),
    )
    const lastAt = Math.max(...creates.map((d) => d.at))
    const firstAt = Math.min(...creates.map((d) => d.at))
    info(
      timedOut ??
        `${creates.length} Creates in ${((lastAt - started) / 1000).toFixed(1)} s; reader p99 ${readersFanout.p99} ms`,
    )
    // Every delivery job ended (a second Create would have come by now), or a minute.
    const drained = await waitUntil(async () => (await waitingDeliveries(sql)) === 0, 60_000)
    await new Promise((r) => setTimeout(r, 2000))
    senders.stop()
    const counts = instances.countsOf('Create', postUrl)
    const bySender = senders.attribute(creates, processes())

    // --- The preview stampede -------------------------------------------------------------------------------------
    const stampedeReaders = startLoad(postUrl, { headers: COMPRESSED, connections })
    await new Promise((r) => setTimeout(r, 500))
    const stampede = await previewStampede(instances.list, postUrl)
    const readersStampede = await stampedeReaders.stop()
    info(
      `stampede: ${stampede.requests} requests, all answered ${(stampede.lastAnswerMs / 1000).toFixed(1)} s after the first; reader p99 ${readersStampede.p99} ms`,
    )
    if (readersStampede.errors) info(`readers' socket errors during the stampede: ${readersStampede.errorKinds}`)
    if (Number.isNaN(readersStampede.p99)) info(readersStampede.latencyTable)
    await new Promise((r) => setTimeout(r, 5000))
    memory.mark('after')

    return {
      setup,
      followers: rows.length,
      instances: instanceCount,
      received: creates.length,
      missing: counts.filter((n) => n === 0).length,
      duplicates: counts.reduce((sum, n) => sum + Math.max(0, n - 1), 0),
      toPersonalInbox: creates.filter((d) => d.path !== '/inbox').length,
      knocks: instances.refused.filter((r) => /RFC 9421/.test(r.reason)).length,
      refusedOther: instances.refused.filter((r) => !/RFC 9421/.test(r.reason)),
      errors: instances.errors,
      timedOut,
      drained,
      firstMs: creates.length ? firstAt - started : NaN,
      lastMs: creates.length ? lastAt - started : NaN,
      bySender,
      readersFanout,
      readersStampede,
      stampede,
      connections,
      memory: memory.stop(),
    }
  } finally {
    memory.stop()
    await forget(sql)
    await instances.close()
  }
}

// --- The database, SQLite or PostgreSQL --------------------------------------------------------------------------

function sqliteAdapter(sqlite) {
  const value = (v) =>
    v instanceof Date ? v.toISOString().replace('Z', '+00:00') : v === true ? 1 : v === false ? 0 : v
  return {
    run: async (text, params = []) => sqlite.prepare(text).run(...params.map(value)),
    all: async (text, params = []) => sqlite.prepare(text).all(...params.map(value)),
    many: async (text, rows) =>
      sqlite.transaction(() => rows.forEach((r) => sqlite.prepare(text).run(...r.map(value))))(),
  }
}

function pgAdapter(client) {
  const numbered = (text) => {
    let n = 0
    return text.replace(/\?/g, () => `$${++n}`)
  }
  return {
    run: (text, params = []) => client.query(numbered(text), params),
    all: async (text, params = []) => (await client.query(numbered(text), params)).rows,
    async many(text, rows) {
      await client.query('BEGIN')
      for (const r of rows) await client.query(numbered(text), r)
      await client.query('COMMIT')
    },
  }
}

async function seedFollowers(sql, rows, runId) {
  const now = new Date()
  await sql.many(
    `INSERT INTO "Follower" (id, actor, "remoteId", inbox, "sharedInbox", handle, name, url, "followId", "createdAt")
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    rows.map((f, i) => [
      `benchfed${runId}${i}`,
      f.actor,
      f.remoteId,
      f.inbox,
      f.sharedInbox,
      f.handle,
      f.name,
      f.url,
      f.followId,
      now,
    ]),
  )
}

/** A new post, published now by the admin, as the editor's save leaves it. */
async function insertPost(sql, runId) {
  const [author] = await sql.all(`SELECT id FROM "User" WHERE role = 'ADMIN' ORDER BY "createdAt" LIMIT 1`)
  const id = `benchfedpost${runId}`
  const slug = `fediverse-fan-out-${runId}`
  const text = 'A post that goes out to ten thousand followers on a thousand servers, and comes back as previews.'
  const now = new Date()
  await sql.run(
    `INSERT INTO "Post" (id, type, slug, title, format, source, html, excerpt, "plainText", "wordCount", status,
       "publishedAt", "commentsOpen", "pingsOpen", sticky, "authorId", "createdAt", "updatedAt")
     VALUES (?, 'POST', ?, ?, 'MARKDOWN', ?, ?, ?, ?, ?, 'PUBLISHED', ?, ?, ?, ?, ?, ?, ?)`,
    [
      id,
      slug,
      `Fan-out ${runId}`,
      text,
      `<p>${text}</p>`,
      text,
      text,
      text.split(' ').length,
      now,
      true,
      true,
      false,
      author.id,
      now,
      now,
    ],
  )
  return { id, slug }
}

/** queuePostDelivery's job for a post published now. */
async function queuePost(sql, postId) {
  const now = new Date()
  await sql.run(
    `INSERT INTO "Job" (id, kind, key, payload, status, attempts, "runAfter", "createdAt", "updatedAt")
     VALUES (?, 'fediverse-post', ?, ?, 'QUEUED', 0, ?, ?, ?)`,
    [`benchfedjob${randomBytes(6).toString('hex')}`, postId, JSON.stringify({ postId }), now, now, now],
  )
}

async function waitingDeliveries(sql) {
  const [row] = await sql.all(
    `SELECT count(*) AS n FROM "Job" WHERE kind IN ('fediverse', 'fediverse-post') AND status IN ('QUEUED', 'RUNNING')`,
  )
  return Number(row.n)
}

/** What a run leaves: its followers, posts, jobs, and what the library remembered about the instances. */
async function forget(sql) {
  const like = `%//127.${NET}.%`
  await sql.run(`DELETE FROM "Follower" WHERE id LIKE 'benchfed%'`)
  await sql.run(`DELETE FROM "FederatedPost" WHERE "postId" LIKE 'benchfedpost%'`)
  await sql.run(
    `DELETE FROM "Job" WHERE (kind = 'fediverse-post' AND key LIKE 'benchfedpost%') OR (kind = 'fediverse' AND payload LIKE ?)`,
    [like],
  )
  await sql.run(`DELETE FROM "Post" WHERE id LIKE 'benchfedpost%'`)
  await sql.run(`DELETE FROM "FederationKv" WHERE key LIKE ?`, [`%127.${NET}.%`])
  await sql.run(`DELETE FROM "Instance" WHERE host LIKE ?`, [`127.${NET}.%`])
}

// --- Measuring ---------------------------------------------------------------------------------------------------

/** Each instance fetches the page and the object, at a random moment within STAMPEDE_MS, from its own address. */
async function previewStampede(list, postUrl) {
  const latencies = []
  const byKind = { page: [], object: [] }
  const statuses = {}
  let bytes = 0
  const started = Date.now()
  let lastAnswer = started
  const one = (instance, accept) =>
    new Promise((resolve) => {
      const at = Date.now()
      const request = http.get(
        postUrl,
        {
          headers: { accept, 'user-agent': `Mastodon/4.4.0 (+http://${instance.address}/)` },
          localAddress: instance.address,
          agent: false,
        },
        (response) => {
          response.on('data', (chunk) => (bytes += chunk.length))
          response.on('end', () => {
            latencies.push(Date.now() - at)
            byKind[accept.startsWith('text/html') ? 'page' : 'object'].push(Date.now() - at)
            statuses[response.statusCode] = (statuses[response.statusCode] ?? 0) + 1
            lastAnswer = Math.max(lastAnswer, Date.now())
            resolve()
          })
        },
      )
      request.on('error', (error) => {
        statuses[error.code ?? 'error'] = (statuses[error.code ?? 'error'] ?? 0) + 1
        resolve()
      })
      request.setTimeout(30_000, () => request.destroy(Object.assign(new Error('timeout'), { code: 'timeout' })))
    })
  await Promise.all(
    list.map(
      (instance) =>
        new Promise((resolve) =>
          setTimeout(
            () =>
              Promise.all([
                one(instance, 'text/html,application/xhtml+xml'),
                one(instance, 'application/activity+json, application/ld+json'),
              ]).then(resolve),
            Math.random() * STAMPEDE_MS,
          ),
        ),
    ),
  )
  latencies.sort((a, b) => a - b)
  const at = (q) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))]
  for (const [kind, list] of Object.entries(byKind)) {
    list.sort((a, b) => a - b)
    const q = (n) => list[Math.min(list.length - 1, Math.floor(n * list.length))]
    info(`stampede ${kind}: p50 ${q(0.5)} ms, p99 ${q(0.99)} ms, max ${list.at(-1)} ms (${list.length})`)
  }
  return {
    requests: list.length * 2,
    statuses,
    bytes,
    p50: at(0.5),
    p99: at(0.99),
    max: latencies.at(-1),
    lastAnswerMs: lastAnswer - started,
  }
}

/** RSS of the serving processes and their children (KB from /proc), sampled every 250 ms. */
function rssSampler(processes) {
  const marks = {}
  let peak = 0
  const peakByName = {}
  const sample = () => {
    let total = 0
    for (const { name, pid } of processes()) {
      const kb = treeRss(pid)
      peakByName[name] = Math.max(peakByName[name] ?? 0, kb)
      total += kb
    }
    peak = Math.max(peak, total)
    return total
  }
  const timer = setInterval(sample, 250)
  let stopped
  return {
    mark: (name) => (marks[name] = sample()),
    stop() {
      clearInterval(timer)
      stopped ??= { ...marks, peak, peakByName }
      return stopped
    },
  }
}

function treeRss(rootPid) {
  const parents = new Map()
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8')
      parents.set(Number(entry), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]))
    } catch {
      // gone
    }
  }
  const tree = [rootPid]
  for (let i = 0; i < tree.length; i++) for (const [pid, ppid] of parents) if (ppid === tree[i]) tree.push(pid)
  let kb = 0
  for (const pid of tree) {
    try {
      kb += Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0)
    } catch {
      // gone
    }
  }
  return kb
}

/**
 * Which process held each connection to the instances (ss -tnp every 500 ms, while the keep-alive connections
 * live), to tell the nodes' deliveries apart.
 */
function sendersWatch() {
  const owner = new Map()
  const sample = () => {
    const out = spawnSync('ss', ['-tnpH'], { encoding: 'utf8' }).stdout ?? ''
    for (const line of out.split('\n')) {
      const m = /\s(\S+):(\d+)\s+127\.\d+\.\d+\.\d+:\d+\s+users:\(\("[^"]*",pid=(\d+)/.exec(line)
      if (m) owner.set(`${m[1]}:${m[2]}`, Number(m[3]))
    }
  }
  const timer = setInterval(sample, 500)
  return {
    stop: () => {
      sample()
      clearInterval(timer)
    },
    attribute(deliveries, named) {
      const counts = {}
      for (const d of deliveries) {
        const pid = owner.get(d.from.replace(/^::ffff:/, ''))
        const name = named.find((p) => p.pid === pid)?.name ?? (pid ? `pid ${pid}` : 'unknown')
        counts[name] = (counts[name] ?? 0) + 1
      }
      return counts
    },
  }
}

function get(url, headers) {
  return fetch(url, { headers }).then((r) => r.arrayBuffer())
}

async function waitUntil(check, timeoutMs) {
  const until = Date.now() + timeoutMs
  while (Date.now() < until) {
    if (await check()) return true
    await new Promise((r) => setTimeout(r, 250))
  }
  return false
}

// --- The table ---------------------------------------------------------------------------------------------------

export function printFederation(rows) {
  const pad = (s, n) => String(s).padEnd(n)
  const mb = (kb) => (kb ? `${Math.round(kb / 1024)}` : '-')
  const s = (ms) => (Number.isFinite(ms) ? (ms / 1000).toFixed(1) : '-')
  console.log(
    `\nFediverse fan-out of one post, then the preview stampede (readers: ${loadGenerator()}, ${rows[0]?.connections} connections on the new post's page)`,
  )
  console.log(
    'Targets: every instance one delivery, none twice; the last ≤ 60 s; reader p99 < 50 ms during both; RSS bounded.\n',
  )
  const lines = [
    ['followers / instances', (r) => `${r.followers.toLocaleString('en-US')} / ${r.instances.toLocaleString('en-US')}`],
    ['deliveries received (Create)', (r) => `${r.received.toLocaleString('en-US')}${r.timedOut ? ' (timed out)' : ''}`],
    ['instances missing / twice', (r) => `${r.missing} / ${r.duplicates}`],
    ['to a personal inbox', (r) => r.toPersonalInbox],
    ['RFC 9421 first knocks refused', (r) => r.knocks],
    ['other refusals / errors', (r) => `${r.refusedOther.length} / ${r.errors.length}`],
    ['first / last delivery (s)', (r) => `${s(r.firstMs)} / ${s(r.lastMs)}`],
    [
      'deliveries by sender',
      (r) =>
        Object.entries(r.bySender)
          .map(([k, v]) => `${k}: ${v}`)
          .join(', '),
    ],
    [
      'readers during fan-out p50/p99 ms',
      (r) =>
        `${r.readersFanout.p50} / ${r.readersFanout.p99} (${Math.round(r.readersFanout.rps)} req/s, ${r.readersFanout.errors}/${r.readersFanout.non2xx} err/non2xx)`,
    ],
    [
      'stampede requests (page + object)',
      (r) =>
        `${r.stampede.requests}: ${Object.entries(r.stampede.statuses)
          .map(([k, v]) => `${v}×${k}`)
          .join(', ')}`,
    ],
    [
      'stampede answers p50/p99/max ms',
      (r) =>
        `${r.stampede.p50} / ${r.stampede.p99} / ${r.stampede.max}, last ${s(r.stampede.lastAnswerMs)} s after start`,
    ],
    [
      'readers during stampede p50/p99 ms',
      (r) =>
        `${r.readersStampede.p50} / ${r.readersStampede.p99} (${Math.round(r.readersStampede.rps)} req/s, ${r.readersStampede.errors}/${r.readersStampede.non2xx} err/non2xx)`,
    ],
    ['server RSS MB before/peak/after', (r) => `${mb(r.memory.before)} / ${mb(r.memory.peak)} / ${mb(r.memory.after)}`],
    [
      '  peak by process MB',
      (r) =>
        Object.entries(r.memory.peakByName)
          .map(([k, v]) => `${k}: ${mb(v)}`)
          .join(', '),
    ],
  ]
  const width = 38
  const col = 52
  console.log(pad('', width) + rows.map((r) => pad(r.setup, col)).join(''))
  console.log('-'.repeat(width + col * rows.length))
  for (const [label, of] of lines) console.log(pad(label, width) + rows.map((r) => pad(of(r), col)).join(''))
  for (const r of rows) {
    for (const refusal of r.refusedOther.slice(0, 5))
      console.log(`  ${r.setup}: refused at instance ${refusal.instance}: ${refusal.reason}`)
    for (const error of r.errors.slice(0, 5)) console.log(`  ${r.setup}: ${error}`)
    if (!r.drained) console.log(`  ${r.setup}: deliveries still queued a minute after the last Create`)
  }
}
