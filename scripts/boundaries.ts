// The import-boundary check of `npm run lint` (ARCHITECTURE.md, "Layout: rooms and arrows"): the
// rules of .dependency-cruiser.cjs, plus what dependency-cruiser cannot say per file: no cycle
// between rooms. A room is a module (`src/server/modules/<name>/`, sub-rooms included), any other
// folder of `src/server/` (db, roster, policy, jobs, ...), a file directly in `src/server/`
// (app.ts, config.ts, errors.ts), `src/shared/`, the web app, the CLI.
// structure → enrolment → structure is a room cycle even when no single file reaches itself.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { cruise, type ICruiseResult, type IModule } from 'dependency-cruiser';
import extractDepcruiseOptions from 'dependency-cruiser/config-utl/extract-depcruise-options';
import extractTSConfig from 'dependency-cruiser/config-utl/extract-ts-config';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** The room of a file path relative to the cruise's base folder, or null outside `src/`. */
export function roomOf(file: string): string | null {
  const parts = file.split('/');
  if (parts[0] !== 'src' || parts.length < 2) return null;
  if (parts[1] === 'server') {
    if (parts[2] === 'modules' && parts.length > 4) return parts.slice(0, 4).join('/');
    return parts.length > 3 ? parts.slice(0, 3).join('/') : file;
  }
  return parts.slice(0, 2).join('/');
}

/** An arrow between two rooms, with one import that draws it, so the reader can find it. */
export interface RoomArrow {
  from: string;
  to: string;
  via: { from: string; to: string };
}

/** Rooms that reach each other: a strongly connected group of two or more, with its arrows. */
export interface RoomCycle {
  rooms: string[];
  arrows: RoomArrow[];
}

/** The cycles between rooms. Lazy `import()`s do not count, as in the file rule. */
export function roomCycles(modules: IModule[]): RoomCycle[] {
  const arrows = new Map<string, Map<string, RoomArrow>>();
  for (const module of modules) {
    const from = roomOf(module.source);
    if (!from) continue;
    for (const dependency of module.dependencies) {
      const to = roomOf(dependency.resolved);
      if (!to || to === from || dependency.dependencyTypes.includes('dynamic-import')) continue;
      const targets = arrows.get(from) ?? new Map<string, RoomArrow>();
      if (!targets.has(to)) targets.set(to, { from, to, via: { from: module.source, to: dependency.resolved } });
      arrows.set(from, targets);
    }
  }
  return stronglyConnected(arrows).map((group) => ({
    rooms: [...group].sort(),
    arrows: [...group]
      .flatMap((room) => [...(arrows.get(room)?.values() ?? [])].filter((arrow) => group.has(arrow.to)))
      .sort((a, b) => a.from.localeCompare(b.from) || a.to.localeCompare(b.to)),
  }));
}

// Tarjan's algorithm; rooms are few (tens), so recursion depth is no concern.
function stronglyConnected(arrows: Map<string, Map<string, unknown>>): Set<string>[] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const groups: Set<string>[] = [];
  const visit = (room: string): void => {
    index.set(room, index.size);
    low.set(room, index.get(room)!);
    stack.push(room);
    onStack.add(room);
    for (const next of arrows.get(room)?.keys() ?? []) {
      if (!index.has(next)) {
        visit(next);
        low.set(room, Math.min(low.get(room)!, low.get(next)!));
      } else if (onStack.has(next)) {
        low.set(room, Math.min(low.get(room)!, index.get(next)!));
      }
    }
    if (low.get(room) === index.get(room)) {
      const group = new Set<string>();
      let member: string;
      do {
        member = stack.pop()!;
        onStack.delete(member);
        group.add(member);
      } while (member !== room);
      if (group.size > 1) groups.push(group);
    }
  };
  for (const room of [...arrows.keys()].sort()) if (!index.has(room)) visit(room);
  return groups;
}

export interface BoundaryReport {
  /** Breaches of the rules in .dependency-cruiser.cjs; `cycle` for the file-cycle rule. */
  violations: { rule: string; from: string; to: string; cycle: string[] }[];
  roomCycles: RoomCycle[];
  /** The whole report as text, for a terminal. */
  text: string;
}

/** Cruises `paths` (relative to `baseDir`) with the repository's rules and looks for room cycles. */
export async function checkBoundaries(paths: string[], baseDir = repoRoot): Promise<BoundaryReport> {
  const options = await extractDepcruiseOptions(path.join(repoRoot, '.dependency-cruiser.cjs'));
  const tsConfigFile = path.join(repoRoot, 'tsconfig.json');
  options.tsConfig = { fileName: tsConfigFile };
  options.baseDir = baseDir;
  const { output } = await cruise(paths, options, {}, { tsConfig: extractTSConfig(tsConfigFile) });
  const result = output as ICruiseResult;
  const violations = result.summary.violations.map((violation) => ({
    rule: violation.rule.name,
    from: violation.from,
    to: violation.to,
    cycle: (violation.cycle ?? []).map((step) => step.name),
  }));
  const cycles = roomCycles(result.modules);
  const lines: string[] = [];
  for (const violation of violations) {
    const closing = violation.cycle.length > 0 ? ` → ${violation.cycle.slice(1).join(' → ')}` : '';
    lines.push(`error ${violation.rule}: ${violation.from} → ${violation.to}${closing}`);
  }
  for (const cycle of cycles) {
    lines.push(`error no-room-cycle: these rooms reach each other: ${cycle.rooms.join(', ')}`);
    for (const arrow of cycle.arrows) lines.push(`    ${arrow.from} → ${arrow.to}  (${arrow.via.from} → ${arrow.via.to})`);
  }
  lines.push(
    `boundaries: ${result.summary.totalCruised} files cruised; ${violations.length} rule violation(s), ${cycles.length} room cycle(s)` +
      (lines.length > 0 ? '. The rules: .dependency-cruiser.cjs and ARCHITECTURE.md, "rooms and arrows".' : ''),
  );
  return { violations, roomCycles: cycles, text: lines.join('\n') };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const report = await checkBoundaries(['src']);
  console.log(report.text);
  if (report.violations.length > 0 || report.roomCycles.length > 0) process.exitCode = 1;
}
