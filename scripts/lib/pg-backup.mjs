// Backing up and restoring a PostgreSQL database with pg_dump and pg_restore, for `npm run backup` and
// `npm run restore`. The tools are run with argument arrays (never a shell string), and the password travels
// in PGPASSWORD rather than on the command line, where `ps` would show it to every user of the machine.
import { execFile, spawn } from 'node:child_process'
import {
  closeSync,
  createWriteStream,
  existsSync,
  mkdtempSync,
  openSync,
  readSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Transform } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import { promisify } from 'node:util'
import pg from 'pg'
import { redact } from './pg-migrations.mjs'

const run = promisify(execFile)

/** A mistake or a missing piece the person running the command can fix; the message says how. */
export class BackupError extends Error {}

/** The tables a Daisy database always has: a dump without them is not a Daisy backup. */
export const REQUIRED_TABLES = ['_prisma_migrations', 'User', 'Post', 'Comment', 'Setting']

// Connection parameters libpq understands in a URL's query; Prisma's own (schema, connection_limit,
// pool_timeout, pgbouncer, …) make pg_dump fail with "invalid URI query parameter", so they are left out.
const LIBPQ_PARAMS = new Set([
  'application_name',
  'channel_binding',
  'client_encoding',
  'connect_timeout',
  'gssencmode',
  'host',
  'hostaddr',
  'keepalives',
  'keepalives_count',
  'keepalives_idle',
  'keepalives_interval',
  'load_balance_hosts',
  'options',
  'passfile',
  'port',
  'service',
  'sslcert',
  'sslcrl',
  'sslkey',
  'sslmode',
  'sslpassword',
  'sslrootcert',
  'sslsni',
  'target_session_attrs',
  'tcp_user_timeout',
])

/**
 * DATABASE_URL as pg_dump and pg_restore take it: only libpq's parameters, and the password moved into the
 * environment (PGPASSWORD) so it is not visible in the process list.
 */
export function libpqTarget(url, baseEnv = process.env) {
  const parsed = new URL(url)
  const env = { ...baseEnv }
  if (parsed.password) env.PGPASSWORD = decodeURIComponent(parsed.password)
  parsed.password = ''
  for (const key of [...parsed.searchParams.keys()]) if (!LIBPQ_PARAMS.has(key)) parsed.searchParams.delete(key)
  return { url: parsed.toString(), env }
}

/** What a backup file is, from its first bytes: a SQLite database, a pg_dump custom archive, or neither. */
export function backupKind(file) {
  const head = Buffer.alloc(16)
  const fd = openSync(file, 'r')
  try {
    readSync(fd, head, 0, 16, 0)
  } finally {
    closeSync(fd)
  }
  if (head.toString('latin1') === 'SQLite format 3\0') return 'sqlite'
  if (head.subarray(0, 5).toString('latin1') === 'PGDMP') return 'postgresql'
  return 'unknown'
}

/** The server's major version (15 for 15.4), through a plain connection; a clear error when none answers. */
export async function serverMajorVersion(url) {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 10_000 })
  try {
    await client.connect()
    const { rows } = await client.query('SHOW server_version_num')
    return Math.floor(Number(rows[0].server_version_num) / 10_000)
  } catch (error) {
    throw new BackupError(`could not connect to PostgreSQL at ${redact(url)}: ${error.message}`)
  } finally {
    await client.end().catch(() => {})
  }
}

/**
 * Checks that `tool` (pg_dump, pg_restore or psql) is installed and not older than the server: an older pg_dump
 * refuses a newer server, an older pg_restore cannot read the archives a newer pg_dump writes, and psql runs
 * the script pg_restore writes (same package, same version).
 */
export async function checkTool(tool, serverMajor) {
  let version
  try {
    version = (await run(tool, ['--version'], { encoding: 'utf8' })).stdout
  } catch (error) {
    throw new BackupError(
      error.code === 'ENOENT'
        ? `${tool} is not installed. Install the PostgreSQL client tools of version ${serverMajor} or newer ` +
            `(Debian/Ubuntu: apt-get install postgresql-client-${serverMajor}; macOS: brew install libpq).`
        : `${tool} --version failed: ${error.message}`,
    )
  }
  const major = Number(/\b(\d+)(?:\.\d+)?/.exec(version)?.[1])
  if (!major || major < serverMajor)
    throw new BackupError(
      `${tool} is version ${major || 'unknown'} but the server runs PostgreSQL ${serverMajor}: install the ` +
        `client tools of version ${serverMajor} or newer (Debian/Ubuntu: apt-get install postgresql-client-${serverMajor}) ` +
        'and put them first on PATH.',
    )
  return major
}

/** Runs a PostgreSQL client tool; its own message (what the server said) when it fails. */
async function runTool(tool, args, env) {
  try {
    return (await run(tool, args, { env, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 })).stdout
  } catch (error) {
    const said = (error.stderr || error.message || '').trim().split('\n').slice(-5).join('\n  ')
    throw new BackupError(`${tool} failed:\n  ${said}`)
  }
}

/** Rows in the posts and comments tables of the database at `url`. */
export async function countRows(url) {
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  try {
    const count = async (table) => Number((await client.query(`SELECT count(*) AS n FROM "${table}"`)).rows[0].n)
    return { posts: await count('Post'), comments: await count('Comment') }
  } finally {
    await client.end().catch(() => {})
  }
}

/**
 * A consistent snapshot of the database (pg_dump reads it in one transaction, so a running blog can go on
 * writing) in pg_dump's custom format, written to `file`. Written beside it first and renamed when complete,
 * so a failed dump never leaves a half file that looks like a backup.
 */
export async function dumpPostgres(url, file) {
  const target = libpqTarget(url)
  const partial = `${file}.partial`
  try {
    await runTool('pg_dump', ['--format=custom', `--file=${partial}`, `--dbname=${target.url}`], target.env)
    renameSync(partial, file)
  } finally {
    rmSync(partial, { force: true })
  }
  return statSync(file).size
}

/**
 * Reads a pg_dump archive's table of contents (pg_restore --list, which reads the whole index): its header
 * and the tables it holds. Refuses what is not a custom-format archive, or not one of a Daisy database.
 */
export async function inspectDump(file) {
  const kind = backupKind(file)
  if (kind === 'sqlite')
    throw new BackupError(
      `${file} is a SQLite backup, but DATABASE_URL names a PostgreSQL database. Restore it with a file: ` +
        'DATABASE_URL, or import its content with npm run export there and npm run import:wxr here.',
    )
  if (kind !== 'postgresql')
    throw new BackupError(
      `${file} is not a pg_dump archive in custom format (the kind npm run backup writes). ` +
        'A plain SQL dump is restored with psql instead.',
    )
  const listing = await runTool('pg_restore', ['--list', file], process.env)
  const tables = new Set()
  /** @type {Map<string, Set<string>>} schema → its tables */
  const bySchema = new Map()
  for (const line of listing.split('\n')) {
    // "215; 1259 16390 TABLE public Post postgres"
    const match = /^\d+; \d+ \d+ TABLE (?!DATA )(\S+) (\S+) /.exec(line)
    if (!match) continue
    tables.add(match[2])
    if (!bySchema.has(match[1])) bySchema.set(match[1], new Set())
    bySchema.get(match[1]).add(match[2])
  }
  const header = (name) => new RegExp(`^;\\s*${name}:?\\s+(.*)$`, 'm').exec(listing)?.[1]?.trim()
  const missing = REQUIRED_TABLES.filter((table) => !tables.has(table))
  if (missing.length > 0)
    throw new BackupError(`${file} is not a backup of a Daisy database: it has no ${missing.join(', ')} table.`)
  return {
    tables: [...tables],
    tablesBySchema: Object.fromEntries([...bySchema].map(([schema, names]) => [schema, [...names]])),
    created: header('Archive created at'),
    database: header('dbname'),
    serverVersion: header('Dumped from database version'),
  }
}

/**
 * Replaces the database's content with the archive's, in one transaction: if any statement fails, PostgreSQL
 * rolls everything back and the database is as it was. Objects are owned by the user restoring (--no-owner).
 * A lock wait is bounded, so a running server holding a table makes the restore fail (and change nothing)
 * rather than hang.
 *
 * The tables the archive does not hold go too, in the same transaction: a backup made before an upgrade whose
 * migration added a table must not leave that table behind, or the next start, migrating the restored database
 * up again, would stop at "relation already exists". So pg_restore writes the restore as a script (to a private
 * temporary folder, and only a script pg_restore finished is run) and psql runs the drops and that script as
 * one transaction. The script holds the whole backup uncompressed: the temporary folder needs that much room.
 */
export async function restorePostgres(url, file, dump) {
  const target = libpqTarget(url)
  const env = { ...target.env, PGOPTIONS: `${target.env.PGOPTIONS ?? ''} -c lock_timeout=15s`.trim() }
  const { tablesBySchema } = dump ?? (await inspectDump(file))
  const work = mkdtempSync(join(tmpdir(), 'daisy-restore-'))
  try {
    const drops = join(work, 'drop-tables-not-in-backup.sql')
    writeFileSync(drops, dropStatements(await tablesNotIn(url, tablesBySchema)), { mode: 0o600 })
    const script = join(work, 'restore.sql')
    await writeRestoreScript(file, script)
    const psql = ['--no-psqlrc', '--quiet', '--single-transaction', '--set=ON_ERROR_STOP=1', '--output=/dev/null']
    await runTool('psql', [...psql, `--dbname=${target.url}`, '--file', drops, '--file', script], env)
  } finally {
    rmSync(work, { recursive: true, force: true })
  }
}

/**
 * pg_restore's script for `file`, written to `script`. Its header sets `lock_timeout = 0` (wait for ever); here
 * it waits 15 s, so a server left running that holds a table makes the restore fail, and change nothing,
 * rather than hang. Resolves once pg_restore has finished without error.
 */
async function writeRestoreScript(file, script) {
  const child = spawn('pg_restore', ['--clean', '--if-exists', '--no-owner', '--file=-', file], {
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let stderr = ''
  child.stderr.on('data', (chunk) => (stderr = (stderr + chunk).slice(-8192)))
  const exited = new Promise((resolve, reject) => {
    child.on('error', reject)
    child.on('close', resolve)
  })
  // The header is the script's first lines: held until the line is seen (or 64 kB passed), then let through.
  const LINE = /^SET lock_timeout = 0;$/m
  let head = ''
  let inHeader = true
  const boundLockWait = new Transform({
    transform(chunk, _encoding, callback) {
      if (!inHeader) return callback(null, chunk)
      head += chunk.toString('latin1')
      if (!LINE.test(head) && head.length < 64 * 1024) return callback()
      inHeader = false
      callback(null, Buffer.from(head.replace(LINE, "SET lock_timeout = '15s';"), 'latin1'))
    },
    flush(callback) {
      callback(null, inHeader ? Buffer.from(head.replace(LINE, "SET lock_timeout = '15s';"), 'latin1') : null)
    },
  })
  await pipeline(child.stdout, boundLockWait, createWriteStream(script, { mode: 0o600 }))
  const code = await exited
  if (code !== 0) {
    const said = stderr.trim().split('\n').slice(-5).join('\n  ')
    throw new BackupError(`pg_restore failed:\n  ${said || `exit code ${code}`}`)
  }
}

/** The tables of the database at `url`, in the schemas the archive has tables in, that the archive lacks. */
async function tablesNotIn(url, tablesBySchema) {
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  try {
    const { rows } = await client.query(
      'SELECT schemaname, tablename FROM pg_catalog.pg_tables WHERE schemaname = ANY($1::text[])',
      [Object.keys(tablesBySchema)],
    )
    return rows
      .filter((row) => !tablesBySchema[row.schemaname].includes(row.tablename))
      .map((row) => ({ schema: row.schemaname, table: row.tablename }))
  } finally {
    await client.end().catch(() => {})
  }
}

/** `DROP TABLE` statements for tables named by the server (quoted as identifiers, whatever they hold). */
function dropStatements(tables) {
  const quote = (name) => `"${name.replaceAll('"', '""')}"`
  return tables.map(({ schema, table }) => `DROP TABLE IF EXISTS ${quote(schema)}.${quote(table)} CASCADE;\n`).join('')
}

/** "20260102-103000": a file-name-safe UTC timestamp. */
export function timestamp(date = new Date()) {
  return date.toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15)
}

/** `${base}${ext}`, or `${base}-2${ext}`, … when that file exists: two runs in one second keep both files. */
export function unusedName(base, ext) {
  let name = `${base}${ext}`
  for (let n = 2; existsSync(name); n++) name = `${base}-${n}${ext}`
  return name
}

/** "48 kB", "3.2 MB". */
export function sizeLabel(bytes) {
  return bytes < 1024 * 1024 ? `${Math.ceil(bytes / 1024)} kB` : `${(bytes / 1024 / 1024).toFixed(1)} MB`
}
