// The text an audit entry's hash covers, written the way the database function
// `klassny_audit_hash` (migration 0001_audit_log.sql) writes it, so an exported log can be checked
// with no database: prev_hash | seq | jsonb_build_array(school_id, id, at, actor_user_id,
// actor_roles, address, entity, entity_id, operation, before, after, reason)::text.
// jsonb prints an array as `[a, b]` and escapes strings as JSON.stringify does; `before` and
// `after` are taken as the jsonb text the database printed (numbers keep their exact digits).

/** One entry as the year archive exports it; `before`/`after` are jsonb text, or null. */
export type AuditEntryText = {
  prevHash: string;
  seq: number;
  schoolId: string;
  id: string;
  /** UTC with microseconds: `2026-09-01T08:15:00.123456Z`. */
  at: string;
  actorUserId: string | null;
  actorRoles: string | null;
  address: string | null;
  entity: string;
  entityId: string | null;
  operation: string;
  before: string | null;
  after: string | null;
  reason: string | null;
};

const scalar = (value: string | null) => (value === null ? 'null' : JSON.stringify(value));

/** The exact text `klassny_audit_hash` feeds to SHA-256 (UTF-8). */
export function auditHashInput(e: AuditEntryText): string {
  const items = [
    scalar(e.schoolId), scalar(e.id), scalar(e.at), scalar(e.actorUserId), scalar(e.actorRoles), scalar(e.address),
    scalar(e.entity), scalar(e.entityId), scalar(e.operation), e.before ?? 'null', e.after ?? 'null', scalar(e.reason),
  ];
  return `${e.prevHash}|${e.seq}|[${items.join(', ')}]`;
}

/**
 * The raw text of each top-level member of a JSON object line (`{"a": 1.50, "b": {…}}` →
 * a: `1.50`, b: `{…}`), so a value's exact digits and spacing reach the hash; null when the line
 * is not one JSON object.
 */
export function jsonMembersRaw(line: string): Map<string, string> | null {
  let i = 0;
  const space = () => { while (i < line.length && ' \t\r\n'.includes(line[i]!)) i++; };
  const string = (): boolean => {
    if (line[i] !== '"') return false;
    for (i++; i < line.length; i++) {
      if (line[i] === '\\') i++;
      else if (line[i] === '"') { i++; return true; }
    }
    return false;
  };
  const value = (): boolean => {
    space();
    const c = line[i];
    if (c === '"') return string();
    if (c === '{' || c === '[') {
      const close = c === '{' ? '}' : ']';
      i++;
      space();
      if (line[i] === close) { i++; return true; }
      for (;;) {
        if (c === '{') {
          space();
          if (!string()) return false;
          space();
          if (line[i++] !== ':') return false;
        }
        if (!value()) return false;
        space();
        if (line[i] === ',') { i++; continue; }
        if (line[i] === close) { i++; return true; }
        return false;
      }
    }
    const start = i;
    while (i < line.length && /[-+.\w]/.test(line[i]!)) i++;
    return i > start;
  };
  const members = new Map<string, string>();
  space();
  if (line[i++] !== '{') return null;
  space();
  if (line[i] === '}') return members;
  for (;;) {
    space();
    const keyStart = i;
    if (!string()) return null;
    let key: string;
    try { key = JSON.parse(line.slice(keyStart, i)) as string; } catch { return null; }
    space();
    if (line[i++] !== ':') return null;
    space();
    const valueStart = i;
    if (!value()) return null;
    members.set(key, line.slice(valueStart, i));
    space();
    if (line[i] === ',') { i++; continue; }
    if (line[i] === '}') { i++; space(); return i === line.length ? members : null; }
    return null;
  }
}
