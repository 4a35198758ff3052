// Full-text search over published posts, cached per query: on SQLite the PostSearch FTS5 table ranked with bm25,
// on PostgreSQL the Post.search tsvector (titles weighted above bodies) ranked with ts_rank, with ts_headline.
import 'server-only'
import { cacheLife, cacheTag } from 'next/cache'
import { db, provider } from '@/lib/db'
import { cacheArgs, pageArg } from '@/lib/cache/args'
import { tags } from '@/lib/cache/tags'
import { z } from 'zod'
import { paginate } from '@/lib/pagination'
import { publicationLife } from '@/lib/posts/visibility'
import { MARK_END, MARK_START, toFtsQuery, toTsQuery } from './query'

export interface SearchHit {
  slug: string
  title: string
  titleHighlighted: string
  snippet: string
  publishedAt: Date
}

// Dates are stored by the Prisma adapter as ISO 8601 text with an explicit offset; compare in that form.
const sqliteDate = (d: Date) => d.toISOString().replace('Z', '+00:00')

/** Hits on a page of search results. */
const SEARCH_PAGE_SIZE = 10

/** A search (its terms as the search page normalises them, lib/search/query.ts) and a page of its results. */
export async function searchPosts(...args: [{ q: string; page: number }]) {
  'use cache'
  const { q, page } = cacheArgs(z.strictObject({ q: z.string().max(1_000), page: pageArg }), args)
  const pageSize = SEARCH_PAGE_SIZE
  cacheTag(tags.posts)
  cacheLife(await publicationLife())
  if (provider === 'postgresql') return searchPostgres({ q, page, pageSize })
  const match = toFtsQuery(q)
  if (!match) return { hits: [] as SearchHit[], pagination: paginate({ page, pageSize, total: 0 }) }
  const now = sqliteDate(new Date())
  const [{ total }] = await db.$queryRaw<[{ total: bigint }]>`
    SELECT count(*) AS total
    FROM "PostSearch" s
    JOIN "PostSearchKey" k ON k."rowid" = s.rowid
    JOIN "Post" p ON p."id" = k."postId"
    WHERE "PostSearch" MATCH ${match}
      AND p."type" = 'POST' AND p."status" IN ('PUBLISHED', 'SCHEDULED')
      AND p."deletedAt" IS NULL AND p."publishedAt" <= ${now}`
  const pagination = paginate({ page, pageSize, total: Number(total) })
  if (page > pagination.totalPages) return { hits: [], pagination }
  const rows = await db.$queryRaw<
    { slug: string; title: string; titleHighlighted: string; snippet: string; publishedAt: string }[]
  >`
    SELECT p."slug", p."title", p."publishedAt",
      highlight("PostSearch", 0, ${MARK_START}, ${MARK_END}) AS "titleHighlighted",
      snippet("PostSearch", 1, ${MARK_START}, ${MARK_END}, '…', 24) AS "snippet"
    FROM "PostSearch" s
    JOIN "PostSearchKey" k ON k."rowid" = s.rowid
    JOIN "Post" p ON p."id" = k."postId"
    WHERE "PostSearch" MATCH ${match}
      AND p."type" = 'POST' AND p."status" IN ('PUBLISHED', 'SCHEDULED')
      AND p."deletedAt" IS NULL AND p."publishedAt" <= ${now}
    ORDER BY bm25("PostSearch", 5.0, 1.0), p."publishedAt" DESC
    LIMIT ${pagination.pageSize} OFFSET ${pagination.offset}`
  const hits: SearchHit[] = rows.map((r) => ({ ...r, publishedAt: new Date(r.publishedAt) }))
  return { hits, pagination }
}

const PUBLISHED_POST = `p."type" = 'POST' AND p."status" IN ('PUBLISHED', 'SCHEDULED') AND p."deletedAt" IS NULL`

async function searchPostgres({ q, page, pageSize }: { q: string; page: number; pageSize: number }) {
  const match = toTsQuery(q)
  if (!match) return { hits: [] as SearchHit[], pagination: paginate({ page, pageSize, total: 0 }) }
  const now = new Date()
  const [{ total }] = await db.$queryRawUnsafe<[{ total: bigint }]>(
    `SELECT count(*) AS total FROM "Post" p
     WHERE p."search" @@ to_tsquery('english', $1) AND ${PUBLISHED_POST} AND p."publishedAt" <= $2`,
    match,
    now,
  )
  const pagination = paginate({ page, pageSize, total: Number(total) })
  if (page > pagination.totalPages) return { hits: [], pagination }
  const marks = `StartSel=${MARK_START}, StopSel=${MARK_END}`
  const rows = await db.$queryRawUnsafe<
    { slug: string; title: string; titleHighlighted: string; snippet: string; publishedAt: Date }[]
  >(
    `SELECT p."slug", p."title", p."publishedAt",
       ts_headline('english', p."title", query, $3 || ', HighlightAll=true') AS "titleHighlighted",
       ts_headline('english', p."plainText", query, $3 || ', MaxWords=30, MinWords=12, MaxFragments=1') AS "snippet"
     FROM "Post" p, to_tsquery('english', $1) query
     WHERE p."search" @@ query AND ${PUBLISHED_POST} AND p."publishedAt" <= $2
     ORDER BY ts_rank(p."search", query) DESC, p."publishedAt" DESC
     LIMIT $4 OFFSET $5`,
    match,
    now,
    marks,
    pagination.pageSize,
    pagination.offset,
  )
  const hits: SearchHit[] = rows.map((r) => ({ ...r, publishedAt: new Date(r.publishedAt) }))
  return { hits, pagination }
}
