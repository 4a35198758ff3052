import { describe, expect, it } from 'vitest'
import { countLinks, decide, matchList, parseList, type Candidate, type PolicySettings } from './moderation'

const settings: PolicySettings = {
  moderateAll: false,
  holdFirstTimeCommenters: true,
  maxLinks: 2,
  blocklist: '',
  holdlist: '',
}
const comment: Candidate = {
  kind: 'COMMENT',
  authorName: 'Ed',
  authorEmail: 'ed@example.com',
  content: 'Great post, thanks.',
  ip: '198.51.100.7',
}
const regular = { approvedBefore: true }

describe('decide', () => {
  it('approves a known commenter and says why', () => {
    expect(decide(comment, settings, regular)).toEqual({
      status: 'APPROVED',
      reason: 'Approved automatically: an earlier comment was approved',
    })
  })
  it('holds a first-time commenter when the setting is on, approves when it is off', () => {
    expect(decide(comment, settings, { approvedBefore: false })).toEqual({
      status: 'PENDING',
      reason: 'First comment from this email address',
    })
    expect(decide(comment, { ...settings, holdFirstTimeCommenters: false }, { approvedBefore: false })).toEqual({
      status: 'APPROVED',
      reason: 'Approved automatically: passed every check',
    })
  })
  it('judges a post from the fediverse by its account, with the comment rules (links, lists, spam)', () => {
    const reply: Candidate = {
      kind: 'FEDIVERSE',
      authorName: 'Ana',
      authorUrl: 'https://social.example/@ana',
      content: 'Read this from Mastodon.',
      sourceUrl: 'https://social.example/@ana/1',
    }
    expect(decide(reply, settings, { approvedBefore: false })).toEqual({
      status: 'PENDING',
      reason: 'First post from this fediverse account',
    })
    expect(decide(reply, settings, regular)).toEqual({
      status: 'APPROVED',
      reason: 'Approved automatically: an earlier fediverse post was approved',
    })
    const links = { ...reply, content: 'https://a.example https://b.example https://c.example' }
    expect(decide(links, settings, regular)).toEqual({ status: 'PENDING', reason: 'Has 3 links (more than 2)' })
    expect(decide(reply, { ...settings, blocklist: 'social.example' }, regular).status).toBe('SPAM')
  })

  it('holds everything when moderating all', () => {
    expect(decide(comment, { ...settings, moderateAll: true }, regular)).toEqual({
      status: 'PENDING',
      reason: 'Every comment waits for moderation (settings)',
    })
  })
  it('holds comments with more links than allowed', () => {
    const linky = { ...comment, content: 'see https://a.example and https://b.example and www.c.example' }
    expect(decide(linky, settings, regular)).toEqual({ status: 'PENDING', reason: 'Has 3 links (more than 2)' })
    expect(decide(linky, { ...settings, maxLinks: 3 }, regular).status).toBe('APPROVED')
  })
  it('sends block-list matches to spam: words, emails, IPs, IP prefixes and domains', () => {
    expect(
      decide({ ...comment, content: 'Cheap CASINO bonus' }, { ...settings, blocklist: 'casino' }, regular),
    ).toEqual({
      status: 'SPAM',
      reason: 'Matches the block list: the word “casino”',
    })
    expect(decide(comment, { ...settings, blocklist: '# spammers\ned@example.com' }, regular).reason).toBe(
      'Matches the block list: the email ed@example.com',
    )
    expect(decide(comment, { ...settings, blocklist: '198.51.100.7' }, regular).reason).toBe(
      'Matches the block list: the IP address 198.51.100.7',
    )
    expect(decide(comment, { ...settings, blocklist: '198.51.100.' }, regular).reason).toBe(
      'Matches the block list: the IP address 198.51.100.',
    )
    expect(
      decide(
        { ...comment, authorUrl: 'https://shop.spam.example/x' },
        { ...settings, blocklist: 'spam.example' },
        regular,
      ).reason,
    ).toBe('Matches the block list: the domain spam.example')
    // A word must match as a word: "class" is not "ass".
    expect(decide({ ...comment, content: 'A classic' }, { ...settings, blocklist: 'ass' }, regular).status).toBe(
      'APPROVED',
    )
  })
  it('sends hold-list matches to the queue, even from regulars', () => {
    expect(decide({ ...comment, content: 'about crypto' }, { ...settings, holdlist: 'crypto' }, regular)).toEqual({
      status: 'PENDING',
      reason: 'Matches the hold list: the word “crypto”',
    })
  })
  it('block list wins over hold list, and over being a site user', () => {
    const both = { ...settings, blocklist: 'casino', holdlist: 'casino' }
    expect(decide({ ...comment, content: 'casino' }, both, { approvedBefore: true, isSiteUser: true }).status).toBe(
      'SPAM',
    )
  })
  it('approves signed-in authors of the blog', () => {
    expect(decide(comment, { ...settings, moderateAll: true }, { approvedBefore: false, isSiteUser: true })).toEqual({
      status: 'APPROVED',
      reason: 'Written by a signed-in author of this blog',
    })
  })
  it('catches machine-written content', () => {
    expect(decide({ ...comment, content: '[url=https://x.example]buy[/url]' }, settings, regular).reason).toBe(
      'Looks like spam: forum link markup ([url=…])',
    )
    expect(
      decide({ ...comment, content: 'THIS IS THE BEST OFFER YOU WILL EVER SEE IN YOUR LIFE' }, settings, regular)
        .reason,
    ).toBe('Looks like spam: written in capitals')
    expect(decide({ ...comment, authorName: 'https://cheap.example' }, settings, regular).reason).toBe(
      'Looks like spam: a link as the name',
    )
    expect(
      decide(
        { ...comment, content: Array.from({ length: 12 }, (_, i) => `https://s${i}.example`).join(' ') },
        settings,
        regular,
      ).reason,
    ).toBe('Looks like spam: 12 links')
  })
  it('speaks of linkbacks by their kind and source site', () => {
    const ping: Candidate = {
      kind: 'PINGBACK',
      authorName: 'Other blog',
      content: 'linked here',
      sourceUrl: 'https://other.example/post',
    }
    expect(decide(ping, settings, { approvedBefore: false })).toEqual({
      status: 'PENDING',
      reason: 'First pingback from this site',
    })
    expect(decide(ping, { ...settings, blocklist: 'other.example' }, regular).reason).toBe(
      'Matches the block list: the domain other.example',
    )
    // Link counting is for comments; a mention is about links.
    expect(
      decide({ ...ping, content: 'https://a.example https://b.example https://c.example' }, settings, regular).status,
    ).toBe('APPROVED')
  })
})

describe('list helpers', () => {
  it('parses lists and counts links', () => {
    expect(parseList(' Casino \n\n# note\nx@y.z # inline\n')).toEqual(['casino', 'x@y.z'])
    expect(countLinks('a https://x.example/a?b=1 b www.y.example c')).toBe(2)
    expect(matchList(['sub.example'], { ...comment, content: 'https://a.sub.example/p' })).toBe(
      'the domain sub.example',
    )
  })
})
