import { describe, expect, it } from 'vitest'
import { FEDERATION_ROUTE, federationPath, wantsActivity } from './paths'

describe('content negotiation in the front door', () => {
  it('takes what Mastodon, Misskey and Fedify send as a request for ActivityPub', () => {
    expect(wantsActivity('application/activity+json')).toBe(true)
    expect(
      wantsActivity('application/activity+json, application/ld+json; profile="https://www.w3.org/ns/activitystreams"'),
    ).toBe(true)
    expect(wantsActivity('application/ld+json; profile="https://www.w3.org/ns/activitystreams"')).toBe(true)
    expect(wantsActivity('application/activity+json, text/html;q=0.1')).toBe(true)
    expect(wantsActivity('text/html, application/activity+json')).toBe(false)
  })

  it('leaves browsers, feed readers and bots on the page', () => {
    expect(wantsActivity('text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8')).toBe(false)
    expect(wantsActivity('*/*')).toBe(false)
    expect(wantsActivity(undefined)).toBe(false)
    expect(wantsActivity('text/html, application/activity+json;q=0.5')).toBe(false)
    expect(wantsActivity('application/activity+json;q=0')).toBe(false)
    expect(wantsActivity(`${'a,'.repeat(600)}application/activity+json`)).toBe(false)
  })

  it('sends the fediverse’s addresses to the federation route, and a post only when asked for ActivityPub', () => {
    const ap = 'application/activity+json'
    expect(federationPath('GET', '/.well-known/webfinger?resource=acct:blog@example.com', undefined)).toBe(
      `${FEDERATION_ROUTE}/.well-known/webfinger?resource=acct:blog@example.com`,
    )
    expect(federationPath('POST', '/fediverse/inbox', undefined)).toBe(`${FEDERATION_ROUTE}/fediverse/inbox`)
    expect(federationPath('GET', '/posts/hello', ap)).toBe(`${FEDERATION_ROUTE}/posts/hello`)
    expect(federationPath('GET', '/posts/hello', 'text/html')).toBeNull()
    expect(federationPath('POST', '/posts/hello', ap)).toBeNull()
    expect(federationPath('GET', '/posts/hello/opengraph-image', ap)).toBeNull()
    expect(federationPath('GET', '/fediversity', undefined)).toBeNull()
    expect(federationPath('GET', '/', ap)).toBeNull()
  })
})
