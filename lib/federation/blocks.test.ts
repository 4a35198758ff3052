// Blocks on the real database (SQLite here, PostgreSQL in the second run), and Mastodon's domain-block CSV.
import { describe, expect, it } from 'vitest'
import { parse } from 'csv-parse/sync'
import { db } from '@/lib/db'
import { makePost, makeUser, unique } from '@/lib/test/fixtures'
import { decide } from '@/lib/comments/moderation'
import { defaultSettings } from '@/lib/settings/schema'
import {
  addBlock,
  blockFor,
  blockedDomains,
  domainBlocksCsv,
  domainsOf,
  normalDomain,
  parseDomainBlocksCsv,
  removeBlock,
} from './blocks'

const csvRows = (text: string) => parse(text, { relax_column_count: true, skip_empty_lines: true }) as string[][]

describe('domains as blocks name them', () => {
  it('keeps the host of what an admin pastes, and refuses what is not one', () => {
    expect(normalDomain('Mastodon.Example.')).toBe('mastodon.example')
    expect(normalDomain('https://spam.example:8443/about')).toBe('spam.example')
    expect(normalDomain('127.0.0.10')).toBe('127.0.0.10')
    expect(normalDomain('not a domain')).toBeNull()
    expect(normalDomain('localhost')).toBeNull()
    expect(normalDomain('')).toBeNull()
  })

  it('matches a host and every domain above it', () => {
    expect(domainsOf('a.b.example.com')).toEqual(['a.b.example.com', 'b.example.com', 'example.com'])
  })
})

describe("Mastodon's domain_blocks.csv", () => {
  it('reads an export with its header, skipping no-op and obfuscated rows, and keeping the public comment', () => {
    const { domains, skipped } = parseDomainBlocksCsv(
      csvRows(
        '#domain,#severity,#reject_media,#reject_reports,#public_comment,#obfuscate\n' +
          'spam.example,suspend,true,true,"Spam, lots",false\n' +
          'loud.example,silence,false,false,,false\n' +
          'fine.example,noop,false,false,,false\n' +
          'b*d.example,suspend,true,true,,true\n',
      ),
    )
    expect(domains).toEqual([
      { domain: 'spam.example', reason: 'Spam, lots' },
      { domain: 'loud.example', reason: '' },
    ])
    expect(skipped).toBe(2)
  })

  it('reads a plain list of domains, and names the line of anything else', () => {
    expect(parseDomainBlocksCsv(csvRows('one.example\ntwo.example\n')).domains.map((d) => d.domain)).toEqual([
      'one.example',
      'two.example',
    ])
    expect(() => parseDomainBlocksCsv(csvRows('one.example\n<script>\n'))).toThrow(
      'Line 2: “<script>” is not a domain.',
    )
  })

  it('writes what it reads back', () => {
    const csv = domainBlocksCsv([{ value: 'spam.example', reason: 'Spam, "lots"' }])
    expect(csv).toBe(
      '#domain,#severity,#reject_media,#reject_reports,#public_comment,#obfuscate\n' +
        'spam.example,suspend,true,true,"Spam, ""lots""",false\n',
    )
    expect(parseDomainBlocksCsv(csvRows(csv)).domains).toEqual([{ domain: 'spam.example', reason: 'Spam, "lots"' }])
  })
})

describe('a block and what it does', () => {
  it('finds an account block or a block of its instance (or a domain above it)', async () => {
    const host = `inst${unique()}.example`
    await addBlock({ kind: 'DOMAIN', value: host, reason: 'spam' })
    expect(await blockFor(`https://social.${host}/users/a`)).toMatchObject({ kind: 'DOMAIN', value: host })
    expect(await blockFor(`https://not-${host}/users/a`)).toBeNull()
    const account = `https://other-${host}/users/b`
    await addBlock({ kind: 'ACCOUNT', value: account, reason: '' })
    expect(await blockFor(account)).toMatchObject({ kind: 'ACCOUNT' })
    expect(await blockFor(`https://other-${host}/users/c`)).toBeNull()
    expect(await blockedDomains()).toContain(host)
  })

  it('removes followers and reactions there and hides its replies and linkbacks, leaving the rest', async () => {
    const host = `gone${unique()}.example`
    const actor = `https://${host}/users/x`
    const user = await makeUser()
    const post = await makePost(user.id)
    await db.follower.createMany({
      data: [
        { actor: 'blog', remoteId: actor, inbox: `${actor}/inbox`, handle: `@x@${host}`, name: 'X' },
        {
          actor: 'blog',
          remoteId: 'https://kept.example/users/y',
          inbox: 'https://kept.example/inbox',
          handle: '@y@kept.example',
          name: 'Y',
        },
      ],
    })
    await db.reaction.create({
      data: {
        postId: post.id,
        kind: 'LIKE',
        activityId: `${actor}#like-${host}`,
        actorId: actor,
        actorName: 'X',
        actorHandle: `@x@${host}`,
      },
    })
    const reply = await db.comment.create({
      data: {
        postId: post.id,
        authorName: 'X',
        content: 'hi',
        html: '<p>hi</p>',
        status: 'APPROVED',
        remoteId: `${actor}/1`,
        remoteActorId: actor,
      },
    })
    const ping = await db.comment.create({
      data: {
        postId: post.id,
        kind: 'PINGBACK',
        authorName: 'Blog',
        content: 'links',
        html: 'links',
        status: 'APPROVED',
        sourceUrl: `https://blog.${host}/p`,
      },
    })
    const effect = await addBlock({ kind: 'DOMAIN', value: host, reason: '' })
    expect(effect.followers.map((f) => f.remoteId)).toEqual([actor])
    expect(effect).toMatchObject({ hidden: 2, reactions: 1 })
    expect(await db.follower.count({ where: { remoteId: 'https://kept.example/users/y' } })).toBe(1)
    expect(await db.reaction.count({ where: { actorId: actor } })).toBe(0)
    const statuses = await db.comment.findMany({
      where: { id: { in: [reply.id, ping.id] } },
      select: { status: true, reason: true },
    })
    expect(statuses).toEqual([
      { status: 'SPAM', reason: `Hidden: the instance ${host} is blocked` },
      { status: 'SPAM', reason: `Hidden: the instance ${host} is blocked` },
    ])
    const block = await db.block.findUniqueOrThrow({ where: { value: host } })
    await removeBlock(block.id)
    expect(await blockFor(actor)).toBeNull()
  })

  it('makes the moderation policy refuse a blocked instance’s comments and linkbacks, not mere links to it', () => {
    const settings = { ...defaultSettings, blockedDomains: ['spam.example'] }
    expect(
      decide({ kind: 'WEBMENTION', authorName: 'S', content: 'x', sourceUrl: 'https://www.spam.example/p' }, settings, {
        approvedBefore: true,
      }),
    ).toEqual({ status: 'SPAM', reason: 'From a blocked instance: spam.example' })
    expect(
      decide({ kind: 'COMMENT', authorName: 'S', authorEmail: 'me@spam.example', content: 'x' }, settings, {
        approvedBefore: true,
      }).status,
    ).toBe('SPAM')
    expect(
      decide({ kind: 'COMMENT', authorName: 'S', content: 'see https://spam.example/' }, settings, {
        approvedBefore: true,
      }).status,
    ).toBe('APPROVED')
  })
})
