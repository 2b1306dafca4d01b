/**
 * The message catalogue: one {@link Messages} per {@link Language}, each reviewed for natural
 * wording in that language (not word for word from English).
 *
 * @example messagesFor('es').addToCalendar // 'Agregar al calendario'
 */
import { de } from './de';
import { en } from './en';
import { es } from './es';
import { fr } from './fr';
import { ko } from './ko';
import type { Language } from './languages';
import type { Messages } from './messages';
import { pt } from './pt';

const CATALOG: Record<Language, Messages> = { en, es, pt, fr, de, ko };

/** The interface strings of `lang`. */
export function messagesFor(lang: Language): Messages {
  return CATALOG[lang];
}
