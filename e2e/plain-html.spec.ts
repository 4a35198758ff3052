// Reader pages as plain HTML (DAISY_READER_JS=plain, server/plain-html.ts): the same build and database served
// by a second server whose page cache takes Next's client runtime out of every public page it keeps.
import type { ChildProcess } from 'node:child_process'
import { expect, test } from './fixtures'
import { POST_1, POST_2 } from './content'
import { E2E_PORT } from './env'
import { startSecondServer, stopSecondServer } from './second-server'
import { backdateFormToken, postIdOf } from './helpers'

test.describe('reader pages without the framework runtime', () => {
  test.describe.configure({ mode: 'default' })
  const port = E2E_PORT + 5
  const origin = `http://localhost:${port}`
  let server: ChildProcess

  test.beforeAll(async () => {
    server = await startSecondServer(port, { DAISY_READER_JS: 'plain' })
  })
  test.afterAll(() => stopSecondServer(server))

  test('home, a post with its responses, a tag page and a search load no framework script, and log no error', async ({
    browser,
  }) => {
    const page = await browser.newPage()
    const scripts: string[] = []
    const errors: string[] = []
    page.on('request', (request) => request.resourceType() === 'script' && scripts.push(request.url()))
    page.on('console', (message) => message.type() === 'error' && errors.push(message.text()))
    page.on('pageerror', (error) => errors.push(error.message))
    for (const path of ['/', `/posts/${POST_2.slug}`, '/tags/customer-service', '/search/customer']) {
      // The first answer fills the page cache, the second comes from it: neither carries the runtime.
      for (const round of ['first', 'cached']) {
        const response = await page.goto(`${origin}${path}`)
        expect(response?.status(), `${path} ${round}`).toBe(200)
        const html = await response!.text()
        expect(html, `${path} ${round}`).not.toMatch(/<script[^>]+src="\/_next\/|self\.__next_f|<link[^>]+as="script"/)
        await expect(page.locator('main')).toBeVisible()
      }
    }
    // The comment form's own script, on the post page only.
    expect([...new Set(scripts.map((url) => new URL(url).pathname))]).toEqual([
      expect.stringMatching(/^\/_daisy\/comments-[\w-]+\.js$/),
    ])
    expect(errors).toEqual([])
    await page.close()
  })

  test('an unknown address is answered 404 with the site’s “Page not found” page, readable without JavaScript', async ({
    browser,
  }) => {
    // Next 16.3+ answers notFound() with an empty document (vercel/next.js#62228); the page cache answers it
    // with the not-found page instead, as plain HTML like every reader page.
    const context = await browser.newContext({ javaScriptEnabled: false })
    const page = await context.newPage()
    for (const path of ['/posts/no-such-post', '/tags/no-such-tag', '/no-such-page', '/a/b/c']) {
      const response = await page.goto(`${origin}${path}`)
      expect(response?.status(), path).toBe(404)
      expect(await response!.text(), path).not.toMatch(/__next_error__|<script[^>]+src="\/_next\//)
      await expect(page.getByRole('heading', { level: 1, name: 'Page not found' })).toBeVisible()
      await expect(page.getByRole('link', { name: 'Go to the home page' })).toBeVisible()
    }
    await context.close()
  })

  test('the comment form works there as it does without JavaScript: a rejected comment keeps its text, a sent one is held', async ({
    browser,
  }) => {
    const page = await browser.newPage()
    const path = `/posts/${POST_1.slug}`
    await page.goto(`${origin}${path}`)
    await page.goto(`${origin}${path}`)
    await backdateFormToken(page, await postIdOf(POST_1.slug))
    const form = page.locator('form.comment-form')
    await form.getByLabel('Comment', { exact: true }).fill('Plain pages, plain forms.')
    await form.getByLabel('Name', { exact: true }).fill('Pat Plain')
    await form.getByLabel('Email', { exact: true }).fill('not-an-email')
    await form.getByRole('button', { name: 'Post comment' }).click()
    await expect(page.getByText('Enter a valid email address (it is never shown)')).toBeVisible()
    await expect(page.locator('form.comment-form').getByLabel('Comment', { exact: true })).toHaveValue(
      'Plain pages, plain forms.',
    )
    await backdateFormToken(page, await postIdOf(POST_1.slug))
    await page.locator('form.comment-form').getByLabel('Email', { exact: true }).fill(`pat.${Date.now()}@example.com`)
    await page.locator('form.comment-form').getByRole('button', { name: 'Post comment' }).click()
    await expect(page.getByText('Your comment is awaiting moderation.', { exact: true })).toBeVisible()
    await page.close()
  })

  test('DAISY_READER_JS=next sends the pages as Next makes them, runtime and all', async ({ browser }) => {
    const withRuntime = await startSecondServer(E2E_PORT + 6, { DAISY_READER_JS: 'next' })
    try {
      const home = await (await fetch(`http://localhost:${E2E_PORT + 6}/`)).text()
      expect(home).toContain('<script src="/_next/static/')
      expect(home).not.toContain('/_daisy/')
      // Its not-found page hydrates at the address asked for (the document is the one Next made for the
      // unmatched address), with and without JavaScript.
      for (const javaScriptEnabled of [true, false]) {
        const context = await browser.newContext({ javaScriptEnabled })
        const page = await context.newPage()
        const errors: string[] = []
        page.on('pageerror', (error) => errors.push(error.message))
        const url = `http://localhost:${E2E_PORT + 6}/posts/no-such-post`
        expect((await page.goto(url))?.status()).toBe(404)
        await expect(page.getByRole('heading', { level: 1, name: 'Page not found' })).toBeVisible()
        await page.getByRole('link', { name: 'Go to the home page' }).hover()
        expect(page.url()).toBe(url)
        expect(errors).toEqual([])
        await context.close()
      }
    } finally {
      await stopSecondServer(withRuntime)
    }
  })

  test('the admin area keeps its runtime', async ({ adminPage }) => {
    const scripts: string[] = []
    adminPage.on('request', (request) => request.resourceType() === 'script' && scripts.push(request.url()))
    await adminPage.goto(`${origin}/admin`)
    await expect(adminPage.getByRole('heading', { level: 1, name: 'Dashboard' })).toBeVisible()
    expect(scripts.some((url) => url.includes('/_next/static/'))).toBe(true)
  })
})
