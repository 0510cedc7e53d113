import { Stack, Title } from '@mantine/core';
import { useEffect, useId, useRef } from 'react';
import './dialog.css';

/**
 * A native modal <dialog> (focus stays inside, Esc does not close it, no style element is injected:
 * strict CSP), open while it is rendered.
 */
export function Dialog({ title, children, onCancel }: { title: string; children: React.ReactNode; onCancel?: () => void }) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
    return () => dialog?.close();
  }, []);
  return (
    <dialog ref={ref} aria-labelledby={titleId} className="app-dialog" onCancel={(e) => { e.preventDefault(); onCancel?.(); }}>
      <Stack gap="sm">
        <Title order={2} size="h3" id={titleId}>{title}</Title>
        {children}
      </Stack>
    </dialog>
  );
}
