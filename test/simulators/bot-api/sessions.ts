// Account sign-in for the bot API (reference note "Base URL / auth"): `POST /sessions`
// `{email, password}` → `{accessToken, refreshToken}` (JWTs), `DELETE /sessions` signs out, and
// every call carries `Authorization: Bearer <accessToken>` and `x-refresh: <refreshToken>`.
// Decisions (*) where the note is silent:
// - *An issued access token lives accessTtlMs (default 15 min); once expired, the request is still
//   served when `x-refresh` holds a live refresh token of the same session (the server falls back
//   to it, which is why the SDK sends it every time). Without one: 401 `Unauthorized`.
// - *The dashboard's long-lived API token (the simulator's bearerToken) never expires.
// - *Wrong email/password → 401 `{status:false, message:"Invalid email or password"}`; missing
//   fields → 400; DELETE /sessions → 204 and both tokens stop working.
import { randomBytes } from 'node:crypto';

export interface SimUser {
  email: string;
  password: string;
}

interface Session {
  email: string;
  accessToken: string;
  refreshToken: string;
  accessExpiresAt: number;
  revoked: boolean;
}

const b64 = (v: unknown): string => Buffer.from(JSON.stringify(v)).toString('base64url');

function jwt(payload: Record<string, unknown>): string {
  return `${b64({ alg: 'HS256', typ: 'JWT' })}.${b64(payload)}.${randomBytes(32).toString('base64url')}`;
}

export class AccountAuth {
  private readonly sessions: Session[] = [];

  constructor(
    private readonly apiToken: string,
    private readonly users: readonly SimUser[],
    private readonly accessTtlMs: number,
  ) {}

  signIn(email: unknown, password: unknown): { status: number; json: unknown } {
    if (typeof email !== 'string' || !email || typeof password !== 'string' || !password) return { status: 400, json: { status: false, message: 'email and password are required' } };
    const user = this.users.find((u) => u.email.toLowerCase() === email.toLowerCase() && u.password === password);
    if (!user) return { status: 401, json: { status: false, message: 'Invalid email or password' } };
    const now = Date.now();
    const session: Session = {
      email: user.email,
      accessToken: jwt({ email: user.email, type: 'access', iat: Math.floor(now / 1000) }),
      refreshToken: jwt({ email: user.email, type: 'refresh', iat: Math.floor(now / 1000) }),
      accessExpiresAt: now + this.accessTtlMs,
      revoked: false,
    };
    this.sessions.push(session);
    return { status: 200, json: { accessToken: session.accessToken, refreshToken: session.refreshToken } };
  }

  signOut(authorization: string | undefined): number {
    const s = this.sessionOf(authorization);
    if (!s) return 401;
    s.revoked = true;
    return 204;
  }

  /** Whether a request with these headers may call the API. */
  allows(authorization: string | undefined, xRefresh: string | undefined): boolean {
    const token = bearerOf(authorization);
    if (!token) return false;
    if (token === this.apiToken) return true;
    const s = this.sessions.find((x) => x.accessToken === token && !x.revoked);
    if (!s) return false;
    if (Date.now() < s.accessExpiresAt) return true;
    return !!xRefresh && xRefresh === s.refreshToken;
  }

  /** Ends every issued access token's life now (their refresh tokens stay valid). */
  expireAccessTokens(): void {
    for (const s of this.sessions) s.accessExpiresAt = 0;
  }

  /** Revokes every session, refresh tokens included: only signing in again helps. */
  revokeAll(): void {
    for (const s of this.sessions) s.revoked = true;
  }

  get issued(): readonly { email: string; accessToken: string; refreshToken: string }[] {
    return this.sessions;
  }

  private sessionOf(authorization: string | undefined): Session | undefined {
    const token = bearerOf(authorization);
    return this.sessions.find((x) => x.accessToken === token && !x.revoked);
  }
}

function bearerOf(authorization: string | undefined): string | null {
  return /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '')?.[1] ?? null;
}
