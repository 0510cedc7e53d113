import { afterEach, describe, expect, it } from 'vitest';
import { onSessionBack, sessionClosed, sessionRefused, sessionStarted, sessionState } from './session.ts';

afterEach(() => sessionClosed());

describe('the session store', () => {
  it('is lost only when someone was signed in, and back when they sign in again', () => {
    let back = 0;
    const stop = onSessionBack(() => back++);
    // Nobody signed in (the sign-in page): a 401 is no lost session.
    sessionRefused();
    expect(sessionState()).toEqual({ lost: false, login: null });
    sessionStarted('maria.teacher');
    sessionRefused();
    sessionRefused();
    expect(sessionState()).toEqual({ lost: true, login: 'maria.teacher' });
    expect(back).toBe(0);
    sessionStarted('maria.teacher');
    expect(sessionState()).toEqual({ lost: false, login: 'maria.teacher' });
    expect(back).toBe(1);
    // Signing out on purpose is not a session to come back to.
    sessionRefused();
    sessionClosed();
    expect(sessionState()).toEqual({ lost: false, login: null });
    expect(back).toBe(1);
    stop();
  });
});
