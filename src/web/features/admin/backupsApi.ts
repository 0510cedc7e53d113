import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { BackupOverview } from '../../../shared/contract/backups.ts';
import { api, apiFile } from '../../api/client.ts';

const key = (schoolId: string) => ['backups', schoolId];

/** `GET …/backups`: destinations, copies and whether they need attention. */
export function useBackups(schoolId: string, enabled = true) {
  return useQuery({ queryKey: key(schoolId), queryFn: () => api<BackupOverview>('GET', `/schools/${schoolId}/backups`), enabled });
}

/** «Сделать копию сейчас»: answers with the list as it is after the copy. */
export function useMakeBackup(schoolId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => api<BackupOverview>('POST', `/schools/${schoolId}/backups`),
    onSuccess: (overview) => client.setQueryData(key(schoolId), overview),
  });
}

/** Downloads a copy with the current code of the second factor; the browser saves the file. */
export function useDownloadBackup(schoolId: string) {
  return useMutation({
    mutationFn: async ({ id, code, fileName }: { id: string; code: string; fileName: string }) => {
      const { blob, fileName: name } = await apiFile(`/schools/${schoolId}/backups/${id}/download`, { code }, fileName);
      const url = URL.createObjectURL(blob);
      const link = document.createElement('a');
      link.href = url;
      link.download = name;
      link.click();
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
    },
  });
}
