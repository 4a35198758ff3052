// Where a library file is served. Plain module: the importer (CLI too) and the app share it.

/** An imported attachment that could not be fetched keeps its original address as its path. */
export const isRemoteMedia = (path: string) => /^https?:\/\//i.test(path)

/** The URL of a library file: under /media, or the original address of one kept remote. */
export const mediaUrl = (path: string) => (isRemoteMedia(path) ? path : `/media/${path}`)
