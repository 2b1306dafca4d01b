/** Every tunable of pco-feeds in one place, with its unit in its name. */

/** The Calendar API version pco-feeds is written against (`X-PCO-API-Version`). */
export const PCO_API_VERSION = '2022-07-07';
/** Records per page; PCO's maximum. */
export const PCO_PER_PAGE = 100;
/** Abort a PCO request that has not answered within this time. */
export const PCO_FETCH_TIMEOUT_MS = 10_000;
/** Attempts per request for 5xx, timeouts and network errors (first try included). */
export const PCO_MAX_ATTEMPTS = 3;
/** Backoff before the 2nd attempt; doubled for each further one. */
export const PCO_RETRY_BASE_DELAY_MS = 500;
/** How many 429 answers one request may wait out before it fails. */
export const PCO_MAX_RATE_LIMIT_WAITS = 3;
/** The longest `Retry-After` (or announced-window wait) we honour instead of failing. */
export const PCO_MAX_WAIT_SECONDS = 30;
/** Largest PCO response body accepted, in bytes (declared or streamed); a bigger one is a schema error. */
export const PCO_MAX_RESPONSE_BYTES = 8 * 1024 * 1024;
/** Refuse to follow `links.next` more often than this in one listing. */
export const PCO_MAX_PAGES = 500;
/**
 * Planning Center requests one refresh invocation may send (retries and 429s included). Workers
 * Free allows 50 subrequests per invocation; the other 10 are left for the KV reads and writes of
 * the refresh and the cache purge, in case the platform counts them too. A refresh that needs
 * more (mostly EventConnections listings, one per published event) continues in the next
 * invocation from the partial build it stored (docs/cache-schema.md "Refresh across invocations").
 */
export const REFRESH_MAX_UPSTREAM_REQUESTS = 40;
/**
 * After a refresh slice that had to stop at {@link REFRESH_MAX_UPSTREAM_REQUESTS}, requests wait
 * this long before continuing it (PCO's rate-limit window is 20 s; one slice spends 40 of its
 * ~100 requests). A cold start answers 503 with this `Retry-After` meanwhile.
 */
export const REFRESH_CONTINUE_AFTER_SECONDS = 20;
/** EventConnections of an unchanged event are re-read at most this often. */
export const CONNECTIONS_MAX_AGE_SECONDS = 24 * 60 * 60;

/**
 * The calendar's name when Planning Center's Organization has none (null, empty or blank), so
 * no feed goes out with an empty title (Atom `title`, RSS `title`, `X-WR-CALNAME`).
 */
export const ORGANIZATION_NAME_FALLBACK = 'Calendar';

/** Default past window of published occurrences (`WINDOW_PAST_DAYS`). */
export const DEFAULT_WINDOW_PAST_DAYS = 30;
/** Default future window of published occurrences (`WINDOW_FUTURE_DAYS`). */
export const DEFAULT_WINDOW_FUTURE_DAYS = 365;
/** Upper bound accepted for either window setting. */
export const MAX_WINDOW_DAYS = 3660;
/** Default upstream (`PCO_API_BASE`). */
export const DEFAULT_PCO_API_BASE = 'https://api.planningcenteronline.com';

/** Default `SNAPSHOT_MAX_AGE_SECONDS`: older snapshots are served while a refresh runs. */
export const DEFAULT_SNAPSHOT_MAX_AGE_SECONDS = 900;
/** Upper bound accepted for `SNAPSHOT_MAX_AGE_SECONDS` (one week). */
export const MAX_SNAPSHOT_MAX_AGE_SECONDS = 7 * 24 * 60 * 60;
/** How long an isolate trusts its in-memory snapshot before re-reading the small KV meta record. */
export const SNAPSHOT_META_RECHECK_SECONDS = 15;
/** Refresh lease TTL in KV, seconds (KV's minimum). Not renewed: a refresh running longer loses it, and another isolate may start its own. */
export const REFRESH_LEASE_SECONDS = 60;
/**
 * Seconds after which a refresh still in flight in an isolate is presumed cancelled by the
 * platform (which ends a `waitUntil` 30 s after its response, and such a refresh never settles),
 * so the next caller starts another instead of joining it. A refresh takes seconds; one still
 * running after 3 minutes is waiting out timeouts or rate limits, and a second one beside it
 * costs Planning Center one more attempt, once per 3 minutes at most.
 */
export const REFRESH_ABANDONED_AFTER_SECONDS = 180;
/** On a cold start, how long a request waits for another isolate's refresh before its own. */
export const COLD_LEASE_WAIT_MS = 10_000;
/** Poll interval while waiting for another isolate's cold refresh. */
export const COLD_LEASE_POLL_MS = 250;
/** A refresh yielding zero occurrences is held back when the current snapshot has at least this many. */
export const SUSPICIOUS_EMPTY_MIN_OCCURRENCES = 3;
/** Feed responses' `max-age`, seconds (browsers and CDN). */
export const FEED_MAX_AGE_SECONDS = 300;
/** Feed responses' `stale-while-revalidate`, seconds (RFC 5861 §3). */
export const FEED_STALE_WHILE_REVALIDATE_SECONDS = 3600;
/** Feed responses' `stale-if-error`, seconds: one week (RFC 5861 §4). */
export const FEED_STALE_IF_ERROR_SECONDS = 7 * 24 * 60 * 60;
/** Suggested client refresh rate: `REFRESH-INTERVAL` / `X-PUBLISHED-TTL` (RFC 7986 §5.7). */
export const CALENDAR_REFRESH_INTERVAL_SECONDS = 60 * 60;

/** Default `limit` of RSS/Atom/JSON Feed items. */
export const FEED_DEFAULT_LIMIT = 50;
/** Largest `limit` accepted on RSS/Atom/JSON Feed routes (items). */
export const FEED_MAX_LIMIT = 500;
/** Default `limit` of `/events.json` occurrences. */
export const EVENTS_JSON_DEFAULT_LIMIT = 100;
/** Largest `limit` accepted on `/events.json` (occurrences). */
export const EVENTS_JSON_MAX_LIMIT = 1000;
/** Maximum `limit` of `/calendar.ics` VEVENTs (no limit by default). */
export const ICS_MAX_LIMIT = 10_000;
/** The demo organization's PAT application id for the built-in fake PCO (public; never a real credential). */
export const DEMO_APP_ID = 'demo';
/** The demo organization's PAT secret for the built-in fake PCO (public; never a real credential). */
export const DEMO_SECRET = 'demo';
/** Where demo mode pretends PCO lives; never resolved, the fake answers in-process. */
export const DEMO_PCO_API_BASE = 'https://demo-pco.invalid';

/** Default `limit` of `/widget` occurrences (list and cards views). */
export const WIDGET_DEFAULT_LIMIT = 20;
/** Maximum `limit` of `/widget` occurrences (list and cards views); larger values are a 400. */
export const WIDGET_MAX_LIMIT = 200;
/** Browser/CDN caching of `/widget`, `/` and the per-occurrence routes, seconds. */
export const PAGE_MAX_AGE_SECONDS = 300;
/** Browser/CDN caching of `/embed.js`, seconds; revalidated by ETag afterwards. */
export const EMBED_JS_MAX_AGE_SECONDS = 3600;
/** Upcoming occurrences listed on the subscribe page (`/`). */
export const SUBSCRIBE_PAGE_UPCOMING = 6;
/** A held empty answer is published only if a refresh at least this much later is empty too. */
export const SUSPICIOUS_EMPTY_CONFIRM_SECONDS = 300;
/** After a failed or held refresh, requests wait this long before triggering another (doubling, capped at the max age). */
export const REFRESH_BACKOFF_BASE_SECONDS = 30;
/**
 * A valid webhook delivery refreshes at most once per this many seconds after the last refresh
 * started (any trigger); deliveries inside the interval coalesce into one deferred refresh. One
 * refresh of a typical church costs 5–50 PCO requests, and PCO allows about 100 per 20 s, so a
 * minute keeps even a replayed delivery to a small share of the token's budget.
 */
export const WEBHOOK_MIN_INTERVAL_SECONDS = 60;
/** Largest webhook body read (bytes), counted while it streams in; PCO deliveries are a few KB. */
export const WEBHOOK_MAX_BODY_BYTES = 64 * 1024;
/** Delivery ids remembered per isolate to ignore a replayed delivery (`data[].id`). */
export const WEBHOOK_SEEN_IDS = 512;
/** A deferred refresh is kept alive with `waitUntil` only when due within this many seconds (the platform ends `waitUntil` work about 30 s after the response). */
export const WAIT_UNTIL_MAX_DEFER_SECONDS = 25;
/** The Cache-Tag every snapshot-derived response carries; purged when a new snapshot is published. */
export const SNAPSHOT_CACHE_TAG = 'snapshot';
