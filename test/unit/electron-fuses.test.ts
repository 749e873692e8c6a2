import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '..', '..');
// Read the file with the YAML parser and the option list electron-builder itself uses.
const builderRequire = createRequire(createRequire(resolve(ROOT, 'package.json')).resolve('app-builder-lib/package.json'));
const yaml = builderRequire('js-yaml') as { load: (text: string) => unknown };
const scheme = builderRequire('./scheme.json') as { definitions: { FuseOptionsV1: { properties: Record<string, unknown> } } };
const config = yaml.load(readFileSync(resolve(ROOT, 'electron-builder.yml'), 'utf8')) as { electronFuses?: Record<string, unknown> };

describe('Electron fuses of the packaged app (electron-builder.yml)', () => {
  it.each([
    ['runAsNode', false], // ELECTRON_RUN_AS_NODE would turn the app into a plain Node that runs any script
    ['enableNodeOptionsEnvironmentVariable', false],
    ['enableNodeCliInspectArguments', false],
    ['enableEmbeddedAsarIntegrityValidation', true],
    ['onlyLoadAppFromAsar', true],
    ['enableCookieEncryption', true],
    ['grantFileProtocolExtraPrivileges', false], // pages come from the app:// protocol, never file://
  ])('%s is %s', (fuse, value) => {
    expect(config.electronFuses?.[fuse]).toBe(value);
  });

  it('names only fuses electron-builder knows (a misspelt one fails packaging, which cannot run here)', () => {
    const known = Object.keys(scheme.definitions.FuseOptionsV1.properties);
    expect(Object.keys(config.electronFuses ?? {}).filter((key) => !known.includes(key))).toEqual([]);
  });
});
