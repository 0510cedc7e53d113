/**
 * A fact handed over by a caller must be about the object and the actor being checked: anything
 * else is a bug in the caller, never a reason to allow.
 */
export function checkFact<F extends { readonly staffIds: readonly string[] }>(fact: F, about: Partial<Omit<F, 'staffIds'>> & { staffIds: readonly string[] }): F {
  const { staffIds, ...keys } = about;
  // Ids as the database writes them (lower case), whatever case a request used.
  const same = (a: unknown, b: unknown) => String(a).toLowerCase() === String(b).toLowerCase();
  const sameStaff = fact.staffIds.length === staffIds.length && staffIds.every((id) => fact.staffIds.some((f) => same(f, id)));
  const sameObject = Object.entries(keys).every(([key, value]) => same((fact as Record<string, unknown>)[key], value));
  if (!sameStaff || !sameObject) throw new Error(`policy: a fact about another object or actor (${JSON.stringify(fact)})`);
  return fact;
}
