// The blog moves to a new address: its reader pages and feeds here answer 301 to the same path there, while the
// admin, the fediverse account and the protocol endpoints keep answering here; taking the move back serves the
// pages again. Every reader page redirects meanwhile, so this runs last and alone (playwright.config.ts).
import http from 'node:http'
import { expect, test } from './fixtures'
import { E2E_BASE_URL, E2E_PORT } from './env'
import { POST_1 } from './content'
import { field } from './helpers'
import { AP_ACCEPT, startPeer } from './fediverse/peer'

const NEW_HOME = 'https://new-home.example'
const HANDLE = `blog@localhost:${E2E_PORT}`

/** A GET (or HEAD) of this server, redirects not followed, with the Host given (default: the e2e server's). */
function ask(
  path: string,
  { method = 'GET', headers = {} }: { method?: string; headers?: Record<string, string> } = {},
): Promise<{ status: number; location?: string; type?: string }> {
  return new Promise((resolve, reject) => {
    http
      .request(`${E2E_BASE_URL}${path}`, { method, headers }, (res) => {
        res
          .resume()
          .on('end', () =>
            resolve({ status: res.statusCode ?? 0, location: res.headers.location, type: res.headers['content-type'] }),
          )
      })
      .on('error', reject)
      .end()
  })
}

/** What a moved blog answers: reader addresses go there, the rest stays here. */
async function expectMovedTo(target: string) {
  const post = `/posts/${POST_1.slug}`
  for (const path of ['/', `${post}?utm_source=x`, '/feed.xml', '/atom.xml', '/tags/refunds', '/search?q=refund'])
    expect(await ask(path), path).toMatchObject({ status: 301, location: `${target}${path}` })
  expect(await ask(post, { method: 'HEAD' })).toMatchObject({ status: 301, location: `${target}${post}` })
  // The account stays: WebFinger, the actor (which says movedTo when the account moved too), a post as ActivityPub.
  expect((await ask(`/.well-known/webfinger?resource=acct:${HANDLE}`)).status).toBe(200)
  expect(await ask('/fediverse/blog', { headers: { accept: AP_ACCEPT } })).toMatchObject({ status: 200 })
  expect(await ask(post, { headers: { accept: AP_ACCEPT } })).toMatchObject({
    status: 200,
    type: expect.stringContaining('activity+json'),
  })
  // Sign-in and the protocol endpoints stay.
  expect((await ask('/login')).status).toBe(200)
  expect((await ask('/xmlrpc')).status).not.toBe(301)
}

async function expectServedHere() {
  for (const path of ['/', `/posts/${POST_1.slug}`, '/feed.xml']) expect((await ask(path)).status, path).toBe(200)
}

test.describe.configure({ mode: 'serial' })

test('a blog moved to a new address in Settings redirects its pages there, and serves them again when cleared', async ({
  adminPage: admin,
}) => {
  await admin.goto('/admin/settings')
  // Its own address is refused (every page would redirect to itself), and what was typed stays.
  await field(admin, 'This blog has moved to').fill(E2E_BASE_URL)
  await admin.getByRole('button', { name: 'Save settings' }).click()
  await expect(admin.getByText('That is this blog’s own address')).toBeVisible()
  await expect(field(admin, 'This blog has moved to')).toHaveValue(E2E_BASE_URL)
  await expectServedHere()

  await field(admin, 'This blog has moved to').fill(`${NEW_HOME}/`)
  await admin.getByRole('button', { name: 'Save settings' }).click()
  await expect(admin.getByText('Settings saved.')).toBeVisible()
  await expectMovedTo(NEW_HOME)
  // One server may answer both names: a request for the new name is served, not sent round in a loop.
  expect((await ask('/', { headers: { host: 'new-home.example' } })).status).toBe(200)
  // The admin goes on working here.
  await admin.reload()
  await expect(field(admin, 'This blog has moved to')).toHaveValue(NEW_HOME)

  await field(admin, 'This blog has moved to').fill('')
  await admin.getByRole('button', { name: 'Save settings' }).click()
  await expect(admin.getByText('Settings saved.')).toBeVisible()
  await expectServedHere()
})

test('moving the account with the blog’s new address redirects the pages too; taking it back serves them', async ({
  adminPage: admin,
}) => {
  const next = await startPeer({ hostname: '127.0.0.24', username: 'newhome', name: 'The blog, at home' })
  try {
    const blog = await next.lookup(HANDLE)
    next.setAlsoKnownAs([blog.id])
    await admin.goto('/admin/fediverse')
    await field(admin, 'The new account').fill(next.actorId)
    await field(admin, 'The blog’s new address (optional)').fill('not an address')
    await admin.getByRole('button', { name: 'Move followers to the new account' }).click()
    await expect(admin.getByText('Enter the new address')).toBeVisible()
    await expectServedHere()

    await field(admin, 'The blog’s new address (optional)').fill(NEW_HOME)
    await admin.getByRole('button', { name: 'Move followers to the new account' }).click()
    await expect(admin.getByRole('status').filter({ hasText: `pages now redirect to ${NEW_HOME}` })).toBeVisible()
    await expectMovedTo(NEW_HOME)
    const actor = await (await fetch(blog.id, { headers: { accept: AP_ACCEPT } })).json()
    expect(actor.movedTo).toBe(next.actorId)

    await admin.goto('/admin/fediverse')
    await expect(admin.getByText(`The blog’s pages redirect to ${NEW_HOME}`)).toBeVisible()
    await admin.getByRole('button', { name: 'Take the move back' }).click()
    await expect(admin.getByRole('button', { name: 'Take the move back' })).toBeHidden()
    await expectServedHere()
    const back = await (await fetch(blog.id, { headers: { accept: AP_ACCEPT } })).json()
    expect(back.movedTo).toBeUndefined()
  } finally {
    await next.close()
  }
})
