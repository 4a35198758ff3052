-- Full-text search for /search (written by hand: Prisma cannot express FTS5).
-- Full-text search over published content: an FTS5 table kept in step with "Post" by triggers.
-- Idempotent, so a migration that redefines "Post" (which drops its triggers) can run it again.
CREATE VIRTUAL TABLE IF NOT EXISTS "PostSearch" USING fts5(
  title,
  body,
  tokenize = 'porter unicode61 remove_diacritics 2'
);

DROP TRIGGER IF EXISTS "Post_search_insert";
DROP TRIGGER IF EXISTS "Post_search_update";
DROP TRIGGER IF EXISTS "Post_search_delete";

CREATE TRIGGER "Post_search_insert" AFTER INSERT ON "Post" BEGIN
  INSERT INTO "PostSearchKey" ("postId") VALUES (new."id");
  INSERT INTO "PostSearch" (rowid, title, body)
    VALUES ((SELECT "rowid" FROM "PostSearchKey" WHERE "postId" = new."id"), new."title", new."plainText");
END;

CREATE TRIGGER "Post_search_update" AFTER UPDATE OF "title", "plainText", "id" ON "Post" BEGIN
  UPDATE "PostSearchKey" SET "postId" = new."id" WHERE "postId" = old."id";
  UPDATE "PostSearch" SET title = new."title", body = new."plainText"
    WHERE rowid = (SELECT "rowid" FROM "PostSearchKey" WHERE "postId" = new."id");
END;

CREATE TRIGGER "Post_search_delete" AFTER DELETE ON "Post" BEGIN
  DELETE FROM "PostSearch" WHERE rowid = (SELECT "rowid" FROM "PostSearchKey" WHERE "postId" = old."id");
  DELETE FROM "PostSearchKey" WHERE "postId" = old."id";
END;

-- (Re)build the index from what is in "Post" now.
DELETE FROM "PostSearch";
DELETE FROM "PostSearchKey";
INSERT INTO "PostSearchKey" ("postId") SELECT "id" FROM "Post" ORDER BY "createdAt";
INSERT INTO "PostSearch" (rowid, title, body)
  SELECT k."rowid", p."title", p."plainText" FROM "Post" p JOIN "PostSearchKey" k ON k."postId" = p."id";
