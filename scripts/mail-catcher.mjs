#!/usr/bin/env node
// The e2e suite's SMTP server (scripts/lib/mail-catcher.ts) with a small HTTP API for the specs:
//   GET  /mails?to=<address>  the mails to that address, oldest first (JSON)
//   POST /smtp/stop, /smtp/start  take the SMTP server away and bring it back (a mail server that is down)
// Ports: MAIL_CATCHER_SMTP_PORT (3225) and MAIL_CATCHER_HTTP_PORT (3226); it listens on 127.0.0.1 only.
import { createServer } from 'node:http'
import { startMailCatcher } from './lib/mail-catcher.ts'

const catcher = await startMailCatcher({ port: Number(process.env.MAIL_CATCHER_SMTP_PORT ?? 3225) })
const http = createServer(async (request, response) => {
  const url = new URL(request.url ?? '/', 'http://localhost')
  const reply = (status, body) => {
    response.writeHead(status, { 'content-type': 'application/json' })
    response.end(JSON.stringify(body))
  }
  if (request.method === 'GET' && url.pathname === '/mails')
    return reply(200, catcher.to(url.searchParams.get('to') ?? ''))
  if (request.method === 'GET' && url.pathname === '/')
    return reply(200, { smtp: catcher.running, mails: catcher.mails.length })
  if (request.method === 'POST' && url.pathname === '/smtp/stop')
    return reply(200, (await catcher.stop(), { smtp: false }))
  if (request.method === 'POST' && url.pathname === '/smtp/start')
    return reply(200, (await catcher.start(), { smtp: true }))
  reply(404, { error: 'not found' })
})
http.listen(Number(process.env.MAIL_CATCHER_HTTP_PORT ?? 3226), '127.0.0.1', () =>
  console.log(`mail catcher: SMTP on ${catcher.port}, HTTP on ${http.address().port}`),
)
for (const signal of ['SIGTERM', 'SIGINT']) process.on(signal, () => process.exit(0))
