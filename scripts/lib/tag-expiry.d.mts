// Types for tag-expiry.mjs (plain JavaScript: scripts/server.mjs runs it before anything is compiled).
export function persistTagExpiry(root: string, distDir: string, options?: { onExpire?: (tag: string) => void }): number
