/**
 * Speaks a prompt in Chinese where the system has a Chinese voice (speechSynthesis); says nothing
 * otherwise, because an English voice reading Chinese characters is worse than silence.
 */
export function speakChinese(text: string): void {
  const synth = window.speechSynthesis as SpeechSynthesis | undefined;
  if (!synth || typeof SpeechSynthesisUtterance === 'undefined') return;
  const voice = synth.getVoices().find((v) => v.lang.toLowerCase().replace('_', '-').startsWith('zh'));
  if (!voice) return;
  try {
    synth.cancel();
    const utterance = new SpeechSynthesisUtterance(text);
    utterance.voice = voice;
    utterance.lang = voice.lang;
    utterance.rate = 0.9;
    synth.speak(utterance);
  } catch {
    // A prompt on screen is enough; speech is a courtesy.
  }
}

export function stopSpeaking(): void {
  window.speechSynthesis?.cancel();
}
