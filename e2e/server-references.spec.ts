// What the build exposes as server references (callable by anyone with a POST and a `Next-Action` header):
// the server actions Daisy means to offer, and its cached reads, which must refuse arguments the site never
// passes (each new argument would be a new cache entry).
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { expect, test } from '@playwright/test'
import { e2eServerEnv } from './env'

type Manifest = { node: Record<string, { filename: string; exportedName: string }> }

function references() {
  const file = join(e2eServerEnv.DAISY_DIST_DIR!, 'server', 'server-reference-manifest.json')
  const manifest = JSON.parse(readFileSync(file, 'utf8')) as Manifest
  return Object.entries(manifest.node).map(([id, { filename, exportedName }]) => ({ id, filename, exportedName }))
}

/** Each file's server actions by name, and how many cached reads it has (Next numbers them, names them not). */
const EXPECTED: Record<string, string[] | number> = {
  'lib/comments/actions.ts': [
    'approveComment',
    'bulkModerate',
    'editComment',
    'emptyComments',
    'replyAsAuthor',
    'setCommentStatus',
    'submitComment',
  ],
  'lib/comments/mail-actions.ts': ['confirmFromMail', 'endAllFromMail', 'endFromMail', 'moderateFromMail'],
  'lib/federation/actions.ts': [
    'acceptFollower',
    'blockFollower',
    'blockTarget',
    'cancelMove',
    'dismissReport',
    'importBlocklist',
    'moveAccount',
    'removeFollower',
    'retryInstance',
    'unblock',
  ],
  'lib/mail/actions.ts': ['sendAgain'],
  'lib/media/actions.ts': ['deleteMedia', 'uploadMedia'],
  'lib/posts/actions.ts': [
    'autosaveDraft',
    'deletePostForever',
    'previewMarkdown',
    'restorePost',
    'restoreRevision',
    'savePostAction',
    'trashPost',
  ],
  'lib/posts/unlock-action.ts': ['unlockPost'],
  'lib/settings/actions.ts': ['updateSettings'],
  'lib/settings/icon-actions.ts': ['updateSiteIcon'],
  'lib/users/actions.ts': [
    'changePassword',
    'changeRole',
    'createUser',
    'endSessions',
    'removeUser',
    'resendInvitation',
    'resetPassword',
    'updateProfile',
  ],
  'lib/users/notify-actions.ts': ['updateNotifications'],
  'lib/users/password-actions.ts': ['requestReset', 'setPasswordFromLink'],
  // Cached reads ('use cache'), each checking its arguments (lib/cache/args.ts).
  'lib/comments/queries.ts': 5,
  'lib/feeds/queries.ts': 2,
  'lib/federation/post-read.ts': 2,
  'lib/media/queries.ts': 1,
  'lib/posts/archive.ts': 5,
  'lib/posts/pages.ts': 2,
  'lib/posts/queries.ts': 5,
  'lib/search/queries.ts': 1,
  'lib/settings/queries.ts': 1,
  'lib/settings/site-icon.ts': 1,
}

test('the build exposes exactly the server actions and cached reads Daisy means to', () => {
  const found: Record<string, string[] | number> = {}
  for (const { filename, exportedName } of references()) {
    if (exportedName.startsWith('$$RSC_SERVER_CACHE_')) found[filename] = ((found[filename] as number) ?? 0) + 1
    else found[filename] = [...((found[filename] as string[]) ?? []), exportedName].sort()
  }
  expect(found).toEqual(EXPECTED)
})

test('a cached read called by its id with arguments the site never passes is refused, and nothing is cached', async ({
  request,
}) => {
  const cached = references().filter((r) => r.exportedName.startsWith('$$RSC_SERVER_CACHE_'))
  const junk = [[{ limit: 7777 }], [{ page: 1, pageSize: 5000 }], ['x'.repeat(5000)], [{ postId: 'p', maxDepth: 999 }]]
  for (const { id, filename } of cached) {
    for (const args of junk) {
      const response = await request.post('/', {
        headers: { 'next-action': id, 'content-type': 'text/plain;charset=UTF-8', accept: 'text/x-component' },
        data: JSON.stringify(args),
      })
      const body = await response.text()
      // Whatever Next answers for a refused call, it carries no rows and no internal error text.
      expect(body, `${filename} ${JSON.stringify(args).slice(0, 40)}`).not.toMatch(/"slug"|"html"|ZodError|prisma/i)
    }
  }
})
