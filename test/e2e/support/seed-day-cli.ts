import { seedDay } from './seed-day';

// node seed-day.cjs DATA_DIR OPTIONS_JSON → the seeded day as JSON on stdout (bundled by seedDayFolder).
const [dataDir, options] = process.argv.slice(2);
if (!dataDir) throw new Error('usage: seed-day DATA_DIR [OPTIONS_JSON]');
process.stdout.write(JSON.stringify(seedDay(dataDir, options ? (JSON.parse(options) as Parameters<typeof seedDay>[1]) : {})));
