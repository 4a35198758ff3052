// The blog under contention, run after every other spec: 200 comments posted at once to one post (each
// accepted comment is stored exactly once, each refusal says why), and a write lock held by another process.
import { expect, test } from './fixtures'
import { holdWriteLock } from './data'
import { e2eProvider, readDb } from './db'
import { apiSignIn, backdatedFormToken } from './helpers'

// One after the other: the held lock would break the storm.
test.describe.configure({ mode: 'default' })

const TOTAL = 200
const DUPLICATES = 10

test('a storm of 200 simultaneous comments, 10 of them repeats', async ({ browser, post: POST }) => {
  test.setTimeout(120_000)
  // The form as a browser without JavaScript sends it: its fields, including Next's hidden action fields.
  const context = await browser.newContext({ javaScriptEnabled: false })
  const page = await context.newPage()
  await page.goto(`/posts/${POST.slug}`)
  const fields = await page
    .locator('form.comment-form')
    .evaluate((form: HTMLFormElement) =>
      Object.fromEntries(
        [...new FormData(form).entries()].filter(([, v]) => typeof v === 'string') as [string, string][],
      ),
    )
  const postId = POST.id
  // The time trap passed: a token issued seconds ago, as if the form had been filled in.
  fields.form_token = backdatedFormToken(postId)

  const unique = TOTAL - DUPLICATES
  const sends = Array.from({ length: TOTAL }, (_, i) => {
    const n = i < unique ? i : i - unique // the last ten repeat the first ten, word for word
    return page.request.post(`/posts/${POST.slug}`, {
      headers: { 'x-forwarded-for': `203.0.113.${i % 250}`, 'x-storm': String(i) },
      multipart: {
        ...fields,
        name: `Storm ${n}`,
        email: `storm${n}@example.org`,
        content: `Storm comment number ${n}.`,
      },
      maxRedirects: 0,
    })
  })
  const started = Date.now()
  const responses = await Promise.all(sends)
  const seconds = (Date.now() - started) / 1000
  const outcomes = await Promise.all(
    responses.map(async (r) => {
      const body = await r.text()
      if (r.status() >= 500) return `server error ${r.status()}`
      if (body.includes('You already posted this comment here.')) return 'refused: duplicate'
      if (body.includes('faster than people do')) return 'refused: rate limit'
      if (body.includes('Your comment is awaiting moderation.')) return 'held for moderation'
      if (r.status() === 303) return 'approved'
      return `other ${r.status()}`
    }),
  )
  const tally = outcomes.reduce<Record<string, number>>((t, o) => ({ ...t, [o]: (t[o] ?? 0) + 1 }), {})
  const stored = await readDb(async (db) => {
    const contents = await db.comment.findMany({
      where: { postId, content: { startsWith: 'Storm comment number ' } },
      select: { content: true },
    })
    return { n: contents.length, distinct: new Set(contents.map((c) => c.content)).size }
  })
  const blocked = await readDb((db) => db.blockedAttempt.count({ where: { postId } }))
  console.log(
    `comment storm: sent ${TOTAL} in ${seconds.toFixed(1)} s; outcomes ${JSON.stringify(tally)}; stored ${stored.n} (${stored.distinct} distinct); blocked as bots ${blocked}`,
  )

  expect(tally['refused: duplicate']).toBe(DUPLICATES)
  expect(tally['held for moderation']).toBe(unique)
  expect(stored).toEqual({ n: unique, distinct: unique })
  expect(blocked).toBe(0)
  await context.close()
})

// Alone in its project: a held write lock stalls every writer, which would fail the tests running beside it.
test('while another process holds the write lock, sign-in says the blog is busy and shows no internal error', async ({
  request,
  clientAddress,
}) => {
  // SQLite's one writer at a time; PostgreSQL has no lock on the whole database to hold.
  test.skip(e2eProvider !== 'sqlite', 'a write lock on the whole database is SQLite’s')
  const release = await holdWriteLock()
  let error: string | null
  try {
    error = await apiSignIn(request, `locked-${Date.now()}@example.com`, 'wrong-password', clientAddress)
  } finally {
    await release()
  }
  expect(error).toBe('The blog is busy right now. Please try again in a moment.')
})
