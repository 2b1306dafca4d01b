/**
 * The subscribe page's schema.org `ItemList`: the event pages of the upcoming occurrences it
 * lists, in the same order, so search engines find and group them.
 */
import { itemListJsonLd, JsonLdScript } from '../json-ld';
import type { DayGroup } from '../widget/model';

/** A JSON-LD `<script>` listing each shown occurrence's `/occurrences/{id}`; nothing when none. */
export const UpcomingItemList = ({
  baseUrl,
  upcoming,
}: {
  /** PUBLIC_BASE_URL or the request's origin, no trailing slash. */
  baseUrl: string;
  upcoming: readonly DayGroup[];
}) => {
  const urls = upcoming.flatMap((day) =>
    day.items.map((o) => `${baseUrl}/occurrences/${encodeURIComponent(o.id)}`),
  );
  return urls.length > 0 ? <JsonLdScript data={itemListJsonLd(urls)} /> : '';
};
