import { NativeSelect, Stack, Stepper, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useParams, useSearchParams } from 'react-router';
import type { AcademicYear } from '../../../../shared/contract/calendar.ts';
import { ErrorAlert } from '../../../components/ErrorAlert.tsx';
import { FullPageLoader } from '../../../components/Layout.tsx';
import { type Params, useList, useSchool, useYears } from './api.ts';
import { STEP_KEYS, type StepKey, type YearStepProps } from './steps/common.ts';
import { BellsStep } from './steps/BellsStep.tsx';
import { ClassesStep } from './steps/ClassesStep.tsx';
import { HolidaysStep } from './steps/HolidaysStep.tsx';
import { LoadStep } from './steps/LoadStep.tsx';
import { StaffStep } from './steps/StaffStep.tsx';
import { StudentsStep } from './steps/StudentsStep.tsx';
import { SubjectsStep } from './steps/SubjectsStep.tsx';
import { TimetableStep } from './steps/TimetableStep.tsx';
import { YearStep } from './steps/YearStep.tsx';
import './setup.css';

const STEPS: Record<StepKey, React.ComponentType<YearStepProps>> = {
  year: YearStep, holidays: HolidaysStep, bells: BellsStep, subjects: SubjectsStep, staff: StaffStep,
  classes: ClassesStep, students: StudentsStep, load: LoadStep, timetable: TimetableStep,
};

/** The year the wizard sets up unless the person picked one: the one being planned, else the open one. */
function defaultYear(years: AcademicYear[]): AcademicYear | undefined {
  const latest = (status: string) => years.filter((y) => y.status === status).sort((a, b) => b.startsOn.localeCompare(a.startsOn))[0];
  return latest('planning') ?? latest('open') ?? [...years].sort((a, b) => b.startsOn.localeCompare(a.startsOn))[0];
}

/** How many items each step holds for the year (one row is enough to say «filled»). */
function useProgress(schoolId: string, yearId: string | undefined): Record<StepKey, boolean | undefined> {
  const y = yearId ?? '';
  const useFilled = (path: string, params: Params = {}, byYear = true) => {
    const q = useList<unknown>(schoolId, path, { ...params, limit: 1 }, !byYear || Boolean(yearId));
    return q.data ? q.data.items.length > 0 : undefined;
  };
  const periods = useFilled('periods', { academicYearId: y });
  const holidays = useFilled('holidays', { academicYearId: y });
  const bells = useFilled('bell-schedules', { academicYearId: y });
  const subjects = useFilled('subjects', {}, false);
  const staff = useFilled('staff', {}, false);
  const classes = useFilled('classes', { academicYearId: y });
  const students = useFilled('students', {}, false);
  const load = useFilled('assignments', { academicYearId: y });
  const timetable = useFilled('timetable-slots', { academicYearId: y });
  return { year: periods, holidays, bells, subjects, staff, classes, students, load, timetable };
}

/** `/school/:schoolId/setup?step=&year=`: the administrator's wizard for the school year. */
export function SetupPage() {
  const { t } = useTranslation();
  const { schoolId = '' } = useParams();
  const [search, setSearch] = useSearchParams();
  const years = useYears(schoolId);
  const school = useSchool(schoolId);
  const list = years.data?.items ?? [];
  const year = list.find((y) => y.id === search.get('year')) ?? defaultYear(list);
  const progress = useProgress(schoolId, year?.id);
  const stepParam = search.get('step') as StepKey | null;
  const active = Math.max(0, STEP_KEYS.indexOf(stepParam ?? 'year'));
  const key = STEP_KEYS[active]!;

  const update = (changes: Record<string, string | null>) => {
    const next = new URLSearchParams(search);
    for (const [k, v] of Object.entries(changes)) if (v === null) next.delete(k); else next.set(k, v);
    setSearch(next, { replace: false });
  };
  const goTo = (index: number) => update({ step: STEP_KEYS[index] ?? 'year' });
  const selectYear = (id: string) => update({ year: id });
  const filled = STEP_KEYS.filter((k) => progress[k]).length;

  if (years.isError) return <ErrorAlert error={years.error} />;
  if (school.isError) return <ErrorAlert error={school.error} />;
  if (!years.data || !school.data) return <FullPageLoader />;
  const Step = STEPS[key];
  const stepLabel = (k: StepKey) => t(`admin.setup.steps.${k}`);
  const stepState = (k: StepKey) => (progress[k] ? t('admin.setup.filled') : progress[k] === false ? t('admin.setup.notFilled') : '');

  return (
    <Stack gap="md">
      <Title order={1} size="h2">{t('admin.setup.title')}</Title>
      <Text size="sm">{t('admin.setup.progress', { filled, total: STEP_KEYS.length })}{year ? ` · ${t('admin.setup.yearShown', { name: year.name })}` : ''}</Text>
      <div className="setup-layout">
        <nav aria-label={t('admin.setup.stepsNav')} className="setup-steps">
          <div className="setup-steps-wide">
            <Stepper active={active} onStepClick={goTo} orientation="vertical" size="sm" allowNextStepsSelect>
              {STEP_KEYS.map((k, index) => (
                <Stepper.Step key={k} label={stepLabel(k)} description={stepState(k)}
                  icon={progress[k] ? '✓' : String(index + 1)} completedIcon={progress[k] ? '✓' : String(index + 1)}
                  color={progress[k] ? 'green.8' : undefined} />
              ))}
            </Stepper>
          </div>
          <div className="setup-steps-narrow">
            <NativeSelect label={t('admin.setup.step')} value={key} onChange={(e) => goTo(STEP_KEYS.indexOf(e.currentTarget.value as StepKey))}
              data={STEP_KEYS.map((k, index) => ({ value: k, label: `${index + 1}. ${stepLabel(k)}${progress[k] ? ' ✓' : ''}` }))} />
          </div>
        </nav>
        <section className="setup-content" aria-labelledby="setup-step-title">
          <Title order={2} size="h3" id="setup-step-title">{active + 1}. {stepLabel(key)}</Title>
          {year
            ? <Step schoolId={schoolId} school={school.data} years={list} year={year} selectYear={selectYear} />
            : key === 'year'
              ? <YearStep schoolId={schoolId} school={school.data} years={list} year={undefined} selectYear={selectYear} />
              : <Text>{t('admin.setup.needYear')}</Text>}
        </section>
      </div>
    </Stack>
  );
}
