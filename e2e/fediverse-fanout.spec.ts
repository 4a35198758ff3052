// The fan-out of a post to many servers, in the counts the benchmark measures at scale (`npm run bench -- --only
// federation`, 10,000 followers over 1,000 instances): 200 followers over 20 simulated instances on their own
// loopback addresses (e2e/fediverse/instances.ts, 127.30.0.x). The post is published from the editor as an author
// would; every instance must then take exactly one Create of it, at its shared inbox, signed draft-cavage as the
// blog (checked by the instance against the key the blog publishes), and none twice.
import { expect, test } from './fixtures'
import { readDb, writeDb } from './db'
import { field } from './helpers'
import { blogKeyFetcher, startInstances, type Instances } from './fediverse/instances'

const INSTANCES = 20
const FOLLOWERS_PER_INSTANCE = 10
// 127.30.x.y: apart from the peer of fediverse.spec.ts (127.0.0.2) and the bench's instances.
const NET = 30

test.describe('a post fanned out to many servers', () => {
  let instances: Instances | undefined

  test.afterAll(async () => {
    if (!instances) return
    const origins = instances.list.map((i) => i.origin)
    // Followers gone first, so no new post (another spec's) fans out to them; then the deliveries already queued
    // for them (another spec's post published meanwhile) are let through before the servers close.
    await writeDb((db) =>
      db.follower.deleteMany({ where: { remoteId: { in: instances!.followerRows('blog').map((f) => f.remoteId) } } }),
    )
    await expect
      .poll(
        () =>
          readDb((db) =>
            db.job.count({
              where: {
                kind: 'fediverse',
                status: { in: ['QUEUED', 'RUNNING'] },
                OR: origins.map((origin) => ({ payload: { contains: origin } })),
              },
            }),
          ),
        { timeout: 30_000 },
      )
      .toBe(0)
    await instances.close()
  })

  test('200 followers on 20 servers: each server takes one Create, signed as the blog, none twice', async ({
    adminPage: admin,
  }) => {
    test.setTimeout(120_000)
    instances = await startInstances({
      count: INSTANCES,
      followersPerInstance: FOLLOWERS_PER_INSTANCE,
      net: NET,
      keyOf: blogKeyFetcher(),
    })
    const rows = instances.followerRows('blog')
    await writeDb((db) => db.follower.createMany({ data: rows }))
    expect(rows).toHaveLength(200)

    const title = `Fan-out to twenty servers ${Date.now()}`
    await admin.goto('/admin/posts/new')
    await field(admin, 'Title').fill(title)
    await field(admin, 'Body (Markdown)').fill('One post, two hundred followers, twenty servers.')
    await admin.getByRole('button', { name: 'Publish now' }).click()
    await expect(admin).toHaveURL(/\/admin\/posts\/\w+\?saved=1$/)
    const postId = /\/admin\/posts\/(\w+)\?/.exec(admin.url())![1]!
    const { slug } = await readDb((db) => db.post.findUniqueOrThrow({ where: { id: postId }, select: { slug: true } }))
    const objectId = new URL(`/posts/${slug}`, admin.url()).href

    try {
      await instances.waitForAll('Create', objectId, 60_000)
      // The post's job and every delivery it queued have ended: a second Create would have come by now.
      await expect
        .poll(
          () =>
            readDb((db) =>
              db.job.count({
                where: {
                  status: { in: ['QUEUED', 'RUNNING'] },
                  OR: [
                    { kind: 'fediverse-post', key: postId },
                    ...instances!.list.map((i) => ({ kind: 'fediverse', payload: { contains: i.origin } })),
                  ],
                },
              }),
            ),
          { timeout: 30_000 },
        )
        .toBe(0)
      expect(instances.countsOf('Create', objectId)).toEqual(Array(INSTANCES).fill(1))
      for (const instance of instances.list) {
        const creates = instance.deliveries.filter((d) => d.type === 'Create' && d.objectId === objectId)
        // To the shared inbox, never to each follower's own; signed with the blog's key (verified on arrival).
        expect(creates.map((d) => d.path)).toEqual(['/inbox'])
        expect(creates[0]!.keyId).toMatch(/\/fediverse\/blog#main-key$/)
      }
      // Nothing refused but first knocks signed RFC 9421 (a Mastodon before 4.5 asks for draft-cavage again).
      expect(instances.refused.filter((r) => !/RFC 9421/.test(r.reason))).toEqual([])
      expect(instances.errors).toEqual([])
    } finally {
      await writeDb(async (db) => {
        await db.federatedPost.deleteMany({ where: { postId } })
        await db.post.deleteMany({ where: { id: postId } })
      })
    }
  })
})
