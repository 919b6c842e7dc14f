import { loadAppConfig } from './app-config.js';

describe('configuration', () => {
  describe('TRUST_PROXY', () => {
    const trustProxy = (value?: string) => loadAppConfig(value === undefined ? {} : { TRUST_PROXY: value }).trustProxy;

    it('trusts no proxy when unset or 0, a number of hops, or a list of proxy addresses', () => {
      expect(trustProxy()).toBe(false);
      expect(trustProxy('0')).toBe(false);
      expect(trustProxy('1')).toBe(1);
      expect(trustProxy('2')).toBe(2);
      expect(trustProxy('loopback, 10.0.0.0/8,fd00::/8, 192.0.2.7')).toEqual(['loopback', '10.0.0.0/8', 'fd00::/8', '192.0.2.7']);
    });

    it('refuses "true" (Express would believe the left-most X-Forwarded-For address, which the client writes) and anything unreadable', () => {
      expect(() => trustProxy('true')).toThrow(/TRUST_PROXY: .*not true/);
      expect(() => trustProxy('yes')).toThrow(/TRUST_PROXY/);
      expect(() => trustProxy('10.0.0.0/33')).toThrow(/TRUST_PROXY: "10.0.0.0\/33" is not an IP address/);
      expect(() => trustProxy('nginx')).toThrow(/TRUST_PROXY: "nginx"/);
      expect(() => trustProxy('99')).toThrow(/TRUST_PROXY/);
    });
  });

  describe('HOST', () => {
    it('listens on loopback only when the demo accounts are loaded and HOST is not set', () => {
      expect(loadAppConfig({})).toMatchObject({ seedDemo: true, host: '127.0.0.1' });
      expect(loadAppConfig({ SEED_DEMO: '1', DATABASE_URL: 'postgres://a@db/attune' })).toMatchObject({ seedDemo: true, host: '127.0.0.1' });
    });

    it('listens on every interface without demo data, and where HOST says when it is set', () => {
      expect(loadAppConfig({ DATABASE_URL: 'postgres://a@db/attune' })).toMatchObject({ seedDemo: false, host: '0.0.0.0' });
      expect(loadAppConfig({ SEED_DEMO: '0' })).toMatchObject({ seedDemo: false, host: '0.0.0.0' });
      expect(loadAppConfig({ HOST: '0.0.0.0' })).toMatchObject({ seedDemo: true, host: '0.0.0.0' });
      expect(loadAppConfig({ HOST: '192.0.2.10', DATABASE_URL: 'postgres://a@db/attune' }).host).toBe('192.0.2.10');
    });
  });
});
