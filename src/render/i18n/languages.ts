/**
 * The interface languages (`lang=`, the `LANGUAGE` setting): BCP 47 primary language subtags
 * that `Intl` formats dates in and the message catalogue has wording for.
 */

/** Every supported language, in the order the docs list them. */
export const LANGUAGES = ['en', 'es', 'pt', 'fr', 'de', 'ko'] as const;

/** One of {@link LANGUAGES}. */
export type Language = (typeof LANGUAGES)[number];

/** The language when neither `lang=` nor `LANGUAGE` says otherwise. */
export const DEFAULT_LANGUAGE: Language = 'en';

/** Whether `value` is one of {@link LANGUAGES} (exact, lower-case). */
export function isLanguage(value: string): value is Language {
  return (LANGUAGES as readonly string[]).includes(value);
}
