import { expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.ts';

it('applies the documented defaults', () => {
  const c = loadConfig({});
  expect(c).toMatchObject({ port: 3000, host: '0.0.0.0', databaseUrl: undefined, publicUrl: 'http://localhost:3000', trustProxy: false, demo: true, jobs: true, smtpUrl: undefined });
  expect(c.dataDir.endsWith('/data')).toBe(true);
  expect(c.logFile).toBe(`${c.dataDir}/logs/klassny.log`);
});

it('sends the log to stdout with LOG_FILE=-, and to a file of DATA_DIR otherwise', () => {
  expect(loadConfig({ LOG_FILE: '-' }).logFile).toBe('-');
  expect(loadConfig({ DATA_DIR: '/srv/klassny' }).logFile).toBe('/srv/klassny/logs/klassny.log');
  expect(loadConfig({ DATA_DIR: '/srv/klassny', LOG_FILE: '/var/log/klassny/app.log' }).logFile).toBe('/var/log/klassny/app.log');
});

it('reads every setting and treats an empty value as unset', () => {
  const c = loadConfig({
    PORT: '8080', HOST: '127.0.0.1', DATA_DIR: '/srv/klassny', DATABASE_URL: 'postgres://k@db/klassny', PUBLIC_URL: 'https://journal.school.ru',
    TRUST_PROXY: 'true', DEMO: 'false', JOBS: 'false', SMTP_URL: 'smtps://u:p@smtp.school.ru:465', LOG_LEVEL: '',
  });
  expect(c).toMatchObject({
    port: 8080, host: '127.0.0.1', dataDir: '/srv/klassny', databaseUrl: 'postgres://k@db/klassny', publicUrl: 'https://journal.school.ru',
    trustProxy: true, demo: false, jobs: false, smtpUrl: 'smtps://u:p@smtp.school.ru:465', logLevel: 'info',
  });
});

it('stops with one readable list of everything that is wrong', () => {
  expect(() => loadConfig({ PORT: 'много', DATABASE_URL: 'not a url', SMTP_URL: 'http://x', DEMO: 'yes' })).toThrow(ConfigError);
  expect(() => loadConfig({ PORT: 'много', DATABASE_URL: 'not a url' })).toThrow(/^Неверные настройки: PORT: .*; DATABASE_URL: /);
});

it('reads the backup settings: two folders or more, a cron pattern, a time zone, retention', () => {
  const unset = loadConfig({ DATA_DIR: '/srv/klassny' });
  expect(unset.backups).toEqual({
    dirs: ['/srv/klassny/backups'], sameDisk: true, schedule: '0 2 * * 0', timeZone: 'Europe/Moscow', keepWeeks: 8, keepMonths: 60,
    encryption: { backupEncryptionKey: undefined, backupEncryptionKeyFile: undefined },
  });
  const set = loadConfig({
    BACKUP_DIRS: '/mnt/usb-1/klassny, /mnt/nas/klassny', BACKUP_SCHEDULE: '30 1 * * *', BACKUP_TIME_ZONE: 'Asia/Barnaul',
    BACKUP_KEEP_WEEKS: '4', BACKUP_KEEP_MONTHS: '12', BACKUP_ENCRYPTION_KEY_FILE: '/root/klassny-backup.key',
  });
  expect(set.backups).toEqual({
    dirs: ['/mnt/usb-1/klassny', '/mnt/nas/klassny'], sameDisk: false, schedule: '30 1 * * *', timeZone: 'Asia/Barnaul', keepWeeks: 4, keepMonths: 12,
    encryption: { backupEncryptionKey: undefined, backupEncryptionKeyFile: '/root/klassny-backup.key' },
  });
  expect(() => loadConfig({ BACKUP_DIRS: '/mnt/usb-1/klassny' })).toThrow(/BACKUP_DIRS: нужны две разные папки/);
  expect(() => loadConfig({ BACKUP_DIRS: '/mnt/a,/mnt/a/' })).toThrow(/BACKUP_DIRS/);
  expect(() => loadConfig({ BACKUP_SCHEDULE: 'каждое воскресенье' })).toThrow(/BACKUP_SCHEDULE: шаблон cron не читается/);
  expect(() => loadConfig({ BACKUP_TIME_ZONE: 'Europe/Moskva' })).toThrow(/BACKUP_TIME_ZONE/);
});

it('reads the limits of live diary streams and of the event-loop guard, with their defaults', () => {
  expect(loadConfig({})).toMatchObject({ streamLimits: { perSession: 6, perProcess: 4000 }, pressure: { maxEventLoopDelayMs: 1000 } });
  expect(loadConfig({ DIARY_STREAMS_PER_SESSION: '2', DIARY_STREAMS_PER_PROCESS: '100', MAX_EVENT_LOOP_DELAY_MS: '0' }))
    .toMatchObject({ streamLimits: { perSession: 2, perProcess: 100 }, pressure: { maxEventLoopDelayMs: 0 } });
  expect(() => loadConfig({ DIARY_STREAMS_PER_SESSION: '0' })).toThrow(/DIARY_STREAMS_PER_SESSION/);
});
