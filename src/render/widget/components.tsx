/**
 * The widget's JSX components (hono/jsx, rendered on the server). hono/jsx escapes every text
 * child and attribute value, so event data is never markup; nothing here uses
 * `dangerouslySetInnerHTML`.
 *
 * Markup is semantic and compact (few, short class names; no wrappers that assistive technology
 * does not need): lists of occurrences, headings per day, `<time datetime>` for every date and
 * every start, and a `<details>` menu for "Add to calendar" that works without JavaScript and
 * from the keyboard. The page compacts it further (see `compactMarkup`).
 */
import type { Messages } from '../i18n/messages';
import { NO_TAG_MARKS, TagItem, type TagMarks } from './finding';
import type { DayGroup, MonthEntry, MonthGrid, OccurrenceView, TimeView, WeekGrid } from './model';

/** `<time datetime>` of a {@link TimeView}. */
export const Time = ({ t }: { t: TimeView }) => <time datetime={t.iso}>{t.label}</time>;

/**
 * When an occurrence happens: `9:00 AM – 12:15 PM`, `All day`, or
 * `All day, Fri, Nov 20 – Sun, Nov 22`; with `withDay` (cards), the start's day too.
 */
export const When = ({ o, withDay, t }: { o: OccurrenceView; withDay?: boolean; t: Messages }) => {
  if (o.allDay) {
    return (
      <p>
        {o.end ? (
          <>
            {t.allDay}, <Time t={o.start} /> – <Time t={o.end} />
          </>
        ) : (
          <time datetime={o.start.iso}>{withDay ? t.dayAllDay(o.start.label) : t.allDay}</time>
        )}
      </p>
    );
  }
  // The start is a <time> (its date and offset say when); the end is text, which keeps 50
  // occurrences within the page's size budget.
  const start = withDay ? { ...o.start, label: `${o.dayLabel}, ${o.start.label}` } : o.start;
  return (
    <p>
      <Time t={start} />
      {o.end ? ` – ${o.end.label}` : ''}
    </p>
  );
};

/** The visible times of an occurrence that has several. */
export const Times = ({ o }: { o: OccurrenceView }) =>
  o.times.length > 1 ? (
    <ul class="ts">
      {o.times.map((t) => (
        <li>{t}</li>
      ))}
    </ul>
  ) : (
    ''
  );

/**
 * The "Add to calendar" menu: Google Calendar, Outlook.com and the `.ics` download (Apple
 * Calendar, Outlook and everything else). Plain links in a `<details>`, so it opens with Enter
 * or Space and needs no script; the summary is described by the occurrence's title.
 *
 * Microsoft 365 (`/occurrences/{id}/microsoft365`) is left out: 50 more links would take the
 * page over its 30 KB budget, and its users have the `.ics` file.
 */
export const AddToCalendar = ({
  o,
  title,
  t,
}: {
  o: OccurrenceView;
  title: string;
  t: Messages;
}) => (
  <details>
    <summary aria-describedby={title}>{t.addToCalendar}</summary>
    <a href={o.paths.google}>Google</a>
    <a href={o.paths.outlook}>Outlook.com</a>
    <a href={o.paths.ics}>{t.icsShort}</a>
  </details>
);

/**
 * One occurrence's content, for the `<li>` that holds it: title (linked to its own page),
 * when, times, place, tags, and the Register link and "Add to calendar" menu (side by side,
 * with no wrapper). `n` numbers it on the page: its title's id is `t{n}`.
 */
export const Occurrence = ({
  o,
  n,
  withDay,
  heading = 'h3',
  t,
  marks,
}: {
  o: OccurrenceView;
  n: number;
  withDay?: boolean;
  t: Messages;
  marks: TagMarks;
  /** The title's heading level: `h3` under a day heading, `h2` where there is none (cards). */
  heading?: 'h2' | 'h3';
}) => {
  const Heading = heading;
  return (
    <>
      <Heading id={`t${n}`}>
        <a href={o.page}>{o.title}</a>
      </Heading>
      <When o={o} withDay={withDay} t={t} />
      <Times o={o} />
      {o.location ? <p>{o.location}</p> : ''}
      {o.tags.length > 0 ? (
        <ul>
          {o.tags.map((tag, i) => (
            <TagItem id={o.tagIds[i] ?? ''} name={tag} marks={marks} />
          ))}
        </ul>
      ) : (
        ''
      )}
      {o.registrationUrl ? (
        <a class="b" href={o.registrationUrl} aria-describedby={`t${n}`}>
          {t.register}
        </a>
      ) : (
        ''
      )}
      <AddToCalendar o={o} title={`t${n}`} t={t} />
    </>
  );
};

/**
 * Occurrences grouped by day: a heading per day and a list under it, all in one `.d`. The
 * heading is text only: each occurrence's `<time datetime>` carries its full date and offset.
 */
export const DayList = ({
  days,
  t,
  marks = NO_TAG_MARKS,
}: {
  days: readonly DayGroup[];
  t: Messages;
  /** The tags' colour marks. [opt=none] */
  marks?: TagMarks;
}) => {
  let n = 0;
  return (
    <div class="d">
      {days.map((day) => (
        <>
          <h2>{day.label}</h2>
          <ul>
            {day.items.map((o) => (
              <li>
                <Occurrence o={o} n={++n} t={t} marks={marks} />
              </li>
            ))}
          </ul>
        </>
      ))}
    </div>
  );
};

/**
 * The picture of a card or tile: the occurrence's image (decorative: the title says what it is),
 * or `.ni`, a colour field; with a date badge over it (hidden from screen readers, which read
 * the date from the text).
 */
export const Figure = ({ o }: { o: OccurrenceView }) => (
  <figure class={o.imageUrl ? undefined : 'ni'}>
    <span class="dt" aria-hidden="true">
      {o.badge.weekday}
      <b>{o.badge.day}</b>
      {o.badge.month}
    </span>
    {o.imageUrl ? <img src={o.imageUrl} alt="" loading="lazy" referrerpolicy="no-referrer" /> : ''}
  </figure>
);

/** The cards view: one card per occurrence, with its image or a date badge. */
export const Cards = ({
  items,
  t,
  marks,
}: {
  items: readonly OccurrenceView[];
  t: Messages;
  marks: TagMarks;
}) => (
  <ul class="cs">
    {items.map((o, i) => (
      <li>
        <Figure o={o} />
        <Occurrence o={o} n={i + 1} withDay heading="h2" t={t} marks={marks} />
      </li>
    ))}
  </ul>
);

/**
 * One entry of a month-grid day: its start and title; all-day ones on a band. Its first
 * coloured tag marks it with a stripe (the tag names are in the chips and the day list).
 */
const MonthItem = ({
  e,
  pageQuery,
  marks,
}: {
  e: MonthEntry;
  pageQuery: string;
  marks: TagMarks;
}) => {
  const mark = e.tagIds.map((id) => marks.get(id)).find(Boolean);
  const classes = [e.time ? '' : 'ad', mark ? `s ${mark}` : ''].filter(Boolean).join(' ');
  return (
    <li class={classes || undefined}>
      {e.time ? <span>{e.time.label} </span> : ''}
      <a href={encodeURIComponent(e.id) + pageQuery}>{e.title}</a>
    </li>
  );
};

/** The month grid: navigation, a table of weeks, and (as the grid's details) the day list. */
export const Month = ({
  grid,
  prevHref,
  nextHref,
  days,
  t,
  pageQuery,
  marks,
}: {
  grid: MonthGrid;
  t: Messages;
  marks: TagMarks;
  /** Appended to each occurrence page link: `''` or `?lang=es`. */
  pageQuery: string;
  /** Null when the previous month is outside the published window. */
  prevHref: string | null;
  nextHref: string | null;
  days: readonly DayGroup[];
}) => (
  <>
    <nav class="n" aria-label={t.months}>
      <Step href={prevHref} rel="prev" hidden={`${t.previousMonth}: `} label={grid.prev.label} />
      <h2 id="month">
        <time datetime={grid.month}>{grid.label}</time>
      </h2>
      <Step href={nextHref} rel="next" hidden={`${t.nextMonth}: `} label={grid.next.label} />
    </nav>
    <table class="g" aria-labelledby="month">
      <thead>
        <tr>
          {grid.weekdays.map((w) => (
            <th scope="col" abbr={w.long}>
              {w.short}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {grid.weeks.map((week) => (
          <tr>
            {week.map((cell) => (
              <td class={cell.inMonth ? (cell.today ? 't' : undefined) : 'x'}>
                <time datetime={cell.date}>{cell.day}</time>
                {cell.entries.length > 0 ? (
                  <ul>
                    {cell.entries.map((e) => (
                      <MonthItem e={e} pageQuery={pageQuery} marks={marks} />
                    ))}
                  </ul>
                ) : (
                  ''
                )}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
    {days.length > 0 ? (
      <DayList days={days} t={t} marks={marks} />
    ) : (
      <p class="e">{t.noEventsIn(grid.label)}</p>
    )}
  </>
);

/** Previous/next links of the month and week views; a muted arrow where the window ends. */
const Step = ({
  href,
  rel,
  hidden,
  label,
}: {
  href: string | null;
  rel: 'prev' | 'next';
  /** Screen-reader prefix: `Previous week: `. */
  hidden: string;
  label: string;
}) => {
  const arrow = rel === 'prev' ? '←' : '→';
  if (!href) return <span aria-hidden="true">{arrow}</span>;
  const text = (
    <span class="m">
      <span class="sr">{hidden}</span>
      {label}
    </span>
  );
  return (
    <a href={href} target="_self" rel={rel}>
      {rel === 'prev' ? (
        <>
          {arrow} {text}
        </>
      ) : (
        <>
          {text} {arrow}
        </>
      )}
    </a>
  );
};

/**
 * The week view: navigation, then the seven days as an ordered list (a column each on wide
 * screens, a day-by-day list on phones). Each entry is its start `<time datetime>` (or "All
 * day"), its title linked to the occurrence's page, and its place.
 */
export const Week = ({
  grid,
  prevHref,
  nextHref,
  prevLabel,
  nextLabel,
  t,
  pageQuery,
  marks,
}: {
  grid: WeekGrid;
  t: Messages;
  marks: TagMarks;
  /** Appended to each occurrence page link: `''` or `?lang=es`. */
  pageQuery: string;
  /** Null when the previous week is outside the published window. */
  prevHref: string | null;
  nextHref: string | null;
  prevLabel: string;
  nextLabel: string;
}) => (
  <>
    <nav class="n" aria-label={t.weeks}>
      <Step href={prevHref} rel="prev" hidden={`${t.previousWeek}: `} label={prevLabel} />
      <h2 id="week">
        <time datetime={grid.start}>{grid.label}</time>
      </h2>
      <Step href={nextHref} rel="next" hidden={`${t.nextWeek}: `} label={nextLabel} />
    </nav>
    <ol class="w" aria-labelledby="week">
      {grid.days.map((day) => (
        <li class={day.today ? 't' : undefined}>
          <h3>
            <time datetime={day.date}>{day.label}</time>
          </h3>
          {day.entries.length > 0 ? (
            <ul>
              {day.entries.map((e) => (
                <li>
                  {e.time ? (
                    <p>
                      <time datetime={e.time.iso}>{e.time.label}</time> – {e.end}
                    </p>
                  ) : (
                    <p>{t.allDay}</p>
                  )}
                  <a href={encodeURIComponent(e.id) + pageQuery}>{e.title}</a>
                  {e.location ? <p>{e.location}</p> : ''}
                  {e.tags.length > 0 ? (
                    <ul>
                      {e.tags.map((t) => (
                        <TagItem id={t.id} name={t.name} marks={marks} />
                      ))}
                    </ul>
                  ) : (
                    ''
                  )}
                </li>
              ))}
            </ul>
          ) : (
            <p class="e">{t.noEvents}</p>
          )}
        </li>
      ))}
    </ol>
  </>
);

/**
 * The details dialog, empty until the script fills it with an event page's `<article>`
 * (`/occurrences/{id}?fragment=1`): a native modal `<dialog>` with a close button. Without
 * JavaScript it never opens and every title links to the event page instead.
 */
export const Dialog = ({ t }: { t: Messages }) => (
  <dialog id="dl" data-fail={t.openPage}>
    <button type="button" class="x">
      {t.close}
    </button>
    <div />
  </dialog>
);
