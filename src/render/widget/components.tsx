/**
 * The widget's JSX components (hono/jsx, rendered on the server). hono/jsx escapes every text
 * child and attribute value, so event data is never markup; nothing here uses
 * `dangerouslySetInnerHTML`.
 *
 * Markup is semantic and compact (short class names): lists of occurrences, headings per day,
 * `<time datetime>` for every date and time, and a `<details>` menu for "Add to calendar" that
 * works without JavaScript and from the keyboard.
 */
import type { Child } from 'hono/jsx';
import type { DayGroup, MonthGrid, OccurrenceView, TimeView } from './model';

/** `<time datetime>` of a {@link TimeView}. */
export const Time = ({ t }: { t: TimeView }) => <time datetime={t.iso}>{t.label}</time>;

/** When an occurrence happens: `9:00 AM – 12:15 PM`, `All day`, or `All day, Fri, Nov 20 – Sun, Nov 22`. */
export const When = ({ o, withDay }: { o: OccurrenceView; withDay?: boolean }) => {
  if (o.allDay) {
    return (
      <p class="w">
        {o.end ? (
          <>
            All day, <Time t={o.start} /> – <Time t={o.end} />
          </>
        ) : withDay ? (
          <>
            <Time t={o.start} />, all day
          </>
        ) : (
          <>All day</>
        )}
      </p>
    );
  }
  return (
    <p class="w">
      {withDay ? `${o.dayLabel}, ` : ''}
      <Time t={o.start} /> – {o.end ? <Time t={o.end} /> : ''}
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
 * The "Add to calendar" menu: Google Calendar, Outlook.com, Microsoft 365 and the `.ics`
 * download (Apple Calendar and everything else). Plain links in a `<details>`, so it opens
 * with Enter or Space and needs no script.
 */
export const AddToCalendar = ({ o }: { o: OccurrenceView }) => (
  <details>
    <summary aria-describedby={`t${o.id}`}>Add to calendar</summary>
    <a href={o.paths.google}>Google</a>
    <a href={o.paths.outlook}>Outlook.com</a>
    <a href={o.paths.microsoft365}>Microsoft 365</a>
    <a href={o.paths.ics} download>
      Apple, other (.ics)
    </a>
  </details>
);

/** One occurrence: title (linked to Church Center), when, times, place, tags and actions. */
export const Occurrence = ({
  o,
  withDay,
  as = 'li',
}: {
  o: OccurrenceView;
  withDay?: boolean;
  as?: 'li' | 'div';
}) => {
  const body: Child = (
    <>
      <h3 id={`t${o.id}`}>{o.url ? <a href={o.url}>{o.title}</a> : o.title}</h3>
      <When o={o} withDay={withDay} />
      <Times o={o} />
      {o.location ? <p class="l">{o.location}</p> : ''}
      {o.tags.length > 0 ? (
        <ul class="tg">
          {o.tags.map((tag) => (
            <li>{tag}</li>
          ))}
        </ul>
      ) : (
        ''
      )}
      <div class="a">
        {o.registrationUrl ? (
          <a class="b" href={o.registrationUrl} aria-describedby={`t${o.id}`}>
            Register
          </a>
        ) : (
          ''
        )}
        <AddToCalendar o={o} />
      </div>
    </>
  );
  return as === 'li' ? <li>{body}</li> : <div class="o">{body}</div>;
};

/** Occurrences grouped by day: a heading per day and a list under it. */
export const DayList = ({ days }: { days: readonly DayGroup[] }) => (
  <>
    {days.map((day) => (
      <section class="d">
        <h2>
          <time datetime={day.date}>{day.label}</time>
        </h2>
        <ul>
          {day.items.map((o) => (
            <Occurrence o={o} />
          ))}
        </ul>
      </section>
    ))}
  </>
);

/** The cards view: one card per occurrence, with its image or a date badge. */
export const Cards = ({ items }: { items: readonly OccurrenceView[] }) => (
  <ul class="cs">
    {items.map((o) => (
      <li class="c">
        <figure class={o.imageUrl ? 'm' : 'm ni'}>
          <span class="dt" aria-hidden="true">
            {o.badge.weekday}
            <b>{o.badge.day}</b>
            {o.badge.month}
          </span>
          {o.imageUrl ? (
            <img
              src={o.imageUrl}
              alt=""
              loading="lazy"
              decoding="async"
              referrerpolicy="no-referrer"
            />
          ) : (
            ''
          )}
        </figure>
        <Occurrence o={o} withDay as="div" />
      </li>
    ))}
  </ul>
);

/** The month grid: navigation, a table of weeks, and (as the grid's details) the day list. */
export const Month = ({
  grid,
  prevHref,
  nextHref,
  days,
}: {
  grid: MonthGrid;
  /** Null when the previous month is outside the published window. */
  prevHref: string | null;
  nextHref: string | null;
  days: readonly DayGroup[];
}) => (
  <>
    <nav class="n" aria-label="Months">
      {prevHref ? (
        <a href={prevHref} target="_self" rel="prev">
          ← <span class="sr">Previous month: </span>
          {grid.prev.label}
        </a>
      ) : (
        <span aria-hidden="true">←</span>
      )}
      <h2 id="month">
        <time datetime={grid.month}>{grid.label}</time>
      </h2>
      {nextHref ? (
        <a href={nextHref} target="_self" rel="next">
          <span class="sr">Next month: </span>
          {grid.next.label} →
        </a>
      ) : (
        <span aria-hidden="true">→</span>
      )}
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
                      <li class={e.time ? undefined : 'ad'}>
                        {e.time ? <span>{e.time.label} </span> : ''}
                        {e.url ? <a href={e.url}>{e.title}</a> : e.title}
                      </li>
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
    {days.length > 0 ? <DayList days={days} /> : <p class="e">No events in {grid.label}.</p>}
  </>
);
