import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { ControlFigures, MunicipalSummary } from '../../../shared/contract/oversight.ts';
import type { z } from 'zod';
import type { ZTimesheet } from '../../../shared/contract/timetable.ts';
import { api } from '../../api/client.ts';

export type Timesheet = z.infer<typeof ZTimesheet>;
type Range = { from: string; to: string };
const query = (q: Record<string, string | number | undefined>) =>
  new URLSearchParams(Object.entries(q).flatMap(([k, v]) => (v === undefined ? [] : [[k, String(v)]]))).toString();

/** The табель from–to: every teacher for the administration, his own for a teacher (the server decides). */
export const useTimesheet = (schoolId: string, range: Range) => useQuery({
  queryKey: ['reports', schoolId, 'timesheet', range],
  queryFn: () => api<Timesheet>('GET', `/schools/${schoolId}/timesheet?${query(range)}`),
  placeholderData: keepPreviousData,
});
export const timesheetFileUrl = (schoolId: string, range: Range, format: 'xlsx' | 'pdf') =>
  `/api/v1/schools/${schoolId}/reports/timesheet/export?${query({ ...range, format })}`;

/** The control figures of keeping the journal from–to, «without marks» over `weeks` weeks. */
export const useControlFigures = (schoolId: string, q: Range & { weeks: number }) => useQuery({
  queryKey: ['reports', schoolId, 'control-figures', q],
  queryFn: () => api<ControlFigures>('GET', `/schools/${schoolId}/reports/control-figures?${query(q)}`),
  placeholderData: keepPreviousData,
});
export const controlFiguresFileUrl = (schoolId: string, q: Range & { weeks: number }, format: 'xlsx' | 'pdf') =>
  `/api/v1/schools/${schoolId}/reports/control-figures/export?${query({ ...q, format })}`;

/** The municipalities the caller operates (a municipal operator his own; a platform operator all). */
export const useMunicipalities = (enabled: boolean) => useQuery({
  queryKey: ['municipalities'],
  queryFn: () => api<{ items: { id: string; name: string }[] }>('GET', '/municipalities?limit=100'),
  enabled,
  retry: false,
});

/** The municipal summary from–to: per school and in total, counts and percentages only. */
export const useMunicipalSummary = (municipalityId: string, q: Range & { weeks: number }) => useQuery({
  queryKey: ['municipalities', municipalityId, 'summary', q],
  queryFn: () => api<MunicipalSummary>('GET', `/municipalities/${municipalityId}/reports/summary?${query(q)}`),
  placeholderData: keepPreviousData,
});
export const municipalSummaryFileUrl = (municipalityId: string, q: Range & { weeks: number }, format: 'xlsx' | 'pdf') =>
  `/api/v1/municipalities/${municipalityId}/reports/summary/export?${query({ ...q, format })}`;
