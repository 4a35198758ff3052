// Side-effect import for CLI entry points: read .env.local and .env the way `npm start` and Next.js do.
import { loadEnvFiles } from './steps.mjs'

loadEnvFiles()
