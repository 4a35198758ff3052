// Runs before each unit test file: the app's own client (`db` in lib/db/index.ts) opens a fresh migrated copy of
// the template, so write paths that use it (postComment, savePost, receiveMention, the job queues) are tested
// against a real database that belongs to that file alone. Files run in separate workers, so no two share it.
// Imports nothing that opens the client: lib/db/index.ts must first be loaded after DATABASE_URL is set.
import { copyTemplateUrl } from './template'

process.env.DATABASE_URL = copyTemplateUrl()
