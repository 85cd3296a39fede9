// IPC is answered only for frames showing our own pages: a frame that somehow navigated elsewhere,
// or a subframe from another origin, gets nothing.
import { originOf } from './permissions';

export function isTrustedSender(frameUrl: string | undefined, appOrigin: string): boolean {
  return frameUrl !== undefined && originOf(frameUrl) === appOrigin;
}
