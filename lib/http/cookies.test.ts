// Daisy's own cookies (the commenter's, the held comments', the device and unlock cookies) get Secure when the
// blog is served over https, and only then (a browser drops a Secure cookie set over plain http).
import { afterEach, describe, expect, it, vi } from 'vitest'

const saved = { SITE_URL: process.env.SITE_URL, NEXTAUTH_URL: process.env.NEXTAUTH_URL }
afterEach(() => {
  for (const [name, value] of Object.entries(saved))
    if (value === undefined) delete process.env[name]
    else process.env[name] = value
  vi.resetModules()
})

/** cookieOptions as a process started with this public address has it (lib/env.ts reads the environment once). */
async function optionsUnder(siteUrl: string) {
  process.env.SITE_URL = siteUrl
  vi.resetModules()
  return (await import('./cookies')).cookieOptions
}

describe('cookieOptions', () => {
  it('marks cookies Secure on an https blog, HttpOnly unless a script reads them, SameSite=Lax', async () => {
    const cookieOptions = await optionsUnder('https://blog.example')
    expect(cookieOptions(60)).toEqual({ httpOnly: true, sameSite: 'lax', secure: true, path: '/', maxAge: 60 })
    expect(cookieOptions(60, { readByScript: true })).toMatchObject({ httpOnly: false, secure: true })
  })
  it('leaves Secure off on a plain http blog (a laptop, a test server)', async () => {
    const cookieOptions = await optionsUnder('http://localhost:3000')
    expect(cookieOptions(60).secure).toBe(false)
  })
})
