// Reading a RAM request: scheme detection, action/version/format, and the query + form-body merge.

import { describe, expect, it } from 'vitest';
import { formPost, wireRequest } from '../../testing/wire-request.js';
import { parseRamRequest } from './ram-request.js';

const V3_AUTH = 'ACS3-HMAC-SHA256 Credential=LTAIa,SignedHeaders=host,Signature=00';

describe('parseRamRequest', () => {
  describe('scheme', () => {
    it.each([
      ['an ACS3 Authorization header', wireRequest({ headers: { authorization: V3_AUTH } }), 'v3'],
      [
        'another ACS3 algorithm (rejected later, but still V3)',
        wireRequest({ headers: { authorization: 'ACS3-HMAC-SM3 Credential=a' } }),
        'v3',
      ],
      [
        'an ACS3 header even with a Signature parameter',
        wireRequest({ rawQuery: 'Signature=abc', headers: { authorization: V3_AUTH } }),
        'v3',
      ],
      ['a Signature query parameter', wireRequest({ rawQuery: 'Action=ListUsers&Signature=abc' }), 'v1'],
      ['a Signature form parameter', formPost('Action=ListUsers&Signature=abc'), 'v1'],
      ['an empty Signature parameter', wireRequest({ rawQuery: 'Signature=' }), 'v1'],
      [
        'a non-ACS3 Authorization with a Signature parameter',
        wireRequest({ rawQuery: 'Signature=abc', headers: { authorization: 'Bearer x' } }),
        'v1',
      ],
      ['no signature at all', wireRequest({ rawQuery: 'Action=ListUsers' }), 'none'],
      [
        'a non-ACS3 Authorization header',
        wireRequest({ headers: { authorization: 'AWS4-HMAC-SHA256 x' } }),
        'none',
      ],
      ['a lower-case signature parameter', wireRequest({ rawQuery: 'signature=abc' }), 'none'],
    ])('recognises %s', (_, request, scheme) => {
      expect(parseRamRequest(request).scheme).toBe(scheme);
    });
  });

  describe('action and version', () => {
    it('takes them from the x-acs-* headers for V3, ignoring parameters', () => {
      const ram = parseRamRequest(
        wireRequest({
          rawQuery: 'Action=DeleteUser&Version=2000-01-01',
          headers: { authorization: V3_AUTH, 'x-acs-action': 'ListUsers', 'x-acs-version': '2015-05-01' },
        }),
      );
      expect([ram.action, ram.version]).toEqual(['ListUsers', '2015-05-01']);
    });

    it('leaves them undefined for V3 when the headers are absent, even if parameters carry them', () => {
      const ram = parseRamRequest(
        wireRequest({ rawQuery: 'Action=ListUsers&Version=2015-05-01', headers: { authorization: V3_AUTH } }),
      );
      expect([ram.action, ram.version]).toEqual([undefined, undefined]);
    });

    it('takes them from the parameters for V1, over the headers pop-core also sends', () => {
      const ram = parseRamRequest(
        wireRequest({
          rawQuery: 'Action=ListUsers&Version=2015-05-01&Signature=x',
          headers: { 'x-acs-action': 'DeleteUser', 'x-acs-version': '2000-01-01' },
        }),
      );
      expect([ram.action, ram.version]).toEqual(['ListUsers', '2015-05-01']);
    });

    it('takes them from a V1 form body', () => {
      const ram = parseRamRequest(formPost('Action=CreateAccessKey&Version=2015-05-01&Signature=x'));
      expect([ram.action, ram.version]).toEqual(['CreateAccessKey', '2015-05-01']);
    });

    it('never takes a V1 action or version from the unsigned headers', () => {
      const ram = parseRamRequest(
        wireRequest({
          rawQuery: 'Signature=x',
          headers: { 'x-acs-action': 'ListUsers', 'x-acs-version': 'v' },
        }),
      );
      expect([ram.action, ram.version]).toEqual([undefined, undefined]);
    });

    it('lets an unsigned request name its action either way, so it is refused for the right reason', () => {
      const ram = parseRamRequest(
        wireRequest({ headers: { 'x-acs-action': 'ListUsers', 'x-acs-version': 'v' } }),
      );
      expect([ram.action, ram.version]).toEqual(['ListUsers', 'v']);
    });

    it('takes the first value of a repeated header', () => {
      const ram = parseRamRequest(
        wireRequest({ headers: { authorization: V3_AUTH, 'x-acs-action': ['ListUsers', 'DeleteUser'] } }),
      );
      expect(ram.action).toBe('ListUsers');
    });

    it('leaves them undefined when nothing names them', () => {
      const ram = parseRamRequest(wireRequest());
      expect([ram.action, ram.version]).toEqual([undefined, undefined]);
    });
  });

  describe('format', () => {
    it.each([
      ['XML', 'XML'],
      ['xml', 'XML'],
      ['Xml', 'XML'],
      ['JSON', 'JSON'],
      ['json', 'JSON'],
      ['yaml', 'JSON'],
      ['', 'JSON'],
    ])('reads Format=%j as %s', (value, format) => {
      expect(parseRamRequest(wireRequest({ rawQuery: `Format=${value}` })).format).toBe(format);
    });

    it('defaults to JSON without a Format (as V3 clients send)', () => {
      expect(parseRamRequest(wireRequest({ headers: { authorization: V3_AUTH } })).format).toBe('JSON');
    });

    it('reads Format from a form body', () => {
      expect(parseRamRequest(formPost('Format=xml')).format).toBe('XML');
    });
  });

  describe('parameters', () => {
    it('merges query and form body; the query wins for business use; signers see every pair', () => {
      const ram = parseRamRequest(
        formPost('UserName=body&Comments=from%20body&UserName=body2', { rawQuery: 'UserName=query&A=1' }),
      );
      expect(Object.fromEntries(ram.params)).toEqual({ UserName: 'query', A: '1', Comments: 'from body' });
      expect(ram.signed.queryPairs).toEqual([
        ['UserName', 'query'],
        ['A', '1'],
      ]);
      expect([...ram.signed.queryPairs, ...ram.signed.formPairs]).toEqual([
        ['UserName', 'query'],
        ['A', '1'],
        ['UserName', 'body'],
        ['Comments', 'from body'],
        ['UserName', 'body2'],
      ]);
    });

    it('keeps the first of repeated query parameters', () => {
      const ram = parseRamRequest(wireRequest({ rawQuery: 'UserName=a&UserName=b' }));
      expect(ram.params.get('UserName')).toBe('a');
      expect(ram.signed.queryPairs).toHaveLength(2);
    });

    it('decodes values, including characters querystring.stringify leaves raw', () => {
      const ram = parseRamRequest(
        wireRequest({ rawQuery: 'DisplayName=Alice%20Smith%20(dev)*!%27~%20%E5%BC%A0&Plus=a+b' }),
      );
      expect(ram.params.get('DisplayName')).toBe("Alice Smith (dev)*!'~ 张");
      expect(ram.params.get('Plus')).toBe('a b');
    });

    it.each([
      ['a charset parameter', 'application/x-www-form-urlencoded; charset=UTF-8'],
      ['upper case', 'Application/X-WWW-Form-Urlencoded'],
    ])('reads a form body whose content type has %s', (_, contentType) => {
      const ram = parseRamRequest(wireRequest({ body: 'A=1', headers: { 'content-type': contentType } }));
      expect(ram.params.get('A')).toBe('1');
    });

    it.each([
      ['no content type', {}],
      ['a JSON content type', { 'content-type': 'application/json' }],
      ['a multipart content type', { 'content-type': 'multipart/form-data; boundary=x' }],
    ])('ignores a body with %s', (_, headers) => {
      const ram = parseRamRequest(wireRequest({ body: 'A=1', headers }));
      expect(ram.params.size).toBe(0);
      expect([...ram.signed.queryPairs, ...ram.signed.formPairs]).toEqual([]);
    });

    it('reads nothing from an empty query and body', () => {
      const ram = parseRamRequest(formPost(''));
      expect(ram.params.size).toBe(0);
      expect(ram.signed.queryPairs).toEqual([]);
      expect([...ram.signed.queryPairs, ...ram.signed.formPairs]).toEqual([]);
    });
  });

  it('never throws on malformed input', () => {
    expect(() =>
      parseRamRequest(
        formPost('%E4%B8=%ZZ&&=', { rawQuery: '%%%&Signature=%', headers: { authorization: 'ACS3-' } }),
      ),
    ).not.toThrow();
  });
});
