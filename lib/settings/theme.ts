// The page background of app/globals.css's light and dark themes, for the places CSS cannot reach:
// the browser's toolbar colour (<meta name="theme-color">) and the web app manifest.
export const THEME = {
  light: { background: '#fdfcf8' },
  dark: { background: '#161513' },
} as const
