import i18next from 'i18next';
import { expect, it } from 'vitest';
import { ApiError } from '../api/client.ts';
import en from '../locales/en.json';
import { errorText } from './ErrorAlert.tsx';

it('tells in English how long a locked sign-in must wait, as the Russian message does', async () => {
  const i18n = i18next.createInstance();
  await i18n.init({ resources: { en: { translation: en } }, lng: 'en', interpolation: { escapeValue: false } });
  const locked = new ApiError(429, 'auth.locked', 'Слишком много неудачных попыток входа. Повторите через 2 мин.', { retryAfterSeconds: '61' });
  expect(errorText(locked, i18n.t, 'en')).toBe('Too many failed attempts. Try again in 2 min.');
  expect(errorText(locked, i18n.t, 'ru')).toBe(locked.message);
});
