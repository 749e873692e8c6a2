import { networkInterfaces } from 'node:os';

export interface LanAddress {
  interfaceName: string;
  address: string;
}

/**
 * The IPv4 addresses the office laptop may listen on for site sync, for the 主考 to choose one: the
 * listener never binds every interface by default (a laptop on a public Wi-Fi must not be offering it).
 */
export function listLanAddresses(): LanAddress[] {
  return Object.entries(networkInterfaces()).flatMap(([interfaceName, entries]) =>
    (entries ?? []).filter((entry) => entry.family === 'IPv4' && !entry.internal).map((entry) => ({ interfaceName, address: entry.address })),
  );
}
