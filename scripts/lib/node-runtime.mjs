// Node.js 24 LTS for every step of `npm start` and `npm test`, whatever Node the machine has.
// Plain Node (it runs before anything is installed, on whatever Node started it).
//
// On a Node older than 24 the running script fetches Node 24 from the npm registry (the official binaries, in
// the `node-<platform>-<arch>` package, which also holds the C++ headers native modules compile against) into
// .daisy/node once, and runs itself again with it. Everything it starts then finds that Node first on PATH
// (npm, tsx, Playwright, Next), and native modules compile against its own headers: the machine's npm config may
// set `nodedir` to the older Node's headers, which would build a better-sqlite3 that Node 24 refuses to load.
// After an install, node_modules/.bin/node points at it too, so every later `npm run …` uses it as well.
import { spawn, spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, realpathSync, rmSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fail, info, root, step } from './steps.mjs'

export const NODE_MAJOR = 24

const major = (version) => Number(String(version).replace(/^v/, '').split('.')[0])
const here = join(root, '.daisy', 'node')
const platform = { linux: 'linux', darwin: 'darwin' }[process.platform]
const packageName = platform && `node-${platform}-${process.arch}`
const packageDir = packageName && join(here, 'node_modules', packageName)
const binary = packageDir && join(packageDir, 'bin', 'node')

/** The version a Node binary reports, or null when it does not run here. */
function versionOf(path) {
  if (!existsSync(path)) return null
  const probe = spawnSync(path, ['--version'], { encoding: 'utf8', timeout: 10_000 })
  return probe.status === 0 ? probe.stdout.trim() : null
}

/** Node 24 in .daisy/node, downloaded from the npm registry the first time. Returns its version. */
function fetchNode() {
  const present = versionOf(binary)
  if (present && major(present) === NODE_MAJOR) return present
  info(`downloading Node ${NODE_MAJOR} from the npm registry (${packageName}, ~190 MB, once) into .daisy/node`)
  rmSync(here, { recursive: true, force: true })
  mkdirSync(here, { recursive: true })
  writeFileSync(
    join(here, 'package.json'),
    JSON.stringify({ private: true, description: `Node ${NODE_MAJOR} for Daisy, fetched by npm start / npm test` }),
  )
  const install = spawnSync(
    'npm',
    ['install', '--no-save', '--no-package-lock', '--no-audit', '--no-fund', `${packageName}@${NODE_MAJOR}`],
    { cwd: here, stdio: 'inherit' },
  )
  const version = versionOf(binary)
  if (install.status !== 0 || !version) {
    fail(
      `could not get Node ${NODE_MAJOR} from the npm registry (npm install ${packageName}@${NODE_MAJOR} in .daisy/node).\n` +
        `  Install Node.js ${NODE_MAJOR} LTS yourself (https://nodejs.org) and run the command again with it.`,
    )
  }
  return version
}

/**
 * Makes sure this script runs on Node 24 or newer. On an older Node, runs the same script with the same
 * arguments on Node 24 (fetched once) and exits with its status; never returns in that case. Says once, for the
 * whole command, which Node is used and why.
 */
export async function onNode24() {
  if (process.env.DAISY_NODE_SAID && major(process.version) >= NODE_MAJOR) return
  step('Node.js')
  if (major(process.version) >= NODE_MAJOR) {
    info(`Node ${process.version} (${process.execPath})`)
    process.env.DAISY_NODE_SAID = '1'
    // Started on the fetched Node itself (node_modules/.bin/node, or .daisy/node on PATH): native modules are
    // built against its headers here too, not the ones npm's config may name.
    if (binary && existsSync(binary) && realpathSync(process.execPath) === realpathSync(binary)) {
      Object.assign(process.env, { npm_config_nodedir: packageDir, DAISY_NODE_BINARY: binary })
    }
    return
  }
  if (!binary) {
    fail(
      `Daisy needs Node.js ${NODE_MAJOR} LTS; this is ${process.version} on ${process.platform}-${process.arch}, for which\n` +
        `  it cannot fetch one itself. Install Node.js ${NODE_MAJOR} (https://nodejs.org) and run the command with it.`,
    )
  }
  const version = fetchNode()
  info(`Node ${version} from .daisy/node: this machine's Node is ${process.version}, older than ${NODE_MAJOR} LTS`)
  const child = spawn(binary, [...process.execArgv, process.argv[1], ...process.argv.slice(2)], {
    stdio: 'inherit',
    env: {
      ...process.env,
      PATH: `${dirname(binary)}${process.platform === 'win32' ? ';' : ':'}${process.env.PATH ?? ''}`,
      // Native modules (better-sqlite3) compile against Node 24's headers, whatever npm's config says.
      npm_config_nodedir: packageDir,
      NODE: binary,
      npm_node_execpath: binary,
      DAISY_NODE_BINARY: binary,
      DAISY_NODE_SAID: '1',
    },
  })
  // Ctrl-C reaches both processes (one process group): this one waits for the child to finish its own way.
  process.on('SIGINT', () => {})
  process.on('SIGTERM', () => child.kill('SIGTERM'))
  process.on('SIGHUP', () => child.kill('SIGHUP'))
  const [code, signal] = await new Promise((resolve) => child.on('exit', (...result) => resolve(result)))
  process.exit(code ?? (signal ? 128 + ({ SIGINT: 2, SIGTERM: 15, SIGHUP: 1 }[signal] ?? 1) : 1))
}
