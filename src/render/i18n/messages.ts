/**
 * The shape of a message catalogue: every interface string of the event page, and those of
 * the widget (prepared here; the widget's markup does not read them yet). Strings that embed
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

  // The widget (prepared for the widget's markup; see README "Languages").
  /** The list and cards views' hidden heading. */
  upcomingEvents: (calendar: string) => string;
  /** The month view's hidden heading. */
  calendarOf: (calendar: string) => string;
  /** An empty list or cards view. */
  noUpcoming: string;
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
}
