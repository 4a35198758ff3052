// A reader follows links to a WordPress blog that moved to Daisy: every old address form, and Daisy's own
// addresses written with a trailing slash, reach their page in one permanent redirect, never a chain or a loop.
import { execFileSync } from 'node:child_process'
import { writeFileSync } from 'node:fs'
import type { APIRequestContext } from '@playwright/test'
import { expect, test } from './fixtures'
import { e2eServerEnv } from './env'
import { field, postIdOf, redirectTarget } from './helpers'

// The old blog used both WordPress permalink styles over the years: dated, then "post name".
const item = (id: number, slug: string, link: string, date: string) => `<item><title>${slug}</title><link>${link}</link>
<dc:creator>harbourmaster</dc:creator><content:encoded><![CDATA[<p>The ${slug} post.</p>]]></content:encoded><excerpt:encoded><![CDATA[]]></excerpt:encoded>
<wp:post_id>${id}</wp:post_id><wp:post_date>${date}</wp:post_date><wp:post_date_gmt>${date}</wp:post_date_gmt><wp:comment_status>open</wp:comment_status>
<wp:ping_status>open</wp:ping_status><wp:post_name>${slug}</wp:post_name><wp:status>publish</wp:status><wp:post_parent>0</wp:post_parent>
<wp:post_type>post</wp:post_type><wp:post_password></wp:post_password><wp:is_sticky>0</wp:is_sticky>
<category domain="category" nicename="lighthouses"><![CDATA[Lighthouses]]></category><category domain="post_tag" nicename="fog"><![CDATA[Fog]]></category></item>`
const wxr = `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:excerpt="https://wordpress.org/export/1.2/excerpt/" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="https://wordpress.org/export/1.2/">
<channel><title>Harbour</title><link>http://harbour.example</link><wp:wxr_version>1.2</wp:wxr_version>
<wp:base_site_url>http://harbour.example</wp:base_site_url><wp:base_blog_url>http://harbour.example</wp:base_blog_url>
<wp:author><wp:author_login>harbourmaster</wp:author_login><wp:author_email>hm@harbour.example</wp:author_email><wp:author_display_name>Hal Harbour</wp:author_display_name></wp:author>
${item(7, 'foghorn-days', 'http://harbour.example/2011/05/04/foghorn-days/', '2011-05-04 10:00:00')}
${item(8, 'harbour-lights', 'http://harbour.example/harbour-lights/', '2012-06-01 10:00:00')}
</channel></rss>`

/** One request, one 308 straight to `to`, and `to` itself answers (no second hop, no loop). */
async function expectOneHop(request: APIRequestContext, from: string, to: string) {
  const response = await request.get(from, { maxRedirects: 0 })
  expect(response.status(), from).toBe(308)
  expect(redirectTarget(response), from).toBe(to)
  expect((await request.get(to, { maxRedirects: 0 })).status(), `${from} → ${to}`).toBe(200)
}

// One story in three steps: every check needs the import and the rename before it.
test('an old WordPress blog moves in: its addresses and ours with a trailing slash answer one 308', async ({
  adminPage: page,
  request,
}, testInfo) => {
  test.setTimeout(90_000)
  await test.step('the old blog is imported, and one of its posts renamed since', async () => {
    const file = testInfo.outputPath('harbour.xml')
    writeFileSync(file, wxr)
    const output = execFileSync('npm', ['run', '-s', 'import:wxr', '--', file], {
      env: { ...process.env, ...e2eServerEnv },
      encoding: 'utf8',
    })
    expect(output).toMatch(/posts +2 new/)

    await page.goto(`/admin/posts/${await postIdOf('harbour-lights')}`)
    await field(page, 'Slug').fill('harbour-lights-at-dusk')
    await page.getByRole('button', { name: 'Update' }).click()
    await expect(page.getByRole('status').filter({ hasText: 'Published.' })).toBeVisible()
  })

  await test.step('every old WordPress address answers one 308 to the new one', async () => {
    for (const [from, to] of [
      ['/2011/05/04/foghorn-days/', '/posts/foghorn-days'],
      ['/2011/05/04/foghorn-days', '/posts/foghorn-days'],
      ['/harbour-lights/', '/posts/harbour-lights-at-dusk'],
      ['/harbour-lights', '/posts/harbour-lights-at-dusk'],
      ['/posts/harbour-lights/', '/posts/harbour-lights-at-dusk'],
      ['/posts/harbour-lights', '/posts/harbour-lights-at-dusk'],
      ['/category/lighthouses/', '/tags/lighthouses'],
      ['/category/lighthouses/feed/', '/tags/lighthouses/feed.xml'],
      ['/tag/fog/', '/tags/fog'],
      ['/author/harbourmaster/', '/authors/harbourmaster'],
      ['/feed/', '/feed.xml'],
      ['/feed/atom/', '/atom.xml'],
    ])
      await expectOneHop(request, from!, to!)
  })

  await test.step("Daisy's own addresses with a trailing slash answer one 308 to the address without it", async () => {
    const withSlash = [
      '/posts/foghorn-days/',
      '/archive/',
      '/tags/fog/',
      '/authors/harbourmaster/',
      '/feed.xml/',
      // The query goes along, as it did with Next's own trailing-slash redirect.
      '/archive/?from=old-blog',
    ]
    for (const from of withSlash) await expectOneHop(request, from, from.replace(/\/(?=\?|$)/, ''))
    // An address that is nothing ends in a 404, not in a loop.
    const unknown = await request.get('/2011/05/04/no-such-post/', { maxRedirects: 5 })
    expect(unknown.status()).toBe(404)
  })
})
