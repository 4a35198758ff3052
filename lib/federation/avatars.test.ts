// Copying a fediverse account's picture: real HTTP on loopback (the tests allow private networks), real sharp.
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { existsSync } from 'node:fs'
import sharp from 'sharp'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { resolveMediaPath } from '@/lib/media/storage'
import { copyAvatar } from './avatars'

let server: http.Server
let origin = ''
let png: Buffer

beforeAll(async () => {
  png = await sharp({ create: { width: 400, height: 300, channels: 3, background: '#8a4b00' } })
    .png()
    .toBuffer()
  server = http.createServer((req, res) => {
    if (req.url === '/avatar.png') return res.writeHead(200, { 'content-type': 'image/png' }).end(png)
    if (req.url === '/not-an-image') return res.writeHead(200, { 'content-type': 'text/html' }).end('<p>hi</p>')
    if (req.url === '/huge') return res.writeHead(200).end(Buffer.alloc(3 * 1024 * 1024))
    res.writeHead(404).end()
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())))

describe('fediverse avatars', () => {
  it('copies a picture as an 80 px square WebP named by account and content', async () => {
    const path = await copyAvatar('https://social.example/users/ana', `${origin}/avatar.png`)
    expect(path).toMatch(/^avatars\/[0-9a-f]{16}-[0-9a-f]{16}\.webp$/)
    const file = resolveMediaPath(path!)!
    expect(existsSync(file)).toBe(true)
    expect(await sharp(file).metadata()).toMatchObject({ format: 'webp', width: 80, height: 80 })
  })

  it('keeps the drawn avatar when the picture is missing, not an image, or too large', async () => {
    for (const url of [`${origin}/gone`, `${origin}/not-an-image`, `${origin}/huge`, null])
      expect(await copyAvatar(`https://social.example/users/x${url}`, url)).toBeNull()
  })
})
