import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useT } from '../i18n/i18n';
import { centerApi, valueOf } from './center-api';

/** A 同步包 carried from a site without network: the file and the passphrase the site's screen showed. */
export function UploadSyncFile() {
  const queryClient = useQueryClient();
  const t = useT();
  const [file, setFile] = useState<File | null>(null);
  const [passphrase, setPassphrase] = useState('');
  const upload = useMutation({
    mutationFn: async () => valueOf(centerApi.upload(await file!.text(), passphrase)),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ['days'] }),
  });
  return (
    <form
      className="center-upload"
      onSubmit={(e) => {
        e.preventDefault();
        if (file) upload.mutate();
      }}
    >
      <h3>{t('centerPage.upload.title')}</h3>
      <input type="file" accept=".json,.examday-sync.json" aria-label={t('centerPage.upload.file')} onChange={(e) => setFile(e.target.files?.[0] ?? null)} required />
      <input aria-label={t('centerPage.upload.passphrase')} placeholder={t('centerPage.upload.passphraseHint')} value={passphrase} onChange={(e) => setPassphrase(e.target.value)} required />
      <button type="submit" disabled={upload.isPending || !file}>
        {t('centerPage.upload.submit')}
      </button>
      {upload.isError && <p className="center-error">{upload.error.message}</p>}
      {upload.data && (
        <p className="center-ok">
          {t('centerPage.upload.done', { site: upload.data.site, stored: upload.data.stored, held: upload.data.alreadyHeld })}
          {upload.data.forks > 0 ? t('centerPage.upload.forks', { forks: upload.data.forks }) : ''}
        </p>
      )}
    </form>
  );
}
