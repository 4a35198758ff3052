import {
  faultResponse,
  MAX_XMLRPC_BYTES,
  methodResponse,
  methodResponseArray,
  parseMethodCall,
  XmlRpcFault,
} from '@/lib/mentions/xmlrpc'
import { BodyTooLarge, readBody } from '@/lib/http/read-body'
import { clientIp } from '@/lib/http/client-ip'
import { linkbackWait } from '@/lib/mentions/http'
import { expireTags } from '@/lib/cache'
import { receiveMention, type Refusal } from '@/lib/mentions/receive'

// Pingback 1.0's fault codes.
const FAULTS: Record<Refusal, number> = {
  INVALID: 0,
  SOURCE_MISSING: 16,
  NO_LINK: 17,
  TARGET_MISSING: 32,
  TARGET_CLOSED: 33,
  DUPLICATE: 48,
  DENIED: 49,
  UPSTREAM: 50,
}

const xml = (body: string, status = 200, headers: Record<string, string> = {}) =>
  new Response(body, { status, headers: { 'content-type': 'text/xml; charset=utf-8', ...headers } })

/**
 * XML-RPC endpoint: pingback.ping (Pingback 1.0) and system.listMethods. XML-RPC answers a fault with HTTP 200
 * ("unless there's a lower-level error"), and WordPress's client drops the fault code of any other status, so
 * Pingback's refusals stay 200 faults; what goes wrong below XML-RPC (a body too large or not XML-RPC at all, a
 * sender over its limit) answers 413, 400 or 429, with a fault body all the same.
 */
export async function POST(request: Request) {
  let call
  try {
    call = parseMethodCall(await readBody(request, MAX_XMLRPC_BYTES))
  } catch (error) {
    if (error instanceof BodyTooLarge) return xml(faultResponse(-32700, 'parse error: request too large'), 413)
    if (error instanceof XmlRpcFault) return xml(faultResponse(error.faultCode, error.message), 400)
    throw error
  }
  if (call.methodName === 'system.listMethods') return xml(methodResponseArray(['pingback.ping', 'system.listMethods']))
  if (call.methodName !== 'pingback.ping')
    return xml(faultResponse(-32601, `server error: requested method ${call.methodName.slice(0, 100)} does not exist`))
  const [source, target] = call.params
  if (typeof source !== 'string' || typeof target !== 'string' || call.params.length !== 2) {
    return xml(
      faultResponse(-32602, 'server error: invalid method parameters (expected sourceURI and targetURI strings)'),
    )
  }
  const ip = clientIp(request.headers)
  const wait = await linkbackWait(ip, source, target)
  if (wait)
    return xml(faultResponse(49, `Too many pingbacks from your address. Try again in ${wait} seconds.`), 429, {
      'retry-after': String(wait),
    })
  const outcome = await receiveMention({ kind: 'PINGBACK', source, target, ip })
  expireTags(outcome.touched)
  if (!outcome.ok) return xml(faultResponse(FAULTS[outcome.code], outcome.message))
  return xml(methodResponse(`Pingback from ${source} to ${target} registered. Keep the web talking!`))
}

export function GET() {
  return new Response('XML-RPC server accepts POST requests only.\n', {
    status: 405,
    headers: { allow: 'POST', 'content-type': 'text/plain; charset=utf-8' },
  })
}
