import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { PeriodResults } from '../../../shared/contract/reports.ts';
import { api } from '../../api/client.ts';
import type { ResultsChoice } from './format.ts';

/** Итоги успеваемости of a period or the year: every class the caller may see, and the total. */
export const usePeriodResults = (schoolId: string, choice: ResultsChoice | null) => useQuery({
  queryKey: ['reports', schoolId, 'period-results', choice],
  queryFn: () => api<PeriodResults>('GET', `/schools/${schoolId}/reports/period-results?${new URLSearchParams(choice ?? {}).toString()}`),
  enabled: choice !== null,
  placeholderData: keepPreviousData,
});

/** The same results as a file (XLSX or PDF): a plain link, the session cookie goes with it. */
export const periodResultsFileUrl = (schoolId: string, choice: ResultsChoice, format: 'xlsx' | 'pdf') =>
  `/api/v1/schools/${schoolId}/reports/period-results/export?${new URLSearchParams({ ...choice, format }).toString()}`;
