// The start-up banner names HOST and the port, and the address phones and the floor TV should use.
import type { NetworkInterfaceInfo } from 'node:os';
import { describe, expect, it } from 'vitest';
import { lanAddresses, startupBanner, type Interfaces } from '../../src/server/startup-banner.ts';

function v4(address: string, internal = false): NetworkInterfaceInfo {
  return { address, family: 'IPv4', internal, netmask: '255.255.255.0', mac: '00:00:00:00:00:00', cidr: `${address}/24` };
}
const v6: NetworkInterfaceInfo = { address: 'fe80::1', family: 'IPv6', internal: false, netmask: 'ffff:ffff:ffff:ffff::', mac: '00:00:00:00:00:00', cidr: 'fe80::1/64', scopeid: 2 };

const OFFICE_PC: Interfaces = { lo: [v4('127.0.0.1', true)], docker0: [v4('172.17.0.1')], wlan0: [v6, v4('192.168.1.23')] };
const base = { url: 'http://localhost:3000', port: 3000, store: 'SQLite in ./data' };

describe('start-up banner', () => {
  it('on 127.0.0.1 says phones cannot reach it and how to allow them with HOST=0.0.0.0', () => {
    const lines = startupBanner({ ...base, host: '127.0.0.1', interfaces: OFFICE_PC });
    expect(lines[0]).toBe('Anchang 案场 is running at http://localhost:3000  (SQLite in ./data)');
    expect(lines[1]).toBe('  listening on HOST=127.0.0.1, port 3000');
    expect(lines[2]).toMatch(/phones and the floor TV cannot reach it/);
    expect(lines[2]).toContain('HOST=0.0.0.0');
  });

  it('on 0.0.0.0 gives the LAN IPv4 address phones and the TV open, the Wi-Fi before a container bridge', () => {
    const lines = startupBanner({ ...base, url: 'http://0.0.0.0:3000', host: '0.0.0.0', interfaces: OFFICE_PC });
    expect(lines[1]).toBe('  listening on HOST=0.0.0.0, port 3000');
    expect(lines[2]).toBe('  phones and the floor TV open http://192.168.1.23:3000  (this PC is also at http://172.17.0.1:3000)');
  });

  it('on 0.0.0.0 without a network says to connect the PC', () => {
    expect(startupBanner({ ...base, host: '0.0.0.0', interfaces: { lo: [v4('127.0.0.1', true)] } })[2]).toMatch(/no network address found/);
  });

  it('on a given address gives that address', () => {
    expect(startupBanner({ ...base, host: '10.0.0.5', port: 8080, interfaces: OFFICE_PC })[2]).toBe('  phones and the floor TV open http://10.0.0.5:8080');
  });

  it('ranks private physical addresses first and skips link-local ones', () => {
    expect(lanAddresses({ eth0: [v4('169.254.3.4'), v4('8.8.4.4')], en1: [v4('10.1.2.3')], veth9: [v4('192.168.9.9')] })).toEqual(['10.1.2.3', '8.8.4.4', '192.168.9.9']);
  });
});
