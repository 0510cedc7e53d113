import type { Command } from './command.ts';

/**
 * Every command with its one-line summary, and its module, loaded only when it runs: `klassny
 * backup` need not load the web app (about 90 MB of the process's memory), which only `start` uses,
 * and `klassny --help` loads no command at all (loading them all took 2.5 s through tsx). Each
 * summary repeats the command's own (commandList.test.ts keeps them equal).
 */
export const COMMANDS: Record<string, { summary: string; load: () => Promise<Command> }> = {
  start: {
    summary: 'запустить сервер (база создаётся и обновляется сама)',
    load: async () => (await import('./commands/start.ts')).startCommand,
  },
  init: {
    summary: 'первая школа и её администратор без браузера (сервер может работать)',
    load: async () => (await import('./commands/init.ts')).initCommand,
  },
  migrate: {
    summary: 'применить миграции базы данных и выйти',
    load: async () => (await import('./commands/migrate.ts')).migrateCommand,
  },
  'create-admin': {
    summary: 'создать администратора школы (или оператора платформы); сервер может работать',
    load: async () => (await import('./commands/createAdmin.ts')).createAdminCommand,
  },
  demo: {
    summary: 'заполнить пустую базу демо-районом: школы, колледж, классы, учителя, ученики, родители',
    load: async () => (await import('./commands/demo.ts')).demoCommand,
  },
  audit: {
    summary: 'журнал аудита: verify — пересчитать цепочку хешей и назвать первую нарушенную запись',
    load: async () => (await import('./commands/audit.ts')).auditCommand,
  },
  jobs: {
    summary: 'плановые задания: list — список и последние запуски, run NAME — выполнить сейчас',
    load: async () => (await import('./commands/jobs.ts')).jobsCommand,
  },
  backup: {
    summary: 'резервная копия базы и файлов в один архив (сервер может работать)',
    load: async () => (await import('./commands/backup.ts')).backupCommand,
  },
  restore: {
    summary: 'восстановить резервную копию (klassny backup) в пустую базу',
    load: async () => (await import('./commands/restore.ts')).restoreCommand,
  },
  archive: {
    summary: 'архив учебного года: year — собрать и подписать, verify — проверить без базы и сервера',
    load: async () => (await import('./commands/archive.ts')).archiveCommand,
  },
  doctor: {
    summary: 'проверить настройки и состояние сервера перед работой со школой',
    load: async () => (await import('./commands/doctor.ts')).doctorCommand,
  },
};
