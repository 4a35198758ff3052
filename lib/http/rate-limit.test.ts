import { describe, expect, it } from 'vitest'
import { RateLimit } from './rate-limit'

describe('RateLimit', () => {
  it('allows the allowance per key, then says how long to wait', async () => {
    const limit = new RateLimit([{ points: 3, duration: 60 }])
    for (let i = 0; i < 3; i++) expect(await limit.consume('1.2.3.4')).toBeNull()
    const wait = await limit.consume('1.2.3.4')
    expect(wait).toBeGreaterThan(0)
    expect(wait).toBeLessThanOrEqual(60)
    expect(await limit.consume('5.6.7.8')).toBeNull()
  })
  it('applies every window', async () => {
    const limit = new RateLimit([
      { points: 10, duration: 1 },
      { points: 2, duration: 3600 },
    ])
    expect(await limit.consume('k')).toBeNull()
    expect(await limit.consume('k')).toBeNull()
    expect(await limit.consume('k')).toBeGreaterThan(1)
  })
})
