/**
 * Person rules shared by the server and the web: names, SNILS, phone numbers, plausible birth
 * dates. Pure functions, no I/O; dates are 'YYYY-MM-DD' strings and "today" is passed in.
 */

export type PersonNameParts = { lastName: string; firstName: string; middleName?: string | null };

// Letters of any script (with combining marks), words joined by one space, hyphen or apostrophe:
// «Салтыков-Щедрин», «Д'Артаньян», «Мария Луиза».
const PERSON_NAME_RE = /^[\p{L}\p{M}]+(?:[ '’ʼ-][\p{L}\p{M}]+)*$/u;

export const isPersonName = (value: string): boolean => PERSON_NAME_RE.test(value);

/** «Иванов Иван Иванович»; without a patronymic, «Смит Джон». */
export function fullName(p: PersonNameParts): string {
  return [p.lastName, p.firstName, p.middleName ?? ''].filter((part) => part !== '').join(' ');
}

const initial = (name: string) => `${Array.from(name)[0]!.toUpperCase()}.`;

/** «Иванов И. И.»; without a patronymic, «Смит Д.». */
export function shortName(p: PersonNameParts): string {
  const initials = [p.firstName, p.middleName ?? ''].filter((part) => part !== '').map(initial);
  return [p.lastName, ...initials].join(' ');
}

const SNILS_RE = /^(\d{3})-?(\d{3})-?(\d{3})[ -]?(\d{2})$/;
/** Numbers up to 001-001-998 were issued before the control sum was introduced. */
const SNILS_CHECKED_FROM = 1_001_998;

/**
 * The control sum of a SNILS number (its first nine digits): digits weighted 9…1 and summed;
 * under 100 the sum itself, 100 and 101 give 00, above that the remainder of division by 101
 * (and 00 again when that remainder is 100).
 */
export function snilsControlSum(nineDigits: string): string {
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += Number(nineDigits[i]) * (9 - i);
  const control = sum < 100 ? sum : sum % 101 === 100 ? 0 : sum % 101;
  return String(control).padStart(2, '0');
}

/** The SNILS in its official form «123-456-789 64», or null if the format or control sum is wrong. */
export function normaliseSnils(input: string): string | null {
  const m = SNILS_RE.exec(input.trim());
  if (!m) return null;
  const number = `${m[1]}${m[2]}${m[3]}`;
  if (Number(number) > SNILS_CHECKED_FROM && snilsControlSum(number) !== m[4]) return null;
  return `${m[1]}-${m[2]}-${m[3]} ${m[4]}`;
}

export const isValidSnils = (input: string): boolean => normaliseSnils(input) !== null;

/**
 * A Russian phone number as «+7XXXXXXXXXX»: accepts «+7 (912) 345-67-89», «8 912 345 67 89»,
 * «79123456789» and the ten digits alone; null for anything else.
 */
export function normalisePhone(input: string): string | null {
  const trimmed = input.trim();
  if (!/^\+?[\d\s()-]+$/.test(trimmed)) return null;
  const plus = trimmed.startsWith('+');
  const digits = trimmed.replace(/\D/g, '');
  if (plus) return digits.length === 11 && digits.startsWith('7') ? `+${digits}` : null;
  if (digits.length === 11 && (digits.startsWith('8') || digits.startsWith('7'))) return `+7${digits.slice(1)}`;
  if (digits.length === 10) return `+7${digits}`;
  return null;
}

const shiftYears = (date: string, years: number) =>
  `${String(Number(date.slice(0, 4)) - years).padStart(4, '0')}${date.slice(4)}`;

export const MIN_STUDENT_AGE = 3;
export const MAX_STUDENT_AGE = 80;

/** 'future' | 'too_young' | 'too_old' | null (plausible: from 3 to 80 years before today). */
export function birthDateProblem(birthDate: string, today: string): 'future' | 'too_young' | 'too_old' | null {
  if (birthDate > today) return 'future';
  if (birthDate > shiftYears(today, MIN_STUDENT_AGE)) return 'too_young';
  if (birthDate < shiftYears(today, MAX_STUDENT_AGE)) return 'too_old';
  return null;
}

/** Today's date in UTC, 'YYYY-MM-DD'. */
export const todayUtc = (now: Date = new Date()): string => now.toISOString().slice(0, 10);
