// A reader's story: the home page lists the blog's posts; a post shows its body, then its mentions apart.
import { expect, test } from '@playwright/test'

const POST_1 = 'I know when to give away a few daisies to sell a dozen roses.'
const POST_2 = 'It is now all customers, all the time, I think'

test('the home page lists both seed posts, newest first, with author and date', async ({ page }) => {
  const response = await page.goto('/')
  expect(response?.status()).toBe(200)
  await expect(page).toHaveTitle('Rob La Gesse')
  const titles = page.getByRole('main').getByRole('heading', { level: 2 })
  await expect(titles).toHaveText([POST_2, POST_1])
  const first = page.getByRole('article', { name: POST_2 })
  await expect(first.getByText('by Rob La Gesse')).toBeVisible()
  await expect(first.locator('time')).toHaveAttribute('datetime', '2010-12-21T17:30:00.000Z')
  await expect(first.getByText(/This blog started as a diary/)).toBeVisible()
  await expect(page.locator('html')).toHaveAttribute('lang', 'en')
})

test('opening post 2 shows its body, and the Twitter mention under a Mentions heading, not in the body', async ({ page }) => {
  await page.goto('/')
  await page.getByRole('link', { name: POST_2, exact: true }).click()
  await expect(page).toHaveURL(/\/posts\/it-is-now-all-customers-all-the-time-i-think$/)
  await expect(page.getByRole('heading', { level: 1, name: POST_2 })).toBeVisible()

  const body = page.locator('.post-body')
  await expect(body).toContainText('This blog started as a diary')
  await expect(body).toContainText('what I hope I can teach through my experiences.')
  await expect(body).not.toContainText('mentioned on Twitter')

  const mentions = page.getByRole('region', { name: /Mentions/ })
  await expect(mentions.getByRole('heading', { name: 'Mentions (1)' })).toBeVisible()
  await expect(mentions).toContainText('This post was mentioned on Twitter by Ed Leafe, Rob La Gesse.')
  await expect(mentions).toContainText('Rob La Gesse said: It is now all customers, all the time, I think')
  await expect(mentions.getByText('Trackback')).toBeVisible()
  // A mention is not a comment.
  await expect(page.getByRole('region', { name: 'Comments' })).toContainText('No comments yet.')
})

test('post 1 keeps the quoted email as a blockquote', async ({ page }) => {
  await page.goto('/posts/i-know-when-to-give-away-a-few-daisies-to-sell-a-dozen-roses')
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(POST_1)
  await expect(page.locator('.post-body blockquote')).toContainText('I promise them what I will do')
  await expect(page.getByRole('region', { name: /Mentions/ })).toHaveCount(0)
})

test('an unknown address answers the 404 page with status 404', async ({ page }) => {
  for (const path of ['/no-such-page', '/posts/no-such-post']) {
    const response = await page.goto(path)
    expect(response?.status(), path).toBe(404)
    await expect(page.getByRole('heading', { level: 1, name: 'Page not found' })).toBeVisible()
    await page.getByRole('link', { name: 'Go to the home page' }).click()
    await expect(page).toHaveURL(/\/$/)
  }
})

test('pages work without JavaScript', async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false })
  const page = await context.newPage()
  await page.goto('/')
  await page.getByRole('link', { name: POST_2, exact: true }).click()
  await expect(page.getByRole('heading', { level: 1, name: POST_2 })).toBeVisible()
  await expect(page.getByRole('region', { name: /Mentions/ })).toContainText('mentioned on Twitter')
  await context.close()
})
