/**
 * Finding things in the widget: the tag chips that narrow a view (plain links setting `tag=`)
 * and the search box that submits `q=` (a plain GET form). Both work without JavaScript and
 * from the keyboard, and keep the request's other parameters.
 *
 * Tag colour marks (a dot before a tag's name, a stripe on a month-grid entry) come from
 * {@link TagMarks}: tag id → the class whose `--k` custom property is the tag's colour,
 * adjusted for contrast per theme (see `tagColorCss`). The mark is never the only cue: the tag's
 * name is shown beside it, or (in the month grid) in the chips' legend and the day list below.
 *
 * The marks are passed down as a `marks` prop, not through a hono/jsx context: `createContext`
 * comes from the 'hono/jsx' index, which also loads hono's client-side DOM renderer and hooks
 * (about 5 KB gzipped of the Worker bundle, measured with `npm run size`).
 */
import type { Messages } from '../i18n/messages';
import { encodeQuery, type QueryPairs } from '../links';

/** A public tag as the chips show it. */
export interface ChipTag {
  id: string;
  name: string;
}

/** Tag id → class of its colour mark; tags without a colour are absent. */
export type TagMarks = ReadonlyMap<string, string>;

/** No colour marks (pages without the chips' colours, such as the subscribe page). */
export const NO_TAG_MARKS: TagMarks = new Map();

/** The widget's URL (relative to the page's `occurrences/` base) for `pairs`. */
export const widgetHref = (pairs: QueryPairs): string => {
  const query = encodeQuery(pairs);
  return query ? `../widget?${query}` : '../widget';
};

/**
 * The tag chips: "All" (no tag filter), then each tag, as links to the same view with that
 * one `tag=` (the other parameters kept). The chips of the current filter carry
 * `aria-current="true"`.
 *
 * @param query the request's canonical pairs (any `tag` pairs are replaced)
 * @param selected the tag ids of the current filter
 */
export const Chips = ({
  tags,
  query,
  selected,
  t,
  marks,
}: {
  tags: readonly ChipTag[];
  query: QueryPairs;
  selected: readonly string[];
  /** The interface strings (`chipsLabel`, `allTags`) of the page's language. */
  t: Messages;
  marks: TagMarks;
}) => {
  const others = query.filter(([name]) => name !== 'tag');
  return (
    <nav class="ch" aria-label={t.chipsLabel}>
      <ul>
        <li>
          <a
            href={widgetHref(others)}
            target="_self"
            aria-current={selected.length === 0 ? 'true' : undefined}
          >
            {t.allTags}
          </a>
        </li>
        {tags.map((tag) => (
          <li>
            <a
              class={marks.get(tag.id)}
              href={widgetHref([['tag', tag.id], ...others])}
              target="_self"
              aria-current={selected.includes(tag.id) ? 'true' : undefined}
            >
              {tag.name}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
};

/**
 * The search box (a `<search>` landmark): a GET form to the widget with `q`, the request's other parameters as hidden
 * inputs, a (visually hidden) label and a visible button. Submitting a blank box clears `q`.
 */
export const Search = ({ query, q, t }: { query: QueryPairs; q: string; t: Messages }) => (
  <search>
    <form class="q" action="../widget" method="get" target="_self">
      <label class="sr" for="q">
        {t.searchLabel}
      </label>
      <input
        id="q"
        type="search"
        name="q"
        value={q}
        placeholder={t.searchPlaceholder}
        maxlength={100}
        autocomplete="off"
      />
      {query
        .filter(([name]) => name !== 'q')
        .map(([name, value]) => (
          <input type="hidden" name={name} value={value} />
        ))}
      <button class="b" type="submit">
        {t.searchButton}
      </button>
    </form>
  </search>
);

/** A tag's name with its colour mark (a dot, from its class in `marks`), as a list item. */
export const TagItem = ({ id, name, marks }: { id: string; name: string; marks: TagMarks }) => (
  <li class={marks.get(id)}>{name}</li>
);
