// The site icon: every page links it, browsers find it without a 404, and the admin replaces it and goes back.
import sharp from 'sharp'
import type { APIRequestContext, Page } from '@playwright/test'
import { expect, test } from './fixtures'
import { field } from './helpers'

// The icon is one per blog: these tests run one after the other (in one worker), none depending on another.
test.describe.configure({ mode: 'default' })

async function bytesOf(request: APIRequestContext, url: string): Promise<Buffer> {
  const response = await request.get(url)
  expect(response.status(), url).toBe(200)
  return response.body()
}

/** The icon addresses a page's <head> names. */
async function headIcons(page: Page) {
  return page.evaluate(() => {
    const href = (selector: string) =>
      [...document.head.querySelectorAll<HTMLLinkElement>(selector)].map((l) => l.getAttribute('href')!)
    return {
      icon: href('link[rel=icon]'),
      apple: href('link[rel=apple-touch-icon]'),
      manifest: href('link[rel=manifest]'),
    }
  })
}

test('the favicon, the apple-touch icon and the manifest answer with their types', async ({ request }) => {
  const favicon = await request.get('/favicon.ico')
  expect(favicon.status()).toBe(200)
  expect(favicon.headers()['content-type']).toBe('image/x-icon')
  // A real ICO: reserved 0, type 1 (icon), and PNG images inside.
  const ico = await favicon.body()
  expect([ico.readUInt16LE(0), ico.readUInt16LE(2)]).toEqual([0, 1])
  expect(ico.readUInt16LE(4)).toBeGreaterThanOrEqual(1)

  const apple = await request.get('/apple-touch-icon.png')
  expect(apple.status()).toBe(200)
  expect(apple.headers()['content-type']).toBe('image/png')
  expect((await sharp(await apple.body()).metadata()).width).toBe(180)

  const manifest = await request.get('/manifest.webmanifest')
  expect(manifest.status()).toBe(200)
  expect(manifest.headers()['content-type']).toMatch(/^application\/manifest\+json/)
  const json = (await manifest.json()) as {
    name: string
    short_name: string
    theme_color: string
    icons: { src: string; sizes: string; type: string }[]
  }
  expect(json.name).toBeTruthy()
  expect(json.short_name.length).toBeLessThanOrEqual(12)
  expect(json.theme_color).toBe('#fdfcf8')
  expect(json.icons.map((i) => i.sizes)).toEqual(['192x192', '512x512'])
  for (const icon of json.icons) {
    const response = await request.get(icon.src)
    expect(response.headers()['content-type']).toBe(icon.type)
    expect(
      `${(await sharp(await response.body()).metadata()).width}x${(await sharp(await response.body()).metadata()).height}`,
    ).toBe(icon.sizes)
  }
})

test('every page links the icons, and a page view logs no 404', async ({ page }) => {
  const problems: string[] = []
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console: ${message.text()}`)
  })
  page.on('response', (response) => {
    if (response.status() >= 400) problems.push(`${response.status()} ${response.url()}`)
  })
  await page.goto('/')
  const postHref = await page.getByRole('article').getByRole('link').first().getAttribute('href')
  for (const path of ['/', postHref!, '/login']) {
    await page.goto(path)
    // The browser asks for the tab icon by itself after the page (without a link, /favicon.ico): give a 404
    // the time to reach the console.
    await page.waitForEvent('console', { predicate: (m) => m.type() === 'error', timeout: 1500 }).catch(() => undefined)
    expect(problems, path).toEqual([])
    const links = await headIcons(page)
    expect(
      links.icon.some((href) => href.startsWith('/favicon.ico')),
      path,
    ).toBe(true)
    expect(links.apple, path).toEqual([expect.stringMatching(/^\/apple-touch-icon\.png/)])
    expect(links.manifest, path).toEqual(['/manifest.webmanifest'])
    for (const href of [...links.icon, ...links.apple]) expect((await page.request.get(href)).status(), href).toBe(200)
  }
})

test('the admin replaces the icon in Settings, every size follows, and removing it brings the daisy back', async ({
  adminPage: page,
}) => {
  const daisy = {
    favicon: await bytesOf(page.request, '/favicon.ico'),
    apple: await bytesOf(page.request, '/apple-touch-icon.png'),
    manifest192: await bytesOf(page.request, '/site-icon/icon-192.png'),
  }
  await page.goto('/admin/settings')
  const form = page.getByRole('form', { name: 'Site icon' })
  await expect(form.getByText('Daisy’s own icon')).toBeVisible()

  // Not an image: refused, nothing changes.
  await field(page, 'New icon').setInputFiles({
    name: 'icon.png',
    mimeType: 'image/png',
    buffer: Buffer.from('not really a png'),
  })
  await form.getByRole('button', { name: 'Upload icon' }).click()
  await expect(form.locator('#icon-error')).toHaveText(/not an image/)
  await expect(field(page, 'New icon')).toHaveAttribute('aria-invalid', 'true')
  expect(await bytesOf(page.request, '/favicon.ico')).toEqual(daisy.favicon)

  // An SVG is drawn into pixels for every size.
  const svg =
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><rect width="10" height="10" fill="#1565c0"/><circle cx="5" cy="5" r="3" fill="#fff"/></svg>'
  await field(page, 'New icon').setInputFiles({ name: 'mine.svg', mimeType: 'image/svg+xml', buffer: Buffer.from(svg) })
  await form.getByRole('button', { name: 'Upload icon' }).click()
  await expect(form.getByRole('status')).toHaveText(/The new icon is in place/)
  await expect(form.getByText('Your icon')).toBeVisible()

  const favicon = await bytesOf(page.request, '/favicon.ico')
  expect(favicon).not.toEqual(daisy.favicon)
  expect([favicon.readUInt16LE(0), favicon.readUInt16LE(2)]).toEqual([0, 1])
  const apple = await bytesOf(page.request, '/apple-touch-icon.png')
  expect(apple).not.toEqual(daisy.apple)
  // The centre of the apple-touch icon is the upload's white dot, its edge the blue square.
  const { data, info } = await sharp(apple).raw().toBuffer({ resolveWithObject: true })
  const pixel = (x: number, y: number) => [
    ...data.subarray((y * info.width + x) * info.channels, (y * info.width + x) * info.channels + 3),
  ]
  expect(pixel(90, 90)).toEqual([255, 255, 255])
  expect(pixel(2, 2)).toEqual([0x15, 0x65, 0xc0])
  expect(await bytesOf(page.request, '/site-icon/icon-192.png')).not.toEqual(daisy.manifest192)

  // Pages and the manifest name the new version, so no browser keeps the old file.
  await page.goto('/')
  const links = await headIcons(page)
  expect(links.icon[0]).toMatch(/^\/favicon\.ico\?v=[0-9a-f]{16}$/)
  expect(links.icon.some((href) => href.endsWith('.svg'))).toBe(false)
  expect(await bytesOf(page.request, links.icon[0]!)).toEqual(favicon)
  const manifest = (await (await page.request.get('/manifest.webmanifest')).json()) as { icons: { src: string }[] }
  expect(manifest.icons[0]!.src).toContain(links.icon[0]!.split('?')[1])

  // Removing it brings Daisy's own back everywhere.
  await page.goto('/admin/settings')
  await form.getByRole('button', { name: 'Remove icon and use Daisy’s' }).click()
  await expect(form.getByRole('status')).toHaveText(/Daisy’s own icon is back/)
  await expect(form.getByRole('button', { name: /Remove icon/ })).toHaveCount(0)
  expect(await bytesOf(page.request, '/favicon.ico')).toEqual(daisy.favicon)
  expect(await bytesOf(page.request, '/apple-touch-icon.png')).toEqual(daisy.apple)
  expect(await bytesOf(page.request, '/site-icon/icon-192.png')).toEqual(daisy.manifest192)
  await page.goto('/')
  expect((await headIcons(page)).icon[0]).toBe('/favicon.ico?v=default')
  const back = (await (await page.request.get('/manifest.webmanifest')).json()) as { icons: { src: string }[] }
  expect(back.icons[0]!.src).toBe('/site-icon/icon-192.png?v=default')
})

test('only an ADMIN changes the icon: the upload action called without a session or by an AUTHOR changes nothing', async ({
  browser,
  adminPage: admin,
  authorPage,
}) => {
  // The action's id, from the admin's own (empty) submission.
  await admin.goto('/admin/settings')
  const form = admin.getByRole('form', { name: 'Site icon' })
  const submitted = admin.waitForRequest((r) => r.method() === 'POST' && !!r.headers()['next-action'])
  await form.getByRole('button', { name: 'Upload icon' }).click()
  const actionId = (await submitted).headers()['next-action']!
  await expect(form.locator('#icon-error')).toHaveText('Choose an image to upload.')
  const daisy = await bytesOf(admin.request, '/favicon.ico')

  // The forged call is well-formed: made by the admin, it does replace the icon. Then the daisy again.
  expect((await callUpload(admin, actionId)).status()).toBe(200)
  expect(await bytesOf(admin.request, '/favicon.ico')).not.toEqual(daisy)
  await admin.reload()
  await form.getByRole('button', { name: 'Remove icon and use Daisy’s' }).click()
  await expect(form.getByRole('status')).toHaveText(/Daisy’s own icon is back/)
  expect(await bytesOf(admin.request, '/favicon.ico')).toEqual(daisy)

  const anonymousContext = await browser.newContext()
  const anonymous = await anonymousContext.newPage()
  expect((await callUpload(anonymous, actionId, '/')).status()).toBeLessThan(500)
  expect(await bytesOf(anonymous.request, '/favicon.ico')).toEqual(daisy)

  await authorPage.goto('/admin/settings')
  await expect(authorPage.getByRole('heading', { level: 1 })).toHaveText('Not allowed')
  expect((await callUpload(authorPage, actionId)).status()).toBeLessThan(500)
  expect(await bytesOf(authorPage.request, '/favicon.ico')).toEqual(daisy)
  await anonymousContext.close()
})

/**
 * Calls the icon upload action directly, as a script would: posted to the settings page, the one page whose
 * bundle holds the action (an AUTHOR's cookie gets past the proxy there, so only the action's own check
 * stands in the way; an anonymous call goes to the home page, which the proxy never guards). The body is what React sends for
 * `(prevState, formData)`: the form's fields under the `_1_` prefix, then the arguments; in that order,
 * since the server reads the arguments as soon as they arrive.
 */
function callUpload(page: Page, actionId: string, path = '/admin/settings') {
  const svg =
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 8 8"><rect width="8" height="8" fill="#c62828"/></svg>'
  const body = new FormData()
  body.append('_1_icon', new File([svg], 'red.svg', { type: 'image/svg+xml' }))
  body.append('_1_intent', 'upload')
  body.append('0', '[{},"$K1"]')
  return page.request.post(path, {
    headers: { 'next-action': actionId, accept: 'text/x-component' },
    multipart: body,
    maxRedirects: 0,
  })
}
