// The admin, on a laptop and on a phone: every page's controls keep a control's height, and no page scrolls sideways.
import type { Page } from '@playwright/test'
import { expect, test } from './fixtures'
import { ADMIN_ONLY_PAGES, AUTHOR_PAGES } from './helpers'

const WIDTHS = [1280, 390] as const
// A one-line input, select or button is about 40 px; anything past this was stretched by its layout.
const MAX_CONTROL_HEIGHT = 60

/** The admin pages, with one existing post, its revisions and one comment found the way a person would. */
async function adminPages(page: Page): Promise<string[]> {
  await page.goto('/admin/posts')
  await expect(page.getByRole('heading', { level: 1, name: 'Posts' })).toBeVisible()
  const postHref = await page.getByRole('table').getByRole('link').first().getAttribute('href')
  expect(postHref).toMatch(/^\/admin\/posts\/\w+$/)
  let commentHref: string | null = null
  for (const status of ['pending', 'approved', 'spam', 'trash']) {
    await page.goto(`/admin/comments?status=${status}`)
    await expect(page.getByRole('heading', { level: 1, name: 'Comments and mentions' })).toBeVisible()
    const edit = page.getByRole('link', { name: /^Edit or reply/ })
    if ((await edit.count()) > 0) {
      commentHref = await edit.first().getAttribute('href')
      break
    }
  }
  expect(commentHref, 'some comment to open').toMatch(/^\/admin\/comments\/\w+$/)
  return [
    ...AUTHOR_PAGES,
    postHref!,
    `${postHref}/revisions`,
    '/admin/comments?status=approved',
    commentHref!,
    ...ADMIN_ONLY_PAGES,
  ]
}

/** What is wrong with the page as laid out now: stretched controls, and sideways scrolling. */
async function layoutProblems(page: Page): Promise<string[]> {
  await expect(page.getByRole('heading', { level: 1 }).filter({ visible: true }).first()).toBeVisible()
  return page.evaluate((maxHeight) => {
    const problems: string[] = []
    const controls = document.querySelectorAll<HTMLElement>('input:not([type=hidden]), select, button')
    for (const control of controls) {
      const box = control.getBoundingClientRect()
      if (box.width === 0 || box.height === 0 || control.closest('[hidden]')) continue
      if (box.height > maxHeight) {
        const name = control.id || control.getAttribute('name') || control.textContent?.trim().slice(0, 30)
        problems.push(`${control.tagName.toLowerCase()} "${name}" is ${Math.round(box.height)} px tall`)
      }
    }
    const { scrollWidth } = document.documentElement
    if (scrollWidth > window.innerWidth)
      problems.push(`the page is ${scrollWidth} px wide in a ${window.innerWidth} px window`)
    return problems
  }, MAX_CONTROL_HEIGHT)
}

for (const width of WIDTHS) {
  test(`every admin page keeps its controls at a control's height and fits ${width} px`, async ({
    adminPage: page,
  }) => {
    // Sixteen pages, each laid out and measured.
    test.setTimeout(180_000)
    await page.setViewportSize({ width, height: 900 })
    const found: Record<string, string[]> = {}
    for (const path of await adminPages(page)) {
      await page.goto(path)
      const problems = await layoutProblems(page)
      if (problems.length > 0) found[path] = problems
    }
    expect(found).toEqual({})
  })

  test(`the sign-in page fits ${width} px`, async ({ page }) => {
    await page.setViewportSize({ width, height: 900 })
    await page.goto('/login')
    expect(await layoutProblems(page)).toEqual([])
    // Label above its field, the field as wide as the form.
    const email = page.getByLabel('Email')
    const label = await page.locator('label[for=email]').boundingBox()
    const input = await email.boundingBox()
    expect(input!.y).toBeGreaterThan(label!.y + label!.height - 1)
  })
}
