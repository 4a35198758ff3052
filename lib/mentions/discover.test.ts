import { describe, expect, it } from 'vitest'
import { discoverEndpoints, extractLinks, parseLinkHeader } from './discover'

const page = 'https://webmention.rocks/test/1'
const html = (head: string, body = '') => `<!doctype html><html><head>${head}</head><body>${body}</body></html>`
const find = (headers: Record<string, string>, body = html('')) =>
  discoverEndpoints({ url: page, headers: { 'content-type': 'text/html', ...headers }, body })

// The cases follow webmention.rocks's discovery tests.
describe('discoverEndpoints: webmention', () => {
  it('1: HTTP Link header, relative URL', () =>
    expect(find({ link: '</test/1/webmention?head=true>; rel=webmention' }).webmention).toBe(
      'https://webmention.rocks/test/1/webmention?head=true',
    ))
  it('2: HTTP Link header, absolute URL', () =>
    expect(find({ link: '<https://webmention.rocks/test/2/webmention>; rel=webmention' }).webmention).toBe(
      'https://webmention.rocks/test/2/webmention',
    ))
  it('3: <link>, relative URL', () =>
    expect(find({}, html('<link rel="webmention" href="/test/3/webmention">')).webmention).toBe(
      'https://webmention.rocks/test/3/webmention',
    ))
  it('5: <a>, relative URL', () =>
    expect(find({}, html('', '<a rel="webmention" href="/test/5/webmention">x</a>')).webmention).toBe(
      'https://webmention.rocks/test/5/webmention',
    ))
  it('7: header with strange casing', () =>
    expect(find({ link: '<https://webmention.rocks/test/7/webmention>; rel=WebMention' }).webmention).toBe(
      'https://webmention.rocks/test/7/webmention',
    ))
  it('8: quoted rel value', () =>
    expect(find({ link: '<https://webmention.rocks/test/8/webmention>; rel="webmention"' }).webmention).toBe(
      'https://webmention.rocks/test/8/webmention',
    ))
  it('9: multiple rel values on a <link>', () =>
    expect(find({}, html('<link rel="webmention somethingelse" href="/test/9/webmention">')).webmention).toBe(
      'https://webmention.rocks/test/9/webmention',
    ))
  it('10: multiple rel values in the header', () =>
    expect(
      find({ link: '<https://webmention.rocks/test/10/webmention>; rel="webmention somethingelse"' }).webmention,
    ).toBe('https://webmention.rocks/test/10/webmention'))
  it('11: header first, then <link>, then <a>', () =>
    expect(
      find(
        { link: '</test/11/webmention-header>; rel=webmention' },
        html('<link rel="webmention" href="/x">', '<a rel="webmention" href="/y">y</a>'),
      ).webmention,
    ).toBe('https://webmention.rocks/test/11/webmention-header'))
  it('12: rel=not-webmention is not it', () =>
    expect(
      find({}, html('<link rel="not-webmention" href="/no"><link rel="webmention" href="/test/12/webmention">'))
        .webmention,
    ).toBe('https://webmention.rocks/test/12/webmention'))
  it('13: an endpoint inside an HTML comment does not count', () =>
    expect(
      find({}, html('<!-- <link rel="webmention" href="/no"> --><link rel="webmention" href="/test/13/webmention">'))
        .webmention,
    ).toBe('https://webmention.rocks/test/13/webmention'))
  it('15: an empty href is the page itself', () =>
    expect(find({}, html('<link rel="webmention" href="">')).webmention).toBe(page))
  it('16: <a> before <link> in document order wins', () =>
    expect(
      find({}, html('', '<a rel="webmention" href="/test/16/webmention">a</a><link rel="webmention" href="/later">'))
        .webmention,
    ).toBe('https://webmention.rocks/test/16/webmention'))
  it('17: the query string is kept', () =>
    expect(find({}, html('<link rel="webmention" href="/test/17/webmention?query=yes">')).webmention).toBe(
      'https://webmention.rocks/test/17/webmention?query=yes',
    ))
  it('18: several Link headers', () =>
    expect(
      find({
        link: '<https://webmention.rocks/test/18/error>; rel="other", <https://webmention.rocks/test/18/webmention>; rel="webmention"',
      }).webmention,
    ).toBe('https://webmention.rocks/test/18/webmention'))
  it('none at all', () => expect(find({}).webmention).toBeUndefined())
})

describe('discoverEndpoints: pingback', () => {
  it('reads X-Pingback, then <link rel="pingback">', () => {
    expect(find({ 'x-pingback': 'https://wp.example/xmlrpc.php' }).pingback).toBe('https://wp.example/xmlrpc.php')
    expect(find({}, html('<link rel="pingback" href="https://wp.example/xmlrpc.php">')).pingback).toBe(
      'https://wp.example/xmlrpc.php',
    )
  })
})

describe('parseLinkHeader and extractLinks', () => {
  it('splits Link headers', () => {
    expect(parseLinkHeader('<a>; rel="x y", <b>; rel=z')).toEqual([
      { url: 'a', rels: ['x', 'y'] },
      { url: 'b', rels: ['z'] },
    ])
  })
  it('finds a post’s outgoing links, once each, absolute', () => {
    expect(
      extractLinks(
        '<p><a href="https://a.example/x#y">a</a> <a href="/local">b</a> <a href="mailto:x@y.z">c</a> <a href="https://a.example/x">again</a></p>',
        'https://blog.example/posts/p',
      ),
    ).toEqual(['https://a.example/x', 'https://blog.example/local'])
  })
})
