import { Alert } from '@mantine/core';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/client.ts';

/**
 * What a person reads for a refusal: the server's own Russian message (it names the rule), or
 * in English the translation of its stable code.
 */
export function errorText(error: unknown, t: TFunction, language: string): string {
  if (!(error instanceof ApiError)) return t('errors.generic');
  if (error.code === 'network') return t('errors.network');
  if (language !== 'ru') {
    // A lock says how long to wait (auth.locked: "… in {{minutes}} min."), as the Russian message does.
    const seconds = Number(error.fields.retryAfterSeconds);
    const wait = seconds > 0 ? { minutes: Math.ceil(seconds / 60) } : {};
    return t(`errors.codes.${error.code}`, { ...wait, defaultValue: t('errors.generic') });
  }
  return error.message || t('errors.generic');
}

/** Field messages of a 400, keyed by field name (Russian only: English falls back to the alert). */
export function fieldErrors(error: unknown, language: string): Record<string, string> {
  return error instanceof ApiError && language === 'ru' ? error.fields : {};
}

export function ErrorAlert({ error, title }: { error: unknown; title?: string }) {
  const { t, i18n } = useTranslation();
  return (
    <Alert color="red" variant="light" title={title ?? t('errors.title')} role="alert">
      {errorText(error, t, i18n.language)}
    </Alert>
  );
}
