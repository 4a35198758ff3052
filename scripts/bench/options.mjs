// Command-line options of the benchmarks: `--name value` pairs and bare flags, checked against the defaults
// so a typo fails at once instead of silently measuring something else.

/** The smaller blog `--quick` measures: enough to iterate, not the figures to quote. */
export const QUICK = { posts: 300, comments: 3000, duration: 3, followers: 200, instances: 20 }

/**
 * @param {string[]} argv process.argv.slice(2)
 * @param {Record<string, number | string | boolean>} defaults booleans are flags, the rest take a value
 */
export function parseOptions(argv, defaults) {
  const given = {}
  for (let i = 0; i < argv.length; i++) {
    const key = argv[i].replace(/^--/, '')
    if (!argv[i].startsWith('--') || !(key in defaults)) {
      throw new Error(
        `unknown option ${argv[i]} (known: ${Object.keys(defaults)
          .map((k) => `--${k}`)
          .join(', ')})`,
      )
    }
    if (typeof defaults[key] === 'boolean') {
      given[key] = true
      continue
    }
    const value = argv[++i]
    if (value === undefined) throw new Error(`--${key} needs a value`)
    given[key] = typeof defaults[key] === 'number' ? Number(value) : value
    if (Number.isNaN(given[key])) throw new Error(`--${key} takes a number, not ${value}`)
  }
  // --quick changes the defaults only: an explicit --posts or --duration still wins.
  const quick = given.quick ? Object.fromEntries(Object.entries(QUICK).filter(([k]) => k in defaults)) : {}
  return { ...defaults, ...quick, ...given }
}

/** `--only home,post` → a set of target keys, checked against the known ones (empty: all). */
export function onlySet(only, known) {
  const keys = only
    ? only
        .split(',')
        .map((k) => k.trim())
        .filter(Boolean)
    : []
  const unknown = keys.filter((k) => !known.includes(k))
  if (unknown.length) throw new Error(`--only: unknown ${unknown.join(', ')} (known: ${known.join(', ')})`)
  return (key) => keys.length === 0 || keys.includes(key)
}
