// What `anchang serve` says when it starts: where it listens (HOST and port) and the address the office's
// phones and the floor TV should open. A pure function of the address and the machine's interfaces
// (os.networkInterfaces(), passed in), so it is tested without a network.
import type { NetworkInterfaceInfo } from 'node:os';

export type Interfaces = Readonly<Record<string, readonly NetworkInterfaceInfo[] | undefined>>;

const ANY = new Set(['0.0.0.0', '::', '[::]']);
const LOOPBACK = /^(127\.|localhost$|::1$|\[::1\]$)/;
/** Virtual interfaces (containers, VPN bridges) that phones on the office's Wi-Fi cannot reach. */
const VIRTUAL = /^(docker|br-|veth|virbr|lo)/;

function isPrivate(ip: string): boolean {
  return /^(10\.|192\.168\.|172\.(1[6-9]|2\d|3[01])\.)/.test(ip);
}

/** The machine's LAN IPv4 addresses, the likeliest first (physical interfaces, private ranges). */
export function lanAddresses(interfaces: Interfaces): string[] {
  const found: { ip: string; rank: number }[] = [];
  for (const [name, list] of Object.entries(interfaces)) {
    for (const i of list ?? []) {
      if (i.family !== 'IPv4' || i.internal || i.address.startsWith('169.254.')) continue;
      found.push({ ip: i.address, rank: (VIRTUAL.test(name) ? 2 : 0) + (isPrivate(i.address) ? 0 : 1) });
    }
  }
  return found.sort((a, b) => a.rank - b.rank).map((f) => f.ip);
}

export interface BannerInput {
  /** The address this PC opens (`http://localhost:3000`). */
  readonly url: string;
  readonly host: string;
  readonly port: number;
  readonly store: string;
  readonly interfaces: Interfaces;
}

export function startupBanner({ url, host, port, store, interfaces }: BannerInput): string[] {
  const lines = [`Anchang 案场 is running at ${url}  (${store})`, `  listening on HOST=${host}, port ${port}`];
  if (LOOPBACK.test(host)) {
    lines.push(`  phones and the floor TV cannot reach it: ${host} answers this PC only. To let them in, start it with HOST=0.0.0.0 (e.g. \`HOST=0.0.0.0 npm start\`)`);
  } else if (ANY.has(host)) {
    const [first, ...others] = lanAddresses(interfaces);
    if (first === undefined) lines.push('  phones and the floor TV: no network address found; connect this PC to the office network (Wi-Fi or cable)');
    else lines.push(`  phones and the floor TV open http://${first}:${port}${others.length > 0 ? `  (this PC is also at ${others.map((ip) => `http://${ip}:${port}`).join(', ')})` : ''}`);
  } else {
    lines.push(`  phones and the floor TV open http://${host.includes(':') ? `[${host}]` : host}:${port}`);
  }
  return lines;
}
