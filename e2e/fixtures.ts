// Playwright fixtures: who a test signs in as, the data it owns, and the address it comes from, so specs run
// in parallel workers without leaning on each other (the seeded blog stays as e2e/seed.ts left it).
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { test as base, expect, type APIRequestContext, type Page, type PlaywrightWorkerArgs } from '@playwright/test'
import { createPost, createUser, deletePost, type TestPost } from './data'
import { closeAppDb } from './db'
import { E2E_ADMIN, E2E_BASE_URL, e2eLocksDir, e2eServerEnv } from './env'
import { apiSignIn } from './helpers'

export { expect }
export type { TestPost }

type SavedSession = Awaited<ReturnType<APIRequestContext['storageState']>>

interface WorkerFixtures {
  /** Closes this worker's client on the e2e database (e2e/db.ts), if it opened one, when the worker ends. */
  database: void
  /** The seeded admin, signed in once per worker (a session of its own, which no test signs out). */
  adminSession: SavedSession
  /** An AUTHOR made for this worker, signed in once. */
  authorAccount: { email: string; password: string; name: string; session: SavedSession }
}

interface TestFixtures {
  /** A page in a browser signed in as the seeded admin. */
  adminPage: Page
  /** A page in a browser signed in as this worker's AUTHOR. */
  authorPage: Page
  /** A published post made for this test, with its comments removed with it afterwards. */
  post: TestPost
  /** Makes more posts for this test, removed afterwards. */
  makePost: (name: string, options?: { commentsOpen?: boolean }) => Promise<TestPost>
  /** The client address this test's browsers send (X-Forwarded-For, which the e2e server trusts from loopback). */
  clientAddress: string
  /** A fresh client address, for a test playing several people. */
  newAddress: () => string
  /**
   * Holds a named lock until the test ends, for the few things that are one per blog (the settings form, the
   * trash counts): two tests changing them at once would overwrite each other.
   */
  exclusive: (name: 'settings' | 'post-trash' | 'comment-trash' | 'fediverse-followers') => Promise<void>
}

let addresses = 0
/** 10.<worker>.x.y: distinct per test and per worker, so rate limits and first-comment rules never collide. */
function uniqueAddress(workerIndex: number) {
  addresses++
  return `10.${workerIndex % 250}.${Math.floor(addresses / 250) % 250}.${(addresses % 250) + 1}`
}

async function signedInSession(
  playwright: PlaywrightWorkerArgs['playwright'],
  email: string,
  password: string,
  address: string,
): Promise<SavedSession> {
  const request = await playwright.request.newContext({ baseURL: E2E_BASE_URL })
  const error = await apiSignIn(request, email, password, address)
  expect(error, `sign-in of ${email}`).toBeNull()
  const state = await request.storageState()
  await request.dispose()
  return state
}

// Cleared by scripts/e2e-server.mjs with the database.
const LOCKS = e2eLocksDir(e2eServerEnv.DATABASE_URL!)

export const test = base.extend<TestFixtures, WorkerFixtures>({
  database: [
    async ({}, provide) => {
      await provide()
      await closeAppDb()
    },
    { scope: 'worker', auto: true },
  ],
  adminSession: [
    async ({ playwright }, provide, workerInfo) => {
      await provide(
        await signedInSession(playwright, E2E_ADMIN.email, E2E_ADMIN.password, uniqueAddress(workerInfo.workerIndex)),
      )
    },
    { scope: 'worker' },
  ],
  authorAccount: [
    async ({ playwright }, provide, workerInfo) => {
      const account = await createUser('AUTHOR', `Worker ${workerInfo.workerIndex} Author`)
      const session = await signedInSession(
        playwright,
        account.email,
        account.password,
        uniqueAddress(workerInfo.workerIndex),
      )
      await provide({ ...account, session })
    },
    { scope: 'worker' },
  ],
  clientAddress: async ({}, provide, testInfo) => provide(uniqueAddress(testInfo.workerIndex)),
  newAddress: async ({}, provide, testInfo) => provide(() => uniqueAddress(testInfo.workerIndex)),
  extraHTTPHeaders: async ({ extraHTTPHeaders, clientAddress }, provide) =>
    provide({ ...extraHTTPHeaders, 'x-forwarded-for': clientAddress }),
  adminPage: async ({ browser, adminSession }, provide) => {
    const context = await browser.newContext({ storageState: adminSession })
    await provide(await context.newPage())
    await context.close()
  },
  authorPage: async ({ browser, authorAccount }, provide) => {
    const context = await browser.newContext({ storageState: authorAccount.session })
    await provide(await context.newPage())
    await context.close()
  },
  makePost: async ({}, provide) => {
    const made: TestPost[] = []
    await provide(async (name, options) => {
      const post = await createPost(name, options)
      made.push(post)
      return post
    })
    for (const post of made) await deletePost(post.id)
  },
  post: async ({ makePost }, provide, testInfo) => {
    await provide(
      await makePost(
        testInfo.titlePath
          .at(-1)!
          .toLowerCase()
          .replace(/[^a-z0-9]+/g, '-')
          .slice(0, 30)
          .replace(/^-|-$/g, '') || 'post',
      ),
    )
  },
  exclusive: async ({}, provide) => {
    const held: string[] = []
    await provide(async (name) => {
      const dir = join(LOCKS, name)
      mkdirSync(LOCKS, { recursive: true })
      await expect
        .poll(() => tryLock(dir), { timeout: 120_000, intervals: [200], message: `waiting for the ${name} lock` })
        .toBe(true)
      held.push(dir)
    })
    for (const dir of held) rmSync(dir, { recursive: true, force: true })
  },
})

/** mkdir is atomic: whoever makes the folder holds the lock. A lock left by a process that died is taken over. */
function tryLock(dir: string): boolean {
  try {
    mkdirSync(dir)
  } catch {
    let owner = 0
    try {
      owner = Number(readFileSync(join(dir, 'pid'), 'utf8'))
    } catch {
      return false // being made right now
    }
    try {
      process.kill(owner, 0)
      return false
    } catch {
      rmSync(dir, { recursive: true, force: true })
      return tryLock(dir)
    }
  }
  writeFileSync(join(dir, 'pid'), String(process.pid))
  return true
}
