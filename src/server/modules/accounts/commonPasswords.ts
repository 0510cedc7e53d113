import { dictionary } from '@zxcvbn-ts/language-common';

/**
 * The 10,000 most common passwords (issue 4), lower-cased: the head of the ranked
 * `passwords-common` list that zxcvbn-ts ships (compressed in the package, unpacked on import).
 */
export const COMMON_PASSWORD_COUNT = 10_000;

let common: Set<string> | undefined;

export function isCommonPassword(password: string): boolean {
  common ??= new Set(dictionary['passwords-common'].slice(0, COMMON_PASSWORD_COUNT).map((p) => p.toLowerCase()));
  return common.has(password.toLowerCase());
}
