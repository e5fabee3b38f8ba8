import type { Locale } from '../api';
import { t } from '../i18n';

/** What a page shows until its data is there: the failure that stopped it, or that it is loading. */
export function LoadState({ locale, failure }: { locale: Locale; failure: string | undefined }) {
  if (failure)
    return (
      <p role="alert">
        {t(locale, 'error')}: {failure}
      </p>
    );
  return <p>{t(locale, 'loading')}</p>;
}
