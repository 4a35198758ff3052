import { describe, expect, it } from 'vitest'
import { noteFailure, recentFailures } from './failures'

describe('failed deliveries, for the admin', () => {
  it('notes the latest failure per instance, latest first, and ignores errors that name no inbox', async () => {
    await noteFailure(new Error('https://slow.example/inbox: fetch failed'))
    await noteFailure(new Error('something without an address'))
    await noteFailure(new Error('https://gone.example/users/a/inbox: fetch failed'), true)
    const failures = await recentFailures()
    expect(failures.map((f) => [f.host, f.permanent])).toEqual([
      ['gone.example', true],
      ['slow.example', false],
    ])
  })
})
