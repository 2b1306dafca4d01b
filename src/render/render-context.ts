/** What every renderer needs besides the snapshot: where the feeds live and what they are called. */

/** Rendering context of one request. */
export interface RenderContext {
  /** `PUBLIC_BASE_URL`, or the request's origin; no trailing slash. */
  baseUrl: string;
  /**
   * The domain part of UIDs and feed item ids: `pco-organization-<PCO organization id>`. It
   * never depends on the request's host or `PUBLIC_BASE_URL`, so the same snapshot gives the
   * same UIDs on `*.workers.dev` and on the church's own domain.
   */
  host: string;
  /** `FEED_TITLE`, or the organization's name; followed by ` (demo)` for the demo calendar. */
  title: string;
  /** One-line description of the feed. */
  description: string;
  /** True when the sample church of the demo entry is served: pages show a "Demo calendar" notice. */
  demo: boolean;
}
