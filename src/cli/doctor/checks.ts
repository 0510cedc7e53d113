import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Config } from '../../server/config.ts';
import type { DoctorFacts } from '../../server/doctor/facts.ts';

/** One line of `klassny doctor`: ✓ fine, ! worth a look, ✗ to fix (the line says how). */
export type Finding = { mark: '✓' | '!' | '✗'; text: string };

const ok = (text: string): Finding => ({ mark: '✓', text });
const warn = (text: string): Finding => ({ mark: '!', text });
export const fix = (text: string): Finding => ({ mark: '✗', text });

const LOOPBACK = new Set(['localhost', '127.0.0.1', '::1', '[::1]']);
const DAY = 86_400_000;
/** Seed 004 §5.1: weekly copies; a week and a day of grace. */
export const BACKUP_MAX_AGE_DAYS = 8;
const MIN_FREE_BYTES = 2 * 1024 ** 3;
const MAX_CLOCK_SKEW_MS = 5_000;

export function checkPublicUrl(config: Pick<Config, 'publicUrl'>): Finding {
  const url = new URL(config.publicUrl);
  if (LOOPBACK.has(url.hostname)) {
    return fix(`PUBLIC_URL: ${config.publicUrl} открывается только на этой машине — укажите адрес, по которому школа заходит в Klassny (PUBLIC_URL=https://journal.school.ru)`);
  }
  if (url.protocol !== 'https:') {
    return fix(`PUBLIC_URL: ${config.publicUrl} без https — пароли пойдут по сети открытым текстом; поставьте перед Klassny прокси с TLS (docs/deploy.md) и укажите https://…`);
  }
  return ok(`PUBLIC_URL: ${config.publicUrl}`);
}

export function checkTrustProxy(config: Pick<Config, 'publicUrl' | 'trustProxy' | 'host'>): Finding {
  const https = new URL(config.publicUrl).protocol === 'https:';
  if (https && !config.trustProxy) {
    return fix('TRUST_PROXY=false, а PUBLIC_URL на https: Klassny сам не принимает TLS, его принимает прокси — укажите TRUST_PROXY=true');
  }
  if (config.trustProxy && !LOOPBACK.has(config.host)) {
    return warn(`TRUST_PROXY=true, а сервер слушает HOST=${config.host}: кто обойдёт прокси, подделает свой адрес в X-Forwarded-For — `
      + 'если прокси на этой же машине, укажите HOST=127.0.0.1, иначе откройте порт только для прокси');
  }
  return ok(config.trustProxy ? `TRUST_PROXY=true, HOST=${config.host}` : 'TRUST_PROXY=false (прокси нет)');
}

export function checkSecretKey(config: Pick<Config, 'secretKey' | 'databaseUrl' | 'dataDir'>, keyFileExists: boolean): Finding {
  if (config.secretKey) return ok('SECRET_KEY задан');
  if (!config.databaseUrl) {
    return keyFileExists
      ? ok(`SECRET_KEY не задан: ключ в ${path.join(config.dataDir, 'secret.key')} — храните его вместе с копиями`)
      : ok(`SECRET_KEY не задан: ключ будет создан при первом запуске в ${path.join(config.dataDir, 'secret.key')}`);
  }
  return fix('SECRET_KEY не задан, а база — PostgreSQL: сотрудники не смогут включить вход с кодом — задайте SECRET_KEY=$(openssl rand -hex 32) и сохраните его');
}

export type NewestBackup = { file: string; time: Date } | undefined;

/** The newest `klassny-*.tar` or `.tar.age` in any of the folders (missing folders are skipped). */
export function findNewestBackup(dirs: string[]): NewestBackup {
  let newest: NewestBackup;
  for (const dir of dirs) {
    let names: string[];
    try {
      names = readdirSync(dir);
    } catch {
      continue;
    }
    for (const name of names.filter((n) => /^klassny-.+\.tar(\.age)?$/.test(n))) {
      const file = path.join(dir, name);
      const time = statSync(file).mtime;
      if (!newest || time > newest.time) newest = { file, time };
    }
  }
  return newest;
}

export function checkBackups(newest: NewestBackup, dataDir: string, now: Date): Finding {
  if (!newest) {
    return fix('резервных копий нет: делайте klassny backup --to <внешний диск> по расписанию (docs/deploy.md, «Резервные копии»); '
      + 'klassny doctor --backups <папка> смотрит и туда');
  }
  const days = Math.floor((now.getTime() - newest.time.getTime()) / DAY);
  const age = days === 0 ? 'сегодня' : `${days} дн. назад`;
  if (days > BACKUP_MAX_AGE_DAYS) {
    return fix(`последняя резервная копия ${age} (${newest.file}): копии не делаются — проверьте расписание klassny backup`);
  }
  if (path.dirname(newest.file) === path.join(dataDir, 'backups')) {
    return warn(`последняя резервная копия ${age}, но в ${path.dirname(newest.file)} — на том же диске, что и база: копируйте на внешний носитель (--to)`);
  }
  return ok(`последняя резервная копия ${age}: ${newest.file}`);
}

export function checkFreeDisk(dataDir: string, free: { bytes: number; total: number }): Finding {
  const gb = (bytes: number) => (bytes / 1024 ** 3).toFixed(1);
  const text = `свободно на диске ${dataDir}: ${gb(free.bytes)} ГБ из ${gb(free.total)} ГБ`;
  if (free.bytes < MIN_FREE_BYTES || free.bytes < free.total * 0.1) {
    return fix(`${text} — освободите место (старые копии в ${path.join(dataDir, 'backups')}, журнал сервера) или расширьте диск`);
  }
  return ok(text);
}

/** `synchronized`: what the system says about NTP (timedatectl), undefined when it cannot tell. */
export function checkClock(now: Date, databaseNow: Date | undefined, synchronized: boolean | undefined): Finding {
  if (databaseNow && Math.abs(now.getTime() - databaseNow.getTime()) > MAX_CLOCK_SKEW_MS) {
    const seconds = Math.round((now.getTime() - databaseNow.getTime()) / 1000);
    return fix(`часы этой машины расходятся с часами PostgreSQL на ${seconds} с — включите синхронизацию времени (NTP: chrony или systemd-timesyncd) на обеих`);
  }
  if (synchronized === false) return fix('часы не синхронизируются (NTP выключен) — включите: timedatectl set-ntp true');
  if (synchronized === undefined) return warn(`часы: ${now.toISOString()} UTC; синхронизацию проверить не удалось — убедитесь, что работает NTP`);
  return ok(`часы синхронизированы (NTP): ${now.toISOString()} UTC`);
}

export function checkTimeZones(machineZone: string, schools: DoctorFacts['schoolTimeZones'] | undefined): Finding {
  if (!schools) return warn(`часовой пояс машины ${machineZone}; часовые пояса школ проверить не удалось (нет базы)`);
  const bad = schools.filter((s) => !isTimeZone(s.timeZone));
  if (bad.length > 0) {
    return fix(`неизвестный часовой пояс у школ: ${bad.map((s) => s.timeZone).join(', ')} — исправьте его в карточке школы (например, Europe/Moscow)`);
  }
  const list = schools.length === 0 ? 'школ ещё нет' : `школы живут по своим: ${schools.map((s) => `${s.timeZone} (${s.schools})`).join(', ')}`;
  return ok(`часовой пояс машины ${machineZone}; ${list}`);
}

export function checkMigrations({ applied, expected }: DoctorFacts['migrations']): Finding {
  if (applied < expected) return warn(`база данных: применено миграций ${applied} из ${expected} — остальные применит klassny start (или klassny migrate)`);
  return ok(`база данных: все миграции применены (${applied})`);
}

export function checkDemo(demoLogins: number | undefined): Finding {
  if (demoLogins === undefined) return warn('демо-данные проверить не удалось (нет базы)');
  if (demoLogins > 0) {
    return fix(`в базе демо-входы с опубликованным паролем (${demoLogins}): для настоящей школы уберите демо (klassny demo remove) или смените их пароли`);
  }
  return ok('демо-входов с опубликованным паролем нет');
}

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('ru', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}
