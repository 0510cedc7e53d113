import { type Dispatch, useEffect, useReducer, useRef } from 'react';
import type { Attendance, Mark } from '../../../shared/contract/journal.ts';
import { ApiError } from '../../api/client.ts';
import { onSessionBack } from '../../api/session.ts';
import { sendOp } from './api.ts';
import type { Rows } from './gridModel.ts';
import { type GridAction, gridReducer, type GridState, initialState } from './gridStore.ts';
import { loadQueue, queueStorageKey, saveQueue } from './offlineQueue.ts';

const RETRY_MS = 5_000;
const STALE = new Set(['mark.stale', 'attendance.stale']);

const storage = (): Storage | null => {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
};

/**
 * The grid's state and its outbox: edits are sent one at a time, in order. A network failure
 * (status 0) keeps them queued in localStorage and retries on the `online` event and every 5 s;
 * an ended session (401) keeps them queued until the person signs in again in the dialog;
 * a stale version opens a conflict; any other refusal marks the cell and shows the server's words.
 */
export function useGridSync(userId: string, schoolId: string, groupId: string, rows: Rows, lessonIds: ReadonlySet<string>, fallbackMessage: string): [GridState, Dispatch<GridAction>] {
  const key = queueStorageKey(userId, schoolId, groupId);
  const [state, dispatch] = useReducer(gridReducer, undefined, () => {
    const store = storage();
    return initialState(rows, store ? loadQueue(store, key) : [], lessonIds);
  });
  const sending = useRef<string | null>(null);

  useEffect(() => {
    const store = storage();
    if (store) saveQueue(store, key, state.queue);
  }, [key, state.queue]);

  useEffect(() => {
    const op = state.queue[0];
    if (!op || state.inFlight || sending.current || state.signedOut || (state.offline && !state.retryNow)) return;
    sending.current = op.id;
    dispatch({ type: 'sending', id: op.id });
    sendOp(schoolId, op).then(
      (answer) => {
        sending.current = null;
        dispatch({ type: 'sent', op, answer });
      },
      (error: unknown) => {
        sending.current = null;
        if (error instanceof ApiError && error.status === 0) dispatch({ type: 'offline' });
        // The session ended (expired, or ended on another device): nothing is dropped, the sign-in dialog opens.
        else if (error instanceof ApiError && error.status === 401) dispatch({ type: 'signedOut' });
        else if (error instanceof ApiError && error.status === 409 && STALE.has(error.code)) {
          dispatch({ type: 'conflict', op, current: (error.current ?? null) as Mark | Attendance | null, message: error.message });
        } else dispatch({ type: 'refused', op, message: error instanceof ApiError && error.message ? error.message : fallbackMessage });
      },
    );
  }, [schoolId, state.queue, state.inFlight, state.offline, state.signedOut, state.retryNow, fallbackMessage]);

  // Signed in again in the dialog: the outbox goes out where it stopped.
  useEffect(() => onSessionBack(() => dispatch({ type: 'signedIn' })), []);

  useEffect(() => {
    if (!state.offline) return;
    const retry = () => dispatch({ type: 'retry' });
    window.addEventListener('online', retry);
    const timer = window.setInterval(retry, RETRY_MS);
    return () => {
      window.removeEventListener('online', retry);
      window.clearInterval(timer);
    };
  }, [state.offline]);

  return [state, dispatch];
}
