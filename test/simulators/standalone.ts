// What each simulator exports (from <name>/standalone.ts) so the CLI can run it for a person.
export interface CliOptions {
  port: number;
  host: string;
  token?: string;
  qrTtlMs?: number;
}

export interface Running {
  url: string;
  close(): Promise<void>;
  /** Lines printed at start: base URL, credentials to paste into Switchboard, control page. */
  describe(): string[];
}

export interface StandaloneSimulator {
  name: string;
  start(opts: CliOptions): Promise<Running>;
}
