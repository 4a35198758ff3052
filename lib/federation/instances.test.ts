// Instances that stop answering, on the real database: failing, then dead after days, then back when they answer.
import { describe, expect, it } from 'vitest'
import { db } from '@/lib/db'
import { unique } from '@/lib/test/fixtures'
import {
  DEAD_AFTER_MS,
  deadHosts,
  markAttemptFailed,
  noteInstanceFailure,
  noteReachable,
  trackDelivery,
} from './instances'

describe('dead instances', () => {
  it('is failing at the first failure, dead once it has failed for days with no success, alive when it answers', async () => {
    const host = `dying${unique()}.example`
    const inbox = `https://${host}/inbox`
    const start = new Date(Date.now() - DEAD_AFTER_MS - 3_600_000)
    await noteInstanceFailure(inbox, 'connect ECONNREFUSED', start)
    expect(await db.instance.findUnique({ where: { host } })).toMatchObject({ failingSince: start, deadSince: null })
    expect(await deadHosts()).not.toContain(host)
    await noteInstanceFailure(inbox, 'answered 503')
    expect((await db.instance.findUniqueOrThrow({ where: { host } })).deadSince).not.toBeNull()
    expect(await deadHosts()).toContain(host)
    await noteReachable(`https://${host}/users/someone`)
    expect(await db.instance.findUnique({ where: { host } })).toBeNull()
    expect(await deadHosts()).not.toContain(host)
  })

  it('a delivery that goes through brings its instance back; one that fails does not', async () => {
    const host = `flaky${unique()}.example`
    const inbox = `https://${host}/inbox`
    await noteInstanceFailure(inbox, 'timeout')
    await trackDelivery(inbox, async () => {
      markAttemptFailed()
    })
    expect(await db.instance.count({ where: { host } })).toBe(1)
    await trackDelivery(inbox, async () => {})
    expect(await db.instance.count({ where: { host } })).toBe(0)
  })
})
