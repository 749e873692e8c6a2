import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { sampleDaySchema } from '../../../shared/sample/sample-day';

/** The bundled sample day, as the e2e tests know it (they pick real candidates from it). */
export function loadSampleDay() {
  const raw: unknown = JSON.parse(readFileSync(resolve(__dirname, '..', '..', '..', 'resources', 'sample-day', 'sample-day.json'), 'utf8'));
  return sampleDaySchema.parse(raw);
}
