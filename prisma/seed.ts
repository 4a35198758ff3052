// `npm run db:seed`: fills an empty database with the first admin and the demo posts.
import '../scripts/lib/load-env.mjs'
import { fileURLToPath } from 'node:url'
import { db } from '../lib/db'
import { seed } from '../lib/seed/seed'

const dataDir = fileURLToPath(new URL('./seed-data', import.meta.url))

try {
  await seed(db, {
    dataDir,
    adminEmail: process.env.ADMIN_EMAIL,
    adminPassword: process.env.ADMIN_PASSWORD,
    adminName: process.env.ADMIN_NAME,
  })
} finally {
  await db.$disconnect()
}
