// Extra content for the e2e database, added after the seed: older posts, so lists have more than one page.
import '../scripts/lib/load-env.mjs'
import { db } from '../lib/db'
import { renderPost } from '../lib/content/markdown'

export const FIXTURE_TAG = { slug: 'field-notes', name: 'Field notes' }
export const FIXTURE_COUNT = 12

async function main() {
  const admin = await db.user.findFirstOrThrow({ where: { role: 'ADMIN' } })
  for (let i = 1; i <= FIXTURE_COUNT; i++) {
    const markdown = `Field note number ${i} from the road: a **conversation** with a customer about uptime and trust.\n\nThe zephyr${i} keyword is unique to this note.`
    const rendered = await renderPost(markdown)
    const publishedAt = new Date(Date.UTC(2009, i - 1, 10, 12))
    await db.post.create({
      data: {
        slug: `field-note-${i}`,
        title: `Field note ${i}`,
        source: markdown,
        ...rendered,
        status: 'PUBLISHED',
        publishedAt,
        updatedAt: publishedAt,
        authorId: admin.id,
        tags: { connectOrCreate: [{ where: { slug: FIXTURE_TAG.slug }, create: FIXTURE_TAG }] },
      },
    })
  }
  console.log(`e2e fixtures: ${FIXTURE_COUNT} posts tagged ${FIXTURE_TAG.name}`)
}

await main().finally(() => db.$disconnect())
