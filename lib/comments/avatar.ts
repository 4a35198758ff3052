// The commenter's avatar: a symmetric 5×5 identicon drawn from a hash of their email, so every commenter has a
// face without a request to a third-party avatar service, and nothing reveals the email.

/** The identicon as SVG markup; neighbouring cells of a row are one rectangle, which keeps a long thread light. */
export function avatarSvg(hash: string, size = 40): string {
  const bytes = hash.match(/../g)?.map((h) => parseInt(h, 16)) ?? []
  const hue = Math.round(((bytes[0] ?? 0) * 360) / 256)
  let d = ''
  for (let y = 0; y < 5; y++) {
    const row = [0, 1, 2, 1, 0].map((x) => ((bytes[1 + y * 3 + x] ?? 0) & 1) === 1)
    for (let x = 0; x < 5; x++) {
      if (!row[x] || row[x - 1]) continue
      let w = 1
      while (row[x + w]) w++
      d += `M${x} ${y}h${w}v1h-${w}z`
    }
  }
  return `<svg class="avatar" width="${size}" height="${size}" viewBox="0 0 5 5" aria-hidden="true" focusable="false"><rect width="5" height="5" fill="hsl(${hue} 45% 92%)"/><path d="${d}" fill="hsl(${hue} 55% 40%)"/></svg>`
}
