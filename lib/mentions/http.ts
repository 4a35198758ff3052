// Small helpers for the protocol endpoints: bounded bodies, client addresses.
import { clientIp } from '@/lib/http/client-ip'

export class BodyTooLarge extends Error {}

/** The request body as text, refusing anything larger than `limit` bytes (declared or actual). */
export async function readBody(request: Request, limit: number): Promise<string> {
  const declared = Number(request.headers.get('content-length') ?? '0')
  if (declared > limit) throw new BodyTooLarge()
  const text = await request.text()
  if (Buffer.byteLength(text) > limit) throw new BodyTooLarge()
  return text
}

export function requestIp(request: Request): string {
  return clientIp(request.headers)
}
