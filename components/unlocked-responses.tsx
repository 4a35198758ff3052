import { listUnlockedResponses } from '@/lib/comments/queries'
import { PostResponses, type PostResponsesProps } from './post-responses'

/** A password-protected post's responses: read per request, shown only inside its unlocked body (PostBody). */
export async function UnlockedResponses(props: Omit<PostResponsesProps, 'comments' | 'commentCount' | 'mentions'>) {
  const { comments, commentCount, mentions } = await listUnlockedResponses({
    postId: props.postId,
    maxDepth: props.maxDepth,
  })
  return <PostResponses {...props} comments={comments} commentCount={commentCount} mentions={mentions} />
}
