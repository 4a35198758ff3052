// The site icon's files: checking an upload from its bytes, and rendering every size (and the ICO) from it.
// Plain module: the app and scripts/make-icons.ts (which draws the default set into public/icons) share it.
import sharp from 'sharp'

export const ICON_MAX_BYTES = 2 * 1024 * 1024
const MIN_SIDE = 32

/** Every file of an icon set, by the name it is stored and served under. */
export const ICON_FILES = {
  'favicon.ico': { type: 'image/x-icon' },
  'icon-32.png': { type: 'image/png', size: 32 },
  'apple-touch-icon.png': { type: 'image/png', size: 180 },
  'icon-192.png': { type: 'image/png', size: 192 },
  'icon-512.png': { type: 'image/png', size: 512 },
} as const
export type IconFile = keyof typeof ICON_FILES
export const isIconFile = (name: string): name is IconFile => Object.hasOwn(ICON_FILES, name)

/** The sizes the favicon.ico holds: tabs use 16, high-density tabs and shortcuts 32 and 48. */
const ICO_SIZES = [16, 32, 48] as const

export class IconError extends Error {}

/**
 * Checks what the bytes are (not what the browser said): PNG, JPEG or SVG, square enough to be an icon.
 * An SVG is only ever rasterized, never served, and one that reaches outside itself is refused first.
 */
export async function checkIconUpload(bytes: Buffer): Promise<void> {
  if (bytes.length === 0) throw new IconError('The file is empty.')
  if (bytes.length > ICON_MAX_BYTES) throw new IconError(`The file is larger than ${ICON_MAX_BYTES / 1024 / 1024} MB.`)
  let meta: Awaited<ReturnType<ReturnType<typeof sharp>['metadata']>>
  try {
    meta = await sharp(bytes).metadata()
  } catch {
    throw new IconError('That is not an image Daisy can read: upload a PNG, JPEG or SVG.')
  }
  if (meta.format !== 'png' && meta.format !== 'jpeg' && meta.format !== 'svg')
    throw new IconError('Only PNG, JPEG and SVG images can be the site icon.')
  if (meta.format === 'svg') return checkSvg(bytes.toString('utf8'))
  if (!meta.width || !meta.height || Math.min(meta.width, meta.height) < MIN_SIDE) {
    throw new IconError(
      `The image is too small: an icon needs at least ${MIN_SIDE} × ${MIN_SIDE} pixels (512 × 512 looks sharp everywhere).`,
    )
  }
}

/** No DTD (entity tricks) and no reference to anything but the SVG itself or inline images. */
function checkSvg(text: string): void {
  if (/<!DOCTYPE|<!ENTITY/i.test(text)) throw new IconError('SVG files with a DOCTYPE cannot be the site icon.')
  const references = [
    ...[...text.matchAll(/(?:href|src)\s*=\s*(["'])(.*?)\1/gis)].map((m) => m[2] ?? ''),
    ...[...text.matchAll(/url\(\s*(["']?)(.*?)\1\s*\)/gis)].map((m) => m[2] ?? ''),
  ]
  const outside = references.some((url) => !url.trim().startsWith('#') && !/^data:image\//i.test(url.trim()))
  if (outside || /@import/i.test(text)) throw new IconError('The SVG refers to another file: make it self-contained.')
}

/** One square PNG, the image centred on a transparent square (nothing is cropped), or on `background`. */
async function squarePng(source: Buffer, size: number, background?: string): Promise<Buffer> {
  // An SVG is drawn at a density that gives at least `size` pixels, so no size is an upscaled bitmap.
  const meta = await sharp(source).metadata()
  const density =
    meta.format === 'svg' && meta.width
      ? Math.min(2400, Math.max(72, Math.ceil((72 * size) / Math.min(meta.width, meta.height ?? meta.width))))
      : undefined
  const image = sharp(source, density ? { density } : {})
    .rotate()
    .resize(size, size, { fit: 'contain', background: { r: 0, g: 0, b: 0, alpha: 0 } })
  return (background ? image.flatten({ background }) : image).png({ compressionLevel: 9 }).toBuffer()
}

/**
 * Every file of the set, from one checked source image. iOS shows transparent parts of the apple-touch
 * icon as black and rounds the corners itself, so that one is laid on `appleBackground`.
 */
export async function renderIconSet(
  source: Buffer,
  { appleBackground = '#ffffff' }: { appleBackground?: string } = {},
): Promise<Record<IconFile, Buffer>> {
  const files = {} as Record<IconFile, Buffer>
  try {
    for (const [name, spec] of Object.entries(ICON_FILES) as [IconFile, (typeof ICON_FILES)[IconFile]][]) {
      if ('size' in spec)
        files[name] = await squarePng(source, spec.size, name === 'apple-touch-icon.png' ? appleBackground : undefined)
    }
    files['favicon.ico'] = encodeIco(
      await Promise.all(ICO_SIZES.map(async (size) => ({ size, png: await squarePng(source, size) }))),
    )
  } catch (error) {
    // sharp refuses what it cannot draw (a corrupt file, an SVG of absurd proportions past its pixel limit).
    throw new IconError(
      `Daisy could not draw the icon from that image (${error instanceof Error ? error.message : 'unknown error'}).`,
    )
  }
  return files
}

/**
 * An ICO file holding PNG images (allowed since Windows Vista, read by every browser): a 6-byte header,
 * a 16-byte directory entry per image, then the PNGs as they are.
 */
export function encodeIco(images: { size: number; png: Buffer }[]): Buffer {
  const header = Buffer.alloc(6)
  header.writeUInt16LE(0, 0) // reserved
  header.writeUInt16LE(1, 2) // 1 = icon
  header.writeUInt16LE(images.length, 4)
  let offset = 6 + 16 * images.length
  const entries = images.map(({ size, png }) => {
    if (size < 1 || size > 256) throw new RangeError(`ICO images are 1 to 256 pixels, not ${size}`)
    const entry = Buffer.alloc(16)
    entry.writeUInt8(size === 256 ? 0 : size, 0) // width (0 means 256)
    entry.writeUInt8(size === 256 ? 0 : size, 1) // height
    entry.writeUInt8(0, 2) // no palette
    entry.writeUInt8(0, 3) // reserved
    entry.writeUInt16LE(1, 4) // colour planes
    entry.writeUInt16LE(32, 6) // bits per pixel
    entry.writeUInt32LE(png.length, 8)
    entry.writeUInt32LE(offset, 12)
    offset += png.length
    return entry
  })
  return Buffer.concat([header, ...entries, ...images.map((i) => i.png)])
}
