/**
 * The `lang=` parameter of the HTML pages (`/`, `/widget`, `/occurrences/{id}`): one of
 * {@link LANGUAGES}, else the `LANGUAGE` setting (which defaults to `en`).
 */
import type { Config } from '../env';
import { isLanguage, LANGUAGES, type Language } from '../render/i18n/languages';
import { BadRequestError } from './errors';

/**
 * The interface language of a request from its `lang` values (as given, in order).
 *
 * @throws {BadRequestError} naming `lang` when it repeats or is not one of {@link LANGUAGES}
 *   (exact, lower-case: `EN` and `en-US` are refused, so that a typo is seen)
 */
export function parseLanguage(
  values: readonly string[],
  config: Pick<Config, 'language'>,
): Language {
  if (values.length > 1) throw new BadRequestError('lang may be given only once');
  const lang = values[0] ?? config.language;
  if (!isLanguage(lang)) {
    throw new BadRequestError(`lang must be one of ${LANGUAGES.join(', ')} (got "${lang}")`);
  }
  return lang;
}
