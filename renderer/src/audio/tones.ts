import type { VerdictKind } from '../door/verdict-state';

/** One note: frequency (Hz), start offset and length (s), waveform. */
interface Note {
  hz: number;
  at: number;
  len: number;
  wave: OscillatorType;
}

const n = (hz: number, at: number, len: number, wave: OscillatorType = 'sine'): Note => ({ hz, at, len, wave });

/** A distinct, short tone per verdict, so a proctor hears the answer without looking. */
const TONES: Partial<Record<VerdictKind, Note[]>> = {
  admitted: [n(880, 0, 0.12), n(1320, 0.13, 0.18)],
  'wrong-room': [n(660, 0, 0.16, 'triangle'), n(440, 0.18, 0.22, 'triangle')],
  'not-on-roster': [n(220, 0, 0.45, 'square')],
  'already-admitted': [n(520, 0, 0.1, 'square'), n(520, 0.15, 0.1, 'square'), n(520, 0.3, 0.1, 'square')],
  'invalid-id': [n(300, 0, 0.12, 'sawtooth'), n(200, 0.16, 0.3, 'sawtooth')],
  // Two people, one pair of documents: a long falling alarm, unlike any other.
  mismatch: [n(740, 0, 0.2, 'square'), n(370, 0.22, 0.2, 'square'), n(740, 0.44, 0.2, 'square'), n(370, 0.66, 0.3, 'square')],
  'id-type-not-accepted': [n(350, 0, 0.14, 'sawtooth'), n(350, 0.2, 0.14, 'sawtooth')],
  late: [n(392, 0, 0.3, 'triangle'), n(330, 0.32, 0.3, 'triangle'), n(262, 0.64, 0.4, 'triangle')],
  'wrong-session': [n(587, 0, 0.14, 'triangle'), n(440, 0.16, 0.14, 'triangle'), n(587, 0.32, 0.14, 'triangle')],
  // Off the roster since the import: low, high, low, so it is not heard as plain 不在名单.
  withdrawn: [n(247, 0, 0.2, 'square'), n(494, 0.24, 0.12, 'square'), n(247, 0.4, 0.3, 'square')],
  // Half done: one short high note, "go on".
  'awaiting-id': [n(988, 0, 0.08)],
  'awaiting-ticket': [n(988, 0, 0.08)],
  error: [n(160, 0, 0.35, 'triangle')],
};

let context: AudioContext | null | undefined;

function audioContext(): AudioContext | null {
  if (context !== undefined) return context;
  try {
    const Ctor = window.AudioContext ?? (window as unknown as { webkitAudioContext?: typeof AudioContext }).webkitAudioContext;
    context = Ctor ? new Ctor() : null;
  } catch {
    context = null;
  }
  return context;
}

/**
 * Browsers start audio only after a user gesture. Call from key and pointer handlers: a scanner's
 * keystrokes count as one, so the first scan already unlocks the tones.
 */
export function unlockAudio(): void {
  const ctx = audioContext();
  if (ctx && ctx.state === 'suspended') ctx.resume().catch(() => undefined);
}

/** Plays the verdict's tone; silent when audio is unavailable or not yet allowed. */
export function playVerdictTone(kind: VerdictKind): void {
  playNotes(TONES[kind]);
}

/** A bell of three falling notes, twice: the whole room looks up (开考, 停止交卷, 考试结束). */
const CHIME: Note[] = [1047, 784, 523, 1047, 784, 523].map((hz, i) => n(hz, i * 0.45 + (i >= 3 ? 0.5 : 0), 0.9, 'sine'));

export function playChime(): void {
  playNotes(CHIME);
}

function playNotes(notes: Note[] | undefined): void {
  const ctx = audioContext();
  if (!notes || !ctx || ctx.state !== 'running') return;
  try {
    const start = ctx.currentTime + 0.01;
    for (const note of notes) {
      const osc = ctx.createOscillator();
      const gain = ctx.createGain();
      osc.type = note.wave;
      osc.frequency.value = note.hz;
      const t0 = start + note.at;
      const t1 = t0 + note.len;
      gain.gain.setValueAtTime(0.0001, t0);
      gain.gain.exponentialRampToValueAtTime(0.25, t0 + 0.01);
      gain.gain.setValueAtTime(0.25, Math.max(t0 + 0.01, t1 - 0.03));
      gain.gain.exponentialRampToValueAtTime(0.0001, t1);
      osc.connect(gain).connect(ctx.destination);
      osc.start(t0);
      osc.stop(t1 + 0.02);
    }
  } catch {
    // No sound is better than a broken door screen.
  }
}
