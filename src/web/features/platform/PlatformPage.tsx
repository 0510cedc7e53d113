import { Alert, Button, Card, Group, PasswordInput, SegmentedControl, Select, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Municipality, Region, School } from '../../../shared/contract/organisation.ts';
import { api } from '../../api/client.ts';
import { ErrorAlert, fieldErrors } from '../../components/ErrorAlert.tsx';

type Page<T> = { items: T[]; nextCursor: string | null };
const list = <T,>(path: string) => api<Page<T>>('GET', path).then((p) => p.items);

/**
 * A platform operator (several schools on one server): regions, municipalities and schools, and
 * each school's first administrator. The server refuses anyone else (organisation.write).
 */
export function PlatformPage() {
  const { t } = useTranslation();
  const regions = useQuery({ queryKey: ['platform', 'regions'], queryFn: () => list<Region>('/regions?limit=500') });
  const [regionId, setRegionId] = useState<string | null>(null);
  const region = regionId ?? regions.data?.[0]?.id ?? null;
  const municipalities = useQuery({
    queryKey: ['platform', 'municipalities', region], enabled: !!region,
    queryFn: () => list<Municipality>(`/municipalities?limit=500&regionId=${region}`),
  });
  const [municipalityId, setMunicipalityId] = useState<string | null>(null);
  const municipality = municipalities.data?.some((m) => m.id === municipalityId) ? municipalityId : municipalities.data?.[0]?.id ?? null;
  const schools = useQuery({
    queryKey: ['platform', 'schools', municipality], enabled: !!municipality,
    queryFn: () => list<School>(`/schools?limit=500&municipalityId=${municipality}`),
  });

  return (
    <Stack>
      <Title order={1} size="h2">{t('platform.title')}</Title>
      <Text size="sm">{t('platform.hint')}</Text>
      {regions.isError && <ErrorAlert error={regions.error} />}
      <Card withBorder component="section" aria-label={t('platform.regions')}>
        <Stack gap="sm">
          <Select label={t('platform.region')} value={region} onChange={setRegionId} allowDeselect={false}
            data={(regions.data ?? []).map((r) => ({ value: r.id, label: r.name }))} nothingFoundMessage={t('platform.none')} />
          <NameForm label={t('platform.newRegion')} submit={t('platform.addRegion')} path="/regions" body={(name) => ({ name })} onDone={(r) => setRegionId(r.id)} />
        </Stack>
      </Card>
      {region && (
        <Card withBorder component="section" aria-label={t('platform.municipalities')}>
          <Stack gap="sm">
            <Select label={t('platform.municipality')} value={municipality} onChange={setMunicipalityId} allowDeselect={false}
              data={(municipalities.data ?? []).map((m) => ({ value: m.id, label: m.name }))} />
            <NameForm label={t('platform.newMunicipality')} submit={t('platform.addMunicipality')} path="/municipalities"
              body={(name) => ({ name, regionId: region })} onDone={(m) => setMunicipalityId(m.id)} />
          </Stack>
        </Card>
      )}
      {municipality && (
        <Card withBorder component="section" aria-labelledby="platform-schools">
          <Stack gap="sm">
            <Title order={2} size="h4" id="platform-schools">{t('platform.schools')}</Title>
            {(schools.data ?? []).length === 0 ? <Text c="dimmed">{t('platform.noSchools')}</Text> : (
              <Table aria-labelledby="platform-schools">
                <Table.Thead><Table.Tr><Table.Th>{t('platform.schoolName')}</Table.Th><Table.Th>{t('platform.kind')}</Table.Th><Table.Th>{t('platform.timeZone')}</Table.Th></Table.Tr></Table.Thead>
                <Table.Tbody>
                  {(schools.data ?? []).map((s) => (
                    <Table.Tr key={s.id}><Table.Td>{s.shortName}</Table.Td><Table.Td>{t(`platform.kinds.${s.kind}`)}</Table.Td><Table.Td>{s.timeZone}</Table.Td></Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            )}
            <SchoolForm municipalityId={municipality} />
            {(schools.data ?? []).length > 0 && <AdminForm schools={schools.data ?? []} />}
          </Stack>
        </Card>
      )}
    </Stack>
  );
}

function useCreate<T>(path: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: unknown) => api<T>('POST', path, body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['platform'] }),
  });
}

function NameForm<T extends { id: string }>({ label, submit, path, body, onDone }: {
  label: string; submit: string; path: string; body: (name: string) => unknown; onDone: (row: T) => void;
}) {
  const create = useCreate<T>(path);
  const { i18n } = useTranslation();
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = event.currentTarget;
    create.mutate(body(String(new FormData(form).get('name') ?? '')), { onSuccess: (row) => { form.reset(); onDone(row); } });
  };
  return (
    <form onSubmit={onSubmit} noValidate aria-label={submit}>
      <Group align="flex-end">
        <TextInput name="name" label={label} error={fieldErrors(create.error, i18n.language).name} style={{ flex: 1 }} />
        <Button type="submit" variant="light" loading={create.isPending}>{submit}</Button>
      </Group>
      {create.isError && !fieldErrors(create.error, i18n.language).name && <ErrorAlert error={create.error} />}
    </form>
  );
}

function SchoolForm({ municipalityId }: { municipalityId: string }) {
  const { t, i18n } = useTranslation();
  const create = useCreate<School>('/schools');
  const [kind, setKind] = useState('general');
  const fields = fieldErrors(create.error, i18n.language);
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = event.currentTarget;
    const data = new FormData(form);
    const name = String(data.get('name') ?? '');
    create.mutate({ municipalityId, name, shortName: String(data.get('shortName') ?? '') || name, kind, timeZone: String(data.get('timeZone') ?? '') || 'Europe/Moscow' },
      { onSuccess: () => form.reset() });
  };
  return (
    <form onSubmit={onSubmit} noValidate aria-label={t('platform.addSchool')}>
      <Stack gap="xs">
        <Title order={3} size="h5">{t('platform.addSchool')}</Title>
        {create.isError && <ErrorAlert error={create.error} />}
        <SegmentedControl value={kind} onChange={setKind} aria-label={t('platform.kind')}
          data={[{ value: 'general', label: t('platform.kinds.general') }, { value: 'college', label: t('platform.kinds.college') }]} />
        <TextInput name="name" label={t('platform.schoolFullName')} error={fields.name} />
        <TextInput name="shortName" label={t('platform.schoolName')} error={fields.shortName} />
        <TextInput name="timeZone" label={t('platform.timeZone')} placeholder="Europe/Moscow" error={fields.timeZone} />
        <Group><Button type="submit" variant="light" loading={create.isPending}>{t('platform.addSchool')}</Button></Group>
      </Stack>
    </form>
  );
}

function AdminForm({ schools }: { schools: School[] }) {
  const { t, i18n } = useTranslation();
  const [schoolId, setSchoolId] = useState<string | null>(schools[0]?.id ?? null);
  const school = schools.some((s) => s.id === schoolId) ? schoolId : schools[0]!.id;
  const create = useCreate<{ login: string }>(`/schools/${school}/administrators`);
  const fields = fieldErrors(create.error, i18n.language);
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = event.currentTarget;
    const data = new FormData(form);
    create.mutate({ displayName: String(data.get('displayName') ?? ''), login: String(data.get('login') ?? ''), password: String(data.get('password') ?? '') },
      { onSuccess: () => form.reset() });
  };
  return (
    <form onSubmit={onSubmit} noValidate aria-label={t('platform.appoint')}>
      <Stack gap="xs">
        <Title order={3} size="h5">{t('platform.appoint')}</Title>
        {create.isError && <ErrorAlert error={create.error} />}
        {create.isSuccess && <Alert color="green" role="status">{t('platform.appointed', { login: create.data.login })}</Alert>}
        <Select label={t('platform.school')} value={school} onChange={setSchoolId} allowDeselect={false}
          data={schools.map((s) => ({ value: s.id, label: s.shortName }))} />
        <TextInput name="displayName" label={t('platform.displayName')} error={fields.displayName} />
        <TextInput name="login" label={t('platform.login')} autoComplete="off" error={fields.login} />
        <PasswordInput name="password" label={t('platform.password')} description={t('platform.passwordHint')} autoComplete="new-password" error={fields.password} />
        <Group><Button type="submit" variant="light" loading={create.isPending}>{t('platform.appoint')}</Button></Group>
      </Stack>
    </form>
  );
}
