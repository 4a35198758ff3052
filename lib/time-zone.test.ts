import { describe, expect, it } from 'vitest'
import { zoneOffset, zonedRange, zonedTime, zonedYearMonth } from './time-zone'

describe('time zones', () => {
  it('finds offsets, including daylight saving time', () => {
    expect(zoneOffset(new Date('2024-01-15T12:00:00Z'), 'America/Chicago')).toBe(-6 * 3600_000)
    expect(zoneOffset(new Date('2024-07-15T12:00:00Z'), 'America/Chicago')).toBe(-5 * 3600_000)
    expect(zoneOffset(new Date('2024-07-15T12:00:00Z'), 'UTC')).toBe(0)
  })
  it('turns wall-clock times into instants', () => {
    expect(zonedTime(2024, 3, 1, 0, 0, 'America/Chicago').toISOString()).toBe('2024-03-01T06:00:00.000Z')
    expect(zonedTime(2024, 7, 4, 9, 30, 'Europe/Paris').toISOString()).toBe('2024-07-04T07:30:00.000Z')
  })
  it('gives month and year ranges in the zone', () => {
    const march = zonedRange(2024, 3, 'America/Chicago')
    expect(march.start.toISOString()).toBe('2024-03-01T06:00:00.000Z')
    expect(march.end.toISOString()).toBe('2024-04-01T05:00:00.000Z')
    const december = zonedRange(2010, 12, 'UTC')
    expect(december.end.toISOString()).toBe('2011-01-01T00:00:00.000Z')
    expect(zonedRange(2010, undefined, 'UTC').start.toISOString()).toBe('2010-01-01T00:00:00.000Z')
  })
  it('reads the year and month of an instant in the zone', () => {
    expect(zonedYearMonth(new Date('2024-03-01T03:00:00Z'), 'America/Chicago')).toEqual({ year: 2024, month: 2 })
    expect(zonedYearMonth(new Date('2024-03-01T03:00:00Z'), 'UTC')).toEqual({ year: 2024, month: 3 })
  })
})
