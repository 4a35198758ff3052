// A small, strict XML-RPC reader and writer for Pingback: parsed by saxes (a conforming XML parser with no
// DTD support), with any DOCTYPE refused so that entity tricks (billion laughs, external entities) never start.
import { SaxesParser } from 'saxes'
import { escapeHtml } from '../content/escape'

export const MAX_XMLRPC_BYTES = 64 * 1024

export class XmlRpcFault extends Error {
  constructor(
    public readonly faultCode: number,
    message: string,
  ) {
    super(message)
  }
}

type Value = string | number | boolean | Value[] | { [key: string]: Value }

interface Frame {
  name: string
  text: string
  array?: Value[]
  struct?: Record<string, Value>
  memberName?: string
  value?: Value
}

/** Parses a <methodCall>: its method name and its params (strings, ints, booleans, arrays, structs). */
export function parseMethodCall(xml: string): { methodName: string; params: Value[] } {
  if (Buffer.byteLength(xml) > MAX_XMLRPC_BYTES) throw new XmlRpcFault(-32700, 'parse error: request too large')
  const parser = new SaxesParser({ xmlns: false })
  const stack: Frame[] = []
  let methodName = ''
  const params: Value[] = []
  let error: Error | null = null
  let sawRoot = false

  const valueOf = (frame: Frame): Value => {
    if (frame.value !== undefined) return frame.value
    return frame.text // a <value> without a type element is a string
  }

  parser.on('doctype', () => {
    throw new XmlRpcFault(-32700, 'parse error: DOCTYPE is not allowed')
  })
  parser.on('opentag', (tag) => {
    if (!sawRoot) {
      if (tag.name !== 'methodCall') throw new XmlRpcFault(-32700, 'parse error: not an XML-RPC methodCall')
      sawRoot = true
    }
    if (stack.length > 32) throw new XmlRpcFault(-32700, 'parse error: nested too deeply')
    const frame: Frame = { name: tag.name, text: '' }
    if (tag.name === 'array') frame.array = []
    if (tag.name === 'struct') frame.struct = {}
    stack.push(frame)
  })
  parser.on('text', (text) => {
    const top = stack.at(-1)
    if (top) top.text += text
  })
  parser.on('closetag', (tag) => {
    const frame = stack.pop()!
    const parent = stack.at(-1)
    switch (tag.name) {
      case 'methodName':
        methodName = frame.text.trim()
        break
      case 'string':
        if (parent) parent.value = frame.text
        break
      case 'int':
      case 'i4': {
        const n = Number(frame.text.trim())
        if (!Number.isInteger(n)) throw new XmlRpcFault(-32602, 'invalid int')
        if (parent) parent.value = n
        break
      }
      case 'boolean':
        if (parent) parent.value = frame.text.trim() === '1'
        break
      case 'double':
        if (parent) parent.value = Number(frame.text.trim())
        break
      case 'array':
        if (parent) parent.value = frame.array!
        break
      case 'struct':
        if (parent) parent.value = frame.struct!
        break
      case 'name':
        if (parent) parent.memberName = frame.text
        break
      case 'member':
        if (parent?.struct && frame.memberName !== undefined) parent.struct[frame.memberName] = frame.value ?? ''
        break
      case 'value': {
        const value = valueOf(frame)
        const data = stack.at(-1)
        const container = stack.at(-2)
        if (parent?.name === 'param') params.push(value)
        else if (parent?.name === 'member') parent.value = value
        else if (data?.name === 'data' && container?.array) container.array.push(value)
        break
      }
    }
  })
  parser.on('error', (e) => {
    error = e
  })
  try {
    parser.write(xml).close()
  } catch (e) {
    if (e instanceof XmlRpcFault) throw e
    throw new XmlRpcFault(-32700, `parse error: ${(e as Error).message.split('\n')[0]}`)
  }
  if (error) throw new XmlRpcFault(-32700, `parse error: ${(error as Error).message.split('\n')[0]}`)
  if (!methodName) throw new XmlRpcFault(-32600, 'invalid request: no methodName')
  return { methodName, params }
}

const escapeXml = escapeHtml

export function methodResponse(value: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n<methodResponse><params><param><value><string>${escapeXml(value)}</string></value></param></params></methodResponse>\n`
}

export function methodResponseArray(values: string[]): string {
  const items = values.map((v) => `<value><string>${escapeXml(v)}</string></value>`).join('')
  return `<?xml version="1.0" encoding="UTF-8"?>\n<methodResponse><params><param><value><array><data>${items}</data></array></value></param></params></methodResponse>\n`
}

export function faultResponse(code: number, message: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n<methodResponse><fault><value><struct><member><name>faultCode</name><value><int>${code}</int></value></member><member><name>faultString</name><value><string>${escapeXml(message)}</string></value></member></struct></value></fault></methodResponse>\n`
}
