/**
 * A symmetric 5×5 identicon drawn from a hash of the commenter's email: a face for every commenter with no
 * request to a third-party avatar service, and nothing that reveals the email.
 */
export function Avatar({ hash, size = 40 }: { hash: string; size?: number }) {
  const bytes = hash.match(/../g)?.map((h) => parseInt(h, 16)) ?? []
  const hue = ((bytes[0] ?? 0) * 360) / 256
  const cells: { x: number; y: number }[] = []
  for (let y = 0; y < 5; y++) {
    for (let x = 0; x < 3; x++) {
      if (((bytes[1 + y * 3 + x] ?? 0) & 1) === 1) {
        cells.push({ x, y })
        if (x < 2) cells.push({ x: 4 - x, y })
      }
    }
  }
  // One path for all cells keeps a page with many comments light.
  const d = cells.map((c) => `M${c.x} ${c.y}h1v1h-1z`).join('')
  return (
    <svg className="avatar" width={size} height={size} viewBox="0 0 5 5" aria-hidden="true" focusable="false">
      <rect width="5" height="5" fill={`hsl(${Math.round(hue)} 45% 92%)`} />
      <path d={d} fill={`hsl(${Math.round(hue)} 55% 40%)`} />
    </svg>
  )
}
