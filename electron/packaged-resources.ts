// Where a packaged kiosk keeps the data electron-builder copies beside app.asar (extraResources):
// `<resources>/models` and `<resources>/tessdata`. Those folders sit outside the asar, as plain
// files, because the face worker and tesseract read them with ordinary file access.

/** `<process.resourcesPath>/<name>`, or undefined outside Electron (plain Node: CLI, tests). */
export function packagedResourceDir(name: string): string | undefined {
  const resourcesPath = (process as NodeJS.Process & { resourcesPath?: string }).resourcesPath;
  return resourcesPath ? `${resourcesPath.replace(/[\\/]+$/, '')}/${name}` : undefined;
}
