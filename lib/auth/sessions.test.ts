// The account writes beneath lib/users/actions.ts, on a real database: sessions that end for real, and the
// sign-in brake that a right password or an admin's reset clears.
import { describe, expect, it } from 'vitest'
import { db } from '@/lib/db'
import { makeUser } from '@/lib/test/fixtures'
import { endSession, endUserSessions, findSessionUser, startSession } from './sessions'
import { clearAccountThrottle, giveBack, reserveAttempt, secondsUntilAllowed, throttleKeys } from './throttle'

const browser = { userAgent: 'Test browser', ip: '198.51.100.1' }

describe('sessions', () => {
  it('names its user while it lives, and nobody once ended, expired, or its user removed', async () => {
    const user = await makeUser()
    const [ended, expired, orphan] = await Promise.all([1, 2, 3].map(() => startSession(user.id, browser)))
    expect(await findSessionUser(ended!.id)).toEqual({
      id: user.id,
      email: user.email,
      name: user.name,
      role: 'AUTHOR',
    })
    await endSession(ended!.id)
    expect(await findSessionUser(ended!.id)).toBeNull()
    await db.session.update({ where: { id: expired!.id }, data: { expiresAt: new Date(Date.now() - 1000) } })
    expect(await findSessionUser(expired!.id)).toBeNull()
    await db.user.delete({ where: { id: user.id } })
    expect(await findSessionUser(orphan!.id)).toBeNull()
  })

  it('ends every session of one user but the one kept, and no one else’s', async () => {
    const [user, other] = await Promise.all([makeUser(), makeUser()])
    const [kept] = await Promise.all([1, 2, 3].map(() => startSession(user.id, browser)))
    const theirs = await startSession(other.id, browser)
    expect(await endUserSessions(user.id, { keep: kept!.id })).toBe(2)
    expect(await db.session.findMany({ where: { userId: user.id }, select: { id: true } })).toEqual([kept])
    expect(await endUserSessions(user.id)).toBe(1)
    expect(await findSessionUser(theirs.id)).not.toBeNull()
  })

  it('writes the last-seen time at most every few minutes, not on every request', async () => {
    const user = await makeUser()
    const { id } = await startSession(user.id, browser)
    const aMinuteAgo = new Date(Date.now() - 60_000)
    const anHourAgo = new Date(Date.now() - 3_600_000)
    await db.session.update({ where: { id }, data: { lastSeenAt: aMinuteAgo } })
    await findSessionUser(id)
    expect((await db.session.findUniqueOrThrow({ where: { id } })).lastSeenAt).toEqual(aMinuteAgo)
    await db.session.update({ where: { id }, data: { lastSeenAt: anHourAgo } })
    await findSessionUser(id)
    expect((await db.session.findUniqueOrThrow({ where: { id } })).lastSeenAt.getTime()).toBeGreaterThan(
      aMinuteAgo.getTime(),
    )
  })
})

describe('the sign-in brake', () => {
  const now = new Date('2030-01-01T12:00:00Z')
  const fail = async (email: string, ip: string, times: number, at = now) => {
    for (let i = 0; i < times; i++) expect((await reserveAttempt(throttleKeys(email, ip), at)).ok).toBe(true)
  }
  const row = (key: string) => db.loginThrottle.findUnique({ where: { key }, select: { failures: true } })

  it('makes one account and address wait after five failures, and forgets failures an hour old', async () => {
    const keys = throttleKeys('typo@example.com', '203.0.113.5')
    await fail('typo@example.com', '203.0.113.5', 4)
    expect(await secondsUntilAllowed(keys, now)).toBe(0)
    await fail('typo@example.com', '203.0.113.5', 1)
    expect(await secondsUntilAllowed(keys, now)).toBe(30)
    expect(await reserveAttempt(keys, now)).toEqual({ ok: false, wait: 30 })
    // Refused attempts are not counted: the wait does not grow while it lasts.
    expect(await row(keys[0]!.key)).toEqual({ failures: 5 })
    // Once the wait is over, one more try, which doubles it.
    const after = new Date(now.getTime() + 31_000)
    expect((await reserveAttempt(keys, after)).ok).toBe(true)
    expect(await secondsUntilAllowed(keys, after)).toBe(60)
    // One more failure two hours later counts as the first again.
    const later = new Date(now.getTime() + 2 * 3_600_000)
    await fail('typo@example.com', '203.0.113.5', 1, later)
    expect(await secondsUntilAllowed(keys, later)).toBe(0)
    expect(await row(keys[0]!.key)).toEqual({ failures: 1 })
  })

  it('takes each attempt before the password is checked: of thirty sent at once, five pass', async () => {
    const keys = throttleKeys('burst@example.com', '203.0.113.10')
    const results = await Promise.all(Array.from({ length: 30 }, () => reserveAttempt(keys, now)))
    expect(results.filter((r) => r.ok)).toHaveLength(5)
    expect(new Set(results.flatMap((r) => (r.ok ? [] : [r.wait])))).toEqual(new Set([30]))
    expect(await row(keys[0]!.key)).toEqual({ failures: 5 })
    // What the refused attempts took on the keys that let them through was given back.
    expect(await row('ip:203.0.113.10')).toEqual({ failures: 5 })
  })

  it('of 120 guesses at made-up accounts sent at once from one address, twenty pass', async () => {
    const results = await Promise.all(
      Array.from({ length: 120 }, (_, i) =>
        reserveAttempt(throttleKeys(`made-up-${i}@example.com`, '203.0.113.11'), now),
      ),
    )
    expect(results.filter((r) => r.ok)).toHaveLength(20)
    expect(await row('ip:203.0.113.11')).toEqual({ failures: 20 })
  })

  it("a right password gives its attempt back and clears that browser's own count; others' guesses stay", async () => {
    await fail('owner@example.com', '203.0.113.6', 4)
    await fail('owner@example.com', '203.0.113.7', 1)
    const attempt = await reserveAttempt(throttleKeys('Owner@Example.com', '203.0.113.6'), now)
    if (!attempt.ok) throw new Error('refused')
    await giveBack(attempt.keys, { now })
    expect(await row('account-ip:owner@example.com|203.0.113.6')).toBeNull()
    expect(await row('account:owner@example.com')).toEqual({ failures: 5 })
    expect(await row('ip:203.0.113.6')).toEqual({ failures: 4 })
  })

  it("the owner's browser signs in from an address strangers have braked", async () => {
    for (let i = 0; i < 25; i++) await reserveAttempt(throttleKeys(`stranger-${i}@example.com`, '203.0.113.12'), now)
    expect((await reserveAttempt(throttleKeys('someone@example.com', '203.0.113.12'), now)).ok).toBe(false)
    expect((await reserveAttempt(throttleKeys('me@example.com', '203.0.113.12', { knownDevice: true }), now)).ok).toBe(
      true,
    )
  })

  it("an admin's reset clears the account everywhere, but not the addresses' own counts or other accounts", async () => {
    await fail('reset@example.com', '203.0.113.8', 2)
    await fail('reset@example.com', '203.0.113.9', 1)
    await fail('bystander@example.com', '203.0.113.8', 1)
    await clearAccountThrottle('RESET@example.com')
    const keys = (await db.loginThrottle.findMany({ select: { key: true } })).map((r) => r.key)
    expect(keys.filter((key) => key.includes('reset@'))).toEqual([])
    expect(await row('ip:203.0.113.8')).toEqual({ failures: 3 })
    expect(await row('account-ip:bystander@example.com|203.0.113.8')).toEqual({ failures: 1 })
  })
})
