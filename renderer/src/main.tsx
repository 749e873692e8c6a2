import { QueryClientProvider } from '@tanstack/react-query';
import { StrictMode, useEffect } from 'react';
import { createRoot } from 'react-dom/client';
import { queryClient } from './api/query-client';
import { captureTokenFromLocation } from './api/transport';
import { unlockAudio } from './audio/tones';
import { App } from './app/App';
import { useUiStore } from './state/ui-store';
import './styles.css';

captureTokenFromLocation();

/** Keeps <html lang> true to the chosen language, so the browser picks CJK or Latin glyphs right. */
function LanguageSync() {
  const language = useUiStore((s) => s.language);
  useEffect(() => {
    document.documentElement.lang = language === 'zh' ? 'zh-CN' : 'en';
    document.title = language === 'zh' ? '考务现场' : 'ExamDay 考务现场';
  }, [language]);
  return null;
}

// Any gesture may allow audio; the tones wait for one.
window.addEventListener('pointerdown', unlockAudio, { capture: true });
window.addEventListener('keydown', unlockAudio, { capture: true });

const rootElement = document.getElementById('root');
if (!rootElement) throw new Error('index.html has no #root');
createRoot(rootElement).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <LanguageSync />
      <App />
    </QueryClientProvider>
  </StrictMode>,
);
