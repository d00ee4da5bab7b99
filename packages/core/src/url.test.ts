import { expect } from '@open-wc/testing';
import { isLoopbackHost, safeUrl } from './url.js';

describe('safeUrl', () => {
  it('accepts https URLs and returns them normalized', () => {
    expect(safeUrl('https://mastodon.social/@Gargron/1')).to.equal(
      'https://mastodon.social/@Gargron/1',
    );
    expect(safeUrl('HTTPS://Mastodon.SOCIAL/a?b=c#d')).to.equal('https://mastodon.social/a?b=c#d');
    expect(safeUrl('https://files.example/x.png')).to.equal('https://files.example/x.png');
    expect(safeUrl('https://example.social:8443/path')).to.equal(
      'https://example.social:8443/path',
    );
  });

  it('accepts http only on loopback hosts', () => {
    expect(safeUrl('http://localhost/x')).to.equal('http://localhost/x');
    expect(safeUrl('http://localhost:3000/api')).to.equal('http://localhost:3000/api');
    expect(safeUrl('http://LOCALHOST:3000/')).to.equal('http://localhost:3000/');
    expect(safeUrl('http://127.0.0.1:8080/a')).to.equal('http://127.0.0.1:8080/a');
    expect(safeUrl('http://127.1.2.3/')).to.equal('http://127.1.2.3/');
    expect(safeUrl('http://[::1]:4000/')).to.equal('http://[::1]:4000/');
  });

  it('rejects http on any other host', () => {
    for (const url of [
      'http://example.com/',
      'http://mastodon.social/@a/1',
      'http://localhost.evil.example/',
      'http://127.0.0.1.evil.example/',
      'http://evil.example/?localhost',
      'http://192.168.1.1/',
      'http://10.0.0.1/',
      'http://[::2]/',
    ]) {
      expect(safeUrl(url), url).to.be.undefined;
    }
  });

  it('rejects javascript: in every disguise', () => {
    for (const url of [
      'javascript:alert(1)',
      'JaVaScRiPt:alert(1)',
      'JAVASCRIPT:alert(1)',
      'java\tscript:alert(1)',
      'java\nscript:alert(1)',
      'java\rscript:alert(1)',
      'java\u0000script:alert(1)',
      '   javascript:alert(1)',
      '\u0001\u0002javascript:alert(1)',
      '\u007fjavascript:alert(1)',
      '\u00a0javascript:alert(1)',
      '\u2028javascript:alert(1)',
      'javascript:alert(1)//https://example.com/',
      'javascript://https://example.com/%0aalert(1)',
      'javascript&#58;alert(1)',
      'javascript&colon;alert(1)',
      '&#106;avascript:alert(1)',
      '&#x6A;&#x61;&#x76;&#x61;script:alert(1)',
      'javascript%3Aalert(1)',
      ' \t javascript:alert(1)',
    ]) {
      expect(safeUrl(url), JSON.stringify(url)).to.be.undefined;
    }
  });

  it('rejects data:, vbscript:, file: and other schemes', () => {
    for (const url of [
      'data:text/html,<script>alert(1)</script>',
      'data:image/svg+xml;base64,PHN2Zz48L3N2Zz4=',
      'DATA:text/html,x',
      'vbscript:msgbox(1)',
      'VBScript:msgbox(1)',
      'file:///etc/passwd',
      'ftp://example.com/x',
      'mailto:a@example.com',
      'blob:https://example.com/0b5e5d7c-1',
      'about:blank',
      'chrome://settings',
      'ws://localhost/',
      'wss://example.com/',
      'intent://x#Intent;end',
    ]) {
      expect(safeUrl(url), url).to.be.undefined;
    }
  });

  it('rejects relative and protocol-relative URLs', () => {
    for (const url of [
      '//evil.example/x',
      '/relative',
      'relative',
      '?q=1',
      '#frag',
      './a',
      '../a',
      '',
      ' ',
      'https://',
      'https:///',
    ]) {
      expect(safeUrl(url), JSON.stringify(url)).to.be.undefined;
    }
  });

  it('rejects credentials in the URL', () => {
    expect(safeUrl('https://user:pass@example.com/')).to.be.undefined;
    expect(safeUrl('https://user@example.com/')).to.be.undefined;
    expect(safeUrl('https://:pass@example.com/')).to.be.undefined;
    expect(safeUrl('http://user:pass@localhost/')).to.be.undefined;
    // The browser would show only "trusted.example"; the real host is evil.example.
    expect(safeUrl('https://trusted.example@evil.example/')).to.be.undefined;
  });

  it('rejects non-strings', () => {
    for (const value of [
      undefined,
      null,
      0,
      42,
      true,
      {},
      [],
      ['https://example.com/'],
      new URL('https://example.com/'),
      { toString: () => 'https://example.com/' },
      Symbol('x'),
    ]) {
      expect(safeUrl(value), String(typeof value)).to.be.undefined;
    }
  });

  it('rejects URLs longer than 4096 characters', () => {
    const base = 'https://example.com/';
    const exact = base + 'a'.repeat(4096 - base.length);
    expect(exact.length).to.equal(4096);
    expect(safeUrl(exact)).to.equal(exact);
    expect(safeUrl(exact + 'a')).to.be.undefined;
    expect(safeUrl(base + 'a'.repeat(1_000_000))).to.be.undefined;
  });

  it('strips control characters rather than keeping them in the URL', () => {
    expect(safeUrl(' https://example.com/a ')).to.equal('https://example.com/a');
    expect(safeUrl('https://exa\tmple.com/\na')).to.equal('https://example.com/a');
  });
});

describe('isLoopbackHost', () => {
  it('is true for localhost, 127.x.x.x and [::1]', () => {
    for (const host of ['localhost', 'LocalHost', '127.0.0.1', '127.255.255.254', '[::1]']) {
      expect(isLoopbackHost(host), host).to.be.true;
    }
  });

  it('is false for everything else', () => {
    for (const host of [
      '',
      'example.com',
      'localhost.example',
      'mylocalhost',
      '127.0.0.1.example',
      '128.0.0.1',
      '127.0.0',
      '::1',
      '[::2]',
      '0.0.0.0',
      'localhost:3000',
    ]) {
      expect(isLoopbackHost(host), host).to.be.false;
    }
  });
});

describe('safeUrl({ link: true })', () => {
  it('accepts http links on any host, still nothing but http(s)', () => {
    expect(safeUrl('http://example.com/old', { link: true })).to.equal('http://example.com/old');
    expect(safeUrl('https://example.com/', { link: true })).to.equal('https://example.com/');
    for (const bad of [
      'javascript:alert(1)',
      'data:text/html,x',
      '//evil.example/',
      'ftp://x/',
      'http://u:p@x/',
    ]) {
      expect(safeUrl(bad, { link: true }), bad).to.be.undefined;
    }
  });
});
