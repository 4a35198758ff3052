import { describe, expect, it } from 'vitest'
import { backoffSeconds } from './throttle'

describe('backoffSeconds', () => {
  it('lets five failures through, then doubles from 30 s, capped at 15 minutes', () => {
    expect([1, 2, 3, 4].map(backoffSeconds)).toEqual([0, 0, 0, 0])
    expect([5, 6, 7, 8, 9].map(backoffSeconds)).toEqual([30, 60, 120, 240, 480])
    expect(backoffSeconds(10)).toBe(900)
    expect(backoffSeconds(50)).toBe(900)
  })
})
