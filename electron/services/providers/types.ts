// The one interface the rest of the app uses to talk to any provider. Each provider folder
// implements it with the same parts: client (outbound), inbound (webhook parser), capabilities.
import type { ConnectionTest, MessageKind, ProviderInfo } from '../../../shared/model';

export interface AccountContext {
  config: Record<string, string>;
  secrets: Record<string, string>;
}

/** The instance a request is made for, with its keychain-held access token. */
export interface InstanceRef {
  providerId: string | null;
  sessionId: string;
  accessToken: string;
}

export interface SendTarget {
  peerId: string;
  isGroup: boolean;
  instance?: InstanceRef;
}

export interface InboundMessage {
  type: 'message';
  /** The provider's instance/session the message arrived on, when it has instances. */
  sessionId: string | null;
  peerId: string;
  isGroup: boolean;
  groupName: string | null;
  /** Sender's phone (digits) for a person; for a group, the participant's. */
  senderPhone: string | null;
  senderName: string | null;
  fromMe: boolean;
  providerMessageId: string;
  at: number;
  kind: MessageKind;
  text: string | null;
}

export type InboundEvent = InboundMessage | { type: 'ignored'; reason: string };

export interface QrResult {
  kind: 'qr' | 'connected';
  dataUrl?: string;
  ttlMs?: number;
}

export interface InstanceInfo {
  connected: boolean;
  phone: string | null;
  name: string | null;
}

export interface InstanceOps {
  create(ctx: AccountContext): Promise<InstanceRef>;
  init(ctx: AccountContext, inst: InstanceRef, webhookUrl: string | null): Promise<void>;
  qr(ctx: AccountContext, inst: InstanceRef): Promise<QrResult>;
  info(ctx: AccountContext, inst: InstanceRef): Promise<InstanceInfo>;
  logout(ctx: AccountContext, inst: InstanceRef): Promise<void>;
  remove(ctx: AccountContext, inst: InstanceRef): Promise<void>;
}

export interface ProviderAdapter {
  info: ProviderInfo;
  testConnection(ctx: AccountContext): Promise<ConnectionTest>;
  sendText(ctx: AccountContext, target: SendTarget, text: string): Promise<{ providerMessageId: string | null }>;
  /** Parses one webhook body; throws with a readable reason when it isn't a payload this provider sends. */
  parseInbound(body: unknown): InboundEvent[];
  /** Present for providers whose webhook URL is set through their API. */
  registerWebhook?(ctx: AccountContext, url: string, instance?: InstanceRef): Promise<void>;
  instances?: InstanceOps;
}
