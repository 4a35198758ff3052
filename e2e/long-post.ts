// A realistic busy post, for measuring the reader's page: about 1,500 words, 50 comments (10 of them
// replies), 3 pingbacks and 2 trackbacks. `npx tsx e2e/long-post.ts` adds it to the DATABASE_URL database.
import '../scripts/lib/load-env.mjs'
import { db } from '../lib/db'
import { renderPost } from '../lib/content/markdown'
import { renderComment } from '../lib/comments/render'

export const LONG_POST = { slug: 'fifty-comments-on-customer-service', title: 'What fifty readers taught me about customer service' }

const WORDS = (
  'customer service support trust team cloud server uptime outage ticket promise brand social media twitter ' +
  'event sponsor community help learn story company chairman email guarantee daisies roses business knowledge ' +
  'share open hosting data center network phone call answer problem solve fix care listen people growth hire ' +
  'conference travel startup founder product launch feedback review quality speed the a of and to in that we ' +
  'our they when what every because never always about with from their would could should'
).split(' ')

/** mulberry32: the same post every run. */
function random(seed: number) {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}
const rand = random(7)
const pick = <T,>(list: T[]) => list[Math.floor(rand() * list.length)]!
const sentence = (n: number) => {
  const words = Array.from({ length: n }, () => pick(WORDS))
  return words[0]![0]!.toUpperCase() + words.join(' ').slice(1) + '.'
}
const paragraph = (sentences: number) => Array.from({ length: sentences }, () => sentence(8 + Math.floor(rand() * 10))).join(' ')

function body(): string {
  const parts: string[] = []
  for (let section = 1; section <= 5; section++) {
    parts.push(`## ${sentence(4).slice(0, -1)}`)
    for (let p = 0; p < 4; p++) parts.push(paragraph(4 + Math.floor(rand() * 3)))
    if (section === 2) parts.push(`> ${paragraph(2)}`)
    if (section === 3) parts.push(['- ' + sentence(6), '- ' + sentence(7), '- ' + sentence(5)].join('\n'))
    if (section === 4) parts.push(`Read more on [the support blog](https://example.com/support) and in \`ticket-42\`.`)
  }
  return parts.join('\n\n')
}

async function main() {
  const admin = await db.user.findFirstOrThrow({ where: { role: 'ADMIN' } })
  await db.post.deleteMany({ where: { slug: LONG_POST.slug } })
  // Exactly 1,537 words, as the real post it stands for: words come off the last paragraph.
  let markdown = body()
  let rendered = await renderPost(markdown)
  for (let tries = 0; rendered.wordCount !== 1537 && tries < 20; tries++) {
    const extra = rendered.wordCount - 1537
    if (extra < 0) markdown += ` ${Array.from({ length: -extra }, () => pick(WORDS)).join(' ')}.`
    else markdown = markdown.split(' ').slice(0, -extra).join(' ') + '.'
    rendered = await renderPost(markdown)
  }
  const publishedAt = new Date(Date.now() - 3 * 86_400_000)
  const post = await db.post.create({
    data: {
      slug: LONG_POST.slug,
      title: LONG_POST.title,
      source: markdown,
      ...rendered,
      status: 'PUBLISHED',
      publishedAt,
      updatedAt: publishedAt,
      authorId: admin.id,
      tags: { connectOrCreate: [{ where: { slug: 'customer-service' }, create: { slug: 'customer-service', name: 'Customer service' } }] },
    },
  })
  const ids: string[] = []
  for (let n = 0; n < 50; n++) {
    const isReply = n >= 5 && n % 5 === 0
    const text = Array.from({ length: 1 + Math.floor(rand() * 3) }, () => paragraph(1 + Math.floor(rand() * 3))).join('\n\n')
    const at = new Date(publishedAt.getTime() + (n + 1) * 37 * 60_000)
    const c = await db.comment.create({
      data: {
        postId: post.id,
        parentId: isReply ? ids[n - 1 - Math.floor(rand() * 3)] : null,
        kind: 'COMMENT',
        status: 'APPROVED',
        authorName: `${pick(['Ana', 'Ben', 'Chloé', 'Dev', 'Eli', 'Fatima', 'Gus', 'Hana'])} ${pick(['Ng', 'Smith', 'Okafor', 'Lopez', 'Ivanova', 'Berg'])}`,
        authorEmail: `reader${n}@example.com`,
        authorUrl: n % 3 === 0 ? `https://reader${n}.example.net/` : null,
        userId: n % 11 === 0 ? admin.id : null,
        content: text,
        html: await renderComment(text),
        createdAt: at,
        updatedAt: at,
      },
      select: { id: true },
    })
    ids.push(c.id)
  }
  const mentions = [
    ['PINGBACK', 'Weekly links: service and trust', 'Linkroll'],
    ['PINGBACK', 'Why support is marketing', 'The Ops Diary'],
    ['PINGBACK', 'Notes from the help desk', 'Desk Notes'],
    ['TRACKBACK', 'Fifty comments and counting', 'Another Blog'],
    ['TRACKBACK', 'Roses, daisies and customers', 'Garden of Business'],
  ] as const
  for (const [i, [kind, title, blog]] of mentions.entries()) {
    const at = new Date(publishedAt.getTime() + (i + 1) * 5 * 3_600_000)
    const excerpt = paragraph(2)
    await db.comment.create({
      data: {
        postId: post.id, kind, status: 'APPROVED', authorName: blog, content: excerpt, html: `<p>${excerpt}</p>`,
        sourceUrl: `https://blog${i}.example.org/${title.toLowerCase().replace(/\W+/g, '-')}`, sourceTitle: title, blogName: blog,
        createdAt: at, updatedAt: at,
      },
    })
  }
  console.log(`long post: /posts/${LONG_POST.slug}, ${rendered.wordCount} words, 50 comments (10 replies), 3 pingbacks, 2 trackbacks`)
}

await main().finally(() => db.$disconnect())
