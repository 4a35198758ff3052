// The commenter's own cookies: "remember me" (name, email, site) and the ids of their held comments.
import 'server-only'
import { cookies } from 'next/headers'
import { readSignedValue, signValue } from './form-token'

export const COMMENTER_COOKIE = 'daisy_commenter'
const HELD_COOKIE = 'daisy_held'
const YEAR = 365 * 24 * 60 * 60

/** Saved as WordPress does, for the form to fill in next time; cleared when the box is unticked. */
export async function rememberCommenter(remember: boolean, who: { name: string; email: string; url: string }) {
  const jar = await cookies()
  if (remember) jar.set(COMMENTER_COOKIE, JSON.stringify(who), { maxAge: YEAR, sameSite: 'lax', path: '/', httpOnly: false })
  else jar.delete(COMMENTER_COOKIE)
}

export async function addHeldComment(id: string) {
  const jar = await cookies()
  const ids = [...(await heldCommentIds()), id].slice(-20)
  jar.set(HELD_COOKIE, signValue(ids.join(',')), { maxAge: 30 * 24 * 60 * 60, sameSite: 'lax', path: '/', httpOnly: true })
}

/** Only ids this server signed: nobody can read someone else's held comment by guessing ids. */
export async function heldCommentIds(): Promise<string[]> {
  const value = readSignedValue((await cookies()).get(HELD_COOKIE)?.value)
  return value ? value.split(',').filter(Boolean) : []
}
