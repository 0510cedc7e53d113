/**
 * `npm run bench:demo-results`: the demo school's first-quarter results as the reports compute them
 * (`periodResults`), per class and for the school: % успеваемости, % качества, отличники, «н/а».
 * Built in memory (no database). DEMO_SCHOOLS (default 2: the first-start demo) schools of seed 1;
 * the general schools among them are measured. Results: bench/README.md («Demo district»).
 */
import { buildDistrictSchool } from '../src/server/demo/district.ts';
import { demoPeriodResults } from '../src/server/demo/figures.ts';
import type { ResultsFigures } from '../src/shared/domain/results.ts';

const schools = Number(process.env.DEMO_SCHOOLS || 2);
const pct = (n: number | null) => (n === null ? '—' : `${n.toFixed(0)} %`);
const line = (f: ResultsFigures) => {
  const share = (n: number) => `${((n / f.assessed) * 100).toFixed(1)} %`;
  return `успеваемость ${pct(f.progressPercent)}, качество ${pct(f.qualityPercent)}, отличники ${f.excellent} (${share(f.excellent)}), `
    + `неуспевающие ${f.failing}, н/а ${f.notAssessed} (${share(f.notAssessed)}), учащихся ${f.assessed}`;
};
const range = (xs: number[], fmt: (x: number) => string) => `${fmt(Math.min(...xs))}–${fmt(Math.max(...xs))}`;

for (let i = 0; i < schools; i++) {
  const rows = buildDistrictSchool(1, schools, i);
  if (rows.schools[0]!.kind !== 'general') continue;
  const { classes, school } = demoPeriodResults(rows);
  console.log(`${rows.schools[0]!.shortName}, 1 четверть`);
  if (schools <= 2) for (const c of classes) console.log(`  ${c.name.padEnd(4)} ${line(c.figures)}`);
  const f = classes.map((c) => c.figures);
  console.log(`  классы: успеваемость ${range(f.map((x) => x.progressPercent!), (x) => x.toFixed(0))} %, `
    + `качество ${range(f.map((x) => x.qualityPercent!), (x) => x.toFixed(0))} %, `
    + `отличники ${range(f.map((x) => (x.excellent / x.assessed) * 100), (x) => x.toFixed(0))} %, `
    + `н/а ${range(f.map((x) => (x.notAssessed / x.assessed) * 100), (x) => x.toFixed(0))} %`);
  console.log(`  школа: ${line(school)}`);
}
