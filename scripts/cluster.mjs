#!/usr/bin/env node
// Two Daisy nodes from one build behind nginx, on PostgreSQL and Redis: the set-up "Running on several machines"
// in the README describes, on one machine. The cluster e2e specs (playwright.cluster.config.ts) and
// `npm run bench -- --setup cluster` run it.
//
//   node scripts/cluster.mjs --prepare   the database (made again), migrations, seed, and the build
//   node scripts/cluster.mjs             the same, then serve: node A and node B (each its own copy of the
//                                         build, as on two machines), nginx on CLUSTER_PORT in front of both;
//                                         with CLUSTER_PREPARED=1, serve what --prepare made
//
// Like a supervisor (systemd, an orchestrator), it starts a node again a second after it dies, so a test may
// kill one with SIGKILL. The nodes' process ids are in <DAISY_DIST_DIR>/cluster.json.
import { spawn, spawnSync } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { cpSync, existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { bin, fail, info, root, run, step } from './lib/steps.mjs'
import { migrateFreshDatabase, redact } from './lib/pg-migrations.ts'
import { clearPrefix, redisPrefix } from '../lib/redis.ts'

const port = Number(process.env.CLUSTER_PORT || 3231)
const nodes = [
  { name: 'A', port: port + 1 },
  { name: 'B', port: port + 2 },
]
const url = process.env.DATABASE_URL || ''
if (!/^postgres(ql)?:\/\//.test(url)) fail(`the cluster runs on PostgreSQL: DATABASE_URL is ${redact(url) || 'unset'}`)
if (!process.env.REDIS_URL) fail('the cluster shares its caches through Redis: set REDIS_URL')
const distDir = process.env.DAISY_DIST_DIR || '.next-cluster'
const state = join(root, distDir, 'cluster.json')
const nodeDist = (node) => (node.name === 'A' ? distDir : `${distDir}-${node.name.toLowerCase()}`)

if (process.env.CLUSTER_PREPARED !== '1') await prepare()
if (process.argv.includes('--prepare')) process.exit(0)
await serve()

async function prepare() {
  step(`Cluster database ${redact(url)}`)
  const migrated = await migrateFreshDatabase({
    url,
    allowed: /^daisy_[a-z0-9_]*(e2e|bench|cluster)[a-z0-9_]*$/,
    what: 'tests (daisy_…e2e|bench|cluster…)',
    log: info,
  })
  if (!migrated.ok) fail(migrated.message)
  run(bin('tsx'), ['prisma/seed.ts'])
  // Whatever a previous run left in Redis under this prefix (cached entries, tag expiries, rate limits).
  await clearPrefix(process.env.REDIS_URL, redisPrefix())

  step(`Production build into ${distDir}, then a copy for node B`)
  // One build for every node; the key Next encrypts server actions' closures with is fixed for it too, so a
  // form rendered by one node posts to the other (README, "Running on several machines").
  run(bin('next'), ['build'], {
    env: {
      ...process.env,
      NEXT_SERVER_ACTIONS_ENCRYPTION_KEY:
        process.env.NEXT_SERVER_ACTIONS_ENCRYPTION_KEY || randomBytes(32).toString('base64'),
    },
  })
  for (const node of nodes.slice(1)) {
    rmSync(join(root, nodeDist(node)), { recursive: true, force: true })
    cpSync(join(root, distDir), join(root, nodeDist(node)), { recursive: true })
  }
}

async function serve() {
  for (const node of nodes)
    if (!existsSync(join(root, nodeDist(node), 'BUILD_ID'))) fail(`no build in ${nodeDist(node)}: run with --prepare`)
  const running = new Map()
  let stopping = false
  const record = () =>
    writeFileSync(
      state,
      JSON.stringify(Object.fromEntries([...running].map(([name, child]) => [name, { pid: child.pid }]))),
    )
  const start = (node) => {
    // BENCH_CPU_PROF=<dir> (npm run bench): each node writes a CPU profile there when it stops, as one node does.
    const profile = process.env.BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`] : []
    const child = spawn(process.execPath, [...profile, 'server/main.ts', '-p', String(node.port)], {
      cwd: root,
      stdio: ['ignore', 'inherit', 'inherit'],
      env: { ...process.env, DAISY_DIST_DIR: nodeDist(node), BIND_ADDRESS: '127.0.0.1', DAISY_NODE: node.name },
    })
    running.set(node.name, child)
    record()
    child.on('exit', (code, signal) => {
      if (stopping) return
      info(`node ${node.name} stopped (${signal ?? code}); starting it again in 1 s`)
      setTimeout(() => start(node), 1000)
    })
  }
  step(`Serving: node A on ${nodes[0].port}, node B on ${nodes[1].port}, nginx on ${port}`)
  nodes.forEach(start)
  const proxy = startNginx()
  const stop = () => {
    stopping = true
    for (const child of running.values()) child.kill('SIGTERM')
    proxy.kill('SIGQUIT')
    setTimeout(() => process.exit(0), 3000).unref()
  }
  process.on('SIGINT', stop)
  process.on('SIGTERM', stop)
  proxy.on('exit', (code) => {
    if (!stopping) fail(`nginx stopped (${code}): see ${join(root, distDir, 'nginx', 'error.log')}`)
  })
}

/** nginx in the foreground with its own prefix folder: config, logs and temporary files beside the build. */
function startNginx() {
  const nginx = ['/usr/sbin/nginx', '/usr/local/sbin/nginx'].find(existsSync)
  if (!nginx) fail('nginx is not installed (Debian: apt-get install nginx)')
  const dir = join(root, distDir, 'nginx')
  mkdirSync(join(dir, 'logs'), { recursive: true })
  const conf = join(dir, 'nginx.conf')
  writeFileSync(conf, nginxConfig(dir))
  const check = spawnSync(nginx, ['-t', '-p', dir, '-c', conf], { encoding: 'utf8' })
  if (check.status !== 0) fail(`nginx refuses its configuration:\n${check.stderr}`)
  return spawn(nginx, ['-p', dir, '-c', conf, '-g', 'daemon off;'], { stdio: 'inherit' })
}

/**
 * The README's nginx example with both nodes upstream. One addition for the tests: nginx itself sits behind
 * a trusted hop on loopback (the specs, playing clients), so it takes the client's address from that hop's
 * X-Forwarded-For (realip) and then, as in the README, overwrites the header with it for the nodes.
 */
function nginxConfig(dir) {
  return `worker_processes 1;
pid ${dir}/nginx.pid;
error_log ${dir}/logs/error.log warn;
# Room for a fediverse preview stampede (docs/several-machines.md#nginx-in-front): two connections a request.
worker_rlimit_nofile 16384;
events { worker_connections 8192; }
http {
  access_log off;
  client_body_temp_path ${dir}/client_body;
  proxy_temp_path ${dir}/proxy;
  fastcgi_temp_path ${dir}/fastcgi;
  uwsgi_temp_path ${dir}/uwsgi;
  scgi_temp_path ${dir}/scgi;
  upstream daisy {
${nodes.map((node) => `    server 127.0.0.1:${node.port} max_fails=1 fail_timeout=2s;`).join('\n')}
    keepalive 1024;
    keepalive_timeout 4s;
  }
  server {
    listen 127.0.0.1:${port} backlog=4096;
    client_max_body_size 16m;
    set_real_ip_from 127.0.0.1;
    real_ip_header X-Forwarded-For;
    location / {
      proxy_pass http://daisy;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Host $http_host;
      proxy_set_header X-Forwarded-For $remote_addr;
      proxy_set_header X-Forwarded-Proto $scheme;
      # A node that refuses the connection (stopped, restarting): the request goes to the other one.
      proxy_next_upstream error timeout http_502;
    }
  }
}
`
}
