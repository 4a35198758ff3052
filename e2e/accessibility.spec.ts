// WCAG 2.2 AA, checked by axe-core on the pages readers meet, in light and dark colour schemes.
import AxeBuilder from '@axe-core/playwright'
import { expect, test } from '@playwright/test'
import { POST_2 } from './content'

const pages = [
  '/',
  `/posts/${POST_2.slug}`,
  '/tags/customer-service',
  '/search?q=customer',
  '/no-such-page',
  '/archive',
]

for (const colorScheme of ['light', 'dark'] as const) {
  test.describe(`${colorScheme} scheme`, () => {
    test.use({ colorScheme })
    for (const path of pages) {
      test(`${path} has no WCAG 2.2 AA violations`, async ({ page }) => {
        await page.goto(path)
        const results = await new AxeBuilder({ page })
          .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'])
          .analyze()
        expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual(
          [],
        )
      })
    }
  })
}

test('the layout holds at 320 px without horizontal scrolling', async ({ page }) => {
  await page.setViewportSize({ width: 320, height: 640 })
  for (const path of ['/', `/posts/${POST_2.slug}`, '/search?q=customer']) {
    await page.goto(path)
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    )
    expect(overflow, path).toBeLessThanOrEqual(0)
  }
})
