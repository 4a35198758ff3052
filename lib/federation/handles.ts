// Handles as readers see them, kept apart from the federation code so pages import nothing more.

/** The handle an author is followed by: their author page's slug as a username (letters, digits, _). */
export const authorHandle = (slug: string) => slug.replace(/-/g, '_')
