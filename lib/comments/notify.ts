// Who hears about a response by mail: the post's author about one held for moderation and about a new approved
// one, with single-use links to act on it; confirmed subscribers about an approved comment (replies to theirs,
// or every comment on the post). Mail goes through the queue (lib/mail).
import 'server-only'
import { db } from '@/lib/db'
import { issueLinkToken } from '@/lib/auth/link-tokens'
import { composeMail, type MailAction } from '@/lib/mail/compose'
import { mailSite, queueMail, writeMail } from '@/lib/mail/outbox'
import { publicPath } from '@/lib/posts/public-path'
import { subscriptionLinks } from './subscriptions'

const responseSelect = {
  id: true,
  kind: true,
  status: true,
  parentId: true,
  authorName: true,
  authorEmail: true,
  authorUrl: true,
  sourceUrl: true,
  content: true,
  reason: true,
  ip: true,
  userId: true,
  post: {
    select: {
      id: true,
      title: true,
      slug: true,
      type: true,
      author: { select: { id: true, email: true, notifyHeld: true, notifyApproved: true } },
    },
  },
} as const

type Response = NonNullable<Awaited<ReturnType<typeof loadResponse>>>

const loadResponse = (id: string) => db.comment.findUnique({ where: { id }, select: responseSelect })

const KIND_WORD = {
  COMMENT: 'comment',
  TRACKBACK: 'trackback',
  PINGBACK: 'pingback',
  WEBMENTION: 'webmention',
  FEDIVERSE: 'fediverse mention',
}

/**
 * A response was just stored (a comment posted, a linkback received). Never throws: the response is stored
 * whatever happens to its mail, and a failure is logged.
 */
export async function notifyNewResponse(commentId: string): Promise<void> {
  await writeMail('a new response', async () => {
    const response = await loadResponse(commentId)
    if (!response) return
    if (response.status === 'PENDING') await mailModerators(response, 'held')
    if (response.status === 'APPROVED') {
      await mailModerators(response, 'new')
      await mailSubscribers(response)
    }
  })
}

/** Responses a moderator just approved: their subscribers hear of them (once each, whoever approved). */
export async function notifyApproved(commentIds: string[]): Promise<void> {
  await writeMail('approved comments', async () => {
    for (const id of commentIds) {
      const response = await loadResponse(id)
      if (response?.status === 'APPROVED') await mailSubscribers(response)
    }
  })
}

/** The post's author, as their profile's switches say (held, new and approved). */
async function mailModerators(response: Response, event: 'held' | 'new') {
  const author = response.post.author
  const wanted = event === 'held' ? author.notifyHeld : author.notifyApproved
  // Nobody is told about what they wrote themselves.
  if (!wanted || author.id === response.userId) return
  const site = await mailSite()
  const postUrl = `${site.url}${publicPath(response.post)}`
  const word = KIND_WORD[response.kind]
  const act = async (label: string, status: 'APPROVED' | 'SPAM' | 'TRASH'): Promise<MailAction> => ({
    label,
    url: `${site.url}/moderate?t=${await issueLinkToken('moderate', author.id, `${response.id} ${status}`)}`,
  })
  const actions = [
    ...(event === 'held' ? [await act('Approve', 'APPROVED')] : []),
    await act('Spam', 'SPAM'),
    await act('Trash', 'TRASH'),
  ]
  await queueMail({
    kind: event === 'held' ? 'comment-held' : 'comment-new',
    to: author.email,
    subject:
      event === 'held'
        ? `[${site.title}] Please moderate: “${response.post.title}”`
        : `[${site.title}] New ${word}: “${response.post.title}”`,
    ...composeMail(
      {
        intro: [
          event === 'held'
            ? `A new ${word} on “${response.post.title}” is waiting for your approval.`
            : `A new ${word} on “${response.post.title}” is published.`,
        ],
        quote: { by: response.authorName, text: response.content },
        details: [
          `From: ${response.authorName}${response.authorEmail ? ` <${response.authorEmail}>` : ''}`,
          ...(response.authorUrl ? [`Website: ${response.authorUrl}`] : []),
          ...(response.sourceUrl ? [`Linking page: ${response.sourceUrl}`] : []),
          ...(response.ip ? [`Address: ${response.ip}`] : []),
          ...(event === 'held' && response.reason ? [`Held because: ${response.reason}`] : []),
          `The post: ${postUrl}${event === 'new' ? `#comment-${response.id}` : ''}`,
        ],
        actions: [...actions, { label: 'Open the moderation queue', url: `${site.url}/admin/comments` }],
        footer: [
          'Each button works once, for 7 days, and asks you to confirm first.',
          `Mail about ${event === 'held' ? 'responses held for moderation' : 'new responses'} can be turned off on your profile page.`,
        ],
        footerLink: { label: 'Your profile', url: `${site.url}/admin/profile` },
      },
      site,
    ),
  })
}

/** An approved comment: its parent's confirmed subscribers and the post's, once per address, never its writer. */
async function mailSubscribers(response: Response) {
  if (response.kind !== 'COMMENT') return
  // Claimed once: whichever moderator, node or retry gets here second sends nothing.
  const claimed = await db.comment.updateMany({
    where: { id: response.id, notifiedAt: null },
    data: { notifiedAt: new Date() },
  })
  if (claimed.count === 0) return
  const subscriptions = await db.subscription.findMany({
    where: {
      confirmedAt: { not: null },
      OR: [
        ...(response.parentId ? [{ commentId: response.parentId }] : []),
        { postId: response.post.id, commentId: null },
      ],
    },
    // Reply subscriptions first, so someone with both is told it is a reply to them.
    orderBy: [{ commentId: { sort: 'desc', nulls: 'last' } }, { createdAt: 'asc' }],
    select: { id: true, email: true, commentId: true },
  })
  const site = await mailSite()
  const url = `${site.url}${publicPath(response.post)}#comment-${response.id}`
  const seen = new Set([response.authorEmail?.toLowerCase()])
  for (const subscription of subscriptions) {
    if (seen.has(subscription.email)) continue
    seen.add(subscription.email)
    const links = subscriptionLinks(site.url, subscription.id, subscription.email)
    const isReply = subscription.commentId !== null
    await queueMail({
      kind: 'reply',
      to: subscription.email,
      subject: isReply
        ? `[${site.title}] ${response.authorName} replied to your comment on “${response.post.title}”`
        : `[${site.title}] New comment on “${response.post.title}”`,
      headers: {
        'List-Unsubscribe': `<${links.oneClick}>`,
        'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
      },
      ...composeMail(
        {
          intro: [
            isReply
              ? `${response.authorName} replied to your comment on “${response.post.title}”.`
              : `${response.authorName} commented on “${response.post.title}”.`,
          ],
          quote: { by: response.authorName, text: response.content },
          actions: [{ label: isReply ? 'Read the reply' : 'Read the comment', url }],
          footer: [
            isReply
              ? 'You get this mail because you asked to hear about replies to your comment.'
              : 'You get this mail because you asked to hear about new comments on this post.',
            `All your subscriptions: ${links.manage}`,
          ],
          footerLink: { label: 'Unsubscribe', url: links.page },
        },
        site,
      ),
    })
  }
}
