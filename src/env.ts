/**
 * Configuration: the Worker's bindings, and `parseConfig`, the only code that reads them.
 *
 * Every setting is a wrangler var or secret with an exact name (README "Configuration").
 * An invalid value is rejected here, once, with a message that names the setting; it is
 * never replaced by a silent default.
 */
import {
  DEFAULT_PCO_API_BASE,
  DEFAULT_SNAPSHOT_MAX_AGE_SECONDS,
  DEFAULT_WINDOW_FUTURE_DAYS,
  DEFAULT_WINDOW_PAST_DAYS,
  MAX_SNAPSHOT_MAX_AGE_SECONDS,
  MAX_WINDOW_DAYS,
} from './constants';
import { isValidTimeZone } from './model/zoned-time';
import { DEFAULT_LANGUAGE, isLanguage, LANGUAGES, type Language } from './render/i18n/languages';

/**
 * The Worker's bindings as wrangler passes them: `Cloudflare.Env` as `npm run types` generates
 * it (src/worker-configuration.d.ts, from wrangler.toml and .dev.vars.example), each one optional
 * here since any var or secret may be unset. What each setting means: README "Configuration".
 */
export type Bindings = Partial<Cloudflare.Env>;

/**
 * The demo's fake Planning Center: a PCO-compatible transport answering in-process with the
 * sample church. Only the demo entry (src/demo/index.ts, `npm start`) passes one; the
 * production entry has none, so its bundle never holds the fake or the sample data.
 */
export interface DemoPco {
  /** Where the demo pretends PCO lives (never resolved). */
  baseUrl: string;
  appId: string;
  secret: string;
  /** Answers a PCO request in-process. */
  fetch: (request: Request) => Promise<Response>;
}

/**
 * Where the calendar comes from: Planning Center with a PAT; the demo's fake PCO (demo entry
 * only, without credentials); or nowhere yet (production entry without credentials: the setup
 * page and 503s, never a sample calendar).
 */
export type Upstream =
  | { mode: 'live'; baseUrl: string; appId: string; secret: string }
  | { mode: 'demo'; pco: DemoPco }
  | { mode: 'unconfigured'; missing: readonly string[] };

/** Parsed, valid configuration. */
export interface Config {
  /** Where the calendar is read from; see {@link Upstream}. */
  upstream: Upstream;
  /** IANA zone for local times (TZID, display, local times in JSON), overriding PCO's `time_zone` if set; all-day dates are still computed in PCO's zone. */
  timeZone: string | undefined;
  /** Days of past occurrences published (≥ 0). */
  windowPastDays: number;
  /** Days of future occurrences published (≥ 0). */
  windowFutureDays: number;
  /** Feed title overriding the organization's name, if set. */
  feedTitle: string | undefined;
  /** Origin (and optional path) for links in pages and feeds, without a trailing slash; undefined: the request's origin. UIDs never use it. */
  publicBaseUrl: string | undefined;
  /**
   * CSP `frame-ancestors` sources of `/widget` besides `'self'`: `['*']` (any site, the default),
   * origins such as `https://www.example.org` or `https://*.example.org`, or `[]` for none.
   */
  widgetFrameAncestors: readonly string[];
  /** Interface language of the HTML pages when a request has no `lang=` (`LANGUAGE`). */
  language: Language;
  /** Seconds after which a snapshot is served stale while a background refresh runs. */
  snapshotMaxAgeSeconds: number;
  /** Bearer token of `POST /admin/refresh`, if configured. Never logged or returned. */
  adminToken: string | undefined;
  /** HMAC secret of `POST /webhooks/pco`, if configured. Never logged or returned. */
  webhookSecret: string | undefined;
  /**
   * Whether event attachments are published. A Calendar attachment has no public flag, so they
   * stay private unless `PUBLISH_ATTACHMENTS=true` (the demo calendar defaults to true).
   */
  publishAttachments: boolean;
}

/** A setting has an invalid value. `setting` is its exact name. */
export class ConfigError extends Error {
  /** The setting's exact name, e.g. `PCO_API_BASE`. */
  readonly setting: string;
  constructor(setting: string, problem: string) {
    super(`${setting} ${problem}`);
    this.name = 'ConfigError';
    this.setting = setting;
  }
}

/** Hosts to which PCO_API_BASE may be plain http (a local fake PCO server). */
const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

const optional = (value: string | number | undefined): string | undefined => {
  if (value === undefined || value === null) return undefined;
  const text = String(value).trim();
  return text === '' ? undefined : text;
};

function wholeNumber(
  name: string,
  value: string | number | undefined,
  fallback: number,
  max: number,
  unit: string,
): number {
  const text = optional(value);
  if (text === undefined) return fallback;
  if (!/^\d+$/.test(text) || Number(text) > max) {
    throw new ConfigError(
      name,
      `must be a whole number of ${unit} from 0 to ${max} (got "${text}")`,
    );
  }
  return Number(text);
}

const days = (name: string, value: string | number | undefined, fallback: number) =>
  wholeNumber(name, value, fallback, MAX_WINDOW_DAYS, 'days');

function httpUrl(name: string, text: string): string {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new ConfigError(name, `must be an absolute http(s) URL (got "${text}")`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new ConfigError(name, `must be an http(s) URL (got "${text}")`);
  }
  if (url.search || url.hash || url.username || url.password) {
    throw new ConfigError(
      name,
      `must not contain a query, fragment or credentials (got "${url.origin}…")`,
    );
  }
  return url.href.replace(/\/+$/, '');
}

/** A CSP host-source: optional scheme, optional `*.` wildcard, host, optional port. */
const HOST_SOURCE =
  /^(?:https?:\/\/)?(?:\*\.)?[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)*(?::(?:\d{1,5}|\*))?$/i;

/**
 * `WIDGET_FRAME_ANCESTORS`: CSP `frame-ancestors` sources, separated by spaces or commas.
 * Accepts `*`, `'none'` (alone), `https:`, and host sources such as `https://www.example.org`,
 * `https://*.example.org` or `example.org:8080` (a trailing `/` is dropped).
 */
function frameAncestors(value: string | undefined): string[] {
  if (value === undefined) return ['*'];
  const sources = value.split(/[\s,]+/).filter(Boolean);
  if (sources.length === 1 && sources[0] === "'none'") return [];
  const normalized = sources.map((source) => source.replace(/\/$/, ''));
  for (const source of normalized) {
    if (source === '*' || source === "'self'" || source === 'https:' || HOST_SOURCE.test(source)) {
      continue;
    }
    throw new ConfigError(
      'WIDGET_FRAME_ANCESTORS',
      `must be *, 'none', or origins like https://www.example.org separated by spaces (got "${source}")`,
    );
  }
  return [...new Set(normalized)];
}

/**
 * Parses and checks the bindings. Without PCO_APP_ID and PCO_SECRET the upstream is `demo`
 * when `demo` is given (the demo entry), else `unconfigured`.
 *
 * @param demo the demo's fake Planning Center; only the demo entry passes it
 * @throws {ConfigError} naming the first invalid setting: only one of PCO_APP_ID/PCO_SECRET
 *   set, a malformed PCO_API_BASE or PUBLIC_BASE_URL, a bad WIDGET_FRAME_ANCESTORS source, an
 *   unknown TIME_ZONE or LANGUAGE, a PUBLISH_ATTACHMENTS other than true/false, or window days
 *   or SNAPSHOT_MAX_AGE_SECONDS that are negative, fractional or above the maximum
 */
export function parseConfig(env: Bindings, demo?: DemoPco): Config {
  const appId = optional(env.PCO_APP_ID);
  const secret = optional(env.PCO_SECRET);
  if ((appId === undefined) !== (secret === undefined)) {
    const missing = appId === undefined ? 'PCO_APP_ID' : 'PCO_SECRET';
    throw new ConfigError(
      missing,
      'is not set; set both PCO_APP_ID and PCO_SECRET (README "Deploy in 5 minutes")',
    );
  }
  const baseUrl = httpUrl('PCO_API_BASE', optional(env.PCO_API_BASE) ?? DEFAULT_PCO_API_BASE);
  // The PAT travels in every request: cleartext only to a server on this machine (a fake).
  if (appId && baseUrl.startsWith('http:') && !LOOPBACK_HOSTS.has(new URL(baseUrl).hostname)) {
    throw new ConfigError(
      'PCO_API_BASE',
      `must be an https URL when credentials are set (got "${baseUrl}")`,
    );
  }
  const timeZone = optional(env.TIME_ZONE);
  if (timeZone !== undefined && !isValidTimeZone(timeZone)) {
    throw new ConfigError('TIME_ZONE', `is not a known IANA time zone (got "${timeZone}")`);
  }
  const publicBase = optional(env.PUBLIC_BASE_URL);
  const language = optional(env.LANGUAGE) ?? DEFAULT_LANGUAGE;
  if (!isLanguage(language)) {
    throw new ConfigError('LANGUAGE', `must be one of ${LANGUAGES.join(', ')} (got "${language}")`);
  }
  const publishAttachments = optional(
    env.PUBLISH_ATTACHMENTS === undefined ? undefined : String(env.PUBLISH_ATTACHMENTS),
  );
  if (publishAttachments !== undefined && !/^(true|false)$/i.test(publishAttachments)) {
    throw new ConfigError(
      'PUBLISH_ATTACHMENTS',
      `must be true or false (got "${publishAttachments}")`,
    );
  }
  const live = appId !== undefined && secret !== undefined;
  return {
    upstream:
      appId && secret
        ? { mode: 'live', baseUrl, appId, secret }
        : demo
          ? { mode: 'demo', pco: demo }
          : { mode: 'unconfigured', missing: ['PCO_APP_ID', 'PCO_SECRET'] },
    timeZone,
    windowPastDays: days('WINDOW_PAST_DAYS', env.WINDOW_PAST_DAYS, DEFAULT_WINDOW_PAST_DAYS),
    windowFutureDays: days(
      'WINDOW_FUTURE_DAYS',
      env.WINDOW_FUTURE_DAYS,
      DEFAULT_WINDOW_FUTURE_DAYS,
    ),
    feedTitle: optional(env.FEED_TITLE),
    publicBaseUrl: publicBase === undefined ? undefined : httpUrl('PUBLIC_BASE_URL', publicBase),
    widgetFrameAncestors: frameAncestors(optional(env.WIDGET_FRAME_ANCESTORS)),
    language,
    snapshotMaxAgeSeconds: wholeNumber(
      'SNAPSHOT_MAX_AGE_SECONDS',
      env.SNAPSHOT_MAX_AGE_SECONDS,
      DEFAULT_SNAPSHOT_MAX_AGE_SECONDS,
      MAX_SNAPSHOT_MAX_AGE_SECONDS,
      'seconds',
    ),
    adminToken: optional(env.ADMIN_TOKEN),
    webhookSecret: optional(env.PCO_WEBHOOK_SECRET),
    publishAttachments:
      publishAttachments === undefined ? !live : publishAttachments.toLowerCase() === 'true',
  };
}
