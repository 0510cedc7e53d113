/**
 * The general school's curriculum (учебный план) for a 5-day week, after the federal programmes
 * (ФОП НОО, ООО, СОО, 2023) built on ФГОС: weekly hours per subject and grade.
 */

/** Who teaches a subject: the primary class teacher, or a subject teacher of one profile. */
export type Profile =
  | 'primary' | 'russian' | 'maths' | 'foreign' | 'physicsIt' | 'history' | 'chemBio' | 'geography' | 'arts' | 'pe';

export type CurriculumSubject = {
  name: string;
  shortName: string;
  profile: Profile;
  /** In grades 1–4 the class teacher takes it unless it is a specialist's subject. */
  primaryByClassTeacher: boolean;
  /** Grades from which the class is split into two subgroups for it. */
  splitFrom?: number;
  /** Weekly hours by grade 1…11; 0 = not taught. */
  hours: readonly number[];
};

//                               grade: 1  2  3  4  5  6  7  8  9 10 11
export const GENERAL_CURRICULUM: readonly CurriculumSubject[] = [
  { name: 'Русский язык', shortName: 'Рус. яз.', profile: 'russian', primaryByClassTeacher: true, hours: [5, 5, 5, 5, 5, 6, 4, 3, 3, 2, 2] },
  { name: 'Литературное чтение', shortName: 'Лит. чт.', profile: 'russian', primaryByClassTeacher: true, hours: [4, 4, 4, 3, 0, 0, 0, 0, 0, 0, 0] },
  { name: 'Литература', shortName: 'Лит.', profile: 'russian', primaryByClassTeacher: false, hours: [0, 0, 0, 0, 3, 3, 2, 2, 3, 3, 3] },
  { name: 'Иностранный язык (английский)', shortName: 'Англ. яз.', profile: 'foreign', primaryByClassTeacher: false, splitFrom: 2, hours: [0, 2, 2, 2, 3, 3, 3, 3, 3, 3, 3] },
  { name: 'Математика', shortName: 'Мат.', profile: 'maths', primaryByClassTeacher: true, hours: [4, 4, 4, 4, 5, 5, 0, 0, 0, 0, 0] },
  { name: 'Алгебра', shortName: 'Алг.', profile: 'maths', primaryByClassTeacher: false, hours: [0, 0, 0, 0, 0, 0, 3, 3, 3, 3, 3] },
  { name: 'Геометрия', shortName: 'Геом.', profile: 'maths', primaryByClassTeacher: false, hours: [0, 0, 0, 0, 0, 0, 2, 2, 2, 2, 2] },
  { name: 'Вероятность и статистика', shortName: 'Вер. и стат.', profile: 'maths', primaryByClassTeacher: false, hours: [0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1] },
  { name: 'Информатика', shortName: 'Инф.', profile: 'physicsIt', primaryByClassTeacher: false, splitFrom: 7, hours: [0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1] },
  { name: 'Окружающий мир', shortName: 'Окр. мир', profile: 'geography', primaryByClassTeacher: true, hours: [2, 2, 2, 2, 0, 0, 0, 0, 0, 0, 0] },
  { name: 'Основы религиозных культур и светской этики', shortName: 'ОРКСЭ', profile: 'history', primaryByClassTeacher: true, hours: [0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0] },
  { name: 'История', shortName: 'Ист.', profile: 'history', primaryByClassTeacher: false, hours: [0, 0, 0, 0, 2, 2, 2, 2, 2, 2, 2] },
  { name: 'Обществознание', shortName: 'Общ.', profile: 'history', primaryByClassTeacher: false, hours: [0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2] },
  { name: 'География', shortName: 'Геогр.', profile: 'geography', primaryByClassTeacher: false, hours: [0, 0, 0, 0, 1, 1, 2, 2, 2, 1, 1] },
  { name: 'Биология', shortName: 'Биол.', profile: 'chemBio', primaryByClassTeacher: false, hours: [0, 0, 0, 0, 1, 1, 1, 2, 2, 1, 1] },
  { name: 'Физика', shortName: 'Физ.', profile: 'physicsIt', primaryByClassTeacher: false, hours: [0, 0, 0, 0, 0, 0, 2, 2, 3, 2, 2] },
  { name: 'Химия', shortName: 'Хим.', profile: 'chemBio', primaryByClassTeacher: false, hours: [0, 0, 0, 0, 0, 0, 0, 2, 2, 1, 1] },
  { name: 'Изобразительное искусство', shortName: 'ИЗО', profile: 'arts', primaryByClassTeacher: true, hours: [1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0] },
  { name: 'Музыка', shortName: 'Муз.', profile: 'arts', primaryByClassTeacher: true, hours: [1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0] },
  { name: 'Труд (технология)', shortName: 'Труд', profile: 'arts', primaryByClassTeacher: true, hours: [1, 1, 1, 1, 2, 2, 2, 1, 1, 0, 0] },
  { name: 'Основы безопасности и защиты Родины', shortName: 'ОБЗР', profile: 'geography', primaryByClassTeacher: false, hours: [0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1] },
  { name: 'Физическая культура', shortName: 'Физ-ра', profile: 'pe', primaryByClassTeacher: false, hours: [2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2] },
];

export const hoursIn = (subject: CurriculumSubject, grade: number) => subject.hours[grade - 1] ?? 0;

/** Who teaches a subject in a grade: in grades 1–4 the class teacher, unless a specialist. */
export const profileIn = (subject: CurriculumSubject, grade: number): Profile =>
  grade <= 4 && subject.primaryByClassTeacher ? 'primary' : subject.profile;

/** Extracurricular and additional-education groups (seed 004, 2: they are in the journal too). */
export const EXTRA_ACTIVITIES = [
  { name: 'Робототехника', shortName: 'Робот.', kind: 'additional', profile: 'physicsIt', grades: [5, 8], hours: 2 },
  { name: 'Школьный хор', shortName: 'Хор', kind: 'extracurricular', profile: 'arts', grades: [2, 7], hours: 2 },
  { name: 'Шахматы', shortName: 'Шахм.', kind: 'extracurricular', profile: 'pe', grades: [1, 4], hours: 1 },
  { name: 'Юный журналист', shortName: 'Журн.', kind: 'additional', profile: 'russian', grades: [6, 10], hours: 2 },
] as const;
