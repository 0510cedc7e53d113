import { AppError } from '../../../errors.ts';

/** The one password of every demo account; printed at start, so never use the demo for real data. */
export const DEMO_PASSWORD = 'klassny-demo';

const isLoopback = (address: string) =>
  address === '::1' || /^(::ffff:)?127\.\d+\.\d+\.\d+$/.test(address);

/**
 * The published password opens an account only from the machine itself, unless the operator said
 * DEMO_PUBLIC=true: a demo left on a server that listens on 0.0.0.0 is not a door for everyone.
 */
export function demoLoginRefusal(password: string, address: string, demoPublic: boolean): AppError | null {
  if (demoPublic || password !== DEMO_PASSWORD || isLoopback(address)) return null;
  return new AppError('auth.demo_local_only', 403,
    'Демо-входы с общим паролем открыты только с компьютера, где запущен Klassny (DEMO_PUBLIC=true открывает их всем).');
}
