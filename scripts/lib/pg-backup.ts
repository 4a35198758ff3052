// Backing up and restoring a PostgreSQL database with pg_dump and pg_restore, for `npm run backup` and
// `npm run restore`. The tools are run with argument arrays (never a shell string), and the password travels
// in PGPASSWORD rather than on the command line, where `ps` would show it to every user of the machine.
import { execFile, spawn, type ChildProcess } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { closeSync, existsSync, openSync, readSync, renameSync, rmSync, statSync } from 'node:fs'
import { Transform, type Readable, type TransformCallback } from 'node:stream'
import { finished } from 'node:stream/promises'
import { promisify } from 'node:util'
import pg from 'pg'
import { redact } from './pg-migrations.ts'

const run = promisify(execFile)

/** A mistake or a missing piece the person running the command can fix; the message says how. */
export class BackupError extends Error {}

/** The tables a Daisy database always has: a dump without them is not a Daisy backup. */
export const REQUIRED_TABLES: string[] = ['_prisma_migrations', 'User', 'Post', 'Comment', 'Setting']

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
export function libpqTarget(
  url: string,
  baseEnv: NodeJS.ProcessEnv = process.env,
): { url: string; env: NodeJS.ProcessEnv } {
  const parsed = new URL(url)
  const env = { ...baseEnv }
  if (parsed.password) env.PGPASSWORD = decodeURIComponent(parsed.password)
  parsed.password = ''
  for (const key of [...parsed.searchParams.keys()]) if (!LIBPQ_PARAMS.has(key)) parsed.searchParams.delete(key)
  return { url: parsed.toString(), env }
}

/** What a backup file is, from its first bytes: a SQLite database, a pg_dump custom archive, or neither. */
export function backupKind(file: string): 'sqlite' | 'postgresql' | 'unknown' {
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
export async function serverMajorVersion(url: string): Promise<number> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 10_000 })
  try {
    await client.connect()
    const { rows } = await client.query<{ server_version_num: string }>('SHOW server_version_num')
    return Math.floor(Number(rows[0]!.server_version_num) / 10_000)
  } catch (error) {
    throw new BackupError(`could not connect to PostgreSQL at ${redact(url)}: ${(error as Error).message}`)
  } finally {
    await client.end().catch(() => {})
  }
}

export interface ToolVersion {
  major: number
  minor: number
}

/**
 * Checks that `tool` (pg_dump, pg_restore or psql) is installed and not older than the server: an older pg_dump
 * refuses a newer server, an older pg_restore cannot read the archives a newer pg_dump writes, and psql runs
 * the script pg_restore writes (same package, same version).
 */
export async function checkTool(tool: 'pg_dump' | 'pg_restore' | 'psql', serverMajor: number): Promise<ToolVersion> {
  let version: string
  try {
    version = (await run(tool, ['--version'], { encoding: 'utf8' })).stdout
  } catch (error) {
    throw new BackupError(
      (error as NodeJS.ErrnoException).code === 'ENOENT'
        ? `${tool} is not installed. Install the PostgreSQL client tools of version ${serverMajor} or newer ` +
            `(Debian/Ubuntu: apt-get install postgresql-client-${serverMajor}; macOS: brew install libpq).`
        : `${tool} --version failed: ${(error as Error).message}`,
    )
  }
  const [, major, minor] = /\b(\d+)(?:\.(\d+))?/.exec(version) ?? []
  if (!Number(major) || Number(major) < serverMajor)
    throw new BackupError(
      `${tool} is version ${Number(major) || 'unknown'} but the server runs PostgreSQL ${serverMajor}: install the ` +
        `client tools of version ${serverMajor} or newer (Debian/Ubuntu: apt-get install postgresql-client-${serverMajor}) ` +
        'and put them first on PATH.',
    )
  return { major: Number(major), minor: Number(minor ?? 0) }
}

/**
 * psql runs the script pg_restore writes, so it must know everything that pg_restore puts in it (the
 * `\restrict` line of 17.6, 16.10, 15.14 and later, say): not older than pg_restore, minor version included.
 * Takes the versions checkTool returned.
 */
export function checkPsqlNotOlder(psql: ToolVersion, restore: ToolVersion): void {
  if (psql.major * 1000 + psql.minor < restore.major * 1000 + restore.minor)
    throw new BackupError(
      `psql is version ${psql.major}.${psql.minor} but pg_restore ${restore.major}.${restore.minor}: psql runs the ` +
        'script pg_restore writes, so it must be as new. Install both from the same PostgreSQL client package and ' +
        'put it first on PATH.',
    )
}

/** Runs a PostgreSQL client tool; its own message (what the server said) when it fails. */
async function runTool(tool: string, args: string[], env: NodeJS.ProcessEnv): Promise<string> {
  try {
    return (await run(tool, args, { env, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 })).stdout
  } catch (error) {
    const { stderr, message } = error as Error & { stderr?: string }
    const said = (stderr || message || '').trim().split('\n').slice(-5).join('\n  ')
    throw new BackupError(`${tool} failed:\n  ${said}`)
  }
}

/** Rows in the posts and comments tables of the database at `url`. */
export async function countRows(url: string): Promise<{ posts: number; comments: number }> {
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  try {
    const count = async (table: string) =>
      Number((await client.query<{ n: string }>(`SELECT count(*) AS n FROM "${table}"`)).rows[0]!.n)
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
export async function dumpPostgres(url: string, file: string): Promise<number> {
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

export interface DumpSummary {
  tables: string[]
  /** "schema.name" of what a restore makes again: tables, views and sequences; enum types and domains. */
  objects: { relations: string[]; types: string[] }
  created?: string
  database?: string
  serverVersion?: string
}

/**
 * Reads a pg_dump archive's table of contents (pg_restore --list, which reads the whole index): its header
 * and the tables it holds. Refuses what is not a custom-format archive, or not one of a Daisy database.
 */
export async function inspectDump(file: string): Promise<DumpSummary> {
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
  const tables = new Set<string>()
  /** "schema.name" of what a restore drops and makes again */
  const objects: DumpSummary['objects'] = { relations: [], types: [] }
  for (const line of listing.split('\n')) {
    // "215; 1259 16390 TABLE public Post postgres", "214; 1247 16386 TYPE public JobStatus postgres"; not the
    // entries about one (TABLE DATA, SEQUENCE SET, SEQUENCE OWNED BY, MATERIALIZED VIEW DATA).
    const match =
      /^\d+; \d+ \d+ (TABLE|VIEW|MATERIALIZED VIEW|SEQUENCE|TYPE|DOMAIN) (?!DATA |SET |OWNED BY )(\S+) (\S+) /.exec(
        line,
      )
    if (!match) continue
    const [, kind, schema, name] = match as unknown as [string, string, string, string]
    if (kind === 'TABLE') tables.add(name)
    ;(kind === 'TYPE' || kind === 'DOMAIN' ? objects.types : objects.relations).push(`${schema}.${name}`)
  }
  const header = (name: string) => new RegExp(`^;\\s*${name}:?\\s+(.*)$`, 'm').exec(listing)?.[1]?.trim()
  const missing = REQUIRED_TABLES.filter((table) => !tables.has(table))
  if (missing.length > 0)
    throw new BackupError(`${file} is not a backup of a Daisy database: it has no ${missing.join(', ')} table.`)
  return {
    tables: [...tables],
    objects,
    created: header('Archive created at'),
    database: header('dbname'),
    serverVersion: header('Dumped from database version'),
  }
}

/**
 * Replaces the database's content with the archive's, in one transaction: if any statement fails, or
 * pg_restore does, nothing is committed and the database is as it was. Objects are owned by the user restoring
 * (--no-owner). A lock wait is bounded, so a running server holding a table makes the restore fail (and change
 * nothing) rather than hang.
 *
 * pg_restore writes the restore as a script, streamed into psql after `BEGIN` and a block that drops what the
 * archive does not have (tables, views, sequences, enum types and domains, in the schemas it has objects in;
 * never an extension's own). That is what a newer release's migrations added since the backup was made, and
 * left in place it would stop the next start's migration at "relation already exists". `COMMIT` is sent only
 * once pg_restore has finished without error; otherwise psql is stopped and PostgreSQL rolls back. No copy of
 * the data is written anywhere on the way.
 */
export async function restorePostgres(
  url: string,
  file: string,
  { dump, serverMajor }: { dump?: DumpSummary; serverMajor?: number } = {},
): Promise<void> {
  const target = libpqTarget(url)
  const env = { ...target.env, PGOPTIONS: `${target.env.PGOPTIONS ?? ''} -c lock_timeout=15s`.trim() }
  const { objects } = dump ?? (await inspectDump(file))
  serverMajor ??= await serverMajorVersion(url)
  const psqlArgs = ['--no-psqlrc', '--quiet', '--set=ON_ERROR_STOP=1', '--output=/dev/null', `--dbname=${target.url}`]
  const psql = spawn('psql', psqlArgs, { env, stdio: ['pipe', 'ignore', 'pipe'] })
  const restore = spawn('pg_restore', ['--clean', '--if-exists', '--no-owner', '--file=-', file], {
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  const said = { psql: lastWords(psql.stderr), restore: lastWords(restore.stderr) }
  const psqlExit = exitOf(psql)
  const restoreExit = exitOf(restore)
  const script = restore.stdout.pipe(restoreHeader(serverMajor))
  // psql stops at the first error (ON_ERROR_STOP): what it said is the message, and pg_restore need not go on.
  psql.stdin.on('error', () => {})
  const stopRestore = () => {
    restore.kill()
    script.destroy()
  }
  psqlExit.then(stopRestore, stopRestore)

  psql.stdin.write(`SET standard_conforming_strings = on;\nBEGIN;\n${dropsNotIn(objects)}\n`)
  script.pipe(psql.stdin, { end: false })
  let restored = false
  let restoreCode: number | null | undefined
  try {
    ;[restoreCode] = await Promise.all([restoreExit, finished(script).catch(() => undefined)])
    restored = restoreCode === 0 && psql.exitCode === null && psql.signalCode === null
  } finally {
    // COMMIT only after a whole script; anything else ends psql mid-transaction, which PostgreSQL rolls back.
    if (restored) psql.stdin.end('COMMIT;\n')
    else {
      psql.stdin.destroy()
      psql.kill('SIGKILL')
    }
  }
  const psqlCode = await psqlExit
  if (psqlCode !== 0 && psqlCode !== null) throw new BackupError(`psql failed:\n  ${said.psql()}`)
  if (restoreCode !== 0) throw new BackupError(`pg_restore failed:\n  ${said.restore() || `exit code ${restoreCode}`}`)
  if (!restored || psqlCode !== 0) throw new BackupError(`psql stopped: ${said.psql() || 'no reason given'}`)
}

/**
 * The restore script's header, adapted: `lock_timeout = 0` (wait for ever) becomes 15 s, and the
 * `transaction_timeout` that pg_restore 17 and newer always set is left out for an older server, which would
 * refuse the unknown setting.
 */
export function adaptRestoreHeader(text: string, serverMajor: number): string {
  const adapted = text.replace(/^SET lock_timeout = 0;$/m, "SET lock_timeout = '15s';")
  return serverMajor < 17 ? adapted.replace(/^SET transaction_timeout = 0;\n/m, '') : adapted
}

/** A stream that holds the script's first lines (its SET header) until it has all of them, then adapts them. */
function restoreHeader(serverMajor: number): Transform {
  const END_OF_HEADER = /^SELECT pg_catalog\.set_config\('search_path'/m
  let head = ''
  let inHeader = true
  const release = () => Buffer.from(adaptRestoreHeader(head, serverMajor), 'latin1')
  return new Transform({
    transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback) {
      if (!inHeader) return callback(null, chunk)
      head += chunk.toString('latin1')
      if (!END_OF_HEADER.test(head) && head.length < 64 * 1024) return callback()
      inHeader = false
      callback(null, release())
    },
    flush(callback: TransformCallback) {
      callback(null, inHeader ? release() : null)
    },
  })
}

/**
 * A `DO` block dropping, in the schemas the archive has objects in, the tables, views, sequences, enum types
 * and domains it does not have: read inside the restore's transaction, so nothing made meanwhile slips by.
 * Left alone: what belongs to an extension, and sequences owned by a table (they go with it).
 */
function dropsNotIn({ relations, types }: DumpSummary['objects']): string {
  const literal = (value: string) => `'${value.replaceAll("'", "''")}'`
  const list = (values: string[]) => `ARRAY[${values.map(literal).join(', ')}]::text[]`
  const schemas = [...new Set([...relations, ...types].map((name) => name.slice(0, name.indexOf('.'))))]
  const tag = `$daisy_${randomBytes(6).toString('hex')}$`
  return `DO ${tag}
DECLARE gone record;
BEGIN
  FOR gone IN
    SELECT n.nspname AS schema, c.relname AS name,
      CASE c.relkind WHEN 'v' THEN 'VIEW' WHEN 'm' THEN 'MATERIALIZED VIEW' WHEN 'S' THEN 'SEQUENCE' ELSE 'TABLE' END AS kind
    FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
    WHERE c.relkind IN ('r', 'p', 'v', 'm', 'S') AND n.nspname = ANY (${list(schemas)})
      AND NOT (n.nspname || '.' || c.relname) = ANY (${list(relations)})
      AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend d WHERE d.classid = 'pg_catalog.pg_class'::regclass
        AND d.objid = c.oid AND d.deptype IN ('e', 'a', 'i'))
  LOOP
    EXECUTE format('DROP %s IF EXISTS %I.%I CASCADE', gone.kind, gone.schema, gone.name);
  END LOOP;
  FOR gone IN
    SELECT n.nspname AS schema, t.typname AS name, CASE t.typtype WHEN 'd' THEN 'DOMAIN' ELSE 'TYPE' END AS kind
    FROM pg_catalog.pg_type t JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace
    WHERE t.typtype IN ('e', 'd') AND n.nspname = ANY (${list(schemas)})
      AND NOT (n.nspname || '.' || t.typname) = ANY (${list(types)})
      AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend d WHERE d.classid = 'pg_catalog.pg_type'::regclass
        AND d.objid = t.oid AND d.deptype = 'e')
  LOOP
    EXECUTE format('DROP %s IF EXISTS %I.%I CASCADE', gone.kind, gone.schema, gone.name);
  END LOOP;
END ${tag};`
}

/** The exit code of a child process (null when a signal ended it). */
function exitOf(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve, reject) => {
    child.on('error', (error: NodeJS.ErrnoException) =>
      reject(
        new BackupError(
          error.code === 'ENOENT' ? `${child.spawnfile} is not installed` : `${child.spawnfile}: ${error.message}`,
        ),
      ),
    )
    child.on('close', (code) => resolve(code))
  })
}

/** The last lines a stream said (at most 8 kB kept), read when asked. */
function lastWords(stream: Readable): () => string {
  let text = ''
  stream.on('data', (chunk) => (text = (text + chunk).slice(-8192)))
  return () => text.trim().split('\n').slice(-5).join('\n  ')
}

/** "20260102-103000": a file-name-safe UTC timestamp. */
export function timestamp(date: Date = new Date()): string {
  return date.toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15)
}

/** `${base}${ext}`, or `${base}-2${ext}`, … when that file exists: two runs in one second keep both files. */
export function unusedName(base: string, ext: string): string {
  let name = `${base}${ext}`
  for (let n = 2; existsSync(name); n++) name = `${base}-${n}${ext}`
  return name
}

/** "48 kB", "3.2 MB". */
export function sizeLabel(bytes: number): string {
  return bytes < 1024 * 1024 ? `${Math.ceil(bytes / 1024)} kB` : `${(bytes / 1024 / 1024).toFixed(1)} MB`
}
