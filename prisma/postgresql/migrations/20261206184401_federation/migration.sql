-- AlterEnum
ALTER TYPE "CommentKind" ADD VALUE 'FEDIVERSE';

-- AlterTable
ALTER TABLE "Comment" ADD COLUMN     "authorHandle" TEXT,
ADD COLUMN     "avatarPath" TEXT,
ADD COLUMN     "remoteActorId" TEXT,
ADD COLUMN     "remoteId" TEXT;

-- CreateTable
CREATE TABLE "FederationKey" (
    "id" TEXT NOT NULL,
    "actor" TEXT NOT NULL,
    "algorithm" TEXT NOT NULL,
    "publicJwk" TEXT NOT NULL,
    "privateJwk" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "FederationKey_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "FederationKv" (
    "key" TEXT NOT NULL,
    "value" TEXT NOT NULL,
    "expiresAt" TIMESTAMP(3),

    CONSTRAINT "FederationKv_pkey" PRIMARY KEY ("key")
);

-- CreateTable
CREATE TABLE "Follower" (
    "id" TEXT NOT NULL,
    "actor" TEXT NOT NULL,
    "remoteId" TEXT NOT NULL,
    "inbox" TEXT NOT NULL,
    "sharedInbox" TEXT,
    "handle" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "url" TEXT,
    "followId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Follower_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Reaction" (
    "id" TEXT NOT NULL,
    "postId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "activityId" TEXT NOT NULL,
    "actorId" TEXT NOT NULL,
    "actorName" TEXT NOT NULL,
    "actorHandle" TEXT NOT NULL,
    "actorUrl" TEXT,
    "avatarPath" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Reaction_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "FederatedPost" (
    "postId" TEXT NOT NULL,
    "slug" TEXT NOT NULL,
    "version" TIMESTAMP(3) NOT NULL,
    "sentAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "FederatedPost_pkey" PRIMARY KEY ("postId")
);

-- CreateIndex
CREATE UNIQUE INDEX "FederationKey_actor_algorithm_key" ON "FederationKey"("actor", "algorithm");

-- CreateIndex
CREATE INDEX "FederationKv_expiresAt_idx" ON "FederationKv"("expiresAt");

-- CreateIndex
CREATE INDEX "Follower_remoteId_idx" ON "Follower"("remoteId");

-- CreateIndex
CREATE UNIQUE INDEX "Follower_actor_remoteId_key" ON "Follower"("actor", "remoteId");

-- CreateIndex
CREATE UNIQUE INDEX "Reaction_activityId_key" ON "Reaction"("activityId");

-- CreateIndex
CREATE INDEX "Reaction_actorId_idx" ON "Reaction"("actorId");

-- CreateIndex
CREATE UNIQUE INDEX "Reaction_postId_kind_actorId_key" ON "Reaction"("postId", "kind", "actorId");

-- CreateIndex
CREATE UNIQUE INDEX "Comment_remoteId_key" ON "Comment"("remoteId");

-- CreateIndex
CREATE INDEX "Comment_remoteActorId_status_idx" ON "Comment"("remoteActorId", "status");

-- AddForeignKey
ALTER TABLE "Reaction" ADD CONSTRAINT "Reaction_postId_fkey" FOREIGN KEY ("postId") REFERENCES "Post"("id") ON DELETE CASCADE ON UPDATE CASCADE;

