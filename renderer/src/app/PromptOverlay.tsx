import { stopSpeaking } from '../audio/speech';
import { useNow } from '../clock/device-clock';
import { formatClockMs } from '../format';
import { useT } from '../i18n/i18n';
import { useDialogStore } from '../state/dialog-store';
import { useUiStore } from '../state/ui-store';

/** The full-screen prompt at 开考, E−15 and E: read from across the room, dismissed with one press. */
export function PromptOverlay() {
  const t = useT();
  const prompt = useDialogStore((s) => s.prompt);
  const dismiss = useDialogStore((s) => s.dismissPrompt);
  const language = useUiStore((s) => s.language);
  const { correctedMs } = useNow();
  if (!prompt) return null;
  return (
    <div className={`prompt prompt-${prompt.moment}`} role="alertdialog" aria-label={prompt.textZh} data-testid="prompt" data-prompt={prompt.moment}>
      <div className="prompt-time">{formatClockMs(correctedMs)}</div>
      <div className="prompt-text" lang="zh-CN">
        {prompt.textZh}
      </div>
      {language === 'en' && <div className="prompt-text-en">{prompt.textEn}</div>}
      <button
        type="button"
        className="prompt-dismiss"
        data-testid="prompt-dismiss"
        onClick={() => {
          stopSpeaking();
          dismiss();
        }}
      >
        {t('prompt.dismiss')}
      </button>
    </div>
  );
}
