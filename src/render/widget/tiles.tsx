/**
 * The tiles view (`view=tiles`), for a church's home page: the next occurrence of each featured
 * event as a large tile with its image (or a colour field), its day and its time, linked to the
 * occurrence's own page. A tile is one link (its title's, stretched over the tile), so it works
 * without JavaScript and takes one Tab stop.
 */
import type { Occurrence } from '../../model/occurrence';
import { Figure } from './components';
import { TagItem, type TagMarks } from './finding';
import { dayLabel, type OccurrenceView } from './model';

/** The tiles view's interface strings, in one place so they can move to the catalogue. */
export const TILES_TEXT = {
  /** The page's hidden heading: `{title}: featured events`. */
  heading: (title: string) => `${title}: featured events`,
  none: 'No upcoming featured events.',
  allDay: 'All day',
};

/**
 * The occurrences the tiles show: the first (soonest) of each event, in the order given.
 *
 * @param occurrences candidates in start order (already filtered to featured, not yet over)
 * @param limit [opt=all] the most tiles
 */
export function nextOfEachEvent(
  occurrences: readonly Occurrence[],
  limit = Number.POSITIVE_INFINITY,
): Occurrence[] {
  const seen = new Set<string>();
  const result: Occurrence[] = [];
  for (const o of occurrences) {
    if (result.length >= limit) break;
    if (seen.has(o.eventId)) continue;
    seen.add(o.eventId);
    result.push(o);
  }
  return result;
}

/** One tile: image, day (weekday, date), time, title (the link), place and tags. */
const Tile = ({
  o,
  n,
  today,
  marks,
}: {
  o: OccurrenceView;
  n: number;
  today: string;
  marks: TagMarks;
}) => (
  <li>
    <Figure o={o} />
    <h2 id={`t${n}`}>
      <a href={o.page}>{o.title}</a>
    </h2>
    <p class="dy">
      <time datetime={o.day}>{dayLabel(o.day, today)}</time>
    </p>
    <p>
      {o.allDay ? (
        o.end ? (
          `${TILES_TEXT.allDay}, ${o.start.label} – ${o.end.label}`
        ) : (
          TILES_TEXT.allDay
        )
      ) : (
        <>
          <time datetime={o.start.iso}>{o.start.label}</time>
          {o.end ? ` – ${o.end.label}` : ''}
        </>
      )}
    </p>
    {o.location ? <p>{o.location}</p> : ''}
    {o.tags.length > 0 ? (
      <ul>
        {o.tags.map((name, i) => (
          <TagItem id={o.tagIds[i] ?? ''} name={name} marks={marks} />
        ))}
      </ul>
    ) : (
      ''
    )}
  </li>
);

/**
 * The tiles: a grid of large tiles, one per featured event.
 *
 * @param today the organization's current date, `YYYY-MM-DD` (a day label has its year when
 *   it is another year's)
 */
export const Tiles = ({
  items,
  today,
  marks,
}: {
  items: readonly OccurrenceView[];
  today: string;
  marks: TagMarks;
}) =>
  items.length > 0 ? (
    <ul class="tl">
      {items.map((o, i) => (
        <Tile o={o} n={i + 1} today={today} marks={marks} />
      ))}
    </ul>
  ) : (
    <p class="e">{TILES_TEXT.none}</p>
  );
