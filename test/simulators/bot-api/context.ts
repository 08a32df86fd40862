// What a bot API route sees and answers: the parsed request, and a reply the server writes out.
import type { UploadedFile } from '../http';
import type { InstanceRecord } from './model';

export interface Ctx {
  method: string;
  path: string;
  query: Record<string, string>;
  /** The JSON object or form fields of the body ({} when there is none). */
  body: Record<string, unknown>;
  files: Record<string, UploadedFile>;
  /** Route parameters such as `:id`. */
  params: Record<string, string>;
  /** Phone numbers the simulated WhatsApp does not know (sends to them answer "no account exists"). */
  unknownNumbers?: ReadonlySet<string>;
}

export interface Reply {
  status: number;
  json?: unknown;
  bytes?: Buffer | string;
  contentType?: string;
}

export type Handler = (ctx: Ctx) => Reply | Promise<Reply>;
export type ScopedHandler = (ctx: Ctx, inst: InstanceRecord) => Reply | Promise<Reply>;

export const ok = (json: unknown): Reply => ({ status: 200, json });
export const noContent = (): Reply => ({ status: 204 });
export const fail = (status: number, message: string): Reply => ({ status, json: { status: false, message } });

/** The engine's error body (reference note §B "Engine errors"): `{error:true, message}`. */
export const engineFail = (status: number, message: string): Reply => ({ status, json: { error: true, message } });

/** Note §B: 401 `{error:true, message:"phone isn't connected"}`. */
export const notConnected = (): Reply => engineFail(401, "phone isn't connected");
/** Note §B: 403 "no key query was present" / "invalid key supplied" (here: session_id + access_token). */
export const NO_KEY = 'no key query was present';
export const INVALID_KEY = 'invalid key supplied';
/** Note §B: `{error:true, code:<status>, message}`, e.g. 500 "no account exists" for a number not on WhatsApp. */
export const noAccount = (): Reply => ({ status: 500, json: { error: true, code: 500, message: 'no account exists' } });

export function isPresent(value: unknown): boolean {
  return value !== undefined && value !== null && value !== '';
}

/** A body field (JSON or form). */
export function field(ctx: Ctx, name: string): unknown {
  return ctx.body[name];
}

export function stringField(ctx: Ctx, name: string): string | undefined {
  const value = ctx.body[name];
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  return undefined;
}

/** The first missing field as the documented 400, or null when all are there. */
export function requireFields(ctx: Ctx, names: readonly string[]): Reply | null {
  for (const name of names) if (!isPresent(field(ctx, name))) return fail(400, `${name} is required`);
  return null;
}

/** Credentials may travel in the query or the body; an empty query value (`session_id=`) is absent. */
export function credential(ctx: Ctx, name: 'session_id' | 'access_token'): string | undefined {
  const fromQuery = ctx.query[name];
  if (fromQuery) return fromQuery;
  const fromBody = ctx.body[name];
  return typeof fromBody === 'string' && fromBody !== '' ? fromBody : undefined;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function isHttpUrl(value: string | undefined): boolean {
  if (!value) return false;
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}
