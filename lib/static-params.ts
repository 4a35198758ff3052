// Cache Components needs every dynamic route to prerender at least one param set, even on an empty blog.
export function atLeastOne<T>(params: T[], placeholder: T): T[] {
  return params.length > 0 ? params : [placeholder]
}
