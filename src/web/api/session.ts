import { useSyncExternalStore } from 'react';

/**
 * Whether the session ended under a signed-in person (it expired, or was ended from another
 * device): the page stays as it is, with everything typed in it and the journal's outbox, and a
 * sign-in dialog opens in place. Set by any request the server answers `auth.required`, cleared
 * by signing in again (or signing out on purpose).
 */
type SessionState = { lost: boolean; login: string | null };

let state: SessionState = { lost: false, login: null };
const listeners = new Set<() => void>();

function set(next: SessionState) {
  if (next.lost === state.lost && next.login === state.login) return;
  state = next;
  for (const listener of listeners) listener();
}

const subscribe = (listener: () => void) => {
  listeners.add(listener);
  return () => listeners.delete(listener);
};

/** Someone is signed in (their login is offered again if the session ends). */
export const sessionStarted = (login: string) => set({ lost: false, login });

/** The server refused a request for want of a session: lost, if someone was signed in. */
export const sessionRefused = () => {
  if (state.login !== null) set({ ...state, lost: true });
};

/** Signed out on purpose: nothing to sign back into. */
export const sessionClosed = () => set({ lost: false, login: null });

export const sessionState = () => state;

export const useSession = (): SessionState => useSyncExternalStore(subscribe, sessionState, sessionState);

/** Calls `onBack` each time the person signs in again after losing the session. */
export function onSessionBack(onBack: () => void): () => void {
  let was = state.lost;
  return subscribe(() => {
    if (was && !state.lost && state.login !== null) onBack();
    was = state.lost;
  });
}
