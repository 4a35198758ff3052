// The reader pages both benchmarks measure, by key (for --only): the same addresses in `npm run bench` and
// `npm run bench:lighthouse`, so their figures speak of the same pages.
import { BENCH_TAG_SLUG } from './generate.mjs'
import { BENCH_POST } from './wxr.mjs'

export const TARGETS = [
  { key: 'home', name: 'home page', path: '/' },
  { key: 'post', name: `post, ${BENCH_POST.comments} comments`, path: `/posts/${BENCH_POST.slug}` },
  { key: 'tag', name: 'tag page', path: `/tags/${BENCH_TAG_SLUG}` },
  { key: 'search', name: 'search', path: '/search?q=customer+trust' },
  { key: 'feed', name: 'RSS feed', path: '/feed.xml' },
]

/** A static file from public/ with the post page's bytes: what the server does with no work at all. */
export const CEILING = {
  key: 'ceiling',
  name: 'static file (ceiling)',
  path: '/bench-ceiling.html',
  file: 'public/bench-ceiling.html',
}
