// Calendar maths in the site's time zone (archives by month, scheduling), without a date library.

const formatters = new Map<string, Intl.DateTimeFormat>()

// Building a formatter costs far more than using one; archives convert thousands of dates.
function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone)
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    })
    formatters.set(timeZone, formatter)
  }
  return formatter
}

export interface WallClock {
  year: string
  month: string
  day: string
  hour: string
  minute: string
  second: string
}

/** The wall-clock reading in the zone at the given instant, zero-padded ("2010", "12", "21", "17", "30", "00"). */
export function wallClock(instant: Date, timeZone: string): WallClock {
  const parts = formatterFor(timeZone).formatToParts(instant)
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '00'
  return {
    year: get('year'),
    month: get('month'),
    day: get('day'),
    hour: get('hour'),
    minute: get('minute'),
    second: get('second'),
  }
}

/** Milliseconds the zone is ahead of UTC at the given instant. */
export function zoneOffset(instant: Date, timeZone: string): number {
  const { year, month, day, hour, minute, second } = wallClock(instant, timeZone)
  const asUtc = Date.UTC(+year, +month - 1, +day, +hour, +minute, +second)
  return asUtc - Math.floor(instant.getTime() / 1000) * 1000
}

/** The instant at which the wall-clock time y-m-d h:min happens in the zone. */
export function zonedTime(
  year: number,
  month: number,
  day: number,
  hour: number,
  minute: number,
  timeZone: string,
): Date {
  const guess = Date.UTC(year, month - 1, day, hour, minute)
  let instant = guess - zoneOffset(new Date(guess), timeZone)
  // Once more, in case the offset differs at the corrected instant (a DST change in between).
  instant = guess - zoneOffset(new Date(instant), timeZone)
  return new Date(instant)
}

/** [start, end) of a year, or of one month of it, in the zone. */
export function zonedRange(year: number, month: number | undefined, timeZone: string): { start: Date; end: Date } {
  if (month === undefined)
    return { start: zonedTime(year, 1, 1, 0, 0, timeZone), end: zonedTime(year + 1, 1, 1, 0, 0, timeZone) }
  const next = month === 12 ? { y: year + 1, m: 1 } : { y: year, m: month + 1 }
  return { start: zonedTime(year, month, 1, 0, 0, timeZone), end: zonedTime(next.y, next.m, 1, 0, 0, timeZone) }
}

/** Year and month (1–12) of an instant, as seen in the zone. */
export function zonedYearMonth(instant: Date, timeZone: string): { year: number; month: number } {
  const shifted = new Date(instant.getTime() + zoneOffset(instant, timeZone))
  return { year: shifted.getUTCFullYear(), month: shifted.getUTCMonth() + 1 }
}
