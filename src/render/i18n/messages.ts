/**
 * The shape of a message catalogue: every interface string of the event page, the widget
 * (with its details dialog) and the subscribe page. Strings that embed
 * a value are functions, so each language can put the value where its grammar wants it.
 *
 * Event text (titles, places, descriptions, tag names) is never translated: it is shown as
 * Planning Center holds it.
 */
export interface Messages {
  /** Link from an event page back to the calendar: "All events". */
  allEvents: string;
  /** Heading of the date and time. */
  when: string;
  /** Heading of the location. */
  where: string;
  /** An all-day occurrence's time. */
  allDay: string;
  /** Which zone the times are in; `zone` is Intl's generic zone name ("Central Time"). */
  timeZone: (zone: string) => string;
  /** Link to a map search for the location. */
  openMap: string;
  /** The registration link. */
  register: string;
  /** Link to the occurrence's Church Center page. */
  churchCenter: string;
  /** The add-to-calendar menu's summary. */
  addToCalendar: string;
  /** Menu entries; the service names are proper nouns, localized where the service is. */
  googleCalendar: string;
  outlookCom: string;
  microsoft365: string;
  /** The `.ics` download: Apple Calendar, desktop Outlook and every other app. */
  icsFile: string;
  /** Heading of the description. */
  about: string;
  /** Accessible name of the list of tags. */
  tags: string;
  /** A signup connection (PCO Registrations), with its name when it has one. */
  signUp: (name: string | null) => string;
  /** A promoted group connection (PCO Groups), with its name when it has one. */
  group: (name: string | null) => string;
  /** Heading of the attached files. */
  files: string;
  /** Heading of the other upcoming dates of the same event. */
  otherDates: string;
  /** Link to the subscribe page. */
  subscribe: string;

  // The widget (see README "Languages").
  /** The list and cards views' hidden heading. */
  upcomingEvents: (calendar: string) => string;
  /** The month view's hidden heading. */
  calendarOf: (calendar: string) => string;
  /** An empty list or cards view. */
  noUpcoming: string;
  /** The tiles view's hidden heading (the next date of each featured event). */
  featuredEvents: (calendar: string) => string;
  /** An empty tiles view. */
  noFeatured: string;
  /** Widget: the tag chips' navigation landmark. */
  chipsLabel: string;
  /** Widget: the chip that clears the tag filter. */
  allTags: string;
  /** Widget: the search box's (visually hidden) label. */
  searchLabel: string;
  /** Widget: the search box's button. */
  searchButton: string;
  /** Widget: the search box's placeholder. */
  searchPlaceholder: string;
  /** Widget: the empty result of a search for `q`. */
  noMatch: (q: string) => string;
  /** An empty month; `month` is Intl's "November 2026". */
  noEventsIn: (month: string) => string;
  /** Accessible name of the month navigation. */
  months: string;
  /** Hidden prefix of the previous and next month links. */
  previousMonth: string;
  nextMonth: string;
  /** A card's all-day date: "Sun, Nov 22, all day". */
  dayAllDay: (date: string) => string;
  /** The widget's shorter `.ics` menu entry. */
  icsShort: string;
  /** Accessible name of the week navigation. */
  weeks: string;
  /** Hidden prefix of the previous and next week links. */
  previousWeek: string;
  nextWeek: string;
  /** A day of the week view without events. */
  noEvents: string;
  /** Footer of the demo calendar. */
  demo: string;
  /** The details dialog's close button. */
  close: string;
  /** Shown in the dialog when the event's details could not be loaded: a link to its page. */
  openPage: string;

  // The subscribe page.
  /** The page's `<title>`. */
  subscribeTitle: (calendar: string) => string;
  /** The intro line; `zone` is Intl's generic zone name ("Central Time"). */
  lead: (organization: string, zone: string) => string;
  /** Heading of the subscribe links. */
  subscribeHeading: string;
  addEveryEvent: string;
  /** Accessible name of a subscribe link: calendar (or tag) name and app. */
  subscribeIn: (name: string, app: string) => string;
  appleCalendar: string;
  /** Label of the calendar's https address field. */
  calendarAddress: string;
  /** A tag's `.ics` address link. */
  address: string;
  byTag: string;
  comingUp: string;
  seeMonth: string;
  forVolunteer: string;
  volunteerLead: string;
  embedHeading: string;
  embedLead: string;
  view: string;
  tag: string;
  theme: string;
  viewList: string;
  viewCards: string;
  viewMonth: string;
  viewWeek: string;
  /** Embed builder: the tiles view (the next date of each featured event). */
  viewTiles: string;
  themeLight: string;
  themeDark: string;
  themeAuto: string;
  themeTransparent: string;
  updatePreview: string;
  snippetScript: string;
  snippetIframe: string;
  previewTitle: string;
  feedsHeading: string;
  /** After the events.json address. */
  plainJson: string;
  /** The copy buttons and what the live region says after a copy. */
  copy: string;
  copiedCalendarAddress: string;
  copiedAddressOf: (tag: string) => string;
  copiedSnippet: string;
  copiedIframe: string;
  /** When the clipboard cannot be written: the field is selected instead. */
  copyFailed: string;
}
