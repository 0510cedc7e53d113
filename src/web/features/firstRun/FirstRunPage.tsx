import { Alert, Button, Fieldset, Input, Paper, PasswordInput, SegmentedControl, Select, Stack, Text, TextInput, Title } from '@mantine/core';
import { useMutation, useQuery } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { FirstSchoolResult } from '../../../shared/contract/setup.ts';
import { api } from '../../api/client.ts';
import { ErrorAlert, fieldErrors } from '../../components/ErrorAlert.tsx';
import { FullPageLoader } from '../../components/Layout.tsx';

/** Russia's time zones, west to east, with their offset from Moscow. */
const TIME_ZONES = [
  ['Europe/Kaliningrad', -1], ['Europe/Moscow', 0], ['Europe/Samara', 1], ['Asia/Yekaterinburg', 2], ['Asia/Omsk', 3],
  ['Asia/Novosibirsk', 4], ['Asia/Krasnoyarsk', 4], ['Asia/Irkutsk', 5], ['Asia/Yakutsk', 6], ['Asia/Vladivostok', 7],
  ['Asia/Magadan', 8], ['Asia/Kamchatka', 9],
] as const;

/**
 * «Первый запуск»: the one-time link printed by the first start (`/first-run#<token>`; the token
 * stays in the fragment, out of server logs). The organisation and its first administrator, then
 * the year setup wizard, signed in as that administrator.
 */
export function FirstRunPage() {
  const { t } = useTranslation();
  const token = decodeURIComponent(window.location.hash.replace(/^#/, ''));
  const check = useQuery({
    queryKey: ['setup-check', token],
    queryFn: () => api<{ valid: boolean }>('POST', '/setup/check', { token }),
    enabled: token !== '',
    retry: false,
  });
  if (token !== '' && check.isPending) return <FullPageLoader />;
  if (token === '' || check.data?.valid === false) {
    return (
      <Paper className="auth-card" withBorder p="lg" radius="md">
        <Stack>
          <Title order={1} size="h2">{t('firstRun.title')}</Title>
          <Alert color="orange" role="alert">{t('firstRun.linkInvalid')}</Alert>
        </Stack>
      </Paper>
    );
  }
  if (check.isError) return <ErrorAlert error={check.error} />;
  return <FirstRunForm token={token} />;
}

function FirstRunForm({ token }: { token: string }) {
  const { t, i18n } = useTranslation();
  const [kind, setKind] = useState('general');
  const [weekDays, setWeekDays] = useState('5');
  const [timeZone, setTimeZone] = useState<string | null>('Europe/Moscow');
  const setup = useMutation({
    mutationFn: (body: unknown) => api<FirstSchoolResult>('POST', '/setup', body),
    // A full load: the new session's cookie is in place, and the wizard starts from a clean cache.
    onSuccess: (made) => window.location.assign(`/school/${made.schoolId}/setup`),
  });
  const fields = fieldErrors(setup.error, i18n.language);

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const text = (name: string) => String(form.get(name) ?? '');
    const name = text('schoolName');
    setup.mutate({
      token,
      regionName: text('regionName'),
      municipalityName: text('municipalityName'),
      school: { name, shortName: text('shortName') || name, kind, timeZone: timeZone ?? 'Europe/Moscow' },
      weekDays: Number(weekDays),
      admin: { displayName: text('displayName'), login: text('login'), password: text('password') },
    });
  };

  return (
    <Paper className="first-run" withBorder p="lg" radius="md" maw={640} mx="auto">
      <form onSubmit={submit} noValidate>
        <Stack>
          <Title order={1} size="h2">{t('firstRun.title')}</Title>
          <Text size="sm">{t('firstRun.hint')}</Text>
          {setup.isError && <ErrorAlert error={setup.error} />}
          <Fieldset legend={t('firstRun.organisation')}>
            <Stack gap="sm">
              <TextInput name="regionName" label={t('firstRun.region')} placeholder={t('firstRun.regionExample')} required withAsterisk={false} error={fields.regionName} />
              <TextInput name="municipalityName" label={t('firstRun.municipality')} placeholder={t('firstRun.municipalityExample')} required withAsterisk={false} error={fields.municipalityName} />
              <div>
                <Input.Label id="kind-label">{t('firstRun.kind')}</Input.Label>
                <SegmentedControl aria-labelledby="kind-label" value={kind} onChange={setKind}
                  data={[{ value: 'general', label: t('firstRun.general') }, { value: 'college', label: t('firstRun.college') }]} />
              </div>
              <TextInput name="schoolName" label={t('firstRun.schoolName')} placeholder={t('firstRun.schoolNameExample')} required withAsterisk={false} error={fields['school.name']} />
              <TextInput name="shortName" label={t('firstRun.shortName')} description={t('firstRun.shortNameHint')} error={fields['school.shortName']} />
              <Select label={t('firstRun.timeZone')} value={timeZone} onChange={setTimeZone} allowDeselect={false} error={fields['school.timeZone']}
                data={TIME_ZONES.map(([zone, offset]) => ({ value: zone, label: t('firstRun.zone', { zone, offset: offset === 0 ? '' : offset > 0 ? `+${offset}` : String(offset) }) }))} />
              <div>
                <Input.Label id="week-label">{t('firstRun.week')}</Input.Label>
                <SegmentedControl aria-labelledby="week-label" value={weekDays} onChange={setWeekDays}
                  data={[{ value: '5', label: t('firstRun.week5') }, { value: '6', label: t('firstRun.week6') }]} />
              </div>
            </Stack>
          </Fieldset>
          <Fieldset legend={t('firstRun.admin')}>
            <Stack gap="sm">
              <TextInput name="displayName" label={t('firstRun.displayName')} required withAsterisk={false} error={fields['admin.displayName']} />
              <TextInput name="login" label={t('firstRun.login')} autoComplete="username" autoCapitalize="none" spellCheck={false} required withAsterisk={false}
                error={fields['admin.login'] ?? fields.login} />
              <PasswordInput name="password" label={t('firstRun.password')} description={t('firstRun.passwordHint')} autoComplete="new-password" required withAsterisk={false}
                error={fields['admin.password'] ?? fields.password} visibilityToggleButtonProps={{ 'aria-label': t('auth.showPassword') }} />
            </Stack>
          </Fieldset>
          <Button type="submit" loading={setup.isPending}>{t('firstRun.submit')}</Button>
        </Stack>
      </form>
    </Paper>
  );
}
