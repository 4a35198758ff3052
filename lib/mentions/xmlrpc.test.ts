import { describe, expect, it } from 'vitest'
import { faultResponse, methodResponse, parseMethodCall, XmlRpcFault } from './xmlrpc'

const call = (params: string) =>
  `<?xml version="1.0"?><methodCall><methodName>pingback.ping</methodName><params>${params}</params></methodCall>`

describe('parseMethodCall', () => {
  it('reads a pingback call, typed or untyped strings, with entities', () => {
    const parsed = parseMethodCall(
      call(
        '<param><value><string>https://a.example/?x=1&amp;y=2</string></value></param><param><value>https://b.example/</value></param>',
      ),
    )
    expect(parsed).toEqual({
      methodName: 'pingback.ping',
      params: ['https://a.example/?x=1&y=2', 'https://b.example/'],
    })
  })
  it('reads ints, booleans, arrays and structs', () => {
    const parsed = parseMethodCall(
      call(
        '<param><value><int>7</int></value></param><param><value><boolean>1</boolean></value></param><param><value><array><data><value><string>a</string></value><value><i4>2</i4></value></data></array></value></param><param><value><struct><member><name>k</name><value><string>v</string></value></member></struct></value></param>',
      ),
    )
    expect(parsed.params).toEqual([7, true, ['a', 2], { k: 'v' }])
  })
  it('refuses hostile or broken XML with a fault, never a hang', () => {
    const laughs = `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]><methodCall><methodName>&lol2;</methodName></methodCall>`
    const external = `<?xml version="1.0"?><!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><methodCall><methodName>&xxe;</methodName></methodCall>`
    for (const xml of [
      laughs,
      external,
      '<methodCall><methodName>x</methodName>',
      'not xml',
      '<other/>',
      `<methodCall>${'<a>'.repeat(100)}</methodCall>`,
      '<methodCall><params/></methodCall>',
      call('<param><value><i4>abc</i4></value></param>'),
    ]) {
      expect(() => parseMethodCall(xml), xml.slice(0, 40)).toThrow(XmlRpcFault)
    }
    expect(() => parseMethodCall(call(`<param><value>${'x'.repeat(70_000)}</value></param>`))).toThrow(/too large/)
  })
})

describe('responses', () => {
  it('writes responses and faults', () => {
    expect(methodResponse('Ping from <a> registered')).toContain('<string>Ping from &lt;a&gt; registered</string>')
    expect(faultResponse(48, 'already registered')).toContain('<name>faultCode</name><value><int>48</int></value>')
  })
})
