// The OMNI contract the simulator enforces: request validation in Infobip's requestError style,
// the status/error catalogue, and the report shape (as GET /omni/1/reports and pushes carry it).
import type { FetchRecord } from '../media';
import { randomBytes, randomUUID } from 'node:crypto';

export type Channel = 'WHATSAPP' | 'SMS';

export interface FlowStep {
  from: string;
  channel: string;
}

export interface Scenario {
  key: string;
  name: string;
  flow: FlowStep[];
  default: boolean;
}

export interface SentMessage {
  messageId: string;
  to: string;
  scenarioKey: string;
  whatsApp: Record<string, unknown> | null;
  sms: Record<string, unknown> | null;
  notifyUrl: string | null;
  callbackData: string | null;
  /** The whole accepted request body. */
  request: Record<string, unknown>;
  at: number;
  /** The simulator's download of whatsApp.imageUrl, once per request (shared by its destinations). */
  imageFetch?: FetchRecord;
}

export interface ReportStatus {
  groupId: number;
  groupName: string;
  id: number;
  name: string;
  description: string;
}

export interface ReportError {
  groupId: number;
  groupName: string;
  id: number;
  name: string;
  description: string;
  permanent: boolean;
}

export interface Report {
  messageId: string;
  to: string;
  messageCount: number;
  sentAt: string;
  doneAt: string;
  mccMnc: string;
  price: { pricePerMessage: number; currency: string };
  status: ReportStatus;
  error: ReportError;
  channel: string;
  callbackData?: string;
}

/** What a test (or the control page) says happened to a message. */
export interface DeliverSpec {
  groupId: number;
  groupName?: string;
  /** Status name, e.g. DELIVERED_TO_HANDSET; id and description are filled in from the catalogue. */
  name: string;
  id?: number;
  description?: string;
  channel: Channel;
  error?: Partial<ReportError> & { name: string };
  price?: { pricePerMessage: number; currency: string };
}

export const GROUP_NAMES: Record<number, string> = { 0: 'ACCEPTED', 1: 'PENDING', 2: 'UNDELIVERABLE', 3: 'DELIVERED', 4: 'EXPIRED', 5: 'REJECTED' };

/** Infobip's general status catalogue (the names and ids its reports carry). */
const STATUSES: Record<string, { id: number; description: string }> = {
  PENDING_ENROUTE: { id: 7, description: 'Message sent to next instance' },
  PENDING_WAITING_DELIVERY: { id: 3, description: 'Message sent, waiting for delivery report' },
  UNDELIVERABLE_REJECTED_OPERATOR: { id: 4, description: 'Message rejected by operator' },
  UNDELIVERABLE_NOT_DELIVERED: { id: 9, description: 'Message sent not delivered' },
  DELIVERED_TO_OPERATOR: { id: 2, description: 'Message delivered to operator' },
  DELIVERED_TO_HANDSET: { id: 5, description: 'Message delivered to handset' },
  EXPIRED_EXPIRED: { id: 15, description: 'Message expired' },
  EXPIRED_DLR_UNKNOWN: { id: 29, description: 'Delivery report unknown' },
  REJECTED_NETWORK: { id: 6, description: 'Network is forbidden' },
  REJECTED_NOT_ENOUGH_CREDITS: { id: 12, description: 'Not enough credits' },
  REJECTED_DESTINATION: { id: 14, description: 'Destination address blacklisted' },
};

export const NO_ERROR: ReportError = { groupId: 0, groupName: 'OK', id: 0, name: 'NO_ERROR', description: 'No Error', permanent: false };
export const ABSENT_SUBSCRIBER: ReportError = { groupId: 1, groupName: 'HANDSET_ERRORS', id: 6, name: 'EC_ABSENT_SUBSCRIBER_SM', description: 'Absent Subscriber', permanent: false };

export const PENDING_ENROUTE: ReportStatus = { groupId: 1, groupName: 'PENDING', id: 7, name: 'PENDING_ENROUTE', description: 'Message sent to next instance' };

const DEFAULT_PRICE: Record<Channel, { pricePerMessage: number; currency: string }> = {
  WHATSAPP: { pricePerMessage: 0.005, currency: 'EUR' },
  SMS: { pricePerMessage: 0.01, currency: 'EUR' },
};

/** Presets for the control page and tests: one outcome → one report spec. */
export const OUTCOMES: Record<string, (channel: Channel) => DeliverSpec> = {
  delivered: (channel) => ({ groupId: 3, name: 'DELIVERED_TO_HANDSET', channel }),
  operator: (channel) => ({ groupId: 3, name: 'DELIVERED_TO_OPERATOR', channel }),
  undeliverable: (channel) => ({ groupId: 2, name: 'UNDELIVERABLE_NOT_DELIVERED', channel, error: ABSENT_SUBSCRIBER }),
  expired: (channel) => ({ groupId: 4, name: 'EXPIRED_EXPIRED', channel }),
  rejected: (channel) => ({ groupId: 5, name: 'REJECTED_NOT_ENOUGH_CREDITS', channel }),
};

export const scenarioKey = (): string => randomBytes(16).toString('hex').toUpperCase();
export const messageId = (): string => randomUUID();

/** Infobip's timestamp form: 2016-02-23T17:41:11.833+0000 (UTC here; no colon in the offset). */
export function infobipTime(ms: number): string {
  return new Date(ms).toISOString().replace('Z', '+0000');
}

export function requestError(messageIdText: string, text: string, validationErrors?: Record<string, string[]>): unknown {
  return { requestError: { serviceException: { messageId: messageIdText, text, ...(validationErrors ? { validationErrors } : {}) } } };
}

export const UNAUTHORIZED = requestError('UNAUTHORIZED', 'Invalid login details');

export function buildReport(msg: SentMessage, spec: DeliverSpec, now = Date.now()): Report {
  const known = STATUSES[spec.name];
  const error = spec.error ? { ...NO_ERROR, groupId: 1, groupName: 'HANDSET_ERRORS', description: spec.error.name, ...spec.error } : NO_ERROR;
  return {
    messageId: msg.messageId,
    to: msg.to,
    messageCount: 1,
    sentAt: infobipTime(msg.at),
    doneAt: infobipTime(Math.max(now, msg.at)),
    mccMnc: '22801',
    price: spec.price ?? DEFAULT_PRICE[spec.channel],
    status: {
      groupId: spec.groupId,
      groupName: spec.groupName ?? GROUP_NAMES[spec.groupId] ?? 'UNKNOWN',
      id: spec.id ?? known?.id ?? 0,
      name: spec.name,
      description: spec.description ?? known?.description ?? spec.name,
    },
    error,
    channel: spec.channel,
    ...(msg.callbackData !== null ? { callbackData: msg.callbackData } : {}),
  };
}

type Problems = Record<string, string[]>;

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const blank = (v: unknown): boolean => typeof v !== 'string' || v.trim() === '';
const isHttpUrl = (v: unknown): boolean => typeof v === 'string' && /^https?:\/\/\S+$/i.test(v);

function add(problems: Problems, field: string, message: string): void {
  (problems[field] ??= []).push(message);
}

const CHANNELS = ['SMS', 'WHATSAPP', 'VIBER', 'FACEBOOK', 'LINE', 'VOICE', 'EMAIL', 'PUSH'];

/** POST /omni/1/scenarios body → the scenario, or the field problems. */
export function validateScenario(body: unknown): { scenario: Omit<Scenario, 'key'> } | { problems: Problems } {
  const problems: Problems = {};
  if (!isRecord(body)) return { problems: { body: ['must be a JSON object'] } };
  if (blank(body.name)) add(problems, 'name', 'may not be null');
  const flow = body.flow;
  if (!Array.isArray(flow) || flow.length === 0) add(problems, 'flow', 'may not be empty');
  else
    flow.forEach((step, i) => {
      if (!isRecord(step) || blank(step.from)) add(problems, `flow[${i}].from`, 'may not be null');
      if (!isRecord(step) || typeof step.channel !== 'string' || !CHANNELS.includes(step.channel)) add(problems, `flow[${i}].channel`, `must be one of ${CHANNELS.join(', ')}`);
    });
  if (body.default !== undefined && typeof body.default !== 'boolean') add(problems, 'default', 'must be true or false');
  if (Object.keys(problems).length) return { problems };
  return { scenario: { name: body.name as string, flow: (flow as FlowStep[]).map((s) => ({ from: s.from, channel: s.channel })), default: body.default === true } };
}

const TEMPLATE_FIELDS = ['templateName', 'templateNamespace', 'templateData', 'language'];

function validateWhatsApp(wa: unknown, problems: Problems): void {
  if (!isRecord(wa)) return add(problems, 'whatsApp', 'must be an object');
  if (TEMPLATE_FIELDS.some((f) => wa[f] !== undefined)) {
    for (const f of ['templateName', 'templateNamespace', 'language']) if (blank(wa[f])) add(problems, `whatsApp.${f}`, 'may not be null');
    if (!Array.isArray(wa.templateData) || wa.templateData.some((v) => typeof v !== 'string')) add(problems, 'whatsApp.templateData', 'must be an array of strings');
    if (wa.policy !== undefined && wa.policy !== 'deterministic' && wa.policy !== 'fallback') add(problems, 'whatsApp.policy', 'must be deterministic or fallback');
    return;
  }
  if (wa.imageUrl !== undefined && !isHttpUrl(wa.imageUrl)) add(problems, 'whatsApp.imageUrl', 'may not be blank and must be a valid URL');
  if (wa.text !== undefined && typeof wa.text !== 'string') add(problems, 'whatsApp.text', 'must be a string');
  if (typeof wa.text === 'string' && wa.text.length > 4096) add(problems, 'whatsApp.text', 'size must be between 1 and 4096');
  if (wa.imageUrl === undefined && blank(wa.text)) add(problems, 'whatsApp.text', 'may not be null');
}

/** POST /omni/1/advanced body → its field problems (scenario existence is checked by the caller). */
export function validateAdvanced(body: unknown, scenario: Scenario | undefined): Problems {
  const problems: Problems = {};
  if (!isRecord(body)) return { body: ['must be a JSON object'] };
  const destinations = body.destinations;
  if (!Array.isArray(destinations) || destinations.length === 0) add(problems, 'destinations', 'may not be empty');
  else
    destinations.forEach((d, i) => {
      const phone = isRecord(d) && isRecord(d.to) ? d.to.phoneNumber : undefined;
      if (typeof phone !== 'string' || !/^\+?\d{6,15}$/.test(phone)) add(problems, `destinations[${i}].to.phoneNumber`, 'must be a valid phone number');
    });
  const steps = scenario?.flow.map((s) => s.channel) ?? [];
  if (body.whatsApp !== undefined) validateWhatsApp(body.whatsApp, problems);
  else if (steps.includes('WHATSAPP')) add(problems, 'whatsApp', 'may not be null for a scenario with a WHATSAPP step');
  if (body.sms !== undefined && (!isRecord(body.sms) || blank(body.sms.text))) add(problems, 'sms.text', 'may not be null');
  if (body.notifyUrl !== undefined && !isHttpUrl(body.notifyUrl)) add(problems, 'notifyUrl', 'must be a valid URL');
  return problems;
}
