-- AlterTable
ALTER TABLE "Comment" ADD COLUMN "quoteRequestId" TEXT;

