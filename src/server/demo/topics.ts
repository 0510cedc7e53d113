/**
 * Lesson topics, work types and homework of the demo journal: a short believable list per
 * subject family, cycled through the year, and a few homework templates per family.
 */
import type { Rng } from './random.ts';

export type Family =
  | 'russian' | 'reading' | 'literature' | 'foreign' | 'maths' | 'algebra' | 'geometry' | 'stats' | 'informatics'
  | 'physics' | 'chemistry' | 'biology' | 'world' | 'history' | 'social' | 'geography' | 'arts' | 'technology'
  | 'pe' | 'safety' | 'ethics' | 'activity' | 'professional';

const FAMILIES: readonly [RegExp, Family][] = [
  [/^Русский язык/, 'russian'],
  [/^Литературное чтение/, 'reading'],
  [/^Литература/, 'literature'],
  [/^Иностранный язык/, 'foreign'],
  [/^Математика|^Элементы высшей математики/, 'maths'],
  [/^Алгебра/, 'algebra'],
  [/^Геометрия/, 'geometry'],
  [/^Вероятность/, 'stats'],
  [/^Информатика|^Информационн/, 'informatics'],
  [/^Физика/, 'physics'],
  [/^Химия/, 'chemistry'],
  [/^Биология|^Экологическ/, 'biology'],
  [/^Окружающий мир/, 'world'],
  [/^История|^Основы философии/, 'history'],
  [/^Обществознание|^Психология/, 'social'],
  [/^География/, 'geography'],
  [/^Изобразительное|^Музыка/, 'arts'],
  [/^Труд/, 'technology'],
  [/^Физическая культура/, 'pe'],
  [/^Основы безопасности/, 'safety'],
  [/^Основы религиозных/, 'ethics'],
  [/^Робототехника|^Школьный хор|^Шахматы|^Юный журналист/, 'activity'],
];

export const familyOf = (subjectName: string): Family => FAMILIES.find(([re]) => re.test(subjectName))?.[1] ?? 'professional';

const TOPICS: Record<Family, readonly string[]> = {
  russian: ['Повторение изученного', 'Фонетика и орфоэпия', 'Состав слова', 'Правописание корней', 'Имя существительное',
    'Имя прилагательное', 'Глагол', 'Правописание приставок', 'Словосочетание', 'Простое предложение', 'Знаки препинания', 'Развитие речи: изложение'],
  reading: ['Устное народное творчество', 'Сказки народов России', 'Басни И. А. Крылова', 'Стихи А. С. Пушкина', 'Рассказы Л. Н. Толстого',
    'Произведения о природе', 'Произведения о детях', 'Внеклассное чтение'],
  literature: ['Фольклор и литература', 'Басня как жанр', 'А. С. Пушкин. Лирика', 'М. Ю. Лермонтов. Стихотворения', 'Н. В. Гоголь. Повести',
    'И. С. Тургенев. Рассказы', 'Л. Н. Толстой', 'А. П. Чехов. Рассказы', 'Поэзия XX века', 'Сочинение по прочитанному'],
  foreign: ['Meeting people', 'My family', 'School life', 'Free time', 'Food and drinks', 'Travelling', 'The world around us',
    'Present Simple и Present Continuous', 'Past Simple', 'Степени сравнения прилагательных'],
  maths: ['Натуральные числа', 'Сложение и вычитание', 'Умножение и деление', 'Уравнения', 'Обыкновенные дроби', 'Десятичные дроби',
    'Проценты', 'Решение текстовых задач', 'Площадь и периметр', 'Повторение изученного'],
  algebra: ['Выражения и их преобразования', 'Линейные уравнения', 'Функция и её график', 'Степень с натуральным показателем',
    'Многочлены', 'Формулы сокращённого умножения', 'Системы уравнений', 'Квадратные корни', 'Квадратные уравнения', 'Неравенства'],
  geometry: ['Начальные геометрические сведения', 'Треугольники', 'Признаки равенства треугольников', 'Параллельные прямые',
    'Четырёхугольники', 'Площади фигур', 'Подобные треугольники', 'Окружность'],
  stats: ['Представление данных', 'Описательная статистика', 'Случайные события', 'Вероятность события', 'Комбинаторика'],
  informatics: ['Информация и информационные процессы', 'Системы счисления', 'Алгоритмы и исполнители', 'Программирование: ветвления',
    'Программирование: циклы', 'Электронные таблицы', 'Компьютерные сети'],
  physics: ['Физические величины и измерения', 'Строение вещества', 'Механическое движение', 'Масса и плотность', 'Силы в природе',
    'Давление', 'Работа и мощность', 'Тепловые явления', 'Электрический ток'],
  chemistry: ['Предмет химии', 'Атомы и молекулы', 'Химические формулы', 'Валентность', 'Химические реакции', 'Кислород и водород',
    'Растворы', 'Основные классы неорганических соединений'],
  biology: ['Биология — наука о живой природе', 'Клетка', 'Ткани', 'Органы и системы органов', 'Растения', 'Животные',
    'Экосистемы', 'Человек и окружающая среда'],
  world: ['Природа и человек', 'Наша Родина — Россия', 'Растения и животные', 'Вода и воздух', 'Времена года', 'Здоровье человека',
    'Безопасность в быту', 'Родной край'],
  history: ['Древний мир', 'Древний Египет', 'Древняя Греция', 'Древний Рим', 'Русь в IX–XII веках', 'Раздробленность Руси',
    'Московское государство', 'Россия в XVII веке', 'Эпоха Петра I', 'Российская империя в XIX веке'],
  social: ['Человек и общество', 'Личность и социальная среда', 'Семья и семейные отношения', 'Экономика и её роль',
    'Право и правоотношения', 'Политика и власть', 'Гражданин и государство'],
  geography: ['Земля во Вселенной', 'План и карта', 'Литосфера', 'Гидросфера', 'Атмосфера и климат', 'Природные зоны',
    'Население мира', 'География России'],
  arts: ['Мир вокруг нас', 'Цвет и настроение', 'Народные промыслы', 'Музыкальный образ', 'Жанры музыки', 'Искусство родного края'],
  technology: ['Технологии вокруг нас', 'Материалы и их свойства', 'Работа с бумагой', 'Обработка древесины', 'Проектная работа',
    'Основы черчения'],
  pe: ['Лёгкая атлетика: бег', 'Прыжки в длину', 'Метание мяча', 'Волейбол', 'Баскетбол', 'Гимнастика', 'Подвижные игры',
    'Общая физическая подготовка'],
  safety: ['Безопасность в быту', 'Пожарная безопасность', 'Безопасность на дорогах', 'Первая помощь', 'Чрезвычайные ситуации',
    'Основы обороны государства'],
  ethics: ['Россия — наша Родина', 'Культура и мораль', 'Добро и зло', 'Долг и совесть', 'Семья и семейные ценности', 'Праздники народов России'],
  activity: ['Вводное занятие', 'Основы', 'Практическое занятие', 'Подготовка к выступлению', 'Творческая работа', 'Итоговое занятие'],
  professional: ['Введение в дисциплину', 'Основные понятия и определения', 'Нормативная документация', 'Практическое занятие',
    'Технологический процесс', 'Оборудование и инструменты', 'Охрана труда', 'Лабораторное занятие', 'Расчётная работа', 'Обобщение темы'],
};

/** Work types by name, as the school's defaults call them. */
export type WorkTypeName =
  | 'Ответ на уроке' | 'Самостоятельная работа' | 'Контрольная работа' | 'Проверочная работа' | 'Домашняя работа'
  | 'Диктант' | 'Лабораторная работа' | 'Зачёт';

const SCIENCE = new Set<Family>(['physics', 'chemistry', 'biology', 'informatics']);
const LIGHT = new Set<Family>(['arts', 'technology', 'pe', 'activity', 'ethics']);

/** A control work every few weeks: fewer lessons apart for a subject with few hours. */
export const controlEvery = (hours: number) => Math.min(15, Math.max(6, hours * 3 + 3));

export type LessonKind = 'regular' | 'written' | 'control';

/** What is done in the `index`-th lesson of a group's subject (0-based). */
export function lessonKind(family: Family, hours: number, index: number): LessonKind {
  if (family === 'activity' || family === 'ethics') return 'regular';
  const every = controlEvery(hours);
  if (index % every === every - 1) return LIGHT.has(family) && family !== 'pe' ? 'written' : 'control';
  if (!LIGHT.has(family) && index % 7 === 3) return 'written';
  return 'regular';
}

export function workTypeOf(family: Family, kind: LessonKind, index: number): WorkTypeName {
  if (kind === 'control') {
    if (family === 'pe') return 'Зачёт';
    if (family === 'russian' && index % 2 === 0) return 'Диктант';
    return 'Контрольная работа';
  }
  if (kind === 'written') {
    if (SCIENCE.has(family) && index % 2 === 0) return 'Лабораторная работа';
    return index % 3 === 0 ? 'Проверочная работа' : 'Самостоятельная работа';
  }
  return 'Ответ на уроке';
}

/** The topic of the `index`-th lesson: a subject with many hours spends two lessons on a topic. */
export function topicOf(family: Family, hours: number, index: number, kind: LessonKind, workType: WorkTypeName): string {
  const list = TOPICS[family];
  const n = Math.floor(index / (hours >= 3 ? 2 : 1));
  const topic = family === 'professional' ? `Тема ${1 + Math.floor(n / list.length)}.${1 + (n % list.length)}. ${list[n % list.length]}` : list[n % list.length]!;
  if (kind === 'control') {
    if (workType === 'Диктант') return `Контрольный диктант по теме «${topic}»`;
    if (workType === 'Зачёт') return `Сдача нормативов: ${topic.toLowerCase()}`;
    return `Контрольная работа по теме «${topic}»`;
  }
  if (workType === 'Лабораторная работа') return `Лабораторная работа № ${1 + Math.floor(index / 10)}. ${topic}`;
  if (kind === 'written') return `${topic}. ${workType}`;
  return index === 0 ? `Вводный урок. ${topic}` : topic;
}

/** How likely a lesson of the family gets homework. */
export const homeworkChance = (family: Family) => (family === 'pe' || family === 'activity' ? 0 : LIGHT.has(family) ? 0.25 : 0.9);

export type HomeworkText = { text: string; pages: string; tasks: string; minutes: number };

/** Homework of the `index`-th lesson: pages move on through the textbook as the year goes. */
export function homeworkOf(family: Family, index: number, grade: number, rng: Rng): HomeworkText {
  const page = 6 + index * 3 + rng.int(0, 2);
  const n = 10 + index * 4 + rng.int(0, 3);
  const minutes = Math.min(60, 10 + grade * 3 + rng.int(0, 10));
  const paragraph = 1 + Math.floor(index / 2);
  switch (family) {
    case 'russian':
      return { text: 'Выполнить упражнение, выучить правило', pages: `с. ${page}`, tasks: `упр. ${n}`, minutes };
    case 'reading':
    case 'literature':
      return { text: 'Прочитать, ответить на вопросы', pages: `с. ${page}–${page + 8}`, tasks: 'вопросы 1–4', minutes: minutes + 10 };
    case 'foreign':
      return { text: 'Workbook: выполнить упражнения, выучить слова', pages: `с. ${page}`, tasks: `ex. ${1 + (index % 6)}, ${2 + (index % 6)}`, minutes };
    case 'maths':
    case 'algebra':
    case 'geometry':
    case 'stats':
      return { text: 'Решить задачи', pages: `с. ${page}`, tasks: `№ ${n}, ${n + 2}, ${n + 5}`, minutes };
    case 'physics':
    case 'chemistry':
      return { text: `§ ${paragraph}, решить задачи`, pages: `с. ${page}–${page + 3}`, tasks: `упр. ${1 + (index % 9)} (1–3)`, minutes };
    case 'professional':
      return { text: 'Конспект, ответить на контрольные вопросы', pages: '', tasks: `вопросы к теме ${1 + Math.floor(index / 10)}.${1 + (index % 10)}`, minutes: minutes + 10 };
    case 'arts':
    case 'technology':
    case 'ethics':
      return { text: 'Подготовить материалы к следующему уроку', pages: '', tasks: '', minutes: 15 };
    default:
      return { text: `§ ${paragraph}, ответить на вопросы после параграфа`, pages: `с. ${page}–${page + 4}`, tasks: 'вопросы 1–3', minutes };
  }
}

/** Subjects graded «зачёт» without marks (ОРКСЭ) and groups that are not graded at all. */
export const ungraded = (family: Family) => family === 'ethics' || family === 'activity';
