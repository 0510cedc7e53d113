import { describe, expect, it } from 'vitest';
import { useCliSandbox } from '../../../tests/support/cliSandbox.ts';
import { main } from '../../cli/main.ts';

describe('a PostgreSQL that refuses the connection is told in one Russian line', () => {
  const cli = useCliSandbox('klassny-startup-pg-');
  const withDatabaseUrl = (change: (url: URL) => void) => {
    const url = new URL(process.env.DATABASE_URL!);
    change(url);
    process.env.DATABASE_URL = url.toString();
    return url;
  };

  it('names a database that does not exist and how to create it', async () => {
    const url = withDatabaseUrl((u) => { u.pathname = '/klassny_no_such_db'; });
    expect(await main(['migrate'])).toBe(1);
    expect(cli.err).toEqual([
      `klassny migrate: базы данных «klassny_no_such_db» нет на сервере PostgreSQL ${url.hostname}:${url.port || '5432'}: ` +
        'создайте её (createdb klassny_no_such_db) или исправьте имя в DATABASE_URL',
    ]);
  });

  it('names a role that does not exist and how to create it', async () => {
    const url = withDatabaseUrl((u) => { u.username = 'klassny_no_such_role'; u.password = ''; });
    expect(await main(['migrate'])).toBe(1);
    expect(cli.err).toEqual([
      `klassny migrate: пользователя (роли) «klassny_no_such_role» нет в PostgreSQL ${url.hostname}:${url.port || '5432'}: ` +
        'создайте его (createuser klassny_no_such_role) или исправьте имя в DATABASE_URL',
    ]);
  });

  it('names a server that does not answer', async () => {
    withDatabaseUrl((u) => { u.hostname = '127.0.0.1'; u.port = '1'; });
    expect(await main(['migrate'])).toBe(1);
    expect(cli.err).toEqual([
      'klassny migrate: не удаётся подключиться к PostgreSQL 127.0.0.1:1: запустите его или исправьте адрес в DATABASE_URL',
    ]);
  });
});
