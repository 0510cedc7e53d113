import { v7 } from 'uuid';

/** Row ids are UUIDv7: time-ordered for indexes, unguessable for URLs (ARCHITECTURE.md). */
export const newId = (): string => v7();
