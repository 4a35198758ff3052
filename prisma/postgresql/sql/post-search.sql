-- Full-text search over posts on PostgreSQL: a tsvector kept by the database itself (a generated column),
-- titles weighted above bodies, and a GIN index. Not in the Prisma schema (Prisma has no tsvector type), so
-- schema-to-schema migration diffs never see it. Idempotent.
ALTER TABLE "Post" ADD COLUMN IF NOT EXISTS "search" tsvector GENERATED ALWAYS AS (
  setweight(to_tsvector('english', coalesce("title", '')), 'A') ||
  setweight(to_tsvector('english', coalesce("plainText", '')), 'B')
) STORED;

CREATE INDEX IF NOT EXISTS "Post_search_idx" ON "Post" USING GIN ("search");
