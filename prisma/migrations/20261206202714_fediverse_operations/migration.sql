-- CreateTable
CREATE TABLE "Block" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "kind" TEXT NOT NULL,
    "value" TEXT NOT NULL,
    "reason" TEXT NOT NULL DEFAULT '',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "Report" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "activityId" TEXT NOT NULL,
    "actorId" TEXT NOT NULL,
    "actorHandle" TEXT NOT NULL,
    "content" TEXT NOT NULL,
    "objects" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "resolvedAt" DATETIME
);

-- CreateTable
CREATE TABLE "Instance" (
    "host" TEXT NOT NULL PRIMARY KEY,
    "origin" TEXT NOT NULL,
    "failingSince" DATETIME,
    "lastFailureAt" DATETIME,
    "lastError" TEXT,
    "deadSince" DATETIME,
    "updatedAt" DATETIME NOT NULL
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Follower" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "actor" TEXT NOT NULL,
    "remoteId" TEXT NOT NULL,
    "inbox" TEXT NOT NULL,
    "sharedInbox" TEXT,
    "handle" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "url" TEXT,
    "followId" TEXT,
    "status" TEXT NOT NULL DEFAULT 'ACCEPTED',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);
INSERT INTO "new_Follower" ("actor", "createdAt", "followId", "handle", "id", "inbox", "name", "remoteId", "sharedInbox", "url") SELECT "actor", "createdAt", "followId", "handle", "id", "inbox", "name", "remoteId", "sharedInbox", "url" FROM "Follower";
DROP TABLE "Follower";
ALTER TABLE "new_Follower" RENAME TO "Follower";
CREATE INDEX "Follower_remoteId_idx" ON "Follower"("remoteId");
CREATE UNIQUE INDEX "Follower_actor_remoteId_key" ON "Follower"("actor", "remoteId");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE UNIQUE INDEX "Block_value_key" ON "Block"("value");

-- CreateIndex
CREATE UNIQUE INDEX "Report_activityId_key" ON "Report"("activityId");

-- CreateIndex
CREATE INDEX "Report_resolvedAt_idx" ON "Report"("resolvedAt");

