/**
 * Whether an IPC call comes from our own renderer: the packaged page (file://…/renderer/) or, in
 * development, the electron-vite dev server. Anything else (an injected frame, a navigated-to
 * site) is refused.
 */
export function isTrustedSender(frameUrl: string | undefined, devServerUrl: string | undefined, rendererDir?: string): boolean {
  if (!frameUrl) return false;
  let u: URL;
  try {
    u = new URL(frameUrl);
  } catch {
    return false;
  }
  if (u.protocol === 'file:') return rendererDir === undefined || decodeURIComponent(u.pathname).startsWith(rendererDir);
  return devServerUrl !== undefined && u.origin === new URL(devServerUrl).origin;
}
