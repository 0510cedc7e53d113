/**
 * The serializer of the hottest reads (the journal page): `JSON.stringify` instead of passing the
 * response through its Zod schema, which costs ~2.5 ms of a page's ~10 on a 2-core machine. Only
 * for a handler that builds every field itself (presenters, no spread database rows); its tests
 * check the body against the schema, so nothing beyond the contract goes out.
 */
export const plainJson = () => (data: unknown) => JSON.stringify(data);
