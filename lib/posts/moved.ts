// Where an old address of the blog lives now: an imported post's or page's permalink, a renamed post's old
// address, or an old /wp-content/uploads/ file that the import stored a copy of.
import 'server-only'
import { findRedirect } from './queries'
import { findImportedMedia } from '@/lib/media/queries'

export async function findMovedTarget(oldPath: string): Promise<string | null> {
  return oldPath.startsWith('/wp-content/uploads/') ? findImportedMedia(oldPath) : findRedirect(oldPath)
}
