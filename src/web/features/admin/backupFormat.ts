/** Bytes as a person reads them: 1 decimal, binary units (1 КБ = 1024 Б). Pure. */
export function sizeParts(bytes: number): { value: number; unit: 'B' | 'KB' | 'MB' | 'GB' | 'TB' } {
  const units = ['B', 'KB', 'MB', 'GB', 'TB'] as const;
  let value = bytes;
  let index = 0;
  while (value >= 1024 && index < units.length - 1) {
    value /= 1024;
    index++;
  }
  return { value: index === 0 ? value : Math.round(value * 10) / 10, unit: units[index]! };
}
