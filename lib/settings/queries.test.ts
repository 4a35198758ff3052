// Settings as stored by the settings form (one JSON value per key) and read back for moderation, on a real database.
import { describe, expect, it } from 'vitest'
import { setSettings, storeSetting } from '@/lib/test/fixtures'
import { getAllSettings } from './queries'
import { defaultSettings } from './schema'

describe('getAllSettings', () => {
  it('answers the defaults before anything is saved, then what was saved, the moderation lists included', async () => {
    expect(await getAllSettings()).toEqual(defaultSettings)
    await setSettings({ siteTitle: 'My blog', maxLinks: 5, moderateAll: true, blocklist: 'casino\nspam.example' })
    expect(await getAllSettings()).toEqual({
      ...defaultSettings,
      siteTitle: 'My blog',
      maxLinks: 5,
      moderateAll: true,
      blocklist: 'casino\nspam.example',
    })
  })

  it('falls back to the default for a hand-edited value that no longer parses or fits, keeping the others', async () => {
    await setSettings({ tagline: 'Still here' })
    await storeSetting('timezone', '"Mars/Olympus"')
    await storeSetting('maxLinks', '{')
    const settings = await getAllSettings()
    expect(settings).toMatchObject({ timezone: defaultSettings.timezone, maxLinks: defaultSettings.maxLinks })
    expect(settings.tagline).toBe('Still here')
  })
})
