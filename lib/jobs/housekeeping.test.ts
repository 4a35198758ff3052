// Housekeeping on a real database (SQLite, and PostgreSQL in the suite's second run): what has done its work
// goes, what anyone may still read stays, and it runs once an hour however many nodes wake it.
import { randomBytes } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { db } from '@/lib/db'
import { makePost, makeUser } from '@/lib/test/fixtures'
import { deleteInBatches } from '../db/prune'
import { housekeeping, pruneAll } from './housekeeping'

const now = new Date()
const ago = (ms: number) => new Date(now.getTime() - ms)
const HOUR = 60 * 60_000
const DAY = 24 * HOUR
const exists = async (find: Promise<unknown>) => (await find) !== null

describe('housekeeping', () => {
  it('deletes what has done its work and keeps what may still be read', async () => {
    const user = await makeUser()
    const session = (expiresAt: Date) =>
      db.session.create({ data: { userId: user.id, expiresAt }, select: { id: true } })
    const sessions = { ended: await session(ago(1000)), live: await session(new Date(now.getTime() + DAY)) }

    const token = (expiresAt: Date) =>
      db.linkToken.create({
        data: { id: randomBytes(32).toString('hex'), purpose: 'reset', userId: user.id, expiresAt },
        select: { id: true },
      })
    const tokens = {
      longExpired: await token(ago(8 * DAY)),
      justExpired: await token(ago(DAY)),
      live: await token(new Date(now.getTime() + HOUR)),
    }

    const throttle = (key: string, lastFailure: Date, blockedUntil: Date | null) =>
      db.loginThrottle.create({ data: { key, failures: 7, lastFailure, blockedUntil } })
    await throttle('ip:203.0.113.1', ago(2 * HOUR), null)
    await throttle('ip:203.0.113.2', ago(2 * HOUR), ago(HOUR))
    await throttle('ip:203.0.113.3', ago(10 * 60_000), null)
    await throttle('ip:203.0.113.4', ago(2 * HOUR), new Date(now.getTime() + 60_000))

    const job = (status: 'QUEUED' | 'DONE' | 'FAILED', updatedAt: Date) =>
      db.job.create({ data: { kind: 'mail', status, updatedAt, createdAt: updatedAt }, select: { id: true } })
    const mail = async (createdAt: Date, status: 'QUEUED' | 'DONE' | 'FAILED', sent: boolean) => {
      const { id: jobId } = await job(status, createdAt)
      const n = randomBytes(6).toString('hex')
      return db.mail.create({
        data: {
          kind: 'comment-new',
          to: 'rob@daisy.test',
          subject: 's',
          text: 't',
          html: 'h',
          messageId: `<${n}@daisy.test>`,
          createdAt,
          sentAt: sent ? createdAt : null,
          jobId,
        },
        select: { id: true, jobId: true },
      })
    }
    const mails = {
      oldSent: await mail(ago(100 * DAY), 'DONE', true),
      oldFailed: await mail(ago(100 * DAY), 'FAILED', false),
      oldWaiting: await mail(ago(100 * DAY), 'QUEUED', false),
      recentSent: await mail(ago(40 * DAY), 'DONE', true),
    }

    const jobs = {
      oldDone: await job('DONE', ago(40 * DAY)),
      oldFailed: await job('FAILED', ago(40 * DAY)),
      oldQueued: await job('QUEUED', ago(40 * DAY)),
      recentDone: await job('DONE', ago(10 * DAY)),
      oldPing: await job('FAILED', ago(40 * DAY)),
    }
    const post = await makePost(user.id)
    await db.outgoingPing.create({
      data: { postId: post.id, targetUrl: 'https://example.com/', jobId: jobs.oldPing.id },
    })

    const report = await pruneAll(now)
    expect(report).toEqual({
      sessions: 1,
      linkTokens: 1,
      loginThrottle: 2,
      mail: 2,
      jobs: 4,
      federationCache: 0,
      instancesBack: 0,
    })

    expect(await exists(db.session.findUnique({ where: { id: sessions.ended.id } }))).toBe(false)
    expect(await exists(db.session.findUnique({ where: { id: sessions.live.id } }))).toBe(true)
    expect((await db.linkToken.findMany({ select: { id: true } })).map((t) => t.id).sort()).toEqual(
      [tokens.justExpired.id, tokens.live.id].sort(),
    )
    // Forgotten and not blocking: gone. Recent, or still blocking: kept (they still decide a sign-in).
    expect(
      (await db.loginThrottle.findMany({ select: { key: true }, orderBy: { key: 'asc' } })).map((t) => t.key),
    ).toEqual(['ip:203.0.113.3', 'ip:203.0.113.4'])
    // Old and ended: gone, with their jobs; still waiting to go, or recent: kept, with theirs.
    expect((await db.mail.findMany({ select: { id: true } })).map((m) => m.id).sort()).toEqual(
      [mails.oldWaiting.id, mails.recentSent.id].sort(),
    )
    const jobsLeft = new Set((await db.job.findMany({ select: { id: true } })).map((j) => j.id))
    expect(jobsLeft.has(mails.oldSent.jobId!)).toBe(false)
    expect(jobsLeft.has(mails.oldFailed.jobId!)).toBe(false)
    expect(jobsLeft.has(mails.oldWaiting.jobId!)).toBe(true)
    expect(jobsLeft.has(mails.recentSent.jobId!)).toBe(true)
    expect([jobs.oldDone, jobs.oldFailed].some((j) => jobsLeft.has(j.id))).toBe(false)
    expect([jobs.oldQueued, jobs.recentDone, jobs.oldPing].every((j) => jobsLeft.has(j.id))).toBe(true)

    // Nothing left to do: a second pass deletes nothing.
    expect(Object.values(await pruneAll(now)).every((count) => count === 0)).toBe(true)
  })

  it('runs once an hour across every node, whoever wakes it', async () => {
    await db.lease.deleteMany({ where: { name: 'housekeeping' } })
    const [first, second] = await Promise.all([housekeeping(now), housekeeping(now)])
    expect([first, second].filter((report) => report !== null)).toHaveLength(1)
    expect(await housekeeping(now)).toBeNull()
    // The hour is up (as the lease says): it runs again.
    await db.lease.updateMany({ where: { name: 'housekeeping' }, data: { expiresAt: ago(1000) } })
    expect(await housekeeping(now)).not.toBeNull()
  })

  it('deletes a long backlog a batch at a time, and stops at the run’s bound', async () => {
    await db.loginThrottle.createMany({
      data: Array.from({ length: 25 }, (_, i) => ({ key: `ip:198.51.100.${i}`, lastFailure: ago(2 * HOUR) })),
    })
    const statements: number[] = []
    const find = async (take: number) =>
      (
        await db.loginThrottle.findMany({
          where: { key: { startsWith: 'ip:198.51.100.' } },
          select: { key: true },
          take,
        })
      ).map((row) => row.key)
    const remove = (keys: string[]) => {
      statements.push(keys.length)
      return db.loginThrottle.deleteMany({ where: { key: { in: keys } } })
    }
    expect(await deleteInBatches(find, remove, { batch: 10, maxBatches: 2 })).toBe(20)
    expect(statements).toEqual([10, 10])
    expect(await deleteInBatches(find, remove, { batch: 10 })).toBe(5)
    expect(statements).toEqual([10, 10, 5])
  })
})
