import { describe, expect, it } from 'vitest'
import { BodyTooLarge, readBody } from './read-body'

/** A chunked request body of `chunks` × 64 KB, counting how many chunks were pulled from it. */
function streamingRequest(chunks: number) {
  let pulled = 0
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (pulled >= chunks) return controller.close()
      pulled++
      controller.enqueue(new Uint8Array(64 * 1024).fill(97))
    },
  })
  const request = new Request('http://localhost/xmlrpc', { method: 'POST', body, duplex: 'half' } as RequestInit)
  return { request, pulled: () => pulled }
}

describe('readBody', () => {
  it('reads a body under the limit', async () => {
    expect(await readBody(new Request('http://localhost/', { method: 'POST', body: 'héllo' }), 100)).toBe('héllo')
  })
  it('refuses a declared length over the limit without reading', async () => {
    const request = new Request('http://localhost/', {
      method: 'POST',
      body: 'x',
      headers: { 'content-length': '5000' },
    })
    await expect(readBody(request, 100)).rejects.toBeInstanceOf(BodyTooLarge)
  })
  it('stops reading a chunked body as soon as it passes the limit', async () => {
    const { request, pulled } = streamingRequest(5000) // 320 MB if read whole
    await expect(readBody(request, 256 * 1024)).rejects.toBeInstanceOf(BodyTooLarge)
    expect(pulled()).toBeLessThan(10)
  })
})
