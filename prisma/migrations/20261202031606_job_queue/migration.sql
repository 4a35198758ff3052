-- One job queue for every kind of background work (lib/jobs/): the webmention queue (MentionJob) and the
-- scheduling columns of OutgoingPing move into Job. Existing rows are kept: a webmention job keeps its id (its
-- status address /webmention/<id> goes on working), and each outgoing ping gets a job with the ping's id.

-- CreateTable
CREATE TABLE "Job" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "kind" TEXT NOT NULL,
    "key" TEXT,
    "payload" TEXT NOT NULL DEFAULT '{}',
    "status" TEXT NOT NULL DEFAULT 'QUEUED',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "runAfter" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lockedUntil" DATETIME,
    "result" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- Received webmentions awaiting (or done with) verification. A job left RUNNING has no lease: the runner
-- takes a RUNNING job without one as lapsed.
INSERT INTO "Job" ("id", "kind", "key", "payload", "status", "attempts", "runAfter", "result", "createdAt", "updatedAt")
SELECT "id", 'webmention', "source" || ' ' || "target", json_object('source', "source", 'target', "target"),
       "status", "attempts", "runAfter", "result", "createdAt", "updatedAt"
FROM "MentionJob";

-- Outgoing pings: their schedule and state become a job each.
INSERT INTO "Job" ("id", "kind", "key", "payload", "status", "attempts", "runAfter", "createdAt", "updatedAt")
SELECT "id", 'ping', "id", json_object('pingId', "id"), "status", "attempts", "runAfter", "createdAt", "updatedAt"
FROM "OutgoingPing";

-- DropIndex
DROP INDEX "MentionJob_status_runAfter_idx";

-- DropIndex
DROP INDEX "MentionJob_source_target_idx";

-- DropTable
PRAGMA foreign_keys=off;
DROP TABLE "MentionJob";
PRAGMA foreign_keys=on;

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_OutgoingPing" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "postId" TEXT NOT NULL,
    "targetUrl" TEXT NOT NULL,
    "protocol" TEXT,
    "endpoint" TEXT,
    "response" TEXT,
    "jobId" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "OutgoingPing_postId_fkey" FOREIGN KEY ("postId") REFERENCES "Post" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "OutgoingPing_jobId_fkey" FOREIGN KEY ("jobId") REFERENCES "Job" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_OutgoingPing" ("createdAt", "endpoint", "id", "postId", "protocol", "response", "targetUrl", "updatedAt", "jobId") SELECT "createdAt", "endpoint", "id", "postId", "protocol", "response", "targetUrl", "updatedAt", "id" FROM "OutgoingPing";
DROP TABLE "OutgoingPing";
ALTER TABLE "new_OutgoingPing" RENAME TO "OutgoingPing";
CREATE UNIQUE INDEX "OutgoingPing_jobId_key" ON "OutgoingPing"("jobId");
CREATE UNIQUE INDEX "OutgoingPing_postId_targetUrl_key" ON "OutgoingPing"("postId", "targetUrl");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "Job_status_runAfter_idx" ON "Job"("status", "runAfter");

-- CreateIndex
CREATE INDEX "Job_kind_key_idx" ON "Job"("kind", "key");
