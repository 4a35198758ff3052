'use server'
// The admin's actions on the blog's fediverse account (Admin → Fediverse), each checking the ADMIN role itself:
// followers (accept or reject a waiting follow, remove, block), blocks of accounts and instances (add, remove,
// import Mastodon's CSV), reports (dismiss), dead instances (try again now), and moving the account elsewhere.
// Followers' servers are told what concerns them: Accept or Reject of their Follow, and Move.
import { z } from 'zod'
import { parse as parseCsv } from 'csv-parse/sync'
import { refresh } from 'next/cache'
import type { Context } from '@fedify/fedify'
import { Accept, Follow, Move, Reject, isActor, type Actor } from '@fedify/vocab'
import { requireRole } from '@/lib/auth/session'
import { formAction } from '@/lib/auth/form-action'
import { InvalidInputError } from '@/lib/errors'
import { db } from '@/lib/db'
import { expireTags } from '@/lib/cache'
import { isOwnAddress, settingsSchema } from '@/lib/settings/schema'
import { storeSettings } from '@/lib/settings/store'
import type { FormState } from '@/lib/form-state'
import { siteContext } from './federation'
import { acceptOf } from './inbox'
import { addBlock, normalDomain, parseDomainBlocksCsv, removeBlock } from './blocks'
import { noteReachable } from './instances'
import { BLOG_ACTOR } from './paths'
import { keptUrl } from './urls'

const CALLBACK = '/admin/fediverse'
const id = z.string().min(1).max(40)

type FollowerRow = { id: string; actor: string; remoteId: string; inbox: string; followId: string | null }

/** The follower's Follow as it was sent (its id kept), for the Accept or Reject that answers it. */
const followOf = (ctx: Context<void>, follower: FollowerRow) =>
  new Follow({
    id: follower.followId ? new URL(follower.followId) : null,
    actor: new URL(follower.remoteId),
    object: ctx.getActorUri(follower.actor),
  })

/** Sends the follower (at its own inbox) the answer to its Follow; never throws (the caller's write stands). */
async function answerFollow(ctx: Context<void>, follower: FollowerRow, answer: Accept | Reject): Promise<void> {
  await ctx
    .sendActivity(
      { identifier: follower.actor },
      { id: new URL(follower.remoteId), inboxId: new URL(follower.inbox), endpoints: null },
      answer,
    )
    .catch((error: unknown) =>
      console.error(`daisy: the ${answer instanceof Accept ? 'Accept' : 'Reject'} could not be queued`, error),
    )
}

/** A Reject of the follower's Follow: what Mastodon sends when an account removes or refuses a follower. */
async function sendReject(follower: FollowerRow): Promise<void> {
  const ctx = await siteContext()
  const followed = ctx.getActorUri(follower.actor)
  await answerFollow(
    ctx,
    follower,
    new Reject({
      id: new URL(`#reject-${follower.id}-${Date.now()}`, followed),
      actor: followed,
      object: followOf(ctx, follower),
    }),
  )
}

/** Removes a follower (or refuses a waiting one): its server is sent a Reject. */
export async function removeFollower(followerId: string): Promise<void> {
  await requireRole('ADMIN', CALLBACK)
  const follower = await db.follower.findUnique({ where: { id: id.parse(followerId) } })
  if (follower) {
    await db.follower.delete({ where: { id: follower.id } })
    await sendReject(follower)
  }
  refresh()
}

/** Accepts a waiting follow (Settings → Approve followers): its server is sent the Accept it waits for. */
export async function acceptFollower(followerId: string): Promise<void> {
  await requireRole('ADMIN', CALLBACK)
  const follower = await db.follower.findUnique({ where: { id: id.parse(followerId) } })
  if (follower && follower.status !== 'ACCEPTED') {
    await db.follower.update({ where: { id: follower.id }, data: { status: 'ACCEPTED' } })
    const ctx = await siteContext()
    await answerFollow(ctx, follower, acceptOf(ctx, follower.actor, followOf(ctx, follower)))
  }
  refresh()
}

/** Blocks a follower's account: it follows no more (told with a Reject) and what it said here is hidden. */
export async function blockFollower(followerId: string): Promise<void> {
  await requireRole('ADMIN', CALLBACK)
  const follower = await db.follower.findUnique({ where: { id: id.parse(followerId) } })
  if (follower)
    await blockAndTell({ kind: 'ACCOUNT', value: follower.remoteId, reason: 'Blocked from the followers list' })
  refresh()
}

async function blockAndTell(input: Parameters<typeof addBlock>[0]) {
  const effect = await addBlock(input)
  expireTags(effect.touched)
  // An account blocked is told it no longer follows (as Mastodon does); an instance blocked is told nothing.
  if (input.kind === 'ACCOUNT') for (const follower of effect.followers) await sendReject(follower)
  return effect
}

const blockSchema = z.object({
  target: z.string().trim().min(1, 'Enter an account (@name@host or its address) or a domain.').max(500),
  reason: z.string().trim().max(500, 'At most 500 characters.').default(''),
})

/**
 * An account as the admin types it: @name@host (looked up by WebFinger) or its actor address, fetched from its
 * server through the safe fetcher; a clear error beside the field when nothing answers.
 */
async function lookUpAccount(ctx: Context<void>, text: string): Promise<{ actor: Actor; id: string }> {
  const found = await ctx.lookupObject(text.replace(/^@/, '')).catch(() => null)
  const id = found && isActor(found) ? keptUrl(found.id) : null
  if (!found || !isActor(found) || !id)
    throw new InvalidInputError(`No fediverse account answers at ${text.slice(0, 100)}.`, 'target')
  return { actor: found, id }
}

/** Blocks what the admin typed: `@name@host` or `https://host/users/name` is an account, `host.example` an instance. */
export const blockTarget = formAction(
  { role: 'ADMIN', callbackUrl: CALLBACK, schema: blockSchema, invalid: 'Nothing was blocked: see below.' },
  async ({ data }): Promise<FormState> => {
    const text = data.target
    const isAccount = /^@?[^@\s/]+@[^@\s/]+$/.test(text) || /^https?:\/\/[^/]+\/./.test(text)
    const value = isAccount ? (await lookUpAccount(await siteContext(), text)).id : normalDomain(text)
    if (!value) throw new InvalidInputError('That is neither an account nor a domain.', 'target')
    const kind = isAccount ? 'ACCOUNT' : 'DOMAIN'
    const effect = await blockAndTell({ kind, value, reason: data.reason })
    refresh()
    return {
      ok: true,
      message: `Blocked ${kind === 'ACCOUNT' ? 'the account' : 'the instance'} ${value}: ${effect.followers.length} follower(s) removed, ${effect.hidden} response(s) hidden, ${effect.reactions} like(s) or boost(s) removed.`,
    }
  },
)

export async function unblock(blockId: string): Promise<void> {
  await requireRole('ADMIN', CALLBACK)
  await removeBlock(id.parse(blockId))
  refresh()
}

/** The largest blocklist accepted: Mastodon's biggest shared lists are a few thousand domains. */
const MAX_CSV_BYTES = 1024 * 1024

/** Imports Mastodon's domain_blocks.csv (or a plain list of domains, one a line). */
export const importBlocklist = formAction(
  { role: 'ADMIN', callbackUrl: CALLBACK, keep: () => undefined },
  async ({ formData }): Promise<FormState> => {
    const file = formData.get('file')
    if (!(file instanceof File) || file.size === 0) throw new InvalidInputError('Choose a CSV file.', 'file')
    if (file.size > MAX_CSV_BYTES) throw new InvalidInputError('The file is larger than 1 MB.', 'file')
    let rows: string[][]
    try {
      rows = parseCsv(await file.text(), { relax_column_count: true, skip_empty_lines: true, bom: true })
    } catch (error) {
      throw new InvalidInputError(`This is not a CSV file: ${(error as Error).message.slice(0, 200)}`, 'file')
    }
    let parsed
    try {
      parsed = parseDomainBlocksCsv(rows)
    } catch (error) {
      throw new InvalidInputError((error as Error).message, 'file')
    }
    let followers = 0
    let hidden = 0
    for (const { domain, reason } of parsed.domains) {
      const effect = await addBlock({ kind: 'DOMAIN', value: domain, reason })
      expireTags(effect.touched)
      followers += effect.followers.length
      hidden += effect.hidden
    }
    refresh()
    return {
      ok: true,
      message: `Imported ${parsed.domains.length} domain block(s)${parsed.skipped ? ` (${parsed.skipped} row(s) skipped: obfuscated or no-op)` : ''}: ${followers} follower(s) removed, ${hidden} response(s) hidden.`,
    }
  },
)

export async function dismissReport(reportId: string): Promise<void> {
  await requireRole('ADMIN', '/admin/comments')
  await db.report.updateMany({ where: { id: id.parse(reportId), resolvedAt: null }, data: { resolvedAt: new Date() } })
  refresh()
}

/** A dead instance tried again now, without waiting for the daily knock. */
export async function retryInstance(host: string): Promise<void> {
  await requireRole('ADMIN', CALLBACK)
  const row = await db.instance.findUnique({ where: { host: z.string().max(300).parse(host) } })
  if (row) await noteReachable(row.origin)
  refresh()
}

const moveSchema = z.object({
  target: z.string().trim().min(3, 'Enter the new account: @name@host or its address.').max(500),
  // The blog's new address, when the blog moves with its account: its pages here redirect there.
  pagesTo: settingsSchema.shape.siteMovedTo,
})

/**
 * Moves the blog's account to another one (a new domain, another server): the new account must already name
 * this one in its "also known as" (Mastodon: Account settings → Moving from a different account; Daisy: Settings
 * → Moving here from another account). Then this account says movedTo, and every follower's server is sent a
 * Move, on which Mastodon makes its users follow the new account instead.
 */
export const moveAccount = formAction(
  { role: 'ADMIN', callbackUrl: CALLBACK, schema: moveSchema, invalid: 'The account was not moved: see below.' },
  async ({ data }): Promise<FormState> => {
    const ctx = await siteContext()
    const me = ctx.getActorUri(BLOG_ACTOR)
    const { actor: target, id: targetId } = await lookUpAccount(ctx, data.target)
    if (targetId === me.href) throw new InvalidInputError('That is this account.', 'target')
    if (!target.aliasIds.some((alias) => alias.href === me.href))
      throw new InvalidInputError(
        `The new account does not name this one (${me.href}) in its “also known as” yet: add it there first.`,
        'target',
      )
    if (data.pagesTo && isOwnAddress(data.pagesTo, ctx.canonicalOrigin))
      throw new InvalidInputError('That is this blog’s own address: pages would redirect to themselves.', 'pagesTo')
    await storeSettings(
      data.pagesTo ? { fediverseMovedTo: targetId, siteMovedTo: data.pagesTo } : { fediverseMovedTo: targetId },
    )
    const followers = await db.follower.count({ where: { actor: BLOG_ACTOR, status: 'ACCEPTED' } })
    await ctx.sendActivity(
      { identifier: BLOG_ACTOR },
      'followers',
      new Move({ id: new URL(`#move-${Date.now()}`, me), actor: me, object: me, target: new URL(targetId) }),
      { preferSharedInbox: true },
    )
    refresh()
    const pages = data.pagesTo ? ` The blog’s pages now redirect to ${data.pagesTo}.` : ''
    return { ok: true, message: `Moved to ${targetId}: ${followers} follower(s) told.${pages}` }
  },
)

/**
 * Takes a move back: the account no longer says movedTo and the pages no longer redirect (followers who moved
 * stay with the new account).
 */
export async function cancelMove(): Promise<void> {
  await requireRole('ADMIN', CALLBACK)
  await storeSettings({ fediverseMovedTo: '', siteMovedTo: '' })
  refresh()
}
