import sharp from 'sharp'
import { describe, expect, it } from 'vitest'
import { checkIconUpload, encodeIco, ICON_FILES, ICON_MAX_BYTES, IconError, renderIconSet } from './icon-files'

const svg = (body: string, attrs = 'viewBox="0 0 64 64"') =>
  Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg" ${attrs}>${body}</svg>`)
const square = (size: number, format: 'png' | 'jpeg' | 'gif' | 'webp') =>
  sharp({ create: { width: size, height: size, channels: 4, background: '#8a4b00' } })
    [format]()
    .toBuffer()

describe('checkIconUpload', () => {
  it('takes PNG, JPEG and SVG, judged by their bytes', async () => {
    await expect(checkIconUpload(await square(64, 'png'))).resolves.toBeUndefined()
    await expect(checkIconUpload(await square(64, 'jpeg'))).resolves.toBeUndefined()
    await expect(checkIconUpload(svg('<circle cx="32" cy="32" r="20" fill="gold"/>'))).resolves.toBeUndefined()
  })

  it('refuses other images, non-images, empty, tiny and oversized files', async () => {
    await expect(checkIconUpload(await square(64, 'gif'))).rejects.toThrow(/Only PNG, JPEG and SVG/)
    await expect(checkIconUpload(await square(64, 'webp'))).rejects.toThrow(/Only PNG, JPEG and SVG/)
    await expect(checkIconUpload(Buffer.from('<?php echo 1; ?>'))).rejects.toThrow(/not an image/)
    await expect(checkIconUpload(Buffer.alloc(0))).rejects.toThrow(/empty/)
    await expect(checkIconUpload(await square(16, 'png'))).rejects.toThrow(/too small/)
    await expect(checkIconUpload(Buffer.alloc(ICON_MAX_BYTES + 1))).rejects.toThrow(IconError)
  })

  it('refuses an SVG that reaches outside itself or declares entities', async () => {
    const refused = [
      svg(
        '<image href="file:///etc/passwd" width="64" height="64"/>',
        'xmlns:xlink="http://www.w3.org/1999/xlink" viewBox="0 0 64 64"',
      ),
      svg(
        '<image xlink:href="https://tracker.example/p.png" width="64" height="64"/>',
        'xmlns:xlink="http://www.w3.org/1999/xlink" viewBox="0 0 64 64"',
      ),
      svg('<rect width="64" height="64" style="fill: url(https://tracker.example/x)"/>'),
      svg('<style>@import "https://tracker.example/x.css";</style><rect width="64" height="64"/>'),
      Buffer.from(
        '<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY a "aaaa">]><svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64"><text>&a;</text></svg>',
      ),
    ]
    for (const bytes of refused) await expect(checkIconUpload(bytes)).rejects.toThrow(IconError)
  })

  it('lets an SVG use its own gradients and inline images', async () => {
    const own = svg(
      '<defs><linearGradient id="g"><stop offset="0" stop-color="gold"/></linearGradient></defs><rect width="64" height="64" fill="url(#g)"/><use href="#g"/>',
    )
    await expect(checkIconUpload(own)).resolves.toBeUndefined()
  })
})

describe('renderIconSet', () => {
  it('draws every size as a square PNG, and a favicon.ico holding 16, 32 and 48', async () => {
    const wide = await sharp({ create: { width: 300, height: 100, channels: 3, background: '#336699' } })
      .jpeg()
      .toBuffer()
    const files = await renderIconSet(wide)
    for (const [name, spec] of Object.entries(ICON_FILES)) {
      if (!('size' in spec)) continue
      const meta = await sharp(files[name as keyof typeof files]).metadata()
      expect([name, meta.format, meta.width, meta.height]).toEqual([name, 'png', spec.size, spec.size])
    }
    const ico = files['favicon.ico']
    expect([ico.readUInt16LE(0), ico.readUInt16LE(2), ico.readUInt16LE(4)]).toEqual([0, 1, 3])
    expect([0, 1, 2].map((i) => ico.readUInt8(6 + 16 * i))).toEqual([16, 32, 48])
    // Each entry points at a whole PNG of its size.
    for (let i = 0; i < 3; i++) {
      const length = ico.readUInt32LE(6 + 16 * i + 8)
      const offset = ico.readUInt32LE(6 + 16 * i + 12)
      const meta = await sharp(ico.subarray(offset, offset + length)).metadata()
      expect([meta.format, meta.width]).toEqual(['png', [16, 32, 48][i]])
    }
  })

  it('keeps a transparent icon transparent, except the apple-touch icon, laid on its background', async () => {
    const files = await renderIconSet(svg('<circle cx="32" cy="32" r="16" fill="gold"/>'), {
      appleBackground: '#8a4b00',
    })
    const corner = async (png: Buffer) =>
      (await sharp(png).ensureAlpha().raw().toBuffer({ resolveWithObject: true })).data.subarray(0, 4)
    expect([...(await corner(files['icon-512.png']))][3]).toBe(0)
    expect([...(await corner(files['apple-touch-icon.png']))]).toEqual([0x8a, 0x4b, 0x00, 255])
  })
})

describe('encodeIco', () => {
  it('writes 256 as 0 and refuses sizes an ICO cannot hold', () => {
    const png = Buffer.from('png')
    expect(encodeIco([{ size: 256, png }]).readUInt8(6)).toBe(0)
    expect(() => encodeIco([{ size: 512, png }])).toThrow(RangeError)
  })
})
