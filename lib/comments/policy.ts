// The settings the moderation policy judges with: the site's lists and rules, and the instances blocked in
// Admin → Fediverse — one read for a comment, a linkback or a fediverse reply alike.
import 'server-only'
import { getAllSettings } from '@/lib/settings/queries'
import { blockedDomains } from '@/lib/federation/blocks'

export async function policySettings() {
  const [settings, domains] = await Promise.all([getAllSettings(), blockedDomains()])
  return { ...settings, blockedDomains: domains }
}
