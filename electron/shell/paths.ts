import { homedir } from 'node:os';
import { join } from 'node:path';

/** Where Electron keeps userData for "Switchboard", so the shell and the app share one data folder. */
export function defaultDataDir(): string {
  if (process.env.SWITCHBOARD_DATA_DIR) return process.env.SWITCHBOARD_DATA_DIR;
  const home = homedir();
  if (process.platform === 'darwin') return join(home, 'Library', 'Application Support', 'Switchboard');
  if (process.platform === 'win32') return join(process.env.APPDATA ?? join(home, 'AppData', 'Roaming'), 'Switchboard');
  return join(process.env.XDG_CONFIG_HOME ?? join(home, '.config'), 'Switchboard');
}
