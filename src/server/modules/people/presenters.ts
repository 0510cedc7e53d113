import type { Gender, GuardianRelation, StaffPosition } from '../../../shared/contract/enums.ts';
import type { Guardian, LinkedGuardian, LinkedStudent, Staff, Student } from '../../../shared/contract/people.ts';
import { fullName, shortName } from '../../../shared/domain/person.ts';
import type { GuardianRow, StaffRow, StudentRow } from './queries.ts';

const names = (p: StaffRow | StudentRow | GuardianRow) => ({
  id: p.id,
  lastName: p.lastName,
  firstName: p.firstName,
  middleName: p.middleName,
  gender: p.gender as Gender,
  fullName: fullName(p),
  shortName: shortName(p),
});

export const presentStaff = (s: StaffRow): Staff => ({
  ...names(s),
  position: s.position as StaffPosition,
  email: s.email,
  phone: s.phone,
  hiredOn: s.hiredOn,
  dismissedOn: s.dismissedOn,
});

export const presentStudent = (s: StudentRow): Student => ({
  ...names(s),
  birthDate: s.birthDate,
  snils: s.snils,
  address: s.address,
  phone: s.phone,
  email: s.email,
});

export const presentGuardian = (g: GuardianRow): Guardian => ({
  ...names(g),
  phone: g.phone,
  email: g.email,
  address: g.address,
});

export const presentLinkedGuardian = (g: GuardianRow & { relation: string }): LinkedGuardian => ({
  ...presentGuardian(g),
  relation: g.relation as GuardianRelation,
});

export const presentLinkedStudent = (s: StudentRow & { relation: string }): LinkedStudent => ({
  ...presentStudent(s),
  relation: s.relation as GuardianRelation,
});
