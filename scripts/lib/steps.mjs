// Helpers shared by `npm start`, `npm test` and the e2e server: plain Node, usable before dependencies exist.
import { spawnSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import {
  existsSync,
  lstatSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  readlinkSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

export const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..')

const started = Date.now()
const elapsed = () => `${((Date.now() - started) / 1000).toFixed(1)}s`

export function step(message) {
  console.log(`\n▸ ${message}  [${elapsed()}]`)
}

export function info(message) {
  console.log(`  ${message}`)
}

export function fail(message) {
  console.error(`\n✗ ${message}`)
  process.exit(1)
}

/** Runs a command in the project, streaming its output; exits with a clear message when it fails. */
export function run(command, args, { env = process.env, allowFailure = false } = {}) {
  const result = spawnSync(command, args, { cwd: root, env, stdio: 'inherit' })
  if (result.error) fail(`${command} could not run: ${result.error.message}`)
  if (result.status !== 0 && !allowFailure) fail(`${command} ${args.join(' ')} failed (exit ${result.status})`)
  return result.status ?? 1
}

export function bin(name) {
  return join(root, 'node_modules', '.bin', name)
}

/** Loads .env.local then .env into process.env (Node's own parser) without overriding what the shell already set. */
export function loadEnvFiles() {
  for (const file of ['.env.local', '.env']) {
    const path = join(root, file)
    if (existsSync(path)) process.loadEnvFile(path)
  }
}

export function sha256(...parts) {
  const hash = createHash('sha256')
  for (const part of parts) hash.update(part)
  return hash.digest('hex')
}

/** Hash of every file under the given paths (skipping generated folders), for "is the build stale?". */
export function hashTree(paths) {
  const hash = createHash('sha256')
  const skip = new Set(['node_modules', 'generated', '.next', '.tmp', 'media'])
  const walk = (path) => {
    if (!existsSync(path)) return
    const stat = statSync(path)
    if (stat.isDirectory()) {
      for (const entry of readdirSync(path).sort()) if (!skip.has(entry)) walk(join(path, entry))
    } else if (!/\.test\.ts$/.test(path)) {
      hash.update(path.slice(root.length))
      hash.update(readFileSync(path))
    }
  }
  for (const p of paths) walk(join(root, p))
  return hash.digest('hex')
}

/** Everything a production build is made from: when this hash changes, the build is stale. */
export function hashBuildSources() {
  return hashTree([
    'app',
    'components',
    'lib',
    'public',
    'proxy.ts',
    'instrumentation.ts',
    'prisma/schema.prisma',
    'next.config.mjs',
    'package-lock.json',
    'tsconfig.json',
  ])
}

/** What an install depends on: the lockfile, package.json's dependency fields (not its scripts), Node's version. */
export function installStamp() {
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'))
  const fields = [
    'dependencies',
    'devDependencies',
    'optionalDependencies',
    'peerDependencies',
    'overrides',
    'allowScripts',
    'engines',
  ]
  return sha256(
    readFileSync(join(root, 'package-lock.json')),
    JSON.stringify(fields.map((field) => pkg[field] ?? null)),
    process.version,
  )
}

/**
 * Installs dependencies when node_modules is missing or what it was installed from changed. `npm ci` empties
 * node_modules first, so editing an npm script must not trigger it (others may be using node_modules).
 */
export function ensureDependencies() {
  const stampFile = join(root, 'node_modules', '.daisy-install-stamp')
  const want = installStamp()
  const have = existsSync(stampFile) ? readFileSync(stampFile, 'utf8') : ''
  if (have === want && existsSync(bin('next'))) {
    info('dependencies are up to date')
    linkNodeIntoBin()
    return false
  }
  info(
    existsSync(join(root, 'node_modules'))
      ? 'the lockfile changed: reinstalling'
      : 'installing (first run; better-sqlite3 compiles, ~1 min)',
  )
  const headers = mismatchedHeaders()
  if (headers) {
    fail(
      `npm would compile better-sqlite3 against the headers of Node ${headers.major} (nodedir=${headers.dir}), which\n` +
        `  Node ${process.version} cannot load. Point npm_config_nodedir at Node ${process.versions.node.split('.')[0]}'s headers, or unset nodedir.`,
    )
  }
  // JOBS lets node-gyp compile better-sqlite3's two sources side by side (about 10 s less on two cores).
  run('npm', ['ci', '--no-audit', '--no-fund'], { env: { JOBS: 'max', ...process.env } })
  writeFileSync(stampFile, want)
  linkNodeIntoBin()
  return true
}

/**
 * When this command runs on the Node that scripts/lib/node-runtime.mjs fetched (the machine's being older),
 * points node_modules/.bin/node at it: npm puts node_modules/.bin first on PATH for every script, so `npm run
 * bench`, `npm run backup` and the rest later run on the Node the native modules were built for.
 */
function linkNodeIntoBin() {
  const target = process.env.DAISY_NODE_BINARY
  if (!target) return
  const link = bin('node')
  const want = relative(dirname(link), target)
  try {
    if (lstatSync(link).isSymbolicLink() && readlinkSync(link) === want) return
    rmSync(link, { force: true })
  } catch {
    // No link yet.
  }
  mkdirSync(dirname(link), { recursive: true })
  symlinkSync(want, link)
}

/** The SQLite file behind a file: URL, resolved the way Prisma and better-sqlite3 do (from the project). */
export function databasePath(url) {
  return resolve(root, url.replace(/^file:/, '').replace(/\?.*$/, ''))
}

export function ensureDir(path) {
  mkdirSync(path, { recursive: true })
}

/**
 * The Node headers an install would compile native modules against (npm's `nodedir`), when they are another
 * Node's than this one's: such a build loads nowhere (ERR_DLOPEN_FAILED). Null when they match or none are named.
 */
function mismatchedHeaders() {
  const dir =
    process.env.npm_config_nodedir ??
    spawnSync('npm', ['config', 'get', 'nodedir'], { encoding: 'utf8' }).stdout?.trim()
  if (!dir || dir === 'undefined' || dir === 'null') return null
  try {
    const header = readFileSync(join(dir, 'include', 'node', 'node_version.h'), 'utf8')
    const headerMajor = Number(/#define NODE_MAJOR_VERSION (\d+)/.exec(header)?.[1])
    return headerMajor && headerMajor !== Number(process.versions.node.split('.')[0])
      ? { dir, major: headerMajor }
      : null
  } catch {
    return null
  }
}
