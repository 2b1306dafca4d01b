/**
 * French interface strings. French typography puts a narrow no-break space (U+202F) before
 * `:`; it is written as `\u202f` so that it stays visible in review.
 */
import type { Messages } from './messages';

export const fr: Messages = {
  allEvents: 'Tous les événements',
  when: 'Quand',
  where: 'Où',
  allDay: 'Toute la journée',
  timeZone: (zone) => `Fuseau horaire\u202f: ${zone}`,
  openMap: 'Voir sur la carte',
  register: 'S’inscrire',
  churchCenter: 'Voir sur Church Center',
  addToCalendar: 'Ajouter à l’agenda',
  googleCalendar: 'Google Agenda',
  outlookCom: 'Outlook.com',
  microsoft365: 'Microsoft 365',
  icsFile: 'Calendrier Apple, Outlook et autres (.ics)',
  about: 'À propos de cet événement',
  tags: 'Étiquettes',
  signUp: (name) => (name ? `Inscription\u202f: ${name}` : 'Inscription'),
  group: (name) => (name ? `Groupe\u202f: ${name}` : 'Groupe'),
  files: 'Fichiers',
  otherDates: 'Autres dates',
  subscribe: 'S’abonner à ce calendrier',
  upcomingEvents: (calendar) => `${calendar}\u202f: événements à venir`,
  calendarOf: (calendar) => `${calendar}\u202f: calendrier`,
  noUpcoming: 'Aucun événement à venir.',
  noEventsIn: (month) => `Aucun événement en ${month}.`,
  months: 'Mois',
  previousMonth: 'Mois précédent',
  nextMonth: 'Mois suivant',
  dayAllDay: (date) => `${date}, toute la journée`,
  icsShort: 'Apple, autres (.ics)',
};
