/**
 * The tiles view (`view=tiles`), for a church's home page: the next occurrence of each featured
 * event as a large tile with its image (or a colour field), its day and its time, linked to the
 * occurrence's own page. A tile is one link (its title's, stretched over the tile), so it works
 * without JavaScript and takes one Tab stop.
 */
import type { Occurrence } from '../../model/occurrence';
import type { Language } from '../i18n/languages';
import type { Messages } from '../i18n/messages';
import { Figure } from './components';
import { TagItem, type TagMarks } from './finding';
import { dayLabel, type OccurrenceView } from './model';

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

/** What every tile needs besides its occurrence: the day's year rule and the language. */
interface TileContext {
  /** The organization's current date, `YYYY-MM-DD`. */
  today: string;
  lang: Language;
  t: Messages;
  /** The tag colour marks of the page (render/widget/finding). */
  marks: TagMarks;
}

/** One tile: image, day (weekday, date), time, title (the link), place and tags. */
const Tile = ({ o, n, c }: { o: OccurrenceView; n: number; c: TileContext }) => (
  <li>
    <Figure o={o} />
    <h2 id={`t${n}`}>
      <a href={o.page}>{o.title}</a>
    </h2>
    <p class="dy">
      <time datetime={o.day}>{dayLabel(o.day, c.today, c.lang)}</time>
    </p>
    <p>
      {o.allDay ? (
        o.end ? (
          `${c.t.allDay}, ${o.start.label} – ${o.end.label}`
        ) : (
          c.t.allDay
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
          <TagItem id={o.tagIds[i] ?? ''} name={name} marks={c.marks} />
        ))}
      </ul>
    ) : (
      ''
    )}
  </li>
);

/**
 * The tiles: a grid of large tiles, one per featured event, with the day in `lang` (it has
 * its year when it is another year's than `today`, `YYYY-MM-DD`). Empty, it says so, or that
 * nothing matches the search `q`.
 */
export const Tiles = ({
  items,
  today,
  lang,
  t,
  q,
  marks,
}: {
  items: readonly OccurrenceView[];
  q: string;
} & TileContext) =>
  items.length > 0 ? (
    <ul class="tl">
      {items.map((o, i) => (
        <Tile o={o} n={i + 1} c={{ today, lang, t, marks }} />
      ))}
    </ul>
  ) : (
    <p class="e">{q ? t.noMatch(q) : t.noFeatured}</p>
  );
