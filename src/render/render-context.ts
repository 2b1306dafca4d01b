/** What every renderer needs besides the snapshot: where the feeds live and what they are called. */

/** Rendering context of one request. */
export interface RenderContext {
  /** `PUBLIC_BASE_URL`, or the request's origin; no trailing slash. */
  baseUrl: string;
  /** Host part of `baseUrl`, used in UIDs. */
  host: string;
  /** `FEED_TITLE`, or the organization's name. */
  title: string;
  /** One-line description of the feed. */
  description: string;
}
