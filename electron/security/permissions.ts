// Permission requests from web content: the camera for our own origin, nothing else, ever.
// (The patient camera for face checks and the card-tray camera for reading the card face.)

/** Origin the renderer is served from in Electron (a privileged standard scheme). */
export const APP_ORIGIN = 'app://kiosk';

export function originOf(url: string): string | null {
  try {
    const parsed = new URL(url);
    // URL.origin is "null" for non-special schemes; rebuild it for our app:// scheme.
    return parsed.origin !== 'null' ? parsed.origin : `${parsed.protocol}//${parsed.host}`;
  } catch {
    return null;
  }
}

export interface PermissionQuery {
  permission: string;
  requestingUrl: string;
  /** Electron's `details.mediaTypes` for 'media' requests. */
  mediaTypes?: readonly string[];
}

export function isPermissionGranted(query: PermissionQuery, appOrigin: string): boolean {
  if (originOf(query.requestingUrl) !== appOrigin) return false;
  if (query.permission !== 'media') return false;
  const types = query.mediaTypes ?? [];
  // Video only: no microphone, and an empty list (unknown types) is refused.
  return types.length > 0 && types.every((type) => type === 'video');
}
