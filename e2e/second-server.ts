// A second server on the e2e build and database, on another port with settings of its own (no TRUST_PROXY,
// another DAISY_READER_JS, a restart): for what one server's environment decides.
import { spawn, type ChildProcess } from 'node:child_process'
import { expect } from '@playwright/test'
import { e2eServerEnv } from './env'

/** Starts it, with `env` over the e2e server's; resolves once `/` answers 200. */
export async function startSecondServer(port: number, env: Record<string, string> = {}): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['server/main.ts', '-p', String(port)], {
    env: { ...process.env, ...e2eServerEnv, PORT: String(port), ...env },
    stdio: 'ignore',
  })
  await expect
    .poll(
      () =>
        fetch(`http://localhost:${port}/`).then(
          (r) => r.status,
          () => 0,
        ),
      { timeout: 30_000 },
    )
    .toBe(200)
  return child
}

/** Stops it; resolves once it has exited. */
export function stopSecondServer(child: ChildProcess): Promise<unknown> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) return resolve(child.exitCode)
    child.once('exit', resolve)
    child.kill()
  })
}
