import type { Reactions } from '@/lib/comments/queries'
import { mediaUrl } from '@/lib/media/url'

/** Likes and boosts from the fediverse: who, and how many, apart from the conversation. */
export function PostReactions({ reactions }: { reactions: Reactions }) {
  const { likes, boosts } = reactions
  if (likes.length === 0 && boosts.length === 0) return null
  return (
    <section id="reactions" className="responses reactions" aria-labelledby="reactions-heading">
      <h2 id="reactions-heading">On the fediverse</h2>
      <People heading={likes.length === 1 ? '1 like' : `${likes.length} likes`} people={likes} />
      <People heading={boosts.length === 1 ? '1 boost' : `${boosts.length} boosts`} people={boosts} />
    </section>
  )
}

function People({ heading, people }: { heading: string; people: Reactions['likes'] }) {
  if (people.length === 0) return null
  return (
    <>
      <h3>{heading}</h3>
      <ul className="reaction-people">
        {people.map((person) => (
          <li key={person.handle} title={person.handle}>
            {person.avatar && (
              // The account's picture as copied to this blog (never loaded from its server).
              // eslint-disable-next-line @next/next/no-img-element
              <img className="reaction-avatar" src={mediaUrl(person.avatar)} width={24} height={24} alt="" />
            )}
            {person.url && /^https?:\/\//i.test(person.url) ? (
              <a href={person.url} rel="nofollow ugc noopener">
                {person.name}
              </a>
            ) : (
              person.name
            )}
          </li>
        ))}
      </ul>
    </>
  )
}
