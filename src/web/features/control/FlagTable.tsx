import { Anchor, Button, Group, Stack, Table, Text, Textarea } from '@mantine/core';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { ComplianceFlag } from '../../../shared/contract/control.ts';
import type { ComplianceFlagKind } from '../../../shared/domain/compliance.ts';
import { REMARK_MAX_LENGTH } from '../../../shared/domain/controlRemarks.ts';
import { ErrorAlert, fieldErrors } from '../../components/ErrorAlert.tsx';
import { useAddRemark } from './api.ts';
import { formatDate, formatInstant } from './auditText.ts';
import { fewMarksText } from './flags.ts';

type Props = {
  flags: readonly ComplianceFlag[];
  schoolId: string;
  /** The period shown, for the journal link of a lesson's flag. */
  periodId: string;
  caption: string;
  /** The deputy, director or admin: may write a remark on each flag (seed 001, 6.2). */
  canRemark: boolean;
  /** The journal and the change log are offered where the reader may open them. */
  links?: { journal: boolean; history: boolean };
};

/** The flags of one board section: date, lesson, the rule broken, details, the remarks, and where to look. */
export function FlagTable({ flags, schoolId, periodId, caption, canRemark, links = { journal: true, history: true } }: Props) {
  const { t } = useTranslation();
  return (
    <div className="control-scroll">
      <Table striped highlightOnHover verticalSpacing={6} className="control-table">
        <Table.Caption>{caption}</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('control.board.date')}</Table.Th>
            <Table.Th scope="col">{t('control.board.lesson')}</Table.Th>
            <Table.Th scope="col">{t('control.board.flag')}</Table.Th>
            <Table.Th scope="col">{t('control.board.details')}</Table.Th>
            <Table.Th scope="col">{t('control.board.links')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {flags.map((f, i) => (
            <FlagRow key={`${f.key}-${i}`} flag={f} schoolId={schoolId} periodId={periodId} canRemark={canRemark} links={links} />
          ))}
        </Table.Tbody>
      </Table>
    </div>
  );
}

function FlagRow({ flag, schoolId, periodId, canRemark, links }: {
  flag: ComplianceFlag; schoolId: string; periodId: string; canRemark: boolean; links: { journal: boolean; history: boolean };
}) {
  const { t } = useTranslation();
  const journal = `/school/${schoolId}/journal/${flag.groupId}?period=${flag.periodId ?? periodId}`;
  const details = (() => {
    switch (flag.kind as ComplianceFlagKind) {
      case 'few_marks':
        return fewMarksText(flag, t);
      case 'period_mark_missing':
        return t('control.board.periodMarkMissing', { student: flag.studentName ?? '', deadline: formatDate(flag.deadline ?? '') });
      case 'topic_missing':
        return t('control.board.noTopic');
      case 'attendance_missing':
        return flag.enteredAt ? t('control.board.attendanceLate', { at: formatInstant(flag.enteredAt) }) : t('control.board.noAttendance');
      case 'homework_late':
      case 'mark_late':
      case 'written_mark_late':
        return t('control.board.enteredAt', { at: flag.enteredAt ? formatInstant(flag.enteredAt) : '—', student: flag.studentName ?? '' });
      default:
        return '';
    }
  })();
  return (
    <Table.Tr>
      <Table.Td className="control-nowrap">{flag.lessonDate ? formatDate(flag.lessonDate) : formatDate(flag.deadline ?? '')}</Table.Td>
      <Table.Td>{flag.subjectName}, {flag.groupName}</Table.Td>
      <Table.Td>
        <Text size="sm" fw={600}>{t(`control.kinds.${flag.kind}`)}</Text>
        <Text size="xs" c="dimmed">{flag.citation}</Text>
      </Table.Td>
      <Table.Td>
        {details}
        <Remarks flag={flag} schoolId={schoolId} canRemark={canRemark} />
      </Table.Td>
      <Table.Td>
        <Stack gap={2}>
          {flag.lessonId && <Anchor component={Link} size="sm" to={`/school/${schoolId}/lessons/${flag.lessonId}`}>{t('control.board.openLesson')}</Anchor>}
          {links.journal && <Anchor component={Link} size="sm" to={journal}>{t('control.board.openJournal')}</Anchor>}
          {links.history && flag.lessonId && <Anchor component={Link} size="sm" to={`/school/${schoolId}/audit?lesson=${flag.lessonId}`}>{t('control.board.openHistory')}</Anchor>}
          {links.history && !flag.lessonId && flag.studentId && <Anchor component={Link} size="sm" to={`/school/${schoolId}/audit?student=${flag.studentId}`}>{t('control.board.openHistory')}</Anchor>}
        </Stack>
      </Table.Td>
    </Table.Tr>
  );
}

/** The deputy's remarks on a flag (author, time, text) and, for those who may, a form to add one. */
function Remarks({ flag, schoolId, canRemark }: { flag: ComplianceFlag; schoolId: string; canRemark: boolean }) {
  const { t, i18n } = useTranslation();
  const [open, setOpen] = useState(false);
  const [text, setText] = useState('');
  const add = useAddRemark(schoolId);
  const formId = useId();
  const subject = `${t(`control.kinds.${flag.kind}`)}: ${flag.subjectName}, ${flag.lessonDate ? formatDate(flag.lessonDate) : flag.studentName ?? ''}`;
  const errors = fieldErrors(add.error, i18n.language);
  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    add.mutate({
      kind: flag.kind, lessonId: flag.lessonId, entryId: flag.entryId, studentId: flag.studentId,
      periodId: flag.periodId, groupId: flag.groupId, subjectId: flag.subjectId, text,
    }, { onSuccess: () => { setText(''); setOpen(false); } });
  };
  return (
    <>
      {flag.remarks.length > 0 && (
        <ul className="control-remarks" aria-label={t('control.remarks.listOf', { subject })}>
          {flag.remarks.map((r) => (
            <li key={r.id}>
              <Text size="xs" c="dimmed">{t('control.remarks.by', { name: r.authorName || t('control.remarks.someone'), at: formatInstant(r.createdAt) })}</Text>
              <Text size="sm">{r.text}</Text>
            </li>
          ))}
        </ul>
      )}
      {canRemark && !open && (
        <Button variant="subtle" size="compact-xs" mt={4} onClick={() => { add.reset(); setOpen(true); }} aria-label={t('control.remarks.addTo', { subject })}>
          {t('control.remarks.add')}
        </Button>
      )}
      {canRemark && open && (
        <form id={formId} onSubmit={submit} noValidate className="control-remark-form" aria-label={t('control.remarks.addTo', { subject })}>
          <Stack gap={4} mt={4}>
            {add.isError && Object.keys(errors).length === 0 && <ErrorAlert error={add.error} />}
            <Textarea
              label={t('control.remarks.text')}
              value={text}
              onChange={(e) => setText(e.currentTarget.value)}
              maxLength={REMARK_MAX_LENGTH}
              autosize
              minRows={2}
              error={errors.text}
              data-autofocus
              autoFocus
            />
            <Group gap="xs">
              <Button type="submit" size="xs" loading={add.isPending}>{t('control.remarks.send')}</Button>
              <Button size="xs" variant="default" onClick={() => setOpen(false)}>{t('control.cancel')}</Button>
            </Group>
          </Stack>
        </form>
      )}
    </>
  );
}
