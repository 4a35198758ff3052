import type { Metadata } from 'next'
import Link from 'next/link'
import { notFound, redirect } from 'next/navigation'
import { CommentForm } from '@/components/comment-form'
import { getPublishedPost } from '@/lib/posts/queries'
import { getCommentWindow, getReplyTarget } from '@/lib/comments/queries'
import { submitComment } from '@/lib/comments/actions'
import { getSettings } from '@/lib/settings/queries'

export const metadata: Metadata = { title: 'Reply', robots: { index: false, follow: false } }

export function generateStaticParams() {
  return [{ slug: 'hello-world', commentId: 'none' }]
}

/** Replying without JavaScript: `/posts/<slug>?replytocom=<id>` (WordPress's address) is rewritten here. */
export default async function ReplyPage(props: PageProps<'/posts/[slug]/reply/[commentId]'>) {
  const { slug, commentId } = await props.params
  const post = await getPublishedPost(slug)
  if (!post) notFound()
  // A protected post's comments are behind its password, on the post page.
  if (post.isProtected) redirect(`/posts/${post.slug}`)
  const [parent, settings] = await Promise.all([getReplyTarget({ postId: post.id, commentId }), getSettings()])
  if (!parent) notFound()
  const commentWindow = await getCommentWindow({
    postId: post.id,
    commentsOpen: post.commentsOpen,
    publishedAt: post.publishedAt?.toISOString() ?? null,
    closeAfterDays: settings.closeCommentsAfterDays,
  })
  return (
    <article className="post" aria-labelledby="reply-title">
      <h1 id="reply-title">
        Reply to {parent.authorName} on “{post.title}”
      </h1>
      <p>
        <Link prefetch={false} href={`/posts/${post.slug}#comment-${parent.id}`}>
          ← Back to the post
        </Link>
      </p>
      <blockquote className="comment-body" dangerouslySetInnerHTML={{ __html: parent.html }} />
      {commentWindow.open ? (
        <CommentForm
          postId={post.id}
          action={submitComment.bind(null, post.id)}
          token={commentWindow.token}
          replyTo={{ id: parent.id, authorName: parent.authorName }}
        />
      ) : (
        <p className="notice">Comments are closed.</p>
      )}
    </article>
  )
}
