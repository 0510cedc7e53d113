import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  checkBackups, checkClock, checkDemo, checkFreeDisk, checkMigrations, checkPublicUrl, checkSecretKey, checkTimeZones, checkTrustProxy,
  findNewestBackup,
} from './checks.ts';

const now = new Date('2026-12-07T12:00:00Z');
const GB = 1024 ** 3;

describe('klassny doctor checks', () => {
  it('wants a PUBLIC_URL people can reach, over https', () => {
    expect(checkPublicUrl({ publicUrl: 'http://localhost:3000' }).mark).toBe('✗');
    expect(checkPublicUrl({ publicUrl: 'http://journal.school.ru' })).toEqual({ mark: '✗', text: expect.stringContaining('без https') as string });
    expect(checkPublicUrl({ publicUrl: 'https://journal.school.ru' })).toEqual({ mark: '✓', text: 'PUBLIC_URL: https://journal.school.ru' });
  });

  it('wants TRUST_PROXY behind an https proxy, and the port closed to everyone else', () => {
    expect(checkTrustProxy({ publicUrl: 'https://j.school.ru', trustProxy: false, host: '127.0.0.1' }).mark).toBe('✗');
    expect(checkTrustProxy({ publicUrl: 'https://j.school.ru', trustProxy: true, host: '0.0.0.0' }).mark).toBe('!');
    expect(checkTrustProxy({ publicUrl: 'https://j.school.ru', trustProxy: true, host: '127.0.0.1' })).toEqual({ mark: '✓', text: 'TRUST_PROXY=true, HOST=127.0.0.1' });
    expect(checkTrustProxy({ publicUrl: 'http://localhost:3000', trustProxy: false, host: '0.0.0.0' }).mark).toBe('✓');
  });

  it('wants SECRET_KEY on PostgreSQL, and accepts the key file of the embedded database', () => {
    expect(checkSecretKey({ secretKey: 'k'.repeat(32), databaseUrl: 'postgres://db/k', dataDir: '/srv/k' }, false).mark).toBe('✓');
    expect(checkSecretKey({ secretKey: undefined, databaseUrl: 'postgres://db/k', dataDir: '/srv/k' }, false).mark).toBe('✗');
    expect(checkSecretKey({ secretKey: undefined, databaseUrl: undefined, dataDir: '/srv/k' }, true))
      .toEqual({ mark: '✓', text: 'SECRET_KEY не задан: ключ в /srv/k/secret.key — храните его вместе с копиями' });
  });

  describe('backups', () => {
    const dirs: string[] = [];
    afterEach(() => {
      for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
    });
    const folder = () => {
      const dir = mkdtempSync(path.join(tmpdir(), 'klassny-doctor-'));
      dirs.push(dir);
      return dir;
    };
    const tar = (dir: string, name: string, time: Date) => {
      mkdirSync(dir, { recursive: true });
      writeFileSync(path.join(dir, name), '');
      utimesSync(path.join(dir, name), time, time);
      return path.join(dir, name);
    };

    it('finds the newest copy among the folders, skipping other files and missing folders', () => {
      const a = folder();
      const b = folder();
      tar(a, 'klassny-old.tar', new Date('2026-11-01T00:00:00Z'));
      const newest = tar(b, 'klassny-new.tar', new Date('2026-12-06T00:00:00Z'));
      tar(b, 'other.tar', new Date('2026-12-07T00:00:00Z'));
      expect(findNewestBackup([a, b, path.join(a, 'missing')])).toEqual({ file: newest, time: new Date('2026-12-06T00:00:00Z') });
      expect(findNewestBackup([path.join(a, 'missing')])).toBeUndefined();
    });

    it('wants a copy, a recent one, and not only on the database disk', () => {
      expect(checkBackups(undefined, '/srv/k', now).mark).toBe('✗');
      expect(checkBackups({ file: '/mnt/usb/klassny-a.tar', time: new Date('2026-11-20T00:00:00Z') }, '/srv/k', now))
        .toEqual({ mark: '✗', text: 'последняя резервная копия 17 дн. назад (/mnt/usb/klassny-a.tar): копии не делаются — проверьте расписание klassny backup' });
      expect(checkBackups({ file: '/srv/k/backups/klassny-a.tar', time: new Date('2026-12-07T03:00:00Z') }, '/srv/k', now).mark).toBe('!');
      expect(checkBackups({ file: '/mnt/usb/klassny-a.tar', time: new Date('2026-12-05T03:00:00Z') }, '/srv/k', now))
        .toEqual({ mark: '✓', text: 'последняя резервная копия 2 дн. назад: /mnt/usb/klassny-a.tar' });
    });
  });

  it('wants 2 GB and 10 % of the disk free', () => {
    expect(checkFreeDisk('/srv/k', { bytes: 1 * GB, total: 100 * GB }).mark).toBe('✗');
    expect(checkFreeDisk('/srv/k', { bytes: 5 * GB, total: 100 * GB }).mark).toBe('✗');
    expect(checkFreeDisk('/srv/k', { bytes: 30 * GB, total: 100 * GB })).toEqual({ mark: '✓', text: 'свободно на диске /srv/k: 30.0 ГБ из 100.0 ГБ' });
  });

  it('wants the clock synchronised and agreeing with PostgreSQL', () => {
    expect(checkClock(now, new Date(now.getTime() - 60_000), true))
      .toEqual({ mark: '✗', text: 'часы этой машины расходятся с часами PostgreSQL на 60 с — включите синхронизацию времени (NTP: chrony или systemd-timesyncd) на обеих' });
    expect(checkClock(now, new Date(now.getTime() + 1_000), false).mark).toBe('✗');
    expect(checkClock(now, undefined, undefined).mark).toBe('!');
    expect(checkClock(now, undefined, true)).toEqual({ mark: '✓', text: 'часы синхронизированы (NTP): 2026-12-07T12:00:00.000Z UTC' });
  });

  it('names the time zones and refuses one that does not exist', () => {
    expect(checkTimeZones('Europe/Moscow', [{ timeZone: 'Europe/Moscow', schools: 3 }, { timeZone: 'Asia/Yekaterinburg', schools: 1 }]))
      .toEqual({ mark: '✓', text: 'часовой пояс машины Europe/Moscow; школы живут по своим: Europe/Moscow (3), Asia/Yekaterinburg (1)' });
    expect(checkTimeZones('UTC', [{ timeZone: 'Europe/Atlantis', schools: 1 }]).mark).toBe('✗');
    expect(checkTimeZones('UTC', undefined).mark).toBe('!');
  });

  it('refuses demo logins with the published password, and migrations left to apply are a warning', () => {
    expect(checkDemo(3).mark).toBe('✗');
    expect(checkDemo(0).mark).toBe('✓');
    expect(checkMigrations({ applied: 5, expected: 11 }).mark).toBe('!');
    expect(checkMigrations({ applied: 11, expected: 11 })).toEqual({ mark: '✓', text: 'база данных: все миграции применены (11)' });
  });
});
