import type { ReportFormat } from '../../../shared/contract/reports.ts';
import { localDate } from '../../../shared/domain/calendar.ts';
import type { Db } from '../../db/client.ts';
import type { Actor } from '../../policy/policy.ts';
import { getSchool } from '../organisation/service.ts';
import type { ExportMeta } from './periodResultsExport.ts';
import { displayNameOf } from './queries.ts';

export const REPORT_CONTENT_TYPES: Record<ReportFormat, string> = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  pdf: 'application/pdf',
};

/** Who, where and when a file is signed with (as periodResultsFile does), and the school's day for its name. */
export async function exportMeta(db: Db, actor: Actor, schoolId: string, now: Date): Promise<ExportMeta & { day: string }> {
  const school = await getSchool(db, schoolId);
  return {
    schoolName: school.name,
    generatedAt: new Intl.DateTimeFormat('ru-RU', {
      timeZone: school.timeZone, day: '2-digit', month: '2-digit', year: 'numeric', hour: '2-digit', minute: '2-digit',
    }).format(now),
    generatedBy: (await displayNameOf(db, actor.userId)) ?? null,
    day: localDate(now, school.timeZone),
  };
}

/** «01.09.2025» from «2025-09-01». */
export const ruDate = (iso: string) => `${iso.slice(8, 10)}.${iso.slice(5, 7)}.${iso.slice(0, 4)}`;

export const footerText = (meta: ExportMeta) => `Сформировано ${meta.generatedAt}${meta.generatedBy ? `, ${meta.generatedBy}` : ''} в Klassny`;

const number = (digits: number) => new Intl.NumberFormat('ru-RU', { minimumFractionDigits: digits, maximumFractionDigits: digits });
/** «12,5 %», or a dash for none. */
export const percentText = (value: number | null) => (value === null ? '—' : `${number(1).format(value)}\u00a0%`);
/** «3,85», or a dash for none. */
export const meanText = (value: number | null) => (value === null ? '—' : number(2).format(value));

/** The thin grey grid every report table is drawn with. */
export const TABLE_LAYOUT = { hLineWidth: () => 0.5, vLineWidth: () => 0.5, hLineColor: () => '#999999', vLineColor: () => '#999999' };

/** The footer of every page: the school, who and when, page N of M. */
export const pageFooter = (meta: ExportMeta) => (page: number, pages: number) => ({
  columns: [
    { text: `${meta.schoolName} · ${footerText(meta)}`, fontSize: 7, color: '#555555' },
    { text: `Стр. ${page} из ${pages}`, fontSize: 7, color: '#555555', alignment: 'right' as const, width: 70 },
  ],
  margin: [32, 10, 32, 0] as [number, number, number, number],
});
