import { z } from 'zod'
import { expireTags } from '@/lib/cache'
import { isWorkerRequest } from '@/lib/http/worker-secret'

const bodySchema = z.object({ tags: z.array(z.string().min(1).max(256)).max(200_000) })

/** Expires cache tags for a write made outside the server (`npm run import:wxr`). Secret-gated. */
export async function POST(request: Request) {
  if (!isWorkerRequest(request)) return Response.json({ error: 'forbidden' }, { status: 403 })
  const parsed = bodySchema.safeParse(await request.json().catch(() => null))
  if (!parsed.success) return Response.json({ error: 'expected {"tags": ["posts", …]}' }, { status: 400 })
  expireTags(parsed.data.tags)
  return Response.json({ expired: parsed.data.tags.length })
}
