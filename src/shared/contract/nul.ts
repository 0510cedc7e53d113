/**
 * PostgreSQL text and jsonb cannot hold U+0000, and no person types it: a NUL anywhere in a request
 * is refused as a bad field before any schema or query sees it (issue 16: it used to reach the
 * database and come back as a 500).
 */
export const NUL_MESSAGE = 'Недопустимый символ (NUL, \\u0000)';

/**
 * The dotted path of the first string (value or object key) holding U+0000, or null. Walks with its
 * own stack, so a deeply nested body cannot overflow the call stack.
 */
export function nulPath(value: unknown): string | null {
  const stack: { value: unknown; path: string }[] = [{ value, path: '' }];
  const join = (path: string, key: string) => (path === '' ? key : `${path}.${key}`);
  for (let item = stack.pop(); item; item = stack.pop()) {
    const v = item.value;
    if (typeof v === 'string') {
      if (v.includes('\u0000')) return item.path === '' ? '_' : item.path;
    } else if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--) stack.push({ value: v[i], path: join(item.path, String(i)) });
    } else if (v !== null && typeof v === 'object') {
      const entries = Object.entries(v as Record<string, unknown>);
      for (let i = entries.length - 1; i >= 0; i--) {
        const [key, child] = entries[i]!;
        if (key.includes('\u0000')) return join(item.path, key.replaceAll('\u0000', '\\u0000'));
        stack.push({ value: child, path: join(item.path, key) });
      }
    }
  }
  return null;
}
