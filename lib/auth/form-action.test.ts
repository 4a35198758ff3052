import { beforeEach, describe, expect, it, vi } from 'vitest'
import { z } from 'zod'
import { ConflictError, ForbiddenError } from '@/lib/errors'
import type { FormState } from '@/lib/form-state'
import { formAction, parseForm } from './form-action'
import type { CurrentUser } from './session'

// The session needs a request; here it is whoever the test says is signed in.
const session = vi.hoisted(() => ({ user: null as CurrentUser | null }))
vi.mock('./session', () => ({
  requireUser: async () => {
    if (!session.user) throw new Error('redirect to sign-in')
    return session.user
  },
}))

const form = (fields: Record<string, string>) => {
  const data = new FormData()
  for (const [key, value] of Object.entries(fields)) data.set(key, value)
  return data
}
const titleSchema = z.object({ title: z.string().trim().min(1, 'Enter a title') })

describe('parseForm', () => {
  it('returns the parsed data', () => {
    expect(parseForm({ schema: titleSchema }, form({ title: ' Hello ' }), {})).toEqual({
      ok: true,
      data: { title: 'Hello' },
    })
  })
  it('returns field errors with the values kept and the summary', () => {
    const result = parseForm({ schema: titleSchema, invalid: 'Nothing was saved.' }, form({ title: ' ' }), {
      title: ' ',
    })
    expect(result).toEqual({
      ok: false,
      state: { ok: false, errors: { title: ['Enter a title'] }, values: { title: ' ' }, message: 'Nothing was saved.' },
    })
  })
  it('reads what `input` makes of the form (checkboxes, files)', () => {
    const schema = z.object({ open: z.boolean() })
    const result = parseForm({ schema, input: (values) => ({ open: values.open === 'on' }) }, form({}), {})
    expect(result).toEqual({ ok: true, data: { open: false } })
  })
  it('leaves out Next’s own $ACTION fields', () => {
    expect(parseForm({}, form({ $ACTION_ID_1: 'x', name: 'n' }), {})).toEqual({ ok: true, data: { name: 'n' } })
  })
})

describe('formAction', () => {
  beforeEach(() => {
    session.user = null
  })
  const admin: CurrentUser = { id: 'a', email: 'a@example.com', name: 'Admin', role: 'ADMIN' }
  const author: CurrentUser = { id: 'b', email: 'b@example.com', name: 'Author', role: 'AUTHOR' }

  const rename = formAction(
    { role: 'ADMIN', schema: titleSchema, invalid: 'Nothing was saved.' },
    async ({ user, data }, id: string): Promise<FormState> => {
      if (data.title === 'taken') throw new ConflictError('Another post has this title', 'title')
      if (data.title === 'bug') throw new TypeError('bug')
      return { ok: true, message: `${user.name} renamed ${id} to ${data.title}.` }
    },
  )

  it('runs with the user, the parsed data and the bound arguments', async () => {
    session.user = admin
    expect(await rename('p1', {}, form({ title: 'New' }))).toEqual({ ok: true, message: 'Admin renamed p1 to New.' })
  })
  it('refuses the wrong role with the form’s message, keeping what was typed', async () => {
    session.user = author
    expect(await rename('p1', {}, form({ title: 'New' }))).toEqual({
      ok: false,
      message: new ForbiddenError().message,
      errors: { form: [new ForbiddenError().message] },
      values: { title: 'New' },
    })
  })
  it('shows field errors without running', async () => {
    session.user = admin
    const state = await rename('p1', {}, form({ title: '' }))
    expect(state).toMatchObject({ ok: false, errors: { title: ['Enter a title'] }, message: 'Nothing was saved.' })
  })
  it('turns a typed error from the write into the form state', async () => {
    session.user = admin
    expect(await rename('p1', {}, form({ title: 'taken' }))).toEqual({
      ok: false,
      message: 'Nothing was saved.',
      errors: { title: ['Another post has this title'] },
      values: { title: 'taken' },
    })
  })
  it('throws anything else on (error.tsx), and sends nobody to sign in', async () => {
    session.user = admin
    await expect(rename('p1', {}, form({ title: 'bug' }))).rejects.toThrow(TypeError)
    session.user = null
    await expect(rename('p1', {}, form({ title: 'New' }))).rejects.toThrow('redirect to sign-in')
  })
  it('asks no session of a public form, and keeps only what it is told to', async () => {
    const unlock = formAction(
      { role: 'ANYONE', schema: z.object({ password: z.string().min(1, 'Enter the password.') }), keep: () => ({}) },
      async ({ user }): Promise<FormState> => {
        if (user !== null) throw new Error('a public form has no user')
        throw new ForbiddenError('That password is not right.')
      },
    )
    expect(await unlock({}, form({ password: 'guess' }))).toEqual({
      ok: false,
      message: 'That password is not right.',
      errors: { form: ['That password is not right.'] },
      values: {},
    })
  })
})
