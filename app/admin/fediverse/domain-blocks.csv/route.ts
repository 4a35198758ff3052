import { db } from '@/lib/db'
import { withUser } from '@/lib/auth/route'
import { domainBlocksCsv } from '@/lib/federation/blocks'

/** The blocked instances as Mastodon's domain_blocks.csv (what its admin, or Daisy's, imports). */
export const GET = withUser(
  { role: 'ADMIN', refused: 'Only an administrator can export the blocklist.', format: 'text' },
  async () => {
    const blocks = await db.block.findMany({ where: { kind: 'DOMAIN' }, orderBy: { value: 'asc' } })
    return new Response(domainBlocksCsv(blocks), {
      headers: {
        'content-type': 'text/csv; charset=utf-8',
        'content-disposition': 'attachment; filename="domain_blocks.csv"',
        'cache-control': 'private, no-store',
      },
    })
  },
)
