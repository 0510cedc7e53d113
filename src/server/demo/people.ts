import { fakerRU } from '@faker-js/faker';
import type { Gender } from '../../shared/contract/enums.ts';
import type { Rng } from './random.ts';

/** Faker's Russian people, seeded per school: surname, name and patronymic agree in gender. */
export const faker = fakerRU;

export type PersonName = { lastName: string; firstName: string; middleName: string; gender: Gender };

export function personName(gender: Gender): PersonName {
  return {
    lastName: faker.person.lastName(gender),
    firstName: faker.person.firstName(gender),
    middleName: faker.person.middleName(gender),
    gender,
  };
}

/** fakerRU's surnames end in -ов, -ев or -ин; their feminine forms add -а. */
export const femaleSurname = (male: string) => (/(ов|ев|ин)$/.test(male) ? `${male}а` : male);

const CONSONANT = /[бвгджзклмнпрстфхцчшщ]/;

/** The regular patronymic of a name: Иван → Иванович, Сергей → Сергеевич, Василий → Васильевич, Дмитрий → Дмитриевич. */
function patronymicOf(name: string): string | undefined {
  if (name.endsWith('ий')) {
    const stem = name.slice(0, -2);
    return CONSONANT.test(stem.at(-1) ?? '') && CONSONANT.test(stem.at(-2) ?? '') ? `${stem}иевич` : `${stem}ьевич`;
  }
  if (/[еая]й$/.test(name) || name.endsWith('ь')) return `${name.slice(0, -1)}евич`;
  if (/[жшчщц]$/.test(name)) return `${name}евич`;
  if (CONSONANT.test(name.at(-1) ?? '')) return `${name}ович`;
  return undefined;
}

/**
 * Fathers' names with their children's patronymics, where faker's own lists hold both (about 90
 * pairs), so that the father of Анна Ивановна is called Иван.
 */
const person = faker.rawDefinitions.person as { first_name?: { male?: string[] }; middle_name?: { male?: string[] } } | undefined;
const knownPatronymics = new Set(person?.middle_name?.male ?? []);
const FATHERS: readonly (readonly [name: string, patronymic: string])[] = (person?.first_name?.male ?? [])
  .map((name) => [name, patronymicOf(name)] as const)
  .filter((pair): pair is readonly [string, string] => pair[1] !== undefined && knownPatronymics.has(pair[1]));

/** A family: one surname, one father's name, so that siblings and parents fit together. */
export type Family = {
  maleSurname: string;
  fatherFirstName: string;
  /** The children's patronymics by gender. */
  patronymic: Record<Gender, string>;
  address: string;
};

export function newFamily(rng: Rng, city: string): Family {
  const maleSurname = faker.person.lastName('male');
  const [fatherFirstName, patronymic] = faker.helpers.arrayElement(FATHERS);
  return {
    maleSurname,
    fatherFirstName,
    // «Сергеевич» → «Сергеевна»: every patronymic in FATHERS ends in -ович or -евич.
    patronymic: { male: patronymic, female: patronymic.replace(/ич$/, 'на') },
    address: homeAddress(rng, city),
  };
}

export const surnameOf = (family: Family, gender: Gender) =>
  gender === 'male' ? family.maleSurname : femaleSurname(family.maleSurname);

export function childName(family: Family, gender: Gender): PersonName {
  return {
    lastName: surnameOf(family, gender),
    firstName: faker.person.firstName(gender),
    middleName: family.patronymic[gender],
    gender,
  };
}

export function fatherName(family: Family): PersonName {
  return {
    lastName: family.maleSurname,
    firstName: family.fatherFirstName,
    middleName: faker.person.middleName('male'),
    gender: 'male',
  };
}

export function motherName(family: Family): PersonName {
  return {
    lastName: femaleSurname(family.maleSurname),
    firstName: faker.person.firstName('female'),
    middleName: faker.person.middleName('female'),
    gender: 'female',
  };
}

export function homeAddress(rng: Rng, city: string): string {
  return `${city}, ${faker.location.street()}, д. ${rng.int(1, 120)}, кв. ${rng.int(1, 180)}`;
}

/** A Russian mobile number, e.g. «+7 913 245-67-89». */
export function mobilePhone(rng: Rng): string {
  const d = rng.digits(7);
  return `+7 9${rng.digits(2)} ${d.slice(0, 3)}-${d.slice(3, 5)}-${d.slice(5)}`;
}

/** A СНИЛС with a valid check number, formatted «123-456-789 01». */
export function snils(rng: Rng): string {
  const digits = `${rng.int(100, 998)}${rng.digits(6)}`;
  const sum = [...digits].reduce((s, d, i) => s + Number(d) * (9 - i), 0);
  const check = sum % 101 === 100 ? 0 : sum % 101;
  return `${digits.slice(0, 3)}-${digits.slice(3, 6)}-${digits.slice(6)} ${String(check).padStart(2, '0')}`;
}

const TRANSLIT: Record<string, string> = {
  а: 'a', б: 'b', в: 'v', г: 'g', д: 'd', е: 'e', ё: 'e', ж: 'zh', з: 'z', и: 'i', й: 'y', к: 'k', л: 'l', м: 'm',
  н: 'n', о: 'o', п: 'p', р: 'r', с: 's', т: 't', у: 'u', ф: 'f', х: 'kh', ц: 'ts', ч: 'ch', ш: 'sh', щ: 'shch',
  ъ: '', ы: 'y', ь: '', э: 'e', ю: 'yu', я: 'ya',
};
const latin = (s: string) => [...s.toLowerCase()].map((c) => TRANSLIT[c] ?? c).join('').replace(/[^a-z0-9]/g, '');

/** A plausible personal e-mail, e.g. «ivanova.m84@mail.example». */
export function email(rng: Rng, p: PersonName): string {
  return `${latin(p.lastName)}.${latin(p.firstName).slice(0, 1)}${rng.int(10, 99)}@${rng.pick(['mail', 'yandex', 'inbox', 'list'])}.example`;
}
