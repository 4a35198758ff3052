import { defineConfig } from 'vitest/config'
import { fileURLToPath } from 'node:url'

export default defineConfig({
  resolve: { alias: { '@': fileURLToPath(new URL('.', import.meta.url)) } },
  test: {
    // Only unit tests beside lib/ modules; Playwright specs in e2e/ are never collected here.
    include: ['lib/**/*.test.ts'],
    environment: 'node',
  },
})
