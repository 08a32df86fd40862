// Parsed CSV imports, kept in memory between the upload step and "create" (the wizard's column
// mapping happens in between and may be redone). They are only a convenience: a lost import is
// simply imported again, so they are not written to disk, expire after an hour, and only the
// few most recent are kept to bound memory.
import { randomUUID } from 'node:crypto';
import type { ParsedCsv } from './csv';

const TTL_MS = 60 * 60 * 1000;
const MAX_KEPT = 3;

export class ImportCache {
  private readonly items = new Map<string, { csv: ParsedCsv; at: number }>();

  constructor(private readonly now: () => number = Date.now) {}

  add(csv: ParsedCsv): string {
    this.expire();
    const id = randomUUID();
    this.items.set(id, { csv, at: this.now() });
    // Maps keep insertion order: the first keys are the oldest.
    while (this.items.size > MAX_KEPT) this.items.delete(this.items.keys().next().value!);
    return id;
  }

  get(id: string): ParsedCsv | undefined {
    this.expire();
    return this.items.get(id)?.csv;
  }

  clear(): void {
    this.items.clear();
  }

  private expire(): void {
    const cutoff = this.now() - TTL_MS;
    for (const [id, item] of this.items) if (item.at < cutoff) this.items.delete(id);
  }
}
