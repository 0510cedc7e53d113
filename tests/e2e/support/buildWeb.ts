import { mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { buildWeb, webBuildIsStale } from '../../../src/cli/webBuild.ts';
import { DEFAULT_WEB_ROOT } from '../../../src/server/plugins/web.ts';

/**
 * Vitest global setup of the browser projects: one shared build of the web app, made only when
 * dist/web is missing or older than its sources. The projects of both databases may start
 * together, so the build runs under a directory lock.
 */
export default async function setup() {
  const lock = path.join(path.dirname(DEFAULT_WEB_ROOT), '.web-build.lock');
  mkdirSync(path.dirname(lock), { recursive: true });
  for (let waited = 0; ; waited += 200) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      if (waited > 180_000) throw new Error(`Сборка веб-приложения занята: удалите ${lock}`);
      await sleep(200);
    }
  }
  try {
    if (webBuildIsStale()) await buildWeb();
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}
