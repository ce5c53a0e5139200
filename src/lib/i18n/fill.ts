/** Fills `{name}` placeholders of an interface string: fill('Showing {n} of {total}', { n: 3, total: 9 }). */
export function fill(template: string, values: Readonly<Record<string, string | number>>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in values ? String(values[name]) : whole
  );
}
