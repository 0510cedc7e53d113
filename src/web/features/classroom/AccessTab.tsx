import { Alert, Anchor, Button, Checkbox, Group, Stack, Table, Text } from '@mantine/core';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { FullPageLoader } from '../../components/Layout.tsx';
import { useIssueSlips, useRoster } from './api.ts';
import { personKey, type SlipPerson, slipPeople } from './model.ts';

type Props = { schoolId: string; classId: string; canIssue: boolean };


/** «Доступ»: credential slips for the class's students and parents (seed 001, 3.1; 002, 4.1.5). */
export function AccessTab({ schoolId, classId, canIssue }: Props) {
  const { t } = useTranslation();
  const roster = useRoster(schoolId, classId);
  const issue = useIssueSlips(schoolId, classId);
  const [chosen, setChosen] = useState<Set<string>>(new Set());
  const link = useRef<HTMLAnchorElement>(null);
  const slips = issue.data;
  // The file is handed over as soon as it is ready; the link stays for a second try.
  const shown = useRef<string | null>(null);
  useEffect(() => {
    if (!slips) return;
    // The previous file is let go once a new one replaces it.
    if (shown.current && shown.current !== slips.url) URL.revokeObjectURL(shown.current);
    shown.current = slips.url;
    link.current?.click();
  }, [slips]);

  if (roster.isError) return <ErrorAlert error={roster.error} />;
  if (!roster.data) return <FullPageLoader />;
  const data = roster.data;
  const students = slipPeople(data, { students: true, guardians: false });
  const guardians = slipPeople(data, { students: false, guardians: true });
  const allChosen = (people: SlipPerson[]) => people.length > 0 && people.every((p) => chosen.has(personKey(p)));
  const toggle = (people: SlipPerson[], on: boolean) => setChosen((prev) => {
    const next = new Set(prev);
    for (const p of people) if (on) next.add(personKey(p)); else next.delete(personKey(p));
    return next;
  });
  const account = (has: boolean) => t(has ? 'classroom.access.hasAccount' : 'classroom.access.noAccount');
  const selected = [...students, ...guardians].filter((p) => chosen.has(personKey(p)));

  return (
    <Stack gap="sm">
      <Alert color="orange" variant="light" title={t('classroom.access.warningTitle')}>{t('classroom.access.warning')}</Alert>
      {!canIssue && <Text role="status">{t('classroom.access.cannotIssue')}</Text>}
      <Group gap="lg">
        <Checkbox label={t('classroom.access.allStudents')} checked={allChosen(students)} onChange={(e) => toggle(students, e.currentTarget.checked)} />
        <Checkbox label={t('classroom.access.allGuardians')} checked={allChosen(guardians)} onChange={(e) => toggle(guardians, e.currentTarget.checked)} />
      </Group>
      <div className="classroom-scroll" tabIndex={0} role="region" aria-label={t('classroom.access.caption')}>
        <Table className="classroom-table">
          <caption>{t('classroom.access.caption')}</caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('classroom.student')}</Table.Th>
              <Table.Th scope="col">{t('classroom.access.guardians')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {data.items.map(({ student, guardians: own }) => (
              <Table.Tr key={student.id}>
                <Table.Td>
                  <Checkbox
                    label={student.fullName}
                    description={account(student.hasAccount)}
                    checked={chosen.has(personKey({ kind: 'student', id: student.id }))}
                    onChange={(e) => toggle([{ kind: 'student', id: student.id }], e.currentTarget.checked)}
                  />
                </Table.Td>
                <Table.Td>
                  <Stack gap="xs">
                    {own.length === 0 && <Text size="sm" c="dimmed">{t('classroom.parents.none')}</Text>}
                    {own.map((g) => (
                      <Checkbox
                        key={g.id}
                        label={`${g.fullName} (${t(`classroom.relations.${g.relation}`)})`}
                        description={account(g.hasAccount)}
                        checked={chosen.has(personKey({ kind: 'guardian', id: g.id }))}
                        onChange={(e) => toggle([{ kind: 'guardian', id: g.id }], e.currentTarget.checked)}
                      />
                    ))}
                  </Stack>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </div>
      {issue.isError && <ErrorAlert error={issue.error} />}
      {canIssue && (
        <Group>
          <Button onClick={() => issue.mutate(selected)} disabled={selected.length === 0} loading={issue.isPending}>
            {t('classroom.access.print', { count: selected.length })}
          </Button>
        </Group>
      )}
      {slips && (
        <Text role="status">
          {t('classroom.access.ready', { count: slips.count })}{' '}
          <Anchor ref={link} href={slips.url} download={slips.fileName}>{t('classroom.access.download', { name: slips.fileName })}</Anchor>
        </Text>
      )}
    </Stack>
  );
}
