// Draws Daisy's default icon set into public/icons from public/icons/daisy.svg: `npx tsx scripts/make-icons.ts`.
// The files are committed; run this again only after changing the SVG. The site icon upload in Settings
// replaces them at run time through the same renderer (lib/settings/icon-files.ts).
import { readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { ICON_FILES, renderIconSet, type IconFile } from '../lib/settings/icon-files'

const dir = fileURLToPath(new URL('../public/icons', import.meta.url))
// The apple-touch icon's corners take the tile's colour: iOS rounds them itself.
const files = await renderIconSet(await readFile(join(dir, 'daisy.svg')), { appleBackground: '#8a4b00' })
for (const name of Object.keys(ICON_FILES) as IconFile[]) {
  await writeFile(join(dir, name), files[name])
  console.log(`public/icons/${name}  ${files[name].length} bytes`)
}
