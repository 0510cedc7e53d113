import { requestContext } from './requestContext.ts';

/** Hands the reason of a correction to the audit log's triggers (they read it from the request context). */
export function auditReason(reason: string | undefined): void {
  const store = requestContext.getStore();
  if (store && reason) store.reason = reason;
}
