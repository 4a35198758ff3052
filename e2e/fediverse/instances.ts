// Many small fediverse servers for the fan-out measurements (e2e/fediverse-fanout.spec.ts, `npm run bench --
// --only federation`): one node:http server per loopback address (127.<net>.x.y, each its own host and port),
// standing for one instance whose accounts follow the blog. Each answers POST on its shared inbox (/inbox) and on
// its accounts' inboxes with 202, after checking the delivery as Mastodon before 4.5 does: a draft-cavage
// signature (the independent peer's checks, e2e/fediverse/peer.ts), the Host signed being its own, the body's
// Digest, and the signature verifying with the blog's key. An RFC 9421 first knock is refused with 401, as such a
// Mastodon refuses it (the sender knocks again with draft-cavage); a refusal is counted, never a delivery.
// Written for Node's type stripping too (the bench imports it): relative imports name their .ts file.
import { createPublicKey, type KeyObject } from 'node:crypto'
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { AP_ACCEPT, checkCavage, checkRfc9421, verifySigned, type AS, type SignatureCheck } from './peer.ts'

const MAX_BODY = 1024 * 1024

export interface InstanceFollower {
  remoteId: string
  inbox: string
  sharedInbox: string
  handle: string
  name: string
  url: string
  followId: string
}

/** One delivery an instance took (its signature verified). */
export interface Delivery {
  type: string
  /** The activity's object id (an embedded object's id, or the id it names). */
  objectId: string | undefined
  activityId: string | undefined
  path: string
  keyId: string
  at: number
  /** The sender's address and port (which process sent it, when several share one address). */
  from: string
}

export interface Instance {
  index: number
  /** Its own loopback address, e.g. 127.1.0.1. */
  address: string
  port: number
  /** http://address:port — what its accounts' ids, inboxes and the shared inbox begin with. */
  origin: string
  sharedInbox: string
  followers: InstanceFollower[]
  deliveries: Delivery[]
}

export interface Refusal {
  instance: number
  path: string
  status: number
  reason: string
}

export interface Instances {
  list: Instance[]
  /** Every instance's followers, as rows of the Follower model for `actor`. */
  followerRows(actor: string): (InstanceFollower & { actor: string })[]
  /** Deliveries refused (unsigned, RFC 9421 first knocks, a bad signature, another host's), in order. */
  refused: Refusal[]
  /** Requests that failed inside an instance (a bug here, not a refusal). */
  errors: string[]
  /** For each instance, how many deliveries of `type` it took about `objectId`. */
  countsOf(type: string, objectId: string): number[]
  /** Resolves once every instance has at least one delivery of `type` about `objectId`; rejects after `timeoutMs`. */
  waitForAll(type: string, objectId: string, timeoutMs: number): Promise<number>
  close(): Promise<void>
}

export interface InstancesOptions {
  count: number
  followersPerInstance: number
  /** The second byte of the addresses: instance i is 127.<net>.<floor(i / 250)>.<i % 250 + 1>. */
  net: number
  /** The key a keyId names (the blog's, fetched once and shared: followers' servers have it from the Follow). */
  keyOf: (keyId: string) => Promise<{ owner: string; key: KeyObject }>
  /** Take RFC 9421 signatures too, as Mastodon 4.5 does (default: refuse them with 401, as before 4.5). */
  acceptRfc9421?: boolean
}

export function instanceAddress(net: number, index: number): string {
  return `127.${net}.${Math.floor(index / 250)}.${(index % 250) + 1}`
}

const idOf = (value: AS): string | undefined =>
  typeof value === 'string' ? value : typeof value?.id === 'string' ? value.id : undefined

function readBody(req: IncomingMessage): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    req.on('data', (chunk: Buffer) => {
      size += chunk.length
      if (size > MAX_BODY) {
        resolve(null)
        req.destroy()
        return
      }
      chunks.push(chunk)
    })
    req.on('end', () => resolve(Buffer.concat(chunks)))
    req.on('error', reject)
  })
}

function flatHeaders(req: IncomingMessage): Record<string, string> {
  const headers: Record<string, string> = {}
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : value
  }
  return headers
}

/** Starts `count` instances (in batches, so 1,000 listens do not crowd the loop), resolves when all listen. */
export async function startInstances(options: InstancesOptions): Promise<Instances> {
  const { count, followersPerInstance, net, keyOf, acceptRfc9421 = false } = options
  const refused: Refusal[] = []
  const errors: string[] = []
  const servers: Server[] = []
  const list: Instance[] = []
  const waiters = new Set<() => void>()

  const handle = async (instance: Instance, req: IncomingMessage, res: ServerResponse) => {
    const path = (req.url ?? '/').split('?')[0]!
    const answer = (status: number, body = '') => {
      res.writeHead(status, { 'content-type': 'application/json' })
      res.end(body)
    }
    const refuse = (status: number, reason: string) => {
      refused.push({ instance: instance.index, path, status, reason })
      answer(status, JSON.stringify({ error: reason }))
    }
    const isInbox = path === '/inbox' || instance.followers.some((f) => new URL(f.inbox).pathname === path)
    if (req.method !== 'POST' || !isInbox) {
      req.resume()
      return answer(404, '{"error":"not found"}')
    }
    const body = await readBody(req)
    if (!body) return refuse(413, 'the body is larger than 1 MiB')
    const headers = flatHeaders(req)
    // The Host the sender signed must be this instance's: a delivery meant for another host is not ours.
    if (headers.host !== `${instance.address}:${instance.port}`) {
      return refuse(401, `Host ${headers.host} is not this instance (${instance.address}:${instance.port})`)
    }
    let check: SignatureCheck
    try {
      if (headers['signature-input'] !== undefined) {
        if (!acceptRfc9421)
          throw new Error('RFC 9421 signatures (Signature-Input) are not supported: sign draft-cavage')
        check = checkRfc9421({ method: 'POST', url: `http://${headers.host}${req.url}`, headers, body })
      } else check = checkCavage({ method: 'POST', target: req.url ?? path, headers, body })
    } catch (error) {
      return refuse(401, error instanceof Error ? error.message : String(error))
    }
    let key: { owner: string; key: KeyObject }
    try {
      key = await keyOf(check.keyId)
    } catch (error) {
      return refuse(401, `the key ${check.keyId} could not be had: ${String(error)}`)
    }
    if (!verifySigned(check.signed, check.signature, key.key)) {
      return refuse(401, `the signature does not verify with the key ${check.keyId}`)
    }
    let activity: AS
    try {
      activity = JSON.parse(body.toString('utf8'))
    } catch {
      return refuse(400, 'the body is not JSON')
    }
    if (idOf(activity?.actor) !== key.owner) {
      return refuse(401, `the key ${check.keyId} belongs to ${key.owner}, not to ${idOf(activity?.actor)}`)
    }
    instance.deliveries.push({
      type: String(activity.type),
      objectId: idOf(activity.object),
      activityId: idOf(activity),
      path,
      keyId: check.keyId,
      at: Date.now(),
      from: `${req.socket.remoteAddress}:${req.socket.remotePort}`,
    })
    answer(202)
    for (const wake of [...waiters]) wake()
  }

  const start = async (index: number): Promise<void> => {
    const address = instanceAddress(net, index)
    const instance: Instance = {
      index,
      address,
      port: 0,
      origin: '',
      sharedInbox: '',
      followers: [],
      deliveries: [],
    }
    const server = createServer((req, res) => {
      handle(instance, req, res).catch((error: unknown) => {
        errors.push(`${address} ${req.method} ${req.url}: ${String(error)}`)
        if (!res.headersSent) {
          res.writeHead(500)
          res.end()
        } else res.destroy()
      })
    })
    servers.push(server)
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject)
      server.listen(0, address, () => {
        server.off('error', reject)
        resolve()
      })
    })
    instance.port = (server.address() as AddressInfo).port
    instance.origin = `http://${address}:${instance.port}`
    instance.sharedInbox = `${instance.origin}/inbox`
    for (let n = 0; n < followersPerInstance; n++) {
      const remoteId = `${instance.origin}/users/u${n}`
      instance.followers.push({
        remoteId,
        inbox: `${remoteId}/inbox`,
        sharedInbox: instance.sharedInbox,
        handle: `@u${n}@${address}:${instance.port}`,
        name: `Follower ${n} of instance ${index}`,
        url: `${instance.origin}/@u${n}`,
        followId: `${instance.origin}/follows/u${n}`,
      })
    }
    list[index] = instance
  }

  const close = async () => {
    await Promise.all(
      servers.map(
        (server) =>
          new Promise<void>((resolve) => {
            server.close(() => resolve())
            server.closeAllConnections()
          }),
      ),
    )
  }

  try {
    for (let first = 0; first < count; first += 100) {
      await Promise.all(Array.from({ length: Math.min(100, count - first) }, (_, i) => start(first + i)))
    }
  } catch (error) {
    await close()
    throw error
  }

  const countsOf = (type: string, objectId: string) =>
    list.map((instance) => instance.deliveries.filter((d) => d.type === type && d.objectId === objectId).length)

  return {
    list,
    refused,
    errors,
    followerRows: (actor) => list.flatMap((instance) => instance.followers.map((f) => ({ ...f, actor }))),
    countsOf,
    waitForAll(type, objectId, timeoutMs) {
      const started = Date.now()
      return new Promise((resolve, reject) => {
        const check = () => {
          if (countsOf(type, objectId).every((n) => n > 0)) {
            waiters.delete(check)
            clearTimeout(timer)
            resolve(Date.now() - started)
          }
        }
        const timer = setTimeout(() => {
          waiters.delete(check)
          const missing = countsOf(type, objectId).filter((n) => n === 0).length
          reject(new Error(`${missing} of ${count} instances had no ${type} of ${objectId} after ${timeoutMs} ms`))
        }, timeoutMs)
        waiters.add(check)
        check()
      })
    },
    close,
  }
}

/**
 * The blog's public key as its followers' servers hold it: its actor fetched once (with the ActivityPub Accept)
 * and the key it publishes under the keyId, shared by all the instances.
 */
export function blogKeyFetcher(): (keyId: string) => Promise<{ owner: string; key: KeyObject }> {
  const known = new Map<string, Promise<{ owner: string; key: KeyObject }>>()
  return (keyId) => {
    let found = known.get(keyId)
    if (!found) {
      found = (async () => {
        const url = keyId.split('#')[0]!
        const response = await fetch(url, { headers: { accept: AP_ACCEPT } })
        if (!response.ok) throw new Error(`${url} answered ${response.status}`)
        const actor: AS = await response.json()
        const key = [actor.publicKey].flat().find((k: AS) => k?.id === keyId)
        if (!key?.publicKeyPem) throw new Error(`${url} does not publish the key ${keyId}`)
        return { owner: String(actor.id), key: createPublicKey(key.publicKeyPem) }
      })()
      found.catch(() => known.delete(keyId))
      known.set(keyId, found)
    }
    return found
  }
}
