// The approve / spam / trash links in the mail an author gets about a response. Each link is single-use and
// expires (lib/auth/link-tokens.ts); opening it only shows what it would do, and the change happens when the
// button on that page is pressed, so a mail scanner that fetches every link changes nothing. No session is
// needed: the link stands for the user it was sent to, who must still be allowed to moderate the comment.
import 'server-only'
import { db } from '@/lib/db'
import { checkLinkToken, linkProblem, redeemLinkToken } from '@/lib/auth/link-tokens'
import { publicPath } from '@/lib/posts/public-path'
import { setStatus } from './status'

export const LINK_STATUSES = ['APPROVED', 'SPAM', 'TRASH'] as const
export type LinkStatus = (typeof LINK_STATUSES)[number]

export type ModerationLink =
  | {
      ok: true
      status: LinkStatus
      user: { id: string; name: string }
      comment: {
        id: string
        postId: string
        status: string
        kind: string
        authorName: string
        html: string
        post: { title: string; slug: string; type: 'POST' | 'PAGE' }
      }
    }
  | { ok: false; message: string }

/** What the link would do, checked as the button will check it, without using the link. */
export async function readModerationLink(token: string, now = new Date()): Promise<ModerationLink> {
  const check = await checkLinkToken(token, 'moderate', now)
  if (!check.ok) return { ok: false, message: linkProblem(check.reason, 'moderation') }
  const [commentId, status] = (check.subject ?? '').split(' ')
  const [user, comment] = await Promise.all([
    db.user.findUnique({ where: { id: check.userId }, select: { id: true, name: true, role: true } }),
    db.comment.findUnique({
      where: { id: commentId ?? '' },
      select: {
        id: true,
        postId: true,
        status: true,
        kind: true,
        authorName: true,
        html: true,
        post: { select: { title: true, slug: true, type: true, authorId: true } },
      },
    }),
  ])
  if (!comment) return { ok: false, message: 'That comment no longer exists.' }
  if (!user || (user.role !== 'ADMIN' && comment.post.authorId !== user.id))
    return { ok: false, message: 'The account this link was sent to may no longer moderate this comment.' }
  if (!LINK_STATUSES.includes(status as LinkStatus)) return { ok: false, message: linkProblem('unknown', 'moderation') }
  return { ok: true, status: status as LinkStatus, user, comment }
}

/** Uses the link: the comment moves to the link's status, once (the caller expires the tags it names). */
export async function moderateWithLink(
  token: string,
  now = new Date(),
): Promise<{ ok: true; status: LinkStatus; path: string; touched: string[] } | { ok: false; message: string }> {
  const link = await readModerationLink(token, now)
  if (!link.ok) return link
  const used = await redeemLinkToken(token, 'moderate', now)
  if (!used.ok) return { ok: false, message: linkProblem(used.reason, 'moderation') }
  const touched = await setStatus([link.comment], link.status, `by ${link.user.name}, from the link in a mail`)
  return { ok: true, status: link.status, path: publicPath(link.comment.post), touched }
}
