import { describe, expect, it } from 'vitest';
import {
  birthDateProblem, fullName, isPersonName, isValidSnils, normalisePhone, normaliseSnils, shortName, snilsControlSum, todayUtc,
} from './person.ts';

describe('names', () => {
  it('accepts letters of any script joined by a space, hyphen or apostrophe', () => {
    for (const name of ['Иванов', 'Салтыков-Щедрин', "Д'Артаньян", 'О’Нил', 'Мария Луиза', 'Ёлкин', 'Müller', 'Ωμέγα', 'Әлиев']) {
      expect(isPersonName(name), name).toBe(true);
    }
  });

  it('refuses digits, punctuation, doubled or dangling separators and blanks', () => {
    for (const name of ['', ' ', 'Иванов2', 'Иванов!', 'Анна--Мария', 'Анна  Мария', '-Иван', "Иван'", 'Иван.', '<script>']) {
      expect(isPersonName(name), name).toBe(false);
    }
  });

  it('writes the full name as «Фамилия Имя Отчество» and leaves out a missing patronymic', () => {
    expect(fullName({ lastName: 'Иванов', firstName: 'Иван', middleName: 'Иванович' })).toBe('Иванов Иван Иванович');
    expect(fullName({ lastName: 'Смит', firstName: 'Джон', middleName: '' })).toBe('Смит Джон');
    expect(fullName({ lastName: 'Смит', firstName: 'Джон' })).toBe('Смит Джон');
  });

  it('writes the short name with initials and no middle initial when there is no patronymic', () => {
    expect(shortName({ lastName: 'Иванов', firstName: 'Иван', middleName: 'Иванович' })).toBe('Иванов И. И.');
    expect(shortName({ lastName: 'Смит', firstName: 'Джон', middleName: '' })).toBe('Смит Д.');
    expect(shortName({ lastName: 'Салтыков-Щедрин', firstName: 'михаил', middleName: null })).toBe('Салтыков-Щедрин М.');
    expect(shortName({ lastName: 'Ёлкина', firstName: 'Ёлка', middleName: 'Ёловна' })).toBe('Ёлкина Ё. Ё.');
  });
});

describe('SNILS', () => {
  it('computes the control sum by the official rule, including the 100 and 101 cases', () => {
    expect(snilsControlSum('112233445')).toBe('95');
    expect(snilsControlSum('000000001')).toBe('01');
    // 9+8+7+6+5+4+3+2+1 = 45 for ones; sums of exactly 100, 101 and above 101:
    expect(snilsControlSum('100000011')).toBe('12');
    expect(snilsControlSum('900000091')).toBe('00'); // 81 + 18 + 1 = 100
    expect(snilsControlSum('900000092')).toBe('00'); // 81 + 18 + 2 = 101
    expect(snilsControlSum('900000093')).toBe('01'); // 102 mod 101
    expect(snilsControlSum('999999999')).toBe(String(405 % 101).padStart(2, '0'));
  });

  it('accepts a valid number and writes it in the official form', () => {
    expect(normaliseSnils('112-233-445 95')).toBe('112-233-445 95');
    expect(normaliseSnils('11223344595')).toBe('112-233-445 95');
    expect(normaliseSnils(' 112-233-445-95 ')).toBe('112-233-445 95');
    expect(isValidSnils('900-000-093 01')).toBe(true);
  });

  it('refuses a wrong control sum, a wrong length and letters', () => {
    expect(normaliseSnils('112-233-445 96')).toBeNull();
    expect(normaliseSnils('112-233-445 9')).toBeNull();
    expect(normaliseSnils('112-233-4455 95')).toBeNull();
    expect(normaliseSnils('112-233-44a 95')).toBeNull();
    expect(isValidSnils('')).toBe(false);
  });

  it('does not check the control sum of the early numbers up to 001-001-998', () => {
    expect(isValidSnils('001-001-998 00')).toBe(true);
    expect(isValidSnils('001-001-999 00')).toBe(false);
  });
});

describe('phone numbers', () => {
  it('normalises the usual ways of writing a Russian number to +7XXXXXXXXXX', () => {
    for (const input of ['+79123456789', '+7 (912) 345-67-89', '8 912 345 67 89', '89123456789', '79123456789', '9123456789', '8(912)3456789']) {
      expect(normalisePhone(input), input).toBe('+79123456789');
    }
    expect(normalisePhone('8 (3852) 12-34-56')).toBe('+73852123456');
  });

  it('refuses foreign codes, wrong lengths, letters and empty input', () => {
    for (const input of ['+1 912 345 67 89', '+8 912 345 67 89', '912345678', '891234567890', '8-912-ABC-67-89', '', '+', 'тел. 89123456789']) {
      expect(normalisePhone(input), input).toBeNull();
    }
  });
});

describe('birth dates', () => {
  const today = '2025-09-01';
  it('accepts a birth date from 3 to 80 years before today, bounds included', () => {
    expect(birthDateProblem('2022-09-01', today)).toBeNull();
    expect(birthDateProblem('1945-09-01', today)).toBeNull();
    expect(birthDateProblem('2012-05-17', today)).toBeNull();
  });

  it('names the problem of a future, too recent or too old date', () => {
    expect(birthDateProblem('2025-09-02', today)).toBe('future');
    expect(birthDateProblem('2022-09-02', today)).toBe('too_young');
    expect(birthDateProblem('1945-08-31', today)).toBe('too_old');
  });

  it('takes today in UTC', () => {
    expect(todayUtc(new Date('2025-03-01T23:30:00-05:00'))).toBe('2025-03-02');
  });
});
