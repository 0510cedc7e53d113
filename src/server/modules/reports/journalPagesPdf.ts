import type { Content, TableCell, TDocumentDefinitions } from 'pdfmake/interfaces.js';
import type { JournalLesson, JournalPages, JournalStudent } from './journalPages.ts';
import { streamPdf } from './pdf.ts';

// The journal pages' layout (seed 001 §6.3): spreads of at most LESSONS_PER_SPREAD lessons — the
// left page students × lessons, the right page topics and homework — and the footer on every page.

const MONTHS = ['январь', 'февраль', 'март', 'апрель', 'май', 'июнь', 'июль', 'август', 'сентябрь', 'октябрь', 'ноябрь', 'декабрь'];
/** A month over few columns: its first three letters. */
const monthName = (month: number, columns: number) => (columns >= 3 ? MONTHS[month - 1]! : MONTHS[month - 1]!.slice(0, 3));
const dayMonth = (date: string) => `${date.slice(8, 10)}.${date.slice(5, 7)}`;
const fullDate = (date: string) => `${dayMonth(date)}.${date.slice(0, 4)}`;
/** The most lessons on one page pair: the date columns of the left page, the rows of the right one. */
export const LESSONS_PER_SPREAD = 22;
const MARGIN = 24;
const GREY = '#555555';
const SHADE = '#e6e6e6';
const tableLayout = {
  hLineWidth: () => 0.5, vLineWidth: () => 0.5, hLineColor: () => '#777777', vLineColor: () => '#777777',
  paddingLeft: () => 1.5, paddingRight: () => 1.5, paddingTop: () => 1.5, paddingBottom: () => 1,
};
const sits = (student: JournalStudent, date: string) => student.stays.some((s) => s.startsOn <= date && (s.endsOn === null || s.endsOn >= date));

/** A cell's marks, the weight above a mark that counts more than once (as a teacher writes «5²»), and its attendance letter. */
function markCell(data: JournalPages, lesson: JournalLesson, student: JournalStudent): TableCell {
  const found = data.cells.get(`${lesson.id}|${student.id}`);
  const outside = !sits(student, lesson.date);
  const fill = outside ? { fillColor: SHADE } : {};
  if (!found) return { text: '', ...fill };
  const parts: Content[] = [];
  if (found.code) parts.push({ text: found.code, color: '#b00020' });
  for (const m of found.marks) {
    if (parts.length > 0) parts.push(' ');
    parts.push({ text: m.value, bold: true });
    if (m.weight !== 1) parts.push({ text: String(m.weight).replace('.', ','), sup: true, fontSize: 4.5 });
  }
  return { text: parts as never, alignment: 'center', ...fill };
}

/** The left page of a spread: № and student, then a column per lesson, headed by month and day. */
function leftPage(data: JournalPages, lessons: JournalLesson[], spread: number, spreads: number): Content[] {
  const months: TableCell[] = [{ text: '№', rowSpan: 2, bold: true, alignment: 'center', margin: [0, 5, 0, 0] }, { text: 'Фамилия, инициалы обучающегося', rowSpan: 2, bold: true, margin: [0, 1, 0, 0] }];
  lessons.forEach((l, i) => {
    const month = l.date.slice(5, 7);
    if (i > 0 && lessons[i - 1]!.date.slice(5, 7) === month) return void months.push('');
    const span = lessons.slice(i).findIndex((next) => next.date.slice(5, 7) !== month);
    const colSpan = span === -1 ? lessons.length - i : span;
    months.push({ text: monthName(Number(month), colSpan), colSpan, alignment: 'center', bold: true });
  });
  // Blank columns up to a full page, as the paper journal has them.
  const blanks = lessons.length === 0 ? 0 : LESSONS_PER_SPREAD - lessons.length;
  const blank = (): TableCell[] => Array<TableCell>(blanks).fill('');
  if (blanks > 0) months.push({ text: '', colSpan: blanks }, ...Array<TableCell>(blanks - 1).fill(''));
  const days: TableCell[] = ['', '', ...lessons.map((l): TableCell => ({ text: l.date.slice(8, 10), alignment: 'center', bold: true })), ...blank()];
  const empty = lessons.length === 0;
  const body: TableCell[][] = [
    empty ? [months[0]!, months[1]!] : months,
    empty ? ['', ''] : days,
    ...data.students.map((s, n): TableCell[] => [
      { text: String(n + 1), alignment: 'right' },
      { text: s.shortName, fontSize: 7.5 },
      ...lessons.map((l) => markCell(data, l, s)),
      ...blank(),
    ]),
  ];
  if (data.students.length === 0) body.push([{ text: 'В группе нет обучающихся за эти даты', colSpan: 2 + lessons.length + blanks, italics: true }, ...Array<TableCell>(1 + lessons.length + blanks).fill('')]);
  return [
    pageTitle(data, 'Успеваемость и посещаемость', lessons, spread, spreads),
    {
      table: { headerRows: 2, dontBreakRows: true, widths: [12, 104, ...Array<number>(lessons.length + blanks).fill(14.6)], body },
      layout: {
        ...tableLayout, paddingTop: (row: number) => (row < 2 ? 1.5 : 3), paddingBottom: (row: number) => (row < 2 ? 1 : 2.5),
        fillColor: (row: number) => (row < 2 ? '#eeeeee' : null),
      },
      fontSize: 7.5,
    },
    { text: 'н — отсутствовал, б — болел, у — уважительная причина, оп — опоздал; малая цифра у отметки — её вес; серым — дни, когда обучающийся не был в группе.', fontSize: 6, color: GREY, margin: [0, 4, 0, 0] },
  ];
}

/** The right page of a spread: the same lessons as rows, with the number of hours, the topic and the homework. */
function rightPage(data: JournalPages, lessons: JournalLesson[], spread: number, spreads: number): Content[] {
  const head: TableCell[] = ['Дата', 'Часов', 'Что пройдено на уроке', 'Домашнее задание'].map((text) => ({ text, bold: true, alignment: 'center' }));
  const rows = lessons.map((l): TableCell[] => [
    { text: dayMonth(l.date), alignment: 'center' }, { text: '1', alignment: 'center' }, l.topic || { text: '—', color: GREY }, l.homework || { text: '—', color: GREY },
  ]);
  if (rows.length === 0) rows.push([{ text: 'Уроков за выбранные даты нет', colSpan: 4, italics: true }, '', '', '']);
  return [
    { text: '', pageBreak: 'before' },
    pageTitle(data, 'Содержание уроков', lessons, spread, spreads),
    {
      table: { headerRows: 1, dontBreakRows: true, widths: [30, 24, '*', 190], body: [head, ...rows] },
      layout: { ...tableLayout, paddingTop: () => 2.5, paddingBottom: () => 2, fillColor: (row: number) => (row < 1 ? '#eeeeee' : null) },
      fontSize: 7.5,
    },
  ];
}

function pageTitle(data: JournalPages, side: string, lessons: JournalLesson[], spread: number, spreads: number): Content {
  const dates = lessons.length > 0 ? `${fullDate(lessons[0]!.date)} — ${fullDate(lessons.at(-1)!.date)}` : `${fullDate(data.from)} — ${fullDate(data.to)}`;
  return {
    columns: [
      { text: [{ text: `${data.groupName} · ${data.subjectName}`, bold: true, fontSize: 11 }, { text: `   ${side}`, fontSize: 9 }] },
      { text: `${dates}${spreads > 1 ? ` · разворот ${spread} из ${spreads}` : ''}`, alignment: 'right', fontSize: 8, width: 210, margin: [0, 2, 0, 0] },
    ],
    margin: [0, 0, 0, 5],
  };
}

/** The chain head as printed: the last entry's number and hash. */
export const chainHeadText = (head: JournalPages['chainHead']) => (head.hash ? `№ ${head.seq}, ${head.hash}` : 'записей ещё нет');

/**
 * The PDF: A4 portrait, the lessons in spreads of LESSONS_PER_SPREAD — a left page (students × lessons)
 * and a right page (the lessons' content), each table repeating its header rows when it runs over a
 * page — and the footer on every page.
 */
export function journalPagesPdf(data: JournalPages, options: { compress: boolean }) {
  // As few spreads as hold the lessons, filled evenly (23 lessons: 12 and 11, not 22 and 1).
  const chunks: JournalLesson[][] = [];
  const size = Math.ceil(data.lessons.length / Math.max(1, Math.ceil(data.lessons.length / LESSONS_PER_SPREAD)));
  for (let i = 0; i < data.lessons.length; i += size) chunks.push(data.lessons.slice(i, i + size));
  if (chunks.length === 0) chunks.push([]);
  const content: Content[] = [];
  chunks.forEach((lessons, i) => {
    if (i > 0) content.push({ text: '', pageBreak: 'before' });
    content.push(...leftPage(data, lessons, i + 1, chunks.length), ...rightPage(data, lessons, i + 1, chunks.length));
  });
  const line1 = `${data.schoolName} · Класс (группа): ${data.groupName} · Предмет: ${data.subjectName} · Учитель: ${data.teachers.join(', ') || '—'}`;
  const line2 = `Распечатано: ${data.printedBy ?? '—'}, ${data.printedAt} (время школы) · Журнал за ${fullDate(data.from)} — ${fullDate(data.to)}`;
  const doc: TDocumentDefinitions = {
    compress: options.compress,
    pageSize: 'A4',
    pageOrientation: 'portrait',
    pageMargins: [MARGIN, 26, MARGIN, 52],
    info: { title: `Журнал: ${data.groupName}, ${data.subjectName}, ${fullDate(data.from)} — ${fullDate(data.to)}`, ...(data.printedBy ? { author: data.printedBy } : {}), creator: 'Klassny' },
    content,
    footer: (page, pages) => ({
      stack: [
        { canvas: [{ type: 'line', x1: 0, y1: 0, x2: 595.28 - 2 * MARGIN, y2: 0, lineWidth: 0.4, lineColor: '#999999' }] },
        { columns: [{ text: line1, fontSize: 6.5 }, { text: `Страница ${page} из ${pages}`, fontSize: 7, bold: true, alignment: 'right', width: 90 }], margin: [0, 3, 0, 0] },
        { text: line2, fontSize: 6.5, color: GREY, margin: [0, 1, 0, 0] },
        { text: `Голова цепочки аудита школы на момент печати: ${chainHeadText(data.chainHead)}`, fontSize: 6, color: GREY, margin: [0, 1, 0, 0] },
      ],
      margin: [MARGIN, 8, MARGIN, 0],
    }),
  };
  return streamPdf(doc);
}

/** The journal pages as a PDF file: everything that can refuse is read before the first byte. */
