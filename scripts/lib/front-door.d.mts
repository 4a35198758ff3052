// Types for front-door.mjs (plain JavaScript, so the server runs without a compile step).
import type { IncomingMessage, IncomingHttpHeaders } from 'node:http'

export type Trust = (address: string, index: number) => boolean
export const CLIENT_IP_HEADER: string
export function parseTrustProxy(value: string | undefined): Trust
export function settleClient(req: IncomingMessage, trust: Trust): string
export function bodyRefusal(
  method: string | undefined,
  url: string | undefined,
  headers: IncomingHttpHeaders,
  limits: { publicMax: number; adminMax: number; signedIn?: boolean },
): { status: number; message: string } | null
export function needsSessionCheck(
  method: string | undefined,
  url: string | undefined,
  headers: IncomingHttpHeaders,
  limits: { publicMax: number },
): boolean
export function isAdminPath(path: string): boolean
export function sharedCacheControl<T>(value: T, maxAge: number): T | string
