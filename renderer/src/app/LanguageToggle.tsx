import { useT } from '../i18n/i18n';
import { useUiStore } from '../state/ui-store';

/** The English / 中文 toggle of the app header and the center page; the ui store keeps the choice across reloads. */
export function LanguageToggle({ className }: { className: string }) {
  const t = useT();
  const language = useUiStore((s) => s.language);
  const setLanguage = useUiStore((s) => s.setLanguage);
  return (
    <button
      type="button"
      className={className}
      lang={language === 'zh' ? 'en' : 'zh-CN'}
      title={t('header.languageTitle')}
      data-testid="language-toggle"
      onClick={() => setLanguage(language === 'zh' ? 'en' : 'zh')}
    >
      {t('header.language')}
    </button>
  );
}
