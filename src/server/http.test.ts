// @vitest-environment node
import { afterEach, describe, expect, it, vi } from 'vitest';
import { escapeHtml, jsonForScript, randomToken, readCookie, safeEqual, serializeCookie } from './http';

describe('server http helpers', () => {
  describe('jsonForScript', () => {
    it('cannot close the script element or open a comment, and still parses to the same value', () => {
      const value = { text: '</script><script>alert(1)</script><!--', sep: '\u2028\u2029' };
      const json = jsonForScript(value);
      expect(json).not.toMatch(/[<\u2028\u2029]/);
      expect(JSON.parse(json)).toEqual(value);
    });
  });

  describe('escapeHtml', () => {
    it('escapes the five significant characters', () => {
      expect(escapeHtml(`<a href="x" title='y'>&</a>`)).toBe('&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;');
    });
  });

  describe('readCookie', () => {
    const request = (cookie: string) => new Request('https://x.test/', { headers: { cookie } });
    it('finds a cookie among others, the first when repeated', () => {
      expect(readCookie(request('a=1; sid=abc; b=2; sid=def'), 'sid')).toBe('abc');
      expect(readCookie(request('xsid=1'), 'sid')).toBeUndefined();
      expect(readCookie(new Request('https://x.test/'), 'sid')).toBeUndefined();
    });
  });

  describe('serializeCookie', () => {
    it('always sets HttpOnly, SameSite=Lax and Path=/, and Secure on demand', () => {
      expect(serializeCookie('sid', 'v', { maxAgeSeconds: 600, secure: true })).toBe(
        'sid=v; Path=/; Max-Age=600; HttpOnly; SameSite=Lax; Secure',
      );
      expect(serializeCookie('sid', 'v', { maxAgeSeconds: 600, secure: false })).not.toContain('Secure');
    });
  });

  describe('randomToken', () => {
    afterEach(() => {
      vi.unstubAllGlobals();
    });

    it('is base64url without padding and different every time', async () => {
      const tokens = new Set(await Promise.all(Array.from({ length: 100 }, () => randomToken())));
      expect(tokens.size).toBe(100);
      for (const token of tokens) expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    });

    it('falls back to node:crypto where globalThis.crypto is missing (Node 18)', async () => {
      vi.stubGlobal('crypto', undefined);
      expect(globalThis.crypto).toBeUndefined();
      const tokens = await Promise.all([randomToken(16), randomToken(16)]);
      expect(tokens[0]).toMatch(/^[A-Za-z0-9_-]{22}$/);
      expect(tokens[1]).not.toBe(tokens[0]);
    });
  });

  describe('safeEqual', () => {
    it('compares whole strings', () => {
      expect(safeEqual('abc', 'abc')).toBe(true);
      expect(safeEqual('abc', 'abd')).toBe(false);
      expect(safeEqual('abc', 'abcd')).toBe(false);
      expect(safeEqual('', '')).toBe(true);
    });
  });
});
