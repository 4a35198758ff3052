import { describe, expect, it } from 'vitest'
import { checkFormToken, issueFormToken } from './form-token'
import { heldPostIds, tokenIssuedAt } from './fields'

describe('form token', () => {
  const t0 = 1_700_000_000_000
  it('accepts a token for the same post after the minimum fill time', () => {
    expect(checkFormToken(issueFormToken('post1', t0), 'post1', t0 + 5_000)).toEqual({ ok: true })
  })
  it('refuses tokens that are too fresh, too old, for another post, forged or missing', () => {
    const token = issueFormToken('post1', t0)
    expect(checkFormToken(token, 'post1', t0 + 500)).toEqual({
      ok: false,
      reason: 'form sent 500 ms after it was shown',
    })
    expect(checkFormToken(token, 'post1', t0 + 46 * 86_400_000)).toEqual({ ok: false, reason: 'form token expired' })
    expect(checkFormToken(token, 'post2', t0 + 5_000)).toEqual({ ok: false, reason: 'form token for another post' })
    expect(
      checkFormToken(
        token.replace(/\.\w+\./, `.${(t0 - 60_000 + 45 * 86_400_000).toString(36)}.`),
        'post1',
        t0 + 5_000,
      ),
    ).toEqual({
      ok: false,
      reason: 'forged form token',
    })
    expect(checkFormToken('', 'post1')).toEqual({ ok: false, reason: 'missing or malformed form token' })
  })
  it('tells the form when its token was issued, without the secret', () => {
    expect(tokenIssuedAt(issueFormToken('post1', t0))).toBe(t0)
    expect(tokenIssuedAt('garbage')).toBeNaN()
  })
})

describe('held posts cookie', () => {
  it('reads post ids and drops anything else', () => {
    expect(heldPostIds('cm1.cm2')).toEqual(['cm1', 'cm2'])
    expect(heldPostIds('cm1..<script>.cm2')).toEqual(['cm1', 'cm2'])
    expect(heldPostIds(undefined)).toEqual([])
  })
})
