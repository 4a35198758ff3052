// Types for providers.mjs.
export type Provider = 'sqlite' | 'postgresql'
export const PROVIDERS: Record<Provider, { schema: string; migrations: string; client: string }>
export function providerOf(url: string): Provider
export function postgresqlSchema(source: string): string
export function writeProviderSchemas(): boolean
