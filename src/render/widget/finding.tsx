/**
 * Finding things in the widget: the tag chips that narrow a view (plain links setting `tag=`)
 * and the search box that submits `q=` (a plain GET form). Both work without JavaScript and
 * from the keyboard, and keep the request's other parameters.
 *
 * Tag colour marks (a dot before a tag's name, a stripe on a month-grid entry) come from
 * {@link TagMarks}: tag id → the class whose `--k` custom property is the tag's colour,
 * adjusted for contrast per theme (see `tagColorCss`). The mark is never the only cue: the tag's
 * name is shown beside it, or (in the month grid) in the chips' legend and the day list below.
 */
import { createContext, useContext } from 'hono/jsx';
import type { Messages } from '../i18n/messages';
import { encodeQuery, type QueryPairs } from '../links';

/** A public tag as the chips show it. */
export interface ChipTag {
  id: string;
  name: string;
}

/** Tag id → class of its colour mark; tags without a colour are absent. */
export const TagMarks = createContext<ReadonlyMap<string, string>>(new Map());

/** The colour-mark class of a tag, or undefined when it has no colour. */
export const useTagMark = (id: string): string | undefined => useContext(TagMarks).get(id);

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
}: {
  tags: readonly ChipTag[];
  query: QueryPairs;
  selected: readonly string[];
  /** The interface strings (`chipsLabel`, `allTags`) of the page's language. */
  t: Messages;
}) => {
  const others = query.filter(([name]) => name !== 'tag');
  const marks = useContext(TagMarks);
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

/** A tag's name with its colour mark (a dot, from its class), as a list item. */
export const TagItem = ({ id, name }: { id: string; name: string }) => (
  <li class={useTagMark(id)}>{name}</li>
);
