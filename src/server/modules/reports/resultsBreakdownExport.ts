import type { ResultsBreakdown } from '../../../shared/contract/reports.ts';
import { type ExportMeta, type ResultsTable, resultsTablePdf, resultsTableXlsx } from './periodResultsExport.ts';

// Итоги успеваемости by subject or by teacher as a file: the class view's table with the breakdown's lines.

/** What each view calls its rows and their details, and what a row's figures are over (the words of the screen). */
const VIEWS = {
  subject: {
    title: 'по предметам',
    firstHeader: 'Предмет',
    detailHeader: 'Классы',
    note: 'По предмету учитывается итоговая отметка каждого обучающегося по этому предмету: на «5» — отметка «5», на «4» и «5» — отметка «4», с одной «3» — отметка «3», неуспевающие — «2» или «незачёт», Н/А — «Н/А»; всего — отметок по предмету (с «ОСВ»). Итого — по всем отметкам по предметам.',
  },
  teacher: {
    title: 'по учителям',
    firstHeader: 'Учитель',
    detailHeader: 'Группы и предметы',
    note: 'По учителю учитываются итоговые отметки по его предметам в его группах (по нагрузке): каждый обучающийся по каждому предмету — отдельно, на «5» — отметка «5», на «4» и «5» — отметка «4» и т. д.; всего — таких отметок (с «ОСВ»). Итого — по всем таким отметкам, общая отметка двух учителей — один раз.',
  },
} as const;

export function breakdownTable(results: ResultsBreakdown): ResultsTable {
  const view = VIEWS[results.view];
  return {
    subtitle: `${results.name}, ${view.title}`,
    firstHeader: view.firstHeader,
    detailHeader: view.detailHeader,
    lines: [
      ...results.rows.map((row) => ({ label: row.name, detail: row.detail.join('; '), students: row.students, figures: row.figures, kind: 'class' as const })),
      { label: 'Итого', detail: '', students: results.total.students, figures: results.total.figures, kind: 'total' as const },
    ],
    notes: [view.note],
  };
}

export const resultsBreakdownXlsx = (results: ResultsBreakdown, meta: ExportMeta) => resultsTableXlsx(breakdownTable(results), meta);
export const resultsBreakdownPdf = (results: ResultsBreakdown, meta: ExportMeta, options: { compress: boolean }) =>
  resultsTablePdf(breakdownTable(results), meta, options);
