import { execFile } from 'node:child_process';
import { existsSync, statfsSync } from 'node:fs';
import path from 'node:path';
import { type Config, loadConfig } from '../../server/config.ts';
import { callControl } from '../../server/control/controlClient.ts';
import { databaseErrorLine } from '../../server/db/connectionErrors.ts';
import { DataDirLockedError } from '../../server/db/dataDirLock.ts';
import { type DoctorFacts, readDoctorFacts } from '../../server/doctor/facts.ts';
import { openConfiguredDatabase } from '../../server/main.ts';
import type { Command } from '../command.ts';
import {
  checkBackups, checkClock, checkMigrations, fix, checkDemo, checkFreeDisk, checkPublicUrl, checkSecretKey, checkTimeZones, checkTrustProxy,
  findNewestBackup, type Finding,
} from '../doctor/checks.ts';

export const doctorCommand: Command = {
  name: 'doctor',
  summary: 'проверить настройки и состояние сервера перед работой со школой',
  help: [
    'Проверяет PUBLIC_URL, TRUST_PROXY, SECRET_KEY, свежесть резервных копий, свободное место, часы и часовые',
    'пояса, демо-входы. Каждая строка: ✓ — в порядке, ! — стоит посмотреть, ✗ — что исправить. Код выхода 1, если есть ✗.',
    '  --backups DIR   ещё одна папка с копиями (klassny backup --to DIR); DATA_DIR/backups смотрится всегда',
  ].join('\n'),
  options: { backups: { type: 'string' } },
  async run(values) {
    const config = loadConfig();
    const findings = await diagnose(config, typeof values.backups === 'string' ? [path.resolve(values.backups)] : [], new Date());
    for (const f of findings) console.log(`${f.mark} ${f.text}`);
    return findings.some((f) => f.mark === '✗') ? 1 : 0;
  },
};

export async function diagnose(config: Config, backupDirs: string[], now: Date): Promise<Finding[]> {
  const facts = await databaseFacts(config);
  const disk = statfsSync(existsSync(config.dataDir) ? config.dataDir : path.dirname(config.dataDir));
  return [
    checkPublicUrl(config),
    checkTrustProxy(config),
    checkSecretKey(config, existsSync(path.join(config.dataDir, 'secret.key'))),
    checkBackups(findNewestBackup([...new Set([path.join(config.dataDir, 'backups'), ...config.backups.dirs, ...backupDirs])]), config.dataDir, now),
    checkFreeDisk(config.dataDir, { bytes: disk.bavail * disk.bsize, total: disk.blocks * disk.bsize }),
    'error' in facts ? fix(`база данных: ${facts.error}`) : checkMigrations(facts.migrations),
    checkClock(now, 'error' in facts || !config.databaseUrl ? undefined : new Date(facts.databaseNow), await ntpSynchronized()),
    checkTimeZones(Intl.DateTimeFormat().resolvedOptions().timeZone, 'error' in facts ? undefined : facts.schoolTimeZones),
    checkDemo('error' in facts ? undefined : facts.demoLogins),
  ];
}

/** From the database itself, or from the running server that holds the embedded one. */
async function databaseFacts(config: Config): Promise<DoctorFacts | { error: string }> {
  // Opening the embedded database would create it: say so instead.
  if (!config.databaseUrl && !existsSync(path.join(config.dataDir, 'pglite'))) {
    return { error: `встроенной базы в ${config.dataDir} ещё нет — её создаст klassny start (или klassny migrate)` };
  }
  try {
    const opened = await openConfiguredDatabase(config, () => {});
    try {
      return await readDoctorFacts(opened.database);
    } finally {
      await opened.release();
    }
  } catch (error) {
    try {
      if (error instanceof DataDirLockedError) return await callControl<DoctorFacts>(config.dataDir, 'doctor', {});
    } catch (controlError) {
      return { error: (controlError as Error).message };
    }
    return { error: databaseErrorLine(error, config.databaseUrl) ?? (error as Error).message };
  }
}

/** What timedatectl says about NTP; undefined where there is no systemd or it does not answer. */
function ntpSynchronized(): Promise<boolean | undefined> {
  return new Promise((resolve) => {
    execFile('timedatectl', ['show', '-p', 'NTPSynchronized', '--value'], { timeout: 3000 }, (error, stdout) => {
      if (error) return resolve(undefined);
      const answer = stdout.trim();
      resolve(answer === 'yes' ? true : answer === 'no' ? false : undefined);
    });
  });
}
